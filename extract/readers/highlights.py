"""Highlights exports: the passages a listener or reader marked, as Readwise writes them (for podcast
snips from Snipd or Airr, Kindle books and articles alike)::

    # Chips, the Compute Era
    ## Metadata
    - Author: [[Silicon Stories]]
    - Full Title: Chips, the Compute Era
    - Category: #podcasts
    - URL: https://share.snipd.com/episode/…
    ## Highlights
    - A passage the listener marked ([Time 0:11:42](https://share.snipd.com/snip/…))
        - **Note:** what the listener thought of it
        - **Tags:** #computation

A podcast snip may open on its chapter's title and carry the app's "Key takeaways:" and a "Transcript:"
of labelled voices ("Speaker 1" alone on a line, the speech on the next).  Every part of a highlight is
read at its time:

- the transcript's speech is each voice's turn; a passage without one is spoken words of no known
  speaker (a podcast's) or the words of its author (a book's, an article's);
- the app's takeaways and its numbered "Episode AI notes" are a summary of the episode;
- the reader's note is a note in the reader's own voice; tags are no text.

The metadata names the title, the URL and the author: a podcast's "author" is its show.
"""

from __future__ import annotations

import re

from extract.readers.common import clean, normalize_timestamp
from extract.records import Block, DocumentMeta, ReadDocument, Turn
from extract.rules import UPPER
from extract.textmap import strip_span

HEADING = re.compile(r"^#{1,3}[ \t]+Highlights[ \t]*$", re.M | re.I)
ANY_HEADING = re.compile(r"^#{1,6}[ \t]+\S.*$", re.M)
TITLE = re.compile(r"^#[ \t]+(?P<title>\S.*?)[ \t]*$", re.M)
META = re.compile(r"^[-*][ \t]+(?P<key>Author|Full Title|Title|Category|URL|Source URL):[ \t]*(?P<value>\S.*?)[ \t]*$",
                  re.M | re.I)
# where the passage is: a time in the episode, a location or page in a book, a link to the article
MARKER = re.compile(r"[ \t]*\(\[(?P<what>Time|Location|Page|View Highlight)(?:[ \t]+(?P<at>[\d:]+))?\]\([^)\s]*\)\)",
                    re.I)
ITEM = re.compile(r"^[-*][ \t]+", re.M)
SUB = re.compile(r"^[ \t]+[-*][ \t]+(?:\*\*)?(?P<kind>Note|Tags):(?:\*\*)?[ \t]*", re.M | re.I)
LINE_MARK = re.compile(r"[ \t]*(?:[-*][ \t]+|\d{1,2}\.[ \t]+)?")  # a line's indentation and its bullet or number
NUMBERED = re.compile(r"^[ \t]*\d{1,2}\.[ \t]+\S", re.M)  # the app's numbered notes on the episode
VOICE = re.compile(rf"(?:Speaker[ \t]+\d{{1,2}}|{UPPER}[\w'’.\-]*(?:[ \t]+{UPPER}[\w'’.\-]*){{0,3}})")
PERSON = re.compile(rf"{UPPER}[\w'’.\-]+(?:[ \t]+{UPPER}[\w'’.\-]+){{1,3}}")
SPOKEN_CATEGORIES = {"podcasts", "podcast", "videos", "video"}
PARTS = {"key takeaways", "transcript"}  # a snip's parts, each under its name and a colon


def looks_like_highlights(text: str, start: int = 0) -> float:
    """1 for a highlights export: a "Highlights" heading, and a "Full Title:" or a passage's place marker."""
    heading = HEADING.search(text, start)
    if heading is None:
        return 0.0
    marked = MARKER.search(text, heading.end()) or any(m.group("key").lower() == "full title"
                                                       for m in META.finditer(text, start, heading.start()))
    return 1.0 if marked else 0.0


