"""Wiki-style episode summaries in Markdown.

YAML front matter (``title``, ``videoId``), ``[[page]]`` and ``[[page | label]]``
links, ``<a class="yt-timestamp" data-t="HH:MM:SS">`` anchors and ``#`` headings.
Each run of text up to a group of anchors becomes one summary unit timed by
the first anchor of the group; headings become sections.
"""

from __future__ import annotations

import re

from extract.readers.common import clean, normalize_timestamp, paragraphs
from extract.readers.frontmatter import front_matter
from extract.records import Block, DocumentMeta, ReadDocument, Turn, WikiLink
from extract.textmap import strip_span

HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<title>.+?)[ \t#]*$", re.M)
ANCHOR = re.compile(r"<a class=\"yt-timestamp\"[^>]*?data-t=\"(?P<t>[^\"]+)\"[^>]*>.*?</a>")
ANCHOR_RUN = re.compile(rf"(?:[ \t]*{ANCHOR.pattern})+")
LINK = re.compile(r"\[\[(?P<page>[^\]|\n]+?)(?:\s*\|\s*(?P<label>[^\]\n]+?))?\s*\]\]")
BULLET = re.compile(r"[ \t]*(?:[*\-+]|\d+\.)[ \t]+(?:\*\*(?P<label>[^*\n]+?)\*\*:?[ \t]*)?")
SOURCE_LINE = re.compile(r"From:\s*", re.I)


def looks_like_wiki(text: str, start: int = 0) -> float:
    """Share of the paragraphs that carry a wiki link or a timestamp anchor."""
    paras = paragraphs(text, start)
    marked = sum(1 for p in paras if "[[" in p.text and LINK.search(p.text) or "yt-timestamp" in p.text)
    return min(1.0, 2 * marked / max(1, len(paras))) if marked >= 2 else 0.0


def read_wiki(text: str, meta: DocumentMeta) -> ReadDocument:
    body_start = front_matter(text)[1]
    doc = ReadDocument(meta=meta, text=text)
    for m in LINK.finditer(text):
        page = m.group("page").strip()
        doc.links.append(WikiLink(page, (m.group("label") or page.replace("_", " ")).strip(), m.start(), m.end()))

    section: str | None = None
    pos = body_start
    for line in text[body_start:].split("\n"):
        ls, le = pos, pos + len(line)
        pos = le + 1
        s, e = strip_span(text, ls, le)
        if e <= s:
            continue
        h = HEADING.match(text, s, e)
        if h:
            section = h.group("title").strip()
            doc.blocks.append(Block("heading", section, s, e))
            continue
        if SOURCE_LINE.match(text, s, e):
            link = LINK.search(text, s, e)
            if link and not meta.show:
                meta.show = (link.group("label") or link.group("page")).strip()
            doc.blocks.append(Block("source", text[s:e], s, e))
            continue
        sub = section
        b = BULLET.match(text, s, e)
        if b:
            if b.group("label"):
                sub = f"{section} / {b.group('label').strip().rstrip(':')}" if section else b.group("label").strip()
            s = b.end()
        _units(doc, s, e, sub)
    return doc


def _units(doc: ReadDocument, s: int, e: int, section: str | None) -> None:
    """Split one line into units that end at a group of timestamp anchors."""
    text = doc.text
    cursor = s
    for run in ANCHOR_RUN.finditer(text, s, e):
        stamp = ANCHOR.search(text, run.start(), run.end())
        _add(doc, cursor, run.start(), normalize_timestamp(stamp.group("t")) if stamp else None, section)
        cursor = run.end()
        while cursor < e and text[cursor] in ".,;: \t":
            cursor += 1
    _add(doc, cursor, e, None, section)


def _add(doc: ReadDocument, s: int, e: int, ts: str | None, section: str | None) -> None:
    s, e = strip_span(doc.text, s, e)
    if e - s < 3:
        return
    body, tmap = clean(doc.text, [(s, e)])
    if not any(ch.isalpha() for ch in body):
        return
    doc.turns.append(Turn(index=len(doc.turns), kind="summary", text=body.strip(), tmap=tmap, speaker=None, pieces=[(s, e)],
                          timestamp=ts, section=section))
