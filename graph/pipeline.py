"""The whole build: paths in, ``out/`` written.  Everything the CLI's ``build`` does, callable from Python.

>>> from graph.pipeline import build
>>> report = build(["seeds"], out="out")     # doctest: +SKIP
>>> report.counts["nodes"]["Person"]         # doctest: +SKIP
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache, partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

import networkx as nx

from extract.readers import META_SUFFIX, READABLE_SUFFIXES, ReadError
from graph import __version__
from graph.output import MANIFEST, MARK
from extract.records import ReadDocument

DB_FILE = "graph.lbdb"  # the embedded LadybugDB database (one file)
SKIP_NAMES = {"readme.md", "readme.txt", "readme"}


@dataclass
class Skipped:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class BuildReport:
    out: Path
    documents: list[dict] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    turns: int = 0
    speakers: int = 0
    unattributed_claims: int = 0
    outputs: dict[str, str] = field(default_factory=dict)
    cache: dict = field(default_factory=dict)


_CODE_DIRS = ("extract", "graph")


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Hash of the code and rules that produce out/: a change to any of them means a full rebuild."""
    import hashlib

    root = Path(__file__).resolve().parent.parent
    h = hashlib.sha256()
    for d in _CODE_DIRS:
        for f in sorted((root / d).rglob("*")):
            if f.is_file() and f.suffix in (".py", ".yml", ".html"):
                h.update(f.relative_to(root).as_posix().encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:20]


def input_digest(files: list[Path], options: dict) -> str:
    """Hash of every input file (and its sidecar), the options and the code: equal digests, equal out/."""
    import hashlib

    h = hashlib.sha256(json.dumps(options, sort_keys=True).encode())
    h.update(code_digest().encode())
    for f in files:
        h.update(display_path(f).encode())
        for p in (f, f.with_name(f.stem + META_SUFFIX)):
            try:
                h.update(hashlib.sha256(p.read_bytes()).digest())
            except OSError:
                h.update(b"-")
    return h.hexdigest()[:32]


class BuildError(RuntimeError):
    """The build cannot produce a graph (nothing readable, or a skipped file under --strict)."""


def _report_json(r: "BuildReport") -> dict:
    return {"documents": r.documents, "warnings": r.warnings, "counts": r.counts, "turns": r.turns,
            "speakers": r.speakers, "unattributed_claims": r.unattributed_claims, "outputs": r.outputs}


def _up_to_date(out: Path, digest: str, want_graph: bool = True):
    """The previous build's graph (None unless ``want_graph``) and report when ``out/`` was built from
    exactly these inputs, else None."""
    from graph.output import GRAPH_FILE, load_graph

    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("digest") != digest:
            return None
        saved = manifest["report"]
        if not all(Path(p).exists() for p in saved["outputs"].values()) or not (out / GRAPH_FILE).exists():
            return None
        G = load_graph(out) if want_graph else None
    except (OSError, ValueError, KeyError):
        return None
    report = BuildReport(out=out, documents=saved["documents"], warnings=saved["warnings"], counts=saved["counts"],
                         turns=saved["turns"], speakers=saved["speakers"],
                         unattributed_claims=saved["unattributed_claims"], outputs=saved["outputs"],
                         cache={"hits": len(saved["documents"]), "misses": 0, "up_to_date": True})
    return G, report


def _timed(seconds, target: Callable, args: tuple) -> None:
    from extract.workers import die_with_parent

    die_with_parent()
    t0 = time.perf_counter()
    target(*args)
    seconds.value = time.perf_counter() - t0


