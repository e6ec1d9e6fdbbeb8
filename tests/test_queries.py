"""Stores and named queries: every file in queries/ runs on the embedded database built from the seeds
and returns what a reader of the seeds expects; every statement passes Neo4j's own parser; Neo4j itself
when NEO4J_URI is set."""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.cli import app
from graph.queries import library
from graph.schema import ALLOWED, NODE_TYPES
from graph.store import EmbeddedStore, ddl, table_counts

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def store(seed_build):
    _, _, out = seed_build
    with EmbeddedStore(out / "graph.lbdb") as s:
        yield s


def rows(store, name: str, **params) -> list[dict]:
    q = library()[name]
    cols, data = store.run(q.cypher, q.bind(params))
    return [dict(zip(cols, r)) for r in data]


def test_library_has_the_questions_users_ask():
    lib = library()
    assert len(lib) >= 15
    for q in lib.values():
        assert q.title and q.description, q.name
        assert {p.name for p in q.params} == q.used, q.name  # every $param has a header default, and no more


def test_tables_are_generated_from_the_schema(seed_graph, store):
    stmts = ddl()
    assert all(any(f"CREATE NODE TABLE {t}(" in s for s in stmts) for t in NODE_TYPES)
    assert all(any(f"CREATE REL TABLE {r}(" in s for s in stmts) for r in ALLOWED)
    found = table_counts(store, [*NODE_TYPES, *ALLOWED])
    for t in NODE_TYPES:
        assert found[t] == sum(1 for _, d in seed_graph.nodes(data=True) if d["type"] == t), t
    for r in ALLOWED:
        assert found[r] == sum(1 for _, _, d in seed_graph.edges(data=True) if d["type"] == r), r


def test_who_disagrees_with_whom(store):
    got = {(r["who"], r["disagrees_with"]) for r in rows(store, "who-disagrees-with-whom")}
    assert {("Demis Hassabis", "Dwarkesh Patel"), ("Carl Shulman", "AI skeptics"), ("Gwern Branwen", "people on Twitter"),
            ("Sholto Douglas", "Dwarkesh Patel"), ("Dwarkesh Patel", "Trenton Bricken")} <= got
    demis = next(r for r in rows(store, "who-disagrees-with-whom") if r["who"] == "Demis Hassabis")
    assert demis["quote"] == "I don’t think that’s the case." and demis["timestamp"] == "00:31:40"


def test_who_agrees_with_whom(store):
    got = {(r["who"], r["agrees_with"], r["quote"]) for r in rows(store, "who-agrees-with-whom")}
    assert ("Demis Hassabis", "Ilya Sutskever", "I think Ilya is right.") in got
    assert ("Zvi Mowshowitz", "Sholto Douglas", "I agree.") in got


def test_person_claims_about_a_system(store):
    got = rows(store, "person-claims-about", topic="AlphaZero")  # the person defaults to Demis Hassabis; the topic is asked for
    assert len(got) >= 5
    assert all("AlphaZero" in r["claim"] for r in got)
    timed = [r for r in got if r["document"].startswith("Demis Hassabis - Scaling")]
    assert timed and all(r["link"].startswith("https://www.youtube.com/watch?v=qTogNUV3CAI&t=") for r in timed)
    assert any(r["timestamp"] == "00:07:18" and "our system to play Go" in r["claim"] for r in got)


def test_most_discussed_systems(store):
    got = rows(store, "most-discussed-systems")
    assert got[0]["system"] in ("Gemini", "GPT-4")
    gemini = next(r for r in got if r["system"] == "Gemini")
    assert gemini["developer"] == "Google DeepMind" and "Demis Hassabis" in gemini["discussed_by"]


def test_outside_views_on_a_system(store):
    got = rows(store, "outside-views-on-system")  # GPT-4
    people = {r["person"] for r in got}
    assert "Demis Hassabis" in people
    assert all(r["developer"] == "OpenAI" for r in got)


