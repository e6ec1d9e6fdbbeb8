"""The parse cache: spaCy's analysis of each document, kept between builds.

A document's parsed turns are stored as one ``DocBin`` file named by a key
made of the document's content hash, the curated rules' digest, the reader and
pipeline versions.  Rebuilding an unchanged corpus parses nothing; changing one
document re-parses only that one.  What depends on the whole corpus (entities
learned from other documents, resolution, relations) is recomputed every build
from the cached parses, so results never depend on what happened to be cached.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

READER_VERSION = "1"  # bump when a reader changes how it turns text into turns


def key(text: str, rules_digest: str, pipeline: str) -> str:
    h = hashlib.sha256()
    for part in (text, rules_digest, pipeline, READER_VERSION):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()[:32]


class ParseCache:
    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder else None
        self.hits = 0
        self.misses = 0

    def _path(self, k: str) -> Path:
        assert self.folder is not None
        return self.folder / k[:2] / f"{k}.spacy"

    def get(self, k: str, vocab: Vocab, texts: list[str]) -> list[Doc] | None:
        """The cached parses, or None when absent, unreadable, or not of these exact texts."""
        if self.folder is None:
            return None
        p = self._path(k)
        try:
            docs = list(DocBin().from_bytes(p.read_bytes()).get_docs(vocab))
        except (OSError, ValueError, KeyError):
            self.misses += 1
            return None
        if [d.text for d in docs] != texts:
            self.misses += 1
            return None
        self.hits += 1
        return docs

    def put(self, k: str, docs: list[Doc]) -> None:
        if self.folder is None:
            return
        p = self._path(k)
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp.", dir=p.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(DocBin(docs=docs).to_bytes())
        os.replace(tmp, p)