def _side(what: str, target: Callable, args: tuple):
    """Run ``target(*args)`` in a forked process (it shares the graph without copying it).
    Returns (what, process, the seconds its work took once it is done)."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    seconds = ctx.Value("d", 0.0, lock=False)
    proc = ctx.Process(target=_timed, args=(seconds, target, args), daemon=True)
    proc.start()
    return what, proc, seconds


def _finish(side) -> float:
    """Wait for a side process; the seconds its work took."""
    what, proc, seconds = side
    proc.join()
    if proc.exitcode != 0:
        raise BuildError(f"writing the {what} failed (exit code {proc.exitcode}); the previous out/ is kept")
    return seconds.value


class _Numbers:
    """0, 1, 2, … each handed out once to whichever process asks first (the pages to write)."""

    def __init__(self, ctx):
        self.value = ctx.Value("i", 0)

    def take(self, below: int | None = None) -> int | None:
        """The next number (None when it would not be ``below``)."""
        with self.value.get_lock():
            n = self.value.value
            if below is not None and n >= below:
                return None
            self.value.value = n + 1
            return n


class _Once:
    """``get()`` called once, its answer kept: the element digests another process is sent once."""

    def __init__(self, get: Callable):
        self.get, self.value, self.done = get, None, False

    def __call__(self):
        if not self.done:
            self.value, self.done = self.get(), True
        return self.value


def _exports_then_pages(exports: tuple, views: tuple | None) -> None:
    """The other process's work: the maps of the views (which need no element digests) while
    ``graph.json`` is written, then export formats while any is left, then pages while any is left."""
    from graph.exports import write_all

    *args, take_format, digests = exports
    digests = _Once(digests)
    if views is not None:
        from graph.views import map_pages, write_views

        G, folder, max_nodes, jobs, numbers, cache, used_file = views
        cache.pages.digests(G, digests)
        write_views(G, folder, max_nodes, cache, jobs, partial(numbers.take, map_pages(jobs[0])), index=False)
    write_all(*args, take_format, digests)
    if views is not None:
        write_views(G, folder, max_nodes, cache, jobs, numbers.take, index=False)
        cache.save(used_file)


def _write_outputs(G, stage: Path, out: Path, report: "BuildReport", jobs: int, stores: bool, views: bool,
                   exports: bool, max_nodes: int, cache_dir: Path | None) -> None:
    """``graph.json``, the database, the views and the exports, on two processes.

    Another process starts on the exports that need neither ``graph.json`` nor its element
    digests while this one writes ``graph.json``; it is then sent the digests and goes on
    with the other formats while this one loads the database and writes pages of the views.
    Whichever is done first with its own work takes what the other has not started yet: this
    one the export formats, the other one the pages.

    (Two processes on two cores: a third, for the views, measured slower, because every process
    that reads the forked graph copies the memory pages it touches.)
    """
    import multiprocessing as mp

    from graph.output import GRAPH_FILE, write_graph_json
    from graph.views import ViewCache, view_jobs, write_views

    side = None
    shared = None
    sent = None  # where the other process is sent the digests
    pages = None  # the numbers of the pages to write, shared by both processes
    views_file = cache_dir / "views.pickle" if cache_dir else None  # layouts and pages (graph.views.ViewCache)
    used_file = cache_dir / "views.other.pickle" if cache_dir else None
    previous_views = out / "views" if cache_dir and (out / "views").is_dir() else None
    page_jobs = view_jobs(G) if views else None
    # loaded before the other process starts, which shares it (and the script the pages embed)
    view_cache = ViewCache(views_file, previous_views) if views else None
    try:
        if exports:
            from graph.exports import Shared, write_all

            previous = out / "exports" if (out / "exports").is_dir() and cache_dir else None
            args = (G, stage / "exports", previous, cache_dir / "exports" if cache_dir else None, stage / GRAPH_FILE)
            if jobs > 1 and "fork" in mp.get_all_start_methods():
                ctx = mp.get_context("fork")
                shared, sent = Shared(ctx), ctx.SimpleQueue()
                pages = _Numbers(ctx) if views else None
                other_views = (G, stage / "views", max_nodes, page_jobs, pages, view_cache, used_file) if views else None
                side = _side("exports, then pages", _exports_then_pages, ((*args, shared.front, sent.get), other_views))
            report.outputs["exports"] = str(out / "exports")
        t0 = time.perf_counter()
        digests = write_graph_json(stage / GRAPH_FILE, G)
        if sent is not None:
            threading.Thread(target=sent.put, args=(digests,), daemon=True).start()  # a pipe holds 64 KiB
        report.outputs["graph"] = str(out / GRAPH_FILE)
        report.timings["write.json"] = time.perf_counter() - t0
        if exports and side is None:  # one job, or no fork: the exports here and now
            t0 = time.perf_counter()
            write_all(*args, None, digests)
            report.timings["write.exports"] = time.perf_counter() - t0
        if stores:
            t0 = time.perf_counter()
            from graph.store import write_embedded

            previous_db = out / DB_FILE if cache_dir and (out / DB_FILE).is_file() else None
            how = write_embedded(G, stage / DB_FILE, previous_db, cache_dir / f"{DB_FILE}.index" if cache_dir else None,
                                 digests)
            report.cache["database"] = how
            report.outputs["database"] = str(out / DB_FILE)
            report.timings["write.db"] = time.perf_counter() - t0
        if views:
            t0 = time.perf_counter()
            view_cache.pages.digests(G, digests)
            write_views(G, stage / "views", max_nodes, view_cache, page_jobs, pages.take if pages else None)
            report.outputs["views"] = str(out / "views" / "index.html")
            report.timings["write.views"] = time.perf_counter() - t0
        if shared is not None:
            t0 = time.perf_counter()
            write_all(*args, shared.back, digests)  # the formats the other process has not started yet
            report.timings["write.exports (taken over)"] = time.perf_counter() - t0
        if side is not None:
            t0 = time.perf_counter()
            report.timings["write (other process: exports, then pages)"] = _finish(side)
            report.timings["write (waiting for the other process)"] = time.perf_counter() - t0
        if views:
            if pages is not None and used_file is not None:
                view_cache.absorb(used_file)
            reused = len(view_cache.pages.reused)
            report.cache["pages"] = {"reused": reused, "made": len(page_jobs[0]) - reused}
            view_cache.save()
    except BaseException:
        if side is not None:
            side[1].terminate()
        raise
    finally:
        from graph.reuse import forget

        forget()


def display_path(p: Path) -> str:
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p.resolve())


def _shown(p: Path | str) -> str:
    """A path as text that can always be printed and saved (undecodable bytes as \\x escapes)."""
    return os.fsencode(str(p)).decode("utf-8", "backslashreplace")


def _readable(name: str) -> bool:
    return (not name.startswith(".") and not name.endswith(META_SUFFIX) and name.lower() not in SKIP_NAMES
            and Path(name).suffix.lower() in READABLE_SUFFIXES)


def _walk(folder: Path, skipped: list[Skipped]) -> list[Path]:
    """The readable files under ``folder``; folders that cannot be listed and names that are not
    valid UTF-8 are reported in ``skipped``."""
    found = []

    def unreadable(e: OSError) -> None:
        skipped.append(Skipped(_shown(e.filename or folder), f"cannot read folder: {e.strerror or e}"))

    for root, dirs, names in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not _readable(name):
                continue
            if _shown(name) != name:
                skipped.append(Skipped(_shown(Path(root) / name), "file name is not valid UTF-8; rename the file"))
                continue
            f = Path(root) / name
            if f.is_file():
                found.append(f)
    return sorted(found)


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[Skipped]]:
    """Files to read under ``paths``; missing paths, unreadable folders, undecodable names and
    folders with nothing readable are reported."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            skipped.append(Skipped(_shown(raw), "no such file or directory"))
        elif p.is_dir():
            found = _walk(p, skipped)
            if not found:
                kinds = ", ".join(sorted(s for s in READABLE_SUFFIXES if s))
                skipped.append(Skipped(_shown(raw), f"directory has no readable documents ({kinds})"))
            files.extend(found)
        elif _shown(p) != str(p):
            skipped.append(Skipped(_shown(p), "file name is not valid UTF-8; rename the file"))
        else:
            files.append(p)
    seen: set[Path] = set()
    unique = []
    for f in files:
        if f.resolve() not in seen:
            seen.add(f.resolve())
            unique.append(f)
    return unique, skipped


