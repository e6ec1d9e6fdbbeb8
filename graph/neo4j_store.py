"""Loading the graph into Neo4j 5 with the official driver, and running queries there.

Constraints and indexes first (``CREATE … IF NOT EXISTS``), then batched
``UNWIND $rows AS row MERGE …`` per label and relationship type, each node's and
edge's properties set to exactly the graph's; last, the nodes and edges of our
labels and types that the graph no longer has are deleted.  Every write runs in a
managed transaction (``execute_write``), which the driver retries on transient
errors; MERGE on ids and edge keys makes loading twice change nothing, and loading
a newer build updates the database to it with nothing duplicated.
Connection settings come from ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``
and ``NEO4J_DATABASE`` unless given.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable, Iterator

import networkx as nx

from graph.schema import ALLOWED, NODE_TYPES, node_properties
from graph.store import edge_columns, flat_value, node_columns

BATCH = 2000
FULLTEXT = {
    "claim_text": ("Claim", ["text", "quote"]),
    "entity_names": ("Person|Organization|System|Concept|Work", ["name"]),
}


class Neo4jError(RuntimeError):
    """Neo4j could not be reached or refused the credentials; the message says which."""


@dataclass
class Connection:
    uri: str
    user: str
    password: str
    database: str | None

    @classmethod
    def from_env(cls, uri: str | None = None, user: str | None = None, password: str | None = None,
                 database: str | None = None) -> "Connection":
        return cls(
            uri or os.environ.get("NEO4J_URI", "bolt://localhost:7687"),
            user or os.environ.get("NEO4J_USER", "neo4j"),
            password or os.environ.get("NEO4J_PASSWORD", ""),
            database or os.environ.get("NEO4J_DATABASE") or None,
        )


def schema_statements() -> list[str]:
    """Uniqueness constraints on every label's id, plus full-text indexes on claim text and names."""
    out = [f"CREATE CONSTRAINT {t.lower()}_id IF NOT EXISTS FOR (n:{t}) REQUIRE n.id IS UNIQUE" for t in NODE_TYPES]
    for name, (labels, props) in FULLTEXT.items():
        on = ", ".join(f"n.{p}" for p in props)
        out.append(f"CREATE FULLTEXT INDEX {name} IF NOT EXISTS FOR (n:{labels}) ON EACH [{on}]")
    return out


def node_statement(label: str) -> str:
    return f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n = row.props"


def edge_statement(rel: str, source: str, target: str) -> str:
    return (f"UNWIND $rows AS row MATCH (a:{source} {{id: row.source}}) MATCH (b:{target} {{id: row.target}}) "
            f"MERGE (a)-[r:{rel} {{key: row.key}}]->(b) SET r = row.props")


WIPE = "MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) DETACH DELETE n"
COUNT_NODES = "MATCH (n) WHERE $label IN labels(n) RETURN count(n) AS n"
COUNT_EDGES = "MATCH ()-[r]->() WHERE type(r) = $type RETURN count(r) AS n"
PRUNE_NODES = "MATCH (n) WHERE $label IN labels(n) AND NOT n.id IN $ids DETACH DELETE n"
PRUNE_EDGES = "MATCH ()-[r]->() WHERE type(r) = $type AND NOT r.key IN $keys DELETE r"


def all_statements() -> list[str]:
    """Every statement the loader can send (checked against Neo4j's own parser by the tests)."""
    stmts = schema_statements() + [node_statement(t) for t in NODE_TYPES]
    stmts += [edge_statement(r, s, t) for r, (ss, ts) in ALLOWED.items() for s in sorted(ss) for t in sorted(ts)]
    return stmts + [WIPE, COUNT_NODES, COUNT_EDGES, PRUNE_NODES, PRUNE_EDGES]


def props_of(data: dict, cols: dict[str, str]) -> dict[str, Any]:
    return {k: flat_value(data.get(k), t) for k, t in cols.items() if k != "id" and data.get(k) is not None}


def node_batches(G: nx.MultiDiGraph) -> Iterator[tuple[str, list[dict]]]:
    for t in NODE_TYPES:
        cols = node_columns(t)
        rows = [{"id": n, "props": props_of(d, cols) | {"id": n}} for n, d in G.nodes(data=True) if d["type"] == t]
        for i in range(0, len(rows), BATCH):
            yield t, rows[i:i + BATCH]


