"""Mentions: which person, organization, system, concept or work an entity span, a bare name or a
system pattern names (resolution against the knowledge base), and the entities learned from the
corpus found again in every claim."""

from __future__ import annotations

import re
from typing import Iterable

from extract.kb import KnowledgeBase, Ref, norm
from extract.people import looks_like_person
from extract.records import Evidence, Extraction
from extract.rules import CueRule, Rules

_TITLE_WORD = re.compile(r"^[A-Z][a-z]+(?:[-'’][A-Za-z]+)?$")


def junk(text: str, label: str, rules: Rules) -> bool:
    """Whether a span is no name at all: ``junk.yml`` says so for its label, or it has no letters."""
    t = text.strip()
    for j in rules.junk:
        if norm(j.text) == norm(t) and (j.label is None or j.label == label):
            return True
    return not any(c.isalpha() for c in t) or len(t) < 2


_VERSION = re.compile(r"[ \t]?v?(\d{1,2}(?:\.\d{1,2})?)(?![\w.%])")  # "Opus 4.6", "Claude 4", "Gemini 3"


def resolve_entity(label: str, ent_id: str, text: str, kb: KnowledgeBase, ctx: list[str],
                   rules: Rules, common: frozenset[str] = frozenset(), after: str = "") -> tuple[Ref, str, float] | None:
    """The knowledge-base entity an entity span names: (ref, rule id, confidence), or None for junk.

    ``ent_id``: the curated ruler's id, when a ruler found it; ``ctx``: the document's people;
    ``common``: the document's lower-case words (see :func:`looks_like_person`); ``after``: the text
    that follows the span.  A system's name without a number followed by one names another version
    of it ("Opus 4.6" is not Claude 3 Opus): that version, a system of its own."""
    conf = rules.confidence
    if ent_id:
        type_, name = ent_id.split("|", 1)
        version = _VERSION.match(after) if type_ == "System" and not any(c.isdigit() for c in text) else None
        if version:
            named, base = f"{text.strip()} {version.group(1)}", kb.get((type_, name))
            developer = base.props.get("developer") if base else None
            return (kb.lookup(named) or kb.add("System", named, source="pattern", developer=developer).ref,
                    "ruler.system+version", conf("ruler"))
        return (type_, name), f"ruler.{type_.lower()}", conf("ruler")
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"['’]s$", "", text)
    if junk(text, label, rules):
        return None
    if len(text.split()) == 1 and text[:1].isupper() and label in ("PERSON", "ORG", "GPE", "NORP", "PRODUCT"):
        # a bare first name or surname: only the people of this document can make it unambiguous
        fits = {kb.lookup(c, {"Person"}) for c in ctx if norm(text) in {norm(w) for w in c.split()}} - {None}
        if len(fits) == 1:
            return fits.pop(), "ner.name+context", conf("ner.name+context")
    if label == "PERSON":
        ref = kb.resolve_person(text, ctx)
        if ref:
            return ref, "ner.person+resolve", conf("ner.person+resolve")
        known = kb.lookup(text)
        if known:  # a system, organization or concept the NER took for a person ("Tik Tok", "Grok")
            return known, "ner.person+lookup", conf("ner.person+lookup")
        words = text.split()
        if (2 <= len(words) <= 4 and all(_TITLE_WORD.match(w) or w in ("de", "van", "von") for w in words)
                and looks_like_person(words, common, rules)):
            return kb.add("Person", text, source="ner").ref, "ner.person", conf("ner.person")
        return None
    known = kb.lookup(text)
    if known:
        return known, f"ner.{label.lower()}+lookup", conf("ner.lookup")
    if (label == "ORG" and text.split()[-1].rstrip(".") in rules.words_of("org_suffix") and text[:1].isupper()
            and len(text.split()) <= 5):
        return kb.add("Organization", text, source="ner").ref, "ner.org", conf("ner.org")
    return None


def bare_names(names: Iterable[str], kb: KnowledgeBase, ctx: list[str], rules: Rules) -> Iterable[tuple[Ref, str, float]]:
    """People named by a first name or surname alone that the NER left untagged ("I think Ilya is right").

    ``names`` are the capitalised proper nouns no entity covers.  A name resolves when
    it fits exactly one person of this document, or exactly one person the knowledge
    base knows; anything else is left alone.
    """
    for name in names:
        ref = kb.resolve_person(name, ctx)
        if ref:
            yield ref, "propn.name+resolve", rules.confidence("propn.name+resolve")


def system_mentions(matches: Iterable[tuple[CueRule, re.Match]], kb: KnowledgeBase, ctx: list[str],
                    rules: Rules) -> Iterable[tuple[Ref, str, float]]:
    """The AI systems the matches of ``system`` cues name ("models like Zephyr-9"), new ones added to
    the knowledge base; names that are known as something else, or a person, are not."""
    not_systems = rules.word_list("not_system")
    for cue, m in matches:
        name = m.group("name" if "name" in cue.regex.groupindex else 0)
        known = kb.lookup(name)
        if known and known[0] != "System" or junk(name, "SYSTEM", rules) or name.lower() in not_systems:
            continue  # "models like Transformers" names an idea, not a system
        if not known and kb.resolve_person(name, ctx):
            continue  # "the system Sergey built": a person, not a system
        yield known or kb.add("System", name, source="pattern").ref, cue.id, rules.confidence("pattern.system")


def learned_mentions(out: Extraction, rules: Rules) -> None:
    """Find again, in every claim, the entities first learned from the corpus (a system named by a
    pattern, a person the NER found): "Zephyr-9" is a system in every sentence once we know it is one."""
    learned = {
        e.name: e.ref for e in out.kb.entities.values()
        if e.source in ("ner", "pattern") and e.type in ("Person", "Organization", "System") and len(e.name) >= 4
    }
    if not learned:
        return
    names = sorted(learned, key=len, reverse=True)
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
    confidence = rules.confidence("kb.learned")
    for c in out.claims:
        have = {ref for ref, _ in c.mentions}
        for m in rx.finditer(c.text):
            ref = learned[m.group(0)]
            if ref not in have and ref != c.speaker:
                have.add(ref)
                c.mentions.append((ref, c.evidence("kb.learned", confidence)))
    named = {(r.evidence.start, r.target) for r in out.relations if r.type == "MENTIONS" and r.evidence}
    for units in out.units.values():
        for u in units:
            if u.kind != "aside":
                continue
            for m in rx.finditer(u.text):
                ref = learned[m.group(0)]
                if (u.start, ref) not in named:
                    named.add((u.start, ref))
                    out.relate("MENTIONS", ("Document", u.doc.meta.path), ref, u.evidence("kb.learned", confidence))


def developers(out: Extraction, rules: Rules) -> None:
    """DEVELOPED_BY for every system the claims mention, from the curated system list."""
    kb = out.kb
    mentioned = {ref for c in out.claims for ref, _ in c.mentions if ref[0] == "System"}
    for ref in sorted(mentioned):
        entity = kb.get(ref)
        dev = entity.props.get("developer") if entity else None
        org = kb.lookup(dev, {"Organization"}) if dev else None
        if org:
            out.relate("DEVELOPED_BY", ref, org, None, rule="rules.systems", confidence=rules.confidence("rules.systems"))


__all__ = ["Evidence", "resolve_entity", "bare_names", "system_mentions", "learned_mentions", "developers", "junk"]
