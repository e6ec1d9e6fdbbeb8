"""Sentence units of a parsed turn, each of a kind: claim, question, filler, boilerplate, set-up or fragment.

A turn is split into sentences by spaCy's parser.  A sentence that only makes
sense with the one before it ("That's one path." after the path) is merged
into it.  Questions, greetings, back-channel ("Yes, exactly.") and the host's
set-up are not claims, nor are verbless fragments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from extract import claim_model
from extract.rules import Rules

_ANAPHORIC = re.compile(
    r"^(?:that|this|it|which|these|those|so|and that|and this)(?:'s|’s| is| was| will| would| does| seems)?\b", re.I
)


@dataclass
class Unit:
    start: int  # offsets in the turn's cleaned text
    end: int
    sents: list[Span]
    kind: str = "claim"  # claim | question | filler | setup | fragment | boilerplate
    score: float = 0.0  # how likely a claim, by the claim model (0 for what the rules rule out)


def _words(span: Span) -> int:
    return sum(1 for t in span if t.is_alpha)


# The parts of speech extraction reads, taken from the tagger's fine-grained tags and the parse the way
# the model's attribute ruler maps them (its tag map, and its rules on auxiliaries, "do"/"have" as main
# verbs and "there is").  The ruler itself is not run: it costs a tenth of the parse, and nothing else
# it sets (morphology, coarse tags of other words) is read.
VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD", "BES", "HVS"})
_DO_HAVE = frozenset({"do", "does", "did", "'d", "have", "has", "had"})
_CLAUSE = frozenset({"ROOT", "advcl", "ccomp", "conj", "relcl", "xcomp"})
_BE = frozenset({"is", "are", "was", "were", "'s", "'re"})


def _verb_by_rule(t: Token) -> bool:
    """Made VERB or AUX by the parse rather than the tag."""
    return ((t.dep_ in ("aux", "auxpass") and t.tag_ not in ("TO", ""))
            or (t.lower_ in _DO_HAVE and t.dep_ in _CLAUSE)
            or (t.lower_ in _BE and t.i > 0 and t.doc[t.i - 1].dep_ == "expl"))


def is_verb(t: Token) -> bool:
    """The token's part of speech is VERB or AUX."""
    return t.tag_ in VERB_TAGS or _verb_by_rule(t)


def is_proper_noun(t: Token) -> bool:
    """The token's part of speech is PROPN."""
    return t.tag_ in ("NNP", "NNPS") and not _verb_by_rule(t)


def _has_verb(span: Span) -> bool:
    return any(is_verb(t) for t in span)


def _dependent(sent: Span) -> bool:
    """Does this short sentence lean on the one before it ("That's one path.")?"""
    text = sent.text.strip()
    return _words(sent) <= 7 and bool(_ANAPHORIC.match(text)) and not text.endswith("?")


_TAG_QUESTION = re.compile(r",\s*(?:right|no|isn't it|isn’t it|don't you think|don’t you think)\?$", re.I)


def classify(text: str, span_words: int, has_verb: bool, rules: Rules) -> str:
    stripped = text.strip()
    if any(c.regex.search(stripped) for c in rules.cues_for("filler")):
        return "filler"
    if any(c.regex.search(stripped) for c in rules.cues_for("boilerplate")):
        return "boilerplate"
    if stripped.rstrip("\"”’')]").endswith("?") and not _TAG_QUESTION.search(stripped):
        return "question"  # "…, right?" asserts; it is a claim with a tag
    if any(c.regex.search(stripped) for c in rules.cues_for("setup")):
        return "setup"
    if span_words < 4 or not has_verb:
        return "fragment"
    return "claim"


def units(sdoc: Doc, rules: Rules) -> list[Unit]:
    """Sentence units of one turn, each classified; claims are the ``kind == 'claim'`` ones.

    A piece that starts in lower case continues the sentence before it (the
    parser split too early); a short anaphoric sentence ("That's one path.")
    joins the claim before it.  Each unit is classified on its whole text.
    """
    out: list[Unit] = []
    for sent in sdoc.sents:
        text = sent.text.strip()
        if not text:
            continue
        if out and (text[:1].islower() or (_dependent(sent) and out[-1].kind == "claim")):
            last = out[-1]
            last.end = sent.end_char
            last.sents.append(sent)
        else:
            out.append(Unit(sent.start_char, sent.end_char, [sent]))
        last = out[-1]
        words = sum(_words(s) for s in last.sents)
        verb = any(_has_verb(s) for s in last.sents)
        last.kind = classify(sdoc.text[last.start:last.end], words, verb, rules)
    model = claim_model.load()
    for i, u in enumerate(out):
        if u.kind == "claim":
            u.score = claim_model.probability(sdoc[u.sents[0].start:u.sents[-1].end], model, i, len(out),
                                              out[i - 1].kind if i else "none")
    return out
