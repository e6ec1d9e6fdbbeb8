"""Never destroy what is not ours, and a user's first own corpus just works.

Each `--out` case runs in a temporary folder holding user files that must survive byte for byte."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from graph.cli import app
from graph.output import locked
from graph.build import BuildError, build
from tests.conftest import ROOT
from tests.pdfs import docx_bytes, epub_bytes, pdf_bytes

pytestmark = [pytest.mark.slow]

TRANSCRIPT = ("Ada Quill 00:00:05\n\nI think sparse models will win because they are cheaper to serve.\n\n"
              "Bram Ng 00:00:12\n\nI don't think that's right, dense models are simpler to train.\n\n"
              "Ada Quill 00:00:30\n\nRouting keeps getting better every year.\n")


def user_folder(root: Path) -> dict[Path, bytes]:
    """A user's folder: a transcript, a Word file they keep, a subfolder; returns every file's bytes."""
    (root / "mydocs" / "sub").mkdir(parents=True)
    (root / "mydocs" / "episode.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (root / "mydocs" / "sub" / "keep.bin").write_bytes(b"\x00\x01 not ours")
    (root / "notes.txt").write_text("my own notes\n", encoding="utf-8")
    return snapshot(root)


def snapshot(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("out, reason", [
    ("mydocs", "holds the input"),
    ("mydocs/out", "lies inside the input"),
    (".", "holds the input"),
    ("notes.txt", "is a file"),
    ("/", "is the root folder"),
])
def test_out_that_is_not_ours_is_refused_and_nothing_moves(tmp_path, monkeypatch, out, reason):
    before = user_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(BuildError, match=reason):
        build(["mydocs"], out=out, views=False)
    assert snapshot(tmp_path) == before


def test_home_folder_and_foreign_folders_are_refused(tmp_path, monkeypatch):
    before = user_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    with pytest.raises(BuildError, match="home folder"):
        build(["mydocs/episode.txt"], out=tmp_path, views=False)
    (tmp_path / "photos").mkdir()
    (tmp_path / "photos" / "cat.jpg").write_bytes(b"meow")
    with pytest.raises(BuildError, match="not a claimgraph output"):
        build(["mydocs"], out="photos", views=False)
    assert (tmp_path / "photos" / "cat.jpg").read_bytes() == b"meow"
    assert {p: b for p, b in snapshot(tmp_path).items() if "photos" not in str(p)} == before


def test_a_previous_output_and_an_empty_folder_are_ours_to_replace(tmp_path, monkeypatch):
    user_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    build(["mydocs"], out="empty", views=False, stores=False)
    manifest = json.loads((tmp_path / "empty" / "manifest.json").read_text(encoding="utf-8"))
    assert "claimgraph" in manifest
    build(["mydocs"], out="empty", views=False, stores=False, cache=False)
    assert (tmp_path / "empty" / "graph.json").is_file()


def test_a_second_build_of_the_same_out_fails_while_the_first_holds_it(tmp_path, monkeypatch):
    user_folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    with locked(tmp_path / "out"):
        with pytest.raises(BuildError, match="another build is writing it"):
            build(["mydocs"], out="out", views=False)
    build(["mydocs"], out="out", views=False, stores=False)  # the lock went with its holder
    assert (tmp_path / "out" / "graph.json").is_file()


def test_undecodable_file_name_is_named_and_skipped_and_the_rest_built(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(TRANSCRIPT, encoding="utf-8")
    with open(os.fsencode(folder) + b"/bad\xff.txt", "w", encoding="utf-8") as f:
        f.write(TRANSCRIPT)
    G, report = build([folder], out=tmp_path / "out", views=False, stores=False)
    assert [s.reason for s in report.skipped] == ["file name is not valid UTF-8; rename the file"]
    assert "bad\\xff.txt" in report.skipped[0].path
    assert len(report.documents) == 1


def test_a_document_the_parser_fails_on_is_named_and_the_rest_built(tmp_path, monkeypatch):
    """Whatever stops spaCy on one document (it once was a character no UTF-8 can hold), the build goes
    on: that document keeps its text and speakers without claims, and a one-line warning names it."""
    import extract.parser

    parse = extract.parser._parse

    def failing(texts, digest):
        if any("verifiers" in t for t in texts):
            raise ValueError("E000 something spaCy could not take")
        return parse(texts, digest)

    monkeypatch.setattr(extract.parser, "_parse", failing)
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (folder / "bad.txt").write_text("Bram Ng 00:00:01\n\nI think verifiers matter more than raw text.\n\n"
                                    "Ada Quill 00:00:09\n\nI disagree, data is the wall.\n", encoding="utf-8")
    G, report = build([folder], out=tmp_path / "out", views=False, stores=False, jobs=1)
    claims = {Path(d["path"]).name: d["claims"] for d in report.documents}
    assert claims["good.txt"] > 0 and claims["bad.txt"] == 0
    bad = next(d["path"] for d in report.documents if d["path"].endswith("bad.txt"))
    assert report.warnings == [f"{bad}: not parsed (ValueError: E000 something spaCy could not take); "
                               "its text is in the graph, without claims"]
    spoke = {u for u, _, e in G.in_edges(f"document:{bad}", data=True) if e["type"] == "SPOKE_IN"}
    assert spoke == {"person:bram-ng", "person:ada-quill"}


def _killed(texts, digest):
    """A parse process the system kills (for memory, say) while it parses."""
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_parse_process_that_dies_stops_the_build_with_one_line_and_writes_nothing(tmp_path, monkeypatch):
    """With ``multiprocessing.Pool`` the build waited for the dead process's task for ever, deaf even to SIGTERM."""
    import extract.parser

    monkeypatch.setattr(extract.parser, "_parse", _killed)
    (tmp_path / "a.txt").write_text(TRANSCRIPT, encoding="utf-8")
    with pytest.raises(BuildError, match=r"^a parse process died \(killed, perhaps for lack of memory\)"):
        build([tmp_path / "a.txt"], out=tmp_path / "out", views=False, stores=False, jobs=2)
    assert not (tmp_path / "out").exists()


