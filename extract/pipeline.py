"""Extraction: read documents in, typed records out (entities, claims, relations with evidence).

>>> from extract.readers import read_path
>>> from extract.pipeline import extract
>>> result = extract([read_path("seeds/001_0dedf1b18d31d238.txt")])   # doctest: +SKIP
>>> result.claims[0].speaker                                          # doctest: +SKIP
('Person', 'Demis Hassabis')
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from dataclasses import dataclass, field
from functools import partial
from typing import Callable, Iterable

from extract.analysis import Parser, TurnAnalysis, in_background
from extract.kb import KnowledgeBase, Ref, norm
from extract.cache import Chain, ParseCache, digest, source_digest
from extract.nlp import TYPES, corpus_patterns, corpus_rulers, curated_pipeline, tokenizer_pipeline
from extract.readers.common import video_url
from extract.people import drop_unlikely_people, looks_like_person, lower_words, merge_sound_alikes, speaker_ref
from extract.records import SPOKEN, ReadDocument, Turn
from extract.relations import TurnUnit
from extract.rules import Rules, load_rules

# The code of the whole extraction, readers included: part of the keys of each document's cached
# claims and relations (see extract.cache.Chain).
EXTRACT_CODE = source_digest(*sorted(Path(__file__).parent.rglob("*.py")))


@dataclass
class Evidence:
    document: str
    start: int
    end: int
    quote: str
    timestamp: str | None
    rule: str
    confidence: float = 1.0


@dataclass
class ClaimRecord:
    key: str
    document: str
    text: str
    quote: str
    start: int
    end: int
    speaker: Ref | None
    timestamp: str | None
    url: str | None
    section: str | None
    attribution: str
    confidence: float
    turn: int
    mentions: list[tuple[Ref, Evidence]] = field(default_factory=list)


@dataclass
class Relation:
    type: str
    source: Ref
    target: Ref
    evidence: Evidence | None
    rule: str
    confidence: float = 1.0
    props: dict = field(default_factory=dict)


@dataclass
class Extraction:
    documents: list[ReadDocument]
    kb: KnowledgeBase
    claims: list[ClaimRecord] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    skipped_units: dict[str, int] = field(default_factory=dict)  # questions, filler, ... not made claims
    cache_hits: int = 0
    cache_misses: int = 0
    cache_used: set = field(default_factory=set)  # cache files this extraction read or wrote
    reused: dict[str, int] = field(default_factory=dict)  # stage → documents whose share came from the cache
    turns: dict[str, int] = field(default_factory=dict)  # turns of changed documents: parsed, or reused
    # With ``later=True``: the restatements between documents, still being found on another core, as
    # (the claim that restates, the claim restated, score) by position in ``claims`` (see
    # extract.relations.restated_pairs).  :meth:`restated` waits for them; :meth:`finish` adds them to
    # ``relations``.
    pending: Callable[[], list[tuple[int, int, float]]] | None = None

    def restated(self) -> list[tuple[int, int, float]]:
        """Wait for the pending restatements and return them (none when none are pending)."""
        if self.pending is None:
            return []
        t0 = time.perf_counter()
        found, self.pending = self.pending(), None
        self.timings["restatements (waited for)"] = time.perf_counter() - t0
        return found

    def finish(self) -> list[Relation]:
        """Wait for the pending restatements, add them to ``relations`` (RESTATES) and return them."""
        from extract.relations import restatements

        found = restatements(self, self.restated())
        self.relations.extend(found)
        return found


def doc_ref(doc: ReadDocument) -> Ref:
    return ("Document", doc.meta.path)


def claim_key(document_path: str, start: int, end: int) -> str:
    import hashlib

    return hashlib.sha1(f"{document_path}\0{start}\0{end}".encode()).hexdigest()[:16]


def evidence(doc: ReadDocument, start: int, end: int, timestamp: str | None, rule: str, confidence: float = 1.0) -> Evidence:
    return Evidence(doc.meta.path, start, end, doc.text[start:end], timestamp, rule, confidence)


# --------------------------------------------------------------------------- people


_ROLE_ORG = re.compile(r"^(?P<role>.+?)\s+(?:of|at|to|for|with)\s+(?P<org>[A-Z].+?)\.?$")


def split_role(role: str) -> tuple[str, str | None]:
    """``'CEO of Anthropic'`` → ``('CEO', 'Anthropic')``; no organization: ``(role, None)``."""
    m = _ROLE_ORG.match(role.strip())
    if not m:
        return role.strip(), None
    return m.group("role").strip(), m.group("org").strip()


def context_people(doc: ReadDocument) -> list[str]:
    return [*doc.meta.participants, *doc.meta.authors, *doc.speakers]


def register_people(doc: ReadDocument, kb: KnowledgeBase, out: Extraction) -> dict[str, Ref | None]:
    """Resolve each speaker name of ``doc`` to a Person; add SPOKE_IN, AUTHORED and role edges."""
    names: dict[str, Ref | None] = {}
    ctx = context_people(doc)
    for name in [*doc.meta.participants, *doc.meta.authors]:
        if not kb.lookup(name, {"Person"}):
            kb.add("Person", name, source="corpus")
    for turn in doc.turns:
        if not turn.speaker or turn.speaker in names:
            continue
        names[turn.speaker] = speaker_ref(turn, doc, kb, ctx)
    first_turn: dict[Ref, Turn] = {}
    for turn in doc.turns:
        ref = names.get(turn.speaker or "")
        if ref and turn.kind in SPOKEN and ref not in first_turn:
            first_turn[ref] = turn
        if ref and turn.role and turn.role_span:
            role, org = split_role(turn.role)
            ev = evidence(doc, *turn.role_span, turn.timestamp, "book.role-line", 0.95)
            org_ref = (kb.lookup(org, {"Organization"}) or kb.add("Organization", org, source="corpus").ref) if org else None
            kb.add_role(ref, role, org_ref[1] if org_ref else None)
            if org_ref:
                out.relations.append(Relation("AFFILIATED_WITH", ref, org_ref, ev, ev.rule, 0.95, {"role": role}))
    for ref, turn in first_turn.items():
        out.relations.append(Relation("SPOKE_IN", ref, doc_ref(doc),
                                      evidence(doc, turn.start, turn.end, turn.timestamp, "reader.speaker-turn"),
                                      "reader.speaker-turn"))
    for author in doc.meta.authors:
        ref = kb.lookup(author, {"Person"})
        if ref:
            out.relations.append(Relation("AUTHORED", ref, doc_ref(doc), None, "meta.authors"))
    return names


# --------------------------------------------------------------------------- concepts


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


def register_concepts(doc: ReadDocument, kb: KnowledgeBase, out: Extraction) -> None:
    """Glossary entries → Concepts with definitions (DEFINED_IN); wiki links → Concepts (LINKS_TO)."""
    for g in doc.glossary:
        name, aliases = concept_name(g.term, kb)
        existing = kb.lookup(name) or next((kb.lookup(a) for a in aliases if kb.lookup(a)), None)
        if existing and existing[0] != "Concept":
            continue  # ALPHAGO in the glossary is the System, not a concept
        ent = kb.get(existing) if existing else kb.add("Concept", name, aliases, source="corpus")
        assert ent is not None
        for a in aliases:
            kb.add_alias(ent, a)
        if g.definition and not ent.props.get("definition"):
            ent.props["definition"] = g.definition
        ev = evidence(doc, g.start, g.end, None, "book.glossary", 0.95)
        out.relations.append(Relation("DEFINED_IN", ent.ref, doc_ref(doc), ev, ev.rule, 0.95))
    for link in doc.links:
        if link.page.lower() == doc.meta.show.lower() if doc.meta.show else False:
            continue
        if kb.lookup(link.page, {"Organization"}) or kb.lookup(link.label, {"Organization"}):
            continue  # [[dwarkesh | The Dwarkesh Podcast]] names the show, not an idea
        title = link.label if link.label != link.page else link.page.replace("_", " ")
        ref = kb.lookup(title, {"Concept"}) or kb.add("Concept", _humanize(title), [link.page], source="corpus").ref
        ev = evidence(doc, link.start, link.end, None, "wiki.link", 1.0)
        out.relations.append(Relation("LINKS_TO", doc_ref(doc), ref, ev, ev.rule))


def _humanize(page: str) -> str:
    words = page.replace("_", " ").split()
    small = {"and", "of", "in", "the", "on", "for", "to", "a", "an", "ai", "agi"}
    out = [w.upper() if w in ("ai", "agi") else (w if w in small else w) for w in words]
    text = " ".join(out)
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------- mentions


_NOT_SYSTEMS = {"this", "that", "these", "those", "it", "them", "us", "we", "you", "i", "humans", "people"}
_TITLE_WORD = re.compile(r"^[A-Z][a-z]+(?:[-'’][A-Za-z]+)?$")


def _junk(text: str, label: str, rules: Rules) -> bool:
    t = text.strip()
    for j in rules.junk:
        if norm(j.text) == norm(t) and (j.label is None or j.label == label):
            return True
    return not any(c.isalpha() for c in t) or len(t) < 2


def resolve_entity(label: str, ent_id: str, text: str, kb: KnowledgeBase, ctx: list[str],
                   rules: Rules, common: frozenset[str] = frozenset()) -> tuple[Ref, str, float] | None:
    """The knowledge-base entity an entity span names: (ref, rule id, confidence), or None for junk.

    ``common``: the document's lower-case words (see :func:`looks_like_person`)."""
    if ent_id:
        type_, name = ent_id.split("|", 1)
        return (type_, name), f"ruler.{type_.lower()}", 0.95
    text = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)
    text = re.sub(r"['’]s$", "", text)
    if _junk(text, label, rules):
        return None
    if len(text.split()) == 1 and text[:1].isupper() and label in ("PERSON", "ORG", "GPE", "NORP", "PRODUCT"):
        # a bare first name or surname: only the people of this document can make it unambiguous
        fits = {kb.lookup(c, {"Person"}) for c in ctx if norm(text) in {norm(w) for w in c.split()}} - {None}
        if len(fits) == 1:
            return fits.pop(), "ner.name+context", 0.85
    if label == "PERSON":
        ref = kb.resolve_person(text, ctx)
        if ref:
            return ref, "ner.person+resolve", 0.85
        known = kb.lookup(text)
        if known:  # a system, organization or concept the NER took for a person ("Tik Tok", "Grok")
            return known, "ner.person+lookup", 0.8
        words = text.split()
        if (2 <= len(words) <= 4 and all(_TITLE_WORD.match(w) or w in ("de", "van", "von") for w in words)
                and looks_like_person(words, common, rules)):
            return kb.add("Person", text, source="ner").ref, "ner.person", 0.7
        return None
    known = kb.lookup(text)
    if known:
        return known, f"ner.{label.lower()}+lookup", 0.85
    if (label == "ORG" and text.split()[-1].rstrip(".") in rules.words_of("org_suffix") and text[:1].isupper()
            and len(text.split()) <= 5):
        return kb.add("Organization", text, source="ner").ref, "ner.org", 0.7
    return None


