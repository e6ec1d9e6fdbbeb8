"""The build cache: each document as read, the analysis of its turns (:mod:`extract.analysis`), and
its share of the claims and relations, kept between builds.

A document's analyses are stored in one file named by a key made of the
document's content hash, the curated rules' digest, the reader and pipeline
versions, with a digest of each turn's text.  Rebuilding an unchanged corpus parses
nothing; changing one document re-parses only the turns of it that are not in its last
cached version (a turn's analysis depends on its text alone).  A document's claims and
relations are reused only after the same knowledge base (see :class:`Chain`); what
depends on the whole corpus at once (names learned from other documents found again in
every claim, restatements between documents) is recomputed every build, so results
never depend on what happened to be cached.

The files are Python pickles written by this program into its own cache folder
(``.out-cache`` beside ``out/``); a file that does not load, or was made from
other turn texts, is ignored and the document parsed again.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import lru_cache
from pathlib import Path

READER_VERSION = "1"  # bump when a reader changes how it turns text into turns
FORMAT = b"claimgraph-analysis-3\n"  # bump when TurnAnalysis or what is stored with it changes
SHARE_FORMAT = b"claimgraph-share-1\n"  # a document's share of a stage (see Chain)


def digest(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()[:32]


def key(text: str, rules_digest: str, pipeline: str) -> str:
    return digest(text, rules_digest, pipeline, READER_VERSION)


@lru_cache(maxsize=None)
def source_digest(*files: Path) -> str:
    """Digest of some source files, for cache keys: what other code made is never reused."""
    h = hashlib.sha256()
    for f in files:
        h.update(Path(f).read_bytes())
    return h.hexdigest()[:16]


def _texts_digest(texts: list[str]) -> bytes:
    h = hashlib.sha1()
    for t in texts:
        h.update(t.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.digest()


def _turn_digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _store(p: Path, *parts) -> None:
    """Pickle ``parts`` into ``p``, which appears only once completely written.  A ``bytes`` part is
    written as it is (a format header)."""
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp.", dir=p.parent)
    with os.fdopen(fd, "wb") as f:
        for part in parts:
            if isinstance(part, bytes):
                f.write(part)
            else:
                pickle.dump(part, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, p)


def _load(p: Path, header: bytes = b""):
    """What :func:`_store` put in ``p`` after ``header``; None when the file is absent, of another
    format or damaged."""
    try:
        data = p.read_bytes()
        return pickle.loads(data[len(header):]) if data.startswith(header) else None
    except Exception:
        return None


CACHED_SUFFIXES = (".analysis", ".doc", ".spacy", ".claims", ".relations", ".last")


def prune(folder: Path | None, used: set[Path]) -> int:
    """Remove the cached documents and analyses this build did not use (older versions of files,
    files no longer in the corpus); returns how many were removed."""
    if folder is None or not Path(folder).is_dir():
        return 0
    keep = {str(p) for p in used}
    n = 0
    for root, _, names in os.walk(Path(folder)):  # (a tenth of the time of Path.rglob and Path lookups)
        for name in names:
            p = os.path.join(root, name)
            if os.path.splitext(name)[1] in CACHED_SUFFIXES and p not in keep:
                Path(p).unlink(missing_ok=True)
                n += 1
    return n


class ParseCache:
    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder else None
        self.hits = 0
        self.used: set[Path] = set()

    def _path(self, k: str) -> Path:
        assert self.folder is not None
        return self.folder / k[:2] / f"{k}.analysis"

    def get(self, k: str, texts: list[str], path: str | None = None, version: str = "") -> list | None:
        """The cached analyses, or None when absent, unreadable, or not of these exact texts.  With
        the document's ``path``, its record as the latest version is kept too (see :meth:`previous`)."""
        if self.folder is None:
            return None
        self.used.add(self._path(k))
        if path is not None:
            self.used.add(self._last(path, version))
        try:
            texts_digest, _, analyses = _load(self._path(k), FORMAT)
        except (TypeError, ValueError):  # nothing there (None), or not what put() stores
            return None
        if texts_digest != _texts_digest(texts) or len(analyses) != len(texts):
            return None
        self.hits += 1
        return analyses

    def put(self, k: str, texts: list[str], analyses: list, path: str | None = None, version: str = "") -> None:
        """Keep the analyses of a document's turns; with its ``path`` (and the ``version`` of the
        parse), also as the latest of that document, for :meth:`previous`."""
        if self.folder is not None:
            _store(self._path(k), FORMAT, (_texts_digest(texts), [_turn_digest(t) for t in texts], analyses))
            if path is not None:
                last = self._last(path, version)
                _store(last, k)
                self.used.add(last)

    def _last(self, path: str, version: str) -> Path:
        assert self.folder is not None
        name = digest(path, version)
        return self.folder / name[:2] / f"{name}.last"

    def previous(self, path: str, version: str, texts: list[str]) -> list:
        """For each of ``texts``, its analysis in the latest cached version of the document at
        ``path`` parsed by this ``version`` (the turns an edit left alone), else None."""
        if self.folder is None:
            return [None] * len(texts)
        last = self._last(path, version)
        self.used.add(last)
        k = _load(last)
        stored = _load(self._path(k), FORMAT) if isinstance(k, str) else None
        try:
            _, digests, analyses = stored
            by_text = dict(zip(digests, analyses))
        except (TypeError, ValueError):
            return [None] * len(texts)
        return [by_text.get(_turn_digest(t)) for t in texts]


