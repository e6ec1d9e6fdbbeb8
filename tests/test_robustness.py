"""Robustness: readers never raise on arbitrary input, broken files are skipped with reasons while the
rest is built, and an interrupted build leaves the previous out/ intact."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from extract.readers import ReadError, read_path, read_plain, read_text
from extract.readers.book import read_book
from extract.readers.captions import read_cues
from extract.readers.whisper import read_whisper
from extract.readers.common import clean, cleaner
from extract.readers.notes import read_notes
from extract.readers.transcript import read_transcript
from extract.readers.wiki import read_wiki
from extract.records import DocumentMeta
from extract.textmap import Cleaner
from tests.conftest import DATA, ROOT

READERS = [read_transcript, read_book, read_whisper, read_cues, read_notes, read_wiki, read_plain, read_text]

# Text that looks a little like our formats, so the readers' deeper paths run too.
FRAGMENTS = st.sampled_from([
    "Ada Quill 00:00:05\n\n", "Bo Li (01:02): ", "**Mira:** [1:02](https://x.y/z) ", "[00:00:01.000 --> 00:00:02.500]   ",
    "(2: 15) ", "(1: 01: 30) ", "---\ntitle: T\nvideoId: abc\n---\n", "[[page | label]]", "[[a_b]]",
    '<a class="yt-timestamp" data-t="00:01:09">[00:01:09]</a>', "DWARKESH PATEL\n\n", "VII. ADA QUILL Cofounder of X\n\n",
    "GLOSSARY TERM\nA definition\nin lines\n\n", "- a footnote.\n", "WEBVTT\n\n", "00:00:01.000 --> 00:00:02.000\n",
    "<v Ana>hi</v>\n", "OpenAl and Al. ", "¹² •• ", "\\$5 ", "\n\n", "“quoted. text.” ", "Mr. Smith. e.g. this.",
])
TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), max_size=30).map("".join)


def _check(doc) -> None:
    for t in doc.turns:
        assert clean(doc.text, t.pieces)[0].strip() == t.text
        assert 0 <= t.start <= t.end <= len(doc.text)


@pytest.mark.parametrize("reader", READERS, ids=lambda r: r.__name__)
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT)
def test_readers_never_raise_and_keep_offsets(reader, text):
    doc = reader(text, DocumentMeta(path="x.txt", format="", authors=["Ann Author"], participants=["Ada Quill"]))
    _check(doc)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400) | TEXT.map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_read_path_on_arbitrary_bytes_reads_or_says_why(tmp_path, data):
    p = tmp_path / "any.txt"
    p.write_bytes(data)
    try:
        doc = read_path(p)
    except ReadError as e:
        assert str(p) in str(e) and "\n" not in str(e)
    else:
        _check(doc)


def _spans(m) -> tuple:
    return m.start(), m.end(), m.lastgroup


# The default rules, and rules that can match nothing at all (where the scan hands over to finditer).
EMPTY_RULES = Cleaner([(r"a*", "b"), (r"(?<=x)", "-"), (r"\bab\b", "c"), (r"\s{2,}|[^\S ]", " ")])


@settings(max_examples=300, deadline=None)
@given(text=TEXT | st.text(alphabet="ab x\n", max_size=30), cut=st.tuples(st.integers(0, 60), st.integers(0, 400)),
       empty=st.booleans())
def test_the_cleaner_finds_what_one_alternation_of_its_rules_finds(text, cut, empty):
    c = EMPTY_RULES if empty else cleaner()
    start, end = min(cut[0], len(text)), min(max(cut), len(text))
    expected = [_spans(m) for m in c._re.finditer(text, start, end) if m.end() > m.start()]
    assert [_spans(m) for m in c.matches(text, start, end)] == expected


def test_a_huge_single_line_is_refused_quickly(tmp_path):
    p = tmp_path / "huge.txt"
    p.write_bytes(b"x" * (50 * 1024 * 1024))
    t0 = time.perf_counter()
    with pytest.raises(ReadError, match="single line of 52428800 characters"):
        read_path(p)
    assert time.perf_counter() - t0 < 5


@pytest.mark.slow
def test_broken_corpus_builds_from_the_good_files(tmp_path, monkeypatch):
    from graph.build import build, discover

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(DATA / "paren_transcript.txt", corpus / "good.txt")
    shutil.copy(DATA / "truncated_transcript.txt", corpus / "cut.txt")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (corpus / "latin1.txt").write_bytes("Ana Ruiz 00:00:01\n\nMás datos ayudan.\n\nBo Li 00:00:05\n\nSí.\n".encode("latin-1"))
    (corpus / "huge.txt").write_bytes(b"y" * (2 * 1024 * 1024))
    doomed = corpus / "deleted.txt"
    doomed.write_text("Ada Quill 00:00:01\n\nGone soon.\n", encoding="utf-8")

    real = discover

    def discover_then_delete(paths):
        files, skipped = real(paths)
        doomed.unlink()  # deleted between listing and reading
        return files, skipped

    monkeypatch.setattr("graph.build.discover", discover_then_delete)
    G, report = build([corpus], out=tmp_path / "out", views=False, exports=False)
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.txt"].startswith("binary file")
    assert reasons["huge.txt"].startswith("a single line of")
    assert reasons["deleted.txt"] == "no such file"
    assert {Path(d["path"]).name for d in report.documents} == {"good.txt", "cut.txt", "latin1.txt"}
    assert any("cut.txt" in w and "mid-sentence" in w for w in report.warnings)
    assert any("latin1.txt" in w and "not valid UTF-8" in w for w in report.warnings)


@pytest.mark.slow
def test_killed_build_keeps_previous_out_and_next_build_succeeds(tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "graph.cli", "build", str(ROOT / "seeds"), "--out", str(out), "--no-cache"]
    subprocess.run(cmd, check=True, capture_output=True, env=env, cwd=ROOT)
    before = (out / "graph.json").read_bytes()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT,
                            start_new_session=True)
    time.sleep(4)  # well into parsing
    os.killpg(proc.pid, signal.SIGKILL)  # the build and its parser processes, as a killed terminal would
    proc.wait()
    assert (out / "graph.json").read_bytes() == before
    json.loads(before)
    subprocess.run(cmd, check=True, capture_output=True, env=env, cwd=ROOT)
    assert json.loads((out / "graph.json").read_text(encoding="utf-8"))["nodes"]
    assert not list(tmp_path.glob(".out.building.*"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds the parser processes in /proc")
def test_killing_the_build_alone_leaves_no_parser_running(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "graph.cli", "build", str(ROOT / "seeds"), "--out", str(tmp_path / "out"),
           "--no-cache", "--jobs", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT,
                            start_new_session=True)

    def children() -> list[int]:
        found = []
        for task in Path(f"/proc/{proc.pid}/task").glob("*"):
            found += [int(p) for p in (task / "children").read_text().split()]
        return found

    try:
        deadline = time.monotonic() + 30
        while len(children()) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        workers = children()
        assert len(workers) >= 2, "the parser processes did not start"
        os.kill(proc.pid, signal.SIGKILL)  # the build alone, not its process group
        proc.wait()
        deadline = time.monotonic() + 10
        while any(Path(f"/proc/{w}").exists() and "Z" not in _state(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [w for w in workers if Path(f"/proc/{w}").exists() and "Z" not in _state(w)]
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return "Z"