def edge_batches(G: nx.MultiDiGraph) -> Iterator[tuple[tuple[str, str, str], list[dict]]]:
    cols = edge_columns()
    groups: dict[tuple[str, str, str], list[dict]] = {}
    for u, v, k, d in G.edges(keys=True, data=True):
        key = (d["type"], G.nodes[u]["type"], G.nodes[v]["type"])
        groups.setdefault(key, []).append({"source": u, "target": v, "key": k, "props": props_of(d, cols) | {"key": k}})
    for key, rows in sorted(groups.items()):
        for i in range(0, len(rows), BATCH):
            yield key, rows[i:i + BATCH]


def driver(conn: Connection):
    """An open, verified driver, or :class:`Neo4jError` with a clear reason."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import AuthError, ServiceUnavailable

    try:
        drv = GraphDatabase.driver(conn.uri, auth=(conn.user, conn.password))
        drv.verify_connectivity()
    except AuthError:
        raise Neo4jError(f"Neo4j at {conn.uri} refused user '{conn.user}': wrong password? (NEO4J_PASSWORD)") from None
    except (ServiceUnavailable, OSError) as e:
        raise Neo4jError(f"cannot reach Neo4j at {conn.uri} ({type(e).__name__}); is it running? "
                         "`docker compose up -d --wait` starts it") from None
    except ValueError as e:
        raise Neo4jError(f"bad Neo4j URI {conn.uri!r}: {e}") from None
    return drv


def load(G: nx.MultiDiGraph, conn: Connection, wipe: bool = False,
         progress: Callable[[str, int], None] | None = None) -> dict[str, dict[str, int]]:
    """Load ``G`` idempotently.  Returns ``{"expected": …, "found": …}`` counts per label and type."""
    drv = driver(conn)
    try:
        with drv.session(database=conn.database) as s:
            if wipe:
                s.execute_write(lambda tx: tx.run(WIPE, labels=list(NODE_TYPES)).consume())
            for stmt in schema_statements():
                s.run(stmt).consume()
            for label, rows in node_batches(G):
                s.execute_write(lambda tx, q=node_statement(label), r=rows: tx.run(q, rows=r).consume())
                if progress:
                    progress(label, len(rows))
            for (rel, src, dst), rows in edge_batches(G):
                s.execute_write(lambda tx, q=edge_statement(rel, src, dst), r=rows: tx.run(q, rows=r).consume())
                if progress:
                    progress(rel, len(rows))
            _prune(s, G)
            return {"expected": expected_counts(G), "found": counts(s)}
    finally:
        drv.close()


def _prune(session, G: nx.MultiDiGraph) -> None:
    """Delete the nodes and edges of our labels and types that ``G`` no longer has (a newer build)."""
    ids: dict[str, list[str]] = {t: [] for t in NODE_TYPES}
    for n, d in G.nodes(data=True):
        ids[d["type"]].append(n)
    keys: dict[str, list[str]] = {r: [] for r in ALLOWED}
    for _, _, k, d in G.edges(keys=True, data=True):
        keys[d["type"]].append(k)
    for rel, ks in keys.items():
        session.execute_write(lambda tx, r=rel, k=ks: tx.run(PRUNE_EDGES, type=r, keys=k).consume())
    for label, ns in ids.items():
        session.execute_write(lambda tx, t=label, i=ns: tx.run(PRUNE_NODES, label=t, ids=i).consume())


def expected_counts(G: nx.MultiDiGraph) -> dict[str, int]:
    out = {t: 0 for t in NODE_TYPES} | {r: 0 for r in ALLOWED}
    for _, d in G.nodes(data=True):
        out[d["type"]] += 1
    for _, _, d in G.edges(data=True):
        out[d["type"]] += 1
    return out


def counts(session) -> dict[str, int]:
    out = {}
    for t in NODE_TYPES:
        out[t] = session.run(COUNT_NODES, label=t).single()["n"]
    for r in ALLOWED:
        out[r] = session.run(COUNT_EDGES, type=r).single()["n"]
    return out


def run_query(conn: Connection, cypher: str, params: dict) -> tuple[list[str], list[list[Any]]]:
    drv = driver(conn)
    try:
        records, _, keys = drv.execute_query(cypher, params, database_=conn.database)
        return list(keys), [[_plain(r[k]) for k in keys] for r in records]
    finally:
        drv.close()


def _plain(v: Any) -> Any:
    if hasattr(v, "items") and hasattr(v, "labels"):
        return dict(v.items())
    return v


__all__ = ["Connection", "Neo4jError", "load", "run_query", "all_statements", "node_properties"]
