"""The plain-data contract: what readers hand to extraction, and what extraction hands to the graph.

Readers produce a :class:`ReadDocument`: metadata plus ordered :class:`Turn`s
(speech, summary units, note entries, caption sentences) and the non-speech
blocks a document carries (glossary entries, footnotes, headings).  Offsets
always point into the original file's text.  Extraction produces an
:class:`Extraction`: the documents, the knowledge base, :class:`ClaimRecord`s and
:class:`Relation`s, each with the :class:`Evidence` it was found in.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from extract.kb import KnowledgeBase, Ref
from extract.textmap import TextMap


@dataclass
class DocumentMeta:
    path: str  # relative path as given to the build, e.g. ``seeds/001_x.txt``
    format: str  # reader family: transcript | book | whisper | notes | wiki | captions | plain
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    show: str | None = None
    video_id: str | None = None
    url: str | None = None
    date: str | None = None
    subject: str | None = None  # whose views a summary reports
    participants: list[str] = field(default_factory=list)  # people speaking in the episode
    encoding_note: str | None = None  # set when the file was not valid UTF-8
    extracted_from: str | None = None  # "pdf", "docx", "html" or "json": offsets index the text extracted from it
    shape: str | None = None  # how turns are labelled, when the reader recognised a shape (bold, stamped, …)


SPOKEN = ("speech", "segment")  # turns whose ``speaker`` is the one speaking (not a reported view)


@dataclass
class Turn:
    """One unit of speech (or reported speech) in reading order.

    ``text`` is the cleaned text; ``tmap`` maps offsets in ``text`` back to
    the raw file.  ``start``/``end`` cover the whole turn in the raw file (it
    may contain interruptions, e.g. a glossary entry dropped into a sentence);
    ``spans`` lists the raw pieces the text was assembled from.
    """

    index: int
    kind: str  # speech | summary | note | segment | paragraph
    text: str
    tmap: TextMap
    speaker: str | None = None  # surface name as written in the document
    timestamp: str | None = None  # HH:MM:SS
    end_timestamp: str | None = None
    section: str | None = None
    voice: str | None = None  # notes: author | reported | summary
    role: str | None = None  # a role printed with the speaker's name
    role_span: tuple[int, int] | None = None  # where that role is printed
    pieces: list[tuple[int, int]] = field(default_factory=list)  # raw spans ``text`` was cleaned from

    @property
    def start(self) -> int:
        return self.tmap.pieces[0].raw_start

    @property
    def end(self) -> int:
        return self.tmap.pieces[-1].raw_end


@dataclass
class GlossaryEntry:
    term: str
    definition: str
    start: int
    end: int
    spans: list[tuple[int, int]]


@dataclass
class Block:
    """A non-speech block: footnote, caption, heading, chapter, intro or editorial text."""

    kind: str
    text: str
    start: int
    end: int


@dataclass
class WikiLink:
    page: str
    label: str
    start: int
    end: int


@dataclass
class CaptionSegment:
    start: int
    end: int
    t_start: str
    t_end: str
    text: str


@dataclass
class ReadDocument:
    meta: DocumentMeta
    text: str  # the decoded original text; all offsets index into it
    turns: list[Turn] = field(default_factory=list)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    links: list[WikiLink] = field(default_factory=list)
    segments: list[CaptionSegment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # a label as written → the speaker it names

    @property
    def speakers(self) -> list[str]:
        seen: dict[str, None] = {}
        for t in self.turns:
            if t.speaker and t.kind in SPOKEN:
                seen.setdefault(t.speaker, None)
        return list(seen)


# --------------------------------------------------------------------------- extraction's records


@dataclass
class Evidence:
    """Where a fact was read: the document, the raw span and its words, the time, the rule and its confidence."""

    document: str
    start: int
    end: int
    quote: str
    timestamp: str | None
    rule: str
    confidence: float = 1.0


@dataclass
class ClaimRecord:
    key: str
    document: str
    text: str
    quote: str
    start: int
    end: int
    speaker: Ref | None
    timestamp: str | None
    url: str | None
    section: str | None
    attribution: str
    confidence: float
    turn: int
    mentions: list[tuple[Ref, Evidence]] = field(default_factory=list)
    context: str | None = None  # the question (or the other speaker's point) it answers
    stance: str | None = None  # reported | hypothetical | rejected: a view its speaker does not hold as their own
    score: float = 1.0  # how likely a claim, by the claim model (extract.claim_model)
    checkworthy: float = 0.0  # how much it states a checkable fact (extract.checkworthy)

    @property
    def ref(self) -> Ref:
        return ("Claim", self.key)

    def evidence(self, rule: str, confidence: float) -> Evidence:
        """This claim's sentence as the evidence of something found in it."""
        return Evidence(self.document, self.start, self.end, self.quote, self.timestamp, rule, confidence)


@dataclass
class Relation:
    type: str
    source: Ref
    target: Ref
    evidence: Evidence | None
    rule: str
    confidence: float = 1.0
    props: dict = field(default_factory=dict)


Stance = tuple[str, str, "str | None"]  # (DISAGREES_WITH or AGREES_WITH, the cue's id, whom it names)


@dataclass
class TurnUnit:
    """A sentence unit of a turn, with its raw offsets and the claim it became (None: not a claim)."""

    doc: ReadDocument
    turn: Turn
    text: str
    start: int
    end: int
    kind: str
    claim: ClaimRecord | None
    stances: tuple[Stance, ...] = ()  # what its words take (:mod:`extract.stance_cues`; a turn's opening units only)
    naming_stances: tuple[Stance, ...] = ()  # the same, of the cues that name whom only
    cues: tuple[tuple[str, int], ...] = ()  # where the word cues match its text (:data:`extract.parser.WORD_CUES`)

    def evidence(self, rule: str, confidence: float) -> Evidence:
        return evidence(self.doc, self.start, self.end, self.turn.timestamp, rule, confidence)


@dataclass
class Extraction:
    documents: list[ReadDocument]
    kb: KnowledgeBase
    claims: list[ClaimRecord] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    units: dict[tuple[int, int], list[TurnUnit]] = field(default_factory=dict)  # (document, turn) → its units
    speakers: list[dict[str, Ref | None]] = field(default_factory=list)  # per document: its labels, resolved
    timings: dict[str, float] = field(default_factory=dict)
    skipped_units: dict[str, int] = field(default_factory=dict)  # questions, filler, ... not made claims
    cache_hits: int = 0  # documents whose parse came from the cache
    warnings: list[str] = field(default_factory=list)  # one line for each document the parser failed on

    def relate(self, type_: str, source: Ref | None, target: Ref | None, ev: Evidence | None, *, rule: str = "",
               confidence: float = 1.0, **props) -> None:
        """Add a relation found in ``ev`` (with its rule and confidence), or, without evidence, by
        ``rule`` with ``confidence``; none from a thing to itself."""
        if source is None or target is None or source == target:
            return
        if ev is not None:
            rule, confidence = ev.rule, ev.confidence
        self.relations.append(Relation(type_, source, target, ev, rule, confidence, props))


def doc_ref(doc: ReadDocument) -> Ref:
    return ("Document", doc.meta.path)


def claim_key(document_path: str, start: int, end: int) -> str:
    return hashlib.sha1(f"{document_path}\0{start}\0{end}".encode()).hexdigest()[:16]


def evidence(doc: ReadDocument, start: int, end: int, timestamp: str | None, rule: str,
             confidence: float = 1.0) -> Evidence:
    return Evidence(doc.meta.path, start, end, doc.text[start:end], timestamp, rule, confidence)
