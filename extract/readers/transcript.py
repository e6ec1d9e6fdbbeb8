"""Speaker-labelled transcripts.

Recognised header forms (one speaker turn each):

- ``Name HH:MM:SS`` alone on a line, the speech in the paragraphs below;
- ``Name (HH:MM:SS):`` with the speech on the same line or below;
- ``**Name:** [m:ss](url) speech`` (Markdown show notes);
- ``[HH:MM:SS] Name: speech`` and ``MM:SS Name: speech``;
- ``Name: speech`` when the document uses it consistently.

Paragraphs under a header with no name of their own belong to that speaker.
Text before the first header is the intro (show notes); chapter headings
between turns (``RL atop LLMs``) are sections, not speech.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.readers.common import clean, ends_sentence, normalize_timestamp, paragraphs, parse_timestamp
from extract.records import Block, DocumentMeta, ReadDocument, Turn

_NAME = r"[A-Z][\w.'’\-]*(?:[ \t]+(?:[A-Z][\w.'’\-]*|de|van|von|der|da|bin|al))?(?:[ \t]+[A-Z][\w.'’\-]*){0,2}"
_TS = r"\d{1,2}:\d{2}(?::\d{2})?"

HEADER_FORMS = [
    # Dwarkesh Patel 00:00:44
    re.compile(rf"^(?P<name>{_NAME})[ \t]+(?P<ts>{_TS})[ \t]*$", re.M),
    # Name (00:01:02): speech
    re.compile(rf"^(?P<name>{_NAME})[ \t]*\((?P<ts>{_TS})\)[ \t]*:?[ \t]*(?P<rest>.*)$", re.M),
    # **Name:** [1:02](https://...) speech
    re.compile(
        rf"^\*\*(?P<name>{_NAME}):?\*\*:?[ \t]*(?:\[(?P<ts>{_TS})\]\([^)\s]*\))?[ \t]*(?P<rest>.*)$", re.M
    ),
    # [00:01:02] Name: speech  /  01:02 Name: speech
    re.compile(rf"^\[?(?P<ts>{_TS})\]?[ \t]+(?P<name>{_NAME}):[ \t]*(?P<rest>.*)$", re.M),
]
PLAIN_FORM = re.compile(rf"^(?P<name>{_NAME}):[ \t]+(?P<rest>\S.*)$", re.M)
CHAPTER = re.compile(rf"^\(?(?P<ts>{_TS})\)?[ \t]*[-–—][ \t]*(?P<title>\S.*?)[ \t]*$", re.M)
_NOT_NAMES = {"Note", "Source", "Update", "Edit", "Transcript", "Summary", "Chapters", "Timestamps", "Links", "Q", "A"}


@dataclass
class Header:
    start: int  # start of the header line
    body_start: int  # where the speech begins
    name: str
    ts: str | None


def _valid_name(name: str) -> bool:
    return 1 <= len(name.split()) <= 4 and name not in _NOT_NAMES


def find_headers(text: str, start: int = 0, end: int | None = None) -> list[Header]:
    """Speaker headers in ``text[start:end]``, in the form the document uses most."""
    end = len(text) if end is None else end
    best: list[Header] = []
    for form in HEADER_FORMS:
        found = []
        for m in form.finditer(text, start, end):
            name = m.group("name").strip()
            if not _valid_name(name):
                continue
            rest = m.groupdict().get("rest")
            body = m.start("rest") if rest else m.end()
            found.append(Header(m.start(), body, name, m.group("ts")))
        if len(found) > len(best):
            best = found
    if len(best) >= 2:
        return best
    plain = [Header(m.start(), m.start("rest"), m.group("name"), None) for m in PLAIN_FORM.finditer(text, start, end)]
    names = {h.name for h in plain}
    if len(plain) >= 3 and len(names) <= max(6, len(plain) // 3) and all(_valid_name(n) for n in names):
        return plain
    return best


def looks_like_transcript(text: str) -> bool:
    return len(find_headers(text)) >= 2


def _chapters(text: str, end: int) -> list[tuple[float, str]]:
    out = []
    for m in CHAPTER.finditer(text, 0, end):
        secs = parse_timestamp(m.group("ts"))
        if secs is not None:
            out.append((secs, m.group("title")))
    return out


def _is_heading(para_text: str, is_last: bool, chapter_titles: set[str]) -> bool:
    line = para_text.strip()
    if line in chapter_titles:
        return True
    if "\n" in line or not is_last:
        return False
    words = line.split()
    return len(words) <= 8 and not ends_sentence(line) and line[:1].isupper()


def read_transcript(text: str, meta: DocumentMeta, start: int = 0, end: int | None = None) -> ReadDocument:
    end = len(text) if end is None else end
    doc = ReadDocument(meta=meta, text=text)
    headers = find_headers(text, start, end)
    if not headers:
        return doc
    first = headers[0].start
    chapters = _chapters(text, first)
    titles = {t for _, t in chapters}
    for p in paragraphs(text, start, first):
        doc.blocks.append(Block("intro", p.text, p.start, p.end))

    section: str | None = None
    pending: str | None = None  # a heading seen at the end of the previous turn
    for i, h in enumerate(headers):
        if pending and not chapters:
            section, pending = pending, None
        body_end = headers[i + 1].start if i + 1 < len(headers) else end
        paras = paragraphs(text, h.body_start, body_end)
        speech = []
        for j, p in enumerate(paras):
            if i + 1 < len(headers) and _is_heading(p.text, j == len(paras) - 1 and j > 0, titles):
                doc.blocks.append(Block("heading", p.text, p.start, p.end))
                pending = p.text.strip()
            else:
                speech.append((p.start, p.end))
        ts = normalize_timestamp(h.ts) if h.ts else None
        if chapters and ts:
            secs = parse_timestamp(ts) or 0
            current = [title for t, title in chapters if t <= secs]
            section = current[-1] if current else section
        if not speech:
            where = "at the end of the file" if i + 1 == len(headers) else f"at offset {h.start}"
            doc.warnings.append(f"turn of {h.name} {ts or ''} has no text {where} (truncated?)".replace("  ", " "))
            continue
        body, tmap = clean(text, speech)
        doc.turns.append(
            Turn(index=len(doc.turns), kind="speech", text=body.strip(), tmap=tmap, speaker=h.name, pieces=speech,
                 timestamp=ts, section=section)
        )
    if doc.turns:
        last = doc.turns[-1]
        if not ends_sentence(last.text):
            doc.warnings.append(f"last turn ({last.speaker} {last.timestamp or ''}) ends mid-sentence: file truncated?")
    return doc
