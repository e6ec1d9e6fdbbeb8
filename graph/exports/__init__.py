"""Exports for the tools people already use: Gephi, yEd, Cytoscape, Neo4j and Obsidian, one format per module.

``write_all`` writes every format under ``out/exports/``; ``export`` one; ``export_built`` one or all
from a built ``out/``, for the command line.

>>> export(G, "gexf", Path("graph.gexf"))   # doctest: +SKIP
"""

from __future__ import annotations

import shutil
from pathlib import Path

import networkx as nx

from graph.exports.cypher import cypher_literal, write_cypher
from graph.exports.cytoscape import write_cytoscape
from graph.exports.gexf import write_gexf
from graph.exports.graphml import write_graphml
from graph.exports.neo4j_csv import write_neo4j_csv
from graph.exports.obsidian import VAULT_TYPES, note_names, write_obsidian
from graph.layout import positions
from graph.output import GRAPH_FILE, write_graph_json


def write_json(G: nx.MultiDiGraph, path: Path) -> Path:
    """Node-link JSON, as ``networkx.node_link_graph(data, edges="edges")`` reads it."""
    write_graph_json(path, G)
    return path


WRITERS = {
    "graphml": ("graph.graphml", write_graphml),
    "gexf": ("graph.gexf", write_gexf),
    "json": ("graph.node-link.json", write_json),
    "cytoscape": ("graph.cytoscape.json", write_cytoscape),
    "neo4j-csv": ("neo4j-import", write_neo4j_csv),
    "cypher": ("graph.cypher", write_cypher),
    "obsidian": ("obsidian-vault", write_obsidian),
}
FORMATS = tuple(WRITERS)


def export(G: nx.MultiDiGraph, fmt: str, path: Path) -> Path:
    """Write ``G`` in format ``fmt`` (one of :data:`FORMATS`) at ``path``."""
    if fmt not in WRITERS:
        raise KeyError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return WRITERS[fmt][1](G, path)


def write_all(G: nx.MultiDiGraph, folder: Path, graph_json: Path | None = None,
              where: dict | None = None) -> dict[str, Path]:
    """Every format under ``folder``; ``graph_json``, the build's own ``graph.json``, is copied as the
    node-link export; ``where``: the positions the views' maps were drawn with
    (:func:`graph.layout.positions`)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    done: dict[str, Path] = {}
    where = positions(G) if where is None else where  # one layout for both drawn formats
    for fmt, (name, writer) in WRITERS.items():
        if fmt == "json" and graph_json is not None:
            done[fmt] = Path(shutil.copyfile(graph_json, folder / name))
        elif fmt in ("gexf", "graphml"):
            done[fmt] = writer(G, folder / name, where)
        else:
            done[fmt] = export(G, fmt, folder / name)
    return done


def export_built(G: nx.MultiDiGraph, fmt: str, out: Path, dest: Path | None = None) -> list[Path]:
    """Write format ``fmt`` (or ``"all"``) of ``G``, the graph built in ``out``: under ``out/exports/``
    (the build's own folder, replaced), or at ``dest``, which must not exist yet (or be an empty
    folder): nothing of the user's is replaced.  Raises KeyError for an unknown format (:func:`export`)
    and FileExistsError for a ``dest`` that holds something."""
    if dest is not None and (dest.is_file() or dest.is_symlink() or (dest.is_dir() and any(dest.iterdir()))):
        raise FileExistsError(f"{dest} already exists; an export never replaces what it did not write: "
                              "choose a new path, or leave out --out to write under out/exports/")
    if fmt == "all":
        return list(write_all(G, dest or Path(out) / "exports", Path(out) / GRAPH_FILE).values())
    return [export(G, fmt, dest or Path(out) / "exports" / WRITERS[fmt][0])]


__all__ = ["FORMATS", "WRITERS", "export", "export_built", "write_all", "cypher_literal", "note_names", "VAULT_TYPES"]