def bare_names(names: Iterable[str], kb: KnowledgeBase, ctx: list[str]) -> Iterable[tuple[Ref, str, float]]:
    """People named by a first name or surname alone that the NER left untagged ("I think Ilya is right").

    ``names`` are the capitalised proper nouns no entity covers.  A name resolves when
    it fits exactly one person of this document, or exactly one person the knowledge
    base knows; anything else is left alone.
    """
    for name in names:
        ref = kb.resolve_person(name, ctx)
        if ref:
            yield ref, "propn.name+resolve", 0.7


def system_mentions(text: str, rules: Rules) -> Iterable[tuple[int, int, str, str]]:
    """Names of AI systems found by the ``system`` cue patterns: (start, end, name, rule id)."""
    for cue in rules.cues_for("system").for_text(text):
        for m in cue.regex.finditer(text):
            g = "name" if "name" in cue.regex.groupindex else 0
            yield m.start(g), m.end(g), m.group(g), cue.id


# --------------------------------------------------------------------------- claims


def attribute(doc: ReadDocument, turn: Turn, unit_text: str, kb: KnowledgeBase, names: dict, rules: Rules,
              ctx: list[str]) -> tuple[Ref | None, str, float]:
    """Who makes this claim: (person, how we know, confidence)."""
    if turn.kind == "speech":
        return names.get(turn.speaker or ""), "turn", 1.0
    if turn.kind == "note":
        if turn.voice == "author":
            ref = kb.lookup(turn.speaker, {"Person"}) if turn.speaker else None
            return ref, "author" if ref else "unknown", 0.8
        if turn.voice == "reported" and turn.speaker:
            ref = kb.resolve_person(turn.speaker, ctx)
            return ref, "reported" if ref else "unknown", 0.8
        return None, "unknown", 0.6
    if turn.kind == "summary":
        for cue in rules.cues_for("report").for_text(unit_text):
            m = cue.regex.search(unit_text)
            if m and m.group("who") not in ("He", "She"):
                ref = kb.resolve_person(m.group("who"), ctx)
                if ref:
                    return ref, "reported", 0.85
        subject = kb.lookup(doc.meta.subject, {"Person"}) if doc.meta.subject else None
        return subject, "subject" if subject else "unknown", 0.75
    if turn.speaker:
        ref = names.get(turn.speaker) or kb.resolve_person(turn.speaker, ctx)
        return ref, "turn" if ref else "unknown", 0.9
    return None, "unknown", 0.6


