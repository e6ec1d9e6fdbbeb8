"""The build cache: documents as read, the parses of their turns, and the "nothing changed" check.

Two kinds of entries live in ``.out-cache`` beside ``out/`` (Python pickles this program writes
into its own folder): each file as its reader left it, keyed by the file's bytes and the code's
digest, and each document's parse (:class:`extract.parser.TurnAnalysis` per turn), keyed by the
parser.  Rebuilding after an edit re-reads and re-parses only the changed files; everything
after the parse runs again over the whole corpus, so results never depend on what was cached.
An entry that does not load is ignored and made again; entries a build did not use are pruned.

``out/manifest.json`` keeps the digest of the inputs, options and code of the build that wrote
``out/``: when nothing changed, the build is skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

from extract.readers import META_SUFFIX, read_path
from extract.records import ReadDocument

CODE_DIRS = ("extract", "graph")
FORMAT = b"claimgraph-cache-1\n"  # bump when what an entry holds changes
SUFFIXES = (".analysis", ".doc")


def digest(*parts: str | bytes) -> str:
    """The one digest of the cache: of texts or bytes, in order."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()[:32]


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Of the code and rules that make ``out/``: a change to any of them means a full rebuild."""
    root = Path(__file__).resolve().parent.parent
    files = sorted(f for d in CODE_DIRS for f in (root / d).rglob("*")
                   if f.is_file() and f.suffix in (".py", ".yml", ".json", ".html", ".js", ".css", ".cypher"))
    return digest(*(part for f in files for part in (f.relative_to(root).as_posix(), f.read_bytes())))


def _file_bytes(f: Path) -> bytes:
    try:
        return f.read_bytes()
    except OSError:
        return b"-"


def input_digest(files: list[tuple[Path, str]], options: dict) -> str:
    """Of every input file (and its sidecar) with the path shown for it, the options and the code:
    equal digests, equal ``out/``.  ``files``: (path, shown path)."""
    parts: list[str | bytes] = [json.dumps(options, sort_keys=True), code_digest()]
    for f, shown in files:
        parts += [shown, _file_bytes(f), _file_bytes(f.with_name(f.stem + META_SUFFIX))]
    return digest(*parts)


def _store(p: Path, value) -> None:
    """Pickle ``value`` into ``p``, which appears only once completely written."""
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp.", dir=p.parent)
    with os.fdopen(fd, "wb") as f:
        f.write(FORMAT)
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, p)


def _load(p: Path):
    """What :func:`_store` put in ``p``; None when absent, of another format or damaged."""
    try:
        data = p.read_bytes()
        return pickle.loads(data[len(FORMAT):]) if data.startswith(FORMAT) else None
    except Exception:
        return None


class Cache:
    """The cache folder (None: no cache), and the entries this build used (the others are pruned)."""

    def __init__(self, folder: Path | None, version: str = ""):
        self.folder = Path(folder) if folder else None
        self.version = version  # of the code that reads documents
        self.used: set[Path] = set()

    def _entry(self, kind: str, key: str, suffix: str) -> Path | None:
        if self.folder is None:
            return None
        p = self.folder / kind / key[:2] / f"{key}{suffix}"
        self.used.add(p)
        return p

    def read(self, path: Path, shown: str) -> ReadDocument:
        """``read_path(path, shown)``, from the cache when the file and its sidecar have not changed."""
        if self.folder is None:
            return read_path(path, display=shown)
        try:
            raw = [p.read_bytes() if p.exists() else b"-" for p in (path, path.with_name(path.stem + META_SUFFIX))]
        except OSError:
            return read_path(path, display=shown)  # the reader says what is wrong with the file
        p = self._entry("read", digest(self.version, shown, *raw), ".doc")
        doc = _load(p)
        if doc is None:
            doc = read_path(path, display=shown)
            _store(p, doc)
        return doc

    def get(self, key: str) -> list | None:
        """A document's parse (see :class:`extract.parser.AnalysisCache`)."""
        p = self._entry("parse", key, ".analysis")
        return _load(p) if p is not None else None

    def put(self, key: str, analyses: list) -> None:
        p = self._entry("parse", key, ".analysis")
        if p is not None:
            _store(p, analyses)

    def prune(self) -> int:
        """Remove the entries this build did not use (older versions of files, files gone from the
        corpus); returns how many."""
        if self.folder is None or not self.folder.is_dir():
            return 0
        keep = {str(p) for p in self.used}
        n = 0
        for root, _, names in os.walk(self.folder):
            for name in names:
                p = os.path.join(root, name)
                if os.path.splitext(name)[1] in SUFFIXES and p not in keep:
                    Path(p).unlink(missing_ok=True)
                    n += 1
        return n


def usable(folder: Path) -> tuple[Path | None, str | None]:
    """(``folder``, None) when the cache can be written there; else (None, why)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder):
            pass
    except OSError as e:
        return None, f"{folder}: cannot write the cache ({e.strerror or e}); building without it"
    return folder, None
