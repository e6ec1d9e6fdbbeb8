"""Score the claim layer against sentences labelled by hand (bench/labels/claims.yml).

    python -m bench.claims [--docs /tmp/claimgraph-claims]    # precision and recall of "is a claim"
    python -m bench.claims --second                           # how far a second reading agrees with the labels

The labelled episodes are read from ``--docs`` (``practical-ai-230.md``, ``-260.md``, ``-289.md`` and
``-295.md``, from the commit the label file names; ``python -m bench.train_claims fetch`` brings them); each
episode is scored, then all together.  A sentence counts as made a claim when claims cover at least half
of its characters in the original text.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from extract.readers.common import clean_text

HERE = Path(__file__).resolve().parent
LABELS = HERE / "labels" / "claims.yml"
SECOND = HERE / "labels" / "claims_second.yml"  # a second reading of some of them, by the same rules


def covered(doc, claims, sentence: str) -> float | None:
    """The share of the sentence's characters that claims cover (None: not found in any turn)."""
    sentence = clean_text(sentence)  # as the reader cleans it
    for t in doc.turns:
        at = t.text.find(sentence)
        if at >= 0:
            start, end = t.tmap.to_raw(at, at + len(sentence))
            inside = sum(max(0, min(end, c.end) - max(start, c.start)) for c in claims)
            return inside / max(1, end - start)
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=Path, default=Path("/tmp/claimgraph-claims"))
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--second", action="store_true", help="score a second reading of the labels against them")
    a = ap.parse_args()
    if a.second:
        print(second_reading())
        return
    from extract.pipeline import extract
    from extract.readers import read_path

    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))["sentences"]
    counts: dict[str, list[int]] = {}  # per episode: tp, fp, fn, tn
    missing = 0
    for name in sorted({s["doc"] for s in labels}):
        doc = read_path(a.docs / f"{name}.md", display=f"{name}.md")
        claims = extract([doc], jobs=1).claims
        c = counts.setdefault(name, [0, 0, 0, 0])
        for s in (s for s in labels if s["doc"] == name):
            share = covered(doc, claims, s["text"])
            if share is None:
                missing += 1
                continue
            said = share >= 0.5
            c[0 if said and s["claim"] else 1 if said else 2 if s["claim"] else 3] += 1
            if a.verbose and said != s["claim"]:
                print("FP" if said else "FN", s["text"][:150])
    for name, c in counts.items():
        print(f"  {name}: {score(*c)}")
    print(f"{sum(map(sum, counts.values()))} sentences ({missing} not found): {score(*map(sum, zip(*counts.values())))}")


def second_reading() -> str:
    """How far the second reading agrees with the labels, and its precision and recall taking them as truth."""
    first = {(s["doc"], s["text"]): s["claim"] for s in yaml.safe_load(LABELS.read_text(encoding="utf-8"))["sentences"]}
    pairs = [(first[(s["doc"], s["text"])], s["claim"])
             for s in yaml.safe_load(SECOND.read_text(encoding="utf-8"))["sentences"]]
    c = [sum(1 for truth, said in pairs if (said, truth) == want) for want in ((True, True), (True, False), (False, True), (False, False))]
    agree = (c[0] + c[3]) / len(pairs)
    return f"{len(pairs)} sentences read twice: agreement {agree:.2f}; the second reading's {score(*c)}"


def score(tp: int, fp: int, fn: int, tn: int) -> str:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    base = (tp + fn) / max(1, tp + fp + fn + tn)  # precision of "every sentence is a claim"
    return (f"precision {p:.2f}  recall {r:.2f}  F1 {f1:.2f}  "
            f"(every sentence a claim: precision {base:.2f}, F1 {2 * base / (base + 1):.2f})")

if __name__ == "__main__":
    main()
