"""Interactive views: offline HTML pages of the graph (pyvis's network model, vis-network).

``write_views`` writes the index, the three maps (overview, disagreements, citations) and a page
per person, system, concept and document; ``write_view`` one page.

>>> write_views(G, Path("out/views"))   # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graph.layout import positions
from graph.views.debate import PAGE as DEBATE_PAGE, debate_page
from graph.views.document import document_page
from graph.views.entities import entity_view, person_view
from graph.views.index import SEARCH_ASSET, index_html, search_index
from graph.views.maps import citations, disagreements, overview
from graph.views.page import MAX_NODES, by_type, has_page, page_name, write_assets

Job = tuple[str, str | None]  # a page to write: (kind, node id)


def view_jobs(G: nx.MultiDiGraph) -> tuple[list[Job], dict[str, list[tuple[str, str]]]]:
    """Every page :func:`write_views` writes, in order, and the index's lists of them (name, file)."""
    jobs: list[Job] = [("overview", None), ("disagreements", None), ("citations", None), ("debate", None)]
    pages: dict[str, list[tuple[str, str]]] = {"People": [], "Systems": [], "Concepts": []}
    for pid in sorted(by_type(G, "Person"), key=lambda n: G.nodes[n]["name"]):
        if has_page(pid, G):
            jobs.append(("person", pid))
            pages["People"].append((G.nodes[pid]["name"], page_name(pid, G)))
    for t, label in (("System", "Systems"), ("Concept", "Concepts")):
        for nid in sorted(by_type(G, t), key=lambda n: G.nodes[n]["name"].lower()):
            if has_page(nid, G):
                jobs.append(("entity", nid))
                pages[label].append((G.nodes[nid]["name"], page_name(nid, G)))
    jobs += [("document", did) for did in by_type(G, "Document")]
    return jobs, pages


_MAPS = {"overview": overview, "disagreements": disagreements, "citations": citations}


def write_page(G: nx.MultiDiGraph, job: Job, out_dir: Path, max_nodes: int = MAX_NODES,
               where: dict | None = None) -> Path:
    """One page; ``where``: the whole graph's positions, which the maps are drawn with."""
    kind, nid = job
    if kind in _MAPS:
        return _MAPS[kind](G, max_nodes).render(out_dir, where if where is not None else positions(G))
    if kind == "debate":
        path = Path(out_dir) / DEBATE_PAGE
        path.write_text(debate_page(G), encoding="utf-8")
        return path
    if kind == "person":
        return person_view(G, nid, max_nodes).render(out_dir)
    if kind == "entity":
        return entity_view(G, nid, max_nodes).render(out_dir)
    name, text = document_page(G, nid, max_nodes)
    path = Path(out_dir) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def write_views(G: nx.MultiDiGraph, out_dir: Path, max_nodes: int = MAX_NODES, where: dict | None = None) -> list[Path]:
    """Write the shared assets, the index, the three maps and a page per person, system, concept and
    document.  ``where``: the graph's positions (:func:`graph.layout.positions`; the exports' too)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_assets(out_dir)
    jobs, pages = view_jobs(G)
    where = positions(G) if where is None else where
    written = [write_page(G, job, out_dir, max_nodes, where) for job in jobs]
    (out_dir / SEARCH_ASSET).write_text(search_index(G), encoding="utf-8")
    (out_dir / "index.html").write_text(index_html(G, pages), encoding="utf-8")
    return [out_dir / "index.html", *written]


def find_node(G: nx.MultiDiGraph, type_: str, name: str) -> str:
    """The node of ``type_`` called ``name`` (or with it as an alias), case-insensitive."""
    key = name.strip().lower()
    for n, d in G.nodes(data=True):
        if d["type"] == type_ and (d["name"].lower() == key or key in {a.lower() for a in d.get("aliases") or []}):
            return n
    close = sorted(d["name"] for _, d in G.nodes(data=True) if d["type"] == type_ and key in d["name"].lower())
    hint = f"; did you mean {', '.join(close[:3])}?" if close else ""
    raise KeyError(f"no {type_} named {name!r} in the graph{hint}")


def write_view(G: nx.MultiDiGraph, out_dir: Path, kind: str | None = None, name: str | None = None,
               max_nodes: int = MAX_NODES) -> Path:
    """Write one view: a person, system or concept page, or (no kind) the overview."""
    write_assets(Path(out_dir))
    if kind is None:
        return overview(G, max_nodes).render(Path(out_dir), positions(G))
    nid = find_node(G, kind, name or "")
    page = person_view(G, nid, max_nodes) if kind == "Person" else entity_view(G, nid, max_nodes)
    return page.render(Path(out_dir))
