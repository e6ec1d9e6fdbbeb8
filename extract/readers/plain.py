"""Plain text: paragraphs; a list's items and unpunctuated speech's clauses are units of their own;
headings are sections.  What every document no family explains is read as."""

from __future__ import annotations

import re

from extract.readers.common import Para, clauses, clean, paragraphs, unpunctuated
from extract.readers.frontmatter import front_matter
from extract.records import DocumentMeta, ReadDocument, Turn

BULLET = re.compile(r"[ \t]*(?:[•*\-+–]|\d{1,2}[.)])[ \t]+")


def read_plain(text: str, meta: DocumentMeta) -> ReadDocument:
    """Paragraphs; a list's items are units of their own; headings are sections."""
    doc = ReadDocument(meta=meta, text=text)
    for p in paragraphs(text, front_matter(text)[1]):
        units = [p]
        if any(BULLET.match(text, s, e) for s, e in p.lines[1:]):
            units = [Para(s, e, text[s:e]) for s, e in p.lines]
        elif unpunctuated(p.text):
            units = [Para(s, e, text[s:e]) for s, e in clauses(text, p.start, p.end)]
        for u in units:
            body, tmap = clean(text, [(u.start, u.end)])
            if re.match(r"^#{1,6}\s", u.text) or not body.strip():
                continue
            doc.turns.append(Turn(index=len(doc.turns), kind="paragraph", text=body.strip(), tmap=tmap,
                                  pieces=[(u.start, u.end)], speaker=meta.authors[0] if len(meta.authors) == 1 else None))
    return doc
