"""Train the claim model (extract/rules/claim_model.json) on bench/labels/claims_train.yml.

    python -m bench.train_claims          # train, pick the threshold by cross-validation, write the model

The labelled episodes are read from /tmp/claimgraph-claims (fetched as bench/labels/claims_train.yml says).

Each labelled sentence is parsed by the build's own pipeline; its features are those of its parse
(:func:`extract.claim_model.features`) and its mean token vector from the parser's tok2vec
(:func:`extract.claim_model.vector`).  The model judges only what the rules of extract.units let
through, so it is trained on those sentences.  Logistic regression with an L2 penalty, by gradient
descent in numpy.  The threshold is the one with the best F1 at recall >= 0.92 of rules and model
together, with each training episode judged by a model trained on the others (the test labels,
bench/labels/claims.yml, are never seen here).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import yaml

from extract import units
from extract.claim_model import MODEL_FILE, features, index, vector
from extract.nlp import curated_pipeline
from extract.rules import load_rules

HERE = Path(__file__).resolve().parent
TRAIN = HERE / "labels" / "claims_train.yml"
BITS = 12
L2 = 10.0
STEPS = 600
RATE = 0.5
DENSE_WEIGHT = 0.3  # the standardised vector's share beside the hashed features
MIN_RECALL = 0.92


def matrix(seen, bits: int = BITS) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The design matrix (hashed features, then the standardised vectors), with the vectors' mean and
    scale; ``seen``: (unit span, position, count, previous kind)."""
    X = np.zeros((len(seen), 2 ** bits), dtype=np.float32)
    for i, (span, k, n, prev) in enumerate(seen):
        for f in set(features(span, k, n, prev)):
            X[i, index(f, bits)] = 1.0
    V = np.array([vector(span) for span, *_ in seen], dtype=np.float64)
    mean, scale = V.mean(axis=0), V.std(axis=0) + 1e-6
    return np.hstack([X, DENSE_WEIGHT * (V - mean) / scale]), mean, scale


def fit(X: np.ndarray, y: np.ndarray, l2: float = L2, steps: int = STEPS, rate: float = RATE) -> tuple[np.ndarray, float]:
    w = np.zeros(X.shape[1], dtype=np.float64)
    b = 0.0
    n = len(y)
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(X @ w + b)))
        g = p - y
        w -= rate * (X.T @ g / n + l2 * w / n)
        b -= rate * g.mean()
    return w, b


def prf(y: np.ndarray, said: np.ndarray) -> tuple[float, float, float]:
    tp = float((said & (y == 1)).sum())
    p = tp / max(1.0, float(said.sum()))
    r = tp / max(1.0, float((y == 1).sum()))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


DOCS = Path("/tmp/claimgraph-claims")  # the labelled episodes, as bench/labels/claims_train.yml names them


def training_units(labels: list[dict], rules) -> list[tuple[object, int, int, str, bool]]:
    """Each labelled sentence as the build sees it: the unit of its turn's parse that holds it, with the
    unit's place in the turn — (span, position, count, previous kind, whether the rules let it through)."""
    from extract.readers import read_path

    nlp = curated_pipeline(rules.digest)
    out = []
    for name in dict.fromkeys(s["doc"] for s in labels):
        doc = read_path(DOCS / f"{name}.md", display=f"{name}.md")
        turns = [t for t in doc.turns if t.kind in ("speech", "segment", "paragraph")]
        parsed = list(zip(turns, nlp.pipe([t.text for t in turns])))
        for s in (s for s in labels if s["doc"] == name):
            for turn, sdoc in parsed:
                at = turn.text.find(s["text"])
                if at < 0:
                    continue
                us = units.units(sdoc, rules)
                k = next((k for k, u in enumerate(us) if u.start <= at < u.end), None)
                if k is None:
                    break
                u = us[k]
                span = sdoc[u.sents[0].start:u.sents[-1].end]
                out.append((span, k, len(us), us[k - 1].kind if k else "none", u.kind == "claim", s["claim"]))
                break
            else:
                raise SystemExit(f"{name}: labelled sentence not found: {s['text'][:60]}")
    return out


def main() -> None:
    labels = yaml.safe_load(TRAIN.read_text(encoding="utf-8"))["sentences"]
    rules = load_rules()
    seen = training_units(labels, rules)
    ruled = np.array([r for *_, r, _ in seen])
    X, mean, scale = matrix([(span, k, n, prev) for span, k, n, prev, _, _ in seen])
    y = np.array([1.0 if label else 0.0 for *_, label in seen])
    episodes = np.array([s["doc"] for name in dict.fromkeys(s["doc"] for s in labels)  # training_units' order
                         for s in labels if s["doc"] == name])
    probs = np.zeros(len(y))
    for name in dict.fromkeys(episodes):  # each episode judged by a model trained on the others
        held = episodes == name
        w, b = fit(X[~held & ruled], y[~held & ruled])
        probs[held] = 1 / (1 + np.exp(-(X[held] @ w + b)))
    p, r, f1 = prf(y, ruled)
    print(f"rules alone on {len(y)} training sentences: precision {p:.2f}, recall {r:.2f}, F1 {f1:.2f}")
    best = (0.0, 0.5)
    for t in np.arange(0.1, 0.9, 0.02):
        p, r, f1 = prf(y, ruled & (probs >= t))
        if r >= MIN_RECALL and f1 > best[0]:
            best = (f1, float(t))
    threshold = round(best[1], 2)
    p, r, f1 = prf(y, ruled & (probs >= threshold))
    print(f"rules and model, cross-validated: threshold {threshold}, precision {p:.2f}, recall {r:.2f}, F1 {f1:.2f}")
    w, b = fit(X[ruled], y[ruled])
    n = 2 ** BITS
    MODEL_FILE.write_text(json.dumps({
        "bits": BITS, "bias": round(float(b), 5), "threshold": threshold,
        "trained_on": f"{TRAIN.relative_to(HERE.parent)}: {len(y)} sentences, {int(y.sum())} claims",
        "weights": [round(float(x), 5) for x in w[:n]],
        "dense": [round(float(x) * DENSE_WEIGHT, 6) for x in w[n:]],
        "mean": [round(float(x), 6) for x in mean], "scale": [round(float(x), 6) for x in scale],
    }, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"written {MODEL_FILE}")


if __name__ == "__main__":
    main()
