"""Cytoscape JSON: ``networkx.cytoscape_data``'s form, which Cytoscape desktop, cytoscape.js and
``networkx.cytoscape_graph`` all read, with each edge's relationship type as its ``interaction``."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import orjson


def write_cytoscape(G: nx.MultiDiGraph, path: Path) -> Path:
    data = nx.cytoscape_data(G)
    data["data"] = {"name": "claimgraph"}
    for e in data["elements"]["edges"]:
        e["data"]["id"] = e["data"]["key"]
        e["data"]["interaction"] = e["data"]["type"]
    Path(path).write_bytes(orjson.dumps(data))
    return path
