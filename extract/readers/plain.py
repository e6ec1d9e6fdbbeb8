"""Plain text: paragraphs; a list's items and unpunctuated speech's clauses are units of their own;
Markdown headings are the sections of what follows them, and a list of chapters ("02:15 Is there a data
wall?") is no text.  What every document no family explains is read as."""

from __future__ import annotations

import re

from extract.readers.common import Para, clauses, clean, paragraphs, unpunctuated
from extract.readers.frontmatter import front_matter
from extract.records import Block, DocumentMeta, ReadDocument, Turn

HEADING = re.compile(r"#{1,6}[ \t]+(?P<title>[^\n]*?)[ \t#]*(?:\n|$)")
CHAPTER = re.compile(r"[ \t]*[(\[]?\d{1,2}(?::\d{2}){1,2}[)\]]?[ \t]*[-–—:]?[ \t]*\S")  # "02:15 Is there a data wall?"
# an interview's "Q:" and "A:" (both in one document: "A. Smith wrote" alone is a name) name no one
MARKER = re.compile(r"[ \t]*(?P<which>Q|A|Question|Answer)[.:][ \t]+(?=\S)")
BULLET = re.compile(r"[ \t]*(?:[•*\-+–]|\d{1,2}[.)])[ \t]+")


def read_plain(text: str, meta: DocumentMeta) -> ReadDocument:
    """Paragraphs; a list's items are units of their own; headings are sections."""
    doc = ReadDocument(meta=meta, text=text)
    section = None
    paras = paragraphs(text, front_matter(text)[1])
    asked = {m.group("which")[0] for p in paras if (m := MARKER.match(p.text))} == {"Q", "A"}
    for p in paras:
        heading = HEADING.match(p.text)
        if heading:  # "## Outlook" is the section of what follows, on the lines below it or in the next paragraphs
            section = heading.group("title")
            if len(p.lines) == 1:
                continue
            p = Para(p.lines[1][0], p.end, text[p.lines[1][0]:p.end])
        units = [p]
        chapters = [(s, e) for s, e in p.lines if CHAPTER.match(text, s, e)]
        if chapters:
            doc.blocks.extend(Block("chapter", text[s:e], s, e) for s, e in chapters)
            units = [Para(s, e, text[s:e]) for s, e in p.lines if (s, e) not in chapters]
        elif any(BULLET.match(text, s, e) for s, e in p.lines[1:]):
            items = [(m.end() if (m := BULLET.match(text, s, e)) else s, e) for s, e in p.lines]  # "- " is no word
            units = [Para(s, e, text[s:e]) for s, e in items if e > s]
        elif unpunctuated(p.text):
            units = [Para(s, e, text[s:e]) for s, e in clauses(text, p.start, p.end)]
        for u in units:
            if asked and (marker := MARKER.match(text, u.start, u.end)):
                u = Para(marker.end(), u.end, text[marker.end():u.end])
            body, tmap = clean(text, [(u.start, u.end)])
            if not body.strip():
                continue
            doc.turns.append(Turn(index=len(doc.turns), kind="paragraph", text=body.strip(), tmap=tmap, section=section,
                                  pieces=[(u.start, u.end)], speaker=meta.authors[0] if len(meta.authors) == 1 else None))
    return doc