def test_a_parse_that_cannot_go_on_anywhere_stops_the_build_with_its_line(tmp_path, monkeypatch):
    """A cluster's worker with other rules fails every document alike: one error, not a warning for each."""
    import extract.parser
    from extract.cluster import ClusterError

    def other_rules(texts, digest):
        raise ClusterError("a worker has other rules (x, the client y): install the same claimgraph on every worker")

    monkeypatch.setattr(extract.parser, "_parse", other_rules)
    (tmp_path / "a.txt").write_text(TRANSCRIPT, encoding="utf-8")
    with pytest.raises(BuildError, match=r"^a worker has other rules \(x, the client y\)"):
        build([tmp_path / "a.txt"], out=tmp_path / "out", views=False, stores=False, jobs=1)


def test_one_document_with_no_claim_builds_every_output(tmp_path):
    (tmp_path / "q.txt").write_text("Why now?\n", encoding="utf-8")
    G, report = build([tmp_path / "q.txt"], out=tmp_path / "out", exports=True)
    assert G.number_of_edges() == 0
    exports = tmp_path / "out" / "exports"
    for name in ("graph.gexf", "graph.graphml", "graph.cytoscape.json", "graph.cypher"):
        assert (exports / name).is_file(), name
    import networkx as nx

    assert nx.read_gexf(exports / "graph.gexf").number_of_nodes() == 1


def test_an_export_never_replaces_what_the_user_has(tmp_path):
    """A vault, a file or a folder of the user's at --out is refused with one line and left as it was;
    a new path and the build's own out/exports/ are written."""
    (tmp_path / "q.txt").write_text("Ada Quill: I think sparse models will win.\n", encoding="utf-8")
    out = tmp_path / "out"
    build([tmp_path / "q.txt"], out=out, views=False)
    vault = tmp_path / "MyVault"
    vault.mkdir()
    (vault / "Ideas.md").write_text("my notes", encoding="utf-8")
    mine = tmp_path / "mine.graphml"
    mine.write_text("mine", encoding="utf-8")
    runner = CliRunner()
    for fmt, dest in (("obsidian", vault), ("graphml", mine), ("all", vault)):
        result = runner.invoke(app, ["export", fmt, "--graph", str(out), "--out", str(dest)])
        assert result.exit_code == 1 and "already exists" in result.output, result.output
    assert (vault / "Ideas.md").read_text(encoding="utf-8") == "my notes" and len(list(vault.iterdir())) == 1
    assert mine.read_text(encoding="utf-8") == "mine"
    for args in (["obsidian", "--out", str(tmp_path / "new-vault")], ["obsidian"], ["obsidian"]):
        result = runner.invoke(app, ["export", *args, "--graph", str(out)])
        assert result.exit_code == 0, result.output
    assert (tmp_path / "new-vault").is_dir() and (out / "exports" / "obsidian-vault").is_dir()


