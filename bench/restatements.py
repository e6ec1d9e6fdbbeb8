"""Score restatements between the seed episode's summary and its transcript against bench/restatements_gold.yml.

    python -m bench.restatements         # precision and recall of RESTATES between seeds/000 and seeds/001
    python -m bench.restatements -v      # … and the annotated sentences that restate nothing right

Recall: of the annotated summary sentences, those with a RESTATES edge to a right transcript claim.
Precision: of the RESTATES edges between the two documents, those to a right claim.  Boilerplate
(claims of kind boilerplate are never made) cannot restate anything.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
GOLD = HERE / "restatements_gold.yml"
SUMMARY, TRANSCRIPT = "seeds/000_26d3ade5fec1c371.txt", "seeds/001_0dedf1b18d31d238.txt"


def _n(s: str) -> str:
    return " ".join(s.replace("’", "'").split()).lower()


def main() -> None:
    from extract.pipeline import extract
    from extract.readers import read_path

    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["pairs"]
    summary = read_path(SUMMARY)
    ex = extract([summary, read_path(TRANSCRIPT)])
    claims = {c.key: c for c in ex.claims}
    links = [(claims[r.source[1]], claims[r.target[1]]) for r in ex.relations if r.type == "RESTATES"]
    links = [(a, b) if a.document == SUMMARY else (b, a) for a, b in links]
    links = [(s, t) for s, t in links if s.document == SUMMARY and t.document == TRANSCRIPT]
    right = found = 0
    matched = set()
    for s, t in links:
        turn = _n(summary.turns[s.turn].text)  # a summary sentence of several claims: any of them may restate
        g = next((g for g in gold if turn.startswith(_n(g["summary"])[:40])), None)
        ok = g is not None and any(_n(x) in _n(t.text) for x in g["targets"])
        right += ok
        if ok:
            matched.add(g["summary"])
    found = len(links)
    p = right / found if found else 0.0
    r = len(matched) / len(gold)
    if "-v" in sys.argv:
        for g in gold:
            if g["summary"] not in matched:
                print("missed:", g["summary"][:150])
    print(f"{len(gold)} summary sentences annotated; {found} RESTATES edges between summary and transcript: "
          f"precision {p:.2f}, recall {r:.2f}")


if __name__ == "__main__":
    main()
