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


def node_rows(G: nx.MultiDiGraph, only: Iterable[str] | None = None) -> dict[str, dict[str, list]]:
    """Columns per node table, as :func:`node_columns` gives them (only the nodes in ``only`` if given)."""
    by_type: dict[str, list] = {t: [] for t in NODE_TYPES}
    for nid, d in (G.nodes(data=True) if only is None else ((n, G.nodes[n]) for n in only)):
        by_type[d["type"]].append((nid, d))
    frames = {}
    for t in NODE_TYPES:
        items = by_type[t]
        frames[t] = {k: ([n for n, _ in items] if k == "id" else _column([d.get(k) for _, d in items], c))
                     for k, c in node_columns(t).items()}
    return frames


def edge_rows(G: nx.MultiDiGraph, only: Iterable[tuple] | None = None) -> dict[tuple[str, str, str], dict[str, list]]:
    """Columns per (relationship, source type, target type), with ``from`` and ``to`` ids first
    (only the edges ``only`` gives, as (source, target, key, data), if given)."""
    cols = edge_columns()
    nodes = G.nodes
    groups: dict[tuple[str, str, str], list] = {}
    for u, v, k, d in (G.edges(keys=True, data=True) if only is None else only):
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


# A COPY costs about 80 ms whatever it loads, a CREATE of one row about 4: up to this many rows of a
# table (or of one relationship's source and target labels) are created row by row.
CREATE_AT_MOST = 20


def _copy_in(conn, nodes: dict[str, dict[str, list]], edges: dict[tuple[str, str, str], dict[str, list]]) -> None:
    """Load node and relationship columns: in bulk (COPY … FROM a data frame), or a few rows one by one."""
    for t, columns in nodes.items():
        n = len(columns["id"])
        if n > CREATE_AT_MOST:
            frame = _arrow(columns, node_columns(t))  # noqa: F841 - COPY reads the local variable by name
            conn.execute(f"COPY {t} FROM frame")
        elif n:
            names = list(columns)
            create = f"CREATE (:{t} {{" + ", ".join(f"`{k}`: $p{j}" for j, k in enumerate(names)) + "})"
            for i in range(n):
                conn.execute(create, {f"p{j}": columns[k][i] for j, k in enumerate(names)})
    rcols = rel_columns()
    for (rel, s, t), columns in sorted(edges.items()):
        n = len(columns["key"])
        if n > CREATE_AT_MOST:
            frame = _arrow(columns, rcols)  # noqa: F841
            conn.execute(f"COPY {rel} FROM frame (from='{s}', to='{t}')")
        else:
            names = [k for k in columns if k not in ("from", "to")]
            create = (f"MATCH (a:{s} {{id: $a}}), (b:{t} {{id: $b}}) CREATE (a)-[:{rel} {{"
                      + ", ".join(f"`{k}`: $p{j}" for j, k in enumerate(names)) + "}]->(b)")
            for i in range(n):
                conn.execute(create, {"a": columns["from"][i], "b": columns["to"][i],
                                      **{f"p{j}": columns[k][i] for j, k in enumerate(names)}})


UPDATE_AT_MOST = 0.2  # above this share of changed nodes and edges, loading afresh is faster


def _code() -> str:
    from extract.cache import source_digest

    return source_digest(Path(__file__), Path(__file__).with_name("schema.py"))


def write_embedded(G: nx.MultiDiGraph, path: Path, previous: Path | None = None, index: Path | None = None,
                   digests: tuple[list[bytes], list[bytes]] | None = None) -> str:
    """Write the database for ``G`` at ``path``; returns ``"updated"`` or ``"loaded"``.

    With the previous build's database, the index kept beside the build cache and the element
    digests of ``graph.json`` (:func:`graph.output.write_graph_json`), a copy of the previous
    database is updated: the nodes and edges that changed or went are deleted, the changed and
    new ones copied in.  Otherwise — or when more than a fifth of the graph changed, or anything
    about the previous database is not as the index says — a fresh database is created and
    filled by bulk COPY.
    """
    path = Path(path)
    state = None
    if digests is not None:
        from graph.output import edge_list

        state = _State(G, digests, edge_list(G))
    how = "loaded"
    if state and previous is not None and index is not None and _update(G, path, previous, index, state):
        how = "updated"
    else:
        _load(G, path)
    if state and index is not None:
        from graph.output import save_index

        save_index(index, path, code=_code(), **state.kept())
    return how


