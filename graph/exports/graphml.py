"""GraphML (yEd, Gephi, networkx), written element by element: networkx's own writer takes minutes on
large graphs.  Lists become ``"; "``-joined text and nulls are left out (GraphML holds scalars).
Every node also has ``r``, ``g``, ``b``, ``size``, ``x`` and ``y`` (the attributes Gephi's GraphML
import draws with) and ``color`` as hex, from :mod:`graph.layout`."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graph.exports.common import edge_types, flat_edge, flat_node, node_types, xml, xml_text
from graph.layout import COLOURS, positions, rgb, size

LOOK = {"r": "int", "g": "int", "b": "int", "size": "double", "x": "double", "y": "double", "color": "string"}


def write_graphml(G: nx.MultiDiGraph, path: Path, where: dict | None = None) -> Path:
    """``where``: the nodes' positions, when the caller has them (:func:`graph.layout.positions`)."""
    ntypes, etypes = {**node_types(G), **LOOK}, edge_types(G)
    where = positions(G) if where is None else where
    nkey = {k: xml(k) for k in ntypes}
    ekey = {k: xml("e_" + k) for k in etypes}
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n')
        f.writelines(f'<key id={nkey[k]} for="node" attr.name={xml(k)} attr.type="{t}"/>\n' for k, t in ntypes.items())
        f.writelines(f'<key id={ekey[k]} for="edge" attr.name={xml(k)} attr.type="{t}"/>\n' for k, t in etypes.items())
        f.write('<graph edgedefault="directed">\n')
        for n, d in G.nodes(data=True):
            r, g, b = rgb(d["type"])
            x, y = where.get(n, (0.0, 0.0))
            look = {"r": r, "g": g, "b": b, "size": size(G, n), "x": x, "y": y, "color": COLOURS.get(d["type"], "#999999")}
            f.write(f"<node id={xml(n)}>"
                    + "".join(f"<data key={nkey[k]}>{xml_text(v)}</data>" for k, v in {**flat_node(d), **look}.items())
                    + "</node>\n")
        for u, v, k, d in G.edges(keys=True, data=True):
            f.write(f"<edge id={xml(k)} source={xml(u)} target={xml(v)}>"
                    + "".join(f"<data key={ekey[a]}>{xml_text(b)}</data>" for a, b in flat_edge(d).items()) + "</edge>\n")
        f.write("</graph>\n</graphml>\n")
    return path
