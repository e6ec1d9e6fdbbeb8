"""One look for the graph, shared by the pages and the exports: a colour per node type, a size by
degree and positions from networkx's spring layout, so Gephi, yEd and Cytoscape open the drawing the
overview shows, not a grey blob.

:func:`place` is the one way anything is laid out: the hubs (people, organizations, systems,
concepts, works, documents) by a spring layout of the graph they make once each satellite (a claim)
is folded into its hub, and each satellite on a sunflower around its hub — a person's hundreds of
claims then cost nothing to place and never hide the person.  A graph of more than
:data:`DIRECT` hubs is laid out community by community (networkx's Louvain): a spring layout of the
communities, then of each community inside its own disc, since a spring layout of thousands of
nodes at once takes minutes.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Iterable

import networkx as nx

COLOURS = {  # the views' palette (graph/views/page.py)
    "Person": "#4e79a7", "Organization": "#9c755f", "System": "#f28e2b", "Concept": "#59a14f",
    "Work": "#b07aa1", "Claim": "#bab0ac", "Document": "#76b7b2",
}
SPACING = 20.0  # between neighbouring satellites on a sunflower
GAP = 60.0  # between neighbouring hubs, roughly
SPRING_K = 4.0  # networkx's spring constant times √n: above its default of 1, hubs spread out from the core
DIRECT = 600  # hubs laid out in one spring layout; beyond, community by community
GOLDEN = math.pi * (3 - math.sqrt(5))

Point = tuple[float, float]


def rgb(node_type: str) -> tuple[int, int, int]:
    h = COLOURS.get(node_type, "#999999").lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def size(G: nx.MultiDiGraph, n: str) -> float:
    """A node's size: grows with the log of its degree, so one busy speaker does not cover the drawing."""
    return round(4 + 4 * math.log2(1 + G.degree(n)), 2)


def place(nodes: Iterable[str], edges: Iterable[tuple[str, str]], hub: dict[str, str], seed: int = 7) -> dict[str, Point]:
    """Positions for ``nodes``: ``hub`` maps a satellite to the node it is drawn around (a node that is
    not itself a satellite, or it is laid out as a hub); ``edges`` between satellites count between
    their hubs.

    >>> pos = place(["p", "c1", "c2", "x"], [("c1", "x")], {"c1": "p", "c2": "p"})
    >>> sorted(pos) == ["c1", "c2", "p", "x"]
    True
    """
    nodes = list(nodes)
    known = set(nodes)
    hub = {s: h for s, h in hub.items() if s in known and h in known and h not in hub}
    H = nx.Graph()
    H.add_nodes_from(n for n in nodes if n not in hub)
    links: Counter = Counter()
    for u, v in edges:
        a, b = hub.get(u, u), hub.get(v, v)
        if a != b and a in H and b in H:
            links[(a, b) if a < b else (b, a)] += 1
    H.add_weighted_edges_from((a, b, 1 + math.log(n)) for (a, b), n in links.items())
    count = Counter(hub.values())
    reach = {h: _radius(count[h]) for h in count}  # each hub's sunflower
    out = _hubs(H, reach, seed)
    k: Counter = Counter()
    for s in nodes:
        if s in hub:
            h = hub[s]
            k[h] += 1
            cx, cy = out[h]
            r = _radius(k[h])
            out[s] = (round(cx + r * math.cos(k[h] * GOLDEN), 2), round(cy + r * math.sin(k[h] * GOLDEN), 2))
    return out


def _radius(satellites: int) -> float:
    return SPACING * (1 + math.sqrt(satellites))


def _hubs(H: nx.Graph, reach: dict[str, float], seed: int) -> dict[str, Point]:
    """The hubs' positions: each connected component laid out alone, the largest in the middle and the
    others in rows beneath it (a spring layout of them all would push the small ones to the rim and
    shrink the one that matters to a dot)."""
    parts = sorted((_component(_part(H, c), reach, seed) for c in nx.connected_components(H)),
                   key=lambda p: -len(p))
    if not parts:
        return {}
    out = dict(parts[0])
    bounds = [_bounds(p) for p in parts]  # (left, top, width, height), each with a gap around it
    # rows as wide as the largest component, or wider when the others would make a tower
    left, top, main_w, main_h = bounds[0]
    width = max(main_w, 8 * GAP, math.sqrt(sum(w * h for _, _, w, h in bounds)))
    x, y, row = left, top + main_h + GAP, 0.0
    for p, (px, py, w, h) in zip(parts[1:], bounds[1:]):  # rows of the smaller components, beneath the largest
        if x > left and x + w > left + width:
            x, y, row = left, y + row, 0.0
        out.update({n: (round(x + a - px, 2), round(y + b - py, 2)) for n, (a, b) in p.items()})
        x, row = x + w, max(row, h)
    return out


