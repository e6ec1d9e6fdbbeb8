"""Score the claim layer against sentences labelled by hand (bench/labels/claims.yml).

    python -m bench.claims [--docs /tmp/claimgraph-claims]    # precision and recall of "is a claim"

The labelled episodes are read from ``--docs`` (``practical-ai-230.md``, ``practical-ai-260.md``, from
the commit the label file names).  A sentence counts as made a claim when claims cover at least half
of its characters in the original text.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from extract.readers.common import clean_text

HERE = Path(__file__).resolve().parent
LABELS = HERE / "labels" / "claims.yml"


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
    a = ap.parse_args()
    from extract.pipeline import extract
    from extract.readers import read_path

    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))["sentences"]
    tp = fp = fn = tn = missing = 0
    for name in sorted({s["doc"] for s in labels}):
        doc = read_path(a.docs / f"{name}.md", display=f"{name}.md")
        claims = extract([doc], jobs=1).claims
        for s in (s for s in labels if s["doc"] == name):
            share = covered(doc, claims, s["text"])
            if share is None:
                missing += 1
                continue
            said = share >= 0.5
            tp += said and s["claim"]
            fp += said and not s["claim"]
            fn += (not said) and s["claim"]
            tn += (not said) and not s["claim"]
            if a.verbose and said != s["claim"]:
                print("FP" if said else "FN", s["text"][:150])
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    base = (tp + fn) / (tp + fp + fn + tn)  # precision of "every sentence is a claim"
    print(f"{tp + fp + fn + tn} sentences ({missing} not found): precision {p:.2f}  recall {r:.2f}  F1 {f1:.2f}  "
          f"(every sentence a claim: precision {base:.2f}, F1 {2 * base / (base + 1):.2f})")


if __name__ == "__main__":
    main()
