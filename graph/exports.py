"""Exports for the tools people already use: Gephi, yEd, Cytoscape, Neo4j and Obsidian.

Every writer takes the graph ``G`` and a path; ``write_all`` writes them all
under ``out/exports/``.  GraphML and GEXF accept only scalars, so lists become
``"; "``-joined strings and nulls are left out.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import mmap
import os
import re
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

import networkx as nx
import numpy as np

from graph.output import edge_list, load_index, load_pickle, save_index, save_pickle
from graph.schema import ALLOWED, NODE_TYPES
from graph.store import edge_columns, item_text, node_columns

FORMATS = ("graphml", "gexf", "json", "cytoscape", "neo4j-csv", "cypher", "obsidian")
LIST_SEP = "; "


def _scalar(v: Any) -> Any:
    if isinstance(v, list):
        return LIST_SEP.join(item_text(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    return v


class Elements:
    """The graph's nodes and edges, each with a digest of its content, flattened to scalars on demand
    (what GraphML and GEXF accept) and at most once for all the writers."""

    def __init__(self, G: nx.MultiDiGraph, digests: tuple[list[bytes], list[bytes]] | None = None):
        """``digests``: those :func:`graph.output.write_graph_json` returned for ``G``, else computed here."""
        self.nodes = list(G.nodes(data=True))
        self.edges = edge_list(G)
        if digests is None:
            from graph.output import element_digests

            digests = element_digests(G)
        self.node_digests, self.edge_digests = digests
        assert len(self.node_digests) == len(self.nodes) and len(self.edge_digests) == len(self.edges)
        self._flat_nodes: dict[int, dict] = {}
        self._flat_edges: dict[int, dict] = {}
        self._node_types: dict[str, str] | None = None
        self._edge_types: dict[str, str] | None = None

    def flat_node(self, i: int) -> dict:
        if i not in self._flat_nodes:
            n, d = self.nodes[i]
            self._flat_nodes[i] = {**{k: _scalar(v) for k, v in d.items() if v is not None}, "label": d["name"]}
        return self._flat_nodes[i]

    def flat_edge(self, i: int) -> dict:
        if i not in self._flat_edges:
            d = self.edges[i][3]
            self._flat_edges[i] = {a: _scalar(b) for a, b in d.items() if b is not None}
        return self._flat_edges[i]

    def node_types(self) -> dict[str, str]:
        """Attribute name → XML type of the flattened node attributes (``label`` included)."""
        if self._node_types is None:
            by_type: dict[str, list[dict]] = defaultdict(list)
            for _, d in self.nodes:
                by_type[d["type"]].append(d)
            self._node_types = _attr_types(
                {**{k: t for k, t in node_columns(nt).items() if k != "id" and _present(k, items)}, "label": "STRING"}
                for nt, items in by_type.items())
        return self._node_types

    def edge_types(self) -> dict[str, str]:
        if self._edge_types is None:
            items = [d for *_, d in self.edges]
            self._edge_types = _attr_types([{k: t for k, t in edge_columns().items() if _present(k, items)}])
        return self._edge_types


def _present(key: str, items: list[dict]) -> bool:
    return any(d.get(key) is not None for d in items)


def _code_version() -> str:
    """The code that formats elements: reused text from a build by other code is never trusted."""
    from extract.cache import source_digest

    return source_digest(*(Path(__file__).with_name(n) for n in ("exports.py", "store.py", "neo4j_store.py", "schema.py")))


class Reuse:
    """An export file of sections of elements (the nodes, the edges, a batch of rows), written with the
    text of the previous build's file where it can be: elements unchanged since then (same digest)
    that also followed each other in one section there are copied as one piece, separators
    included; only the others are formatted.  That is done when the previous file is the one the
    index describes and its header (which element text may depend on) is the same.

    The index — each element's digest, place and section, in file order — is kept in the build
    cache; finding the runs to copy is done on arrays, so an unchanged element costs next to nothing.
    """

    def __init__(self, path: Path, previous: Path | None = None, index: Path | None = None, header: str = ""):
        self.path, self.index = Path(path), index
        self.header = hashlib.sha1((_code_version() + header).encode()).hexdigest()
        self.old: dict[bytes, int] = {}  # digest → its place among the previous file's elements
        self.mm = None
        self._prev = None
        meta = load_index(index, previous, header=self.header) if previous is not None and index is not None else None
        if meta is not None and meta["size"] and meta.get("digests"):  # else format everything
            self._prev = open(previous, "rb")
            self.mm = mmap.mmap(self._prev.fileno(), 0, access=mmap.ACCESS_READ)
            blob, n = meta["digests"], meta["digest_size"]
            self.old = {blob[i:i + n]: k for k, i in enumerate(range(0, len(blob), n))}
            self.old_starts, self.old_lens, self.old_sections = (
                np.frombuffer(meta[k], dtype=np.int64) for k in ("starts", "lens", "sections"))
        self.digests: list[bytes] = []  # this file's, in order, with where each element lies
        self.starts: list[np.ndarray] = []
        self.lens: list[np.ndarray] = []
        self.sections: list[np.ndarray] = []
        self.pos = 0
        self.f = open(self.path, "wb")

    def raw(self, text: str) -> None:
        data = text.encode("utf-8")
        self.f.write(data)
        self.pos += len(data)

    def section(self, digests: list[bytes], make: Callable[[int], str | bytes], sep: str = "") -> None:
        """Elements ``make(0)``, ``make(1)``, … (str or UTF-8 bytes) joined by ``sep``; ``digests[k]``
        identifies element ``k`` (equal digests, equal text)."""
        n = len(digests)
        section = len(self.starts)
        sep_bytes = sep.encode("utf-8")
        starts = np.empty(n, dtype=np.int64)
        lens = np.empty(n, dtype=np.int64)
        at = np.fromiter((self.old.get(d, -1) for d in digests), dtype=np.int64, count=n) if self.old else None
        if at is None:  # every element formatted: one block each
            blocks = list(range(n + 1))
        else:  # element k goes on the piece copied for k - 1 when it followed it in one section before
            kept = at >= 0
            place = np.where(kept, at, 0)
            on = np.zeros(n, dtype=bool)
            on[1:] = (kept[1:] & kept[:-1] & (place[1:] == place[:-1] + 1)
                      & (self.old_sections[place[1:]] == self.old_sections[place[:-1]]))
            blocks = [*np.flatnonzero(~on).tolist(), n]
        write = self.f.write
        for b, e in zip(blocks[:-1], blocks[1:]):
            if b:
                write(sep_bytes)
                self.pos += len(sep_bytes)
            if at is not None and at[b] >= 0:
                first, last = at[b], at[e - 1]
                a, z = int(self.old_starts[first]), int(self.old_starts[last] + self.old_lens[last])
                _copy_range(self._prev, self.f, a, z, self.mm)
                starts[b:e] = self.old_starts[at[b:e]] - a + self.pos
                lens[b:e] = self.old_lens[at[b:e]]
                self.pos += z - a
            else:
                data = make(b)
                data = data.encode("utf-8") if isinstance(data, str) else data
                write(data)
                starts[b], lens[b] = self.pos, len(data)
                self.pos += len(data)
        self.digests.extend(digests)
        self.starts.append(starts)
        self.lens.append(lens)
        self.sections.append(np.full(n, section, dtype=np.int64))

    def close(self, keep_index: bool = True) -> None:
        """Close the file (and the previous one); with ``keep_index``, save where its elements lie."""
        self.f.close()
        if self.mm is not None:
            self.mm.close()
            self._prev.close()
        if keep_index and self.index is not None:
            size = len(self.digests[0]) if self.digests else 0
            assert all(len(d) == size for d in self.digests), "digests of one size"
            joined = {k: np.concatenate(v).tobytes() if v else b""
                      for k, v in (("starts", self.starts), ("lens", self.lens), ("sections", self.sections))}
            save_index(self.index, self.path, header=self.header, digests=b"".join(self.digests), digest_size=size,
                       **joined)

    def __enter__(self) -> "Reuse":
        return self

    def __exit__(self, exc_type, *_) -> None:
        self.close(keep_index=exc_type is None)


def _copy_range(src, dst, start: int, end: int, mm) -> None:
    """Append bytes ``start:end`` of the file ``src`` to the file ``dst``: in the kernel where it can
    (``copy_file_range``, without reading them into this process), else from the map ``mm``."""
    if hasattr(os, "copy_file_range"):
        dst.flush()
        try:
            while start < end:
                n = os.copy_file_range(src.fileno(), dst.fileno(), end - start, start)
                if n <= 0:
                    break
                start += n
        except OSError:  # a file system that cannot: copy what is left by hand
            pass
    if start < end:
        dst.write(mm[start:end])


# Attribute text: markup escaped, line breaks kept as character references, characters XML forbids dropped.
_XML_ATTR = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;",
             ord("\n"): "&#10;", ord("\r"): "&#13;", ord("\t"): "&#9;",
             **{c: None for c in [*range(0, 9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF]}}
_XML_TEXT = {k: v for k, v in _XML_ATTR.items() if k not in (ord('"'), ord("\n"), ord("\r"), ord("\t"))}
_XML_TYPES = {"BOOLEAN": "boolean", "INT64": "int", "DOUBLE": "double", "STRING": "string"}


# Characters either table changes: most values have none, and a search is far cheaper than a translation.
_XML_SPECIAL = re.compile("[" + re.escape("".join(map(chr, _XML_ATTR))) + "]")


def _plain(v: str) -> bool:
    """True when no character of ``v`` needs escaping or dropping (most values): four scans in C,
    cheaper than one search of the character class."""
    return v.isprintable() and "&" not in v and "<" not in v and ">" not in v


def _xml(v: Any) -> str:
    """A quoted XML attribute value."""
    if isinstance(v, bool):
        v = "true" if v else "false"
    v = str(v)
    if '"' not in v and _plain(v):  # (isprintable() is False for line breaks and tabs)
        return '"' + v + '"'
    return '"' + (v.translate(_XML_ATTR) if _XML_SPECIAL.search(v) else v) + '"'


def _xml_text(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    v = str(v)
    if _plain(v):
        return v
    return v.translate(_XML_TEXT) if _XML_SPECIAL.search(v) else v


def _attr_types(groups) -> dict[str, str]:
    """Attribute name → XML type, over groups of attributes (name → column type of the schema: see
    :mod:`graph.store`) that occur in the graph; lists are flattened to strings, and a name with
    other types in other groups becomes a string."""
    out: dict[str, str] = {}
    for group in groups:
        for k, column in group.items():
            t = _XML_TYPES.get(column, "string")
            out[k] = t if out.get(k, t) == t else "string"
    return out


def write_graphml(G: nx.MultiDiGraph, path: Path, E: Elements | None = None, previous: Path | None = None,
                  index: Path | None = None) -> Path:
    """GraphML, streamed (networkx's writer takes minutes on large graphs); networkx reads it back."""
    E = E or Elements(G)
    ntypes, etypes = E.node_types(), E.edge_types()
    nkey = {k: _xml(k) for k in ntypes}
    ekey = {k: _xml("e_" + k) for k in etypes}
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
            + "".join(f'<key id={nkey[k]} for="node" attr.name={_xml(k)} attr.type="{t}"/>\n' for k, t in ntypes.items())
            + "".join(f'<key id={ekey[k]} for="edge" attr.name={_xml(k)} attr.type="{t}"/>\n' for k, t in etypes.items())
            + '<graph edgedefault="directed">\n')

    def node(i: int) -> str:
        return (f"<node id={_xml(E.nodes[i][0])}>"
                + "".join(f"<data key={nkey[k]}>{_xml_text(v)}</data>" for k, v in E.flat_node(i).items()) + "</node>\n")

    def edge(i: int) -> str:
        u, v, k, _ = E.edges[i]
        return (f"<edge id={_xml(k)} source={_xml(u)} target={_xml(v)}>"
                + "".join(f"<data key={ekey[a]}>{_xml_text(b)}</data>" for a, b in E.flat_edge(i).items()) + "</edge>\n")

    with Reuse(path, previous, index, head) as f:
        f.raw(head)
        f.section(E.node_digests, node)
        f.section(E.edge_digests, edge)
        f.raw("</graph>\n</graphml>\n")
    return path


