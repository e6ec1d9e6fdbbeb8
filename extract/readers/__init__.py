"""Readers: one per format family, chosen by looking at the content.

>>> from extract.readers import read_path
>>> doc = read_path("seeds/001_0dedf1b18d31d238.txt")   # doctest: +SKIP
>>> doc.meta.format, len(doc.turns)                       # doctest: +SKIP
('transcript', 90)
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from extract.readers.binary import EXTRACTED, ExtractionFailed, extract_text
from extract.readers.book import looks_like_book, read_book
from extract.readers.captions import looks_like_cues, read_cues
from extract.readers.common import LONE_SURROGATE, split_sentences, whole_characters
from extract.readers.frontmatter import apply as apply_front_matter
from extract.readers.frontmatter import front_matter
from extract.readers.highlights import looks_like_highlights, read_highlights
from extract.readers.notes import looks_like_notes, read_notes
from extract.readers.transcript import looks_like_transcript, read_transcript
from extract.readers.plain import read_plain
from extract.readers.shownotes import linked_video, listed_people
from extract.readers.whisper import looks_like_whisper, read_whisper
from extract.readers.wiki import looks_like_wiki, read_wiki
from extract.records import DocumentMeta, ReadDocument, Turn
from extract.textmap import strip_span

READABLE_SUFFIXES = {".txt", ".md", ".markdown", ".vtt", ".srt", ".sbv", ".text", "", *EXTRACTED}
META_SUFFIX = ".meta.yml"
MAX_BYTES = 200 * 1024 * 1024
MAX_LINE = 1_000_000  # characters: spaCy's own limit for one text; no document of ours has such a line


class ReadError(Exception):
    """A file that cannot be read; ``str()`` is a one-line message naming the file and the reason."""

    def __init__(self, path: str | Path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


FAMILIES = {
    "highlights": looks_like_highlights,
    "captions": looks_like_cues,
    "whisper": looks_like_whisper,
    "wiki": looks_like_wiki,
    "transcript": looks_like_transcript,
    "notes": looks_like_notes,
    "book": looks_like_book,
}
MIN_SCORE = 0.2  # below this for every family, a document is plain paragraphs
DESCRIPTION = 20_000  # characters: how far into a document its description may list the people taking part


def family_scores(text: str, start: int = 0) -> dict[str, float]:
    """How much of ``text[start:]`` each family's structure explains, from 0 to 1."""
    return {name: round(score(text, start), 3) for name, score in FAMILIES.items()}


def detect_format(text: str) -> str:
    """The format family of ``text``, judged from its content alone: the family whose structure
    explains most of the document (front matter is metadata, not a family)."""
    scores = family_scores(text, front_matter(text)[1])
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] >= MIN_SCORE else "plain"


