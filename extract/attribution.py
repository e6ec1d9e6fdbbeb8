"""Attribution: who makes a claim, how we know, and how sure we are (``confidences.yml``)."""

from __future__ import annotations

import re

from extract.kb import KnowledgeBase, Ref
from extract.records import ReadDocument, Turn
from extract.rules import Rules


def attribute(doc: ReadDocument, turn: Turn, unit_text: str, kb: KnowledgeBase, names: dict[str, Ref | None],
              rules: Rules, ctx: list[str]) -> tuple[Ref | None, str, float]:
    """Who makes this claim: (person or None, how we know, confidence).

    ``names``: the document's speaker labels, resolved (:func:`extract.speakers.register_people`);
    ``ctx``: its people's names.  "How" is ``turn`` (the speaker's own turn), ``author`` (notes in
    the author's voice), ``reported`` (a summary or note saying whose view it is), ``subject`` (the
    summary's subject) or ``unknown``.
    """
    conf = rules.confidence
    if turn.kind == "speech":
        return names.get(turn.speaker or ""), "turn", conf("attribution.speech")
    if turn.kind == "note":
        if turn.voice == "author":
            ref = kb.lookup(turn.speaker, {"Person"}) if turn.speaker else None
            return ref, "author" if ref else "unknown", conf("attribution.note-author")
        if turn.voice == "reported" and turn.speaker:
            ref = kb.resolve_person(turn.speaker, ctx)
            return ref, "reported" if ref else "unknown", conf("attribution.note-reported")
        return None, "unknown", conf("attribution.note-other")
    if turn.kind == "summary":
        for cue in rules.cues_for("report"):
            m = cue.regex.search(unit_text)
            if m and m.group("who") not in ("He", "She"):
                ref = kb.resolve_person(m.group("who"), ctx)
                if ref:
                    return ref, "reported", conf("attribution.summary-reported")
        subject = kb.lookup(doc.meta.subject, {"Person"}) if doc.meta.subject else None
        return subject, "subject" if subject else "unknown", conf("attribution.summary-subject")
    if turn.speaker:
        ref = names.get(turn.speaker) or kb.resolve_person(turn.speaker, ctx)
        return ref, "turn" if ref else "unknown", conf("attribution.labelled")
    return None, "unknown", conf("attribution.unlabelled")


VIEWS = (("hypothetical", "hypothetical"), ("rejected_view", "rejected"), ("reported_view", "reported"))


def _denied_after(text: str, at: int, rules: Rules) -> bool:
    """Whether a sentence after position ``at`` of ``text`` denies something ("That's not the case.")."""
    end = re.search(r"[.!?…]\s+", text[at:])
    if end is None:
        return False
    rest = text[at + end.end():]
    return any(d.regex.search(rest) for d in rules.cues_for("disagree"))


def view_of(text: str, kb: KnowledgeBase, rules: Rules, ctx: list[str]) -> tuple[str | None, Ref | None]:
    """Whether a sentence of speech states a view that is not the speaker's own: (``hypothetical``,
    ``rejected`` or ``reported``, the person it is reported of when the text names one the document
    knows), else (None, None).  "Imagine if ...", "People used to say ...", "Ilya's line is ..."; a report
    the sentence goes on to deny ("People told me …  That's not the case.") is rejected.

    ``text`` is read without its openers (:func:`extract.openers.without_openers`): "Having said that,
    I think …" reports nobody."""
    for category, stance in VIEWS:
        hit = rules.cues_for(category).first(text)
        if hit:
            cue, m = hit
            if stance == "reported" and _denied_after(text, m.end(), rules):
                return "rejected", None  # "People told me it only works here. That's not the case."
            who = next((m.group(g) for g in cue.names if m.group(g)), None)
            return stance, (kb.resolve_person(who, ctx) if who and stance == "reported" else None)
    return None, None
