"""The parser: spaCy's parse of each turn, reduced to what extraction uses, on all cores.

Parsing is nearly all the work of a build.  It runs in worker processes (the
standard library's process pool, or a Dask cluster's, see :mod:`extract.cluster`), and each
worker sends back, per turn, only what claims and relations read — the sentence
units with their kind, the entity spans, the untagged proper nouns and the token
boundaries — rather than spaCy ``Doc`` objects.  These compact analyses are also
what the parse cache keeps between builds, keyed by the document's text, the rules
and the code that made them.  Long documents are cut into chunks of turns so that
one book keeps every core busy; results come back in the order documents were
handed in.  This is the only place that knows how many processes a build uses.
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import signal
import sys
import threading
import time
from array import array
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Protocol

from spacy.tokens import Doc, Span

from extract import units as unitlib
from extract.nlp import curated_pipeline, pipeline_version
from extract.records import ReadDocument, Stance
from extract.rules import Rules, load_rules
from extract.stance_cues import OPENING, stance_cues_both

# The cue families whose matches depend on a unit's words alone (what they name is looked up later):
# found here once per parse, and kept with it.
WORD_CUES = ("cite", "system")
OPENING_UNITS = max(OPENING.values())  # a unit past these takes a stance only by naming whom: no other cue is searched
_HANDING_OVER = threading.Event()  # set while work is handed to the worker processes (see handing_over)
CHUNK_CHARS = 20_000  # text per task: big enough for spaCy's batching, small enough to spread a book


def _source_digest(*names: str) -> str:
    h = hashlib.sha256()
    for n in names:
        h.update((Path(__file__).parent / n).read_bytes())
    return h.hexdigest()[:16]


# The code that turns a parse into an analysis: part of the cache key, so an analysis cached by
# other code (another way of cutting or classifying sentences) is never used.
ANALYSIS_CODE = _source_digest("parser.py", "units.py", "nlp.py", "claim_model.py", "rules/claim_model.json",
                               "checkworthy.py", "rules/checkworthy.yml", "stance_cues.py", "rules/__init__.py")


class AnalysisCache(Protocol):
    """Where parses are kept between builds (see :class:`graph.cache.ParseCache`)."""

    def get(self, key: str) -> list | None: ...

    def put(self, key: str, analyses: list) -> None: ...


@dataclass(slots=True)
class TurnAnalysis:
    """One parsed turn.  Offsets are into the turn's cleaned text; token indices into its tokens."""

    units: list[tuple[int, int, str, int, int, float, float]]  # (start, end, kind, first token, end token,
    #                                                             claim score, check-worthiness)
    ents: list[tuple[int, int, str, str]]  # (first token, end token, label, entity id or "")
    propn: list[int]  # capitalised proper nouns no entity covers ("Ilya"), by token index
    starts: array  # each token's offset
    spaces: bytes  # 1 where a token is followed by a space
    stances: dict[int, tuple[tuple[Stance, ...], tuple[Stance, ...]]]  # unit → the stances its words take, of
    #        all cues (in the turn's opening units only) and of those naming whom (most units: none)
    cues: dict[int, tuple[tuple[str, int], ...]]  # unit → where the cues of WORD_CUES match its text (most: none)

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
    """What extraction reads of one parsed turn: its sentence units, their claim scores, the stances
    their words take and the word cues they match, its entities, proper nouns and token boundaries."""
    found = unitlib.units(sdoc, rules)
    whole = sdoc.text
    units = [(u.start, u.end, u.kind, u.sents[0].start, u.sents[-1].end, round(u.score, 3), round(u.worth, 3))
             for u in found]
    stances, cues = {}, {}
    for i, u in enumerate(found):
        text = whole[u.start:u.end].strip()
        every, naming = (tuple((rel, cue.id, who) for rel, cue, who in taken)
                         for taken in stance_cues_both(text, rules, opening=i < OPENING_UNITS))
        if every or naming:
            stances[i] = (every, naming)
        hits = tuple(h for category in WORD_CUES for h in rules.cues_for(category).hits(text))
        if hits:
            cues[i] = hits
    propn = [t.i for t in sdoc if unitlib.is_proper_noun(t) and not t.ent_type_
             and t.text[:1].isupper() and t.text[1:].islower() and len(t.text) >= 3]
    return TurnAnalysis(
        units=units,
        ents=[(e.start, e.end, e.label_, e.ent_id_) for e in sdoc.ents],
        propn=propn,
        starts=array("I", (t.idx for t in sdoc)),
        spaces=bytes(1 if t.whitespace_ else 0 for t in sdoc),
        stances=stances,
        cues=cues,
    )


class ParsingStopped(RuntimeError):
    """Parsing as a whole cannot go on (a parse process died, a cluster's worker has other rules), as
    opposed to one document it fails on; ``str()`` says why in one line."""


def _unparsed() -> TurnAnalysis:
    """A turn the parser failed on: no units, entities or tokens."""
    return TurnAnalysis(units=[], ents=[], propn=[], starts=array("I"), spaces=b"", stances={}, cues={})


