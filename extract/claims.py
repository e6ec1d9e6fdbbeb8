"""Claims: each sentence unit of kind ``claim`` made a :class:`ClaimRecord`, attributed, with what it mentions.

The units come from the parse (:mod:`extract.units`); the entity spans from the curated
and corpus rulers (:func:`extract.nlp.corpus_rulers`); the speaker from
:func:`extract.attribution.attribute`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extract import checkworthy, claim_model
from extract.attribution import attribute, view_of
from extract.kb import Ref
from extract.openers import without_openers
from extract.mentions import bare_names, resolve_entity, system_mentions
from extract.parser import TurnAnalysis
from extract.people import lower_words
from extract.readers.common import video_url
from extract.records import SPOKEN, ClaimRecord, Extraction, ReadDocument, Turn, TurnUnit, claim_key, doc_ref, evidence
from extract.rules import Rules
from extract.speakers import argue, context_people, previous_turn, tally
from extract.units import answers_why, asks_why

SPEECH = ("speech", "segment", "paragraph")
_PRONOUN = re.compile(r"(?:(?:so|and|but|also|then),?\s+)*(?:he|she)\b", re.I)  # who the claim before reported


def document_claims(out: Extraction, di: int, analyses: list[TurnAnalysis], entities, names: dict[str, Ref | None],
                    rules: Rules) -> None:
    """Add document ``di``'s claims to ``out``, and every sentence unit of its turns to ``out.units``.

    ``entities(text, analysis)``: the entity spans of a turn; ``names``: its speaker labels resolved.
    A claim's ``context`` is what its turn replies to: the question before it, else the point made before it."""
    doc = out.documents[di]
    ctx = context_people(doc)
    common = lower_words(doc.text)
    reported: list[Ref | None] = [None]  # whose view the claim before was, as the text reported it
    first = len(out.claims)
    for ti, an in enumerate(analyses):
        prev = previous_turn(doc.turns, ti) if ti else None
        out.units[(di, ti)] = _turn_claims(out, doc, doc.turns[ti], an, entities, names, rules, ctx, common,
                                           _replying_to(out.units.get((di, prev.index), [])) if prev else None,
                                           reported)
    _preambles(out, di, names, first)


def _preambles(out: Extraction, di: int, names: dict[str, Ref | None], first: int) -> None:
    """What a speaker who asks rather than argues (a moderator, an interviewer) says right before a question
    of the same turn sets the question up ("Teachers here are paid less than anywhere. Why?"): no claim.
    (Further back in the turn the asker may argue: that stays a claim.)  The set-up stays on the answer,
    in its ``context``.
    ``first``: where the document's claims start in ``out.claims``."""
    doc = out.documents[di]
    speakers = [names.get(t.speaker or "") for t in doc.turns]
    arguing = argue(tally(out, di, speakers))
    dropped: set[int] = set()
    for ti, ref in enumerate(speakers):
        units = out.units.get((di, ti), [])
        if ref is None or ref in arguing or doc.turns[ti].kind not in SPEECH:
            continue
        for k in (k for k in range(len(units) - 1) if units[k + 1].kind == "question"):
            if units[k].claim is not None:
                dropped.add(id(units[k].claim))
                for named, ev in units[k].claim.mentions:  # what it names is still the document's mention
                    out.relate("MENTIONS", doc_ref(doc), named, ev)
                units[k] = replace(units[k], kind="setup", claim=None)
                out.skipped_units["setup"] = out.skipped_units.get("setup", 0) + 1
    if dropped:
        out.claims[first:] = [c for c in out.claims[first:] if id(c) not in dropped]


def _replying_to(before: list[TurnUnit]) -> str | None:
    """What a turn replies to: the last question of the turn before it, with the sentence that sets it up
    ("Teachers here are paid less than anywhere. Why?"), else that turn's last claim (its point)."""
    for kind in ("question", "claim"):
        at = [k for k, u in enumerate(before) if u.kind == kind]
        if at:
            k = at[-1]
            if kind == "question" and k and before[k - 1].kind in ("claim", "setup", "aside"):
                return f"{before[k - 1].text} {before[k].text}"
            return before[k].text
    return None


def balanced(text: str) -> str:
    """``text`` without a quotation mark that opens or closes nothing in it (a quote cut at a sentence)."""
    for opening, closing in (("“", "”"), ("‘", "’")):
        if text.startswith(opening) and closing not in text:
            text = text[1:]
        if text.endswith(closing) and opening not in text and not text[-2:-1].isalpha():
            text = text[:-1]
    if text.count('"') % 2 and (text.startswith('"') or text.endswith('"')):
        text = text[1:] if text.startswith('"') else text[:-1]
    return text


