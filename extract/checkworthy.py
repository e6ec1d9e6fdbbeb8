"""Check-worthiness: how much a claim states a fact someone could look up, as a score from 0 to 1.

Read from the parse of the claim's sentences: figures, named entities and past events raise it;
opinions, hedges, predictions, advice and questions lower it.  The weights and word lists are data
(``extract/rules/checkworthy.yml``), set by hand and measured by ``python -m bench.checkworthy``.

>>> checkworthiness(nlp("Gen-2 was released in March 2023 by Runway.")[:])   # doctest: +SKIP
0.8
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel
from spacy.tokens import Span, Token

RULES_FILE = Path(__file__).parent / "rules" / "checkworthy.yml"
Feature = Literal["number", "money_or_share", "named", "person", "date", "past", "comparison", "record", "opinion",
                  "hedge", "future", "you", "question", "imperative", "short", "pronoun_subject"]
_NAMED = frozenset({"ORG", "GPE", "LOC", "PRODUCT", "LAW", "EVENT", "WORK_OF_ART", "NORP", "FAC"})
_COMPARING = frozenset({"JJR", "JJS", "RBR", "RBS"})
_POINTING = frozenset({"it", "that", "this", "they", "these", "those"})


class CheckWorthiness(BaseModel):
    bias: float
    keeps_claim: float  # a unit at least this check-worthy is a claim whatever the claim model says
    weights: dict[Feature, float]
    words: dict[Literal["opinion", "hedge", "future", "money_or_share", "record"], frozenset[str]]


@lru_cache(maxsize=1)
def load() -> CheckWorthiness:
    return CheckWorthiness.model_validate(yaml.safe_load(RULES_FILE.read_text(encoding="utf-8")))


def features(span: Span, rules: CheckWorthiness | None = None) -> set[str]:
    """The features of ``rules.weights`` that the claim ``span`` has."""
    rules = rules or load()
    toks = [t for t in span if (not t.is_space and not t.is_punct) or t.text in ("%", "$", "?")]
    lower = {t.lower_ for t in toks}
    words = rules.words
    labels = {e.label_ for e in span.ents}
    root = span.root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    found = set()
    if any(t.like_num or t.tag_ == "CD" for t in toks):
        found.add("number")
    if lower & words["money_or_share"] or labels & {"MONEY", "PERCENT"}:
        found.add("money_or_share")
    if labels & _NAMED:
        found.add("named")
    if "PERSON" in labels:
        found.add("person")
    if "DATE" in labels:
        found.add("date")
    if root.tag_ == "VBD" or (root.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in root.children)):
        found.add("past")
    if on_record(root, rules):
        found.add("record")  # "He voted against the bill", "They released the weights"
    if any(t.tag_ in _COMPARING for t in toks) or "than" in lower:
        found.add("comparison")
    if any((t.lower_ in words["opinion"] or t.lower_[:-1] in words["opinion"])
           and any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in t.children) for t in toks):
        found.add("opinion")  # "I think …", "we believe …"
    if lower & words["hedge"]:
        found.add("hedge")
    if lower & words["future"] or ("going" in lower and "to" in lower and root.lower_ == "going"):
        found.add("future")
    if "you" in lower:
        found.add("you")
    if span.text.rstrip().endswith("?"):
        found.add("question")
    if root.tag_ == "VB" and subject is None and not any(c.dep_ in ("aux", "expl") for c in root.children):
        found.add("imperative")
    if len(toks) < 6:
        found.add("short")
    if subject is not None and subject.lower_ in _POINTING and not labels & (_NAMED | {"PERSON"}):
        found.add("pronoun_subject")
    return found & set(rules.weights)


def on_record(verb: Token, rules: CheckWorthiness | None = None) -> bool:
    """The verb is a deed on the record: voted, signed, released, acquired, banned (``record`` words)."""
    return verb.tag_.startswith("VB") and bool(_stems(verb.lower_) & (rules or load()).words["record"])


def _stems(word: str) -> set[str]:
    """``word`` and what it may be an inflection of ("voted" → "vote", "shipped" → "ship"); the build's
    pipeline has no lemmatizer."""
    out = {word}
    for suffix in ("s", "d", "ed", "ing"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[:-len(suffix)]
            out |= {stem, stem + "e", stem[:-1] if len(stem) > 3 and stem[-1] == stem[-2] else stem}
    return out


def checkworthiness(span: Span, rules: CheckWorthiness | None = None) -> float:
    """How much the claim ``span`` states a checkable fact, from 0 to 1."""
    rules = rules or load()
    z = rules.bias + sum(rules.weights[f] for f in features(span, rules))
    return 1 / (1 + math.exp(-z))
