"""Score claims and disagreements on the debates written for this project (bench/labels/debates_written.yml).

    python -m bench.debates [-v]

Each debate is written out as a transcript (``SPEAKER: words`` turns) and built; a labelled sentence counts
as made a claim when claims cover at least half of it (as in ``bench.claims``), and a disagreement as found
when a ``DISAGREES_WITH`` edge joins the two debaters with the reply's words as its evidence.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import yaml

from bench.claims import covered

HERE = Path(__file__).resolve().parent
LABELS = HERE / "labels" / "debates_written.yml"


def transcript(debate: dict) -> str:
    return "\n".join(f"{t['speaker']}: {' '.join(s['text'] for s in t['sentences'])}\n" for t in debate["turns"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    from extract.pipeline import extract
    from extract.readers import read_path

    debates = yaml.safe_load(LABELS.read_text(encoding="utf-8"))["debates"]
    tp = fp = fn = found = wanted = edges = right = 0
    with tempfile.TemporaryDirectory() as tmp:
        for debate in debates:
            path = Path(tmp) / f"{debate['name']}.txt"
            path.write_text(transcript(debate), encoding="utf-8")
            doc = read_path(path)
            ex = extract([doc])
            for s in (s for t in debate["turns"] for s in t["sentences"]):
                share = covered(doc, ex.claims, s["text"])
                said = share is not None and share >= 0.5
                tp += said and s["claim"]
                fp += said and not s["claim"]
                fn += s["claim"] and not said
                if a.verbose and said != s["claim"]:
                    print(f"{debate['name']}: {'FP' if said else 'FN'} {s['text']}")
            names = {label: ex.speakers[0].get(doc.aliases.get(label, label)) for t in debate["turns"]
                     for label in [t["speaker"]]}  # a label as written ("TORRES") → its person
            pairs = [(r.source, r.target, r.evidence.quote) for r in ex.relations
                     if r.type == "DISAGREES_WITH" and r.source[0] == r.target[0] == "Person"]
            edges += len(pairs)
            expected = [(names[d["speaker"]], names[d["with"]], d["reply"]) for d in debate["disagreements"]]
            for who, whom, reply in expected:
                wanted += 1
                hit = any(s == who and t == whom and (q in reply or reply in q) for s, t, q in pairs)
                found += hit
                if a.verbose and not hit:
                    print(f"{debate['name']}: missed disagreement: {reply}")
            right += sum(1 for s, t, q in pairs
                         if any(s == w and t == h and (q in r or r in q) for w, h, r in expected))
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    print(f"claims: precision {p:.2f} recall {r:.2f} ({tp + fn} labelled claims; {tp + fp} sentences made claims)")
    print(f"disagreements: {found} of {wanted} found; {right} of {edges} edges between debaters right")


if __name__ == "__main__":
    main()
