"""One page of the views: its nodes and edges, their style, layout and the HTML it is written as.

Positions are computed in advance (networkx's spring layout) and physics is off, so a page is
still the moment it is drawn.  Every node type has its own colour and shape, size follows
weight, a hover shows a short tooltip and a click shows the quotes and sources with links to
the moment in the video.  vis-network is one shared file, ``assets/vis-network.min.js``, that
every page loads relatively, so the views work from ``file://`` with no network.
"""

from __future__ import annotations

import html
import math
import re
import shutil
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import networkx as nx
import orjson
from jinja2 import Environment, FileSystemLoader, select_autoescape

from graph.layout import place
from graph.schema import slug

TEMPLATES = Path(__file__).resolve().parent.parent / "assets"
VIS_ASSET = "assets/vis-network.min.js"
MAX_NODES = 300
NEIGHBOUR = 60  # a page's typical distance between a node and its nearest neighbour
LABEL_MIN, LABEL_MAX, LABEL_SHOWN = 8, 40, 7  # label font sizes by centrality; drawn once ≥ LABEL_SHOWN px on screen
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
    "CLAIMS": "#4e79a7", "AFFILIATED_WITH": "#9c755f", "DEVELOPED_BY": "#f28e2b", "TALKS_ABOUT": "#a0cbe8",
    "AUTHORED": "#edc948", "RESTATES": "#76b7b2", "NEXT": "#dddddd",
}
STANCE_VERB = {"DISAGREES_WITH": "disagrees with", "AGREES_WITH": "agrees with"}
DIR = {"Person": "person", "System": "system", "Concept": "concept", "Document": "document"}



def vis_source() -> Path:
    """vis-network as pyvis ships it (Apache-2.0/MIT)."""
    import pyvis

    return Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"


def write_assets(out_dir: Path) -> None:
    """The files every page loads: vis-network, once."""
    target = Path(out_dir) / VIS_ASSET
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(vis_source(), target)


@lru_cache(maxsize=1)
def _template():
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]))
    return env.get_template("view.html")


def has_page(node_id: str, G: nx.MultiDiGraph) -> bool:
    """Whether :func:`write_views` writes a page for this node: a document, a person with claims, a
    system or concept some claim mentions."""
    t = G.nodes[node_id]["type"]
    if t == "Document":
        return True
    if t == "Person":
        return any(d["type"] == "CLAIMS" for _, _, d in G.out_edges(node_id, data=True))
    if t in ("System", "Concept"):
        return any(e["type"] == "MENTIONS" and G.nodes[u]["type"] == "Claim" for u, _, e in G.in_edges(node_id, data=True))
    return False


def page_name(node_id: str, G: nx.MultiDiGraph, written_only: bool = True) -> str | None:
    """``person/demis-hassabis.html`` for a node that has a page of its own (None for one that has
    no page written, so no link leads nowhere; ``written_only=False``: the name it would have)."""
    t = G.nodes[node_id]["type"]
    if t not in DIR or (written_only and not has_page(node_id, G)):
        return None
    key = Path(G.nodes[node_id]["path"]).with_suffix("").as_posix() if t == "Document" else node_id.split(":", 1)[1]
    return f"{DIR[t]}/{slug(key)}.html"


class PageNames:
    """:func:`page_name` for many nodes of one graph, each worked out once (a document page names its
    speakers at every turn)."""

    def __init__(self, G: nx.MultiDiGraph):
        self.G, self.known = G, {}

    def __call__(self, nid: str) -> str | None:
        if nid not in self.known:
            self.known[nid] = page_name(nid, self.G)
        return self.known[nid]


def esc(s) -> str:
    return html.escape(str(s or ""))


# a caption file's cue numbers, timings ("00:00:02,400 --> 00:00:04,799") and tags ("<v Ada>", "<00:01.500>")
_CAPTION_MARKUP = re.compile(r"^\s*\d+\s*$|^[^\n]*\d+:\d+[^\n]*-->[^\n]*$"
                             r"|</?(?:v|c|i|b|u|lang|ruby|rt)(?:[ .][^<>\n]*)?>|<\d+(?::\d+)+(?:\.\d+)?>", re.M)


def readable(quote) -> str:
    """A source quote as a reader reads it: the words only, without the caption markup a quote across
    cues of an .srt or .vtt file takes in (the quote itself stays exact in graph.json)."""
    return " ".join(_CAPTION_MARKUP.sub(" ", str(quote or "")).split())


def words(quote) -> str:
    """:func:`readable`, HTML-escaped."""
    return esc(readable(quote))