def write_gexf(G: nx.MultiDiGraph, path: Path, E: Elements | None = None, previous: Path | None = None,
               index: Path | None = None) -> Path:
    """GEXF 1.2 (Gephi), streamed.  The relationship type is the edge's ``relation`` and label."""
    E = E or Elements(G)
    ntypes = {k: t for k, t in E.node_types().items() if k != "label"}
    etypes = {("relation" if k == "type" else k): t for k, t in E.edge_types().items()}
    nid = {k: str(i) for i, k in enumerate(ntypes)}
    eid = {k: str(i) for i, k in enumerate(etypes)}
    if "relation" in eid:  # a graph with no edges has no edge attributes
        eid["type"] = eid["relation"]
    gexf_type = {"int": "long", "double": "double", "boolean": "boolean", "string": "string"}
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">\n'
            '<graph defaultedgetype="directed" mode="static">\n<attributes class="node" mode="static">\n'
            + "".join(f'<attribute id="{nid[k]}" title={_xml(k)} type="{gexf_type[t]}"/>\n' for k, t in ntypes.items())
            + '</attributes>\n<attributes class="edge" mode="static">\n'
            + "".join(f'<attribute id="{eid[k]}" title={_xml(k)} type="{gexf_type[t]}"/>\n' for k, t in etypes.items())
            + "</attributes>\n<nodes>\n")

    def node(i: int) -> str:
        d = E.flat_node(i)
        vals = "".join(f'<attvalue for="{nid[k]}" value={_xml(v)}/>' for k, v in d.items() if k != "label")
        return f"<node id={_xml(E.nodes[i][0])} label={_xml(d['label'])}><attvalues>{vals}</attvalues></node>\n"

    def edge(i: int) -> str:
        u, v, k, _ = E.edges[i]
        d = E.flat_edge(i)
        vals = "".join(f'<attvalue for="{eid[a]}" value={_xml(b)}/>' for a, b in d.items())
        return (f"<edge id={_xml(k)} source={_xml(u)} target={_xml(v)} label={_xml(d['type'])}>"
                f"<attvalues>{vals}</attvalues></edge>\n")

    with Reuse(path, previous, index, head) as f:
        f.raw(head)
        f.section(E.node_digests, node)
        f.raw("</nodes>\n<edges>\n")
        f.section(E.edge_digests, edge)
        f.raw("</edges>\n</graph>\n</gexf>\n")
    return path


