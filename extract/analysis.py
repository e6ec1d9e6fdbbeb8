"""spaCy's parse of each turn, reduced to what extraction uses, computed on all cores.

Parsing is nearly all the work of a build.  It runs in worker processes, and each
worker sends back, per turn, only what claims and relations read — the sentence
units with their kind, the entity spans, the untagged proper nouns and the token
boundaries — rather than spaCy ``Doc`` objects, whose serialisation between
processes costs a good part of the parse itself.  These compact analyses are
also what the cache keeps between builds (see :mod:`extract.cache`).

Documents are handed in as they are read, so reading overlaps parsing; long
documents are cut into chunks of turns so that one book keeps every core busy.
Results come back in the order documents were handed in.
"""

from __future__ import annotations

import multiprocessing as mp
import time
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import extract._spacy  # noqa: F401 - spaCy without its command line
from spacy.tokens import Doc, Span

from extract import claims as claimlib
from extract.cache import ParseCache, key as cache_key, source_digest
from extract.nlp import curated_pipeline, pipeline_version
from extract.records import ReadDocument
from extract.rules import Rules, load_rules
from extract.workers import die_with_parent, start as start_workers

CHUNK_CHARS = 20_000  # text per task: big enough for spaCy's batching, small enough to spread a book


# The code that turns a parse into an analysis: part of the cache key, so an analysis cached by
# other code (another way of cutting or classifying sentences) is never used.
ANALYSIS_CODE = source_digest(*(Path(__file__).with_name(n) for n in ("analysis.py", "claims.py", "nlp.py")))


@dataclass(slots=True)
class TurnAnalysis:
    """One parsed turn.  Offsets are into the turn's cleaned text; token indices into its tokens."""

    units: list[tuple[int, int, str, int, int]]  # (start, end, kind, first token, end token)
    ents: list[tuple[int, int, str, str]]  # (first token, end token, label, entity id or "")
    propn: list[int]  # capitalised proper nouns no entity covers ("Ilya"), by token index
    starts: array  # each token's offset
    spaces: bytes  # 1 where a token is followed by a space

    def end(self, i: int, text: str) -> int:
        """Where token ``i`` ends in ``text`` (the turn's cleaned text)."""
        following = self.starts[i + 1] if i + 1 < len(self.starts) else len(text)
        return following - self.spaces[i]

    def token(self, i: int, text: str) -> str:
        return text[self.starts[i]: self.end(i, text)]

    def doc(self, vocab, text: str, words: list[str] | None = None) -> Doc:
        """The turn as a spaCy Doc with its entities (no parse): for the corpus rulers.  ``words``: its
        tokens' texts, when the caller has them already."""
        words = words if words is not None else [self.token(i, text) for i in range(len(self.starts))]
        doc = Doc(vocab, words=words, spaces=[bool(s) for s in self.spaces])
        doc.ents = [Span(doc, s, e, label=label, span_id=eid or 0) for s, e, label, eid in self.ents]
        return doc


def analyse(sdoc: Doc, rules: Rules) -> TurnAnalysis:
    units = [(u.start, u.end, u.kind, u.sents[0].start, u.sents[-1].end) for u in claimlib.units(sdoc, rules)]
    propn = [t.i for t in sdoc if claimlib.is_proper_noun(t) and not t.ent_type_
             and t.text[:1].isupper() and t.text[1:].islower() and len(t.text) >= 3]
    return TurnAnalysis(
        units=units,
        ents=[(e.start, e.end, e.label_, e.ent_id_) for e in sdoc.ents],
        propn=propn,
        starts=array("I", (t.idx for t in sdoc)),
        spaces=bytes(1 if t.whitespace_ else 0 for t in sdoc),
    )


def load_model() -> None:
    """Load the curated pipeline of the current rules into this process (a worker started early)."""
    curated_pipeline(load_rules().digest)


def _parse(texts: list[str], rules_digest: str) -> list[TurnAnalysis]:
    """Parse and analyse some turns (in a worker process, or inline with one job)."""
    nlp = curated_pipeline(rules_digest)
    rules = load_rules()
    return [analyse(d, rules) for d in nlp.pipe(texts, batch_size=256)]


