"""One look for the graph, shared by the exports: a colour per node type, a size by degree and positions
from networkx's spring layout of the entities and documents, each claim placed by its speaker (or its
document).  Gephi, yEd and Cytoscape then open a drawing, not a grey blob."""

from __future__ import annotations

import math

import networkx as nx

COLOURS = {  # the views' palette (graph/views/page.py)
    "Person": "#4e79a7", "Organization": "#9c755f", "System": "#f28e2b", "Concept": "#59a14f",
    "Work": "#b07aa1", "Claim": "#bab0ac", "Document": "#76b7b2",
}
SCALE = 1000.0


def rgb(node_type: str) -> tuple[int, int, int]:
    h = COLOURS.get(node_type, "#999999").lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def size(G: nx.MultiDiGraph, n: str) -> float:
    """A node's size: grows with the log of its degree, so one busy speaker does not cover the drawing."""
    return round(4 + 4 * math.log2(1 + G.degree(n)), 2)


def positions(G: nx.MultiDiGraph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions for every node: a spring layout of everything but claims (linked when a claim joins
    them), then each claim on a small circle around its speaker, else its document."""
    H = nx.Graph()
    H.add_nodes_from(n for n, d in G.nodes(data=True) if d["type"] != "Claim")
    for u, v, d in G.edges(data=True):
        a = G.nodes[u].get("speaker") or G.nodes[u].get("document") if G.nodes[u]["type"] == "Claim" else u
        b = G.nodes[v].get("speaker") or G.nodes[v].get("document") if G.nodes[v]["type"] == "Claim" else v
        if a and b and a != b and a in H and b in H:
            w = H.get_edge_data(a, b, {"weight": 0})["weight"]
            H.add_edge(a, b, weight=w + 1)
    pos = nx.spring_layout(H, seed=seed, iterations=50, scale=SCALE) if len(H) else {}
    out = {n: (round(float(x), 2), round(float(y), 2)) for n, (x, y) in pos.items()}
    around: dict[str, int] = {}
    for n, d in G.nodes(data=True):
        if d["type"] != "Claim":
            continue
        hub = d.get("speaker") or d.get("document")
        k = around[hub] = around.get(hub, 0) + 1
        cx, cy = out.get(hub, (0.0, 0.0))
        r = 12 + 3 * math.sqrt(k)  # a spiral, so a speaker's many claims do not sit on one another
        out[n] = (round(cx + r * math.cos(k * 2.4), 2), round(cy + r * math.sin(k * 2.4), 2))
    return out