def _turn_claims(out: Extraction, doc: ReadDocument, turn: Turn, an: TurnAnalysis, entities, names: dict,
                 rules: Rules, ctx: list[str], common: frozenset[str], replying_to: str | None,
                 reported: list[Ref | None]) -> list[TurnUnit]:
    """The units of one turn, its claims made records.  ``reported[0]``: whose view the claim before this
    one reported; "He believes …" right after "Tom Reyes argues …" is Tom Reyes's view too."""
    kb = out.kb
    units: list[TurnUnit] = []
    model = claim_model.load()
    keeps = checkworthy.load().keeps_claim
    found_in = _Mentions(turn, an, entities, kb, ctx, rules, common)
    for i, (u_start, u_end, kind, t_first, t_end, score, worth) in enumerate(an.units):
        stances = an.stances.get(i, ((), ()))
        cues = an.cues.get(i, ())
        text = turn.text[u_start:u_end].strip()
        start, end = turn.tmap.to_raw(u_start, u_end)
        before = an.units[i - 1] if i else None  # the unit before in the turn: (start, end, kind, …)
        asked = replying_to if before is None else turn.text[before[0]:before[1]] if before[2] == "question" else None
        answer = (kind in ("claim", "fragment") and turn.kind in SPEECH and asked is not None and asks_why(asked, rules)
                  and answers_why(text, rules))
        if answer:  # "Because the budget was cut." after "Why?": the reason asked for is a claim, whatever the model
            kind = "claim"
        said = without_openers(text, rules) if kind == "claim" else text  # "Having said that, I think …"
        stance, whose = view_of(said, kb, rules, ctx) if kind == "claim" and turn.kind in SPEECH else (None, None)
        if stance == "reported" and whose is None and _PRONOUN.match(said):
            whose = reported[0]
        if (kind == "claim" and turn.kind in SPOKEN and model is not None and score < model.threshold and stance is None
                and worth < keeps and not answer):
            kind = "aside"  # narration, an aside or a reaction in speech: what the claim model says is no claim
            # (a statement of fact stays a claim: "He voted against the bill three times.")
        if kind == "aside":  # no claim, but the people and things it names are the document's mentions
            ev = evidence(doc, start, end, turn.timestamp, "", 1.0)
            me = names.get(turn.speaker or "")
            for ref, rule, confidence in found_in(text, u_start, u_end, t_first, t_end, cues):
                if ref != me:
                    out.relate("MENTIONS", doc_ref(doc), ref, replace(ev, rule=rule, confidence=confidence))
        if kind != "claim":
            out.skipped_units[kind] = out.skipped_units.get(kind, 0) + 1
            units.append(TurnUnit(doc, turn, text, start, end, kind, None, *stances, cues))
            continue
        speaker, how, conf = attribute(doc, turn, text, kb, names, rules, ctx)
        if whose is not None:  # "Ilya's line is ...": his view, as this speaker reports it
            speaker, how, conf = whose, "reported", rules.confidence("attribution.speech-reported")
        elif (how == "unknown" and turn.kind == "summary" and reported[0] and _PRONOUN.match(said)
              and rules.cues_for("report").first(said)):  # a summary's "He argues …" after "Ada argues …"
            speaker, how, conf = reported[0], "reported", rules.confidence("attribution.summary-reported")
        claim = ClaimRecord(
            key=claim_key(doc.meta.path, start, end), document=doc.meta.path, text=balanced(said),
            quote=doc.text[start:end], start=start, end=end, speaker=speaker, timestamp=turn.timestamp,
            url=video_url(doc.meta.video_id, turn.timestamp), section=turn.section, attribution=how,
            confidence=conf, turn=turn.index, context=replying_to, stance=stance, score=score,
            checkworthy=worth,
        )
        seen: set[Ref] = set()
        for ref, rule, confidence in found_in(text, u_start, u_end, t_first, t_end, cues):
            if ref not in seen and ref != speaker:
                seen.add(ref)
                claim.mentions.append((ref, claim.evidence(rule, confidence)))
        units.append(TurnUnit(doc, turn, text, start, end, kind, claim, *stances, cues))
        out.claims.append(claim)
        reported[0] = speaker if how == "reported" else None
    return units


class _Mentions:
    """What a unit of one turn names: entity spans (from the rulers and the NER), bare names, system
    patterns — as (ref, rule, confidence), each resolved against the knowledge base."""

    def __init__(self, turn: Turn, an: TurnAnalysis, entities, kb, ctx: list[str], rules: Rules,
                 common: frozenset[str]):
        self.turn, self.an, self.entities, self.kb, self.ctx, self.rules, self.common = \
            turn, an, entities, kb, ctx, rules, common
        self.ents = None

    def __call__(self, text: str, u_start: int, u_end: int, t_first: int, t_end: int,
                 cues: tuple[tuple[str, int], ...]) -> list[tuple[Ref, str, float]]:
        if self.ents is None:  # the turn's entity spans, made once and only for a turn that has a unit to look at
            self.ents = self.entities(self.turn.text, self.an)
            self.covered = {i for s, e, *_ in self.ents for i in range(s, e)}
        turn, an, kb, ctx, rules = self.turn, self.an, self.kb, self.ctx, self.rules
        found = []
        for _, _, label, eid, e_start, e_end in self.ents:
            if u_start <= e_start and e_end <= u_end:
                hit = resolve_entity(label, eid, turn.text[e_start:e_end], kb, ctx, rules, self.common,
                                     turn.text[e_end:e_end + 8])
                if hit:
                    found.append(hit)
        names_here = (an.token(i, turn.text) for i in an.propn if t_first <= i < t_end and i not in self.covered)
        found += bare_names(names_here, kb, ctx, rules)
        found += system_mentions(rules.found("system", text, cues), kb, ctx, rules)
        return found
