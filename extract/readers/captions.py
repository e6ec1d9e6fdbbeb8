"""Timed captions: WebVTT, SubRip, and lines that open on a timestamp (a YouTube transcript copied from its page).

Each caption cue keeps its start/end time; the text is then merged across
cue boundaries and split into sentences, each a turn timed by the cue it
starts in (speech transcribed without punctuation is cut into clauses instead).
VTT voice tags (``<v Name>``) and ``NAME:`` prefixes name speakers.  Automatic
captions show each line twice, rolling up a cue at a time; the repeat is read once.
"""

from __future__ import annotations

import re

from extract.readers.common import (clauses, clean, format_timestamp, parse_timestamp, split_sentences,
                                    unpunctuated)
from extract.records import CaptionSegment, DocumentMeta, ReadDocument, Turn
from extract.rules import UPPER

# a cue's times: "00:00:01.000 --> 00:00:04.000" (WebVTT, SRT), "0:00:01.000,0:00:04.000" (YouTube's SBV)
CUE_TIMING = re.compile(
    r"^[ \t]*(?P<a>\d{1,2}:\d{2}(?::\d{2})?[.,]\d+)[ \t]*(?:-->|,)[ \t]*(?P<b>\d{1,2}:\d{2}(?::\d{2})?[.,]\d+)[^\n]*$", re.M
)
VOICE = re.compile(r"<v(?:\.[\w.]+)?[ \t]+(?P<name>[^>]+)>")
NAME_PREFIX = re.compile(rf"\[?(?P<name>{UPPER}[\w.'’\-]+(?: {UPPER}[\w.'’\-]+){{0,2}})\]?:[ \t]+")  # [SPEAKER_00]: too
CUE_GAP = 30  # seconds: captions change every few seconds, chapters every few minutes
UNLABELLED = 0.9  # times alone explain a document less than labelled turns would: "00:04 Mira Holt" is a label
_TAG = re.compile(r"<[^>\n]*>")
# "0:00" alone on a line (with the page's spoken duration, "2 seconds", under it) or opening one: a YouTube transcript
STAMP_LINE = re.compile(
    r"^[ \t]*(?P<t>\d{1,2}:\d{2}(?::\d{2})?)[ \t]*"
    r"(?:\r?\n(?:[ \t]*\d+ (?:hours?|minutes?|seconds?)(?:,? \d+ (?:minutes?|seconds?))*[ \t]*\r?\n)?|[ \t]+(?=\S))",
    re.M,
)


def looks_like_cues(text: str, start: int = 0) -> float:
    """Share of the non-blank lines a cue explains (its timing line, its id and about one line of text),
    or, with no cue timings, that timestamped lines explain (the stamp and a line or two of speech)."""
    if text[start:].lstrip("\ufeff \n").startswith("WEBVTT"):
        return 1.0
    timings = len(CUE_TIMING.findall(text, start))
    lines = sum(1 for ln in text[start:].splitlines() if ln.strip())
    if timings >= 2:
        return min(1.0, 3 * timings / max(1, lines))
    segs = _line_segments(text, start)
    if len(segs) < 3:
        return 0.0
    explained = sum(min(3, 1 + text.count("\n", s.start, s.end)) for s in segs)
    return min(UNLABELLED, explained / max(1, lines))


def _line_segments(text: str, start: int = 0) -> list[CaptionSegment]:
    """Lines that open on a timestamp, each with the speech up to the next one; none when a line's speech
    opens on a speaker's label (a labelled transcript) or when the times lie minutes apart (a list of
    chapters: "02:15 Is there a data wall?")."""
    stamps = list(STAMP_LINE.finditer(text, start))
    times = [parse_timestamp(m.group("t")) or 0.0 for m in stamps]
    gaps = sorted(b - a for a, b in zip(times, times[1:]))
    if not gaps or gaps[len(gaps) // 2] > CUE_GAP:
        return []
    out = []
    for i, m in enumerate(stamps):
        stop = stamps[i + 1].start() if i + 1 < len(stamps) else len(text)
        s, e = m.end(), stop
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if NAME_PREFIX.match(text, s, e):
            return []
        if e > s:
            t_end = stamps[i + 1].group("t") if i + 1 < len(stamps) else m.group("t")
            out.append(CaptionSegment(s, e, format_timestamp(parse_timestamp(m.group("t"))),
                                      format_timestamp(parse_timestamp(t_end)), text[s:e]))
    return out


def _plain(line: str) -> str:
    return " ".join(_TAG.sub("", line).split())


def _cue_segments(text: str) -> list[tuple[CaptionSegment, str | None]]:
    """Cues of a VTT or SRT file with the speaker each names, if any; a cue's first line that repeats the
    last line of the cue before it (automatic captions roll up) is left out, and a cue with nothing new."""
    out = []
    shown = ""  # the last line the cue before showed
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
        first = text.find("\n", s, e)
        if shown and _plain(text[s:e if first < 0 else first]) == shown:
            s = e if first < 0 else first + 1  # rolled up from the cue before
            while s < e and text[s].isspace():
                s += 1
        if e <= s:
            continue
        shown = _plain(text[max(s, text.rfind("\n", s, e) + 1):e])
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
    for cs, ce in clauses(merged, 0, len(merged)) if unpunctuated(merged) else split_sentences(merged):
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
    cues = _cue_segments(text) if CUE_TIMING.search(text) else [(seg, None) for seg in _line_segments(text)]
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