def write_json(G: nx.MultiDiGraph, path: Path) -> Path:
    from graph.output import write_graph_json

    write_graph_json(path, G)
    return path


def write_cytoscape(G: nx.MultiDiGraph, path: Path, E: Elements | None = None, previous: Path | None = None,
                    index: Path | None = None) -> Path:
    """Cytoscape.js ``elements`` (also opened by Cytoscape desktop as JSON), one element per line, in the
    form ``networkx.cytoscape_graph`` reads back too (``value`` on nodes, ``key`` on edges, directed
    multigraph)."""
    from graph.output import dumps

    E = E or Elements(G)

    def node(i: int) -> bytes:
        n, d = E.nodes[i]
        return dumps({"data": {"id": n, "value": n, **d}})

    def edge(i: int) -> bytes:
        u, v, k, d = E.edges[i]
        return dumps({"data": {"id": f"{k}", "key": f"{k}", "source": u, "target": v, "interaction": d["type"], **d}})

    with Reuse(path, previous, index) as f:
        f.raw('{"data": {"name": "claimgraph"}, "directed": true, "multigraph": true, "elements": {\n"nodes": [\n')
        f.section(E.node_digests, node, ",\n")
        f.raw('\n],\n"edges": [\n')
        f.section(E.edge_digests, edge, ",\n")
        f.raw("\n]}}\n")
    return path