def read_iter(files: list[Path], report: BuildReport, progress: Callable[[int], None] | None = None,
              cache=None) -> Iterator[ReadDocument]:
    """Read ``files`` one by one; a file that cannot be read is added to ``report.skipped``.

    With a :class:`extract.cache.ReadCache`, files unchanged since the last build are not read again.
    The time spent reading is added to ``report.timings["read"]``.
    """
    from extract.cache import ReadCache

    cache = cache or ReadCache(None, "")
    for f in files:
        t0 = time.perf_counter()
        shown = display_path(f)
        doc = None
        try:
            doc = cache.read(f, shown)
        except ReadError as e:
            report.skipped.append(Skipped(e.path, e.reason))
        except Exception as e:  # a reader bug must not lose the rest of the corpus
            report.skipped.append(Skipped(shown, f"reader failed: {type(e).__name__}: {e}"))
        else:
            report.warnings.extend(f"{shown}: {w}" for w in doc.warnings)
        report.timings["read"] = report.timings.get("read", 0.0) + time.perf_counter() - t0
        if progress:
            progress(1)
        if doc is not None:
            yield doc


def read_all(files: list[Path], report: BuildReport, progress: Callable[[int], None] | None = None) -> list[ReadDocument]:
    return list(read_iter(files, report, progress))


