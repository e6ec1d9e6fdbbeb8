"""Discourse openers ("Yeah, so, I mean, …", "Having said that, …"): what a claim's text is stripped of,
and what is set aside before a sentence is read for whose view it states.  The words are data
(``words.yml``: ``opener`` and ``pause_opener``)."""

from __future__ import annotations

import re
from functools import lru_cache

from extract.rules import Rules


def without_openers(text: str, rules: Rules) -> str:
    """``text`` without the discourse openers it starts with: "Yeah, so, I mean, it scales." → "It
    scales." (unchanged when little would be left)."""
    rest = _openers(tuple(sorted(rules.word_list("opener"), key=len, reverse=True)),
                    tuple(sorted(rules.word_list("pause_opener"), key=len, reverse=True)),
                    tuple(sorted(rules.word_list("opener_phrase")))).sub("", text)
    if len(rest.split()) < 3 or rest == text:
        return text
    return rest[:1].upper() + rest[1:]


@lru_cache(maxsize=4)
def _openers(openers: tuple[str, ...], pausing: tuple[str, ...], phrases: tuple[str, ...]) -> re.Pattern:
    """Openers, each followed by a pause or a space; pausing ones only by a pause ("Look, …", not "Look
    at"); none that makes a phrase with the word after it ("So far …")."""
    plain = "|".join(re.escape(o) for o in openers)
    paused = "|".join(re.escape(o) for o in pausing)
    phrase = "|".join(re.escape(w) for w in phrases) or "(?!)"
    return re.compile(rf"^(?:(?:(?:{plain})\b(?:[,.!…]+\s*|\s+(?!(?:{phrase})\b))|(?:{paused})[,.!…—–-]+\s*))+", re.I)
