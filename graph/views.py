"""Interactive views: self-contained HTML pages built with pyvis's network model.

Each page carries its data and vis-network itself (gzip + base64, inflated in
the browser), so it works from ``file://`` with no network and no request for
any other file.  Positions are computed in advance with a networkx layout and
physics is off, so a page is still the moment it is drawn.  Every node type has
its own colour and shape (legend on the page), size follows weight, a hover
shows a short tooltip and a click shows the quotes and sources with links to
the moment in the video.  Search, a type filter and a person filter work on the
page's vis DataSet.
"""

from __future__ import annotations

import base64
import gzip
import html
import json
import math
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import networkx as nx
from jinja2 import Environment, FileSystemLoader, select_autoescape

from graph.output import dumps, edge_list
from graph.schema import slug

ASSETS = Path(__file__).parent / "assets"
MAX_NODES = 300
STYLE = {
    "Person": {"color": "#4e79a7", "shape": "dot"},
    "Organization": {"color": "#9c755f", "shape": "box"},
    "System": {"color": "#f28e2b", "shape": "diamond"},
    "Concept": {"color": "#59a14f", "shape": "triangle"},
    "Work": {"color": "#b07aa1", "shape": "square"},
    "Claim": {"color": "#bab0ac", "shape": "dot"},
    "Document": {"color": "#76b7b2", "shape": "star"},
}
EDGE_COLOR = {
    "DISAGREES_WITH": "#e15759", "AGREES_WITH": "#59a14f", "CITES": "#b07aa1", "MENTIONS": "#c9c9c9",
    "CLAIMS": "#9d9d9d", "AFFILIATED_WITH": "#9c755f", "DEVELOPED_BY": "#f28e2b", "TALKS_ABOUT": "#a0cbe8",
    "AUTHORED": "#b07aa1", "RESTATES": "#76b7b2", "NEXT": "#dddddd",
}
DIR = {"Person": "person", "System": "system", "Concept": "concept", "Document": "document"}


# --------------------------------------------------------------------------- helpers


@lru_cache(maxsize=1)
def _vis() -> tuple[str, str]:
    import pyvis

    path = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
    return base64.b64encode(gzip.compress(path.read_bytes(), 9, mtime=0)).decode(), "9.1.2"


@lru_cache(maxsize=1)
def _template():
    env = Environment(loader=FileSystemLoader(ASSETS), autoescape=select_autoescape(["html"]))
    return env.get_template("view.html")


def has_page(node_id: str, G: nx.MultiDiGraph) -> bool:
    """Whether :func:`write_views` writes a page for this node: a document, a person with claims, a
    system or concept some claim mentions."""
    t = G.nodes[node_id]["type"]
    if t == "Document":
        return True
    if t == "Person":
        return bool(_claims_of(G, node_id))
    if t in ("System", "Concept"):
        return any(e["type"] == "MENTIONS" for _, _, e in G.in_edges(node_id, data=True))
    return False


def page_name(node_id: str, G: nx.MultiDiGraph, written_only: bool = True) -> str | None:
    """``person/demis-hassabis.html`` for a node that has a page of its own (None for one that has
    no page written, so no link leads nowhere; ``written_only=False``: the name it would have)."""
    t = G.nodes[node_id]["type"]
    if t not in DIR or (written_only and not has_page(node_id, G)):
        return None
    key = Path(G.nodes[node_id]["path"]).with_suffix("").as_posix() if t == "Document" else node_id.split(":", 1)[1]
    return f"{DIR[t]}/{slug(key)}.html"


def _e(s) -> str:
    return html.escape(str(s or ""))


def _claim_html(G: nx.MultiDiGraph, cid: str, rel: str = "") -> str:
    c = G.nodes[cid]
    who = G.nodes[c["speaker"]]["name"] if c.get("speaker") else "unnamed speaker"
    doc = G.nodes[c["document"]]["name"]
    when = f' at <a href="{_e(c["url"])}" target="_blank">{_e(c["timestamp"])}</a>' if c.get("url") else (
        f" at {_e(c['timestamp'])}" if c.get("timestamp") else "")
    return f"<blockquote>{_e(c['quote'])}</blockquote><p class=note>{_e(who)} — <i>{_e(doc)}</i>{when}{rel}</p>"


