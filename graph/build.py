"""The whole build: paths in, ``out/`` written.  Everything the command line's ``build`` does.

Find the files (:mod:`graph.discover`), read and extract them (:mod:`extract.pipeline`),
assemble the graph (:mod:`graph.assemble`), and write ``graph.json``, the embedded database and the
views (and, when asked, the exports) into a staging folder that replaces ``out/`` in one step
(:mod:`graph.output`).  When nothing changed since the build that wrote ``out/``, nothing is
done (:mod:`graph.cache`).

>>> from graph.build import build
>>> G, report = build(["seeds"], out="out")     # doctest: +SKIP
>>> report.counts["nodes"]["Person"]            # doctest: +SKIP
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import networkx as nx

from graph import __version__
from graph.cache import Cache, code_digest, input_digest, usable
from graph.discover import Skipped, discover, display_path, read_iter
from graph.layout import positions
from graph.output import GRAPH_FILE, MANIFEST, MARK, OutputError, check_out, clean_stale, load_graph, locked, \
    staged_output, write_graph_json, write_json

DB_FILE = "graph.lbdb"  # the embedded LadybugDB database (one file)


class BuildError(RuntimeError):
    """The build cannot produce a graph (nothing readable, or a skipped file under --strict)."""


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

    SAVED = ("documents", "warnings", "counts", "turns", "speakers", "unattributed_claims", "outputs")

    def saved(self) -> dict:
        """What ``manifest.json`` keeps of the report, for a later build that finds nothing changed."""
        return {k: getattr(self, k) for k in self.SAVED}


def build(
    paths: Iterable[str | Path] = ("seeds",),
    out: str | Path = "out",
    strict: bool = False,
    jobs: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    cache: bool = True,
    stores: bool = True,
    views: bool = True,
    exports: bool = False,
    max_nodes: int = 300,
    want_graph: bool = True,
    cluster: str | None = None,
) -> tuple[nx.MultiDiGraph | None, BuildReport]:
    """Read, extract, assemble and write ``out/`` atomically.  Raises :class:`BuildError`.

    ``jobs``: parser processes (default: all cores); ``exports``: also write every export format
    under ``out/exports/`` (otherwise ``claimgraph export`` writes them from ``graph.json`` when
    asked); ``cache``: keep reads and parses beside ``out/`` and skip a build when nothing changed
    (then the graph is read back from ``out/`` only if ``want_graph``, else it is None);
    ``cluster``: the address of a Dask scheduler, or ``"local"``, to parse on (see
    :mod:`extract.cluster`): the graph is the same.
    """
    paths = [Path(p) for p in paths]
    out = Path(out)
    try:
        check_out(out, paths)
        with locked(out):
            return _build(paths, out, strict, jobs, progress, cache, stores, views, exports, max_nodes, want_graph,
                          cluster)
    except OutputError as e:
        raise BuildError(str(e)) from None


def _up_to_date(out: Path, digest: str, want_graph: bool) -> tuple[nx.MultiDiGraph | None, BuildReport] | None:
    """The graph (when wanted) and report of ``out/`` when it was built from exactly these inputs."""
    try:
        manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("digest") != digest:
            return None
        saved = manifest["report"]
        if not all(Path(p).exists() for p in saved["outputs"].values()) or not (out / GRAPH_FILE).exists():
            return None
        G = load_graph(out) if want_graph else None
        report = BuildReport(out=out, **{k: saved[k] for k in BuildReport.SAVED})
    except (OSError, ValueError, KeyError, TypeError):
        return None
    report.cache = {"hits": len(report.documents), "misses": 0, "up_to_date": True}
    return G, report


def _build(paths: list[Path], out: Path, strict: bool, jobs: int | None, progress, cache: bool, stores: bool,
           views: bool, exports: bool, max_nodes: int, want_graph: bool,
           cluster: str | None) -> tuple[nx.MultiDiGraph | None, BuildReport]:
    report = BuildReport(out=out)
    clean_stale(out)
    t0 = time.perf_counter()
    files, report.skipped = discover(paths)
    options = {"stores": stores, "views": views, "exports": exports, "max_nodes": max_nodes, "strict": strict}
    digest = input_digest([(f, display_path(f)) for f in files], options)
    if cache and not report.skipped:
        previous = _up_to_date(out, digest, want_graph)
        if previous is not None:
            return previous
    report.timings["find"] = time.perf_counter() - t0
    folder = None
    if cache:
        folder, why = usable(out.resolve().parent / f".{out.resolve().name}-cache")
        if why:
            report.warnings.append(why)
    store = Cache(folder, code_digest())
    G = _extract_and_assemble(files, report, store, strict, jobs or os.cpu_count() or 1, progress, cluster)
    with staged_output(out) as stage:
        _write_outputs(G, stage, out, report, stores, views, exports, max_nodes)
        write_json(stage / MANIFEST, {MARK: __version__, "digest": digest, "report": report.saved()})
    store.prune()
    return G, report


def _extract_and_assemble(files: list[Path], report: BuildReport, store: Cache, strict: bool, jobs: int,
                          progress, cluster: str | None) -> nx.MultiDiGraph:
    from extract.parser import ParsingStopped
    from extract.pipeline import extract  # spaCy and the rest: not needed when out/ is up to date
    from extract.records import SPOKEN
    from graph.assemble import assemble, summary

    pool = None
    if cluster:
        from extract.cluster import ClusterError, connect  # Dask: imported only for a cluster build

        try:
            pool = connect(cluster)
        except ClusterError as e:
            raise BuildError(str(e)) from None
    try:
        tick = (lambda n: progress("read", n, len(files))) if progress else None
        read = read_iter(files, report.skipped, report.warnings, report.timings, tick, store.read)
        if strict:  # nothing is parsed before every file is known to be readable
            read = iter(list(read))
            if report.skipped:
                raise BuildError("--strict: " + "; ".join(map(str, report.skipped)))
        tick = (lambda n, total: progress("extract", n, total)) if progress else None
        ex = extract(read, jobs=jobs, cache=store, progress=tick, pool=pool)
    except ParsingStopped as e:  # a process died, or a cluster worker has other rules
        raise BuildError(str(e)) from None
    finally:
        if pool is not None:
            pool.close()
    docs = ex.documents
    report.warnings += ex.warnings
    if not docs:
        reasons = "; ".join(map(str, report.skipped)) or "no paths given"
        raise BuildError(f"no readable documents ({reasons})")
    t0 = time.perf_counter()
    G = assemble(ex)
    report.timings["assemble"] = time.perf_counter() - t0
    report.timings.update({f"extract.{k}": v for k, v in ex.timings.items()})
    report.cache = {"hits": ex.cache_hits, "misses": len(docs) - ex.cache_hits,
                    "folder": str(store.folder) if store.folder else None}
    claims_per_doc: dict[str, int] = {}
    for c in ex.claims:
        claims_per_doc[c.document] = claims_per_doc.get(c.document, 0) + 1
    report.turns = sum(len(d.turns) for d in docs)
    report.speakers = len({t.speaker for d in docs for t in d.turns if t.speaker and t.kind in SPOKEN})
    report.unattributed_claims = sum(1 for c in ex.claims if c.speaker is None)
    report.documents = [
        {"path": d.meta.path, "format": d.meta.format, "shape": d.meta.shape, "turns": len(d.turns),
         "speakers": len(d.speakers), "glossary": len(d.glossary), "claims": claims_per_doc.get(d.meta.path, 0)}
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
        "skipped_units": dict(ex.skipped_units),
    })
    return G


def _write_outputs(G: nx.MultiDiGraph, stage: Path, out: Path, report: BuildReport, stores: bool, views: bool,
                   exports: bool, max_nodes: int) -> None:
    """``graph.json``, the database, the views and the exports, into the staging folder."""
    t0 = time.perf_counter()
    write_graph_json(stage / GRAPH_FILE, G)
    report.outputs["graph"] = str(out / GRAPH_FILE)
    report.timings["write.json"] = time.perf_counter() - t0
    if stores:
        from graph.store import write_embedded

        t0 = time.perf_counter()
        write_embedded(G, stage / DB_FILE)
        report.outputs["database"] = str(out / DB_FILE)
        report.timings["write.db"] = time.perf_counter() - t0
    if views or exports:
        t0 = time.perf_counter()
        where = positions(G)  # one drawing for the maps and the exports
        report.timings["layout"] = time.perf_counter() - t0
    if views:
        from graph.views import write_views

        t0 = time.perf_counter()
        write_views(G, stage / "views", max_nodes, where)
        report.outputs["views"] = str(out / "views" / "index.html")
        report.timings["write.views"] = time.perf_counter() - t0
    if exports:
        from graph.exports import write_all

        t0 = time.perf_counter()
        write_all(G, stage / "exports", stage / GRAPH_FILE, where)
        report.outputs["exports"] = str(out / "exports")
        report.timings["write.exports"] = time.perf_counter() - t0
