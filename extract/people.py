"""People: the person a speaker label names, and which names the NER proposes are people at all.

- :func:`speaker_ref` — a turn's label to a person (scoped to its document when it names no one);
  :class:`Folders` — what a folder's episodes say of their speakers together.
- :func:`looks_like_person` / :func:`drop_unlikely_people` — typing that holds on unseen names.
- :func:`merge_sound_alikes` — a caption's misspelling ("Allen Kaye") joins the person it stands for.
"""

from __future__ import annotations

import re
from dataclasses import replace
from collections import Counter, defaultdict
from pathlib import PurePosixPath

import jellyfish
from rapidfuzz import fuzz

from extract.kb import KnowledgeBase, Ref
from extract.records import SPOKEN, ReadDocument, Turn
from extract.rules import Rules

_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]+")
_POSSESSIVE = re.compile(r"['’]s$")
_ADJECTIVE = re.compile(r"-(?:esque|like|ish|style|type|based|era)$", re.I)
_PARTICLES = frozenset({"de", "van", "von", "der", "da", "di", "du", "la", "le", "bin", "al"})


def role_label(label: str, rules: Rules) -> bool:
    """Whether a speaker label names a part rather than a person: "Speaker 2", "HOST", "The Moderator"."""
    roles = rules.word_list("role_label")
    words = re.sub(r"[ _]?\d{1,2}$", "", label.strip()).lower().split()
    return bool(words) and " ".join(words[1:] if words[0] == "the" else words) in roles


def _path(doc: ReadDocument) -> PurePosixPath:
    return PurePosixPath(doc.meta.path.replace("\\", "/"))


def folder_of(doc: ReadDocument) -> PurePosixPath:
    """The folder a document sits in: a show's episodes, as a user keeps them."""
    return _path(doc).parent


class Folders:
    """What the documents of one folder say of their speakers together.

    - ``names``: the full names their speaker labels give ("Adam Jonas"), so that another
      episode's bare "Jonas" is the same man;
    - ``shared``: the one-word labels (a first name or handle, no role) that at least two and at
      least half of the folder's labelled documents use — a show's host "Lenny" — one person for
      the folder rather than one per episode.
    """

    def __init__(self, docs: list[ReadDocument], rules: Rules):
        labelled: dict[PurePosixPath, list[set[str]]] = defaultdict(list)
        for d in docs:
            labels = {t.speaker for t in d.turns if t.speaker and t.kind in SPOKEN}
            if labels:
                labelled[folder_of(d)].append(labels)
        self.names: dict[PurePosixPath, list[str]] = {}
        self.shared: dict[PurePosixPath, set[str]] = {}
        for folder, docs_labels in labelled.items():
            self.names[folder] = sorted({n for labels in docs_labels for n in labels
                                         if len(n.split()) >= 2 and not role_label(n, rules)})
            counts = Counter(n for labels in docs_labels for n in labels
                             if len(n.split()) == 1 and not role_label(n, rules))
            self.shared[folder] = {n for n, k in counts.items() if k >= 2 and 2 * k >= len(docs_labels)}

    def full_name(self, label: str, doc: ReadDocument) -> str | None:
        """The one full name of the folder's speakers whose first or last word ``label`` is."""
        low = label.lower()
        fits = {n for n in self.names.get(folder_of(doc), []) if low in (n.split()[0].lower(), n.split()[-1].lower())}
        return fits.pop() if len(fits) == 1 else None

    def scope(self, label: str, doc: ReadDocument) -> str | None:
        """The folder's name, for a label its documents share; else None (the label is the document's)."""
        folder = folder_of(doc)
        return (folder.name or None) if label in self.shared.get(folder, set()) else None


def speaker_ref(turn: Turn, doc: ReadDocument, kb: KnowledgeBase, ctx: list[str], rules: Rules,
                folders: Folders | None = None) -> Ref | None:
    """The person a turn's speaker label names.

    A full name is resolved or added.  A first name or surname that only another episode of the
    same folder gives in full ("Jonas" beside "Adam Jonas") is that person.  A label that names no
    one on its own (``Speaker 2``, a first name or handle no person of this document's context
    carries) is this document's speaker, not everyone's: it becomes a person scoped to the
    document (``Speaker 2 (Title)``), so two episodes' "Speaker 2" or "Sarah" never merge — except
    a name most episodes of a folder share (the host "Lenny"), scoped to the folder (``Lenny (show)``).
    """
    label = turn.speaker or ""
    spoken = turn.kind in SPOKEN
    if not spoken or not role_label(label, rules):
        ref = kb.resolve_person(label, ctx, anywhere=not spoken)
        if ref:
            return ref
        if len(label.split()) >= 2:
            return kb.add("Person", label, source="corpus").ref
        if not spoken:
            return None
        full = folders.full_name(label, doc) if folders else None
        if full:
            return kb.lookup(full, {"Person"}) or kb.add("Person", full, source="corpus").ref
    where = (folders.scope(label, doc) if folders else None) or doc.meta.title or _path(doc).stem
    return kb.add("Person", f"{label} ({where})", source="corpus").ref