def claim_html(G: nx.MultiDiGraph, cid: str, rel: str = "") -> str:
    c = G.nodes[cid]
    who = G.nodes[c["speaker"]]["name"] if c.get("speaker") else "unnamed speaker"
    doc = G.nodes[c["document"]]["name"]
    when = f' at <a href="{esc(c["url"])}" target="_blank">{esc(c["timestamp"])}</a>' if c.get("url") else (
        f" at {esc(c['timestamp'])}" if c.get("timestamp") else "")
    view = "".join(f" · {esc(k['stance'])} view" for _, _, k in G.in_edges(cid, data=True)
                   if k["type"] == "CLAIMS" and k.get("stance"))
    asked = f"<p class=note>replying to: “{esc(c['context'])}”</p>" if c.get("context") else ""
    return (f"{asked}<blockquote>{words(c['quote'])}</blockquote>"
            f"<p class=note>{esc(who)} — <i>{esc(doc)}</i>{when}{view}{rel}</p>")


def stances_html(G: nx.MultiDiGraph, cid: str) -> str:
    """What a claim disputes or endorses and who disputes or endorses it, each with both quotes."""
    def name(n: str) -> str:
        who = G.nodes[n].get("speaker") if G.nodes[n]["type"] == "Claim" else n
        return esc(G.nodes[who]["name"]) if who else "an unnamed speaker"

    parts = []
    for _, v, e in G.out_edges(cid, data=True):
        if e["type"] in STANCE_VERB:
            target = e.get("target_quote") or (G.nodes[v]["text"] if G.nodes[v]["type"] == "Claim" else "")
            parts.append(f"<p class=note>{STANCE_VERB[e['type']]} {name(v)}</p><blockquote class=reply>{words(e.get('quote'))}</blockquote>"
                         + (f"<blockquote class=answered>{words(target)}</blockquote>" if target else ""))
    for u, _, e in G.in_edges(cid, data=True):
        if e["type"] in STANCE_VERB:
            parts.append(f"<p class=note>{name(u)} {STANCE_VERB[e['type']]} it</p><blockquote class=reply>{words(e.get('quote'))}</blockquote>")
    return "".join(parts)


def details(G: nx.MultiDiGraph, nid: str, href) -> str:
    d = G.nodes[nid]
    t = d["type"]
    if t == "Claim":
        return f"<h2>Claim</h2>{claim_html(G, nid)}{stances_html(G, nid)}"
    parts = [f"<h2>{esc(d['name'])}</h2><p class=note>{t}</p>"]
    if d.get("definition"):
        parts.append(f"<p>{esc(d['definition'])}</p>")
    if d.get("roles"):
        parts.append("<p>" + "; ".join(esc(f"{r['role']}, {r['organization']}" if r.get("organization") else r["role"])
                                        for r in d["roles"]) + "</p>")
    if t == "Work":
        bits = [d.get("kind"), str(d["year"]) if d.get("year") else None, ", ".join(d.get("authors") or [])]
        parts.append(f"<p>{esc(' · '.join(b for b in bits if b))}</p>")
    page = page_name(nid, G)
    if page:
        parts.append(f'<p><a href="{href(page)}">open its page</a></p>')
    return "".join(parts)


PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]


def centrality(H: nx.Graph) -> dict[str, float]:
    """Each node's PageRank in the page's graph relative to the highest, square-rooted: 1 for the most
    central node, small for most (PageRank is heavy-tailed)."""
    if H.number_of_edges() == 0:
        return {}
    rank = nx.pagerank(H)
    top = max(rank.values())
    return {n: math.sqrt(r / top) for n, r in rank.items()}


def spread(pos: dict[str, tuple[float, float]], gap: float = NEIGHBOUR) -> dict[str, tuple[float, float]]:
    """``pos`` scaled so that the typical node is ``gap`` from its nearest neighbour, whatever units the
    layout came in (the whole graph's drawing spaces hubs for their claims, which a map leaves out)."""
    if len(pos) < 2:
        return pos
    import numpy as np
    from scipy.spatial import cKDTree

    xy = np.array(list(pos.values()), dtype=float)
    near = cKDTree(xy).query(xy, k=2)[0][:, 1]
    typical = float(np.mean(near))
    f = gap / typical if typical > 0 else 1.0
    return {n: (round(x * f, 1), round(y * f, 1)) for n, (x, y) in pos.items()}


def communities(H: nx.Graph, seed: int = 7) -> dict[str, int]:
    """Each node's community (networkx's Louvain), largest first."""
    if H.number_of_edges() == 0:
        return {}
    found = sorted(nx.community.louvain_communities(H, seed=seed), key=len, reverse=True)
    return {n: i for i, c in enumerate(found) for n in c}


