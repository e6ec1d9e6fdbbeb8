"""A real Neo4j 5 (the official test harness in-process, or NEO4J_URI): loading is idempotent,
creates its constraints and indexes, follows a newer build, and every named query returns on
Neo4j the rows it returns on the embedded database."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.neo4j_store import Connection, driver, load, run_query
from graph.build import build
from graph.queries import library
from graph.store import EmbeddedStore
from tests.conftest import SEEDS

pytestmark = [pytest.mark.slow, pytest.mark.neo4j]


@pytest.fixture(scope="module")
def conn(neo4j_uri):
    return Connection(neo4j_uri, "neo4j", "neo4j-test", None)


@pytest.fixture(scope="module")
def loaded(seed_build, conn):
    G = seed_build[0]
    first = load(G, conn, wipe=True)
    return G, first


def test_load_counts_match_and_loading_again_changes_nothing(loaded, conn):
    G, first = loaded
    assert first["found"] == first["expected"]
    assert sum(first["found"].values()) == G.number_of_nodes() + G.number_of_edges()
    second = load(G, conn)
    assert second["found"] == first["found"]


def test_constraints_and_full_text_indexes_are_created(loaded, conn):
    drv = driver(conn)
    try:
        constraints = {r["name"] for r in drv.execute_query("SHOW CONSTRAINTS YIELD name")[0]}
        indexes = {(r["name"], r["type"]) for r in drv.execute_query("SHOW INDEXES YIELD name, type")[0]}
    finally:
        drv.close()
    assert {"person_id", "claim_id", "document_id", "work_id"} <= constraints
    assert {("claim_text", "FULLTEXT"), ("entity_names", "FULLTEXT")} <= indexes


def _rows(rows) -> list[str]:
    return sorted(json.dumps([sorted(v, key=str) if isinstance(v, list) else v for v in r], default=str) for r in rows)


@pytest.mark.parametrize("name", sorted(library()))
def test_every_named_query_returns_the_same_rows_on_neo4j(loaded, conn, seed_build, name):
    q = library()[name]
    params = q.bind({})
    with EmbeddedStore(seed_build[2] / "graph.lbdb") as store:
        cols, embedded = store.run(q.cypher, params)
    remote_cols, remote = run_query(conn, q.cypher, params)
    assert remote_cols == cols
    assert _rows(remote) == _rows(embedded)
    print(f"{name}: {len(remote)} rows compared")


def test_the_cli_asks_neo4j(loaded, conn, seed_build, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", conn.uri)
    monkeypatch.setenv("NEO4J_PASSWORD", conn.password)
    r = CliRunner().invoke(app, ["query", "who-disagrees-with-whom", "--neo4j", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert len(json.loads(r.output)) > 0
    r = CliRunner().invoke(app, ["query", "person-timeline", "--neo4j", "-p", "person=Hasabis"])
    assert r.exit_code == 2 and "did you mean 'Demis Hassabis'" in r.output


def test_a_newer_build_updates_the_database_with_nothing_duplicated(loaded, conn, tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    G1, _ = build([corpus], out=tmp_path / "out", views=False, exports=False, stores=False)
    first = load(G1, conn, wipe=True)
    assert first["found"] == first["expected"]
    path = corpus / "001_0dedf1b18d31d238.txt"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Thanks for having me.", "Thanks for having me, it is a pleasure to be here today.")
                    + "\nDemis Hassabis 01:02:00\n\nI think protein design will be the next big result of AlphaFold.\n",
                    encoding="utf-8")
    G2, _ = build([corpus], out=tmp_path / "out", views=False, exports=False, stores=False)
    second = load(G2, conn)
    assert second["found"] == second["expected"]
    gone = set(G1.nodes) - set(G2.nodes)
    assert gone  # the changed turn's claim has a new id
    _, rows = run_query(conn, "MATCH (n) WHERE n.id IN $ids RETURN count(n)", {"ids": sorted(gone)})
    assert rows == [[0]]
    _, rows = run_query(conn, "MATCH (c:Claim) WHERE c.text CONTAINS 'protein design' RETURN count(c)", {})
    assert rows == [[1]]


def test_the_in_process_harness_removes_its_folder_when_it_stops(tmp_path):
    """Each test run starts Neo4j in a temporary folder; once it stops the folder is gone (a run used to
    leave an empty one in /tmp every time)."""
    import os
    import subprocess

    from tests.conftest import HARNESS

    classes, lib = HARNESS / "target" / "classes", HARNESS / "target" / "lib"
    if not (shutil.which("java") and classes.is_dir() and lib.is_dir()):
        pytest.skip("the in-process harness is not built (`make neo4j-harness`)")
    proc = subprocess.Popen(["java", f"-Djava.io.tmpdir={tmp_path}", "-cp", f"{classes}{os.pathsep}{lib}/*",
                             "claimgraph.Neo4jLauncher"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().startswith("bolt://"), proc.stderr.read()[-2000:]
        assert list(tmp_path.glob("claimgraph-neo4j-*"))  # it runs there
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)
    assert not list(tmp_path.glob("claimgraph-neo4j-*"))
