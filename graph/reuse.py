"""Output files kept from the last build when what they were made from is unchanged.

A page of the views or a note of the Obsidian vault is made from a few nodes of the
graph and their edges.  While it is made, the graph it is handed (:class:`Reads`)
notes what it reads: the attributes of a node, the edges into or out of a node, or
everything (a walk over all nodes or edges).  The digest of those reads — from the
digests of the elements' ``graph.json`` lines — is kept with the file.  In the next
build, the same reads giving the same digest mean the file would come out the same,
so the last build's file is linked into the new output instead of being made again
(when it is still the file that build wrote: same size and modification time).  A
file made by walking the whole graph is always made again.

>>> files = Files(load_pickle(record), previous=out / "views", salt=b"code")    # doctest: +SKIP
>>> files.digests(G, digests)                                                  # doctest: +SKIP
>>> files.reuse(key, folder) or files.make(G, key, folder, lambda g: write(g)) # doctest: +SKIP
>>> save_pickle(record, files.kept())                                          # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from typing import Any, Callable, Hashable

import networkx as nx

from graph.output import edge_list


class Reads:
    """The graph as one file reads it, noting what it reads.  Only the calls the writers make are
    offered, so a writer that reads the graph some other way fails instead of going unnoted."""

    def __init__(self, G: nx.MultiDiGraph):
        self._G = G
        self.attrs: dict[str, None] = {}  # nodes whose attributes were read, in order
        self.into: dict[str, None] = {}  # nodes whose incoming edges were read
        self.out: dict[str, None] = {}  # nodes whose outgoing edges were read
        self.everything = False
        self.nodes = _NodeReads(self)

    def in_edges(self, n: str, **kw):
        self.into[n] = None
        return self._G.in_edges(n, **kw)

    def out_edges(self, n: str, **kw):
        self.out[n] = None
        return self._G.out_edges(n, **kw)

    def edges(self, *args, **kw):
        self.everything = True
        return self._G.edges(*args, **kw)

    def edge_list(self) -> list[tuple[str, str, str, dict]]:
        """Every edge, as :func:`graph.output.edge_list` gives them."""
        self.everything = True
        return edge_list(self._G)


class _NodeReads:
    def __init__(self, reads: Reads):
        self._reads, self._nodes = reads, reads._G.nodes

    def __getitem__(self, n: str) -> dict:
        self._reads.attrs[n] = None
        return self._nodes[n]

    def __call__(self, *args, **kw):
        self._reads.everything = True
        return self._nodes(*args, **kw)

    def __iter__(self):
        self._reads.everything = True
        return iter(self._nodes)


_LAST: list = []  # the last graph's digests (see _by_element), shared by the sets of files of a process


def _edges_hash(parts: list[bytes]) -> bytes:
    return hashlib.blake2b(b"".join(parts), digest_size=16).digest()


def _by_element(G: nx.MultiDiGraph, digests: tuple[list[bytes], list[bytes]]) -> tuple[dict, dict, dict, dict]:
    """Each node's digest by node id; each edge's by key (keys are unique in the whole graph: they
    hash the edge's type and ends); the digest of each node's outgoing edges, in the graph's order,
    by node id (nodes without any left out), from one walk over the edges, which come grouped by
    source node in the order ``G.out_edges(n)`` gives them; and an empty memo for the digests of
    nodes' incoming edges.  The sets of files of a process share them."""
    nodes, edges = digests
    if not (_LAST and _LAST[0] is G and _LAST[1] is nodes and _LAST[2] is edges):
        by_key: dict[str, bytes] = {}
        out: dict[str, bytes] = {}
        last, parts = None, []
        for (u, _, k, _), d in zip(edge_list(G), edges):
            by_key[k] = d
            if u != last:
                if parts:
                    out[last] = _edges_hash(parts)
                last, parts = u, []
            parts.append(d)
        if parts:
            out[last] = _edges_hash(parts)
        _LAST[:] = [G, nodes, edges, dict(zip(G.nodes, nodes)), by_key, out, {}]
    return _LAST[3], _LAST[4], _LAST[5], _LAST[6]


def forget() -> None:
    """Let go of the last graph's digests (the build calls it once its files are written)."""
    _LAST.clear()


class Files:
    """Files made from the graph, each kept with what it read (see the module's doc).

    ``kept`` is what :meth:`kept` gave in the last build (None: nothing), ``previous`` the folder
    of the last build's files, ``salt`` what else the files depend on (the code that makes them,
    a map of names, …): a different salt reuses nothing.  Keys are any picklable values naming
    a file (a page's kind and node, a note's node).  With ``note=False`` nothing is noted and
    nothing reused (a build without a cache).
    """

    def __init__(self, kept: dict | None = None, previous: Path | None = None, salt: bytes = b"",
                 note: bool = True):
        self.note = note
        self.previous = previous if note else None
        self.salt = salt
        kept = kept if isinstance(kept, dict) and kept.get("salt") == salt else {}
        self.old: dict[Hashable, tuple] = kept.get("files", {})  # key → (reads, digest, file, size, mtime ns, note)
        self.new: dict[Hashable, tuple] = {}
        self.reused: set = set()
        self._graph: nx.MultiDiGraph | None = None
        self._digests: Any = None
        self._by_node: dict[str, bytes] = {}
        self._by_key: dict[str, bytes] = {}  # edge key → digest
        self._into: dict[str, bytes] = {}  # node → digest of its incoming edges, as they are asked for
        self._out: dict[str, bytes] = {}  # node → digest of its outgoing edges

    def digests(self, G: nx.MultiDiGraph, digests) -> None:
        """The element digests of ``G`` (as :func:`graph.output.write_graph_json` returns them, or a
        function giving them when first needed): without them nothing is reused or noted."""
        self._graph, self._digests = G, digests

    def _on(self) -> bool:
        return self.note and self._digests is not None

    def _digest(self, reads: tuple) -> bytes | None:
        """Digest of what ``reads`` (attributes, incoming, outgoing: node lists) find in the graph.

        Only the values read are hashed, in the order of the reads: two digests are only ever
        compared for the same reads, so the node ids need not be."""
        if callable(self._digests):
            self._digests = self._digests()
        G = self._graph
        if not self._by_node:
            self._by_node, self._by_key, self._out, self._into = _by_element(G, self._digests)
        attrs, into, out = reads
        absent = bytes(len(next(iter(self._by_node.values()), b"")))
        into_, out_ = self._into, self._out
        try:
            into_d = [into_[n] if n in into_ else self._edges_digest(into_, False, n) for n in into]
            out_d = [out_[n] if n in out_ else self._edges_digest(out_, True, n) for n in out]
        except KeyError:  # a node no longer in the graph
            return None
        by_node = self._by_node
        return hashlib.blake2b(b"".join([self.salt, *(by_node.get(n, absent) for n in attrs), *into_d, *out_d]),
                               digest_size=16).digest()

    def _edges_digest(self, memo: dict[str, bytes], outgoing: bool, n: str) -> bytes:
        """Digest of the edges out of (or into) ``n``, in the graph's order (as ``G.out_edges(n)`` and
        ``G.in_edges(n)`` give them), kept in ``memo``: files read the same nodes' edges over and over."""
        G, by_key = self._graph, self._by_key
        if n not in G:
            raise KeyError(n)
        adjacent = G.succ[n] if outgoing else G.pred[n]
        d = memo[n] = _edges_hash([by_key[k] for keys in adjacent.values() for k in keys])
        return d

    def reuse(self, key: Hashable, folder: Path) -> tuple[Path, Any] | None:
        """(the file of ``key`` put in ``folder`` from the last build, what was noted with it) when
        what it read is unchanged; None when it has to be made."""
        old = self.old.get(key)
        if old is None or self.previous is None or not self._on():
            return None
        reads, digest, name, size, mtime, note = old
        source = self.previous / name
        try:
            st = source.stat()
        except OSError:
            return None
        if (st.st_size, st.st_mtime_ns) != (size, mtime) or self._digest(reads) != digest:
            return None
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, path)  # the old output is removed once the new one is in place
        except OSError:
            shutil.copyfile(source, path)
        st = path.stat()
        self.new[key] = (reads, digest, name, st.st_size, st.st_mtime_ns, note)
        self.reused.add(key)
        return path, note

    def make(self, G: nx.MultiDiGraph, key: Hashable, folder: Path, make: Callable[[Any], Path],
             note: Callable[[], Any] = lambda: None) -> Path:
        """``make(graph)`` writes the file of ``key`` under ``folder`` and returns its path; what it
        reads of the graph is noted for the next build, with ``note()`` (asked once it is made)."""
        if not self._on():
            return make(G)
        R = Reads(G)
        path = make(R)
        if not R.everything:
            reads = (tuple(R.attrs), tuple(R.into), tuple(R.out))
            digest = self._digest(reads)
            if digest is not None:
                st = path.stat()
                self.new[key] = (reads, digest, path.relative_to(folder).as_posix(), st.st_size, st.st_mtime_ns,
                                 note())
        return path

    def kept(self) -> dict:
        """This build's files and what they read, for the next build (and which were reused)."""
        return {"salt": self.salt, "files": self.new, "reused": self.reused}

    def absorb(self, kept: dict) -> None:
        """Add what another process making files of the same set kept (its :meth:`kept`)."""
        self.new.update(kept["files"])
        self.reused |= kept["reused"]