# --------------------------------------------------------------------------- Neo4j bulk import

_CSV_TYPE = {"STRING": "", "INT64": ":int", "DOUBLE": ":float", "BOOLEAN": ":boolean", "STRING[]": ":string[]"}
ARRAY_DELIMITER = "|"


def _csv_value(v: Any, t: str) -> Any:
    if v is None:
        return ""
    if t == "STRING[]":
        return ARRAY_DELIMITER.join(item_text(x).replace(ARRAY_DELIMITER, "/") for x in v)
    if t == "BOOLEAN":
        return "true" if v else "false"
    return v


def write_neo4j_csv(G: nx.MultiDiGraph, folder: Path, E: Elements | None = None, previous: Path | None = None,
                    index: Path | None = None) -> Path:
    """One CSV per label and per relationship type in ``neo4j-admin database import`` format.

    ``previous`` (the last build's folder) and ``index`` (a folder for the files' indexes) let rows of
    unchanged elements be copied, as in the other element-per-line formats."""
    E = E or Elements(G)
    folder.mkdir(parents=True, exist_ok=True)
    node_files, rel_files = [], []
    buf = io.StringIO()
    out = csv.writer(buf)

    def _csv_line(row: list) -> str:
        buf.seek(0)
        buf.truncate()
        out.writerow(row)
        return buf.getvalue()

    nodes_of: dict[str, list[int]] = defaultdict(list)
    for i, (_, d) in enumerate(E.nodes):
        nodes_of[d["type"]].append(i)
    edges_of: dict[str, list[int]] = defaultdict(list)
    for i, (*_, d) in enumerate(E.edges):
        edges_of[d["type"]].append(i)

    def write(name: str, header: list[str], rows: list[int], digests: list[bytes], row) -> None:
        head = _csv_line(header)
        with Reuse(folder / name, previous / name if previous else None, index / f"{name}.index" if index else None,
                   head) as f:
            f.raw(head)
            f.section([digests[i] for i in rows], lambda k: _csv_line(row(rows[k])))

    for t in NODE_TYPES:
        cols = [(k, v) for k, v in node_columns(t).items() if k != "id"]
        name = f"nodes_{t}.csv"

        def node_row(i: int, cols=cols, t=t) -> list:
            n, d = E.nodes[i]
            return [n] + [_csv_value(d.get(k), v) for k, v in cols] + [t]

        write(name, ["id:ID"] + [f"{k}{_CSV_TYPE[v]}" for k, v in cols] + [":LABEL"], nodes_of.get(t, []),
              E.node_digests, node_row)
        node_files.append(name)
    ecols = [(c, t) for c, t in edge_columns().items() if c != "type"]
    for rel in ALLOWED:
        name = f"rels_{rel}.csv"

        def edge_row(i: int, rel=rel) -> list:
            u, v, k, d = E.edges[i]
            return [u, v, rel, k] + [_csv_value(d.get(c), t) for c, t in ecols]

        write(name, [":START_ID", ":END_ID", ":TYPE", "key"] + [f"{k}{_CSV_TYPE[t]}" for k, t in ecols],
              edges_of.get(rel, []), E.edge_digests, edge_row)
        rel_files.append(name)
    cmd = ["neo4j-admin database import full neo4j", "  --overwrite-destination=true",
           f"  --array-delimiter='{ARRAY_DELIMITER}'", "  --multiline-fields=true"]
    cmd += [f"  --nodes=import/{n}" for n in node_files] + [f"  --relationships=import/{r}" for r in rel_files]
    (folder / "README.md").write_text(
        "# Neo4j bulk import\n\nOne CSV per label and relationship type, headers in the `neo4j-admin database import` "
        "format (`id:ID`, `:LABEL`, `:START_ID`, `:END_ID`, `:TYPE`, typed columns such as `start:int`, "
        f"`confidence:float`, `aliases:string[]` with `{ARRAY_DELIMITER}` between items).\n\n"
        "Stop the database, copy these files into its `import/` folder, then run (Neo4j 5):\n\n```sh\n"
        + " \\\n".join(cmd) + "\n```\n\nThen start Neo4j again. For a running database use "
        "`claimgraph load-neo4j` or `exports/graph.cypher` instead.\n", encoding="utf-8")
    return folder