def _details(G: nx.MultiDiGraph, nid: str, href) -> str:
    d = G.nodes[nid]
    t = d["type"]
    if t == "Claim":
        return f"<h2>Claim</h2>{_claim_html(G, nid)}"
    parts = [f"<h2>{_e(d['name'])}</h2><p class=note>{t}</p>"]
    if d.get("definition"):
        parts.append(f"<p>{_e(d['definition'])}</p>")
    if d.get("roles"):
        parts.append("<p>" + "; ".join(_e(f"{r['role']}, {r['organization']}" if r.get("organization") else r["role"])
                                        for r in d["roles"]) + "</p>")
    if t == "Work":
        bits = [d.get("kind"), str(d["year"]) if d.get("year") else None, ", ".join(d.get("authors") or [])]
        parts.append(f"<p>{_e(' · '.join(b for b in bits if b))}</p>")
    page = page_name(nid, G)
    if page:
        parts.append(f'<p><a href="{href(page)}">open its page</a></p>')
    return "".join(parts)


def _size(weight: float) -> float:
    """Node size grows with weight, on a log scale so one busy speaker does not cover the page."""
    return min(10 + 5 * math.log2(1 + max(weight, 0)), 48)


def _layout(H: nx.Graph, seed: int = 7) -> dict[str, tuple[float, float]]:
    if H.number_of_nodes() == 0:
        return {}
    scale = 70 * math.sqrt(H.number_of_nodes())
    # Fruchterman-Reingold costs n² per iteration; 40 settle a page of a few hundred nodes as well
    # as 80 did (compared on screenshots) in half the time.
    iterations = 80 if H.number_of_nodes() <= 100 else 40
    k = 3.0 / math.sqrt(max(H.number_of_nodes(), 1))
    if 1 < H.number_of_nodes() < 500:
        pos = _spring(H, k, iterations, seed)
    else:
        pos = nx.spring_layout(H, seed=seed, k=k, iterations=iterations)
    return {n: (float(x) * scale, float(y) * scale) for n, (x, y) in pos.items()}


def _spring(H: nx.Graph, k: float, iterations: int, seed: int, threshold: float = 1e-4) -> dict:
    """``nx.spring_layout(H, k=k, iterations=iterations, seed=seed)`` for fewer than 500 nodes: the same
    Fruchterman-Reingold steps from the same start, with x and y kept apart instead of in n×n×2 arrays
    (networkx's norms and einsums over those cost five times as much).  Positions agree with networkx's
    to rounding (within 0.5% of the layout's width on 90 random graphs)."""
    import numpy as np
    from networkx.drawing.layout import rescale_layout

    n = H.number_of_nodes()
    A = nx.to_numpy_array(H, weight="weight")
    start = np.random.RandomState(seed).rand(n, 2)
    x, y = start[:, 0].copy(), start[:, 1].copy()
    t = max(x.max() - x.min(), y.max() - y.min()) * 0.1  # the largest step, cooled linearly
    dt = t / (iterations + 1)
    for _ in range(iterations):
        dx = x[:, None] - x[None, :]
        dy = y[:, None] - y[None, :]
        d = np.sqrt(dx * dx + dy * dy)
        np.maximum(d, 0.01, out=d)
        force = k * k / (d * d) - A * d / k  # repulsion from every node, attraction along edges
        px = (dx * force).sum(axis=1)
        py = (dy * force).sum(axis=1)
        step = t / np.maximum(np.sqrt(px * px + py * py), 0.01)
        px *= step
        py *= step
        x += px
        y += py
        t -= dt
        if np.sqrt((px * px + py * py).sum()) / n < threshold:
            break
    return dict(zip(H, rescale_layout(np.column_stack([x, y]), scale=1)))