def test_pdf_and_word_files_are_read_and_say_their_offsets_index_the_extracted_text(tmp_path):
    lines = ["Ada Quill: I think sparse models will win because they are cheaper.",
             "Bram Ng: I disagree, dense models are simpler to train.",
             "Ada Quill: Routing keeps getting better every year.",
             "Bram Ng: Training them is still hard."]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "talk.pdf").write_bytes(pdf_bytes(lines))
    (corpus / "talk2.docx").write_bytes(docx_bytes(lines))
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    G, report = build([corpus], out=tmp_path / "out", views=False, stores=False)
    assert [(Path(s.path).name, s.reason.split(" (")[0]) for s in report.skipped] == [("broken.pdf", "not a readable PDF")]
    docs = {Path(d["path"]).suffix: d for _, d in G.nodes(data=True) if d["type"] == "Document"}
    assert docs[".pdf"]["extracted_from"] == "pdf" and docs[".docx"]["extracted_from"] == "docx"
    from extract.readers.binary import extract_text

    for suffix in (".pdf", ".docx"):
        text = extract_text(suffix, Path(docs[suffix]["path"]).read_bytes())
        claims = [d for _, d in G.nodes(data=True)
                  if d["type"] == "Claim" and G.nodes[d["document"]]["path"] == docs[suffix]["path"]]
        assert claims and all(text[c["start"]:c["end"]] == c["quote"] for c in claims)
        assert {G.nodes[c["speaker"]]["name"] for c in claims if c["speaker"]} == {"Ada Quill", "Bram Ng"}


def test_an_epub_book_is_read_in_its_reading_order_with_its_title_and_author(tmp_path):
    """The chapters in the order the book's spine gives, the book's title and author from its metadata, so the
    author's sentences are the author's claims; an encrypted book is skipped with its reason."""
    from extract.pipeline import extract
    from extract.readers import ReadError, read_path

    corpus = tmp_path / "books"
    corpus.mkdir()
    (corpus / "machine.epub").write_bytes(epub_bytes("The Quiet Machine", ["Ada Quill"], [
        ["Chapter One", "Small models trained on clean data beat large models trained on everything."],
        ["Chapter Two", "Evaluation, not compute, is the bottleneck of the next decade."]]))
    (corpus / "locked.epub").write_bytes(epub_bytes("Locked", ["Bram Ng"], [["Text."]], encrypted=True))
    doc = read_path(corpus / "machine.epub")
    assert (doc.meta.title, doc.meta.authors, doc.meta.extracted_from) == ("The Quiet Machine", ["Ada Quill"], "epub")
    texts = [t.text for t in doc.turns]
    assert texts.index("Small models trained on clean data beat large models trained on everything.") < \
        texts.index("Evaluation, not compute, is the bottleneck of the next decade.")
    claims = extract([doc]).claims
    assert {c.speaker for c in claims if "bottleneck" in c.text} == {("Person", "Ada Quill")}
    with pytest.raises(ReadError, match=r"locked\.epub: the EPUB is encrypted"):
        read_path(corpus / "locked.epub")


