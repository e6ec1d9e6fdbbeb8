"""GEXF 1.2 (Gephi), written element by element.  The relationship type is each edge's ``relation``
attribute and its label; every node has a colour (by type), a size (by degree) and a position
(:mod:`graph.layout`), so Gephi opens a drawing."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from graph.exports.common import edge_types, flat_edge, flat_node, node_types, xml
from graph.layout import positions, rgb, size

GEXF_TYPE = {"int": "long", "double": "double", "boolean": "boolean", "string": "string"}


def write_gexf(G: nx.MultiDiGraph, path: Path, where: dict | None = None) -> Path:
    """``where``: the nodes' positions, when the caller has them (:func:`graph.layout.positions`)."""
    ntypes = {k: t for k, t in node_types(G).items() if k != "label"}
    etypes = {("relation" if k == "type" else k): t for k, t in edge_types(G).items()}
    nid = {k: str(i) for i, k in enumerate(ntypes)}
    eid = {k: str(i) for i, k in enumerate(etypes)}
    if "relation" in eid:  # a graph with no edges has no edge attributes
        eid["type"] = eid["relation"]
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://www.gexf.net/1.2draft" '
                'xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">\n'
                '<graph defaultedgetype="directed" mode="static">\n<attributes class="node" mode="static">\n')
        f.writelines(f'<attribute id="{nid[k]}" title={xml(k)} type="{GEXF_TYPE[t]}"/>\n' for k, t in ntypes.items())
        f.write('</attributes>\n<attributes class="edge" mode="static">\n')
        f.writelines(f'<attribute id="{eid[k]}" title={xml(k)} type="{GEXF_TYPE[t]}"/>\n' for k, t in etypes.items())
        f.write("</attributes>\n<nodes>\n")
        where = positions(G) if where is None else where
        for n, d in G.nodes(data=True):
            flat = flat_node(d)
            vals = "".join(f'<attvalue for="{nid[k]}" value={xml(v)}/>' for k, v in flat.items() if k != "label")
            r, g, b = rgb(d["type"])
            x, y = where.get(n, (0.0, 0.0))
            viz = (f'<viz:color r="{r}" g="{g}" b="{b}"/><viz:size value="{size(G, n)}"/>'
                   f'<viz:position x="{x}" y="{y}" z="0.0"/>')
            f.write(f"<node id={xml(n)} label={xml(flat['label'])}><attvalues>{vals}</attvalues>{viz}</node>\n")
        f.write("</nodes>\n<edges>\n")
        for u, v, k, d in G.edges(keys=True, data=True):
            flat = flat_edge(d)
            vals = "".join(f'<attvalue for="{eid[a]}" value={xml(b)}/>' for a, b in flat.items())
            f.write(f"<edge id={xml(k)} source={xml(u)} target={xml(v)} label={xml(flat['type'])}>"
                    f"<attvalues>{vals}</attvalues></edge>\n")
        f.write("</edges>\n</graph>\n</gexf>\n")
    return path
