"""Stance cues are families: sentences written here, in no seed, find their category; negated or
hypothetical agreement never becomes agreement."""

from __future__ import annotations

import pytest

from extract.rules import load_rules

RULES = load_rules()


def hits(category: str, sentence: str) -> bool:
    return any(c.regex.search(sentence) for c in RULES.cues_for(category))


@pytest.mark.parametrize("category, sentence", [
    ("agree", "You're on the right track there."),
    ("agree", "That sounds exactly right to me."),
    ("agree", "Marta is, in my opinion, right."),
    ("disagree", "That sits at odds with what you said earlier."),
    ("disagree", "I'd say no to that, honestly."),
    ("disagree", "I don't think anyone can predict that."),
    ("setup", "I wanted to ask about robotics next."),
    ("filler", "Welcome back to the show, everyone."),
    ("filler", "Thanks so much for doing this."),
    ("group_contrast", "Their forecasts turned out mistaken every time."),
])
def test_cues_describe_families_of_sentences(category, sentence):
    assert hits(category, sentence)


@pytest.mark.parametrize("reply", [
    "I'm not sure I agree with that.",
    "I don't agree, the data says otherwise.",
    "I never agreed with that framing.",
    "If you agree with that, then the rest follows.",
])
def test_negated_or_hypothetical_agreement_is_never_agreement(reply, tmp_path):
    from extract.pipeline import extract
    from extract.readers import read_text
    from extract.records import DocumentMeta

    text = ("Ada Quill 00:00:05\n\nI think synthetic data will get us past the data wall within two years.\n\n"
            f"Bram Ng 00:00:12\n\n{reply}\n")
    doc = read_text(text, DocumentMeta(path=str(tmp_path / "t.txt"), format=""))
    ex = extract([doc])
    assert not [r for r in ex.relations if r.type == "AGREES_WITH"]


def test_a_persons_name_in_a_system_pattern_is_not_a_system(tmp_path):
    from extract.pipeline import extract
    from extract.readers import read_text
    from extract.records import DocumentMeta

    text = ("Ada Quill 00:00:05\n\nI met Sergey Brin last year at the lab.\n\n"
            "Bram Ng 00:00:12\n\nThe model Sergey showed me was a new system Zephyr-9 that plays chess.\n")
    ex = extract([read_text(text, DocumentMeta(path=str(tmp_path / "t.txt"), format=""))])
    systems = {e.name for e in ex.kb.entities.values() if e.type == "System" and e.source == "pattern"}
    assert "Sergey" not in systems and "Zephyr-9" in systems
