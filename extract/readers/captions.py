"""Timed captions: WebVTT and SubRip.

Each caption cue keeps its start/end time; the text is then merged across
cue boundaries and split into sentences, each a turn timed by the cue it
starts in.  VTT voice tags (``<v Name>``) and ``NAME:`` prefixes name speakers.
"""

from __future__ import annotations

import re

from extract.readers.common import clean, format_timestamp, parse_timestamp, split_sentences
from extract.records import CaptionSegment, DocumentMeta, ReadDocument, Turn

CUE_TIMING = re.compile(
    r"^[ \t]*(?P<a>\d{1,2}:\d{2}(?::\d{2})?[.,]\d+)[ \t]*-->[ \t]*(?P<b>\d{1,2}:\d{2}(?::\d{2})?[.,]\d+)[^\n]*$", re.M
)
VOICE = re.compile(r"<v(?:\.[\w.]+)?[ \t]+(?P<name>[^>]+)>")
NAME_PREFIX = re.compile(r"(?P<name>[A-Z][A-Za-z.'\-]+(?: [A-Z][A-Za-z.'\-]+){0,2}):[ \t]+")


def looks_like_cues(text: str, start: int = 0) -> float:
    """Share of the non-blank lines a cue explains (its timing line, its id and about one line of text)."""
    if text[start:].lstrip("\ufeff \n").startswith("WEBVTT"):
        return 1.0
    timings = len(CUE_TIMING.findall(text, start))
    lines = sum(1 for ln in text[start:].splitlines() if ln.strip())
    return min(1.0, 3 * timings / max(1, lines)) if timings >= 2 else 0.0


def _cue_segments(text: str) -> list[tuple[CaptionSegment, str | None]]:
    """Cues of a VTT or SRT file with the speaker each names, if any."""
    out = []
    timings = list(CUE_TIMING.finditer(text))
    for i, m in enumerate(timings):
        stop = timings[i + 1].start() if i + 1 < len(timings) else len(text)
        body_start = m.end() + 1
        block_end = text.find("\n\n", body_start, stop)
        block_end = stop if block_end < 0 else block_end
        if i + 1 < len(timings):
            # drop the numeric id line of the next SRT cue
            prev_nl = text.rfind("\n", body_start, timings[i + 1].start() - 1)
            if prev_nl > 0 and text[prev_nl + 1:timings[i + 1].start()].strip().isdigit():
                block_end = min(block_end, prev_nl)
        s, e = body_start, block_end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s:
            continue
        speaker = None
        v = VOICE.match(text, s) or NAME_PREFIX.match(text, s)
        if v:
            speaker = v.group("name").strip()
            s = v.end()
        seg = CaptionSegment(s, e, format_timestamp(parse_timestamp(m.group("a"))),
                             format_timestamp(parse_timestamp(m.group("b"))), text[s:e])
        out.append((seg, speaker))
    return out


def caption_sentences(doc: ReadDocument, segs: list[CaptionSegment], speaker: str | None) -> None:
    """Merge ``segs`` into one text and add a turn per sentence."""
    text = doc.text
    spans = [(s.start, s.end) for s in segs]
    merged, tmap = clean(text, spans)
    for cs, ce in split_sentences(merged):
        rs, re_ = tmap.to_raw(cs, ce)
        pieces = [(max(a, rs), min(b, re_)) for a, b in spans if a < re_ and b > rs]
        if not pieces:
            continue
        body, smap = clean(text, pieces)
        if not body.strip():
            continue
        first = next(s for s in segs if s.end > rs)
        last = [s for s in segs if s.start < re_][-1]
        doc.turns.append(Turn(index=len(doc.turns), kind="segment", text=body.strip(), tmap=smap, speaker=speaker, pieces=pieces,
                              timestamp=first.t_start, end_timestamp=last.t_end))


def read_cues(text: str, meta: DocumentMeta) -> ReadDocument:
    doc = ReadDocument(meta=meta, text=text)
    cues = _cue_segments(text)
    doc.segments = [c for c, _ in cues]
    group: list[CaptionSegment] = []
    current: str | None = None
    for seg, speaker in cues:
        if speaker is not None and speaker != current and group:
            caption_sentences(doc, group, current)
            group = []
        if speaker is not None:
            current = speaker
        group.append(seg)
    if group:
        caption_sentences(doc, group, current)
    return doc