def lower_words(text: str) -> frozenset[str]:
    """The words ``text`` writes in lower case (ordinary words, not names)."""
    return frozenset(_LOWER_WORD.findall(text))


def looks_like_person(words: list[str], common: frozenset[str], rules: Rules) -> bool:
    """Whether a capitalised phrase the NER calls a person can be a new person's name.

    ``common`` holds words written in lower case: a name whose words the text also uses as
    ordinary words ("Lightning Labs", "Liana Wallet", "Breaking Bad") is a product, place or title,
    not a person; nor is a word said twice ("Kathy Kathy", a caption's stutter), nor a phrase with
    a word of a place, event, award, law or organization (``names.yml``: "Sharon Heights"), nor an adjective
    made of a name ("Rube Goldberg-esque").
    """
    if len(set(words)) < len(words) or any(_POSSESSIVE.sub("", w) in rules.words_of() for w in words):
        return False
    if _ADJECTIVE.search(words[-1]):
        return False  # "Rube Goldberg-esque", "Turing-style": what is like someone, not someone
    return not any(w.lower() in common for w in words if w.lower() not in _PARTICLES)


def _forget(refs: set[Ref], claims) -> None:
    for c in claims:
        if any(ref in refs for ref, _ in c.mentions):
            c.mentions = [(ref, ev) for ref, ev in c.mentions if ref not in refs]


def drop_unlikely_people(kb: KnowledgeBase, out, rules: Rules) -> None:
    """Forget the people only the NER proposed whose names the corpus also writes as ordinary words
    ("Bitcoin Core", "Stable Diffusion"), with the mentions of them (see :func:`looks_like_person`)."""
    common = frozenset().union(*(lower_words(d.text) for d in out.documents))
    unlikely = {e.ref for e in kb.entities.values()
                if e.source == "ner" and e.type == "Person" and not looks_like_person(e.name.split(), common, rules)}
    for ref in unlikely:
        kb.remove(ref)
    _forget(unlikely, out.claims)
    out.relations = [r for r in out.relations if r.source not in unlikely and r.target not in unlikely]


def sound_alike(a: str, b: str) -> bool:
    """Two spellings of one word an ear or a caption would confuse: the same sound (Alan/Allen,
    Jeff/Geoff, LeCun/Laocoon), one sound inside the other (Alex/Lex), or close spelling (Erhart/Erhardt)."""
    ka, kb_ = jellyfish.metaphone(a), jellyfish.metaphone(b)
    if ka == kb_ or fuzz.ratio(a.lower(), b.lower()) >= 80:
        return True
    return min(len(ka), len(kb_)) >= 3 and (ka.endswith(kb_) or kb_.endswith(ka))


def _same_person(a: str, b: str) -> bool:
    wa, wb = a.split(), b.split()
    return len(wa) == len(wb) >= 2 and a != b and all(sound_alike(x, y) for x, y in zip(wa, wb))


def short_form(a: str, b: str, short: dict[str, str]) -> bool:
    """Two ways of writing one person's name: a first name's short form ("Dan Murfet" / "Daniel Murfet"), a
    middle name left out ("Alexander Turner" / "Alexander Matt Turner"), or both."""
    wa, wb = a.split(), b.split()
    if a == b or min(len(wa), len(wb)) < 2 or wa[-1] != wb[-1]:
        return False
    first = [short.get(w[0].lower(), w[0].lower()) for w in (wa, wb)]
    return first[0] == first[1] and (wa[1:-1] == wb[1:-1] or min(len(wa), len(wb)) == 2 and abs(len(wa) - len(wb)) == 1)


def _extends(e, o) -> bool:
    """``o`` is ``e``'s name with one more word: "Chun Hei" / "Chun Hei Yip"."""
    we, wo = e.name.split(), o.name.split()
    return len(we) >= 2 and len(wo) == len(we) + 1 and wo[:len(we)] == we