def _bounds(p: dict[str, Point]) -> tuple[float, float, float, float]:
    """A laid-out component's left and top, and its width and height with :data:`GAP` added."""
    xs, ys = [x for x, _ in p.values()], [y for _, y in p.values()]
    return min(xs), min(ys), max(xs) - min(xs) + GAP, max(ys) - min(ys) + GAP


def _part(H: nx.Graph, members: set[str]) -> nx.Graph:
    """The subgraph of ``members`` with its nodes in ``H``'s order: networkx's subgraph view lists them
    in the set's order, which changes from one process to the next, and so would the drawing."""
    S = nx.Graph()
    S.add_nodes_from(n for n in H if n in members)
    S.add_edges_from(H.subgraph(members).edges(data=True))
    return S


def _component(H: nx.Graph, reach: dict[str, float], seed: int) -> dict[str, Point]:
    """One connected component's hubs, scaled so that neighbouring hubs' sunflowers rarely meet."""
    n = H.number_of_nodes()
    if n == 1:
        return {next(iter(H)): (0.0, 0.0)}
    if n > DIRECT:
        return _by_community(H, reach, seed)
    wide = max((reach.get(h, 0.0) for h in H), default=0.0)
    scale = (GAP + wide) * math.sqrt(n) / 2
    pos = nx.spring_layout(H, seed=seed, k=SPRING_K / math.sqrt(n), iterations=80, weight=None, scale=scale)
    return {h: (round(float(x), 2), round(float(y), 2)) for h, (x, y) in pos.items()}


def _by_community(H: nx.Graph, reach: dict[str, float], seed: int) -> dict[str, Point]:
    """A spring layout of the communities (a node each, weighted by the links between them), then each
    community's own layout inside a disc sized to it."""
    found = sorted(nx.community.louvain_communities(H, seed=seed), key=len, reverse=True)
    loose = set().union(*(g for g in found if len(g) == 1))  # the unlinked nodes, together
    groups = [g for g in found if len(g) > 1] + ([loose] if loose else [])
    member = {n: i for i, g in enumerate(groups) for n in g}
    Q = nx.Graph()
    Q.add_nodes_from(range(len(groups)))
    for a, b, w in H.edges(data="weight", default=1.0):
        i, j = member[a], member[b]
        if i != j:
            Q.add_edge(i, j, weight=Q.get_edge_data(i, j, {"weight": 0.0})["weight"] + w)
    inner = [_component(_part(H, g), reach, seed) if len(g) <= DIRECT else _grid(g) for g in groups]
    disc = [max((math.hypot(x, y) for x, y in p.values()), default=0.0) + GAP for p in inner]
    centres = nx.spring_layout(Q, seed=seed, iterations=50, scale=1.0) if len(groups) > 1 else {0: (0.0, 0.0)}
    # spread the communities until no two discs overlap (a layout of the communities, scaled as a whole)
    stretch = max((disc[i] + disc[j]) / max(math.dist(centres[i], centres[j]), 1e-6)
                  for i in range(len(groups)) for j in range(i + 1, len(groups))) if len(groups) > 1 else 0.0
    out: dict[str, Point] = {}
    for i, p in enumerate(inner):
        cx, cy = float(centres[i][0]) * stretch, float(centres[i][1]) * stretch  # plain floats, as JSON writers want
        out.update({h: (round(cx + x, 2), round(cy + y, 2)) for h, (x, y) in p.items()})
    return out


def _grid(group: Iterable[str]) -> dict[str, Point]:
    """A community too big to lay out (more than :data:`DIRECT` nodes even alone): a sunflower of it."""
    return {h: (GAP * math.sqrt(k) * math.cos(k * GOLDEN), GAP * math.sqrt(k) * math.sin(k * GOLDEN))
            for k, h in enumerate(sorted(group))}


def positions(G: nx.MultiDiGraph, seed: int = 7) -> dict[str, Point]:
    """Positions for every node of the graph: each claim around its speaker, else its document."""
    hub = {n: d.get("speaker") or d.get("document") for n, d in G.nodes(data=True) if d["type"] == "Claim"}
    return place(G.nodes, G.edges(), {s: h for s, h in hub.items() if h}, seed)