def decode(data: bytes, path: str | Path) -> tuple[str, str | None]:
    """Text of ``data`` and a note if it was not valid UTF-8."""
    if not data.strip():
        raise ReadError(path, "empty file")
    sample = data[:8192]
    if b"\x00" in sample and not (sample.startswith(b"\xff\xfe") or sample.startswith(b"\xfe\xff")):
        raise ReadError(path, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig"), None  # a byte-order mark is no text
    except UnicodeDecodeError as e:
        first_bad = e.start
    for enc in ("utf-16",) if sample[:2] in (b"\xff\xfe", b"\xfe\xff") else ():
        try:
            return data.decode(enc), f"decoded as {enc}"
        except UnicodeDecodeError:
            pass
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    if control > len(sample) * 0.05:
        raise ReadError(path, "binary file (control bytes), not text")
    try:
        text = data.decode("cp1252")
        enc = "cp1252"
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        enc = "latin-1"
    return text, f"not valid UTF-8 (first bad byte at offset {first_bad}); decoded as {enc}, offsets index the decoded text"


def load_meta(path: Path) -> dict:
    """Sidecar metadata ``<name>.meta.yml`` beside ``path``, if any."""
    side = path.with_name(path.stem + META_SUFFIX)
    if not side.exists():
        return {}
    try:
        data = whole_characters(yaml.safe_load(side.read_text(encoding="utf-8")) or {})
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = " ".join(str(getattr(e, "problem", None) or e).split())
        raise ReadError(side, f"sidecar metadata is not valid YAML{where}: {problem}") from None
    if not isinstance(data, dict):
        raise ReadError(side, "sidecar metadata must be a mapping")
    allowed = set(DocumentMeta.__dataclass_fields__) - {"path", "format", "encoding_note", "shape", "extracted_from"}
    unknown = set(data) - allowed
    if unknown:
        raise ReadError(side, f"unknown sidecar key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
    for key in ("authors", "participants"):
        if isinstance(data.get(key), str):
            data[key] = [data[key]]
    if data.get("date") is not None:
        data["date"] = str(data["date"])
    return data


READERS = {
    "highlights": read_highlights,
    "captions": read_cues,
    "whisper": read_whisper,
    "wiki": read_wiki,
    "transcript": read_transcript,
    "notes": read_notes,
    "book": read_book,
}


def read_text(text: str, meta: DocumentMeta) -> ReadDocument:
    """Read already-decoded text; ``meta.format`` is filled in from the content."""
    text, broken = LONE_SURROGATE.subn("\ufffd", text)  # half an emoji cut in JSON ("\ud83d"): UTF-8 cannot hold it
    data, body_start = front_matter(text)
    apply_front_matter(meta, data)
    # "Guests:" and "Hosts:" in a description before the talk, beside those the metadata names
    listed = listed_people(text, body_start, min(len(text), body_start + DESCRIPTION))
    meta.participants = list(dict.fromkeys([*meta.participants, *listed]))
    meta.format = detect_format(text)
    if meta.format == "transcript":
        doc = read_transcript(text, meta, start=body_start)
    else:
        doc = READERS.get(meta.format, read_plain)(text, meta)
    doc.turns = cut_long_turns(doc.turns)
    if not meta.video_id and any(t.timestamp for t in doc.turns) and doc.turns[0].pieces:
        meta.video_id = linked_video(text, body_start, doc.turns[0].pieces[0][0])  # the description's one video
    if broken:
        doc.warnings.append(f"{broken} broken character{'s' * (broken > 1)} (half of a UTF-16 pair) read as \ufffd")
    return doc


MAX_TURN = 20_000  # characters: a turn the parser takes at once (spaCy refuses 1,000,000, and needs ~1 GB per 100,000)


def cut_long_turns(turns: list[Turn]) -> list[Turn]:
    """Turns of at most MAX_TURN characters: a longer one (a Whisper text with no blank line, a book with no
    paragraphs, a stream's captions with no punctuation) is cut at sentence ends, else between words, into
    turns of the same speaker, time and section."""
    if all(len(t.text) <= MAX_TURN for t in turns):
        return turns
    out: list[Turn] = []
    for t in turns:
        pos, text = 0, t.text
        while pos < len(text):
            end = len(text)
            if end - pos > MAX_TURN:
                window = text[pos:pos + MAX_TURN]
                ends = [e for _, e in split_sentences(window)[:-1]]  # the last may run on past the window
                space = window.rfind(" ")
                end = pos + (ends[-1] if ends else space + 1 if space > 0 else MAX_TURN)
            a, b = strip_span(text, pos, end)
            if b > a:
                rs, re_ = t.tmap.to_raw(a, b)
                out.append(replace(t, index=len(out), text=text[a:b], tmap=t.tmap.slice(a, b),
                                   pieces=[(max(x, rs), min(y, re_)) for x, y in t.pieces if x < re_ and y > rs],
                                   role=t.role if pos == 0 else None, role_span=t.role_span if pos == 0 else None))
            pos = end
    return out


def read_path(path: str | Path, display: str | None = None) -> ReadDocument:
    """Read one file.  Raises :class:`ReadError` with a one-line reason on bad input."""
    p = Path(path)
    shown = display or str(path)
    if not p.exists():
        raise ReadError(shown, "no such file")
    if p.is_dir():
        raise ReadError(shown, "is a directory")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(shown, f"too large ({size} bytes; the limit is {MAX_BYTES})")
        data = p.read_bytes()
    except OSError as e:
        raise ReadError(shown, f"cannot read: {e.strerror or e}") from None
    extracted = EXTRACTED.get(p.suffix.lower())
    if extracted:
        try:
            text, note = extract_text(p.suffix.lower(), data), None
        except ExtractionFailed as e:
            raise ReadError(shown, str(e)) from None
    else:
        longest = max(map(len, data.split(b"\n")), default=0)
        if longest > MAX_LINE:
            raise ReadError(shown, f"a single line of {longest} characters; not a text document (the limit is {MAX_LINE})")
        text, note = decode(data, shown)
    meta = DocumentMeta(path=shown, format="", **load_meta(p))
    meta.encoding_note = note
    meta.extracted_from = extracted
    doc = read_text(text, meta)
    if note:
        doc.warnings.insert(0, note)
    if not doc.turns and not doc.glossary:
        raise ReadError(shown, f"no readable text found (read as {doc.meta.format})")
    return doc
