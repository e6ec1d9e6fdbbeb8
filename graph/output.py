"""Writing ``out/`` atomically and safely, and reading ``graph.json`` back.

A build writes everything into a fresh staging folder beside ``out/`` and
swaps it in with two renames only when all of it was written, so a failed or
killed build leaves the previous ``out/`` as it was.  ``out/`` must be ours: a
folder a previous build wrote (its ``manifest.json`` says so), an empty folder
or a new one; anything else is refused before a byte is written
(:func:`check_out`).  One build at a time holds a lock beside it (:func:`locked`).
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, TextIO

import networkx as nx
import orjson

from graph.interrupt import stop_requested

GRAPH_FILE = "graph.json"
MANIFEST = "manifest.json"
MARK = "claimgraph"  # the key of manifest.json that says a folder is a claimgraph output


class OutputError(ValueError):
    """An output folder we must not write; ``str()`` is one line naming it and the reason."""


def is_ours(out: Path) -> bool:
    """Whether ``out`` is a folder a claimgraph build wrote (its manifest says so)."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and (MARK in data or {"digest", "report"} <= set(data))


def check_out(out: Path, inputs: list[Path]) -> None:
    """Refuse an ``out`` that is not ours to replace: ``/``, the home folder, a file, a folder with
    someone else's files, or one that holds or lies inside an input.  Raises :class:`OutputError`."""
    target = Path(out).expanduser().resolve()
    shown = str(out)
    if target == Path(target.anchor):
        raise OutputError(f"--out {shown}: is the root folder; choose a folder of its own, e.g. --out out")
    if target == Path.home().resolve():
        raise OutputError(f"--out {shown}: is your home folder; choose a folder of its own, e.g. --out out")
    if target.exists() and not target.is_dir():
        raise OutputError(f"--out {shown}: is a file, not a folder; nothing was written")
    for raw in inputs:
        src = Path(raw).expanduser().resolve()
        if target == src or target in src.parents:
            raise OutputError(f"--out {shown}: holds the input {raw}; write the output somewhere else")
        if src in target.parents:
            raise OutputError(f"--out {shown}: lies inside the input {raw}; write the output somewhere else")
    if target.is_dir() and any(target.iterdir()) and not is_ours(target):
        raise OutputError(f"--out {shown}: exists and is not a claimgraph output (no manifest.json of ours); "
                          "choose another folder or empty it yourself")


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the lock of ``out`` (a file ``.<name>.lock`` beside it) for a whole build.

    A second build of the same ``out`` fails at once with a one-line error.  The lock goes with
    the process that holds it, so a killed build leaves nothing that blocks the next one."""
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    path = out.with_name(f".{out.name}.lock")
    with open(path, "a+") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.EACCES):
                raise
            f.seek(0)
            holder = f.read().strip() or "another process"
            raise OutputError(f"--out {out}: another build is writing it ({holder}); wait for it to finish") from None
        f.seek(0)
        f.truncate()
        f.write(f"pid {os.getpid()}")
        f.flush()
        try:
            yield
        finally:
            f.seek(0)
            f.truncate()


def graph_from_json(data: dict) -> nx.MultiDiGraph:
    return nx.node_link_graph(data, edges="edges", directed=True, multigraph=True)


@contextmanager
def atomic_write(path: Path, binary: bool = False) -> Iterator[TextIO]:
    """A file that appears at ``path`` only once completely written (temp file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with (os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8")) as f:
            yield f
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def dumps(value) -> bytes:
    """Compact JSON as UTF-8 bytes, by orjson (what it cannot encode, such as an integer beyond 64
    bits, by the standard library, to the same compact form); anything else as its ``str``."""
    try:
        return orjson.dumps(value, default=str)
    except orjson.JSONEncodeError:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


def write_graph_json(path: Path, G: nx.MultiDiGraph) -> Path:
    """``graph.json``: node-link, as ``nx.node_link_data(G, edges="edges")`` gives it, in compact JSON with
    one element per line (streamed, so a large graph is not copied into one big dict first)."""
    with atomic_write(path, binary=True) as f:
        f.write(b'{"directed":true,"multigraph":true,"graph":' + dumps(G.graph) + b',\n"nodes":[\n')
        f.write(b",\n".join(dumps({**d, "id": n}) for n, d in G.nodes(data=True)))
        f.write(b'\n],\n"edges":[\n')
        f.write(b",\n".join(dumps({**d, "source": u, "target": v, "key": k})
                            for u, v, k, d in G.edges(keys=True, data=True)))
        f.write(b"\n]}\n")
    return path


def write_json(path: Path, data) -> None:
    """Write JSON to ``path`` atomically."""
    with atomic_write(path) as f:
        json.dump(data, f, ensure_ascii=False, indent=1, default=str)
        f.write("\n")


def load_graph(out: Path) -> nx.MultiDiGraph:
    path = Path(out) / GRAPH_FILE
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist: run `claimgraph build` first")
    return graph_from_json(orjson.loads(path.read_bytes()))


@contextmanager
def staged_output(out: Path) -> Iterator[Path]:
    """Yield a staging folder; on success it replaces ``out`` in one step, on failure it is removed."""
    out = Path(out).resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{out.name}.building.", dir=out.parent))
    os.chmod(stage, 0o755)
    try:
        yield stage
        if stop_requested():  # interrupted, though the interrupt itself may have been lost
            raise KeyboardInterrupt
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    old = out.with_name(f".{out.name}.old.{os.getpid()}")
    if out.exists():
        if not (is_ours(out) or not any(out.iterdir())):
            shutil.rmtree(stage, ignore_errors=True)
            raise OutputError(f"{out}: became something other than a claimgraph output during the build; left as it is")
        os.replace(out, old)
    os.replace(stage, out)
    shutil.rmtree(old, ignore_errors=True)


def clean_stale(out: Path) -> None:
    """Remove staging folders that a killed build left behind (called under :func:`locked`, so
    their owner is gone)."""
    out = Path(out).resolve()
    for p in out.parent.glob(f".{out.name}.building.*"):
        shutil.rmtree(p, ignore_errors=True)
    for p in out.parent.glob(f".{out.name}.old.*"):
        if not out.exists():
            os.replace(p, out)  # killed between the two renames: put the old output back
        else:
            shutil.rmtree(p, ignore_errors=True)