# --------------------------------------------------------------------------- Cypher script

_CYPHER_SPECIAL = re.compile("[\\\\'\n\r]")


def cypher_literal(v: Any) -> str:
    if type(v) is str:  # most values: checked first
        s = v
    elif v is None:
        return "null"
    elif isinstance(v, bool):
        return "true" if v else "false"
    elif isinstance(v, (int, float)):
        return repr(v)
    elif isinstance(v, list):
        return "[" + ", ".join(cypher_literal(x) for x in v) + "]"
    elif isinstance(v, dict):
        return "{" + ", ".join(f"`{k}`: {cypher_literal(x)}" for k, x in v.items()) + "}"
    else:
        s = str(v)
    if _CYPHER_SPECIAL.search(s):
        s = s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r")
    return f"'{s}'"


_NODE_MERGE = "] AS row MERGE (n:{label} {{id: row.id}}) SET n += row.props;\n"
_EDGE_MERGE = ("] AS row MATCH (a:{s} {{id: row.source}}) MATCH (b:{t} {{id: row.target}}) "
               "MERGE (a)-[r:{rel} {{key: row.key}}]->(b) SET r += row.props;\n")


def write_cypher(G: nx.MultiDiGraph, path: Path, E: Elements | None = None, previous: Path | None = None,
                 index: Path | None = None, batch: int = 500) -> Path:
    """Statements that recreate ``G`` in an empty Neo4j: ``UNWIND [rows] AS row MERGE …`` in batches of
    ``batch`` rows, one row per line.  MERGE on ids and edge keys makes the script safe to rerun."""
    from graph.neo4j_store import _props, schema_statements

    E = E or Elements(G)
    head = ("// claimgraph: recreate the graph in Neo4j 5.  Parameter-free and safe to run twice.\n"
            "// cypher-shell -u neo4j -p \"$NEO4J_PASSWORD\" -f graph.cypher\n"
            + "".join(s + ";\n" for s in schema_statements()))
    by_label: dict[str, list[int]] = defaultdict(list)
    for i, (_, d) in enumerate(E.nodes):
        by_label[d["type"]].append(i)
    types = {n: d["type"] for n, d in E.nodes}
    by_rel: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, (u, v, _, d) in enumerate(E.edges):
        by_rel[(d["type"], types[u], types[v])].append(i)
    ecols = edge_columns()

    def node(i: int, cols: dict) -> str:
        n, d = E.nodes[i]
        return cypher_literal({"id": n, "props": _props(d, cols)})

    def edge(i: int) -> str:
        u, v, k, d = E.edges[i]
        return cypher_literal({"source": u, "target": v, "key": k, "props": _props(d, ecols)})

    with Reuse(path, previous, index, head) as f:
        f.raw(head)
        for label in NODE_TYPES:
            cols = node_columns(label)
            rows = by_label.get(label, [])
            for b in range(0, len(rows), batch):
                some = rows[b:b + batch]
                f.raw("UNWIND [\n")
                f.section([E.node_digests[i] for i in some], lambda k: node(some[k], cols), ",\n")
                f.raw("\n" + _NODE_MERGE.format(label=label))
        for (rel, s, t), rows in sorted(by_rel.items()):
            for b in range(0, len(rows), batch):
                some = rows[b:b + batch]
                f.raw("UNWIND [\n")
                f.section([E.edge_digests[i] for i in some], lambda k: edge(some[k]), ",\n")
                f.raw("\n" + _EDGE_MERGE.format(s=s, t=t, rel=rel))
    return path


