"""Timed captions: WebVTT, SubRip, and lines that open on a timestamp (a YouTube transcript copied from its page,
or saved in chunks of a minute: ``[00:01:00] speech``, ``**1:00** · speech``).

Each caption cue keeps its start/end time; the text is then merged across
cue boundaries and split into sentences, each a turn timed by the cue it
starts in (speech transcribed without punctuation is cut into clauses instead).
VTT voice tags (``<v Name>``) and ``NAME:`` prefixes name speakers; inside a cue, automatic
captions' ``>>`` starts another, unnamed voice, and a name in brackets that the document repeats
(``[Bo Wang] speech``) a named one.  Automatic captions show each line twice, rolling up a cue at a
time; the repeat is read once.
"""

from __future__ import annotations

import re
from collections import Counter

from extract.readers.common import (TRANSCRIBER_NOTE, clauses, clean, ends_sentence, format_timestamp, parse_timestamp,
                                    split_sentences, unpunctuated)
from extract.readers.transcript import full_names
from extract.records import CaptionSegment, DocumentMeta, ReadDocument, Turn
from extract.rules import UPPER

# a cue's times: "00:00:01.000 --> 00:00:04.000" (WebVTT, SRT), "0:00:01.000,0:00:04.000" (YouTube's SBV),
# "0:0:5.120 --> 0:0:9.0" (Microsoft Teams)
CUE_TIMING = re.compile(
    r"^[ \t]*(?P<a>\d{1,2}:\d{1,2}(?::\d{1,2})?[.,]\d+)[ \t]*(?:-->|,)[ \t]*(?P<b>\d{1,2}:\d{1,2}(?::\d{1,2})?[.,]\d+)[^\n]*$",
    re.M)
VOICE = re.compile(r"<v(?:\.[\w.]+)?[ \t]+(?P<name>[^>]+)>")
NAME_PREFIX = re.compile(rf"\[?(?P<name>{UPPER}[\w.'’\-]+(?: {UPPER}[\w.'’\-]+){{0,2}})\]?:[ \t]+")  # [SPEAKER_00]: too
CUE_GAP = 30  # seconds: captions change every few seconds, chapters every few minutes
CHUNK_GAP = 300  # seconds: a page that saves captions in chunks cuts them every minute or two, not every half hour
UNLABELLED = 0.9  # times alone explain a document less than labelled turns would: "00:04 Mira Holt" is a label
_TAG = re.compile(r"<[^>\n]*>")
# "0:00" alone on a line (with the page's spoken duration, "2 seconds", under it) or opening one: a YouTube
# transcript; also in brackets or bold, as pages save it in chunks ("[00:01:00] speech", "**1:00** · speech")
STAMP_LINE = re.compile(
    r"^[ \t]*(?P<o>\\?\[|\*\*|\()?(?P<t>\d{1,2}:\d{2}(?::\d{2})?)(?(o)(?:\\?\]|\*\*|\)))(?:[ \t]*[·|])?"
    r"(?:\r?\n(?:[ \t]*\d+ (?:hours?|minutes?|seconds?)(?:,? \d+ (?:minutes?|seconds?))*[ \t]*\r?\n)?|[ \t]+(?=\S)"
    r"|(?<=[\]*)·|])(?=\S))",  # (a bare time needs a space after it: "10:30am" opens no caption)
    re.M,
)
# inside a cue: automatic captions' mark of another voice (">>", "&gt;&gt;"), or a name in brackets ("[Bo Wang]")
VOICE_MARK = re.compile(rf"(?:&gt;|>){{2}}[ \t]*|\[(?P<name>{UPPER}[\w.'’\-]*(?:[ \t]+(?:{UPPER}[\w.'’\-]*|\d{{1,2}})){{0,2}})\][ \t]*")
_ANOTHER_VOICE = re.compile(r"(?:&gt;|>){2}")
_NOTE = re.compile(rf"(?i:{TRANSCRIBER_NOTE})\b")  # "[Music]" names no one
_HEADING_LINE = re.compile(r"\n[ \t]*#{1,6}[ \t]")  # a Markdown heading between chunks: a chapter's title, no speech
SPEECH_WORDS = 15  # a chunk of a minute holds sentences; a chapter's title a few words ("02:15 Is there a data wall?")
RUN_ON = 0.3  # share of chunks that end mid-sentence, the next chunk going on with it: speech cut by the clock


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
    share = explained / max(1, lines)
    said = sum(s.end - s.start for s in segs) / max(1, len(text) - start)  # of the characters: a description's lines are short
    if said >= 0.5 and ((CUE_GAP < _gap(segs) <= CHUNK_GAP and _clocked(text, segs))
                        or sum(new for _, _, new in _voices(text, segs)) >= 2):
        return 1.0  # speech cut every minute, or voices marked in it: what notes' stamps and labels never show
        # (three stamps half an hour apart, before a labelled speaker's paragraphs, cut no speech by the clock)
    return min(UNLABELLED, share)


