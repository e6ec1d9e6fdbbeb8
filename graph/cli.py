"""The ``claimgraph`` command line: a thin layer over the library.

Every command is a small function whose docstring is its ``--help``.
"""

from __future__ import annotations

import json
import os
import sys
import webbrowser
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="claimgraph: a knowledge graph of people, ideas and claims from podcasts and books about AI.")
console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

OUT_OPTION = typer.Option(Path("out"), "--out", help="Output folder (graph.json, db/, views/, exports/).")


def fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


@app.command()
def build(
    paths: Optional[List[Path]] = typer.Argument(None, help="Files or folders to read (default: seeds/)."),
    out: Path = OUT_OPTION,
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Parallel extraction processes (default: all cores)."),
    strict: bool = typer.Option(False, "--strict", help="Fail if any file is skipped."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Ignore the extraction cache."),
) -> None:
    """Read documents, extract people, claims and relations, and write out/ atomically.

    Example: claimgraph build seeds/ --out out
    """
    from graph.pipeline import BuildError, build as run_build

    with Progress(TextColumn("{task.description:<8}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True, disable=not err.is_terminal) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, n: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.advance(tasks[stage], n)

        try:
            G, report = run_build(paths or [Path("seeds")], out=out, strict=strict, jobs=jobs, progress=progress)
        except BuildError as e:
            fail(str(e))
            return
    for s in report.skipped:
        err.print(f"[yellow]skipped[/] {s.path}: {s.reason}", highlight=False)
    for w in report.warnings:
        err.print(f"[yellow]warning[/] {w}", highlight=False)
    _print_summary(report)


def _print_summary(report) -> None:
    docs = Table(title="Documents", title_justify="left")
    for col in ("path", "format", "turns", "speakers", "glossary", "claims"):
        docs.add_column(col, justify="right" if col not in ("path", "format") else "left")
    for d in report.documents:
        docs.add_row(d["path"], d["format"], *(str(d[k]) for k in ("turns", "speakers", "glossary", "claims")))
    console.print(docs)
    counts = Table(title="Graph", title_justify="left")
    counts.add_column("nodes")
    counts.add_column("", justify="right")
    counts.add_column("edges")
    counts.add_column("", justify="right")
    nodes = list(report.counts["nodes"].items())
    edges = list(report.counts["edges"].items())
    for i in range(max(len(nodes), len(edges))):
        n = nodes[i] if i < len(nodes) else ("", "")
        e = edges[i] if i < len(edges) else ("", "")
        counts.add_row(n[0], str(n[1]), e[0], str(e[1]))
    counts.add_row("total", str(sum(report.counts["nodes"].values())), "total", str(sum(report.counts["edges"].values())))
    console.print(counts)
    console.print(
        f"{len(report.documents)} documents, {report.turns} turns, {report.speakers} named speakers; "
        f"{report.unattributed_claims} claims have no named speaker (e.g. Whisper segments); "
        f"{len(report.skipped)} files skipped.", highlight=False)
    for name, where in report.outputs.items():
        console.print(f"  {name:<9} {where}", highlight=False)


@app.command()
def stats(out: Path = OUT_OPTION) -> None:
    """Counts of nodes and edges by type in the built graph, and the documents it was built from.

    Example: claimgraph stats
    """
    from graph.build import summary
    from graph.output import load_graph

    try:
        G = load_graph(out)
    except FileNotFoundError as e:
        fail(str(e))
        return
    data = summary(G)
    table = Table(title=f"{out}/graph.json", title_justify="left")
    table.add_column("kind")
    table.add_column("type")
    table.add_column("count", justify="right")
    for kind in ("nodes", "edges"):
        for t, n in data[kind].items():
            table.add_row(kind, t, str(n))
    console.print(table)
    for d in G.graph.get("documents", []):
        console.print(f"  {d['path']}  ({d['format']}, {d['turns']} turns, {d['claims']} claims)", highlight=False)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
