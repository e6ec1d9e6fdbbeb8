"""graph.reuse: a file is linked from the last build exactly when what it read of the graph is unchanged."""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx

from graph.output import element_digests
from graph.reuse import Files


def _graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for n, name in (("a", "Ada"), ("b", "Bo"), ("c", "Cy"), ("d", "Di")):
        G.add_node(n, name=name)
    G.add_edge("b", "c", key="k1", type="CLAIMS")
    G.add_edge("d", "b", key="k2", type="CLAIMS")  # into b: the file below does not read it
    return G


def _write(g, folder: Path) -> Path:
    """Reads a's attributes and b's outgoing edges (and the names at their ends)."""
    text = g.nodes["a"]["name"] + ":" + ",".join(g.nodes[v]["name"] for _, v in g.out_edges("b"))
    path = folder / "sub" / "page.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _build(G: nx.MultiDiGraph, folder: Path, kept: dict | None, previous: Path | None, salt=b"v1",
           make=_write) -> tuple[Files, str]:
    files = Files(kept, previous, salt)
    files.digests(G, element_digests(G))
    if files.reuse("page", folder) is None:
        files.make(G, "page", folder, lambda g: make(g, folder))
    return files, (folder / "sub" / "page.txt").read_text(encoding="utf-8")


def test_a_file_is_reused_exactly_when_what_it_read_is_unchanged(tmp_path):
    G = _graph()
    first, text = _build(G, tmp_path / "1", None, None)
    assert text == "Ada:Cy" and first.reused == set()
    kept = first.kept()

    # nothing it read changed (an edge into b, a node it never read): linked, not made
    G.add_edge("a", "d", key="k3", type="CLAIMS")
    G.nodes["d"]["name"] = "Dee"
    same, text = _build(G, tmp_path / "2", kept, tmp_path / "1")
    assert same.reused == {"page"} and text == "Ada:Cy"
    assert os.path.samefile(tmp_path / "1" / "sub" / "page.txt", tmp_path / "2" / "sub" / "page.txt")

    # each of these changes something it read: made again, with the new content
    changes = {
        "a's attributes": lambda H: H.nodes["a"].update(name="Ana"),
        "the attributes of a node at the end of b's edges": lambda H: H.nodes["c"].update(name="Cid"),
        "an edge out of b": lambda H: H.add_edge("b", "a", key="k4", type="CLAIMS"),
        "an edge out of b changed": lambda H: H.edges["b", "c", "k1"].update(type="MENTIONS"),
        "b gone": lambda H: H.remove_node("b") or H.add_node("b2", name="Bo"),
    }
    for i, (what, change) in enumerate(changes.items()):
        H = _graph()
        change(H)
        again, text = _build(H, tmp_path / f"x{i}", kept, tmp_path / "1")
        assert again.reused == set(), what
        assert text == _write(H, tmp_path / f"check{i}").read_text(encoding="utf-8"), what


def test_a_file_is_made_again_when_the_old_one_or_the_code_changed_or_it_read_everything(tmp_path):
    G = _graph()
    kept = _build(G, tmp_path / "1", None, None)[0].kept()
    assert _build(G, tmp_path / "2", kept, tmp_path / "1", salt=b"v2")[0].reused == set()  # other code
    assert _build(G, tmp_path / "3", kept, tmp_path / "missing")[0].reused == set()  # no previous file
    (tmp_path / "1" / "sub" / "page.txt").write_text("edited by hand", encoding="utf-8")
    redo, text = _build(G, tmp_path / "4", kept, tmp_path / "1")
    assert redo.reused == set() and text == "Ada:Cy"

    def walk(g, folder: Path) -> Path:  # reads every node: never kept
        path = folder / "sub" / "page.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(",".join(d["name"] for _, d in g.nodes(data=True)), encoding="utf-8")
        return path

    walked = _build(G, tmp_path / "5", None, None, make=walk)[0]
    assert walked.kept()["files"] == {}
    assert _build(G, tmp_path / "6", walked.kept(), tmp_path / "5", make=walk)[0].reused == set()