class _State:
    """The elements of the graph a database is written for, with their ``graph.json`` digests (which
    cover each element's id or key and all its properties, so a changed element has a new digest)."""

    def __init__(self, G: nx.MultiDiGraph, digests: tuple[list[bytes], list[bytes]], edges: list[tuple]):
        self.node_ids = list(G.nodes)
        self.node_types = [d["type"] for d in G.nodes.values()]
        self.edges = edges
        self.node_digests, self.edge_digests = digests

    def kept(self) -> dict:
        """What the index keeps for the next build: ids (keys), types and digests, in the graph's order."""
        return {"nodes": (self.node_ids, self.node_types, b"".join(self.node_digests)),
                "edges": ([k for _, _, k, _ in self.edges], [d["type"] for *_, d in self.edges],
                          b"".join(self.edge_digests))}


def _digests(blob: bytes, n: int) -> list[bytes]:
    """The ``n`` digests of equal length joined in ``blob``."""
    if not n:
        return []
    size = len(blob) // n
    if not size or size * n != len(blob):
        raise ValueError("digests of unequal length")
    return [blob[i:i + size] for i in range(0, len(blob), size)]


def _load(G: nx.MultiDiGraph, path: Path) -> None:
    """Create a fresh database at ``path`` and fill it from ``G`` by bulk COPY."""
    import ladybug as lb

    if path.exists():
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    db = lb.Database(str(path))
    conn = lb.Connection(db)
    for stmt in ddl():
        conn.execute(stmt)
    _copy_in(conn, node_rows(G), edge_rows(G))
    conn.close()
    db.close()


def _update(G: nx.MultiDiGraph, path: Path, previous: Path, index: Path, state) -> bool:
    """Update a copy of ``previous`` into ``path``; False (and nothing written) when it cannot be done."""
    import ladybug as lb

    from graph.output import load_index

    meta = load_index(index, previous, code=_code())
    if meta is None or not previous.is_file():
        return False
    try:
        old_ids, old_node_types, blob = meta["nodes"]
        old_nodes = _digests(blob, len(old_ids))
        old_keys, old_edge_types, blob = meta["edges"]
        old_edges = _digests(blob, len(old_keys))
    except (KeyError, TypeError, ValueError):
        return False
    new_nodes, new_edges = set(state.node_digests), set(state.edge_digests)
    kept_nodes, kept_edges = set(old_nodes), set(old_edges)
    ids = set(state.node_ids)
    # A node that changed keeps its id: its properties are set again where it is, so its edges stay.
    # A node that went has none left in the graph: they are among the edges that went, deleted one by
    # one, and then the node (deleting only what went, not every edge of every table a node could
    # have, keeps the database's checkpoint on closing short: a tenth of a second at ×10).
    gone_nodes = [(n, t) for n, t, d in zip(old_ids, old_node_types, old_nodes) if d not in new_nodes]
    changed = {n for n, _ in gone_nodes if n in ids}
    gone_nodes = [(n, t) for n, t in gone_nodes if n not in changed]
    add_nodes = [n for n, d in zip(state.node_ids, state.node_digests) if d not in kept_nodes and n not in changed]
    gone_edges = [(k, t) for k, t, d in zip(old_keys, old_edge_types, old_edges) if d not in new_edges]
    add_edges = [e for e, d in zip(state.edges, state.edge_digests) if d not in kept_edges]
    changes = len(gone_nodes) + len(changed) + len(add_nodes) + len(gone_edges) + len(add_edges)
    if changes > UPDATE_AT_MOST * (len(state.node_ids) + len(state.edges)):
        return False
    if path.exists():
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    shutil.copyfile(previous, path)
    db = conn = None
    try:
        db = lb.Database(str(path))
        conn = lb.Connection(db)
        by_rel: dict[str, list[str]] = {}
        for k, t in gone_edges:
            by_rel.setdefault(t, []).append(k)
        for rel, keys in by_rel.items():
            conn.execute(f"MATCH ()-[r:{rel}]->() WHERE r.key IN $keys DELETE r", {"keys": keys})
        by_type: dict[str, list[str]] = {}
        for n, t in gone_nodes:
            by_type.setdefault(t, []).append(n)
        for t, gone in by_type.items():
            conn.execute(f"MATCH (n:{t}) WHERE n.id IN $ids DELETE n", {"ids": gone})
        for t, columns in node_rows(G, [n for n in state.node_ids if n in changed]).items():
            names = [k for k in columns if k != "id"]
            update = f"MATCH (n:{t}) WHERE n.id = $id SET " + ", ".join(f"n.`{k}` = $p{j}" for j, k in enumerate(names))
            for i, n in enumerate(columns["id"]):
                conn.execute(update, {"id": n, **{f"p{j}": columns[k][i] for j, k in enumerate(names)}})
        _copy_in(conn, node_rows(G, add_nodes), edge_rows(G, add_edges))
    except Exception:  # whatever went wrong, a fresh database is still right
        return False
    finally:
        if conn is not None:
            conn.close()
        if db is not None:
            db.close()
    return True


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
