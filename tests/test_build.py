"""The build end to end: graph.json per the contract, bad input, --strict, atomic out/."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from graph.build import build
from graph.cli import app
from graph.exports import WRITERS
from graph.output import graph_from_json
from tests.conftest import DATA, SEED, SEEDS

runner = CliRunner()
pytestmark = pytest.mark.slow


def small_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(DATA / "paren_transcript.txt", corpus / "a.txt")
    shutil.copy(DATA / "captions.vtt", corpus / "b.vtt")
    return corpus


def test_graph_json_follows_the_contract(seed_build):
    G, report, out = seed_build
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert data["directed"] is True and data["multigraph"] is True
    assert {"nodes", "edges", "graph"} <= set(data)
    for n in data["nodes"]:
        assert {"id", "type", "name", "aliases"} <= set(n)
    docs = {n["path"]: n for n in data["nodes"] if n["type"] == "Document"}
    assert set(docs) == set(SEED.values())
    assert docs[SEED["transcript"]]["format"] == "transcript"
    assert docs[SEED["transcript"]]["video_id"] == "qTogNUV3CAI"
    assert docs[SEED["book"]]["authors"] == ["Dwarkesh Patel", "Gavin Leech"]
    assert graph_from_json(data).number_of_edges() == G.number_of_edges()


def test_people_spoke_in_and_authored(seed_graph):
    G = seed_graph
    spoke = {(u, v) for u, v, d in G.edges(data=True) if d["type"] == "SPOKE_IN"}
    assert ("person:demis-hassabis", "document:seeds/001_0dedf1b18d31d238.txt") in spoke
    assert ("person:dwarkesh-patel", "document:seeds/004_7e4dc73717594e3d.txt") in spoke
    book_speakers = {u for u, v in spoke if v == "document:seeds/004_7e4dc73717594e3d.txt"}
    assert len(book_speakers) == 11
    authored = {(u, v) for u, v, d in G.edges(data=True) if d["type"] == "AUTHORED"}
    assert ("person:zvi-mowshowitz", "document:seeds/003_8276e0b4cd645e46.txt") in authored
    assert ("person:gavin-leech", "document:seeds/004_7e4dc73717594e3d.txt") in authored
    # one node per person, whatever the document called them
    people = [d["name"] for _, d in G.nodes(data=True) if d["type"] == "Person"]
    assert len(people) == len(set(people))
    assert not any(n.isupper() for n in people)


def test_ids_are_stable_across_rebuilds(tmp_path):
    corpus = small_corpus(tmp_path)
    G1, _ = build([corpus], out=tmp_path / "o1")
    G2, _ = build([corpus], out=tmp_path / "o2")
    assert set(G1.nodes) == set(G2.nodes)
    assert set(G1.edges(keys=True)) == set(G2.edges(keys=True))


def test_cli_build_summary_and_skipped_files(tmp_path):
    corpus = small_corpus(tmp_path)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blob.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(corpus), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "empty.txt: empty file" in result.output
    assert "blob.txt: binary file" in result.output
    assert "2 documents" in result.output and "2 files skipped" in result.output
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert len(data["graph"]["skipped"]) == 2
    assert Counter(n["type"] for n in data["nodes"])["Document"] == 2
    # the exports are written when asked for: by the build's --exports, or afterwards by export
    assert not (out / "exports").exists() and "claimgraph export FORMAT|all" in result.output
    result = runner.invoke(app, ["export", "all", "--graph", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (out / "exports").iterdir()) == sorted(name for name, _ in WRITERS.values())
    result = runner.invoke(app, ["build", str(corpus), "--out", str(out), "--exports"])
    assert result.exit_code == 0 and "exports   " + str(out / "exports") in result.output


def test_one_episode_in_several_caption_formats_is_read_once_from_a_timed_one(tmp_path):
    """Whisper writes ep.txt, ep.srt and ep.vtt of one episode; notes of another name, or of the same
    name with other words, are documents of their own."""
    corpus = tmp_path / "whisper"
    corpus.mkdir()
    cues = [("00:00:01", "00:00:04", "The benchmark was saturated within a year."),
            ("00:00:04", "00:00:06", "Nobody predicted that."), ("00:00:06", "00:00:09", "We need harder tests.")]
    (corpus / "ep.txt").write_text(" ".join(c for _, _, c in cues) + "\n", encoding="utf-8")
    (corpus / "ep.srt").write_text("".join(f"{i}\n{a},000 --> {b},000\n{c}\n\n" for i, (a, b, c) in enumerate(cues, 1)),
                                   encoding="utf-8")
    (corpus / "ep.en.vtt").write_text("WEBVTT\n\n" + "".join(f"{a}.000 --> {b}.000\n{c}\n\n" for a, b, c in cues),
                                   encoding="utf-8")
    (corpus / "other.txt").write_text("Show notes: why benchmarks saturate, and what replaces them.\n", encoding="utf-8")
    (corpus / "other.vtt").write_text("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nScaling laws held at every size.\n\n"
                                      "00:00:04.000 --> 00:00:06.000\nThat surprised us.\n", encoding="utf-8")
    _, report = build([corpus], out=tmp_path / "out")
    assert sorted(Path(d["path"]).name for d in report.documents) == ["ep.en.vtt", "other.txt", "other.vtt"]
    assert sum("the same speech as" in w for w in report.warnings) == 2 and not report.skipped
    assert next(d for d in report.documents if d["path"].endswith("ep.en.vtt"))["format"] == "captions"


def test_strict_fails_on_a_skipped_file_and_keeps_previous_out(tmp_path):
    corpus = small_corpus(tmp_path)
    out = tmp_path / "out"
    assert runner.invoke(app, ["build", str(corpus), "--out", str(out)]).exit_code == 0
    before = (out / "graph.json").read_bytes()
    (corpus / "empty.txt").write_bytes(b"")
    result = runner.invoke(app, ["build", str(corpus), "--out", str(out), "--strict"])
    assert result.exit_code == 1
    assert "empty.txt: empty file" in result.output
    assert (out / "graph.json").read_bytes() == before


def test_nothing_readable(tmp_path):
    (tmp_path / "empty").mkdir()
    result = runner.invoke(app, ["build", str(tmp_path / "empty"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "no readable documents" in result.output and "directory has no readable documents" in result.output
    result = runner.invoke(app, ["build", str(tmp_path / "missing"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1 and "missing: no such file or directory" in result.output
    assert not (tmp_path / "out").exists()


def test_failed_build_leaves_previous_out_intact(tmp_path, monkeypatch):
    corpus = small_corpus(tmp_path)
    out = tmp_path / "out"
    build([corpus], out=out)
    before = sorted(p.relative_to(out) for p in out.rglob("*"))
    graph_before = (out / "graph.json").read_bytes()

    import graph.build as gb

    def boom(*a, **k):
        raise RuntimeError("disk full")

    monkeypatch.setattr(gb, "write_graph_json", boom)
    with pytest.raises(RuntimeError):
        build([corpus], out=out, cache=False)  # no cache: the up-to-date shortcut must not hide the failure
    assert sorted(p.relative_to(out) for p in out.rglob("*")) == before
    assert (out / "graph.json").read_bytes() == graph_before
    assert not list(tmp_path.glob(".out.building.*"))


def test_every_command_has_help():
    import typer.main

    group = typer.main.get_command(app)
    for name, cmd in group.commands.items():
        assert cmd.help and "Example:" in cmd.help, name
        assert runner.invoke(app, [name, "--help"]).exit_code == 0


def test_unchanged_rebuild_is_recognised_and_a_change_rebuilds(tmp_path):
    corpus = small_corpus(tmp_path)
    out = tmp_path / "out"
    G1, r1 = build([corpus], out=out, views=False, exports=False)
    assert not r1.cache.get("up_to_date")
    G2, r2 = build([corpus], out=out, views=False, exports=False)
    assert r2.cache.get("up_to_date") and set(G2.nodes) == set(G1.nodes)
    with open(corpus / "a.txt", "a", encoding="utf-8") as f:
        f.write("\nBram Stoker-Ng (00:02:30): Routing costs fall every year with better kernels.\n")
    G3, r3 = build([corpus], out=out, views=False, exports=False)
    assert not r3.cache.get("up_to_date")
    assert r3.cache["hits"] == 1 and r3.cache["misses"] == 1  # only the changed document was parsed again
    assert any("Routing costs fall" in d.get("text", "") for _, d in G3.nodes(data=True))


def test_a_rebuild_from_the_cache_writes_what_a_fresh_build_writes(tmp_path):
    """One document and one sidecar changed: the other documents' reads and parses come from the cache,
    the old versions are pruned, and every output is byte for byte what a build from nothing writes
    (but the build time)."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    cached, fresh = tmp_path / "cached", tmp_path / "fresh"
    build([corpus], out=cached, exports=True)
    with open(corpus / "001_0dedf1b18d31d238.txt", "a", encoding="utf-8") as f:
        f.write("\nDemis Hassabis 01:02:00\nI think AlphaFold changed biology, and Ilya is right about scaling.\n")
    sidecar = corpus / "004_7e4dc73717594e3d.meta.yml"  # a node whose edges all have to be put back
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace("(excerpt)", "(an excerpt)"), encoding="utf-8")
    _, report = build([corpus], out=cached, exports=True)
    assert (report.cache["hits"], report.cache["misses"]) == (4, 1)
    kept = tmp_path / ".cached-cache"
    assert all(len(list(kept.rglob(f"*{suffix}"))) == 5  # the old versions are pruned
               for suffix in (".analysis", ".doc"))
    build([corpus], out=fresh, cache=False, exports=True)

    def files(out: Path) -> dict[str, bytes]:
        return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
                if p.is_file() and p.suffix != ".lbdb" and p.name != "manifest.json"}

    a, b = files(cached), files(fresh)
    assert a.keys() == b.keys()
    built = re.compile(rb'"built": ?"[^"]+"')
    differ = [k for k in a if built.sub(b"", a[k]) != built.sub(b"", b[k])]
    assert differ == []
    assert b"AlphaFold changed biology" in a["exports/graph.graphml"]
    # the database holds exactly what a fresh one holds
    assert _database(cached / "graph.lbdb") == _database(fresh / "graph.lbdb")


