"""A Cypher script that recreates the graph in an empty Neo4j 5 (``cypher-shell -f``)."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

from graph.neo4j_store import props_of, schema_statements
from graph.schema import NODE_TYPES
from graph.store import edge_columns, node_columns

_CYPHER_SPECIAL = re.compile("[\\\\'\n\r]")


def cypher_literal(v: Any) -> str:
    if type(v) is str:  # most values: checked first
        s = v
    elif v is None:
        return "null"
    elif isinstance(v, bool):
        return "true" if v else "false"
    elif isinstance(v, (int, float)):
        return repr(v)
    elif isinstance(v, list):
        return "[" + ", ".join(cypher_literal(x) for x in v) + "]"
    elif isinstance(v, dict):
        return "{" + ", ".join(f"`{k}`: {cypher_literal(x)}" for k, x in v.items()) + "}"
    else:
        s = str(v)
    if _CYPHER_SPECIAL.search(s):
        s = s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r")
    return f"'{s}'"


_NODE_MERGE = "] AS row MERGE (n:{label} {{id: row.id}}) SET n += row.props;\n"
_EDGE_MERGE = ("] AS row MATCH (a:{s} {{id: row.source}}) MATCH (b:{t} {{id: row.target}}) "
               "MERGE (a)-[r:{rel} {{key: row.key}}]->(b) SET r += row.props;\n")


def write_cypher(G: nx.MultiDiGraph, path: Path, batch: int = 500) -> Path:
    """Statements that recreate ``G`` in an empty Neo4j: ``UNWIND [rows] AS row MERGE …`` in batches of
    ``batch`` rows, one row per line.  MERGE on ids and edge keys makes the script safe to rerun."""
    by_label: dict[str, list] = defaultdict(list)
    for n, d in G.nodes(data=True):
        by_label[d["type"]].append((n, d))
    types = {n: d["type"] for n, d in G.nodes(data=True)}
    by_rel: dict[tuple[str, str, str], list] = defaultdict(list)
    for u, v, k, d in G.edges(keys=True, data=True):
        by_rel[(d["type"], types[u], types[v])].append((u, v, k, d))
    ecols = edge_columns()
    with open(path, "w", encoding="utf-8") as f:
        f.write("// claimgraph: recreate the graph in Neo4j 5.  Parameter-free and safe to run twice.\n"
                "// cypher-shell -u neo4j -p \"$NEO4J_PASSWORD\" -f graph.cypher\n"
                + "".join(s + ";\n" for s in schema_statements()))
        for label in NODE_TYPES:
            cols = node_columns(label)
            rows = by_label.get(label, [])
            for b in range(0, len(rows), batch):
                lines = (cypher_literal({"id": n, "props": props_of(d, cols)}) for n, d in rows[b:b + batch])
                f.write("UNWIND [\n" + ",\n".join(lines) + "\n" + _NODE_MERGE.format(label=label))
        for (rel, s, t), rows in sorted(by_rel.items()):
            for b in range(0, len(rows), batch):
                lines = (cypher_literal({"source": u, "target": v, "key": k, "props": props_of(d, ecols)})
                         for u, v, k, d in rows[b:b + batch])
                f.write("UNWIND [\n" + ",\n".join(lines) + "\n" + _EDGE_MERGE.format(s=s, t=t, rel=rel))
    return path