def extract(
    docs: Iterable[ReadDocument],
    rules: Rules | None = None,
    jobs: int = 1,
    cache_dir: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    later: bool = False,
    workers=None,
) -> Extraction:
    """Run the whole extraction over read documents.

    ``docs`` may be a generator: each document is handed to the parser as soon as it
    is read, so reading overlaps parsing.  ``jobs`` parses on that many processes;
    ``cache_dir`` keeps, between builds, the parses and each document's claims and
    relations; ``progress(turns, all turns)`` is told as documents are done.  With
    ``later``, the restatements between documents are left pending while they are found
    on another core (see :meth:`Extraction.finish`).  ``workers``: a pool of parser processes already
    started (:func:`extract.workers.start`), which this closes when done.
    """
    rules = rules or load_rules()
    kb = KnowledgeBase.from_rules(rules)
    cache = ParseCache(cache_dir)
    folder = cache_dir / "extract" if cache_dir else None
    t0 = time.perf_counter()
    with Parser(rules, jobs, cache, workers) as parser:
        out = Extraction(documents=[], kb=kb)
        out.timings["load"] = time.perf_counter() - t0
        for d in docs:
            parser.submit(d)
            out.documents.append(d)
        t0 = time.perf_counter()
        speaker_refs = [register_people(d, kb, out) for d in out.documents]
        for d in out.documents:
            register_concepts(d, kb, out)
        out.timings["rules"] = time.perf_counter() - t0

        t0 = time.perf_counter()
        by_claims = Chain(folder, ".claims", kb, kb.digest())
        units, shares = _claims(out, parser, speaker_refs, rules, by_claims, progress)
        out.timings["nlp"] = parser.seconds  # waiting for the parser (all of the parse, with one job)
        out.timings["claims"] = time.perf_counter() - t0 - parser.seconds
    t0 = time.perf_counter()
    from extract.relations import restated_pairs

    # Restatements between documents read only the claims' texts and places: found on another core
    # while this one finds the names learned from the corpus and each document's relations.
    pairs = in_background(restated_pairs, out) if jobs > 1 else partial(restated_pairs, out)
    drop_unlikely_people(kb, out, rules)
    merge_sound_alikes(kb, out)
    _learned_mentions(kb, out)
    _developers(kb, out)
    by_relations = Chain(folder, ".relations", kb, by_claims.state)
    _relations(out, units, shares, rules, by_relations)
    out.pending = pairs
    if not later:
        out.finish()
    out.timings["relations"] = time.perf_counter() - t0
    out.cache_hits, out.cache_misses = cache.hits, len(out.documents) - cache.hits
    out.turns = {"parsed": parser.turns_parsed, "reused": parser.turns_reused}
    out.cache_used = cache.used | by_claims.used | by_relations.used
    out.reused = {"claims": by_claims.hits, "relations": by_relations.hits}
    return out


