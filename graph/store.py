"""The embedded Cypher store (LadybugDB, formerly Kùzu).

Node and relationship tables are generated from :mod:`graph.schema`; rows are
loaded in bulk with ``COPY … FROM`` a data frame, one per node type and one
per (relationship, source type, target type).  Node and edge ``type`` are
stored as properties too, so queries can say ``x.type`` and ``r.type`` and run
unchanged on Neo4j.
"""

from __future__ import annotations

import json
import shutil
import types
import typing
from pathlib import Path
from typing import Any, Iterable

import networkx as nx

from graph.schema import ALLOWED, EDGE_PROPERTIES, NODE_TYPES, Edge, node_properties

_SCALARS = {str: "STRING", int: "INT64", float: "DOUBLE", bool: "BOOLEAN"}


def _base(annotation: Any) -> Any:
    """Strip ``Optional``/``| None`` and ``Literal`` down to the underlying type."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _base(args[0])
    if origin is typing.Literal:
        return type(typing.get_args(annotation)[0])
    return annotation


def column_type(annotation: Any) -> str:
    """LadybugDB column type for a schema field."""
    base = _base(annotation)
    if typing.get_origin(base) is list:
        return "STRING[]"  # lists of strings; lists of records are stored as readable strings
    return _SCALARS.get(base, "STRING")


def node_columns(node_type: str) -> dict[str, str]:
    cols = {"id": "STRING"}
    cols.update({k: column_type(f.annotation) for k, f in node_properties(node_type).items()})
    return cols


def edge_columns() -> dict[str, str]:
    return {"type": "STRING", **{k: column_type(Edge.model_fields[k].annotation) for k in EDGE_PROPERTIES}}


def rel_columns() -> dict[str, str]:
    """Relationship table columns: the edge properties and the edge's key (as in Neo4j), which
    identifies an edge when the database is updated rather than rebuilt."""
    return {**edge_columns(), "key": "STRING"}


def ddl() -> list[str]:
    """CREATE statements for every table, derived from the schema."""
    out = []
    for t in NODE_TYPES:
        cols = ", ".join(f"`{k}` {v}" for k, v in node_columns(t).items())
        out.append(f"CREATE NODE TABLE {t}({cols}, PRIMARY KEY(id))")
    props = ", ".join(f"`{k}` {v}" for k, v in rel_columns().items())
    for rel, (sources, targets) in ALLOWED.items():
        pairs = ", ".join(f"FROM {s} TO {t}" for s in sorted(sources) for t in sorted(targets))
        out.append(f"CREATE REL TABLE {rel}({pairs}, {props}, MANY_MANY)")
    return out


def flat_value(value: Any, col_type: str) -> Any:
    """A graph property as the column wants it (lists of records become readable strings)."""
    if col_type == "STRING[]":
        items = value or []
        return [item_text(v) for v in items]
    if col_type == "STRING" and isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return value


def item_text(v: Any) -> str:
    """One item of a list property as text: a role record reads ``CEO (Anthropic)``."""
    if isinstance(v, dict) and "role" in v:
        return f"{v['role']} ({v['organization']})" if v.get("organization") else str(v["role"])
    return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)


def _column(values: list, col_type: str) -> list:
    if col_type == "STRING":  # nearly all text already: only the rest goes through flat_value
        return [v if v is None or type(v) is str else flat_value(v, col_type) for v in values]
    if col_type == "STRING[]":
        return [flat_value(v, col_type) for v in values]
    return values


def node_rows(G: nx.MultiDiGraph) -> dict[str, dict[str, list]]:
    """Columns per node table, as :func:`node_columns` gives them."""
    by_type: dict[str, list] = {t: [] for t in NODE_TYPES}
    for nid, d in G.nodes(data=True):
        by_type[d["type"]].append((nid, d))
    frames = {}
    for t in NODE_TYPES:
        items = by_type[t]
        frames[t] = {k: ([n for n, _ in items] if k == "id" else _column([d.get(k) for _, d in items], c))
                     for k, c in node_columns(t).items()}
    return frames


def edge_rows(G: nx.MultiDiGraph) -> dict[tuple[str, str, str], dict[str, list]]:
    """Columns per (relationship, source type, target type), with ``from`` and ``to`` ids first."""
    cols = edge_columns()
    nodes = G.nodes
    groups: dict[tuple[str, str, str], list] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        groups.setdefault((d["type"], nodes[u]["type"], nodes[v]["type"]), []).append((u, v, k, d))
    frames = {}
    for group, items in groups.items():
        us, vs, keys, data = zip(*items)
        frames[group] = {"from": list(us), "to": list(vs), **{k: _column([d.get(k) for d in data], c) for k, c in cols.items()},
                         "key": list(keys)}
    return frames


_ARROW = {"STRING": "string", "INT64": "int64", "DOUBLE": "float64", "BOOLEAN": "bool"}


def _arrow(columns: dict[str, list], cols: dict[str, str]):
    """An Arrow table with one explicit type per column, so nulls load as nulls."""
    import pyarrow as pa

    fields = []
    for k in columns:
        t = cols.get(k, "STRING")
        fields.append(pa.field(k, pa.list_(pa.string()) if t == "STRING[]" else pa.type_for_alias(_ARROW[t])))
    return pa.Table.from_pydict(columns, schema=pa.schema(fields))


def _copy_in(conn, nodes: dict[str, dict[str, list]], edges: dict[tuple[str, str, str], dict[str, list]]) -> None:
    """Load node and relationship columns in bulk (COPY … FROM a data frame)."""
    for t, columns in nodes.items():
        if columns["id"]:
            frame = _arrow(columns, node_columns(t))  # noqa: F841 - COPY reads the local variable by name
            conn.execute(f"COPY {t} FROM frame")
    rcols = rel_columns()
    for (rel, s, t), columns in sorted(edges.items()):
        frame = _arrow(columns, rcols)  # noqa: F841
        conn.execute(f"COPY {rel} FROM frame (from='{s}', to='{t}')")


def write_embedded(G: nx.MultiDiGraph, path: Path) -> Path:
    """Create a fresh database at ``path`` and fill it from ``G`` by bulk COPY."""
    import ladybug as lb

    path = Path(path)
    if path.exists():
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    # One checkpoint, after the load: by default the database writes its log into the file after
    # every COPY, which costs more than the loading itself for most tables (a transaction around
    # them all instead would hold every table in memory until it commits).
    db = lb.Database(str(path), auto_checkpoint=False)
    conn = lb.Connection(db)
    for stmt in ddl():
        conn.execute(stmt)
    _copy_in(conn, node_rows(G), edge_rows(G))
    conn.execute("CHECKPOINT")
    conn.close()
    db.close()
    return path


class EmbeddedStore:
    """Read-only access to the embedded database for queries."""

    def __init__(self, path: Path):
        import ladybug as lb

        path = Path(path)
        if not path.exists():
            raise FileNotFoundError(f"{path} does not exist: run `claimgraph build` first")
        self.db = lb.Database(str(path), read_only=True)
        self.conn = lb.Connection(self.db)

    def run(self, cypher: str, params: dict | None = None) -> tuple[list[str], list[list[Any]]]:
        result = self.conn.execute(cypher, params or {})
        if isinstance(result, list):
            result = result[-1]
        cols = result.get_column_names()
        rows = result.get_all()
        return cols, rows

    def close(self) -> None:
        self.conn.close()
        self.db.close()

    def __enter__(self) -> "EmbeddedStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def table_counts(store: EmbeddedStore, names: Iterable[str]) -> dict[str, int]:
    out = {}
    for t in names:
        if t in NODE_TYPES:
            _, rows = store.run(f"MATCH (n:{t}) RETURN count(n)")
        else:
            _, rows = store.run(f"MATCH ()-[r:{t}]->() RETURN count(r)")
        out[t] = rows[0][0]
    return out