class ViewCache:
    """What the views keep between builds (in the build cache; without a file, nothing is kept).

    - **Layouts**, by the exact graph of a page (nodes and edges, in order) and the code that
      computed them: a page whose graph did not change is not laid out again.
    - **Pages**, by what they read of the graph (:class:`graph.reuse.Files`): a page whose reads
      are unchanged is linked from the last build's output.  The three maps, which walk the whole
      graph, are always made again.
    """

    def __init__(self, path: Path | None = None, previous: Path | None = None):
        """``path``: the cache file; ``previous``: the previous build's views folder."""
        from extract.cache import source_digest
        from graph.output import load_pickle
        from graph.reuse import Files

        self.path = Path(path) if path else None
        self.code = source_digest(Path(__file__), ASSETS / "view.html").encode() + _vis()[1].encode()
        kept = load_pickle(self.path) or {}
        self.old: dict[bytes, dict] = kept.get("layouts", {})  # layout key → positions
        self.used: dict[bytes, dict] = {}
        self.pages = Files(kept.get("pages"), previous, self.code, note=self.path is not None)
        self._last_layout: bytes | None = None

    def __call__(self, H: nx.Graph) -> dict[str, tuple[float, float]]:
        """The layout of a page's graph ``H``."""
        import hashlib

        key = hashlib.sha1(self.code + json.dumps([list(H.nodes), list(H.edges)]).encode()).digest()
        pos = self.old.get(key)
        if pos is None:
            pos = _layout(H)
        self.used[key] = pos
        self._last_layout = key
        return pos

    def write(self, G: nx.MultiDiGraph, job: "Job", max_nodes: int, out_dir: Path, make) -> Path:
        """The page of ``job``: from the last build when what it reads is unchanged (its layout kept
        for the next build too), else ``make(graph)``."""
        key = (job, max_nodes)
        reused = self.pages.reuse(key, out_dir)
        if reused is not None:
            path, layout = reused
            if layout is not None and layout in self.old:
                self.used[layout] = self.old[layout]
            return path
        self._last_layout = None
        return self.pages.make(G, key, out_dir, make, lambda: self._last_layout)

    def kept(self) -> dict:
        return {"layouts": self.used, "pages": self.pages.kept()}

    def save(self, path: Path | None = None) -> None:
        """Keep the layouts and pages of this build (in ``path``, else where they were read from)."""
        from graph.output import save_pickle

        if path or self.path:
            save_pickle(path or self.path, self.kept())

    def absorb(self, path: Path) -> None:
        """Add what another process writing pages of the same views saved at ``path`` (then removed)."""
        from graph.output import load_pickle

        kept = load_pickle(path)
        self.used.update(kept["layouts"])
        self.pages.absorb(kept["pages"])
        Path(path).unlink()


