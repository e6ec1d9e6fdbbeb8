"""Neo4j bulk import: one CSV per label and per relationship type in ``neo4j-admin database import`` format."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import Any

import networkx as nx

from graph.schema import ALLOWED, NODE_TYPES
from graph.store import edge_columns, item_text, node_columns

_CSV_TYPE = {"STRING": "", "INT64": ":int", "DOUBLE": ":float", "BOOLEAN": ":boolean", "STRING[]": ":string[]"}
ARRAY_DELIMITER = "|"


def _csv_value(v: Any, t: str) -> Any:
    if v is None:
        return ""
    if t == "STRING[]":
        return ARRAY_DELIMITER.join(item_text(x).replace(ARRAY_DELIMITER, "/") for x in v)
    if t == "BOOLEAN":
        return "true" if v else "false"
    return v


def write_neo4j_csv(G: nx.MultiDiGraph, folder: Path) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    node_files, rel_files = [], []
    nodes_of: dict[str, list] = defaultdict(list)
    for n, d in G.nodes(data=True):
        nodes_of[d["type"]].append((n, d))
    edges_of: dict[str, list] = defaultdict(list)
    for u, v, k, d in G.edges(keys=True, data=True):
        edges_of[d["type"]].append((u, v, k, d))
    for t in NODE_TYPES:
        cols = [(k, v) for k, v in node_columns(t).items() if k != "id"]
        name = f"nodes_{t}.csv"
        with open(folder / name, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["id:ID"] + [f"{k}{_CSV_TYPE[v]}" for k, v in cols] + [":LABEL"])
            w.writerows([n] + [_csv_value(d.get(k), v) for k, v in cols] + [t] for n, d in nodes_of.get(t, []))
        node_files.append(name)
    ecols = [(c, t) for c, t in edge_columns().items() if c != "type"]
    for rel in ALLOWED:
        name = f"rels_{rel}.csv"
        with open(folder / name, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow([":START_ID", ":END_ID", ":TYPE", "key"] + [f"{k}{_CSV_TYPE[t]}" for k, t in ecols])
            w.writerows([u, v, rel, k] + [_csv_value(d.get(c), t) for c, t in ecols] for u, v, k, d in edges_of.get(rel, []))
        rel_files.append(name)
    cmd = ["neo4j-admin database import full neo4j", "  --overwrite-destination=true",
           f"  --array-delimiter='{ARRAY_DELIMITER}'", "  --multiline-fields=true"]
    cmd += [f"  --nodes=import/{n}" for n in node_files] + [f"  --relationships=import/{r}" for r in rel_files]
    (folder / "README.md").write_text(
        "# Neo4j bulk import\n\nOne CSV per label and relationship type, headers in the `neo4j-admin database import` "
        "format (`id:ID`, `:LABEL`, `:START_ID`, `:END_ID`, `:TYPE`, typed columns such as `start:int`, "
        f"`confidence:float`, `aliases:string[]` with `{ARRAY_DELIMITER}` between items).\n\n"
        "Stop the database, copy these files into its `import/` folder, then run (Neo4j 5):\n\n```sh\n"
        + " \\\n".join(cmd) + "\n```\n\nThen start Neo4j again. For a running database use "
        "`claimgraph load-neo4j` or `exports/graph.cypher` instead.\n", encoding="utf-8")
    return folder
