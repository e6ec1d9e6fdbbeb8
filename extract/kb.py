"""The knowledge base: every known entity, its aliases, and how a surface form resolves.

Seeded from the curated rules, grown from the corpus (speakers, glossary terms,
wiki links, people the statistical NER finds).  One entry per real entity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from extract.rules import Rules

Ref = tuple[str, str]  # (node type, canonical name)

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


_POSSESSIVE = re.compile(r"'s$")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
_SPACING = re.compile(r"[\s\-]+")


@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """Key for alias lookup: case, quotes, possessives, articles and spacing folded.

    Cached: the same names are looked up again and again across a corpus."""
    t = text.translate(_QUOTES).strip().strip("\"'.,;:()[]").lower()
    t = _POSSESSIVE.sub("", t)
    t = _ARTICLE.sub("", t)
    return _SPACING.sub(" ", t).strip()


@dataclass
class Entity:
    type: str
    name: str
    aliases: set[str] = field(default_factory=set)
    props: dict = field(default_factory=dict)
    source: str = "rules"  # rules | corpus | ner

    @property
    def ref(self) -> Ref:
        return (self.type, self.name)


class KnowledgeBase:
    def __init__(self) -> None:
        self.entities: dict[Ref, Entity] = {}
        self._alias: dict[str, list[Ref]] = {}
        self._by_token: dict[str, set[Ref]] = {}  # person first/last names
        self._groups: list[tuple[Ref, re.Pattern]] | None = None
        self.acronyms: set[str] = set()

    @classmethod
    def from_rules(cls, rules: Rules) -> "KnowledgeBase":
        kb = cls()
        for p in rules.people:
            kb.add("Person", p.name, p.aliases, roles=[r.model_dump() for r in p.roles])
        for o in rules.organizations:
            kb.add("Organization", o.name, o.aliases)
        for s in rules.systems:
            kb.add("System", s.name, s.aliases, developer=s.developer)
        for c in rules.concepts:
            kb.add("Concept", c.name, c.aliases, definition=c.definition)
        for g in rules.groups:
            kb.add("Concept", g.name, g.aliases, group=True)
        for w in rules.works:
            kb.add("Work", w.name, w.aliases, kind=w.kind, authors=list(w.authors), year=w.year)
        return kb

    # ------------------------------------------------------------------ building
    def add(self, type_: str, name: str, aliases=(), source: str = "rules", **props) -> Entity:
        ref = (type_, name)
        ent = self.entities.get(ref)
        if ent is None:
            ent = self.entities[ref] = Entity(type_, name, set(), {}, source)
        for k, v in props.items():
            if v is not None and (k not in ent.props or ent.props[k] in (None, [], "")):
                ent.props[k] = v
        for a in (name, *aliases):
            self.add_alias(ent, a)
        return ent

    def add_alias(self, ent: Entity, alias: str) -> None:
        if alias != ent.name:
            ent.aliases.add(alias)
        key = norm(alias)
        refs = self._alias.setdefault(key, [])
        if ent.ref not in refs:
            refs.append(ent.ref)
        if alias.isupper() and alias.isalpha() and len(alias) <= 6:
            self.acronyms.add(alias)
        if ent.props.get("group"):
            self._groups = None  # built again with this alias on next use
        if ent.type == "Person":
            for tok in alias.split():
                if len(tok) > 1 and tok[0].isupper():
                    self._by_token.setdefault(norm(tok), set()).add(ent.ref)

    def remove(self, ref: Ref) -> None:
        """Forget an entity and every alias that leads to it."""
        self.entities.pop(ref, None)
        for refs in (*self._alias.values(), *self._by_token.values()):
            if ref in refs:
                refs.remove(ref) if isinstance(refs, list) else refs.discard(ref)

    def get(self, ref: Ref) -> Entity | None:
        return self.entities.get(ref)

    def add_role(self, person: Ref, role: str, organization: str | None) -> None:
        """Record a role (once) on a person's entity."""
        roles = self.entities[person].props.setdefault("roles", [])
        entry = {"role": role, "organization": organization}
        if entry not in roles:
            roles.append(entry)

    def group_patterns(self) -> list[tuple[Ref, re.Pattern]]:
        """One pattern per group ("AI skeptics", "people on Twitter"), built on first use."""
        if self._groups is None:
            self._groups = []
            for e in self.entities.values():
                if e.type == "Concept" and e.props.get("group"):
                    forms = sorted({e.name, *e.aliases}, key=len, reverse=True)
                    lower = "|".join(re.escape(f) for f in forms if f.islower())
                    other = "|".join(re.escape(f) for f in forms if not f.islower())
                    parts = ([f"(?i:{lower})"] if lower else []) + ([other] if other else [])
                    self._groups.append((e.ref, re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])")))
        return self._groups

    # ------------------------------------------------------------------ lookup
    def lookup(self, surface: str, types: set[str] | None = None) -> Ref | None:
        """Exact alias lookup (case-insensitive, possessives and articles ignored)."""
        for key in (norm(surface), singular(norm(surface))):
            for ref in self._alias.get(key, []):
                if types is None or ref[0] in types:
                    return ref
        return None

    def resolve_person(self, surface: str, context: list[str] | None = None, anywhere: bool = True) -> Ref | None:
        """The person ``surface`` names, or None.

        Full names and aliases resolve directly.  Initials in capitals ("AM") resolve to the one person
        in ``context`` whose name they are the initials of.  A bare first name or surname
        resolves to the one person in ``context`` (the document's speakers,
        participants and authors) it fits, else to the one known person it fits;
        when two fit, it stays unresolved (``anywhere=False``: only a context person).
        Transcription slips (``Tenton``) resolve by close spelling to a context person.
        """
        ref = self.lookup(surface, {"Person"})
        if ref:
            return ref
        key = norm(surface)
        tokens = key.split()
        ctx = [r for r in (self.lookup(c, {"Person"}) for c in context or []) if r]
        if len(tokens) == 1 and surface.isalpha() and surface.isupper() and 2 <= len(surface) <= 3:
            # initials as a transcript's label: "AM" for the document's Andrew Miller
            fits = {r for r in ctx if "".join(w[0] for w in r[1].split() if w[0].isupper()) == surface}
            if len(fits) == 1:
                return next(iter(fits))
        if len(tokens) == 1:
            fits = [r for r in ctx if key in {norm(t) for t in r[1].split()}]
            if len(set(fits)) == 1:
                return fits[0]
            if not fits and anywhere:
                known = self._by_token.get(key, set())
                if len(known) == 1:
                    return next(iter(known))
            # a slip of the ear or of OCR, against the people of this document only
            names = {norm(t): r for r in ctx for t in r[1].split()}
            best = process.extractOne(key, list(names), scorer=fuzz.ratio, score_cutoff=85) if names else None
            if best:
                return names[best[0]]
            return None
        persons = [e for e in self.entities.values() if e.type == "Person"]
        choices = {norm(a): e.ref for e in persons for a in (e.name, *e.aliases)}
        best = process.extractOne(key, list(choices), scorer=fuzz.ratio, score_cutoff=88)
        return choices[best[0]] if best else None


def singular(key: str) -> str:
    """A plural word as its singular ("policies" → "policy", "bots" → "bot"); anything else as it is."""
    if key.endswith("ies") and len(key) > 4:
        return key[:-3] + "y"
    if key.endswith("s") and not key.endswith("ss") and len(key) > 3:
        return key[:-1]
    return key
