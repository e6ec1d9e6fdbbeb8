"""Restatements: RESTATES between claims of different documents that say the same thing (a summary
and the transcript of one episode, a book quoting a talk).

Two documents timed to the same video are matched by time and meaning: each claim of the
derivative one (summary, notes, book) is compared with the claims of the primary one (transcript,
captions) said around its time, and restates the one that shares most of what it is about (the
word stems both use), when that is enough.  Any other pair of documents is matched by meaning
alone, with a stricter bar (:func:`restated_pairs`); but two recordings of different episodes (two
transcripts, captions or Whisper texts) never restate each other: what they share word for word is
the show's own recurring words, an ad read or an outro read in every episode.  Boilerplate is never
a claim, so never restates.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from pathlib import Path

from rapidfuzz import fuzz

from extract.readers.common import timestamp_seconds
from extract.records import Extraction, ReadDocument
from extract.rules import Rules
from extract.stance import content_words

# Chosen by reading every pair the seeds produce above 60: all 64 pairs at 68 or more restate each
# other; below 68 wrong pairs appear (a question matched to its answer at 66, an unrelated sentence at 63).
RESTATE_THRESHOLD = 68.0
RESTATE_RULE = "restate.token-set"  # a restatement's evidence is the restating claim's sentence
MAX_CANDIDATES = 12  # per claim, the claims sharing the most content words
MAX_POSTINGS = 64  # a word in more claims than this says little about which ones restate each other
RAREST = 10  # the words of a claim looked up in the index: its rarest ones
# the direction of an edge: from the derivative document (summary, notes, book) to the primary one
RANK = {"transcript": 0, "whisper": 0, "captions": 0, "plain": 1, "wiki": 2, "notes": 2, "book": 3}


BEFORE, AFTER = 150, 30  # seconds: a turn's stamp is its start, so what a summary cites may begin well before
MIN_SHARED = 0.3  # of the shorter claim's stems, to restate the claim said at that time
TIME_RULE = "restate.time+meaning"


def restatements(out: Extraction, rules: Rules) -> None:
    """Add RESTATES for every pair found, with the restating claim's sentence as evidence."""
    timed = timed_pairs(out, rules)
    for i, j, score in timed:
        src, dst = out.claims[i], out.claims[j]
        out.relate("RESTATES", src.ref, dst.ref, src.evidence(TIME_RULE, score), score=score)
    for i, j, score in restated_pairs(out, rules):
        src, dst = out.claims[i], out.claims[j]
        out.relate("RESTATES", src.ref, dst.ref, src.evidence(RESTATE_RULE, score), score=score)


def stems(text: str, rules: Rules) -> set[str]:
    """What a claim is about, as crude word stems (the first six letters of its content words), so that
    "grounding" and "grounded" meet."""
    return {w[:6] for w in content_words(text, rules)}


def _same_video(a: ReadDocument, b: ReadDocument) -> bool:
    return bool(a.meta.video_id) and a.meta.video_id == b.meta.video_id


def _episodes_apart(a: ReadDocument, b: ReadDocument) -> bool:
    """Two recordings (transcript, captions, Whisper) that are not of one episode: not timed to one video,
    nor of one title or one file name ("ep12.vtt", "ep12.md")."""
    if RANK.get(a.meta.format, 1) or RANK.get(b.meta.format, 1):
        return False
    if _same_video(a, b) or (a.meta.title and a.meta.title.casefold() == (b.meta.title or "").casefold()):
        return False
    return Path(a.meta.path).stem != Path(b.meta.path).stem