def test_who_cites_a_work(store):
    got = rows(store, "who-cites-work")  # Scaling Hypothesis
    kinds = {(r["cited_by_type"], r["cited_by"]) for r in got}
    assert ("Person", "Dwarkesh Patel") in kinds
    assert ("Document", "The Scaling Era: An Oral History of AI, 2019–2025 (excerpt)") in kinds
    assert any(t == "Claim" and "Sholto" in who for t, who in kinds)


def test_most_cited_works(store):
    got = rows(store, "most-cited-works")
    assert (got[0]["work"], got[0]["kind"], got[0]["year"], got[0]["cited_by"]) == ("The Scaling Hypothesis", "post", 2020, 3)


def test_affiliations(store):
    got = {(r["person"], r["role"], r["organization"]) for r in rows(store, "affiliations")}
    assert ("Dario Amodei", "CEO", "Anthropic") in got
    assert ("Shane Legg", "Cofounder and chief AGI scientist", "Google DeepMind") in got
    assert ("Ilya Sutskever", "Cofounder", "Safe Superintelligence Inc.") in got


def test_concept_definition_and_claims(store):
    got = rows(store, "concept")  # scaling hypothesis
    assert got[0]["definition"].startswith("The idea that increasing the size, training data")
    assert any(r["person"] == "Demis Hassabis" for r in got)


def test_connection_between_people(store):
    got = rows(store, "connection-between-people")
    assert got and got[0]["via"] == "GPT-4" and got[0]["paths"] >= 5


def test_restatements(store):
    got = rows(store, "restatements")
    assert got and all(r["score"] >= 0.8 for r in got)
    assert any(r["claim"].startswith("For example, when these large models improve at coding")
               and r["restates_document"].startswith("Demis Hassabis - Scaling") for r in got)


def test_contested_claims(store):
    got = rows(store, "contested-claims")
    # "I don't think that's the case." answers the perception Dwarkesh reports, not his question about it
    assert any(r["claim"].startswith("There’s a perception that maybe other labs are more compute-efficient")
               and r["claimed_by"] == "Dwarkesh Patel" and r["disagreements"] >= 1 for r in got)


def test_speaker_topics(store):
    got = rows(store, "speaker-topics")
    demis = [r for r in got if r["person"] == "Demis Hassabis"]
    assert demis[0]["topic"] == "grounding" and demis[0]["claims"] >= 10
    assert any(r["topic"] == "AlphaGo" for r in demis)


def test_glossary(store):
    got = rows(store, "glossary")
    assert len(got) >= 60
    mcts = next(r for r in got if r["concept"] == "Monte Carlo tree search")
    assert mcts["definition"].startswith("A method for identifying an appropriate sequence of actions")


def test_documents_and_unattributed(store):
    docs = rows(store, "documents")
    assert [d["format"] for d in docs] == ["wiki", "transcript", "whisper", "notes", "book"]
    assert set(docs[1]["speakers"]) == {"Dwarkesh Patel", "Demis Hassabis"}
    un = {r["format"]: r["unattributed"] for r in rows(store, "unattributed-claims")}
    assert un["whisper"] == docs[2]["claims"]  # every Whisper claim, none given an invented speaker
    assert "transcript" not in un and "book" not in un


def test_claims_to_check_first(store):
    got = rows(store, "claims-check-worthy", limit=200)
    worth = [r["checkworthiness"] for r in got]
    assert len(got) == 200 and worth == sorted(worth, reverse=True) and 0 < worth[-1] <= worth[0] <= 1
    top = [r["claim"] for r in got[:20]]
    assert sum(any(ch.isdigit() for ch in c) for c in top) >= 10  # figures and dates come first
    assert not any(c.rstrip().endswith("?") for c in top)


def test_person_timeline_and_search(store):
    got = rows(store, "person-timeline", person="Demis Hassabis", limit=500)
    first_transcript = next(r for r in got if r["document"].startswith("Demis Hassabis - Scaling"))
    assert first_transcript["timestamp"] == "00:01:05"
    assert first_transcript["claim"].startswith("It’s interesting because intelligence is so broad")
    found = rows(store, "search-claims", text="grounding")
    assert found and all("grounding" in r["claim"].lower() for r in found)


# --------------------------------------------------------------------------- CLI