@contextmanager
def _fewer_collections():
    """A build makes millions of small objects (records, nodes, edges, lines) that live until it ends,
    and next to no reference cycles; with the default thresholds the cyclic garbage collector walks
    them again every 700 allocations (0.6 s of a 4.9 s one-document rebuild at ×10).  For the
    build's duration, the youngest generation is collected every 200 000 allocations instead."""
    import gc

    before = gc.get_threshold()
    gc.set_threshold(200_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def build(
    paths: Iterable[str | Path] = ("seeds",),
    out: str | Path = "out",
    strict: bool = False,
    jobs: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    cache: bool = True,
    stores: bool = True,
    views: bool = True,
    exports: bool = True,
    max_nodes: int = 300,
    want_graph: bool = True,
    cluster: str | None = None,
) -> tuple[nx.MultiDiGraph | None, BuildReport]:
    """Read, extract, assemble and write ``out/`` atomically.  Raises :class:`BuildError`.

    When ``out/`` is already up to date, the graph is read back from it only if ``want_graph``
    (the command line does not need it; otherwise it is None).  ``cluster``: the address of a Dask
    scheduler, or ``"local"``, to parse on (see :mod:`extract.cluster`); the graph is the same.
    """
    from graph.output import OutputError, check_out, locked

    paths = [Path(p) for p in paths]
    try:
        check_out(Path(out), paths)
        with locked(Path(out)), _fewer_collections():
            return _build(paths, Path(out), strict, jobs, progress, cache, stores, views, exports, max_nodes, want_graph,
                          cluster)
    except OutputError as e:
        raise BuildError(str(e)) from None


def _usable_cache(folder: Path, report: BuildReport) -> Path | None:
    """``folder`` when the cache can be written there; else None, said once in the report."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder):
            pass
    except OSError as e:
        report.warnings.append(f"{folder}: cannot write the cache ({e.strerror or e}); building without it")
        return None
    return folder


def _parsers_now(jobs: int, every_document: bool):
    """The parser processes, started before anything is imported or read, when every document will
    be parsed: no cache, or none made yet.  Each loads the model meanwhile (see extract.workers).
    Otherwise None: the extraction starts them if a turn is to be parsed at all."""
    if jobs < 2 or not every_document:
        return None
    from extract.workers import start

    return start(jobs, preload=True)


def _build(paths, out: Path, strict: bool, jobs: int | None, progress, cache: bool, stores: bool, views: bool,
           exports: bool, max_nodes: int, want_graph: bool,
           cluster: str | None = None) -> tuple[nx.MultiDiGraph | None, BuildReport]:
    from graph.output import clean_stale, shared_edges, staged_output, write_json

    report = BuildReport(out=out)
    clean_stale(out)
    t0 = time.perf_counter()
    files, report.skipped = discover(paths)
    options = {"stores": stores, "views": views, "exports": exports, "max_nodes": max_nodes, "strict": strict}
    digest = input_digest(files, options)
    if cache and not report.skipped:
        previous = _up_to_date(out, digest, want_graph)
        if previous is not None:
            previous[1].timings["read"] = time.perf_counter() - t0
            return previous
    report.timings["read"] = time.perf_counter() - t0  # finding the files and checking the manifest
    jobs = jobs or os.cpu_count() or 1
    cache_dir = out.resolve().parent / f".{out.resolve().name}-cache" if cache else None
    every_document = cache_dir is None or not cache_dir.is_dir()  # every document will be parsed
    cache_dir = _usable_cache(cache_dir, report) if cache_dir else None
    if cluster:
        from extract.cluster import ClusterError, connect  # Dask: imported only for a cluster build

        try:
            workers = connect(cluster)
        except ClusterError as e:
            raise BuildError(str(e)) from None
        jobs = max(2, workers.workers)  # every chunk of turns a task on the cluster
    else:
        workers = _parsers_now(jobs, every_document)
    try:
        t0 = time.perf_counter()
        from extract.cache import ReadCache, prune
        from extract.pipeline import extract  # spaCy and the rest: not needed when out/ is up to date
        from graph.build import assemble, summary

        report.timings["import"] = time.perf_counter() - t0
        tick = (lambda n: progress("read", n, len(files))) if progress else None
        reads = ReadCache(cache_dir, code_digest())
        read = read_iter(files, report, tick, reads)
        if strict:  # nothing is parsed before every file is known to be readable
            read = iter(list(read))
            if report.skipped:
                raise BuildError("--strict: " + "; ".join(map(str, report.skipped)))
        tick = (lambda n, total: progress("extract", n, total)) if progress else None
        ex = extract(read, jobs=jobs, cache_dir=cache_dir, progress=tick, later=True,  # restatements: while assembling
                     workers=workers)
    finally:
        if workers is not None:
            workers.terminate()  # (extract closes them; here for a build that stops before)
            if cluster:
                workers.close()
    docs = ex.documents
    if not docs:
        reasons = "; ".join(map(str, report.skipped)) or "no paths given"
        raise BuildError(f"no readable documents ({reasons})")
    n_turns = sum(len(d.turns) for d in docs)
    report.cache = {"hits": ex.cache_hits, "misses": ex.cache_misses, "reused": ex.reused, "turns": ex.turns,
                    "folder": str(cache_dir) if cache_dir else None}
    t0 = time.perf_counter()
    G = assemble(ex)
    report.timings["graph"] = time.perf_counter() - t0
    report.timings.update({f"extract.{k}": v for k, v in ex.timings.items()})
    unattributed = sum(1 for c in ex.claims if c.speaker is None)
    skipped_units = dict(ex.skipped_units)
    cache_used = reads.used | ex.cache_used
    claims_per_doc: dict[str, int] = {}
    for c in ex.claims:
        claims_per_doc[c.document] = claims_per_doc.get(c.document, 0) + 1
    del ex  # the records are in G now; free them before the outputs are written

    report.turns = n_turns
    report.speakers = len({t.speaker for d in docs for t in d.turns if t.speaker and t.kind == "speech"})
    report.unattributed_claims = unattributed
    report.documents = [
        {"path": d.meta.path, "format": d.meta.format, "shape": d.meta.shape, "turns": len(d.turns), "speakers": len(d.speakers),
         "glossary": len(d.glossary), "claims": claims_per_doc.get(d.meta.path, 0)}
        for d in docs
    ]
    report.counts = summary(G)
    G.graph.update({
        "name": "claimgraph",
        "built": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "documents": report.documents,
        "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
        "warnings": report.warnings,
        "counts": report.counts,
        "unattributed_claims": report.unattributed_claims,
        "skipped_units": skipped_units,
    })

    with staged_output(out) as stage, shared_edges(G):
        _write_outputs(G, stage, out, report, jobs, stores, views, exports, max_nodes, cache_dir)
        report.outputs = {k: report.outputs[k] for k in ("graph", "database", "views", "exports") if k in report.outputs}
        write_json(stage / MANIFEST, {MARK: __version__, "digest": digest, "report": _report_json(report)})
    prune(cache_dir, cache_used)  # entries for files that changed or left the corpus
    return G, report
