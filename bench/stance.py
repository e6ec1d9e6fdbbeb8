"""Score agreement and disagreement edges against conversations annotated by hand (bench/stance_gold.yml).

    python -m bench.stance fetch --mirrors /work/.mirror    # copy the annotated files to /tmp
    python -m bench.stance score                            # extract them and print the figures

A found edge is a (turn, agree|disagree) the extraction makes an AGREES_WITH or DISAGREES_WITH
edge from, inside the annotated window; it is right when the annotation has that turn and type.
Its target is right when the edge's ``target_quote`` holds one of the annotated target's words
(or, for a named person's view, the edge goes to that person).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from bench.mirrors import fetch_and_score, mirrored

HERE = Path(__file__).resolve().parent
GOLD = HERE / "stance_gold.yml"
DEFAULT_DIR = Path("/tmp/claimgraph-stance")
TYPES = {"AGREES_WITH": "agree", "DISAGREES_WITH": "disagree"}


def conversations() -> list[dict]:
    return yaml.safe_load(GOLD.read_text(encoding="utf-8"))["conversations"]


def local(c: dict) -> str:
    return f"{c['repo'].replace('/', '+')}/{c['path']}"


def fetch(mirrors: Path, dest: Path) -> None:
    for c in conversations():
        data = mirrored(mirrors, c["repo"], c["commit"], c["path"])
        target = dest / local(c)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    print(f"annotated conversations written to {dest}")


def _norm(s: str) -> str:
    return " ".join(s.replace("’", "'").split()).lower()


def _turn_at(doc, offset: int) -> int | None:
    for t in doc.turns:
        if any(a <= offset < b for a, b in (t.pieces or [(t.start, t.end)])) or t.start <= offset < t.end:
            return t.index
    return None


def score_one(c: dict, dest: Path) -> dict:
    from extract.pipeline import extract
    from extract.readers import read_path

    doc = read_path(dest / local(c), display=c["path"])
    ex = extract([doc], jobs=1)
    text = doc.text
    lo = text.find(c["window"]["from"]) if c["window"].get("from") else 0
    hi = text.find(c["window"]["until"]) if c["window"].get("until") else len(text)
    assert lo >= 0 and hi >= 0, f"{c['id']}: window not found"
    gold: dict[tuple[int, str], dict] = {}
    for g in c["edges"]:
        at = text.find(g["reply"])
        assert at >= 0, f"{c['id']}: reply not found: {g['reply']}"
        gold[(_turn_at(doc, at), g["type"])] = g
    found: dict[tuple[int, str], list] = {}
    for r in ex.relations:
        if r.type in TYPES and r.evidence and lo <= r.evidence.start < hi:
            found.setdefault((_turn_at(doc, r.evidence.start), TYPES[r.type]), []).append(r)
    right = [k for k in found if k in gold]
    targets_right = 0
    off_target = []
    for k in right:
        g = gold[k]
        wanted = [_norm(t) for t in g["targets"]]
        ok = False
        for r in found[k]:
            quote = _norm(r.props.get("target_quote") or "")
            if quote and any(w in quote for w in wanted):
                ok = True
            if r.target[0] == "Person" and isinstance(g["to"], str) and _norm(r.target[1]) == _norm(g["to"]) \
                    and not any(x.props.get("target_quote") for x in found[k]):
                ok = True
        targets_right += ok
        if not ok:
            off_target.append((g["reply"][:70], [(r.props.get("target_quote") or r.target[1])[:70] for r in found[k]], g["targets"]))
    wrong = [(k, [(r.evidence.quote[:70], r.props.get("target_quote", "")[:50]) for r in found[k]][:1])
             for k in found if k not in gold]
    missed = [gold[k]["reply"] for k in gold if k not in found]
    return {"id": c["id"], "gold": len(gold), "found": len(found), "right": len(right), "targets_right": targets_right,
            "wrong": wrong, "missed": missed, "off_target": off_target}


def main() -> None:
    ap, s = fetch_and_score(__doc__.splitlines()[0], DEFAULT_DIR)
    a = ap.parse_args()
    if a.cmd == "fetch":
        fetch(a.mirrors, a.dest)
        return
    totals = {"gold": 0, "found": 0, "right": 0, "targets_right": 0}
    for c in conversations():
        r = score_one(c, a.dest)
        for k in totals:
            totals[k] += r[k]
        print(f"{r['id']:<28} gold {r['gold']:>3}  found {r['found']:>3}  right {r['right']:>3}  "
              f"targets right {r['targets_right']:>3}")
        if a.verbose:
            for w in r["wrong"]:
                print("   wrong:", w)
            for o in r["off_target"]:
                print("   target wrong:", o)
            for m in r["missed"]:
                print("   missed:", m)
    p = totals["right"] / totals["found"] if totals["found"] else 0.0
    rec = totals["right"] / totals["gold"] if totals["gold"] else 0.0
    t = totals["targets_right"] / totals["right"] if totals["right"] else 0.0
    print(f"{'all':<28} gold {totals['gold']:>3}  found {totals['found']:>3}  precision {p:.2f}  recall {rec:.2f}  "
          f"targets right {t:.2f}")


if __name__ == "__main__":
    sys.exit(main())