def _line_segments(text: str, start: int = 0) -> list[CaptionSegment]:
    """Lines that open on a timestamp, each with the speech up to the next one (or to a Markdown heading);
    none when a line's speech opens on a speaker's label (a labelled transcript).  Where the times start
    again (a list of chapters in the description, then the transcript; two parts of a recording), each run
    of times is read on its own, and a run whose times lie minutes apart on lines of no speech is a list of
    chapters ("02:15 Is there a data wall?"), not captions."""
    out: list[CaptionSegment] = []
    runs = _runs(list(STAMP_LINE.finditer(text, start)))
    for r, run in enumerate(runs):
        segs, labelled = [], False
        for i, m in enumerate(run):
            stop = run[i + 1].start() if i + 1 < len(run) else runs[r + 1][0].start() if r + 1 < len(runs) else len(text)
            heading = _HEADING_LINE.search(text, m.end(), stop)
            s, e = m.end(), heading.start() if heading else stop
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            labelled = labelled or bool(NAME_PREFIX.match(text, s, e))
            if e > s:
                t_end = run[i + 1].group("t") if i + 1 < len(run) else m.group("t")
                segs.append(CaptionSegment(s, e, format_timestamp(parse_timestamp(m.group("t"))),
                                           format_timestamp(parse_timestamp(t_end)), text[s:e]))
        if len(segs) < 2 or (_gap(segs) > CUE_GAP and not _clocked(text, segs)):
            continue  # a list of chapters ("17:16 Q&A: Competing for talent"), whatever its lines hold
        if labelled:
            return []
        out += segs
    return out


def _gap(segs: list[CaptionSegment]) -> float:
    """The median time between one segment and the next."""
    times = [parse_timestamp(s.t_start) or 0.0 for s in segs]
    gaps = sorted(b - a for a, b in zip(times, times[1:]))
    return gaps[len(gaps) // 2] if gaps else 0.0


def _runs(stamps: list[re.Match]) -> list[list[re.Match]]:
    """The stamps in runs whose times never go back."""
    runs: list[list[re.Match]] = []
    last = None
    for m in stamps:
        t = parse_timestamp(m.group("t")) or 0.0
        if last is None or t < last:
            runs.append([])
        runs[-1].append(m)
        last = t
    return runs


def _clocked(text: str, segs: list[CaptionSegment]) -> bool:
    """Speech cut by the clock, not by its sentences: chunks of many words, a good share of them ending
    mid-sentence (the next goes on with it), or automatic captions' marks of another voice in them."""
    if sum(1 for s in segs if _ANOTHER_VOICE.search(s.text) or _named_voice(VOICE_MARK.match(text, s.start))) >= 2:
        return True
    # the stamped line's own words: a name alone on it ("00:01:04 Tom Reyes") or on a line below it is a label
    lines = [s.text.split("\n", 1)[0] for s in segs]
    words = sorted(len(line.split()) for line in lines)
    if not words or words[len(words) // 2] < SPEECH_WORDS:
        return False
    return sum(not ends_sentence(line) for line in lines[:-1]) >= RUN_ON * max(1, len(lines) - 1)


def _named_voice(mark: re.Match | None) -> bool:
    """A mark that names a voice: "[Bo Wang]", not ">>" or a transcriber's "[Music]"."""
    return mark is not None and mark.group("name") is not None and not _NOTE.match(mark.group("name"))


def _voices(text: str, segs: list[CaptionSegment]) -> list[tuple[CaptionSegment, str | None, bool]]:
    """Each cue cut where another voice starts in it: the piece, the name of its voice (None: unnamed or the
    voice before), and whether a voice starts there.  A name in brackets is a voice when the document
    repeats it and it is no transcriber's note ("[Music]")."""
    marks = [m for s in segs for m in VOICE_MARK.finditer(text, s.start, s.end)]
    counts = Counter(m.group("name") for m in marks if m.group("name"))
    named = {m.group("name") for m in marks if _named_voice(m) and counts[m.group("name")] >= 2}
    out: list[tuple[CaptionSegment, str | None, bool]] = []

    def piece(seg: CaptionSegment, a: int, b: int, who: str | None, new: bool) -> None:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((CaptionSegment(a, b, seg.t_start, seg.t_end, text[a:b]), who, new))
        elif new and out:
            out.append((CaptionSegment(a, a, seg.t_start, seg.t_end, ""), who, new))  # a voice that says nothing yet

    for seg in segs:
        at, who, new = seg.start, None, False
        for m in VOICE_MARK.finditer(text, seg.start, seg.end):
            if m.group("name") is not None and m.group("name") not in named:
                continue
            piece(seg, at, m.start(), who, new)
            at, who, new = m.end(), m.group("name"), True
        piece(seg, at, seg.end, who, new)
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
    if CUE_TIMING.search(text):
        cues = [(seg, speaker, speaker is not None) for seg, speaker in _cue_segments(text)]
    else:
        cues = _voices(text, _line_segments(text))
    names = full_names({who: who for _, who, _ in cues if who}, [*meta.participants, *meta.authors], text)
    doc.aliases = {label: name for label, name in names.items() if label != name}
    doc.segments = [c for c, _, _ in cues if c.end > c.start]
    group: list[CaptionSegment] = []
    current: str | None = None
    for seg, speaker, new in cues:
        if new and (speaker is None or speaker != current) and group:
            caption_sentences(doc, group, names.get(current, current))
            group = []
        if new:
            current = speaker
        if seg.end > seg.start:
            group.append(seg)
    if group:
        caption_sentences(doc, group, names.get(current, current))
    return doc
