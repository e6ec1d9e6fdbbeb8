"""The ``claimgraph`` command line: a thin layer over the library.

Every command is a small function whose docstring is its ``--help``.
"""

from __future__ import annotations

import json
import sys
import webbrowser
from itertools import zip_longest
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


def _version(value: bool) -> None:
    if value:
        from graph import __version__

        console.print(f"claimgraph {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def main_options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """claimgraph: a knowledge graph of people, ideas and claims from podcasts and books about AI."""


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
    max_nodes: int = typer.Option(300, "--max-nodes", help="Most nodes drawn in one view (the lightest are left out)."),
    exports: bool = typer.Option(False, "--exports", help="Also write every export format under out/exports/ "
                                                          "(else: claimgraph export FORMAT|all, when wanted)."),
    cluster: Optional[str] = typer.Option(None, "--cluster", metavar="ADDRESS|local",
                                          help="Parse on a Dask cluster (a scheduler address, or 'local' for two "
                                               "worker processes here); needs pip install 'claimgraph[cluster]'."),
) -> None:
    """Read documents, extract people, claims and relations, and write out/ atomically.

    Example: claimgraph build seeds/ --out out
    Example: claimgraph build episodes/ --cluster tcp://scheduler:8786
    """
    from graph.build import BuildError, build as run_build
    from graph.interrupt import interrupt_on_signals, stop_requested

    with Progress(TextColumn("{task.description:<8}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True, disable=not err.is_terminal) as bar:
        tasks: dict[str, int] = {}

        def progress(stage: str, n: int, total: int) -> None:
            if stop_requested():
                raise KeyboardInterrupt  # a signal whose own interrupt was lost (see graph.interrupt)
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.advance(tasks[stage], n)

        interrupt_on_signals()
        try:
            G, report = run_build(paths or [Path("seeds")], out=out, strict=strict, jobs=jobs, progress=progress,
                                  max_nodes=max_nodes, cache=not no_cache, want_graph=False, cluster=cluster,
                                  exports=exports)
        except BuildError as e:
            fail(str(e))
            return
        except KeyboardInterrupt:
            fail(f"interrupted: nothing was replaced, {out} is as it was before this build", 130)
            return
    for s in report.skipped:
        err.print(f"[yellow]skipped[/] {s.path}: {s.reason}", highlight=False)
    for w in report.warnings:
        err.print(f"[yellow]warning[/] {w}", highlight=False)
    _print_summary(report)


def _print_summary(report) -> None:
    if report.cache.get("up_to_date"):
        console.print("Nothing changed since the last build (inputs, rules and code are the same): out/ is up to date.",
                      highlight=False)
    docs = Table(title="Documents", title_justify="left")
    for col in ("path", "format", "turn shape", "turns", "speakers", "glossary", "claims"):
        docs.add_column(col, justify="right" if col not in ("path", "format", "turn shape") else "left")
    for d in report.documents:
        docs.add_row(d["path"], d["format"], d.get("shape") or "",
                     *(str(d[k]) for k in ("turns", "speakers", "glossary", "claims")))
    console.print(docs)
    counts = Table(title="Graph", title_justify="left")
    for col, justify in (("nodes", "left"), ("", "right"), ("edges", "left"), ("", "right")):
        counts.add_column(col, justify=justify)
    for (n, a), (e, b) in zip_longest(report.counts["nodes"].items(), report.counts["edges"].items(), fillvalue=("", "")):
        counts.add_row(n, str(a), e, str(b))
    counts.add_row("total", str(sum(report.counts["nodes"].values())), "total", str(sum(report.counts["edges"].values())))
    console.print(counts)
    console.print(
        f"{len(report.documents)} documents, {report.turns} turns, {report.speakers} named speakers; "
        f"{report.unattributed_claims} claims have no named speaker (e.g. Whisper segments); "
        f"{len(report.skipped)} files skipped; parses reused from the cache: "
        f"{report.cache.get('hits', 0)} of {len(report.documents)} documents.", highlight=False)
    for name, where in report.outputs.items():
        console.print(f"  {name:<9} {where}", highlight=False)
    if "exports" not in report.outputs:
        console.print("  exports   claimgraph export FORMAT|all  (Gephi, yEd, Cytoscape, Neo4j, Obsidian)", highlight=False)


@app.command()
def stats(out: Path = OUT_OPTION) -> None:
    """Counts of nodes and edges by type in the built graph, and the documents it was built from.

    Example: claimgraph stats
    """
    from graph.assemble import summary
    from graph.output import load_graph

    try:
        G = load_graph(out)
    except FileNotFoundError as e:
        fail(str(e))
        return
    data = summary(G)
    table = Table("kind", "type", "count", title=f"{out}/graph.json", title_justify="left")
    for kind in ("nodes", "edges"):
        for t, n in data[kind].items():
            table.add_row(kind, t, str(n))
    console.print(table)
    for d in G.graph.get("documents", []):
        console.print(f"  {d['path']}  ({d['format']}, {d['turns']} turns, {d['claims']} claims)", highlight=False)


def _params(pairs: list[str]) -> dict:
    from graph.queries import QueryError, coerce

    out = {}
    for pair in pairs:
        if "=" not in pair:
            raise QueryError(f"--param wants key=value, got {pair!r}")
        k, v = pair.split("=", 1)
        out[k.strip()] = coerce(v)
    return out


def _cell(value, full: bool, width: int) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:.3g}"
    elif isinstance(value, list):
        text = ", ".join(_cell(v, True, width) for v in value)
    else:
        text = str(value)
    text = " ".join(text.split())
    if not full and len(text) > width:
        text = text[: width - 1] + "…"
    return text


@app.command(context_settings={"help_option_names": []})
def query(
    ctx: typer.Context,
    spec: Optional[str] = typer.Argument(None, metavar="NAME|FILE|'CYPHER'",
                                         help="A named query, a .cypher file, or Cypher text."),
    show_help: bool = typer.Option(False, "--help", "-h",
                                   help="Show this help; after a query's NAME, what it answers and its parameters."),
    param: List[str] = typer.Option([], "--param", "-p", help="A query parameter, key=value (repeatable)."),
    neo4j: bool = typer.Option(False, "--neo4j", help="Run on Neo4j (NEO4J_URI …) instead of the embedded database."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json or csv."),
    full: bool = typer.Option(False, "--full", help="Show long text in full instead of cutting it."),
    width: int = typer.Option(70, "--width", help="Cut table cells longer than this (without --full)."),
    out: Path = OUT_OPTION,
) -> None:
    """Ask the graph a question in Cypher: a named query from queries/, a file, or inline Cypher.

    A parameter that names a person, system, concept or work must name one the graph has (the
    closest names are suggested); an optional filter left out means any.
    `claimgraph query NAME --help` shows what a named query answers and its parameters.

    Example: claimgraph query person-claims-about --param person="Demis Hassabis" --param topic=AlphaZero
    """
    import csv

    from graph.queries import QueryError, check_names, describe, library, resolve

    if show_help or spec is None:
        if spec in library():
            console.print(describe(library()[spec]), highlight=False)
        else:
            console.print(ctx.get_help(), highlight=False)
        raise typer.Exit(0 if show_help else 2)
    if fmt not in ("table", "json", "csv"):
        fail(f"unknown --format {fmt!r}: use table, json or csv", 2)
    try:
        q = resolve(spec)
        params = q.bind(_params(param))
    except QueryError as e:
        fail(str(e), 2)
        return
    names_cypher = "MATCH (n) WHERE n.type IN $labels RETURN n.name, n.aliases"
    try:
        if neo4j:
            from graph.neo4j_store import Connection, Neo4jError, run_query

            try:
                connection = Connection.from_env()
                check_names(q, params, lambda labels: run_query(connection, names_cypher, {"labels": list(labels)})[1])
                cols, rows = run_query(connection, q.cypher, params)
            except Neo4jError as e:
                fail(str(e))
                return
        else:
            from graph.build import DB_FILE
            from graph.store import EmbeddedStore

            with EmbeddedStore(out / DB_FILE) as store:
                check_names(q, params, lambda labels: store.run(names_cypher, {"labels": list(labels)})[1])
                cols, rows = store.run(q.cypher, params)
    except QueryError as e:
        fail(str(e), 2)
        return
    except typer.Exit:
        raise
    except FileNotFoundError as e:
        fail(str(e))
        return
    except RuntimeError as e:  # the engine's parser or binder
        fail(f"query '{q.name}' failed: {' '.join(str(e).split())}")
        return
    except Exception as e:  # neo4j.exceptions.CypherSyntaxError and friends
        fail(f"query '{q.name}' failed: {type(e).__name__}: {' '.join(str(e).split())[:500]}")
        return
    if fmt == "json":
        print(json.dumps([dict(zip(cols, r)) for r in rows], ensure_ascii=False, indent=1, default=str))
    elif fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(cols)
        for r in rows:
            w.writerow([_cell(v, True, 0) for v in r])
    else:
        table = Table(title=q.title, title_justify="left", show_lines=False)
        for c in cols:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*(_cell(v, full, width) for v in r))
        console.print(table)
        console.print(f"{len(rows)} rows", style="dim", highlight=False)


@app.command("queries")
def list_queries() -> None:
    """List the named queries in queries/: what each answers and the parameters it takes.

    Example: claimgraph queries
    """
    from graph.queries import library

    table = Table(title_justify="left", show_lines=True)
    table.add_column("name", no_wrap=True)
    table.add_column("what it answers")
    table.add_column("parameters (default)")
    for name, q in library().items():
        params = "\n".join(f"{p.name} = {p.default!r}  {p.help}" for p in q.params)
        table.add_row(name, f"{q.title}: {q.description}", params)
    console.print(table)


@app.command("load-neo4j")
def load_neo4j(
    uri: Optional[str] = typer.Option(None, "--uri", help="Bolt URI (default: NEO4J_URI or bolt://localhost:7687)."),
    user: Optional[str] = typer.Option(None, "--user", help="User (default: NEO4J_USER or neo4j)."),
    password: Optional[str] = typer.Option(None, "--password", help="Password (default: NEO4J_PASSWORD)."),
    database: Optional[str] = typer.Option(None, "--database", help="Database (default: NEO4J_DATABASE or the server's)."),
    wipe: bool = typer.Option(False, "--wipe", help="Delete claimgraph's nodes first."),
    out: Path = OUT_OPTION,
) -> None:
    """Load out/graph.json into Neo4j: constraints first, then batched idempotent MERGE; checks the counts.

    Example: docker compose up -d --wait && claimgraph load-neo4j
    """
    from graph.neo4j_store import Connection, Neo4jError, load
    from graph.output import load_graph

    try:
        G = load_graph(out)
    except FileNotFoundError as e:
        fail(str(e))
        return
    conn = Connection.from_env(uri, user, password, database)
    try:
        with Progress(TextColumn("{task.description:<16}"), MofNCompleteColumn(), console=err, transient=True,
                      disable=not err.is_terminal) as bar:
            task = bar.add_task("loading", total=G.number_of_nodes() + G.number_of_edges())
            result = load(G, conn, wipe=wipe, progress=lambda label, n: bar.update(task, advance=n, description=label))
    except Neo4jError as e:
        fail(str(e))
        return
    table = Table(title=f"Loaded into {conn.uri}", title_justify="left")
    for col in ("label/type", "graph.json", "Neo4j"):
        table.add_column(col, justify="right" if col != "label/type" else "left")
    bad = []
    for k, n in result["expected"].items():
        found = result["found"].get(k, 0)
        table.add_row(k, str(n), str(found))
        if found < n:
            bad.append(k)
    console.print(table)
    if bad:
        fail(f"Neo4j holds fewer {', '.join(bad)} than graph.json")


@app.command("export")
def export_cmd(
    fmt: str = typer.Argument(..., metavar="FORMAT",
                              help="graphml, gexf, json, cytoscape, neo4j-csv, cypher, obsidian, or all of them."),
    dest: Optional[Path] = typer.Option(None, "--out", help="Where to write (default: out/exports/<standard name>; "
                                                            "for all: the folder out/exports/)."),
    graph_dir: Path = typer.Option(Path("out"), "--graph", help="The build folder holding graph.json."),
) -> None:
    """Export the built graph for Gephi, yEd, Cytoscape, Neo4j or an Obsidian vault.

    Example: claimgraph export graphml --out my-graph.graphml
    Example: claimgraph export all
    """
    from graph.exports import FORMATS, export_built
    from graph.output import load_graph

    if fmt not in (*FORMATS, "all"):
        fail(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)} or all", 2)
    try:
        paths = export_built(load_graph(graph_dir), fmt, graph_dir, dest)
    except (FileNotFoundError, FileExistsError) as e:
        fail(str(e))
        return
    for path in paths:
        console.print(f"wrote {path}", highlight=False)


@app.command()
def view(
    person: Optional[str] = typer.Option(None, "--person", help="A person's page."),
    system: Optional[str] = typer.Option(None, "--system", help="An AI system's page."),
    concept: Optional[str] = typer.Option(None, "--concept", help="A concept's page."),
    open_: bool = typer.Option(False, "--open", help="Open it in the browser."),
    max_nodes: int = typer.Option(300, "--max-nodes", help="Most nodes drawn (the lightest are left out)."),
    out: Path = OUT_OPTION,
) -> None:
    """Write one interactive view (a person, system or concept; the overview with no option) and say where.

    Example: claimgraph view --person "Demis Hassabis" --open
    """
    from graph.output import load_graph
    from graph.views import write_view

    chosen = [(k, v) for k, v in (("Person", person), ("System", system), ("Concept", concept)) if v]
    if len(chosen) > 1:
        fail("give at most one of --person, --system, --concept", 2)
    try:
        G = load_graph(out)
        kind, name = chosen[0] if chosen else (None, None)
        path = write_view(G, out / "views", kind, name, max_nodes=max_nodes)
    except (FileNotFoundError, KeyError) as e:
        fail(str(e).strip("'\""))
        return
    console.print(f"wrote {path}", highlight=False)
    if open_:
        webbrowser.open(path.resolve().as_uri())


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
