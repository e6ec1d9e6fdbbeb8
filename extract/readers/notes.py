"""Timestamped notes: a blogger's digest of an episode.

Entries start with a stamp such as ``(2: 15)``, ``(1: 01: 30)`` or
``[12:30]``; unstamped paragraphs after an entry continue it.  Each sentence
is given a voice:

- ``reported``: a named participant's view ("Trenton thinks …",
  "Dwarkesh: “…”"), the speaker is that name; following sentences keep it;
- ``author``: the writer's own opinion (first person outside quotes);
- ``summary``: neutral paraphrase of the episode, no speaker.

Consecutive sentences with the same voice and speaker form one turn.

A talk's transcript is stamped so too, in sections whose headings name who speaks ("## Opening Remarks -
Sam Altman", "## Apps SDK Demo - Alexei"): when two or more headings name someone so, a section's entries
are that speaker's speech, and a section whose heading names no one goes on in the last named voice.
"""

from __future__ import annotations

import re

from extract.readers.common import clean, normalize_timestamp, paragraphs, split_sentences
from extract.readers.frontmatter import front_matter
from extract.records import Block, DocumentMeta, ReadDocument, Turn
from extract.rules import UPPER, load_rules

STAMP = re.compile(r"^[ \t]*[(\[](?P<ts>\d{1,2}\s*:\s*\d{2}(?:\s*:\s*\d{2})?)[)\]][ \t]*", re.M)
_MID_REPORT = re.compile(
    r"[,;]\s+(?:and\s+)?(?P<who>[A-Z][a-z]+)\s+(?:says|thinks|suggests|notes|argues|claims|believes|expects|points out)\b"
)
_QUOTED = re.compile(r"^[“\"‘'].*[”\"’']\W*$", re.S)
_NOT_PEOPLE = {
    "Also", "So", "Yet", "And", "But", "It", "This", "That", "There", "They", "We", "One", "The", "Here",
    "Which", "What", "Suggestion", "Speculation", "Paper", "Everything", "Nothing", "Google", "Anthropic",
}


def plausible_person(who: str | None, participants: list[str]) -> bool:
    """Is ``who`` (a name as written in the notes) one of the people taking part?

    With no participant list, any capitalised word that is not a common
    sentence opener will do; with one, the name must be close to a
    participant's full, first or last name (``Tenton`` → Trenton).
    """
    if not who or who in _NOT_PEOPLE:
        return False
    if not participants:
        return True
    from rapidfuzz import fuzz

    forms = {f for p in participants for f in (p, *p.split())}
    return any(fuzz.ratio(who.lower(), f.lower()) >= 85 for f in forms)


def looks_like_notes(text: str, start: int = 0) -> float:
    """Share of the paragraphs that open a timestamped note, doubled (notes run over several paragraphs)."""
    stamps = len(STAMP.findall(text, start))
    return min(1.0, 2 * stamps / max(1, len(paragraphs(text, start)))) if stamps >= 3 else 0.0


def _voice(sentence: str, previous: tuple[str, str | None], participants: list[str],
           named: str | None = None) -> tuple[str, str | None]:
    """The voice of one sentence (``author``, ``reported``, ``asked`` or ``summary``, and whose), given
    the voice of the sentence before it and the participant the notes last reported (``named``: whom an
    entry's "He says …" is about)."""
    rules = load_rules()
    someone = False  # a report of someone the sentence does not name ("They point out …")
    for cue in rules.cues_for("report") + rules.cues_for("report_question"):
        m = cue.regex.search(sentence)
        if not m:
            continue
        someone = True
        who = m.group("who")
        later = _MID_REPORT.search(sentence, m.end()) if cue.category == "report_question" else None
        if later and plausible_person(later.group("who"), participants):
            return "reported", later.group("who")  # "Dwarkesh asks …, Trenton says …": the view is Trenton's
        if who and who.lower() in ("he", "she"):
            who = previous[1] or named
        if plausible_person(who, participants):
            return ("asked" if cue.category == "report_question" else "reported"), who
    if _QUOTED.match(sentence.strip()):
        return "reported", previous[1] if previous[0] == "reported" else None
    if any(c.regex.search(sentence) for c in rules.cues_for("author")):
        return "author", None
    if previous[0] in ("reported", "author") and not someone:
        return previous  # a paragraph goes on in the voice it was in ("I would say yes. What matters is …")
    return "summary", None  # also after "Dwarkesh asks …": what follows is the answer, not his


HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+(?P<title>\S[^\n]*?)[ \t#]*$", re.M)
# a section's title, a dash, who speaks in it: "Opening Remarks - Sam Altman", "Codex Live Demo — Ramon"
SPEAKER_HEADING = re.compile(rf"\S.*?[ \t][-–—][ \t]+(?P<who>{UPPER}[\w'’\-]+(?:[ \t]+{UPPER}[\w'’\-]+){{0,2}})$")


def _heading_speakers(text: str, start: int) -> dict[int, str | None]:
    """Where each Markdown heading starts, and whom it names as the speaker of its section (None: no one); empty
    unless two or more headings name someone, as a talk's transcript in sections does."""
    rules = load_rules()
    stop = {r.text.lower() for r in rules.labels} | {w.lower() for w in rules.words_of()}
    found = {}
    for m in HEADING.finditer(text, start):
        who = SPEAKER_HEADING.match(m.group("title"))
        name = who.group("who") if who and not who.group("who").isupper() else None
        found[m.start()] = name if name and not set(name.lower().split()) & stop else None
    return found if sum(1 for n in found.values() if n) >= 2 else {}


def read_notes(text: str, meta: DocumentMeta) -> ReadDocument:
    doc = ReadDocument(meta=meta, text=text)
    author = meta.authors[0] if meta.authors else None
    stamps = list(STAMP.finditer(text))
    first = stamps[0].start() if stamps else len(text)
    body_start = front_matter(text)[1]  # (front matter is metadata, read before)
    units: list[tuple[int, int, str | None, str | None]] = []  # start, end, timestamp, section
    for p in paragraphs(text, body_start, first):
        units.append((p.start, p.end, None, "Introduction"))
    for i, m in enumerate(stamps):
        stop = stamps[i + 1].start() if i + 1 < len(stamps) else len(text)
        for p in paragraphs(text, m.end(), stop):
            units.append((p.start, p.end, normalize_timestamp(m.group("ts")), None))

    named: str | None = None  # the participant last reported
    headings = _heading_speakers(text, body_start)
    talk: tuple[str | None, str | None] = (None, None)  # a talk's section and its speaker
    for start, end, ts, section in units:
        if start in headings:
            doc.blocks.append(Block("heading", text[start:end], start, end))
            talk = (HEADING.match(text, start).group("title"), headings[start] or talk[1])
            continue
        body, tmap = clean(text, [(start, end)])
        if talk[1] and section is None:  # a talk's section: its speaker's words
            if body.strip():
                doc.turns.append(Turn(index=len(doc.turns), kind="speech", text=body.strip(), tmap=tmap,
                                      speaker=talk[1], pieces=[(start, end)], timestamp=ts, section=talk[0]))
            continue
        state: tuple[str, str | None] = ("author", None) if section else ("summary", None)
        run: list[tuple[int, int]] = []
        run_voice: tuple[str, str | None] | None = None
        for cs, ce in split_sentences(body):
            voice = ("author", None) if section else _voice(body[cs:ce], state, meta.participants, named)
            state = voice
            named = voice[1] if voice[0] == "reported" and voice[1] else named
            if run and voice != run_voice:
                _emit(doc, text, tmap, run, run_voice, ts, section, author)
                run = []
            run.append((cs, ce))
            run_voice = voice
        if run:
            _emit(doc, text, tmap, run, run_voice, ts, section, author)
        if section:
            doc.blocks.append(Block("intro", text[start:end], start, end))
    return doc


def _emit(doc, text, tmap, run, voice, ts, section, author) -> None:
    rs, re_ = tmap.to_raw(run[0][0], run[-1][1])
    body, smap = clean(text, [(rs, re_)])
    kind, who = voice
    speaker = author if kind == "author" else who
    kind = "reported" if kind == "asked" else kind
    doc.turns.append(Turn(index=len(doc.turns), kind="note", text=body.strip(), tmap=smap, speaker=speaker, pieces=[(rs, re_)],
                          timestamp=ts, section=section, voice=kind))
