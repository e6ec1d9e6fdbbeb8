"""Which stance a unit's own words take: the ``agree`` and ``disagree`` cue families of
``extract/rules/cues.yml``, with what turns a cue around or voids it handled for every cue alike.

A negation before an agreement cue in its clause ("I'm not sure I agree") is no agreement, a
disclaimer before a disagreement cue ("I'm not saying you're wrong") no disagreement, a condition
makes it hypothetical ("if you agree, ..."), a hedge voids a weak cue, a question carries no
agreement (and disagreement only by a strong, rhetorical cue), and reported speech ("He thinks
you're wrong") is not the speaker's stance.  It depends on the words alone, so the parser finds it
with each sentence unit (:func:`extract.parser.analyse`); who the stance is with is
:mod:`extract.stance`'s work.

>>> [(rel, cue.id) for rel, cue, _ in stance_cues("I'm not sure I agree.", load_rules())]   # doctest: +SKIP
[]
"""

from __future__ import annotations

import re

from extract.rules import CueRule, Rules

SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_NOT_WORD = " \t\n\"“”'‘’([-–—*_"  # what may open a cue's match before its first word
# How many units of a turn a reply's stance opens with, by the turn's kind: past them a turn takes a
# stance only by naming whom ("I agree with Maya").
OPENING = {"speech": 3, "segment": 3, "paragraph": 3, "note": 2}


def stance_cues(text: str, rules: Rules, naming_only: bool = False) -> list[tuple[str, CueRule, str | None]]:
    """The stances a unit takes, at most one of each kind: (DISAGREES_WITH or AGREES_WITH, the cue, whom
    it names or None).  "I agree, but I'd push back on the timing" takes both."""
    found = [f for f in (stance_cue(text, rules, rel, naming_only) for rel in ("DISAGREES_WITH", "AGREES_WITH")) if f]
    if len(found) == 2 and found[0][1].yes_or_no:
        end = SENTENCE_END.search(text)
        if stance_cue(text[:end.end()] if end else text, rules, "AGREES_WITH", naming_only):
            return found[1:]  # "No, you're right about that.": the "no" opens an agreement
    return found


def stance_cues_both(text: str, rules: Rules, opening: bool = True) -> tuple[list, list]:
    """``stance_cues(text, rules)`` and ``stance_cues(text, rules, naming_only=True)`` together; the
    first is empty when the unit is not among a turn's ``opening`` units (see ``OPENING``), where only
    the second is read.  The second pass is needed only where the first found a cue that names no one:
    a cue that names whom comes first in both, and where no cue fires none of those naming whom does."""
    if not opening:
        return [], stance_cues(text, rules, naming_only=True)
    every, naming = stance_cues(text, rules), []
    for found in every:
        rel, cue, _ = found
        again = found if cue.names or cue.opponent else stance_cue(text, rules, rel, naming_only=True)
        if again is not None:
            naming.append(again)
    return every, naming