def test_invalid_sidecar_is_one_line(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ep.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (corpus / "ep.meta.yml").write_text("title: [unclosed\nshow: x\n", encoding="utf-8")
    (corpus / "other.txt").write_text(TRANSCRIPT, encoding="utf-8")
    G, report = build([corpus], out=tmp_path / "out", views=False, stores=False)
    assert len(report.skipped) == 1 and "\n" not in str(report.skipped[0])
    assert re.search(r"not valid YAML at line \d+, column \d+", report.skipped[0].reason)


def _cli(*args: str):
    return CliRunner().invoke(app, list(args))


def test_queries_refuse_names_the_graph_lacks_and_optional_filters_mean_any(seed_build):
    out = str(seed_build[2])
    r = _cli("query", "person-claims-about", "--param", "person=Hasabis", "--out", out)
    assert r.exit_code == 2 and "did you mean 'Demis Hassabis'" in r.output
    r = _cli("query", "person-claims-about", "--param", "person=Carl Shulman", "--format", "json", "--out", out)
    assert r.exit_code == 0 and len(json.loads(r.output)) > 0  # no hidden topic
    every = len(json.loads(_cli("query", "person-claims-about", "-p", "person=Demis Hassabis", "-f", "json",
                                "--out", out).output))
    about = len(json.loads(_cli("query", "person-claims-about", "-p", "person=Demis Hassabis", "-p", "topic=AlphaZero",
                                "-f", "json", "--out", out).output))
    assert every > about > 0
    r = _cli("query", "who-disagrees-with-whom", "-p", "limit=99999999999999999999", "--out", out)
    assert r.exit_code == 2 and "between -2^63 and 2^63-1" in r.output


def test_each_named_query_has_help_with_its_parameters():
    r = _cli("query", "person-claims-about", "--help")
    assert r.exit_code == 0
    assert "--param person=" in r.output and "'Demis Hassabis'" in r.output and "--param topic=" in r.output
    assert "(any)" in r.output


def test_neo4j_without_a_server_is_one_line(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")
    r = _cli("query", "who-disagrees-with-whom", "--neo4j")
    assert r.exit_code == 1
    assert len([ln for ln in r.output.splitlines() if ln.strip()]) == 1 and "cannot reach Neo4j" in r.output


def test_version():
    r = _cli("--version")
    assert r.exit_code == 0 and re.fullmatch(r"claimgraph \S+\n", r.output)


_LINK = re.compile(r"""(?:href|src)=\\?["']([^"'\\#]+)""")


def test_no_link_in_any_page_leads_nowhere(seed_build):
    views = seed_build[2] / "views"
    pages = sorted(views.rglob("*.html"))
    checked = 0
    for page in pages:
        for m in _LINK.finditer(page.read_text(encoding="utf-8")):
            target = m.group(1)
            if re.match(r"[a-z]+:", target) or "{" in target or "+" in target:
                continue
            checked += 1
            assert (page.parent / target).resolve().exists(), f"{page.relative_to(views)} links to {target}"
    assert checked > len(pages)


def _wait_for_parsers(pid: int, timeout: float = 120) -> None:
    """Until the build has started its parser processes (Linux: /proc lists a process's children)."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not children.exists():
            time.sleep(4)  # not Linux: a guess at how long the imports take
            return
        if children.read_text().split():
            return
        time.sleep(0.1)


@pytest.mark.parametrize("sig, code", [(signal.SIGINT, 130), (signal.SIGTERM, 130)])
def test_interrupted_build_says_what_was_kept(tmp_path, sig, code):
    out = tmp_path / "out"
    build(["seeds/000_26d3ade5fec1c371.txt"], out=out, views=False, stores=False)
    before = (out / "graph.json").read_bytes()
    # (a shell starts a background job with Ctrl-C ignored, and a child inherits that: as a user's own
    # terminal would, the build starts with the default)
    p = subprocess.Popen([sys.executable, "-m", "graph.cli", "build", "seeds", "--out", str(out), "--no-cache"],
                         cwd=ROOT, stderr=subprocess.PIPE, text=True,
                         preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    _wait_for_parsers(p.pid)
    p.send_signal(sig)
    _, err = p.communicate(timeout=120)
    assert p.returncode == code, err
    assert "interrupted" in err and "as it was" in err and "Traceback" not in err
    assert (out / "graph.json").read_bytes() == before


def test_a_stop_asked_for_mid_build_keeps_out_even_when_the_interrupt_itself_is_lost(tmp_path, monkeypatch):
    """A signal that lands inside a finalizer raises a KeyboardInterrupt that Python ignores; the stop
    the handler asked for first still keeps the build from replacing out/."""
    from graph import interrupt, output

    out = tmp_path / "out"
    build(["seeds/000_26d3ade5fec1c371.txt"], out=out, views=False, stores=False)
    before = (out / "graph.json").read_bytes()
    monkeypatch.setattr(interrupt, "_STOP", type(interrupt._STOP)())
    real = output.write_graph_json

    def interrupted_then_swallowed(path, G):  # the handler ran, its exception went nowhere
        interrupt.request_stop()
        return real(path, G)

    monkeypatch.setattr("graph.build.write_graph_json", interrupted_then_swallowed)
    with pytest.raises(KeyboardInterrupt):
        build(["seeds"], out=out, views=False, stores=False, cache=False)
    assert (out / "graph.json").read_bytes() == before
    assert not list(tmp_path.glob(".out.building.*"))


def test_an_interrupt_while_work_is_handed_to_the_parsers_stops_the_build_at_its_next_tick(monkeypatch):
    """Raised between a worker's start and the pool recording it, an interrupt would leave the pool
    waiting on that worker for ever: the handler only asks for the stop then."""
    from extract import parser
    from graph import interrupt

    monkeypatch.setattr(interrupt, "_STOP", type(interrupt._STOP)())
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        interrupt.interrupt_on_signals()
        parser._HANDING_OVER.set()
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)  # the handler runs here, and raises nothing
        finally:
            parser._HANDING_OVER.clear()
        assert interrupt.stop_requested()
        with pytest.raises(KeyboardInterrupt):  # past the hand-over, a signal interrupts at once
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.05)
    finally:
        for s, h in handlers.items():
            signal.signal(s, h)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=300), min_size=1, max_size=3))
@example(texts=["a NUL byte \x00 makes a file binary"])
def test_random_small_corpora_build_without_a_traceback(tmp_path, texts):
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # hypothesis runs a failing example again: a new folder each run
    for i, t in enumerate(texts):
        (folder / f"{i}.txt").write_text(t + "\n" + TRANSCRIPT if i == 0 else t, encoding="utf-8")
    try:
        G, report = build([folder], out=folder.with_name(folder.name + "-out"), views=False, jobs=1)
    except BuildError as e:  # every file unreadable (a NUL byte makes a file binary): one line that names them
        assert "\n" not in str(e) and all(f"{i}.txt" in str(e) for i in range(len(texts))), str(e)
    else:
        assert report.documents


def test_an_installed_wheel_builds_and_answers_named_queries_from_another_folder(tmp_path):
    """`pip install .` (its dependencies taken from this environment), then the command from elsewhere."""
    import sysconfig

    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "wheel"), str(ROOT)],
                   check=True, capture_output=True)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = next(venv.glob("lib/python*/site-packages"))
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    wheel = next((tmp_path / "wheel").glob("claimgraph-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q",
                    "--no-deps", str(wheel)], check=True, capture_output=True)
    work = tmp_path / "elsewhere"
    (work / "corpus").mkdir(parents=True)
    (work / "corpus" / "ep.txt").write_text(TRANSCRIPT, encoding="utf-8")
    cmd = str(venv / "bin" / "claimgraph")
    env = {k: v for k, v in os.environ.items() if k not in ("CLAIMGRAPH_QUERIES", "PYTHONPATH")}
    r = subprocess.run([cmd, "build", "corpus", "--out", "out", "--jobs", "1"], cwd=work, env=env,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([cmd, "query", "who-disagrees-with-whom", "--format", "json"], cwd=work, env=env,
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    r = subprocess.run([cmd, "queries"], cwd=work, env=env, capture_output=True, text=True)
    assert "person-claims-about" in r.stdout
    probe = subprocess.run([str(venv / "bin" / "python"), "-c", "import graph.queries as q; print(q.QUERIES_DIR)"],
                           cwd=work, env=env, capture_output=True, text=True)
    assert str(site) in probe.stdout  # the named queries came from the installed package, not the checkout


def test_an_unwritable_cache_folder_is_said_once_and_the_build_goes_on(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (corpus / "b.txt").write_text(TRANSCRIPT.replace("Ada", "Cora"), encoding="utf-8")
    (tmp_path / ".out-cache").write_text("a file where the cache folder would be", encoding="utf-8")
    G, report = build([corpus], out=tmp_path / "out", views=False, stores=False)
    said = [w for w in report.warnings if "cannot write the cache" in w]
    assert len(said) == 1 and not report.skipped and len(report.documents) == 2


def test_an_unreadable_folder_is_reported_and_the_rest_built(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    (corpus / "locked").mkdir(parents=True)
    (corpus / "a.txt").write_text(TRANSCRIPT, encoding="utf-8")
    (corpus / "locked" / "b.txt").write_text(TRANSCRIPT, encoding="utf-8")
    real = os.scandir

    def scandir(path="."):  # what a folder without read permission does (root reads everything)
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    from graph.build import discover

    files, skipped = discover([corpus])
    assert [f.name for f in files] == ["a.txt"]
    assert [(Path(s.path).name, s.reason) for s in skipped] == [("locked", "cannot read folder: Permission denied")]