def read_highlights(text: str, meta: DocumentMeta) -> ReadDocument:
    doc = ReadDocument(meta=meta, text=text)
    heading = HEADING.search(text)
    if heading is None:
        return doc
    fields = {m.group("key").lower(): m.group("value") for m in META.finditer(text, 0, heading.start())}
    title = TITLE.search(text, 0, heading.start())
    meta.title = meta.title or fields.get("full title") or fields.get("title") or (title.group("title") if title else None)
    meta.url = meta.url or fields.get("url") or fields.get("source url")
    author = re.sub(r"\[\[|\]\]", "", fields.get("author", "")).strip() or None
    spoken = fields.get("category", "").strip("# ").lower() in SPOKEN_CATEGORIES
    if author and spoken:
        meta.show = meta.show or author
    elif author and not meta.authors:
        meta.authors = [author]
    writer = author if author and not spoken and PERSON.fullmatch(author) else None
    doc.blocks.append(Block("intro", text[:heading.start()], 0, heading.start()))
    ends = sorted({m.start() for m in ITEM.finditer(text, heading.end())}
                  | {m.start() for m in ANY_HEADING.finditer(text, heading.end())} | {len(text)})
    for a, b in zip(ends, ends[1:]):
        if ANY_HEADING.match(text, a):
            line_end = text.find("\n", a, b)
            doc.blocks.append(Block("heading", text[a:b if line_end < 0 else line_end], a, b if line_end < 0 else line_end))
            continue
        _item(doc, text, a, b, writer)
    return doc


def _lines(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The lines of ``text[a:b]``, each without its indentation, bullet or number, and not empty."""
    out = []
    pos = a
    while pos < b:
        stop = text.find("\n", pos, b)
        stop = b if stop < 0 else stop
        s, e = strip_span(text, LINE_MARK.match(text, pos, stop).end(), stop)
        if e > s:
            out.append((s, e))
        pos = stop + 1
    return out


def _item(doc: ReadDocument, text: str, a: int, b: int, writer: str | None) -> None:
    """One highlight: its passage (chapter, takeaways, transcript), then the reader's note and tags."""
    subs = list(SUB.finditer(text, a, b))
    main_end = subs[0].start() if subs else b
    markers = list(MARKER.finditer(text, a, main_end))
    marker = markers[-1] if markers else None  # at the passage's end
    ts = normalize_timestamp(marker.group("at")) if marker and marker.group("at") and ":" in marker.group("at") else None
    lines = _lines(text, a, marker.start() if marker else main_end)
    if marker:
        doc.blocks.append(Block("editorial", marker.group(0).strip(), *strip_span(text, marker.start(), marker.end())))
    heads = {text[s:e].rstrip(":").lower() for s, e in lines}
    structured = bool(heads & PARTS) or bool(NUMBERED.search(text, a, main_end))
    section = None
    if structured and lines:
        section = text[lines[0][0]:lines[0][1]]
        doc.blocks.append(Block("heading", section, *lines[0]))
        lines = lines[1:]
    state, voice, pieces = ("summary" if structured else "passage"), None, []

    def flush() -> None:
        if not pieces:
            return
        if state == "transcript":
            _turn(doc, text, pieces, "speech", voice, ts, section)
        elif state == "passage":
            _turn(doc, text, pieces, "segment", writer, ts, section)
        pieces.clear()

    for s, e in lines:
        line = text[s:e]
        if line.rstrip(":").lower() in PARTS and line.endswith(":"):
            flush()
            state = "transcript" if line.lower().startswith("transcript") else "summary"
            doc.blocks.append(Block("heading", line, s, e))
        elif state == "summary":
            _turn(doc, text, [(s, e)], "summary", None, ts, section)
        elif state == "transcript" and VOICE.fullmatch(line) and not line.endswith("."):
            flush()
            voice = line
        else:
            pieces.append((s, e))
    flush()
    for i, m in enumerate(subs):
        end = subs[i + 1].start() if i + 1 < len(subs) else b
        span = strip_span(text, m.end(), end)
        if m.group("kind").lower() == "tags":
            doc.blocks.append(Block("editorial", text[span[0]:span[1]], *span))
        elif span[1] > span[0]:
            _turn(doc, text, _lines(text, m.end(), end), "note", None, ts, section, voice="author")


def _turn(doc: ReadDocument, text: str, pieces: list[tuple[int, int]], kind: str, speaker: str | None,
          ts: str | None, section: str | None, voice: str | None = None) -> None:
    body, tmap = clean(text, pieces)
    if body.strip():
        doc.turns.append(Turn(index=len(doc.turns), kind=kind, text=body.strip(), tmap=tmap, speaker=speaker,
                              timestamp=ts, section=section, voice=voice, pieces=list(pieces)))
