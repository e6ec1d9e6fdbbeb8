"""Helpers every reader shares: timestamps, paragraphs, sentences, cleaning."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

from extract.textmap import Cleaner, TextMap, strip_span

# --------------------------------------------------------------------------- timestamps

LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def whole_characters(value):
    """``value`` (a string, or YAML's lists and mappings of them) with half of any UTF-16 pair read as
    U+FFFD: JSON and YAML can escape one ("\\ud83d", an emoji a tool cut), and UTF-8 cannot hold it."""
    if isinstance(value, str):
        return LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [whole_characters(v) for v in value]
    if isinstance(value, dict):
        return {whole_characters(k): whole_characters(v) for k, v in value.items()}
    return value


_TS = re.compile(r"^\s*(?:(\d{1,2})\s*:\s*)?(\d{1,2})\s*:\s*(\d{1,2})(?:[.,](\d{1,3}))?\s*$")


@lru_cache(maxsize=1 << 14)
def parse_timestamp(value: str) -> float | None:
    """Seconds in ``H:MM:SS``, ``MM:SS``, ``H: MM: SS`` or ``HH:MM:SS.mmm`` form, else None."""
    m = _TS.match(value)
    if not m:
        return None
    h, mnt, s, frac = m.groups()
    secs = int(h or 0) * 3600 + int(mnt) * 60 + int(s)
    if frac:
        secs += int(frac.ljust(3, "0")) / 1000
    return float(secs)


def format_timestamp(seconds: float | None) -> str | None:
    if seconds is None:
        return None
    s = int(seconds)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def normalize_timestamp(value: str) -> str | None:
    """``'1: 01: 30'`` → ``'01:01:30'``; ``'2:15'`` → ``'00:02:15'``."""
    return format_timestamp(parse_timestamp(value))


def timestamp_seconds(hms: str | None) -> int | None:
    secs = parse_timestamp(hms) if hms else None
    return None if secs is None else int(secs)


def video_url(video_id: str | None, hms: str | None) -> str | None:
    """A YouTube deep link that opens the video at ``hms``."""
    secs = timestamp_seconds(hms)
    if not video_id or secs is None:
        return None
    return f"https://www.youtube.com/watch?v={video_id}&t={secs}"


# --------------------------------------------------------------------------- paragraphs


@dataclass
class Para:
    start: int
    end: int
    text: str  # raw text of the paragraph (stripped)

    @property
    def lines(self) -> list[tuple[int, int]]:
        out, pos = [], self.start
        for line in self.text.split("\n"):
            s, e = strip_span(self.text, pos - self.start, pos - self.start + len(line))
            if e > s:
                out.append((self.start + s, self.start + e))
            pos += len(line) + 1
        return out


_BLANK = re.compile(r"\n[ \t]*\n\s*")


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[Para]:
    """Blocks separated by blank lines, with offsets into ``text``."""
    end = len(text) if end is None else end
    out: list[Para] = []
    pos = start
    for m in _BLANK.finditer(text, start, end):
        s, e = strip_span(text, pos, m.start())
        if e > s:
            out.append(Para(s, e, text[s:e]))
        pos = m.end()
    s, e = strip_span(text, pos, end)
    if e > s:
        out.append(Para(s, e, text[s:e]))
    return out


# --------------------------------------------------------------------------- sentences

_ABBREV = {
    "e.g", "i.e", "et al", "al", "etc", "vs", "mr", "mrs", "ms", "dr", "prof", "st", "inc", "ltd",
    "jr", "sr", "u.s", "u.k", "fig", "no", "vol", "approx", "cf",
}
_SENT_END = re.compile(r"[.?!…]+[\"'”’)\]]*(?=\s+|$)")
_OPEN_Q, _CLOSE_Q = "“", "”"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans in ``text``; never splits inside curly quotes or after an abbreviation."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.end()
        depth = text.count(_OPEN_Q, start, end) - text.count(_CLOSE_Q, start, end)
        if depth > 0:
            continue
        word = re.search(r"([\w.]+)[.]$", text[start:m.start() + 1])
        if m.group(0) == "." and word and word.group(1).lower() in _ABBREV:
            continue
        if m.group(0) == "." and word and re.fullmatch(r"[A-Z]", word.group(1)):
            continue  # an initial: "J. Smith"
        nxt = text[end:end + 3].lstrip()
        if nxt and nxt[0].islower():
            continue  # "... 3.5 vs. 4" or an ellipsis inside a sentence
        s, e = strip_span(text, start, end)
        if e > s:
            spans.append((s, e))
        start = end
    s, e = strip_span(text, start, len(text))
    if e > s:
        spans.append((s, e))
    return spans


def last_sentence(text: str) -> str:
    """The last sentence of ``text`` ("" when it holds none)."""
    start, end = split_sentences(text)[-1] if text.strip() else (0, 0)
    return text[start:end]


# --------------------------------------------------------------------------- cleaning

def _ocr_rules() -> list[tuple[str, str]]:
    from extract.rules import load_rules

    return [(r.pattern, r.replace) for r in load_rules().ocr]


# what a transcriber notes in brackets instead of words: [unintelligible 00:15:13.23], [crosstalk], [Music]
TRANSCRIBER_NOTE = ("unintelligible|inaudible|cross-?talk|indiscernible|laughter|laughs|laughing|music|applause|silence"
                    "|cheers|cheering|booing|screaming|snorts|sighs|coughs|chuckles|overtalk")

BASE_RULES: list[tuple[str, object]] = [
    (r"[ \t]*<a class=\"yt-timestamp\"[^>]*>.*?</a>", ""),
    (r"\[\[([^\]|\n]+?)\s*\|\s*([^\]\n]+?)\s*\]\]", r"\2"),
    (r"\[\[([^\]\n]+?)\]\]", lambda m: m.group(1).replace("_", " ")),
    (r"\[([^\]\n]+)\]\((?:https?://|www\.)[^)\s]+\)", r"\1"),
    (r"</?(?:v|c|i|b|u|em|strong|lang|font)\b[^>\n]*>", ""),
    (r"<\d{1,2}:\d{2}(?::\d{2})?[.,]\d{1,3}>", ""),  # a caption's timing of each word: "so<00:00:00.480> today"
    (r"\{\\an?\d\}", ""),  # a subtitle's placement: "{\an8}"
    (r"(?:&gt;|>){2}[ \t]*", ""),  # automatic captions' mark of another voice: ">> and that's the thing"
    (r"^[ \t]*>[ \t]?", ""),  # a Markdown quote's mark at a line's start: "> the speech goes on"
    (r"^[ \t]*[-–][ \t]+(?=\S)", ""),  # a line's dash: another voice in a subtitle ("- Not at all."), a list's item
    (r"&(?:amp|lt|gt|quot|apos|nbsp|#39|#x27);", lambda m: html.unescape(m.group(0)).replace("\xa0", " ")),
    (r"[ \t]*[⁰¹²³⁴⁵⁶⁷⁸⁹]+", ""),
    (r"[ \t]*\^\d+", ""),
    # transcribers' notes, some with their own timestamps: [unintelligible 00:15:13.23], [crosstalk], (APPLAUSE)
    (rf"[ \t]*\\?\[(?i:{TRANSCRIBER_NOTE})[^\]\n]{{0,40}}?\\?\]", ""),
    (r"[ \t]*\(\([^()\n]{1,80}\)\)", ""),  # a transcriber's aside in double brackets: ((laughter)), ((nobody knows))
    (r"[ \t]*\((?i:unintelligible|inaudible|cross-?talk|indiscernible|laughter|laughs|laughing|music|applause"
     r"|silence|cheers|cheering|booing|overtalk|chuckles)[^)\n]{0,40}?\)", ""),
    # a transcriber's uncertain spelling, timed: [Leo Van der Schlepp 00:33:36] → Leo Van der Schlepp
    (r"\\?\[([^\]\n]{1,60}?)[ \t]+\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\\?\]", r"\1"),
    (r"[ \t]*\\\[\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?\\\]", ""),  # a time inside a paragraph: "But still, \[07:18\] it …"
    (r"\\([\[\]_#`])", r"\1"),  # Markdown's escapes: \[, \_, \#
    # what speech recognisers keep of a speaker's hesitation: "walk us uh through it", "I I think", "the the model"
    (r"(?<=[\w,'’])[ \t]+(?i:uh|um|uhm|umm|uhh|erm)(?:[ \t]*,)?(?=[ \t]+[\w'’\"“])", ""),
    (r"(?i:\b(?P<stutter>i|the|a|an|and|to|of|in|on|it|we|you|they|so|but|this|my|our|if|for|with|i'm|it's|we're|"
     r"i’m|it’s|we’re)(?:[ \t]+(?P=stutter))+\b)", lambda m: m.group("stutter")),
    (r"[ \t]*•+", ""),
    (r"\*+", ""),
    (r"\\\$", "$"),
    (r"\\ ", " "),
    (r"(?<=[.?!\"”])[ \t]+\d{1,3}(?=[ \t]+[A-Z])", ""),
]


@lru_cache(maxsize=1)
def cleaner() -> Cleaner:
    """The default cleaner: markup and footnote markers out, OCR slips fixed, white space folded."""
    # white space runs become one space; a lone space is left alone (matching it would cost a rule call per word)
    return Cleaner(BASE_RULES + _ocr_rules() + [(r"\s{2,}|[^\S ]", " ")])


def clean(raw: str, spans: list[tuple[int, int]]) -> tuple[str, TextMap]:
    return cleaner().clean(raw, spans)


def clean_text(raw: str) -> str:
    return clean(raw, [(0, len(raw))])[0].strip()


_TERMINAL = re.compile(r"[.?!…][\"'”’\)\]]*\s*$")


def ends_sentence(text: str) -> bool:
    return bool(_TERMINAL.search(text.rstrip("•*⁰¹²³⁴⁵⁶⁷⁸⁹0123456789 ")))


# --------------------------------------------------------------------------- speech without punctuation

MIN_CLAUSE, MAX_CLAUSE = 8, 45  # words


def unpunctuated(text: str) -> bool:
    """Speech transcribed without punctuation: long, with hardly a sentence end."""
    words = len(text.split())
    return words >= 60 and words / (1 + len(_SENT_END.findall(text))) > 50


@lru_cache(maxsize=1)
def _clause_start() -> re.Pattern:
    from extract.rules import load_rules

    phrases = sorted((re.escape(r.phrase) for r in load_rules().clauses), key=len, reverse=True)
    return re.compile(rf"(?i)(?<![\w'’])(?:{'|'.join(phrases)})(?![\w'’])")


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut into clauses before the phrases that open one (``clauses.yml``),
    each of at least MIN_CLAUSE words; a clause with no such phrase is cut at MAX_CLAUSE words."""
    words = [m.span() for m in re.finditer(r"\S+", text[start:end])]
    opens = {m.start() for m in _clause_start().finditer(text, start, end)}
    out, first = [], 0
    for i, (ws, _) in enumerate(words):
        n = i - first
        if n >= MAX_CLAUSE or (n >= MIN_CLAUSE and start + ws in opens):
            out.append((start + words[first][0], start + words[i - 1][1]))
            first = i
    if words:
        out.append((start + words[first][0], start + words[-1][1]))
    return out
