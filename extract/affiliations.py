"""Affiliations in text: AFFILIATED_WITH from appositions ("Demis Hassabis, CEO of DeepMind") in
speech and editorial text, by the ``affiliation`` cue family.  (Roles printed beside a speaker's
name are :mod:`extract.speakers`'.)"""

from __future__ import annotations

from extract.readers.common import clean
from extract.records import Extraction, evidence
from extract.rules import Rules
from extract.speakers import context_people


def document_affiliations(out: Extraction, di: int, rules: Rules) -> None:
    doc = out.documents[di]
    ctx = context_people(doc)
    pieces = [(t.text, t.tmap, t.timestamp) for t in doc.turns]
    for b in doc.blocks:
        if b.kind in ("intro", "editorial", "footnote"):
            text, tmap = clean(doc.text, [(b.start, b.end)])
            pieces.append((text, tmap, None))
    for text, tmap, ts in pieces:
        for cue, m in rules.cues_for("affiliation").matches(text):
            person = out.kb.resolve_person(m.group("person"), ctx)
            org = out.kb.lookup(m.group("org").strip(), {"Organization"})
            if not person or not org:
                continue
            role = m.group("role").strip()
            role = role[:1].upper() + role[1:]
            ev = evidence(doc, *tmap.to_raw(m.start(), m.end()), ts, cue.id, cue.confidence)
            out.relate("AFFILIATED_WITH", person, org, ev, role=role)
            out.kb.add_role(person, role, org[1])
