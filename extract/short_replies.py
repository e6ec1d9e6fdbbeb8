"""Short replies that say yes or no by their verb alone: "It does." to "It works.", "We have." to "You
haven't done anything.", "You can." to "… you can't."

Such a reply (a subject and an auxiliary, nothing of its own to claim) repeats the auxiliary of the
sentence it answers, with that sentence's polarity (it confirms) or the other (it contradicts).  The
answered sentence is found by the caller; this module only reads the two texts.  Grammar, not
knowledge: the auxiliaries of each verb family are English's own.
"""

from __future__ import annotations

import re

_FAMILY = {
    **dict.fromkeys(("am", "is", "are", "was", "were", "'m", "’m", "'s", "’s", "'re", "’re"), "be"),
    **dict.fromkeys(("have", "has", "had", "'ve", "’ve"), "have"),
    **dict.fromkeys(("do", "does", "did"), "do"),
    **{m: m for m in ("can", "could", "will", "would", "should", "must", "may", "might", "shall")},
    "ca": "can", "wo": "will", "'ll": "will", "’ll": "will", "sha": "shall",
}
_REPLY = re.compile(
    r"^\W*(?:(?:yes|yeah|yep|no|nope|well|oh|but|and|actually|sorry|of course|oh yes),?\s+)*"
    r"(?:I|you|we|they|he|she|it|that|there|this|these|those)"
    r"(?:\s+(?:(?:already|still|certainly|definitely|really|actually|also|sure|absolutely|obviously|clearly)\s+)?"
    r"(?P<aux>am|is|are|was|were|do|does|did|have|has|had|can|could|will|would|should|must|may|might|ca|wo)"
    r"|(?P<short>['’](?:s|re|m|ve|ll))(?=\s+not\b))"  # "No, it's not.", "They're not."
    r"(?P<neg>n?['’]t|not|\s+not)?"
    r"(?:\s+(?:indeed|too|actually|already|definitely|certainly|absolutely|though|still|so|yet|in fact))?"
    r"(?:[.!,]?\s*(?:yes|yeah|no))?\s*[.!]*\s*$", re.I)
_AUX = re.compile(r"(?P<aux>(?<![\w’'])(?:am|is|are|was|were|do|does|did|have|has|had|can|could|will|would|should|"
                  r"must|may|might|shall|ca|wo|sha)|(?<=\w)['’](?:m|s|re|ve|ll))"
                  r"(?:(?P<neg>n?['’]t|not)\b|\b(?P<not>\s+(?:not|never)\b)?)", re.I)
_NEVER = re.compile(r"\b(?:never|no longer|nobody|nothing|none|no one)\b", re.I)


def reply_verb(reply: str) -> tuple[str, bool] | None:
    """The verb family and the polarity (True: negated) of a reply that is only a subject and an
    auxiliary ("It does.", "No, we haven't.", "You can, yes."), else None."""
    m = _REPLY.match(reply.strip())
    if m is None:
        return None
    return _FAMILY[(m.group("aux") or m.group("short")).lower()], bool(m.group("neg"))


def polarity(sentence: str, family: str) -> bool | None:
    """Whether ``sentence`` says no with the verb of ``family``: its last auxiliary of that family and
    the negation after it; a sentence with no auxiliary at all is of the family "do" ("It works.",
    "They never built it.").  None: no verb of that family."""
    found = [m for m in _AUX.finditer(sentence) if _FAMILY.get(m.group("aux").lower()) == family
             and not (m.group("aux") in ("'s", "’s") and family == "be" and _possessive(sentence, m.start()))]
    if found:
        return bool(found[-1].group("neg") or found[-1].group("not"))
    if family == "do" and not any(True for _ in _AUX.finditer(sentence)):
        return bool(_NEVER.search(sentence))
    return None


def _possessive(sentence: str, at: int) -> bool:
    """'s after a name or noun that is not a pronoun or "that"/"it": a possessive more likely than "is"."""
    before = re.findall(r"[\w’']+", sentence[:at])
    return bool(before) and before[-1].lower() not in ("it", "that", "he", "she", "there", "what", "who", "here", "this")


def stance(reply: str, answered: str) -> str | None:
    """"agree" when the short reply confirms the answered sentence, "disagree" when it contradicts it,
    else None (not a short reply, or the sentence has no verb of its family)."""
    verb = reply_verb(reply)
    if verb is None:
        return None
    family, negated = verb
    said = polarity(answered, family)
    if said is None:
        return None
    return "agree" if said == negated else "disagree"