def timed_pairs(out: Extraction, rules: Rules) -> list[tuple[int, int, float]]:
    """(derivative claim, primary claim, score) for documents timed to the same video: each timed claim
    of the derivative document restates the primary document's claim said between 150 s before and
    30 s after its time that shares most of its stems — at least two, and 30% of the shorter's."""
    by_video: dict[str, list] = defaultdict(list)
    for d in out.documents:
        if d.meta.video_id:
            by_video[d.meta.video_id].append(d)
    by_doc: dict[str, list[int]] = defaultdict(list)
    timed: dict[int, set[str]] = {}  # each timed claim's stems, made once
    for i, c in enumerate(out.claims):
        if c.timestamp:
            by_doc[c.document].append(i)
            timed[i] = stems(c.text, rules)
    found = []
    for docs in by_video.values():
        for a in docs:
            # every primary claim of this video, by time (the documents ranked below this one)
            primary = sorted((timestamp_seconds(out.claims[j].timestamp) or 0, j) for b in docs
                             if RANK.get(b.meta.format, 1) < RANK.get(a.meta.format, 1) for j in by_doc[b.meta.path])
            times = [t for t, _ in primary]
            for i in by_doc[a.meta.path]:
                t = timestamp_seconds(out.claims[i].timestamp) or 0
                near = primary[bisect.bisect_left(times, t - BEFORE):bisect.bisect_right(times, t + AFTER)]
                best = _best_match(timed[i], [j for _, j in near[:MAX_NEAR]], timed)
                if best is not None:
                    found.append((i, best[1], best[0]))
    return found


MAX_NEAR = 80  # claims around a time compared at most (a video with many documents of it)


def _best_match(mine: set[str], claims: list[int], stems_of: dict[int, set[str]]) -> tuple[float, int] | None:
    """(score, claim) of the one of ``claims`` sharing most of the stems ``mine``, when it shares enough."""
    best = (0.0, 0, -1)
    for j in claims:
        theirs = stems_of[j]
        shared = len(mine & theirs)
        score = shared / max(1, min(len(mine), len(theirs)))
        if (score, shared) > best[:2]:
            best = (score, shared, j)
    if best[2] >= 0 and best[1] >= 2 and best[0] >= MIN_SHARED:
        return round(best[0], 3), best[2]
    return None


def restated_pairs(out: Extraction, rules: Rules) -> list[tuple[int, int, float]]:
    """Pairs of claims of different documents that say the same thing: (the claim that restates, the
    one restated, score), by position in ``out.claims``.

    Pairs of documents timed to the same video are left to :func:`timed_pairs`.  Candidates come from an inverted index of content words that occur in at most
    64 claims: through its 10 rarest words (equally rare ones by the word itself), a
    claim is compared with the 12 claims of other documents that share the most of them
    (at least three), so each claim costs a bounded amount of work and the step grows
    linearly with the corpus.  Score: rapidfuzz ``token_set_ratio`` of the two texts; pairs
    scoring at least 68 restate each other.
    """
    claims = out.claims
    docs = {d.meta.path: d for d in out.documents}
    toks = [content_words(c.text, rules) for c in claims]
    df: Counter[str] = Counter()
    for t in toks:
        df.update(t)
    index: dict[str, list[int]] = defaultdict(list)
    for i, t in enumerate(toks):
        for w in t:
            if df[w] <= MAX_POSTINGS:
                index[w].append(i)
    found: list[tuple[int, int, float]] = []
    for i, t in enumerate(toks):
        if len(t) < 4:
            continue
        shared: Counter[int] = Counter()
        for _, w in sorted([(df[w], w) for w in t if w in index])[:RAREST]:  # rarest first, ties by word
            postings = index[w]  # ascending: only the claims after this one are counted
            shared.update(postings[bisect.bisect_right(postings, i):])
        a = claims[i]
        best = sorted([(n, j) for j, n in shared.items() if n >= 3 and claims[j].document != a.document],
                      reverse=True)[:MAX_CANDIDATES]
        da = docs[a.document]
        for _, j in best:  # each pair once: j comes after i
            if len(toks[j]) < 4:
                continue
            b = claims[j]
            db = docs[b.document]
            if (_same_video(da, db) and a.timestamp and b.timestamp) or _episodes_apart(da, db):
                continue  # matched by time and meaning; or two episodes' recurring words
            score = fuzz.token_set_ratio(a.text, b.text)
            if score < RESTATE_THRESHOLD:
                continue
            src, dst = (i, j) if RANK.get(da.meta.format, 1) >= RANK.get(db.meta.format, 1) else (j, i)
            found.append((src, dst, round(min(score, 100) / 100, 3)))
    return found