class Page:
    """Nodes and edges of one view, handed to pyvis's ``Network`` once the page is capped.

    Nodes and edges are collected here first (pyvis checks every addition against a list of all
    nodes, which is quadratic on a page that gathers thousands of claims before keeping the
    heaviest ``max_nodes``), and only the kept ones become pyvis nodes and edges.
    """

    def __init__(self, G: nx.MultiDiGraph, title: str, path: str, note: str = ""):
        self.G, self.title, self.path, self.note = G, title, path, note
        self.weights: Counter = Counter()
        self.intro = ""
        self.positions: dict[str, tuple[float, float]] | None = None  # fixed positions, else a spring layout
        self._nodes: dict[str, str | None] = {}  # node id → label given, in the order added
        self._edges: dict[tuple[str, str, str], tuple[float, str]] = {}  # (u, v, kind) → (weight, title)
        self._net = None

    def href(self, target: str) -> str:
        depth = self.path.count("/")
        return "../" * depth + target

    def node(self, nid: str, weight: float = 1, label: str | None = None) -> None:
        self.weights[nid] += weight
        if nid not in self._nodes:
            self._nodes[nid] = label
            self._net = None

    def edge(self, u: str, v: str, kind: str, weight: float = 1, title: str = "") -> None:
        if (u, v, kind) in self._edges or u == v:
            return
        self._edges[(u, v, kind)] = (weight, title)
        self._net = None

    def cap(self, keep: Iterable[str], max_nodes: int) -> int:
        """Keep the heaviest ``max_nodes`` nodes (always those in ``keep``); returns how many were dropped."""
        if len(self._nodes) <= max_nodes:
            return 0
        must = set(keep)
        ranked = sorted(self._nodes, key=lambda n: (n not in must, -self.weights[n], n))
        kept = set(ranked[:max_nodes])
        dropped = len(self._nodes) - len(kept)
        self._nodes = {n: label for n, label in self._nodes.items() if n in kept}
        self._edges = {e: w for e, w in self._edges.items() if e[0] in kept and e[1] in kept}
        self._net = None
        return dropped

    def _node_options(self, nid: str, label: str | None) -> dict:
        d = self.G.nodes[nid]
        t = d["type"]
        if t == "Claim":
            who = self.G.nodes[d["speaker"]]["name"] if d.get("speaker") else "unnamed"
            tip = f"“{d['text']}”\n— {who}, {self.G.nodes[d['document']]['name']}" + (
                f" at {d['timestamp']}" if d.get("timestamp") else "")
            lab = label or (d["name"][:40] + ("…" if len(d["name"]) > 40 else ""))
        else:
            tip = f"{d['name']} ({t})"
            lab = label or d["name"]
        return {"label": lab, "title": tip, "group": t, "details": _details(self.G, nid, self.href),
                "search": d.get("text", "") + " " + " ".join(d.get("aliases") or [])}

    @property
    def net(self):
        """The page as a pyvis ``Network`` (nodes and edges made by pyvis's ``Node`` and ``Edge``)."""
        if self._net is None:
            from pyvis.edge import Edge
            from pyvis.network import Network
            from pyvis.node import Node

            net = Network(directed=True, cdn_resources="in_line")
            for nid, label in self._nodes.items():
                opts = self._node_options(nid, label)
                n = Node(nid, STYLE[opts["group"]]["shape"], font_color=net.font_color, **opts)
                net.nodes.append(n.options)
                net.node_ids.append(nid)
                net.node_map[nid] = n.options
            for (u, v, kind), (weight, title) in self._edges.items():
                net.edges.append(Edge(u, v, True, title=title or kind.replace("_", " ").lower(),
                                      color=EDGE_COLOR.get(kind, "#999"), value=weight, arrows="to", kind=kind).options)
            self._net = net
        return self._net

    def render(self, out_dir: Path, positions: dict | None = None, people: bool = True,
               layouts: ViewCache | None = None) -> Path:
        nodes = self.net.nodes
        H = nx.Graph()
        H.add_nodes_from(n["id"] for n in nodes)
        H.add_edges_from((e["from"], e["to"]) for e in self.net.edges)
        pos = positions or self.positions or (layouts or _layout)(H)
        for n in nodes:
            n["size"] = _size(self.weights[n["id"]]) if n["group"] != "Claim" else 8
            n["x"], n["y"] = pos.get(n["id"], (0.0, 0.0))
            n["font"] = {"size": 11 if n["group"] == "Claim" else 14, "strokeWidth": 3, "strokeColor": "#ffffff"}
        edges = [{**e, "id": f"e{i}"} for i, e in enumerate(self.net.edges)]
        options = {
            "physics": {"enabled": False},
            "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False, "keyboard": True},
            "edges": {"smooth": False, "scaling": {"min": 1, "max": 8}, "arrows": {"to": {"scaleFactor": 0.5}}},
            "nodes": {"borderWidth": 1},
            "groups": {t: {"color": {"background": s["color"], "border": "#444"}, "shape": s["shape"]}
                       for t, s in STYLE.items()},
        }
        types = sorted({n["group"] for n in nodes}, key=list(STYLE).index)
        plist = sorted(({"id": n["id"], "name": n["label"]} for n in nodes if n["group"] == "Person"),
                       key=lambda p: p["name"]) if people else []
        data = dumps({"nodes": nodes, "edges": edges, "options": options}).decode("utf-8").replace("</", "<\\/")
        vis_gz, version = _vis()
        kinds = sorted({e["kind"] for e in self.net.edges})
        text = _template().render(
            title=self.title, index_href=self.href("index.html"), types=types, people=plist,
            legend=[(t, STYLE[t]) for t in types], edge_legend=[(k.replace("_", " ").lower(), EDGE_COLOR.get(k, "#999")) for k in kinds],
            note=self.note, intro=self.intro, data=data, vis_gz=vis_gz, vis_version=version,
        )
        path = out_dir / self.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path


# --------------------------------------------------------------------------- graph helpers


