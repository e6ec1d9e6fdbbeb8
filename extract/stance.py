"""Stance: who disagrees or agrees with whom (DISAGREES_WITH, AGREES_WITH), from replies in dialogue.

Driven by the ``agree``/``disagree`` cue families of ``extract/rules/cues.yml`` and by the
structure of dialogue: a reply that pushes back targets the claim of the previous speaker's
turn it echoes most, else its last one; a cue naming someone ("I think Ilya is right") targets
that person.  Only a speaker's own words (a speech turn, or the author's voice in notes) carry
their stance: reported speech is never the reporter's view, questions never count, a hedge
alone is not disagreement, and a negated or hypothetical agreement ("I'm not sure I agree",
"if you agree") is not agreement.  A speaker who names a group ("AI skeptics") and then shows
its view wrong disagrees with the group.
"""

from __future__ import annotations

import re

from extract.kb import KnowledgeBase, Ref
from extract.records import Extraction, ReadDocument, Turn, TurnUnit
from extract.rules import Rules
from extract.speakers import context_people, turn_speaker

SPEECH_KINDS = ("speech", "segment", "paragraph")


def document_stance(out: Extraction, di: int, rules: Rules) -> None:
    """DISAGREES_WITH / AGREES_WITH from the replies of document ``di`` and the author's responses in notes."""
    doc: ReadDocument = out.documents[di]
    ctx = context_people(doc)
    kb = out.kb
    hedges = rules.cues_for("hedge")
    cats = {"DISAGREES_WITH": rules.cues_for("disagree"), "AGREES_WITH": rules.cues_for("agree")}
    for ti, turn in enumerate(doc.turns):
        own_words = turn.kind in SPEECH_KINDS or (turn.kind == "note" and turn.voice == "author")
        if not own_words or not turn.speaker or ti == 0:
            continue
        prev = previous_turn(doc.turns, ti)
        if prev is None:
            continue
        speaker = turn_speaker(kb, turn, ctx)
        prev_speaker = turn_speaker(kb, prev, ctx)
        prev_claims = [u.claim for u in out.units.get((di, prev.index), []) if u.claim is not None]
        reach = 3 if turn.kind in SPEECH_KINDS else 2  # an unnamed reply answers what was just said
        for k, u in enumerate(out.units.get((di, ti), [])):
            question = u.text.endswith("?")
            for rel, cues in cats.items():
                hit = cues.first(u.text)
                if not hit:
                    continue
                cue, m = hit
                before = clause_before(u.text, m.start())
                if rules.cues_for("condition").first(before):
                    continue  # "if you agree, …": hypothetical
                if rel == "AGREES_WITH" and rules.cues_for("negation").first(before):
                    continue  # "I'm not sure I agree", "I don't think that's right": not agreement
                if question and not (u.text.startswith("I ") and cue.confidence >= 0.8):
                    continue  # a question is not a position ("I would ask, what makes you think …?" is)
                who = next((m.group(g) for g in ("who", "who2") if g in cue.regex.groupindex and m.group(g)), None)
                if k >= reach and not who:
                    continue
                if cue.confidence < 0.8 and hedges.first(u.text):
                    continue  # "maybe I'm skeptical": hedged
                ev = u.evidence(cue.id, cue.confidence)
                source = u.claim.ref if u.claim else speaker
                if who:
                    named = kb.resolve_person(who, ctx)
                    if named and speaker:
                        out.relate(rel, speaker, named, ev)
                        if u.claim:
                            out.relate(rel, source, named, ev)
                    continue
                if source and prev_claims:
                    out.relate(rel, source, answered(u.text, prev_claims, rules).ref, ev)
                elif u.claim and prev_speaker:
                    out.relate(rel, source, prev_speaker, ev)  # answering a question: the person, not a claim
                if speaker and prev_speaker and speaker != prev_speaker:
                    out.relate(rel, speaker, prev_speaker, ev)
                break
        _group_positions(out, out.units.get((di, ti), []), speaker, rules)


def clause_before(text: str, at: int) -> str:
    """The words of ``text`` before ``at`` in the same clause (back to a comma, dash or semicolon)."""
    head = text[:at]
    cut = max(head.rfind(","), head.rfind(";"), head.rfind(" - "), head.rfind("—"), head.rfind(":"))
    return head[cut + 1:]


def content_words(text: str, rules: Rules) -> set[str]:
    """The words of ``text`` that say what it is about (lower case, no stop words of ``words.yml``)."""
    stop = rules.word_list("stop")
    return {w for w in re.findall(r"[a-z][a-z0-9\-]+", text.lower()) if w not in stop and len(w) > 2}


def answered(reply: str, candidates: list, rules: Rules):
    """The claim a reply answers: the one it echoes most ("I agree that … a breaking mechanism"), else the last."""
    words = content_words(reply, rules)
    best = max(candidates, key=lambda c: (len(words & content_words(c.text, rules)), c.end))
    return best if len(words & content_words(best.text, rules)) >= 2 else candidates[-1]


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


def _group_positions(out: Extraction, us: list[TurnUnit], speaker: Ref | None, rules: Rules) -> None:
    """A speaker who names a group ("AI skeptics", "Twitter") and then shows its view wrong disagrees with it."""
    if not speaker:
        return
    cues = rules.cues_for("group_contrast")
    for i, u in enumerate(us):
        groups = groups_in(out.kb, u.text)
        if not groups:
            continue
        for later in us[i:i + 4]:
            hit = cues.first(later.text)
            if hit:
                ev = later.evidence(hit[0].id, hit[0].confidence)
                for g in groups:
                    out.relate("DISAGREES_WITH", speaker, g, ev)
                break


def groups_in(kb: KnowledgeBase, text: str) -> list[Ref]:
    """The groups ("AI skeptics", "Twitter") a sentence names."""
    return [ref for ref, rx in kb.group_patterns() if rx.search(text)]