class ReadCache:
    """Documents as their reader left them, kept between builds by the bytes of the file and of its
    sidecar, the path shown for it and the version of the code: an unchanged file is not read again."""

    def __init__(self, folder: Path | None, version: str):
        self.folder = Path(folder) if folder else None
        self.version = version
        self.used: set[Path] = set()

    def read(self, path: Path, display: str):
        """``read_path(path, display)``, from the cache when the file has not changed."""
        from extract.readers import META_SUFFIX, read_path

        if self.folder is None:
            return read_path(path, display=display)
        h = hashlib.sha256(f"{self.version}\0{display}\0".encode())
        try:
            for p in (path, path.with_name(path.stem + META_SUFFIX)):
                h.update(p.read_bytes() if p.exists() else b"-")
                h.update(b"\0")
        except OSError:
            return read_path(path, display=display)  # the reader says what is wrong with the file
        k = h.hexdigest()[:32]
        p = self.folder / "read" / k[:2] / f"{k}.doc"
        self.used.add(p)
        doc = _load(p)
        if doc is not None:
            return doc
        doc = read_path(path, display=display)
        _store(p, doc)
        return doc


class Chain:
    """Each document's share of a stage that runs over the documents in order, kept between builds.

    Such a stage (claims, then relations) reads the knowledge base and may add to it
    (a system named by a pattern, a work a citation names), so what it makes of one
    document can depend on every document before it.  The key of a share is therefore
    the document's own digest chained to the state of the knowledge base: the digest of
    the base as the stage found it, then, document after document, of the changes each
    one made (the base logs them).  A share found in the cache is replayed, its changes
    made again, and the chain goes on exactly as if it had been computed.  Changing one
    document recomputes its share, and the shares after it only when its changes to the
    base differ (a new name, a new work).
    """

    def __init__(self, folder: Path | None, suffix: str, kb, start: str):
        self.folder = Path(folder) if folder else None
        self.suffix, self.kb, self.state = suffix, kb, start
        self.hits = self.misses = 0
        self.used: set[Path] = set()

    def share(self, parts: tuple[str, ...], compute, apply) -> str:
        """One document's share: ``compute()`` makes it (what the cache keeps, without touching the
        extraction), ``apply(value)`` adds it to the extraction.  Returns the share's key."""
        k = digest(self.state, *parts)
        p = self.folder / k[:2] / f"{k}{self.suffix}" if self.folder else None
        found = None
        if p is not None:
            self.used.add(p)
            found = _load(p, SHARE_FORMAT)
        if found is None:  # not cached (or damaged): compute it
            self.kb.log = []
            try:
                value = compute()
            finally:
                log, self.kb.log = self.kb.log, None
            if p is not None:
                _store(p, SHARE_FORMAT, (log, value))
            self.misses += 1
        else:
            log, value = found
            self.kb.replay(log)
            self.hits += 1
        apply(value)
        self.state = digest(self.state, repr(log))
        return k
