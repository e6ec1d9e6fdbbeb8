"""Speakers: each document's speaker labels, authors and participants as Person entities, with
SPOKE_IN, AUTHORED and the roles printed beside a name (AFFILIATED_WITH)."""

from __future__ import annotations

import re

from extract.kb import Ref
from extract.people import Folders, speaker_ref
from extract.records import SPOKEN, Extraction, ReadDocument, Turn, doc_ref, evidence
from extract.rules import Rules

_ROLE_ORG = re.compile(r"^(?P<role>.+?)\s+(?:of|at|to|for|with)\s+(?P<org>[A-Z].+?)\.?$")


def split_role(role: str) -> tuple[str, str | None]:
    """``'CEO of Anthropic'`` → ``('CEO', 'Anthropic')``; no organization: ``(role, None)``."""
    m = _ROLE_ORG.match(role.strip())
    if not m:
        return role.strip(), None
    return m.group("role").strip(), m.group("org").strip()


def context_people(doc: ReadDocument) -> list[str]:
    """The names a document gives of its people: what a bare first name or surname in it resolves against."""
    return [*doc.meta.participants, *doc.meta.authors, *doc.speakers]


def turn_speaker(out: Extraction, di: int, turn: Turn | None, ctx: list[str]) -> Ref | None:
    """The person a turn's label names: as the document's labels were resolved (a "Speaker 2" of its
    own included), else among the document's people (``ctx``)."""
    if turn is None or not turn.speaker:
        return None
    known = out.speakers[di].get(turn.speaker) if di < len(out.speakers) else None
    return known or out.kb.resolve_person(turn.speaker, ctx)


def previous_turn(turns: list[Turn], ti: int) -> Turn | None:
    """The turn a reply answers: the one before, if someone else said it (same entry, for notes)."""
    turn, prev = turns[ti], turns[ti - 1]
    if turn.kind == "note":
        if prev.timestamp != turn.timestamp or prev.voice == "author":
            return None
        return prev
    if prev.speaker == turn.speaker or prev.kind != turn.kind:
        return None
    return prev


def register_people(doc: ReadDocument, out: Extraction, rules: Rules,
                    folders: Folders | None = None) -> dict[str, Ref | None]:
    """Resolve each speaker label of ``doc`` to a Person (the returned map), with what the other
    documents of its folder say of their speakers (``folders``); add SPOKE_IN, AUTHORED and role
    edges to ``out``."""
    kb = out.kb
    names: dict[str, Ref | None] = {}
    ctx = context_people(doc)
    for name in [*doc.meta.participants, *doc.meta.authors]:
        if not kb.lookup(name, {"Person"}):
            kb.add("Person", name, source="corpus")
    for turn in doc.turns:
        if turn.speaker and turn.speaker not in names:
            names[turn.speaker] = speaker_ref(turn, doc, kb, ctx, rules, folders)
    first_turn: dict[Ref, Turn] = {}
    role_confidence = rules.confidence("book.role-line")
    for turn in doc.turns:
        ref = names.get(turn.speaker or "")
        if ref and turn.kind in SPOKEN and ref not in first_turn:
            first_turn[ref] = turn
        if ref and turn.role and turn.role_span:
            role, org = split_role(turn.role)
            ev = evidence(doc, *turn.role_span, turn.timestamp, "book.role-line", role_confidence)
            org_ref = (kb.lookup(org, {"Organization"}) or kb.add("Organization", org, source="corpus").ref) if org else None
            kb.add_role(ref, role, org_ref[1] if org_ref else None)
            if org_ref:
                out.relate("AFFILIATED_WITH", ref, org_ref, ev, role=role)
    for ref, turn in first_turn.items():
        out.relate("SPOKE_IN", ref, doc_ref(doc), evidence(doc, turn.start, turn.end, turn.timestamp,
                                                            "reader.speaker-turn", rules.confidence("reader.speaker-turn")))
    for author in doc.meta.authors:
        ref = kb.lookup(author, {"Person"})
        if ref:
            out.relate("AUTHORED", ref, doc_ref(doc), None, rule="meta.authors", confidence=rules.confidence("meta.authors"))
    return names


def tally(out: Extraction, di: int, speakers: list[Ref | None]) -> dict[Ref, tuple[int, int]]:
    """How many claims each speaker of document ``di`` makes (with asides: a host's own story between
    questions is no question), and how many questions they ask or set up (``speakers``: of each turn)."""
    said: dict[Ref, list[int]] = {}
    for ti, ref in enumerate(speakers):
        if ref is not None:
            counts = said.setdefault(ref, [0, 0])
            for u in out.units.get((di, ti), []):
                counts[0] += u.kind in ("claim", "aside")
                counts[1] += u.kind in ("question", "setup")
    return {ref: (claims, asks) for ref, (claims, asks) in said.items()}


def argue(said: dict[Ref, tuple[int, int]]) -> set[Ref]:
    """The speakers who make more claims than they ask questions or set them up (``said``: their
    :func:`tally`); the others ask (a moderator, an interviewer)."""
    return {ref for ref, (claims, asks) in said.items() if claims > asks}