def _parse(texts: list[str], rules_digest: str) -> list[TurnAnalysis]:
    """Parse and analyse some turns (in a worker process, or here with one job)."""
    nlp = curated_pipeline(rules_digest)
    rules = load_rules()
    return [analyse(d, rules) for d in nlp.pipe(texts, batch_size=256)]


def handing_over() -> bool:
    """Whether work is being handed to the worker processes right now.  The pool starts a worker as it
    takes a task: an interrupt raised between the worker's start and the pool recording it leaves the
    pool waiting on that worker for ever, so a signal handler asks for the stop and lets the build see
    it at its next progress tick instead (:mod:`graph.interrupt`)."""
    return _HANDING_OVER.is_set()


def die_with_parent() -> None:
    """A worker's start: end it when the process that started it dies, even by SIGKILL (Linux), so a
    killed build leaves no parser running; and let SIGTERM end it at once, whatever handler it
    inherited (the command line turns SIGTERM into an orderly stop, which a worker must not)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass


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

    ``cache``: an :class:`AnalysisCache`; ``pool``: an executor to parse on (``submit``,
    ``shutdown``), such as a cluster's; by default a process pool of ``jobs`` processes is started
    when a first document needs parsing.

    >>> with Parser(load_rules(), jobs=2) as p:   # doctest: +SKIP
    ...     p.submit(doc)
    ...     for i, analyses in p.results(): ...
    """

    def __init__(self, rules: Rules, jobs: int = 1, cache: AnalysisCache | None = None, pool=None):
        self.rules = rules
        self.cache = cache
        self.version = pipeline_version() + ANALYSIS_CODE
        self.jobs = jobs
        self.pool = pool
        self.seconds = 0.0  # time the caller waited for parses (or parsed, with one job)
        self.hits = 0  # documents found in the cache
        self.warnings: list[str] = []  # one line for each document the parser failed on
        self._queue: list[tuple[ReadDocument, str, str, object]] = []  # (document, key, how, what)

    def _key(self, doc: ReadDocument) -> str:
        """Of what is parsed (each turn's text, as the reader cut it), the rules and the parsing code."""
        h = hashlib.sha256()
        for part in (*(t.text for t in doc.turns), self.rules.digest, self.version):
            h.update(part.encode("utf-8", "surrogatepass") + b"\0")
        return h.hexdigest()[:32]

    def submit(self, doc: ReadDocument) -> None:
        """Hand in a document: from the cache when it is there, else queued for parsing."""
        k = self._key(doc)
        hit = self.cache.get(k) if self.cache is not None else None
        if hit is not None and len(hit) == len(doc.turns):
            self.hits += 1
            self._queue.append((doc, k, "cached", hit))
            return
        texts = [t.text for t in doc.turns]
        if self.jobs > 1 or self.pool is not None:
            _HANDING_OVER.set()
            try:
                tasks = [self._workers().submit(_parse, chunk, self.rules.digest) for chunk in _chunks(texts)]
            finally:
                _HANDING_OVER.clear()
            self._queue.append((doc, k, "tasks", tasks))
        else:
            self._queue.append((doc, k, "here", texts))

    def results(self, progress: Callable[[int, int], None] | None = None) -> Iterator[tuple[int, list[TurnAnalysis]]]:
        """(position, analyses of each turn) for every document handed in, in order.

        ``progress(turns, all turns)`` is told as each document's turns are done.
        """
        total = sum(len(doc.turns) for doc, *_ in self._queue)
        for i, (doc, k, how, what) in enumerate(self._queue):
            self._queue[i] = (doc, k, how, [])  # each document's analyses are freed once handed over
            if how == "cached":
                analyses = what
            else:
                t0 = time.perf_counter()
                try:
                    if how == "tasks":
                        analyses = [a for task in what for a in task.result()]
                    else:
                        analyses = [a for chunk in _chunks(what) for a in _parse(chunk, self.rules.digest)]
                except BrokenProcessPool:
                    raise ParsingStopped("a parse process died (killed, perhaps for lack of memory); nothing was "
                                         "replaced; try again with fewer --jobs") from None
                except ParsingStopped:
                    raise
                except Exception as e:  # a parser failure must not lose the rest of the corpus
                    self.warnings.append(f"{doc.meta.path}: not parsed ({type(e).__name__}: {e}); "
                                         "its text is in the graph, without claims")
                    analyses = [_unparsed() for _ in doc.turns]
                else:
                    if self.cache is not None:
                        self.cache.put(k, analyses)
                self.seconds += time.perf_counter() - t0
            if progress:
                progress(len(doc.turns), total)
            yield i, analyses

    def _workers(self):
        """The worker processes (forked where the platform can), started the first time there is
        something to parse; each loads the model with its first turns.  Unlike ``multiprocessing.Pool``,
        the executor tells when a worker dies (the build waited for its task for ever)."""
        if self.pool is None:
            method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
            self.pool = ProcessPoolExecutor(self.jobs, mp_context=mp.get_context(method), initializer=die_with_parent)
        return self.pool

    def close(self) -> None:
        """Parsing is over (or the build stops): what is not started is dropped, a chunk being parsed ends."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None

    def __enter__(self) -> "Parser":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
