"""Claims: each sentence unit of kind ``claim`` made a :class:`ClaimRecord`, attributed, with what it mentions.

The units come from the parse (:mod:`extract.units`); the entity spans from the curated
and corpus rulers (:func:`extract.nlp.corpus_rulers`); the speaker from
:func:`extract.attribution.attribute`.
"""

from __future__ import annotations

from extract.attribution import attribute
from extract.kb import Ref
from extract.mentions import bare_names, resolve_entity, system_mentions
from extract.parser import TurnAnalysis
from extract.people import lower_words
from extract.readers.common import video_url
from extract.records import ClaimRecord, Extraction, ReadDocument, Turn, TurnUnit, claim_key
from extract.rules import Rules
from extract.speakers import context_people


def document_claims(out: Extraction, di: int, analyses: list[TurnAnalysis], entities, names: dict[str, Ref | None],
                    rules: Rules) -> None:
    """Add document ``di``'s claims to ``out``, and every sentence unit of its turns to ``out.units``.

    ``entities(text, analysis)``: the entity spans of a turn; ``names``: its speaker labels resolved."""
    doc = out.documents[di]
    ctx = context_people(doc)
    common = lower_words(doc.text)
    for ti, an in enumerate(analyses):
        out.units[(di, ti)] = _turn_claims(out, doc, doc.turns[ti], an, entities, names, rules, ctx, common)


def _turn_claims(out: Extraction, doc: ReadDocument, turn: Turn, an: TurnAnalysis, entities, names: dict,
                 rules: Rules, ctx: list[str], common: frozenset[str]) -> list[TurnUnit]:
    kb = out.kb
    units: list[TurnUnit] = []
    ents = None
    for u_start, u_end, kind, t_first, t_end in an.units:
        text = turn.text[u_start:u_end].strip()
        start, end = turn.tmap.to_raw(u_start, u_end)
        if kind != "claim":
            out.skipped_units[kind] = out.skipped_units.get(kind, 0) + 1
            units.append(TurnUnit(doc, turn, text, start, end, kind, None))
            continue
        if ents is None:
            ents = entities(turn.text, an)
            covered = {i for s, e, *_ in ents for i in range(s, e)}
        speaker, how, conf = attribute(doc, turn, text, kb, names, rules, ctx)
        claim = ClaimRecord(
            key=claim_key(doc.meta.path, start, end), document=doc.meta.path, text=text,
            quote=doc.text[start:end], start=start, end=end, speaker=speaker, timestamp=turn.timestamp,
            url=video_url(doc.meta.video_id, turn.timestamp), section=turn.section, attribution=how,
            confidence=conf, turn=turn.index,
        )
        seen: set[Ref] = set()

        def mention(ref: Ref, rule: str, confidence: float) -> None:
            if ref not in seen and ref != speaker:
                seen.add(ref)
                claim.mentions.append((ref, claim.evidence(rule, confidence)))

        for _, _, label, eid, e_start, e_end in ents:
            if u_start <= e_start and e_end <= u_end:
                found = resolve_entity(label, eid, turn.text[e_start:e_end], kb, ctx, rules, common)
                if found:
                    mention(*found)
        names_here = (an.token(i, turn.text) for i in an.propn if t_first <= i < t_end and i not in covered)
        for found in bare_names(names_here, kb, ctx, rules):
            mention(*found)
        for found in system_mentions(text, kb, ctx, rules):
            mention(*found)
        units.append(TurnUnit(doc, turn, text, start, end, kind, claim))
        out.claims.append(claim)
    return units
