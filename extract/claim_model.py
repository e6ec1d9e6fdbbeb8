"""The learned half of "is this unit a claim?": a logistic regression over hashed features of the parse.

The rules of :mod:`extract.units` say what is surely not a claim (questions, filler, set-up,
fragments, boilerplate); this model judges the rest — a position, fact or explanation against
narration, asides and reactions ("So I find this trend kind of interesting.").  Its weights are
data (``extract/rules/claim_model.json``), trained by ``bench/train_claims.py`` on sentences
labelled by hand (``bench/labels/claims_train.yml``); numpy only, no download.

>>> probability(sdoc[0:12])          # doctest: +SKIP
0.83
"""

from __future__ import annotations

import json
import math
import zlib
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, model_validator
from spacy.tokens import Span

MODEL_FILE = Path(__file__).parent / "rules" / "claim_model.json"
_PRONOUN_SUBJECTS = {"i", "we", "you", "it", "they", "he", "she", "this", "that", "there", "people"}


class ClaimModel(BaseModel):
    """Weights of hashed features (``2 ** bits`` of them) and of the unit's mean token vector (the
    parser's own tok2vec, standardised by ``mean`` and ``scale``), a bias and the decision threshold."""

    bits: int
    bias: float
    threshold: float
    weights: list[float]
    dense: list[float]
    mean: list[float]
    scale: list[float]
    trained_on: str

    @model_validator(mode="after")
    def _size(self) -> "ClaimModel":
        if len(self.weights) != 2 ** self.bits or not 0 < self.threshold < 1:
            raise ValueError("weights must number 2**bits and the threshold lie in (0, 1)")
        if not len(self.dense) == len(self.mean) == len(self.scale):
            raise ValueError("dense weights, mean and scale must be of one length")
        return self


def features(span: Span, position: int = 0, count: int = 1, previous: str = "none") -> list[str]:
    """What the model sees of a unit: its words and word pairs, how it opens, its tags, its main verb
    and that verb's subject, its length, entities, a question mark or a negation; and where it stands
    in its turn (``position`` of ``count`` units, after a unit of kind ``previous``)."""
    toks = [t for t in span if not t.is_space]
    words = [t.lower_ for t in toks]
    out = [f"w:{w}" for w in words] + [f"b:{a}_{b}" for a, b in zip(words, words[1:])]
    out += [f"t:{t.tag_}" for t in toks] + [f"f1:{w}" for w in words[:1]] + [f"f2:{'_'.join(words[:2])}"]
    out += [f"ft:{'_'.join(t.tag_ for t in toks[:3])}"]
    root = span.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    s = "none" if subj is None else (subj.lower_ if subj.lower_ in _PRONOUN_SUBJECTS else subj.pos_.lower() or subj.tag_)
    out += [f"root:{root.lower_}", f"roottag:{root.tag_}", f"subj:{s}", f"subj+tag:{s}_{root.tag_}"]
    n = len(toks)
    out.append("len:" + ("1-3" if n <= 3 else "4-6" if n <= 6 else "7-12" if n <= 12 else "13-25" if n <= 25 else "26+"))
    out += [f"ent:{e.label_}" for e in span.ents]
    if words and words[-1] == "?":
        out.append("question")
    if any(c.dep_ == "neg" for c in root.children):
        out.append("neg")
    if any(t.tag_ == "MD" for t in toks):
        out.append("modal")
    out.append("pos:" + ("only" if count == 1 else "first" if position == 0 else "last" if position == count - 1 else "mid"))
    out.append("turn:" + ("1" if count == 1 else "2-3" if count <= 3 else "4-8" if count <= 8 else "9+"))
    out.append(f"after:{previous}")
    return out


def vector(span: Span) -> list[float]:
    """The unit's mean token vector from the parser's tok2vec (``doc.tensor``); empty when there is none."""
    tensor = span.doc.tensor
    if tensor is None or not len(tensor) or tensor.shape[0] != len(span.doc):
        return []
    return [float(x) for x in tensor[span.start:span.end].mean(axis=0)]


def index(feature: str, bits: int) -> int:
    return zlib.crc32(feature.encode("utf-8")) & ((1 << bits) - 1)


@lru_cache(maxsize=1)
def load() -> ClaimModel | None:
    """The trained model, or None when there is none (every unit the rules let through is a claim)."""
    if not MODEL_FILE.exists():
        return None
    return ClaimModel.model_validate(json.loads(MODEL_FILE.read_text(encoding="utf-8")))


def probability(span: Span, model: ClaimModel | None = None, position: int = 0, count: int = 1,
                previous: str = "none") -> float:
    """How likely the unit ``span`` is a claim (1.0 with no model); see :func:`features` for the rest."""
    model = model or load()
    if model is None:
        return 1.0
    z = model.bias + sum(model.weights[index(f, model.bits)] for f in set(features(span, position, count, previous)))
    v = vector(span)
    if len(v) == len(model.dense):
        z += sum(w * (x - m) / s for w, x, m, s in zip(model.dense, v, model.mean, model.scale))
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