def _by_type(G, t: str) -> list[str]:
    return [n for n, d in G.nodes(data=True) if d["type"] == t]


def _claims_of(G, person: str) -> list[str]:
    return [v for _, v, d in G.out_edges(person, data=True) if d["type"] == "CLAIMS"]


def _speaker(G, cid: str) -> str | None:
    return G.nodes[cid].get("speaker")


def _person_of(G, nid: str) -> str | None:
    """The person behind a node: itself, or a claim's speaker."""
    t = G.nodes[nid]["type"]
    if t == "Person":
        return nid
    if t == "Claim":
        return _speaker(G, nid)
    return None


def _dropped_note(n: int, max_nodes: int) -> str:
    return f"{n} lighter nodes hidden to keep the view readable (cap {max_nodes}; raise it with --max-nodes)." if n else ""


# --------------------------------------------------------------------------- views


def overview(G, max_nodes: int = MAX_NODES) -> Page:
    p = Page(G, "Overview: people, organizations, systems and concepts", "overview.html")
    # one walk over the edges (a claim's edges are mostly restatements, so walking each claim's is slower)
    mentions: dict[str, list[str]] = defaultdict(list)  # claim → what it mentions, in its edges' order
    argued = []
    for u, v, _, d in edge_list(G):  # (the build's one list of edges while it writes)
        if d["type"] == "MENTIONS":
            mentions[u].append(v)
        elif d["type"] in ("DISAGREES_WITH", "AGREES_WITH", "AFFILIATED_WITH", "DEVELOPED_BY"):
            argued.append((u, v, d))
    talks: Counter = Counter()
    for person in _by_type(G, "Person"):
        for cid in _claims_of(G, person):
            for x in mentions.get(cid, ()):
                if G.nodes[x]["type"] in ("Person", "Organization", "System", "Concept"):
                    talks[(person, x)] += 1
    for (person, x), n in talks.items():
        p.node(person, n)
        p.node(x, n)
        p.edge(person, x, "TALKS_ABOUT", n, f"{n} claims")
    for u, v, d in argued:
        a, b = _person_of(G, u) or u, _person_of(G, v) or v
        if G.nodes[a]["type"] in STYLE and G.nodes[b]["type"] in ("Person", "Organization", "System", "Concept"):
            p.node(a, 1)
            p.node(b, 1)
            p.edge(a, b, d["type"], 2, f"{d['type'].replace('_', ' ').lower()}: {d.get('quote') or ''}"[:200])
    dropped = p.cap(_by_type(G, "Person"), max_nodes)
    p.note = "Claims are folded into weighted edges: a person → what their claims mention. " + _dropped_note(dropped, max_nodes)
    return p


def disagreements(G, max_nodes: int = MAX_NODES) -> Page:
    p = Page(G, "Disagreement map", "disagreements.html",
             "Red: disagrees with; green: agrees with. People, and the claims they contest or endorse.")
    for u, v, _, d in edge_list(G):  # (the build's one list of edges while it writes)
        if d["type"] not in ("DISAGREES_WITH", "AGREES_WITH"):
            continue
        for n in (u, v):
            p.node(n, 2)
            who = _person_of(G, n)
            if who and who != n:
                p.node(who, 1)
                p.edge(who, n, "CLAIMS", 1, "claims")
        p.edge(u, v, d["type"], 3, f"{d['type'].replace('_', ' ').lower()}: “{d.get('quote') or ''}”")
    dropped = p.cap(_by_type(G, "Person"), max_nodes)
    p.note += " " + _dropped_note(dropped, max_nodes)
    return p


def citations(G, max_nodes: int = MAX_NODES) -> Page:
    p = Page(G, "Citation map", "citations.html", "Works, who cites them (a claim is folded into its speaker), and who wrote them.")
    for u, v, _, d in edge_list(G):  # (the build's one list of edges while it writes)
        if d["type"] == "CITES":
            src = _person_of(G, u) or u
            p.node(src, 1)
            p.node(v, 2)
            p.edge(src, v, "CITES", 2, f"cites: “{d.get('quote') or ''}”"[:240])
        elif d["type"] == "AUTHORED" and G.nodes[v]["type"] == "Work":
            p.node(u, 1)
            p.node(v, 1)
            p.edge(u, v, "AUTHORED", 1, "authored")
    dropped = p.cap(_by_type(G, "Work"), max_nodes)
    p.note += " " + _dropped_note(dropped, max_nodes)
    return p