def stance_cue(text: str, rules: Rules, only: str | None = None,
               naming_only: bool = False) -> tuple[str, CueRule, str | None] | None:
    """The stance a unit takes: (DISAGREES_WITH or AGREES_WITH, the cue, whom it names or None); None
    when no cue fires, or what surrounds the cue turns it around or voids it.  ``only``: of that kind;
    ``naming_only``: only the cues that name whom (or, as ``opponent`` cues, the other side)."""
    for rel, category in (("DISAGREES_WITH", "disagree"), ("AGREES_WITH", "agree")):
        if only and rel != only:
            continue
        for cue in rules.cues_for(category):
            if naming_only and not (cue.names or cue.opponent):
                continue
            m = cue.regex.search(text)
            if not m or _quoted(text, m.end() - len(m.group(0).lstrip(_NOT_WORD))):
                continue  # 'Like, you can say "No, that's wrong."': words quoted, not the speaker's stance
            end = SENTENCE_END.search(text, m.end())
            question = (end.group(0) if end else text.rstrip()[-1:]) == "?"  # the cue's own sentence asks
            before = clause_before(text, m.start())
            opening = text[sentence_start(text, m.start()):m.start()]
            if rules.cues_for("condition").first(before) or rules.cues_for("hypothetical").first(opening.strip()):
                continue  # "if you agree, ...", "It would be like if you asked me, and I'd say no": hypothetical
            if reported(before, text[m.end():end.end() if end else len(text)], rules):
                continue  # "He thinks you're wrong": someone else's stance, not the speaker's
            if rel == "AGREES_WITH" and (rules.cues_for("negation").first(before) or question):
                continue  # "I'm not sure I agree", "Do you agree?": no agreement
            if rel == "DISAGREES_WITH" and rules.cues_for("disclaimer").first(before):
                continue  # "I'm not saying you're wrong", "Not that I disagree": no disagreement
            if question and _checks_inference(text[sentence_start(text, m.start()):m.end()], rules):
                continue  # "Okay, so it's not the case that it was expensive?": what the other said, put back to check
            if question and cue.confidence < 0.8:
                continue  # a question is no position, unless its cue is a strong one ("What are you even talking about?")
            if cue.confidence < 0.8 and rules.cues_for("hedge").first(_past_concession(text[:m.start()])):
                continue  # "maybe I'm skeptical": hedged (not "Maybe, but I doubt it": conceded, then disputed)
            who = next((m.group(g) for g in cue.names if m.group(g)), None)
            return rel, cue, who
    return None


def _quoted(text: str, at: int) -> bool:
    """Whether offset ``at`` of ``text`` lies inside double quotation marks."""
    head = text[:at]
    return head.count('"') % 2 == 1 or head.rfind("“") > head.rfind("”")


def _checks_inference(opening: str, rules: Rules) -> bool:
    """Whether a question's words up to its cue open on an inference to check ("Okay, so …?", "Sorry, …?")."""
    lead, openers = rules.word_list("inference_lead"), rules.word_list("opener").keys() | rules.word_list("pause_opener").keys()
    for w in re.findall(r"[a-z]+", opening.lower())[:4]:
        if w in lead:
            return True
        if w not in openers:
            return False
    return False


def _past_concession(before: str) -> str:
    """What comes before a cue after the last "but" ("Maybe, but I doubt it": a hedge on what is conceded
    is none on the objection that follows)."""
    cut = [m.end() for m in re.finditer(r"\bbut\b", before, re.I)]
    return before[cut[-1]:] if cut else before


def reported(before: str, after: str, rules: Rules) -> bool:
    """Whether a cue's sentence reports someone else saying it: a saying verb ("says", "thinks") whose
    subject is not the speaker, before the cue ("He thinks …", "The critics say …"; not "I really
    think …") or closing the sentence after it ("…, the report says.")."""
    saying, filler = rules.word_list("saying_verb"), rules.word_list("saying_filler")
    tail = re.findall(r"[\w'’]+", after.lower().rsplit(",", 1)[-1]) if "," in after else []
    if 2 <= len(tail) <= 4 and tail[-1] in saying and tail[-2] not in ("i", "we"):
        return True
    words = re.findall(r"[\w'’]+", before.lower())
    for i, w in enumerate(words):
        if w in saying:
            subject = next((x for x in reversed(words[:i]) if x not in filler), None)
            if subject is not None and subject not in ("i", "we"):
                return True
    return False


def sentence_start(text: str, at: int) -> int:
    """Where the sentence of ``text`` that holds offset ``at`` begins."""
    return max((e.end() for e in SENTENCE_END.finditer(text, 0, at)), default=0)


def clause_before(text: str, at: int) -> str:
    """The words of ``text`` before ``at`` in the same clause (back to a comma, dash or semicolon)."""
    head = text[:at]
    cut = max(head.rfind(","), head.rfind(";"), head.rfind(" - "), head.rfind("—"), head.rfind(":"))
    return head[cut + 1:]
