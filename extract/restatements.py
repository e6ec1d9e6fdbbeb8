"""Restatements: RESTATES between claims of different documents that say the same thing (a summary
and the transcript of one episode, a book quoting a talk)."""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict

from rapidfuzz import fuzz

from extract.readers.common import timestamp_seconds
from extract.records import Extraction
from extract.rules import Rules
from extract.stance import content_words

# Chosen by reading every pair the seeds produce above 60: all 64 pairs at 68 or more restate each
# other; below 68 wrong pairs appear (a question matched to its answer at 66, an unrelated sentence at 63).
RESTATE_THRESHOLD = 68.0
RESTATE_RULE = "restate.token-set"  # a restatement's evidence is the restating claim's sentence
MAX_CANDIDATES = 12  # per claim, the claims sharing the most content words
MAX_POSTINGS = 64  # a word in more claims than this says little about which ones restate each other
RAREST = 10  # the words of a claim looked up in the index: its rarest ones
SAME_MOMENT = 45  # seconds: two claims timed to one video this close are likelier the same
# the direction of an edge: from the derivative document (summary, notes, book) to the primary one
RANK = {"transcript": 0, "whisper": 0, "captions": 0, "plain": 1, "wiki": 2, "notes": 2, "book": 3}


def restatements(out: Extraction, rules: Rules) -> None:
    """Add RESTATES for every pair :func:`restated_pairs` finds, with the restating claim's sentence as evidence."""
    for i, j, score in restated_pairs(out, rules):
        src, dst = out.claims[i], out.claims[j]
        out.relate("RESTATES", src.ref, dst.ref, src.evidence(RESTATE_RULE, score), score=score)


def restated_pairs(out: Extraction, rules: Rules) -> list[tuple[int, int, float]]:
    """Pairs of claims of different documents that say the same thing: (the claim that restates, the
    one restated, score), by position in ``out.claims``.

    Candidates come from an inverted index of content words that occur in at most
    64 claims: through its 10 rarest words (equally rare ones by the word itself), a
    claim is compared with the 12 claims of other documents that share the most of them
    (at least three), so each claim costs a bounded amount of work and the step grows
    linearly with the corpus.  Score: rapidfuzz ``token_set_ratio`` of the two texts,
    +8 when both are timed to the same video within 45 seconds; pairs scoring at least
    68 restate each other.
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
            score = fuzz.token_set_ratio(a.text, b.text)
            db = docs[b.document]
            if (da.meta.video_id and da.meta.video_id == db.meta.video_id and a.timestamp and b.timestamp
                    and abs((timestamp_seconds(a.timestamp) or 0) - (timestamp_seconds(b.timestamp) or 0)) <= SAME_MOMENT):
                score += 8
            if score < RESTATE_THRESHOLD:
                continue
            src, dst = (i, j) if RANK.get(da.meta.format, 1) >= RANK.get(db.meta.format, 1) else (j, i)
            found.append((src, dst, round(min(score, 100) / 100, 3)))
    return found
