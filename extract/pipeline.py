"""Extraction: read documents in, an :class:`~extract.records.Extraction` out, stage by stage.

>>> from extract.readers import read_path
>>> from extract.pipeline import extract
>>> result = extract([read_path("seeds/001_0dedf1b18d31d238.txt")])   # doctest: +SKIP
>>> result.claims[0].speaker                                          # doctest: +SKIP
('Person', 'Demis Hassabis')
"""

from __future__ import annotations

import time
from typing import Callable, Iterable

from extract.affiliations import document_affiliations
from extract.citations import document_citations
from extract.claims import document_claims
from extract.concepts import register_concepts
from extract.kb import KnowledgeBase
from extract.mentions import developers, learned_mentions
from extract.nlp import corpus_patterns, corpus_rulers, tokenizer_pipeline
from extract.parser import AnalysisCache, Parser
from extract.people import Folders, drop_unlikely_people, merge_sound_alikes
from extract.records import ClaimRecord, Evidence, Extraction, ReadDocument, Relation
from extract.restatements import restatements
from extract.rules import Rules, load_rules
from extract.speakers import register_people
from extract.stance import document_stance


def extract(docs: Iterable[ReadDocument], rules: Rules | None = None, jobs: int = 1,
            cache: AnalysisCache | None = None, progress: Callable[[int, int], None] | None = None,
            pool=None) -> Extraction:
    """Run every stage over read documents.

    ``docs`` may be a generator: each document is handed to the parser as it is read.
    ``jobs``: parser processes; ``cache``: keeps parses between builds; ``progress(turns, all
    turns)`` is told as documents are parsed; ``pool``: a pool to parse on (a cluster's).
    """
    rules = rules or load_rules()
    out = Extraction(documents=[], kb=KnowledgeBase.from_rules(rules))
    t0 = time.perf_counter()
    with Parser(rules, jobs, cache, pool) as parser:
        for d in docs:
            parser.submit(d)
            out.documents.append(d)
        # speakers, authors, glossary terms and wiki links: known before any claim is read
        folders = Folders(out.documents, rules)
        out.speakers = [register_people(d, out, rules, folders) for d in out.documents]
        for d in out.documents:
            register_concepts(d, out, rules)
        entities = corpus_rulers(tokenizer_pipeline(), corpus_patterns(out.kb))
        for di, analyses in parser.results(progress):
            document_claims(out, di, analyses, entities, out.speakers[di], rules)
        out.cache_hits = parser.hits
        out.warnings += parser.warnings
        out.timings["parse (waited for)"] = parser.seconds
    out.timings["claims"] = time.perf_counter() - t0 - parser.seconds
    t0 = time.perf_counter()
    drop_unlikely_people(out.kb, out, rules)
    merge_sound_alikes(out.kb, out, rules)
    learned_mentions(out, rules)
    developers(out, rules)
    for di in range(len(out.documents)):
        document_stance(out, di, rules)
        document_citations(out, di, rules)
        document_affiliations(out, di, rules)
    restatements(out, rules)
    out.timings["relations"] = time.perf_counter() - t0
    return out


__all__ = ["extract", "Extraction", "ClaimRecord", "Relation", "Evidence"]
