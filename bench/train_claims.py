"""Train the claim model (extract/rules/claim_model.json) on bench/labels/claims_train.yml.

    python -m bench.train_claims fetch --mirrors DIR   # copy the labelled episodes to /tmp/claimgraph-claims
    python -m bench.train_claims          # train, pick the threshold by cross-validation, write the model

The labelled episodes are read from /tmp/claimgraph-claims; ``fetch`` copies each from the git mirror
of its repository (``DIR/<owner>+<name>/repo``, as the search tool's fetch leaves it) at the commit
the ``sources`` of bench/labels/claims_train.yml name.

Each labelled sentence is parsed by the build's own pipeline; its features are those of its parse
(:func:`extract.claim_model.features`) and its mean token vector from the parser's tok2vec
(:func:`extract.claim_model.vector`).  The model judges only what the rules of extract.units let
through, so it is trained on those sentences.  Logistic regression with an L2 penalty, by gradient
descent in numpy.  The threshold is the one with the best precision at recall >= 0.9 of rules and
model together (and the check-worthiness that keeps a statement of fact a claim whatever the model
says, extract/rules/checkworthy.yml): the model only turns away what it is surest is narration.  (Held to
recall 0.8 it gains 0.06 of precision on the test labels but drops plain claims of debate speech —
"The deficit doubled on his watch.", "We created nine million jobs." — that no training episode is
like, and claims that disagreements point at.)  Each training episode is judged by a model trained on
the others; the test labels, bench/labels/claims.yml, are never seen here.
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import numpy as np
import yaml

from bench.mirrors import mirrored
from extract import units
from extract.checkworthy import checkworthiness
from extract.checkworthy import load as checkworthy_rules
from extract.claim_model import MODEL_FILE, features, index, vector
from extract.nlp import curated_pipeline
from extract.readers.common import clean_text
from extract.rules import load_rules

HERE = Path(__file__).resolve().parent
TRAIN = HERE / "labels" / "claims_train.yml"
BITS = 12
L2 = 10.0
STEPS = 600
RATE = 0.5
DENSE_WEIGHT = 0.3  # the standardised vector's share beside the hashed features
MIN_RECALL = 0.9


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
                at = turn.text.find(clean_text(s["text"]))  # as the reader cleans it: "It's the hat. ((laughter))"
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


def source(name: str, sources: dict) -> dict:
    """Where the episode ``name`` comes from (``practical-ai-{n}`` stands for every number)."""
    if name in sources:
        return sources[name]
    n = re.fullmatch(r"practical-ai-(\d+)", name)
    if n is None:
        raise SystemExit(f"{name}: no source in {TRAIN.name}")
    template = sources["practical-ai-{n}"]
    return {**template, "path": template["path"].format(n=n.group(1))}


def fetch(mirrors: Path) -> None:
    """Copy every labelled episode, of the training and the test labels, to DOCS."""
    sources = yaml.safe_load(TRAIN.read_text(encoding="utf-8"))["sources"]
    names = {s["doc"] for f in (TRAIN, HERE / "labels" / "claims.yml")
             for s in yaml.safe_load(f.read_text(encoding="utf-8"))["sentences"]}
    DOCS.mkdir(parents=True, exist_ok=True)
    for name in sorted(names):
        src = source(name, sources)
        (DOCS / f"{name}.md").write_bytes(mirrored(mirrors, src["repo"], src["commit"], src["path"]))
    print(f"{len(names)} episodes in {DOCS}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", nargs="?", choices=["train", "fetch"], default="train")
    ap.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    a = ap.parse_args()
    if a.command == "fetch":
        fetch(a.mirrors)
        return
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
    kept = np.array([checkworthiness(span) >= checkworthy_rules().keeps_claim for span, *_ in seen])  # facts stay claims
    scored = [(prf(y, ruled & ((probs >= t) | kept)), float(t)) for t in np.arange(0.02, 0.9, 0.02)]
    reaching = [(p, t) for (p, r, _), t in scored if r >= MIN_RECALL]
    if not reaching:
        raise SystemExit(f"no threshold keeps recall >= {MIN_RECALL}: the rules alone let through too few claims")
    threshold = round(max(reaching)[1], 2)
    p, r, f1 = prf(y, ruled & ((probs >= threshold) | kept))
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