def test_cli_query_table_json_csv(seed_build):
    out = str(seed_build[2])
    r = runner.invoke(app, ["query", "affiliations", "--out", out, "--format", "json"])
    assert r.exit_code == 0, r.output
    assert {"person", "role", "organization", "source"} == set(json.loads(r.output)[0])
    r = runner.invoke(app, ["query", "who-cites-work", "--out", out, "-p", "work=Bitter Lesson", "-f", "csv"])
    assert r.exit_code == 0 and r.output.splitlines()[0] == "work,cited_by_type,cited_by,quote,document"
    r = runner.invoke(app, ["query", "MATCH (p:Person) WHERE p.name = $n RETURN p.id AS id", "-p", "n=Gwern Branwen",
                            "--out", out])
    assert r.exit_code == 0 and "person:gwern-branwen" in r.output
    r = runner.invoke(app, ["queries"])
    assert r.exit_code == 0 and "who-disagrees-with-whom" in r.output


@pytest.mark.parametrize(
    "args, message, code",
    [
        (["query", "no-such-query"], "unknown query 'no-such-query'", 2),
        (["query", "MATCH (p:Person) RETURN p.name LIMIT $n"], "needs --param n=VALUE", 2),
        (["query", "MATCH (p:Person RETURN p"], "failed: Parser exception", 1),
        (["query", "affiliations", "-p", "bogus=1"], "has no parameter bogus", 2),
    ],
)
def test_cli_query_errors_are_messages_not_tracebacks(seed_build, args, message, code):
    r = runner.invoke(app, [*args, "--out", str(seed_build[2])])
    assert r.exit_code == code and message in r.output and "Traceback" not in r.output


def test_cli_query_before_any_build(tmp_path):
    r = runner.invoke(app, ["query", "glossary", "--out", str(tmp_path / "none")])
    assert r.exit_code == 1 and "run `claimgraph build` first" in r.output


def test_neo4j_unreachable_is_a_clear_message(seed_build):
    r = runner.invoke(app, ["load-neo4j", "--uri", "bolt://127.0.0.1:9", "--out", str(seed_build[2])])
    assert r.exit_code == 1 and "cannot reach Neo4j at bolt://127.0.0.1:9" in r.output


# --------------------------------------------------------------------------- Neo4j's own parser


def _lint(statements: list[dict]) -> list[dict]:
    tool = ROOT / "tools" / "lint-cypher.cjs"
    if not (ROOT / "tools" / "node_modules" / "@neo4j-cypher" / "language-support").exists() or not shutil.which("node"):
        if os.environ.get("CI"):
            pytest.fail("Neo4j's Cypher parser is not installed: `make cypher-tools` (make test does it)")
        pytest.skip("Neo4j's Cypher parser is not installed (run `make cypher-tools`)")
    # Bounded by the parser's own CPU time (a loaded machine slows the wall clock, not the work), with
    # a wall-clock bound only against a hang.
    cpu = lambda: resource.setrlimit(resource.RLIMIT_CPU, (300, 300))  # noqa: E731
    res = subprocess.run(["node", str(tool)], input=json.dumps(statements), capture_output=True, text=True,
                         cwd=ROOT / "tools", timeout=1800, preexec_fn=cpu)
    assert res.returncode == 0, f"Neo4j's Cypher parser failed (exit {res.returncode}): {res.stderr[-2000:]}"
    return json.loads(res.stdout)


def test_every_query_and_loader_statement_parses_as_neo4j_cypher():
    from graph.neo4j_store import all_statements

    stmts = [{"name": q.name, "cypher": q.cypher} for q in library().values()]
    stmts += [{"name": f"loader {i}", "cypher": s} for i, s in enumerate(all_statements())]
    bad = [f"{r['name']}: {'; '.join(r['errors'])}" for r in _lint(stmts) if r["errors"]]
    assert not bad, "statements Neo4j's parser rejects:\n" + "\n".join(bad)


def test_the_parser_does_reject_bad_cypher():
    res = _lint([{"name": "bad", "cypher": "MATCH (n:Person RETURN n"}])
    assert res[0]["errors"]


# --------------------------------------------------------------------------- Neo4j itself
