"""Concepts: glossary entries with their definitions (DEFINED_IN) and the pages wiki links name (LINKS_TO)."""

from __future__ import annotations

import re

from extract.kb import KnowledgeBase
from extract.records import Extraction, ReadDocument, doc_ref, evidence
from extract.rules import Rules


def concept_name(term: str, kb: KnowledgeBase) -> tuple[str, list[str]]:
    """Glossary term → (concept name, aliases).  ``LARGE LANGUAGE MODEL (LLM)`` → large language model, [LLM]."""
    aliases: list[str] = []
    t = term.strip().rstrip(".")
    paren = re.search(r"\(([^)]+)\)", t)
    if paren:
        inner = paren.group(1)
        if t.startswith("("):  # (ARTIFICIAL) NEURAL NETWORK: optional word
            rest = t[paren.end():].strip()
            aliases.append(f"{inner} {rest}")
            t = rest
        else:
            aliases.append(inner)
            t = (t[: paren.start()] + t[paren.end():]).strip()
    t = re.sub(r"^THE\s+", "", t)

    def word(w: str) -> str:
        core = re.sub(r"[^A-Za-z]", "", w)
        if core in kb.acronyms or (core.isupper() and len(core) <= 4 and not re.search(r"[AEIOU]", core[1:])):
            return w if "'" not in w else w.split("'")[0] + "'" + w.split("'")[1].lower()
        return w.lower()

    name = " ".join(word(w) for w in t.split())
    return name, [a if a.isupper() and len(a) <= 6 else a.lower() for a in aliases]


def page_title(page: str, rules: Rules) -> str:
    """A wiki page name as a concept's name: ``scaling_laws_in_ai`` → ``Scaling laws in AI``."""
    acronyms = rules.word_list("acronym")
    text = " ".join(w.upper() if w in acronyms else w for w in page.replace("_", " ").split())
    return text[:1].upper() + text[1:]


def register_concepts(doc: ReadDocument, out: Extraction, rules: Rules) -> None:
    """Glossary entries → Concepts with definitions (DEFINED_IN); wiki links → Concepts (LINKS_TO)."""
    kb = out.kb
    for g in doc.glossary:
        name, aliases = concept_name(g.term, kb)
        existing = kb.lookup(name) or next((kb.lookup(a) for a in aliases if kb.lookup(a)), None)
        if existing and existing[0] != "Concept":
            continue  # ALPHAGO in the glossary is the System, not a concept
        ent = kb.get(existing) if existing else kb.add("Concept", name, aliases, source="corpus")
        for a in aliases:
            kb.add_alias(ent, a)
        if g.definition and not ent.props.get("definition"):
            ent.props["definition"] = g.definition
        out.relate("DEFINED_IN", ent.ref, doc_ref(doc),
                   evidence(doc, g.start, g.end, None, "book.glossary", rules.confidence("book.glossary")))
    for link in doc.links:
        if doc.meta.show and link.page.lower() == doc.meta.show.lower():
            continue
        if kb.lookup(link.page, {"Organization"}) or kb.lookup(link.label, {"Organization"}):
            continue  # [[dwarkesh | The Dwarkesh Podcast]] names the show, not an idea
        title = link.label if link.label != link.page else link.page.replace("_", " ")
        ref = kb.lookup(title, {"Concept"}) or kb.add("Concept", page_title(title, rules), [link.page], source="corpus").ref
        out.relate("LINKS_TO", doc_ref(doc), ref,
                   evidence(doc, link.start, link.end, None, "wiki.link", rules.confidence("wiki.link")))