# --------------------------------------------------------------------------- Obsidian vault

VAULT_TYPES = ("Person", "Organization", "System", "Concept", "Work", "Document")
_BAD = re.compile(r'[\\/:*?"<>|#^\[\]]')


def note_names(G: nx.MultiDiGraph) -> dict[str, str]:
    """A unique, file-safe note name per entity node."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for n, d in sorted(G.nodes(data=True), key=lambda x: x[0]):
        if d["type"] not in VAULT_TYPES:
            continue
        base = _BAD.sub("-", d["name"]).strip(" .") or n
        name = base
        if name.lower() in used:
            name = f"{base} ({d['type']})"
        i = 2
        while name.lower() in used:
            name = f"{base} ({d['type']} {i})"
            i += 1
        used.add(name.lower())
        names[n] = name
    return names


def _yaml(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def write_obsidian(G: nx.MultiDiGraph, folder: Path, E: Elements | None = None, previous: Path | None = None,
                   index: Path | None = None) -> Path:
    """One note per person, organization, system, concept, work and document, linked with [[wiki links]]
    (a document's note lists its speakers and its claims in order, so an episode has backlinks).

    With ``E`` (its digests), ``previous`` (the last build's vault) and ``index`` (where the notes'
    record is kept), a note whose reads of the graph are unchanged is linked from the last build
    (see :mod:`graph.reuse`), unless the notes' names changed."""
    from graph.reuse import Files

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    names = note_names(G)
    salt = hashlib.sha1((_code_version() + repr(sorted(names.items()))).encode()).digest()
    files = Files(load_pickle(index), previous, salt, note=index is not None and E is not None)
    if E is not None:
        files.digests(G, (E.node_digests, E.edge_digests))
    for n, name in names.items():
        if files.reuse(n, folder) is None:
            files.make(G, n, folder, lambda g: _note(g, n, name, names, folder))
    if index is not None and E is not None:
        save_pickle(index, files.kept())
    return folder


def _note(G: nx.MultiDiGraph, n: str, name: str, names: dict[str, str], folder: Path) -> Path:
    """The note of node ``n``, written under ``folder``."""

    def link(n: str) -> str:
        return f"[[{names[n]}]]" if n in names else G.nodes[n]["name"]

    def quote(cid: str) -> str:
        c = G.nodes[cid]
        doc = link(c["document"])
        when = f" [{c['timestamp']}]({c['url']})" if c.get("url") else (f" {c['timestamp']}" if c.get("timestamp") else "")
        mentions = [link(v) for _, v, e in G.out_edges(cid, data=True) if e["type"] == "MENTIONS" and v in names]
        text = f"> {c['text']}"  # the cleaned words: raw markup such as [[links]] would become vault links
        return f"{text}\n— {doc}{when}" + (f" · mentions {', '.join(mentions)}" if mentions else "") + "\n"

    d = G.nodes[n]
    front = {"type": d["type"], "id": n, "aliases": d.get("aliases") or []}
    for k in ("definition", "kind", "year", "authors", "path", "format", "show", "date", "url"):
        if d.get(k):
            front[k] = d[k]
    if d.get("roles"):
        front["roles"] = [item_text(r) for r in d["roles"]]
    lines = ["---"] + [f"{k}: {_yaml(v)}" for k, v in front.items()] + ["---", f"# {d['name']}", ""]
    if d.get("definition"):
        lines += [d["definition"], ""]
    rel_lines = []
    for u, v, e in G.out_edges(n, data=True):
        if e["type"] in ("AFFILIATED_WITH", "DEVELOPED_BY", "AUTHORED") and v in names:
            rel_lines.append(f"- {e['type'].replace('_', ' ').lower()} {link(v)}" + (f" ({e['role']})" if e.get("role") else ""))
    for u, v, e in G.in_edges(n, data=True):
        if e["type"] in ("AFFILIATED_WITH", "DEVELOPED_BY", "AUTHORED") and u in names:
            rel_lines.append(f"- {link(u)} {e['type'].replace('_', ' ').lower()} this")
    if rel_lines:
        lines += ["## Relations", *sorted(set(rel_lines)), ""]
    positions = []
    own = {n} | {v for _, v, e in G.out_edges(n, data=True) if e["type"] == "CLAIMS"}
    for src in own:
        for _, v, e in G.out_edges(src, data=True):
            if e["type"] in ("DISAGREES_WITH", "AGREES_WITH", "CITES"):
                target = G.nodes[v].get("speaker") if G.nodes[v]["type"] == "Claim" else v
                if target and target in names:
                    positions.append(f"- {e['type'].replace('_', ' ').lower()} {link(target)}: “{e.get('quote') or ''}”")
    if positions:
        lines += ["## Positions and citations", *sorted(set(positions)), ""]
    if d["type"] == "Document":
        speakers = sorted({u for u, _, e in G.in_edges(n, data=True) if e["type"] == "SPOKE_IN" and u in names},
                          key=lambda u: names[u])
        if speakers:
            lines += ["## Speakers", *(f"- {link(u)}" for u in speakers), ""]
        claims = sorted((u for u, _, e in G.in_edges(n, data=True) if e["type"] == "STATED_IN"),
                        key=lambda c: G.nodes[c]["start"])
        if claims:
            lines += [f"## Claims ({len(claims)})", ""]
            for c in claims:
                who, when = G.nodes[c].get("speaker"), G.nodes[c].get("timestamp")
                stamp = f"[{when}]({G.nodes[c]['url']}) " if G.nodes[c].get("url") else f"{when} " if when else ""
                lines.append(f"{stamp}{link(who) + ': ' if who else ''}{G.nodes[c]['text']}\n")
    elif d["type"] == "Person":
        claims = sorted(own - {n}, key=lambda c: (G.nodes[c]["document"], G.nodes[c]["start"]))
        if claims:
            lines += [f"## Claims ({len(claims)})", ""] + [quote(c) for c in claims]
    else:
        claims = sorted((u for u, _, e in G.in_edges(n, data=True) if e["type"] == "MENTIONS"),
                        key=lambda c: (G.nodes[c]["document"], G.nodes[c]["start"]))
        if claims:
            lines += [f"## Claims that mention it ({len(claims)})", ""]
            for c in claims:
                who = G.nodes[c].get("speaker")
                lines.append((f"{link(who)}:\n" if who else "") + quote(c))
        citers = [u for u, _, e in G.in_edges(n, data=True) if e["type"] == "CITES"]
        if citers:
            lines += ["## Cited by", *sorted({f"- {link(G.nodes[u].get('speaker') or u) if G.nodes[u]['type'] == 'Claim' else link(u) if u in names else G.nodes[u]['name']}" for u in citers}), ""]
    path = folder / f"{name}.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
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


def export(G: nx.MultiDiGraph, fmt: str, path: Path) -> Path:
    if fmt not in WRITERS:
        raise KeyError(f"unknown export format {fmt!r}; choose from {', '.join(FORMATS)}")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return WRITERS[fmt][1](G, path)


# The order in which two processes share the exports out: one takes formats from the front, the other
# from the back once its own work is done.  The front starts with the formats that need neither the
# element digests nor graph.json (so they run while graph.json is written), then goes from the
# longest to the shortest, so whoever finishes first waits for a short format at most.
SHARE_ORDER = ("obsidian", "neo4j-csv", "graphml", "gexf", "cypher", "cytoscape", "json")
NEEDS_DIGESTS = ("obsidian", "neo4j-csv", "graphml", "gexf", "cypher", "cytoscape")


class Shared:
    """The export formats handed out to two processes from both ends, each format once.

    >>> shared = Shared(multiprocessing.get_context("fork"))   # doctest: +SKIP
    >>> shared.front(), shared.back()                           # doctest: +SKIP
    ('obsidian', 'json')
    """

    def __init__(self, ctx):
        self.ends = ctx.Array("i", [0, len(SHARE_ORDER) - 1])

    def _take(self, front: bool) -> str | None:
        with self.ends.get_lock():
            lo, hi = self.ends[0], self.ends[1]
            if lo > hi:
                return None
            if front:
                self.ends[0] = lo + 1
                return SHARE_ORDER[lo]
            self.ends[1] = hi - 1
            return SHARE_ORDER[hi]

    def front(self) -> str | None:
        return self._take(True)

    def back(self) -> str | None:
        return self._take(False)


def write_all(G: nx.MultiDiGraph, folder: Path, previous: Path | None = None, cache: Path | None = None,
              graph_json: Path | None = None, take=None, digests=None) -> dict[str, Path]:
    """Every export under ``folder`` (or, with ``take``, each format it hands out until it says None).

    ``previous`` (the last build's exports) and ``cache`` (where the indexes of those files are kept)
    let the element-per-line formats copy the text of unchanged nodes and edges instead of formatting
    it again; ``graph_json``, the build's own ``graph.json``, is copied as the node-link export, and
    ``digests`` are the element digests its writer returned — or a function that waits for them,
    called only once a format needs them (``graph.json`` is complete when it returns).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    formats = iter(SHARE_ORDER)
    take = take or (lambda: next(formats, None))
    E = None  # digests and flattened attributes, shared by the writers that need them
    done: dict[str, Path] = {}
    while (fmt := take()) is not None:
        name, writer = WRITERS[fmt]
        path = folder / name
        if callable(digests) and (fmt in NEEDS_DIGESTS or fmt == "json"):
            digests = digests()
        if fmt in NEEDS_DIGESTS:
            E = E or Elements(G, digests)
            index = cache / f"{name}.index" if cache else None
            done[fmt] = writer(G, path, E, previous / name if previous else None, index)
        elif fmt == "json" and graph_json is not None:
            shutil.copyfile(graph_json, path)
            done[fmt] = path
        else:
            done[fmt] = export(G, fmt, path)
    return done


__all__ = ["FORMATS", "export", "write_all"]