def _database(path: Path) -> list[str]:
    """Every node and edge of an embedded database with all its properties, as sorted JSON lines."""
    import ladybug as lb

    db = lb.Database(str(path), read_only=True)
    conn = lb.Connection(db)
    rows = []
    for query in ("MATCH (n) RETURN n", "MATCH (a)-[e]->(b) RETURN a.id, b.id, e"):
        res = conn.execute(query)
        while res.has_next():
            row = [{k: v for k, v in x.items() if not k.startswith("_")} if isinstance(x, dict) else x
                   for x in res.get_next()]
            rows.append(json.dumps(row, sort_keys=True, default=str))
    conn.close()
    db.close()
    return sorted(rows)


def test_analyses_cached_by_other_code_are_not_used(tmp_path, monkeypatch):
    """Sentence units are classified when a turn is parsed, so the code doing it is part of the cache key."""
    import extract.parser as parser

    corpus = small_corpus(tmp_path)
    out = tmp_path / "out"
    _, first = build([corpus], out=out, views=False, exports=False)
    assert first.cache["misses"] == 2
    _, same = build([corpus], out=out, views=False, exports=False, stores=False)  # other options: no shortcut
    assert (same.cache["hits"], same.cache["misses"]) == (2, 0)
    monkeypatch.setattr(parser, "ANALYSIS_CODE", "changed")
    _, changed = build([corpus], out=out, views=False, exports=False)
    assert (changed.cache["hits"], changed.cache["misses"]) == (0, 2)