def _claims(out: Extraction, parser: Parser, speaker_refs: list[dict], rules: Rules, chain: Chain,
            progress) -> tuple[dict[tuple[int, int], list[TurnUnit]], list[tuple[str, list[ClaimRecord]]]]:
    """Each document's claims, in order as the parses come, through ``chain`` (from the cache when
    the document met the same knowledge base before).  Returns every turn's sentence units, by
    (document, turn), and each document's (key of its share, claims)."""
    kb, docs = out.kb, out.documents
    learned = corpus_patterns(kb)  # before any claim adds to the knowledge base

    def rulers():
        # only the model's tokenizer is needed, unless this process parses (and has the model loaded)
        nlp = curated_pipeline(rules.digest) if parser.jobs == 1 else tokenizer_pipeline()
        return corpus_rulers(nlp, learned)

    # Their rulers: built now when a document is being parsed (its claims cannot be in the cache,
    # and the parse is waited for anyway), else for the first document whose claims are not.
    entities = rulers() if parser.parsing else None

    def compute(di: int, analyses: list[TurnAnalysis]):
        nonlocal entities
        if entities is None:
            entities = rulers()
        d = docs[di]
        return _claims_of_document(d, analyses, entities, kb, speaker_refs[di], rules, context_people(d))

    def add(di: int, share) -> None:
        claims, skipped, turn_units = share
        d = docs[di]
        out.claims.extend(claims)
        for kind, n in skipped.items():
            out.skipped_units[kind] = out.skipped_units.get(kind, 0) + n
        for ti, us in enumerate(turn_units):
            units[(di, ti)] = [TurnUnit(d, d.turns[ti], text, start, end, kind, None if ci is None else claims[ci])
                               for text, start, end, kind, ci in us]
        added.append(claims)

    version = digest(EXTRACT_CODE, rules.digest, parser.version)
    units: dict[tuple[int, int], list[TurnUnit]] = {}
    added: list[list[ClaimRecord]] = []
    keys = [chain.share((version, digest(repr(docs[di].meta), docs[di].text), repr(speaker_refs[di])),
                        partial(compute, di, analyses), partial(add, di))
            for di, analyses in parser.results(progress)]
    return units, list(zip(keys, added))


