"""Book excerpts extracted from PDF: an oral history with speaker headers and a glossary.

What the layout looks like after PDF extraction, and how each piece is told apart:

- speaker headers in capitals, optionally after a roman numeral and with a role
  on the same or the next line (``VII. LEOPOLD ASCHENBRENNER Cofounder of …``,
  ``SHANE LEGG`` / ``$Co founder\\ and\\ chief …$``);
- glossary entries: a term in capitals alone, or followed by its definition on
  the same line, or in a narrow column of lines, or as "A TERM is …" — often
  dropped into the middle of a speaker's sentence, which then continues in a
  later block that starts in lower case;
- footnotes (bullets, indented blocks, blocks ending with a citation) and
  figure captions;
- headings ("About the authors") and editorial text before the first speaker.

Glossary entries, footnotes and captions are never part of a speaker's turn.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.readers.common import Para, clean, clean_text, ends_sentence, paragraphs
from extract.records import Block, DocumentMeta, GlossaryEntry, ReadDocument, Turn
from extract.rules import load_rules

_CAPW = r"[A-Z][A-Z'’\-]+"
HEADER = re.compile(
    rf"^(?:(?P<num>[IVXLC]+)\.[ \t]+)?(?P<name>{_CAPW}(?:[ \t]+{_CAPW}){{1,2}})(?:[ \t]+(?P<role>[A-Z\$][^\n]*))?$"
)
NUMERAL = re.compile(r"^[IVXLC]+\.$")
ROLE_WORDS = re.compile(
    r"\b(?:CEO|CTO|COO|[Cc]o-?[ ]?founder|[Ff]ounder|[Rr]esearcher|[Ss]cientist|[Aa]dvis[eo]r|[Ww]riter|[Ll]ead|"
    r"[Ee]ngineer|[Pp]rofessor|[Dd]irector|[Hh]ead|[Hh]ost|[Aa]uthor|[Cc]hief|[Pp]resident|[Ff]ellow|[Ee]conomist|"
    r"[Ii]nvestor|[Pp]artner|[Ss]tudent|[Pp]hilosopher|[Bb]logger|[Jj]ournalist|[Mm]anager|[Ee]xecutive)\b"
)
TERM_ONLY = re.compile(r"^(?=[^a-z]*[A-Z]{3})[A-Z0-9 ()'’\-.,&/]+$")
TERM_DEF = re.compile(
    r"^(?P<term>\(?[A-Z][A-Z0-9'’\-.]*\)?(?:[ \t]+\(?[A-Z0-9][A-Z0-9'’\-.]*\)?)*)[ \t]+"
    r"(?P<def>(?:A|An|The)[ \t]|[A-Z][a-z]).*"
)
INLINE_TERM = re.compile(r"^(?:(?:A|An|The)[ \t]+)?(?P<term>[A-Z][A-Z\-]{2,}(?:[ \t]+[A-Z][A-Z\-]{2,})+)[ \t]+(?:is|are)\b")
TRAILING_TERM = re.compile(r"^(?P<speech>.*[a-z.,;:?!”\"][ \t]+)(?P<term>[A-Z][A-Z'’\-]{2,}(?:[ \t]+[A-Z][A-Z'’\-]{1,}){1,4})[ \t]*$")
BULLET = re.compile(r"^(?:[-–•]+|\d+\.)[ \t]")
CAPTION = re.compile(r"^(?:\$?\\label|Figure[ \t]+\d+\.)")
CITATION_END = re.compile(r"[A-Z][\w\-’']+(?:[ \t]+et[ \t]+al\.)?(?:[ \t]+and[ \t]+[A-Z][\w\-]+)?,[ \t]+[\"“][^\"”]+[.?!][\"”]$")
GLUED = re.compile(r"[.?!][\"”][ \t]+(?=[a-z])")
FOOTNOTE_START = re.compile(r"^(?:See[ ,]|Excerpted in\b|Cf\.)")


def looks_like_book(text: str, start: int = 0) -> float:
    """Speaker headers in capitals per paragraph, times ten (a speaker's section runs for pages)."""
    paras = paragraphs(text, start)
    heads = sum(1 for p in paras if "\n" not in p.text and HEADER.match(p.text))
    return min(1.0, 10 * heads / max(1, len(paras))) if heads >= 3 else 0.0


def title_name(caps: str) -> str:
    """``DWARKESH PATEL`` → ``Dwarkesh Patel``; keeps hyphens and apostrophes."""
    def word(w: str) -> str:
        return "-".join(part[:1].upper() + part[1:].lower() for part in w.split("-"))
    return " ".join(word(w) for w in caps.split())


def _is_role(line: str) -> bool:
    """A role printed under or beside a speaker's name: short, names a position, not a sentence."""
    line = clean_text(line).strip("$ ")
    return (
        0 < len(line) <= 100
        and bool(ROLE_WORDS.search(line))
        and not re.match(r"(?:A|An|The)\s", line)
        and not line.endswith("?")
    )


@dataclass
class _Entry:
    term: str
    pos: int  # where the term is printed
    spans: list[tuple[int, int]] = field(default_factory=list)  # the definition's raw pieces

    def def_text(self, raw: str) -> str:
        return clean(raw, self.spans)[0].strip() if self.spans else ""


class _BookReader:
    def __init__(self, text: str, meta: DocumentMeta):
        self.text = text
        self.doc = ReadDocument(meta=meta, text=text)
        rules = load_rules()
        known = {p.name for p in rules.people} | {a for p in rules.people for a in p.aliases}
        known |= set(meta.authors) | set(meta.participants)
        self.known = {k.upper() for k in known}
        self.speaker: str | None = None
        self.role: str | None = None
        self.role_span: tuple[int, int] | None = None
        self.pieces: list[tuple[int, int]] = []
        self.section: str | None = None
        self.entry: _Entry | None = None
        self.last: str = "start"  # kind of the previous unit
        self.interrupted = False  # non-speech units came after unfinished speech

    # ----------------------------------------------------------------- flushing
    def flush_turn(self) -> None:
        if self.pieces and self.speaker:
            body, tmap = clean(self.text, self.pieces)
            self.doc.turns.append(Turn(index=len(self.doc.turns), kind="speech", text=body.strip(), tmap=tmap, pieces=list(self.pieces),
                                       speaker=self.speaker, role=self.role, role_span=self.role_span,
                                       section=self.section))
        self.pieces = []
        self.interrupted = False

    def flush_entry(self) -> None:
        e = self.entry
        if e:
            term = clean_text(e.term).strip(" .:")
            definition = e.def_text(self.text)
            start = min([s for s, _ in e.spans] + [e.pos])
            end = max([t for _, t in e.spans] + [start])
            self.doc.glossary.append(GlossaryEntry(term, definition, start, end, list(e.spans)))
        self.entry = None

    def start_entry(self, term: str, pos: int) -> None:
        self.flush_entry()
        self.entry = _Entry(term, pos)

    # ----------------------------------------------------------------- state
    @property
    def speech_open(self) -> bool:
        if not self.pieces:
            return False
        s, e = self.pieces[-1]
        return not ends_sentence(self.text[s:e])

    @property
    def entry_open(self) -> bool:
        if not self.entry:
            return False
        if not self.entry.spans:
            return True
        s, e = self.entry.spans[-1]
        return not ends_sentence(self.text[s:e]) or self.text[s:e].rstrip().endswith(":")

    def add_speech(self, s: int, e: int) -> None:
        if self.speaker is None:
            self.doc.blocks.append(Block("editorial", self.text[s:e], s, e))
        else:
            self.pieces.append((s, e))
            self.interrupted = False
        self.last = "speech"

    def add_block(self, kind: str, s: int, e: int) -> None:
        self.doc.blocks.append(Block(kind, self.text[s:e], s, e))
        if self.pieces:
            self.interrupted = True
        self.last = kind

    def add_def(self, s: int, e: int) -> None:
        assert self.entry is not None
        self.entry.spans.append((s, e))
        if self.pieces:
            self.interrupted = True
        self.last = "glossary"

    # ----------------------------------------------------------------- units
    def header(self, m: re.Match, para: Para, units: list[Para], i: int) -> bool:
        name = m.group("name")
        role = m.group("role")
        nxt = units[i + 1].text if i + 1 < len(units) else ""
        role_next = not role and "\n" not in nxt and _is_role(nxt)
        if role and not _is_role(role):
            return False
        if not (m.group("num") or role or role_next or name in self.known):
            return False
        self.flush_entry()
        self.flush_turn()
        self.speaker = title_name(name)
        self.known.add(name)
        self.role = clean_text(role).strip("$ ") if role else None
        self.role_span = (para.start + m.start("role"), para.start + m.end("role")) if role else None
        self.last = "header"
        return True

    def unit(self, units: list[Para], i: int) -> None:
        p = units[i]
        raw = p.text
        first_line = raw.split("\n", 1)[0]
        one_line = "\n" not in raw
        indented = p.start > 0 and self.text[p.start - 1] in " \t"

        if NUMERAL.match(raw):
            self.last = "numeral"
            return
        if one_line:
            m = HEADER.match(raw)
            if m and self.header(m, p, units, i):
                return
            if self.last == "header" and self.role is None and _is_role(raw):
                self.role = clean_text(raw).strip("$ ")
                self.role_span = (p.start, p.end)
                self.last = "role"
                return
        if CAPTION.match(raw):
            self.add_block("caption", p.start, p.end)
            return
        if BULLET.match(raw):
            if self.entry and (self.entry_open or self.last == "glossary-bullet"):
                self.add_def(p.start, p.end)
                self.last = "glossary-bullet"
            else:
                self.add_block("footnote", p.start, p.end)
            return
        if raw[:1].islower():
            # the continuation of whichever sentence was left unfinished
            if self.entry and self.entry_open and (self.last in ("glossary", "glossary-bullet") or not self.speech_open):
                self.add_def(p.start, p.end)
            else:
                self.flush_entry()
                self.add_speech(p.start, p.end)
            return
        if TERM_ONLY.match(first_line):
            if self.last == "term" and self.entry and not self.entry.spans:
                self.entry.term += " " + first_line  # a term broken over two blocks
            else:
                self.start_entry(first_line, p.start)
            rest = p.start + len(first_line)
            if not one_line:
                self.add_def(rest + 1, p.end)
            else:
                self.last = "term"
                if self.pieces:
                    self.interrupted = True
            return
        if self.last == "term" and self.entry and not self.entry.spans:
            self.add_def(p.start, p.end)
            return
        m = TERM_DEF.match(first_line)
        if m and len(m.group("term").replace(" ", "")) >= 3 and sum(c.isupper() for c in m.group("term")) >= 3:
            self.start_entry(m.group("term"), p.start)
            self.add_def(p.start + m.start("def"), p.end)
            return
        m = INLINE_TERM.match(raw)
        if m:
            self.start_entry(m.group("term"), p.start + m.start("term"))
            self.add_def(p.start, p.end)
            return
        if indented or FOOTNOTE_START.match(raw):
            self.add_block("footnote", p.start, p.end)
            return
        if self.entry and self.last in ("glossary", "glossary-bullet") and (
            self.entry_open or (self.interrupted and self.speech_open)
        ):
            self.add_def(p.start, p.end)  # a definition going on in a new paragraph
            return
        if CITATION_END.search(raw.rstrip()):
            self.add_block("footnote", p.start, p.end)
            return
        if one_line and len(raw.split()) <= 4 and not ends_sentence(raw) and not self.speech_open and raw[:1].isupper():
            self.flush_entry()
            self.flush_turn()
            self.speaker, self.role, self.role_span, self.section = None, None, None, raw.strip()
            self.add_block("heading", p.start, p.end)
            return
        self.flush_entry()
        self.add_speech(p.start, p.end)

    # ----------------------------------------------------------------- splitting
    def split_units(self) -> list[Para]:
        """Paragraphs, with a glossary term at the end of a speech line and a footnote glued
        to the continuation of a sentence split off into units of their own."""
        out: list[Para] = []
        for p in paragraphs(self.text):
            lines = p.text.split("\n")
            m = TRAILING_TERM.match(lines[0]) if len(lines) > 1 else None
            if m and not HEADER.match(lines[0]):
                cut = p.start + m.start("term")
                out.append(Para(p.start, cut, self.text[p.start:cut].rstrip()))
                out.append(Para(cut, p.end, self.text[cut:p.end]))
                out[-2].end = out[-2].start + len(out[-2].text)
                continue
            g = GLUED.search(p.text)
            indented = p.start > 0 and self.text[p.start - 1] in " \t"
            if g and (indented or CITATION_END.search(p.text[: g.start() + 2])):
                cut = p.start + g.end()
                head_end = p.start + g.start() + 2
                out.append(Para(p.start, head_end, self.text[p.start:head_end]))
                out.append(Para(cut, p.end, self.text[cut:p.end]))
                continue
            out.append(p)
        return out

    def read(self) -> ReadDocument:
        units = self.split_units()
        for i in range(len(units)):
            self.unit(units, i)
        self.flush_entry()
        self.flush_turn()
        return self.doc


def read_book(text: str, meta: DocumentMeta) -> ReadDocument:
    return _BookReader(text, meta).read()