def _merges(e, o, documents: dict[Ref, set[str]], short: dict[str, str]) -> bool:
    """Whether the NER's ``e`` is another writing of ``o``, and ``o`` is better evidenced or both are named in
    one document: every word sounds alike (a misspelling), or a short form (:func:`short_form`).  Or, named in
    one document (or ``o`` taking part in it): ``o`` is ``e`` with one more word ("Chun Hei Yip"); the same first
    name and a surname that sounds alike: the same Soundex code ("Dick Shoup" / "Dick Schaub") or nearly the same
    Metaphone key ("Daniel Cocatello" / "Daniel Kokotajlo")."""
    together = bool(documents[e.ref] & documents[o.ref])
    if (_same_person(e.name, o.name) or short_form(e.name, o.name, short)) and (o.source != "ner" or together):
        return True
    if together and _extends(e, o):
        return True
    we, wo = e.name.split(), o.name.split()
    return (together and len(we) == len(wo) == 2 and we[0] == wo[0] and we[1] != wo[1]
            and (jellyfish.soundex(we[1]) == jellyfish.soundex(wo[1])
                 or fuzz.ratio(jellyfish.metaphone(we[1]), jellyfish.metaphone(wo[1])) >= 80))


def merge_sound_alikes(kb: KnowledgeBase, out, rules: Rules) -> None:
    """A person only the NER found whose name sounds like another person's, or is another writing of it
    (:func:`_merges`), joins that person.

    The evidence must agree: the other person is a speaker, a participant or a curated person
    anywhere in the corpus, or both are mentioned in one document.  The name kept is the
    better-evidenced one (a label, metadata or the curated list over the NER; then the spelling a
    labelled name shares; then the one mentioned more), or the one with a word more; the other becomes an alias.
    """
    short = rules.word_list("short_name")
    people = [e for e in kb.entities.values() if e.type == "Person"]
    mentions: Counter[Ref] = Counter()
    documents: dict[Ref, set[str]] = defaultdict(set)
    for c in out.claims:
        for ref, _ in c.mentions:
            mentions[ref] += 1
            documents[ref].add(c.document)
    for r in out.relations:  # named in an aside of the document ("We have Daniel Kokotajlo with us tonight.")
        if r.type == "MENTIONS" and r.source[0] == "Document" and r.target[0] == "Person":
            documents[r.target].add(r.source[1])
    for d in out.documents:  # who takes part in a document is in it too (a description's "Guests:")
        for name in (*d.meta.participants, *d.meta.authors):
            ref = kb.lookup(name, {"Person"})
            if ref:
                documents[ref].add(d.meta.path)
    # better evidence: a label, metadata or the curated list; then a spelling a labelled name shares
    # ("Shoup" of the speaker Randy Shoup); then more mentions
    labelled = {w for e in people if e.source != "ner" for w in e.name.split()}
    strength = {e.ref: (e.source != "ner", sum(w in labelled for w in e.name.split()), mentions[e.ref], -i)
                for i, e in enumerate(people)}
    into: dict[Ref, Ref] = {}
    for e in people:
        if e.source != "ner":
            continue
        others = [o for o in people if o.ref != e.ref and o.ref not in into and _merges(e, o, documents, short)]
        best = max(others, key=lambda o: strength[o.ref], default=None)
        if best is not None and (strength[best.ref] > strength[e.ref] or _extends(e, best)):
            into[e.ref] = best.ref
    for gone, kept in into.items():
        while kept in into:
            kept = into[kept]
        entity = kb.get(gone)
        kb.remove(gone)
        target = kb.get(kept)
        for alias in (entity.name, *entity.aliases):
            kb.add_alias(target, alias)
    def final(ref: Ref) -> Ref:
        while ref in into:
            ref = into[ref]
        return ref

    out.relations = [replace(r, source=final(r.source), target=final(r.target)) if r.source in into or r.target in into
                     else r for r in out.relations]
    for c in out.claims:
        if any(ref in into for ref, _ in c.mentions):
            seen: set[Ref] = set()
            merged = []
            for ref, ev in c.mentions:
                ref = into.get(ref, ref)
                while ref in into:
                    ref = into[ref]
                if ref not in seen and ref != c.speaker:
                    seen.add(ref)
                    merged.append((ref, ev))
            c.mentions = merged