def person_view(G, pid: str, max_nodes: int = MAX_NODES) -> Page:
    d = G.nodes[pid]
    p = Page(G, d["name"], page_name(pid, G, written_only=False))
    p.node(pid, 10)
    topics: dict[str, list[str]] = defaultdict(list)
    claims = _claims_of(G, pid)
    # each claim's edges walked once (mostly restatements): for its mentions, then for the lists below
    edges_of = {cid: list(G.out_edges(cid, data=True)) for cid in claims}
    for cid in claims:
        ms = [m for _, m, e in edges_of[cid] if e["type"] == "MENTIONS" and (G.nodes[m]["type"] != "Person" or m != pid)]
        p.node(cid, 1)
        if ms:
            for m in ms:
                topics[m].append(cid)
                p.node(m, 1)
                p.edge(cid, m, "MENTIONS", 1, "mentions")
        else:
            p.edge(pid, cid, "CLAIMS", 1, "claims")
    for t, cids in topics.items():
        p.edge(pid, t, "TALKS_ABOUT", len(cids), f"{len(cids)} claims")
    lists = {"DISAGREES_WITH": [], "AGREES_WITH": [], "CITES": []}
    for u, v, e in (edge for edges in (G.out_edges(pid, data=True), *edges_of.values()) for edge in edges):
        if e["type"] in lists:
            target = _person_of(G, v) or v
            p.node(target, 2)
            p.edge(pid, target, e["type"], 2, f"“{e.get('quote') or ''}”")
            if (target, e.get("quote")) not in {(t, x.get("quote")) for t, x in lists[e["type"]]}:
                lists[e["type"]].append((target, e))
    dropped = p.cap([pid, *topics], max_nodes)
    parts = [f"<p class=note>{_e(', '.join(r['role'] + (' of ' + r['organization'] if r.get('organization') else '') for r in d.get('roles') or []))}</p>"]
    for rel, label in (("DISAGREES_WITH", "Disagrees with"), ("AGREES_WITH", "Agrees with"), ("CITES", "Cites")):
        if lists[rel]:
            parts.append(f"<h2>{label}</h2>" + "".join(
                f"<p><b>{_e(G.nodes[t]['name'])}</b>: “{_e(e.get('quote'))}”</p>" for t, e in lists[rel]))
    parts.append("<h2>Claims by topic</h2>")
    for t, cids in sorted(topics.items(), key=lambda kv: -len(kv[1]))[:25]:
        parts.append(f"<h3>{_e(G.nodes[t]['name'])} ({len(cids)})</h3>" + "".join(_claim_html(G, c) for c in cids[:5]))
    p.intro = "".join(parts)
    p.note = _dropped_note(dropped, max_nodes)
    return p


def entity_view(G, nid: str, max_nodes: int = MAX_NODES) -> Page:
    """A system's or concept's page: the claims that mention it and who made them."""
    d = G.nodes[nid]
    p = Page(G, f"{d['name']} ({d['type']})", page_name(nid, G, written_only=False) or f"{slug(nid)}.html")
    p.node(nid, 10)
    claims = [u for u, _, e in G.in_edges(nid, data=True) if e["type"] == "MENTIONS"]
    for cid in claims:
        p.node(cid, 1)
        p.edge(cid, nid, "MENTIONS", 1, "mentions")
        who = _speaker(G, cid)
        if who:
            p.node(who, 1)
            p.edge(who, cid, "CLAIMS", 1, "claims")
    for u, v, e in list(G.out_edges(nid, data=True)) + list(G.in_edges(nid, data=True)):
        if e["type"] in ("DEVELOPED_BY", "DISAGREES_WITH", "AGREES_WITH", "CITES"):
            for n in (u, v):
                p.node(n, 2)
            p.edge(u, v, e["type"], 2)
    dropped = p.cap([nid], max_nodes)
    intro = f"<p>{_e(d['definition'])}</p>" if d.get("definition") else ""
    p.intro = intro + f"<p>{len(claims)} claims mention it.</p>" + "".join(_claim_html(G, c) for c in claims[:20])
    p.note = _dropped_note(dropped, max_nodes)
    return p