def layout(G: nx.MultiDiGraph, nodes: list[str], edges: list[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Positions for a page's graph (:func:`graph.layout.place`): each claim around its speaker when the
    speaker is on the page, else around the first person or thing it is drawn linked to."""
    on = set(nodes)
    hub: dict[str, str] = {}
    for u, v in edges:
        for a, b in ((u, v), (v, u)):
            if G.nodes[a]["type"] == "Claim" and G.nodes[b]["type"] != "Claim":
                hub.setdefault(a, b)
    for n in nodes:
        if G.nodes[n]["type"] == "Claim" and G.nodes[n].get("speaker") in on:
            hub[n] = G.nodes[n]["speaker"]
    return place(nodes, edges, hub)


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
        self.communities = False  # fill nodes by their Louvain community
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
        return {"label": lab, "title": tip, "group": t, "details": details(self.G, nid, self.href),
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

    def render(self, out_dir: Path, positions: dict | None = None, people: bool = True) -> Path:
        """Write the page.  ``positions``: fixed positions (the whole graph's, for the maps), else the
        page is laid out alone; with ``communities``, nodes are filled by their Louvain community."""
        nodes = self.net.nodes
        pairs = [(e["from"], e["to"]) for e in self.net.edges]
        pos = spread({n["id"]: positions.get(n["id"], (0.0, 0.0)) for n in nodes} if positions is not None
                     else layout(self.G, [n["id"] for n in nodes], pairs))
        H = nx.Graph(pairs)
        H.add_nodes_from(n["id"] for n in nodes)
        community = communities(H) if self.communities else {}
        rank = centrality(H)
        for n in nodes:
            # size and label follow centrality: the central nodes are named when the whole page is in
            # view, the others as one zooms in (vis-network's label scaling and draw threshold)
            n["value"] = 0.0 if n["group"] == "Claim" else rank.get(n["id"], 0.0)
            n["x"], n["y"] = pos.get(n["id"], (0.0, 0.0))
            n["font"] = {"strokeWidth": 3, "strokeColor": "#ffffff"}
            if n["id"] in community:  # the fill tells the community, the shape the type
                n["color"] = {"background": PALETTE[community[n["id"]] % len(PALETTE)], "border": "#444"}
        edges = [{**e, "id": f"e{i}"} for i, e in enumerate(self.net.edges)]
        options = {
            "physics": {"enabled": False},
            "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False, "keyboard": True},
            "edges": {"smooth": False, "scaling": {"min": 1, "max": 8}, "arrows": {"to": {"scaleFactor": 0.5}}},
            "nodes": {"borderWidth": 1, "scaling": {"min": 8, "max": 48, "label": {
                "enabled": True, "min": LABEL_MIN, "max": LABEL_MAX, "drawThreshold": LABEL_SHOWN, "maxVisible": 48}}},
            "groups": {t: {"color": {"background": s["color"], "border": "#444"}, "shape": s["shape"]}
                       for t, s in STYLE.items()},
        }
        types = sorted({n["group"] for n in nodes}, key=list(STYLE).index)
        plist = sorted(({"id": n["id"], "name": n["label"]} for n in nodes if n["group"] == "Person"),
                       key=lambda p: p["name"]) if people else []
        data = orjson.dumps({"nodes": nodes, "edges": edges, "options": options}).decode("utf-8").replace("</", "<\\/")
        kinds = sorted({e["kind"] for e in self.net.edges})
        text = _template().render(
            title=self.title, index_href=self.href("index.html"), types=types, people=plist,
            legend=[(t, STYLE[t]) for t in types], edge_legend=[(k, k.replace("_", " ").lower(), EDGE_COLOR.get(k, "#999")) for k in kinds],
            note=self.note, intro=self.intro, data=data, vis_href=self.href(VIS_ASSET),
        )
        path = out_dir / self.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path


# --------------------------------------------------------------------------- graph helpers


def by_type(G, t: str) -> list[str]:
    return [n for n, d in G.nodes(data=True) if d["type"] == t]


def claims_of(G, person: str) -> list[str]:
    return [v for _, v, d in G.out_edges(person, data=True) if d["type"] == "CLAIMS"]


def speaker(G, cid: str) -> str | None:
    return G.nodes[cid].get("speaker")


def person_of(G, nid: str) -> str | None:
    """The person behind a node: itself, or a claim's speaker."""
    t = G.nodes[nid]["type"]
    if t == "Person":
        return nid
    if t == "Claim":
        return speaker(G, nid)
    return None


def dropped_note(n: int, max_nodes: int) -> str:
    return f"{n} lighter nodes hidden to keep the view readable (cap {max_nodes}; raise it with --max-nodes)." if n else ""