def _relations(out: Extraction, units: dict, shares: list[tuple[str, list[ClaimRecord]]], rules: Rules,
               chain: Chain) -> None:
    """Each document's relations through ``chain`` (keyed by its claims' share and their mentions,
    which by now include the names learned from other documents)."""
    from extract import relations

    def compute(di: int) -> list[Relation]:
        kept, out.relations = out.relations, []
        try:
            relations.document_relations(out, di, out.documents[di], units, rules)
            return out.relations
        finally:
            out.relations = kept

    for di, (key, claims) in enumerate(shares):
        mentions = repr([[(ref, ev.rule, ev.confidence) for ref, ev in c.mentions] for c in claims])
        chain.share((key, mentions), partial(compute, di), out.relations.extend)


def _claims_of_document(doc: ReadDocument, analyses: list[TurnAnalysis], entities, kb: KnowledgeBase, names: dict,
                        rules: Rules, ctx: list[str]):
    """A document's claims, the kinds of the sentence units not made claims (counted), and each turn's
    units as (text, start, end, kind, index of its claim or None)."""
    claims: list[ClaimRecord] = []
    skipped: dict[str, int] = {}
    common = lower_words(doc.text)
    turn_units = [_claims_of_turn(doc, doc.turns[ti], an, entities, kb, names, rules, ctx, claims, skipped, common)
                  for ti, an in enumerate(analyses)]
    return claims, skipped, turn_units


