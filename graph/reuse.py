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

>>> files = Files(load(record), previous=out / "views", salt=b"code")           # doctest: +SKIP
>>> files.digests(G, digests)                                                  # doctest: +SKIP
>>> files.reuse(key, folder) or files.make(G, key, folder, lambda g: write(g)) # doctest: +SKIP
>>> save(record, files.kept())                                                 # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from pathlib import Path
from typing import Any, Callable, Hashable

import networkx as nx


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


def load(path: Path | None) -> Any:
    """What :func:`save` kept at ``path``; None when there is nothing, or nothing readable."""
    try:
        return pickle.loads(Path(path).read_bytes()) if path else None
    except Exception:  # absent or damaged: it only costs what it held
        return None


def save(path: Path, value: Any) -> None:
    from graph.output import atomic_write

    with atomic_write(path, binary=True) as f:
        f.write(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


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
        self._by_edge: dict[tuple, bytes] = {}
        self._adjacent: dict[tuple[bytes, str], bytes] = {}  # (side, node) → digest of its edges

    def digests(self, G: nx.MultiDiGraph, digests) -> None:
        """The element digests of ``G`` (as :func:`graph.output.write_graph_json` returns them, or a
        function giving them when first needed): without them nothing is reused or noted."""
        self._graph, self._digests = G, digests

    def _on(self) -> bool:
        return self.note and self._digests is not None

    def _digest(self, reads: tuple) -> bytes | None:
        """Digest of what ``reads`` (attributes, incoming, outgoing: node lists) find in the graph."""
        if callable(self._digests):
            self._digests = self._digests()
        G = self._graph
        if not self._by_node:
            nodes, edges = self._digests
            self._by_node = dict(zip(G.nodes, nodes))
            self._by_edge = dict(zip(G.edges(keys=True), edges))
        by_node, adjacent = self._by_node, self._adjacent
        attrs, into, out = reads
        h = hashlib.blake2b(self.salt, digest_size=16)
        for n in attrs:
            h.update(b"\0n" + n.encode() + by_node.get(n, b"-"))
        for side, ns in ((b"\0i", into), (b"\0o", out)):
            for n in ns:
                d = adjacent.get((side, n))
                if d is None:
                    if n not in G:
                        return None
                    d = adjacent[(side, n)] = self._edges_digest(side, n)
                h.update(side + n.encode() + d)
        return h.digest()

    def _edges_digest(self, side: bytes, n: str) -> bytes:
        """Digest of the edges into or out of ``n`` (by ``side``), in the graph's order: files read
        the same nodes' edges over and over, and each is digested once per build."""
        by_edge = self._by_edge
        h = hashlib.blake2b(digest_size=16)
        for e in (self._graph.in_edges if side == b"\0i" else self._graph.out_edges)(n, keys=True):
            h.update(by_edge[e])
        return h.digest()

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
