"""Whisper output: ``[00:00.000 --> 00:05.120] text`` segments, with no speaker names (none are invented).

The segments' text is merged and split into sentences, each a turn timed by the segment it starts in.
"""

from __future__ import annotations

import re

from extract.readers.captions import caption_sentences
from extract.readers.common import format_timestamp, parse_timestamp
from extract.records import CaptionSegment, DocumentMeta, ReadDocument

WHISPER_LINE = re.compile(
    r"^[ \t]*\[(?P<a>\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)[ \t]*-->[ \t]*(?P<b>\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?)\][ \t]*(?P<text>.*?)[ \t]*$",
    re.M,
)

def looks_like_whisper(text: str, start: int = 0) -> float:
    """Share of the non-blank lines that are Whisper segments."""
    lines = [ln for ln in text[start:].splitlines() if ln.strip()]
    hits = sum(1 for ln in lines if WHISPER_LINE.match(ln))
    return hits / max(1, len(lines)) if hits >= 2 else 0.0


def _whisper_segments(text: str) -> list[CaptionSegment]:
    segs = []
    for m in WHISPER_LINE.finditer(text):
        if m.group("text"):
            segs.append(
                CaptionSegment(m.start("text"), m.end("text"), format_timestamp(parse_timestamp(m.group("a"))),
                               format_timestamp(parse_timestamp(m.group("b"))), m.group("text"))
            )
    return segs


def read_whisper(text: str, meta: DocumentMeta) -> ReadDocument:
    doc = ReadDocument(meta=meta, text=text)
    doc.segments = _whisper_segments(text)
    if doc.segments:
        caption_sentences(doc, doc.segments, None)
    return doc
