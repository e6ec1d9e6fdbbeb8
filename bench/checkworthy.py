"""Score the check-worthiness score against the claims labelled by hand (bench/labels/claims.yml).

    python -m bench.checkworthy      # how well it ranks check-worthy claims above the rest

Each labelled claim is parsed on its own by the build's pipeline.  Reported: the area under the ROC
curve (0.5 is chance), precision among the top-ranked claims (as many as there are check-worthy ones)
against the share of check-worthy claims, for :func:`extract.checkworthy.checkworthiness` and, beside
it, for the claim model's score (what claims were sorted by before).
"""

from __future__ import annotations

from pathlib import Path

import yaml

LABELS = Path(__file__).resolve().parent / "labels" / "claims.yml"


def auc(scores: list[float], labels: list[bool]) -> float:
    """The chance that a check-worthy claim is ranked above one that is not (ties count half)."""
    pos = [s for s, y in zip(scores, labels) if y]
    neg = [s for s, y in zip(scores, labels) if not y]
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def top_precision(scores: list[float], labels: list[bool]) -> float:
    k = sum(labels)
    ranked = sorted(zip(scores, labels), key=lambda sy: -sy[0])[:k]
    return sum(y for _, y in ranked) / k


def main() -> None:
    from extract import claim_model
    from extract.checkworthy import checkworthiness
    from extract.nlp import curated_pipeline
    from extract.rules import load_rules

    rules = load_rules()
    nlp = curated_pipeline(rules.digest)
    labelled = [s for s in yaml.safe_load(LABELS.read_text(encoding="utf-8"))["sentences"] if "checkworthy" in s]
    spans = [d[:] for d in nlp.pipe(s["text"] for s in labelled)]
    y = [bool(s["checkworthy"]) for s in labelled]
    print(f"{len(y)} labelled claims, {sum(y)} check-worthy (share {sum(y) / len(y):.2f})")
    for name, score in (("check-worthiness", checkworthiness), ("claim model score", claim_model.probability)):
        s = [score(span) for span in spans]
        print(f"{name:18}  ROC AUC {auc(s, y):.2f}   precision in the top {sum(y)}: {top_precision(s, y):.2f}")


if __name__ == "__main__":
    main()