def document_view(G, did: str, max_nodes: int = MAX_NODES) -> Page:
    d = G.nodes[did]
    p = Page(G, d["name"], page_name(did, G, written_only=False))
    claims = sorted((u for u, _, e in G.in_edges(did, data=True) if e["type"] == "STATED_IN"),
                    key=lambda c: G.nodes[c]["start"])[:max_nodes]
    speakers = sorted({_speaker(G, c) for c in claims if _speaker(G, c)})
    pos: dict[str, tuple[float, float]] = {}
    for j, who in enumerate(speakers):
        p.node(who, sum(1 for c in claims if _speaker(G, c) == who))
        pos[who] = (j * 400.0, -100.0)
    cols = max(1, int(math.sqrt(len(claims) * 2)))
    for i, cid in enumerate(claims):
        p.node(cid, 1)
        pos[cid] = ((i % cols) * 170.0, (i // cols) * 110.0 + 200)
        if i:
            p.edge(claims[i - 1], cid, "NEXT", 1, "then")
        who = _speaker(G, cid)
        if who:
            p.edge(who, cid, "CLAIMS", 1, "claims")
    p.intro = (f"<p class=note>{_e(d['format'])} · {_e(d['path'])}</p><p>{len(claims)} claims in order; "
               f"speakers: {_e(', '.join(G.nodes[s]['name'] for s in speakers) or 'not named')}.</p>")
    p.positions = pos
    return p


# --------------------------------------------------------------------------- index and writing


def index_html(G, pages: dict[str, list[tuple[str, str]]]) -> str:
    known = G.graph.get("counts") or {}  # the build's summary (graph.build.summary), when it is there
    counts = known.get("nodes") or Counter(d["type"] for _, d in G.nodes(data=True))
    ecounts = known.get("edges") or Counter(d["type"] for _, _, d in G.edges(data=True))
    claims_by = Counter(d.get("speaker") for _, d in G.nodes(data=True) if d["type"] == "Claim")
    rows = "".join(f"<tr><td>{_e(t)}</td><td>{n}</td></tr>" for t, n in sorted(counts.items()))
    erows = "".join(f"<tr><td>{_e(t)}</td><td>{n}</td></tr>" for t, n in sorted(ecounts.items()))
    docs = "".join(
        f"<tr><td><a href='{page_name(n, G)}'>{_e(d['name'])}</a></td><td>{_e(d['format'])}</td><td>{_e(d['path'])}</td>"
        f"<td>{sum(1 for _, _, e in G.in_edges(n, data=True) if e['type'] == 'STATED_IN')}</td></tr>"
        for n, d in sorted(G.nodes(data=True), key=lambda x: x[1].get("path") or "") if d["type"] == "Document")
    people = "".join(
        f"<tr><td><a href='{page_name(pid, G)}'>{_e(G.nodes[pid]['name'])}</a></td><td>{n}</td></tr>"
        for pid, n in claims_by.most_common() if pid)
    unnamed = claims_by.get(None, 0)
    lists = "".join(
        f"<h2>{_e(kind)}</h2><p>" + " · ".join(f"<a href='{href}'>{_e(name)}</a>" for name, href in items) + "</p>"
        for kind, items in pages.items() if items)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>claimgraph</title>
<style>body{{font:14px/1.5 system-ui,sans-serif;margin:24px auto;max-width:980px;color:#222;padding:0 16px}}
table{{border-collapse:collapse;margin:8px 0 20px}}td,th{{border-bottom:1px solid #eee;padding:3px 12px 3px 0;text-align:left}}
a{{color:#1f5fa8;text-decoration:none}}.big a{{font-size:16px;margin-right:18px}}</style></head><body>
<h1>claimgraph</h1>
<p class="big"><a href="overview.html">Overview</a><a href="disagreements.html">Disagreement map</a><a href="citations.html">Citation map</a></p>
<div style="display:flex;gap:40px;flex-wrap:wrap"><div><h2>Nodes</h2><table>{rows}</table></div><div><h2>Edges</h2><table>{erows}</table></div></div>
<h2>Documents</h2><table><tr><th>title</th><th>format</th><th>path</th><th>claims</th></tr>{docs}</table>
<h2>People by number of claims</h2><table><tr><th>person</th><th>claims</th></tr>{people}
<tr><td><i>no named speaker</i></td><td>{unnamed}</td></tr></table>
{lists}
</body></html>"""


Job = tuple[str, str | None]  # a page to write: (kind, node id)


def view_jobs(G: nx.MultiDiGraph) -> tuple[list[Job], dict[str, list[tuple[str, str]]]]:
    """Every page :func:`write_views` writes, in order, and the index's lists of them (name, file)."""
    jobs: list[Job] = [("overview", None), ("disagreements", None), ("citations", None)]
    pages: dict[str, list[tuple[str, str]]] = {"People": [], "Systems": [], "Concepts": []}
    for pid in sorted(_by_type(G, "Person"), key=lambda n: G.nodes[n]["name"]):
        if has_page(pid, G):
            jobs.append(("person", pid))
            pages["People"].append((G.nodes[pid]["name"], page_name(pid, G)))
    for t, label in (("System", "Systems"), ("Concept", "Concepts")):
        for nid in sorted(_by_type(G, t), key=lambda n: G.nodes[n]["name"].lower()):
            if has_page(nid, G):
                jobs.append(("entity", nid))
                pages[label].append((G.nodes[nid]["name"], page_name(nid, G)))
    jobs += [("document", did) for did in _by_type(G, "Document")]
    return jobs, pages


_MAPS = {"overview": overview, "disagreements": disagreements, "citations": citations}


def map_pages(jobs: list[Job]) -> int:
    """How many of ``jobs`` (:func:`view_jobs`'s order) are maps, which come first: made from the
    whole graph, so never reused and never needing the element digests."""
    return sum(1 for kind, _ in jobs if kind in _MAPS)


def write_page(G: nx.MultiDiGraph, job: Job, out_dir: Path, max_nodes: int, cache: ViewCache) -> Path:
    """The page of ``job``: from the previous build when what it reads is unchanged, else made."""
    kind, nid = job
    if kind in _MAPS:
        make = lambda g: _MAPS[kind](g, max_nodes).render(out_dir, layouts=cache)  # noqa: E731
    elif kind == "person":
        make = lambda g: person_view(g, nid, max_nodes).render(out_dir, layouts=cache)  # noqa: E731
    elif kind == "entity":
        make = lambda g: entity_view(g, nid, max_nodes).render(out_dir, layouts=cache)  # noqa: E731
    else:
        make = lambda g: document_view(g, nid, max_nodes).render(out_dir, people=False, layouts=cache)  # noqa: E731
    return cache.write(G, job, max_nodes, out_dir, make)


def write_views(G: nx.MultiDiGraph, out_dir: Path, max_nodes: int = MAX_NODES, cache: ViewCache | None = None,
                jobs: tuple[list[Job], dict] | None = None, take=None, index: bool = True) -> list[Path]:
    """Write the index, the three maps and a page per person, system, concept and document.

    ``cache`` reuses the layouts and pages of the last build where they are unchanged (the caller
    saves it).  ``jobs`` is :func:`view_jobs`'s answer when the caller has it; with
    ``take``, a function giving the number of the next page to write (shared with another process
    writing the same views), only the pages it hands out are written; ``index`` writes the index.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    cache = cache or ViewCache()
    todo, pages = jobs or view_jobs(G)
    numbers = iter(range(len(todo)))
    take = take or (lambda: next(numbers, None))
    written = []
    while (i := take()) is not None and i < len(todo):
        written.append(write_page(G, todo[i], out_dir, max_nodes, cache))
    if index:
        (out_dir / "index.html").write_text(index_html(G, pages), encoding="utf-8")
        written.insert(0, out_dir / "index.html")
    return written


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
    if kind is None:
        return overview(G, max_nodes).render(Path(out_dir))
    nid = find_node(G, kind, name or "")
    page = person_view(G, nid, max_nodes) if kind == "Person" else entity_view(G, nid, max_nodes)
    return page.render(Path(out_dir))