def test_parses_are_not_reused_when_a_newer_reader_cuts_a_file_into_other_turns(tmp_path, monkeypatch):
    """The same file, the same number of turns, other texts in them: its parses are made again."""
    import dataclasses

    import extract.readers as readers
    import graph.build
    import graph.cache

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "notes.txt").write_text("Scaling is not over at all.\n\nData is the real bottleneck now.\n\n"
                                      "Robots need far more simulation.\n", encoding="utf-8")
    out = tmp_path / "out"
    build([corpus], out=out, views=False, exports=False)
    real = readers.READERS.get("plain", readers.read_plain)

    def newer(text, meta):  # what a newer reader might do: the same turns, in another order
        doc = real(text, meta)
        doc.turns = [dataclasses.replace(t, index=i) for i, t in enumerate(reversed(doc.turns))]
        return doc

    monkeypatch.setattr(readers, "read_plain", newer)
    for module in (graph.build, graph.cache):
        monkeypatch.setattr(module, "code_digest", lambda: "newer code")
    G, report = build([corpus], out=out, views=False, exports=False)
    fresh, _ = build([corpus], out=tmp_path / "fresh", views=False, exports=False, cache=False)
    texts = lambda g: sorted(d["text"] for _, d in g.nodes(data=True) if d["type"] == "Claim")
    assert report.cache["hits"] == 0 and texts(G) == texts(fresh) and "Data is the real bottleneck now." in texts(G)