def _claims_of_turn(doc: ReadDocument, turn: Turn, an: TurnAnalysis, entities, kb: KnowledgeBase, names: dict,
                    rules: Rules, ctx: list[str], claims: list[ClaimRecord], skipped: dict[str, int],
                    common: frozenset[str] = frozenset()) -> list:
    """The claims of one turn (added to ``claims``), and every sentence unit of it for the relations stage."""
    turn_units = []
    ents = None
    for u_start, u_end, kind, t_first, t_end in an.units:
        text = turn.text[u_start:u_end].strip()
        start, end = turn.tmap.to_raw(u_start, u_end)
        if kind != "claim":
            skipped[kind] = skipped.get(kind, 0) + 1
            turn_units.append((text, start, end, kind, None))
            continue
        if ents is None:
            ents = entities(turn.text, an)
            covered = {i for s, e, *_ in ents for i in range(s, e)}
        speaker, how, conf = attribute(doc, turn, text, kb, names, rules, ctx)
        rec = ClaimRecord(
            key=claim_key(doc.meta.path, start, end), document=doc.meta.path, text=text,
            quote=doc.text[start:end], start=start, end=end, speaker=speaker, timestamp=turn.timestamp,
            url=video_url(doc.meta.video_id, turn.timestamp), section=turn.section, attribution=how,
            confidence=conf, turn=turn.index,
        )
        seen: set[Ref] = set()

        def mention(ref: Ref, rule: str, confidence: float) -> None:
            if ref not in seen and ref != speaker:
                seen.add(ref)
                rec.mentions.append((ref, Evidence(doc.meta.path, start, end, rec.quote, turn.timestamp, rule, confidence)))

        for _, _, label, eid, e_start, e_end in ents:
            if e_start < u_start or e_end > u_end:
                continue
            found = resolve_entity(label, eid, turn.text[e_start:e_end], kb, ctx, rules, common)
            if found:
                mention(*found)
        names_here = (an.token(i, turn.text) for i in an.propn if t_first <= i < t_end and i not in covered)
        for found in bare_names(names_here, kb, ctx):
            mention(*found)
        for s, e, name, rule in system_mentions(text, rules):
            known = kb.lookup(name)
            if known and known[0] != "System" or _junk(name, "SYSTEM", rules) or name.lower() in _NOT_SYSTEMS:
                continue  # "models like Transformers" names an idea, not a system
            if not known and kb.resolve_person(name, ctx):
                continue  # "the system Sergey built": a person, not a system
            mention(known or kb.add("System", name, source="pattern").ref, rule, 0.7)
        turn_units.append((text, start, end, kind, len(claims)))
        claims.append(rec)
    return turn_units


def _learned_mentions(kb: KnowledgeBase, out: Extraction) -> None:
    """Find again, in every claim, the entities first learned from the corpus (a system named by a
    pattern, a person the NER found): "Zephyr-9" is a system in every sentence once we know it is one."""
    learned = {
        e.name: e.ref for e in kb.entities.values()
        if e.source in ("ner", "pattern") and e.type in ("Person", "Organization", "System") and len(e.name) >= 4
    }
    if not learned:
        return
    names = sorted(learned, key=len, reverse=True)
    rx = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
    for c in out.claims:
        have = {ref for ref, _ in c.mentions}
        for m in rx.finditer(c.text):
            ref = learned[m.group(0)]
            if ref not in have and ref != c.speaker:
                have.add(ref)
                c.mentions.append((ref, Evidence(c.document, c.start, c.end, c.quote, c.timestamp, "kb.learned", 0.7)))


def _developers(kb: KnowledgeBase, out: Extraction) -> None:
    """DEVELOPED_BY for every system the claims mention, from the curated system list."""
    mentioned = {ref for c in out.claims for ref, _ in c.mentions if ref[0] == "System"}
    for ref in sorted(mentioned):
        dev = (kb.get(ref) or None) and kb.get(ref).props.get("developer")  # type: ignore[union-attr]
        org = kb.lookup(dev, {"Organization"}) if dev else None
        if org:
            out.relations.append(Relation("DEVELOPED_BY", ref, org, None, "rules.systems", 1.0))


__all__ = ["extract", "Extraction", "ClaimRecord", "Relation", "Evidence", "TYPES"]