def in_background(fn: Callable, *args) -> Callable[[], object]:
    """Start ``fn(*args)`` in a forked process (it reads this process's memory as it is now, without
    copying it); returns a function that waits for the result.  Where fork is not available, or the
    process dies before it answers, the result is computed here when asked for."""
    if "fork" not in mp.get_all_start_methods():
        return lambda: fn(*args)
    ctx = mp.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)

    def run() -> None:
        die_with_parent()
        send.send(fn(*args))

    proc = ctx.Process(target=run, daemon=True)
    proc.start()
    send.close()

    def result():
        try:
            return receive.recv()
        except (EOFError, OSError):  # it died (and said why on stderr)
            return fn(*args)
        finally:
            receive.close()
            proc.join()

    return result


def _chunks(texts: list[str], size: int = CHUNK_CHARS) -> Iterator[list[str]]:
    chunk: list[str] = []
    n = 0
    for t in texts:
        chunk.append(t)
        n += len(t)
        if n >= size:
            yield chunk
            chunk, n = [], 0
    if chunk:
        yield chunk


class Parser:
    """Parses the turns of documents handed in with :meth:`submit` on ``jobs`` processes.

    >>> p = Parser(load_rules(), jobs=2)          # doctest: +SKIP
    >>> p.submit(doc)                             # doctest: +SKIP
    >>> for i, analyses in p.results(): ...       # doctest: +SKIP
    """

    def __init__(self, rules: Rules, jobs: int = 1, cache: ParseCache | None = None, pool=None):
        self.rules = rules
        self.cache = cache or ParseCache(None)
        self.version = pipeline_version() + ANALYSIS_CODE
        self._made_by = rules.digest + self.version  # what a document's latest cached parse must be made by
        self.seconds = 0.0  # time the caller waited for parses (or parsed, with one job)
        self.jobs = jobs
        self.pool = pool  # started for the first turns to parse, unless one is given (see extract.workers)
        self._queue: list[tuple[ReadDocument, str, str, object]] = []  # (document, key, how, what)
        self.turns_reused = 0  # turns of changed documents found in their last cached version
        self.turns_parsed = 0

    @property
    def parsing(self) -> int:
        """How many of the documents handed in are being parsed (not found in the cache)."""
        return sum(1 for _, _, how, _ in self._queue if how != "cached")

    def submit(self, doc: ReadDocument) -> None:
        """Hand in a document: from the cache when it is there, else queued for parsing — only the
        turns that are not as they were in the document's last cached version (an edit leaves the
        others alone, and a turn's analysis depends on its text only)."""
        texts = [t.text for t in doc.turns]
        k = cache_key(doc.text, self.rules.digest, self.version)
        hit = self.cache.get(k, texts, doc.meta.path, self._made_by)
        if hit is not None:
            self._queue.append((doc, k, "cached", hit))
            return
        known = self.cache.previous(doc.meta.path, self._made_by, texts)
        todo = [texts[i] for i, a in enumerate(known) if a is None]
        self.turns_reused += len(texts) - len(todo)
        self.turns_parsed += len(todo)
        if self.jobs > 1:
            tasks = [self._workers().apply_async(_parse, (chunk, self.rules.digest)) for chunk in _chunks(todo)]
            self._queue.append((doc, k, "tasks", (known, tasks)))
        else:
            self._queue.append((doc, k, "inline", (known, todo)))

    def results(self, progress: Callable[[int, int], None] | None = None) -> Iterator[tuple[int, list[TurnAnalysis]]]:
        """(position, analyses of each turn) for every document handed in, in order.

        ``progress(turns, all turns)`` is told as each document's turns are done.
        """
        total = sum(len(doc.turns) for doc, *_ in self._queue)
        for i, (doc, k, how, what) in enumerate(self._queue):
            self._queue[i] = (doc, k, how, [])  # each document's analyses are freed once handed over
            texts = [t.text for t in doc.turns]
            if how == "cached":
                analyses = what
            else:
                t0 = time.perf_counter()
                if how == "tasks":
                    known, tasks = what
                    parsed = iter([a for task in tasks for a in task.get()])
                else:
                    known, todo = what
                    parsed = iter([a for chunk in _chunks(todo) for a in _parse(chunk, self.rules.digest)])
                analyses = [a if a is not None else next(parsed) for a in known]
                self.seconds += time.perf_counter() - t0
                self.cache.put(k, texts, analyses, doc.meta.path, self._made_by)
            if progress:
                progress(len(texts), total)
            yield i, analyses

    def _workers(self):
        """The worker processes, started the first time there is something to parse.  Each loads the
        model itself with its first turns, while this process goes on reading the documents (loading
        it here first and sharing it would keep both cores idle meanwhile); a worker given nothing
        to parse never loads it."""
        if self.pool is None:
            self.pool = start_workers(self.jobs)
        return self.pool

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None

    def __enter__(self) -> "Parser":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