def test_a_rebuild_reads_a_changed_document_as_a_fresh_build_does(tmp_path):
    """The first document names a system nobody listed; the second, which mentions it, is changed.
    The rebuild reuses the first document's parse and reads the second exactly as a build from
    nothing does."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Ann Lee (00:00:10): Our new model called Zephyr-9 beats every benchmark we tried last year.\n"
        "Bo Chan (00:00:40): Benchmarks are saturated, so that says little about real research work.\n",
        encoding="utf-8")
    (corpus / "b.txt").write_text(
        "Bo Chan (00:01:10): I doubt that Zephyr-9 will matter much for biology research in the end.\n",
        encoding="utf-8")
    cached, fresh = tmp_path / "cached", tmp_path / "fresh"
    build([corpus], out=cached, views=False, exports=False, stores=False)
    with open(corpus / "b.txt", "a", encoding="utf-8") as f:
        f.write("Ann Lee (00:01:40): Zephyr-9 already folds proteins better than anything we had before.\n")
    G1, report = build([corpus], out=cached, views=False, exports=False, stores=False)
    assert (report.cache["hits"], report.cache["misses"]) == (1, 1)
    G2, _ = build([corpus], out=fresh, cache=False, views=False, exports=False, stores=False)
    assert sorted(G1.nodes(data=True)) == sorted(G2.nodes(data=True))
    assert sorted(G1.edges(keys=True, data=True)) == sorted(G2.edges(keys=True, data=True))
    # named by a pattern where it is introduced, found again as a learned name elsewhere
    mentioned = {(d["quote"][:12], d["rule"]) for _, v, d in G1.edges(data=True)
                 if d["type"] == "MENTIONS" and v == "system:zephyr-9"}
    assert mentioned == {("Our new mode", "system.our-model"), ("I doubt that", "kb.learned"),
                         ("Zephyr-9 alr", "kb.learned")}


def test_two_jobs_build_what_one_does(tmp_path):
    """Parsing on two processes gives the graph one process gives."""
    graphs = {}
    for jobs in (1, 2):
        out = tmp_path / f"out{jobs}"
        build([SEEDS], out=out, jobs=jobs, stores=False, views=False, exports=False, cache=False)
        data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
        graphs[jobs] = (data["nodes"], data["edges"])
    assert graphs[2] == graphs[1]


def test_every_edge_is_what_the_schema_makes_of_it(seed_build):
    """Every edge is exactly what validating it gives, in the schema's order of fields, under the key
    its fields give."""
    from graph.assemble import edge_key
    from graph.schema import validate_edge

    G, _, _ = seed_build
    checked = 0
    for u, v, k, d in G.edges(keys=True, data=True):
        data = {"source": u, "target": v, **d}
        valid = validate_edge(data, G.nodes[u]["type"], G.nodes[v]["type"]).__dict__
        assert list(d.items()) == [(f, x) for f, x in valid.items() if f not in ("source", "target")], (u, v, d)
        assert all(type(d[f]) is type(valid[f]) for f in d)
        assert k == edge_key(data)
        checked += 1
    assert checked == G.number_of_edges() > 1000


def test_a_claims_edge_names_how_the_claim_was_attributed(seed_graph):
    """The rule of a CLAIMS edge is the attribution that made it (the speaker of the turn, reported
    speech, the author of a note, the subject of a summary), as the claim node records it."""
    G = seed_graph
    rules = Counter()
    for u, v, d in G.edges(data=True):
        if d["type"] == "CLAIMS":
            assert d["rule"] == f"claims.attribution.{G.nodes[v]['attribution']}"
            rules[d["rule"]] += 1
    assert {"claims.attribution.turn", "claims.attribution.reported", "claims.attribution.subject"} <= set(rules)
