"""Score stance against QT30: BBC Question Time debates annotated by hand for argument (IAT, DialAM-2024).

    python -m bench.qt30 fetch --mirrors /work/.mirror   # write each annotated excerpt as a transcript
    python -m bench.qt30 score [-v]                       # extract them and print the figures

The annotation is the DialAM-2024 release of QT30 (Hautli-Janisz et al., LREC 2022), as the
repository named in ``SOURCE`` keeps it: 1,400 annotated excerpts ("nodesets") of 30 episodes (its
test split carries no relations and is not used), each a chain of
locutions ("Fiona Bruce : Do you think …"), the propositions they assert and the relations between
those: a conflict (CA) when one proposition attacks another, and the illocution "Agreeing" when a
locution agrees with one.  ``fetch`` writes each excerpt as the transcript a user would have (turns of
consecutive locutions of one speaker, with the times the annotation gives) and keeps its JSON beside.

Claims: the share of the locutions annotated as asserting, and of those annotated as asking, that
claims cover (half their characters or more).  Stance is scored per turn, as bench/stance.py does: the annotation makes a disagreement of the turn holding a
proposition that attacks one of another speaker (a cross-speaker CA), and an agreement of the turn
holding a locution that agrees with another speaker's proposition; a found edge is a (turn,
agree|disagree) the extraction makes an AGREES_WITH or DISAGREES_WITH edge between people from.  Its
target is right when its ``target_quote`` lies in a turn the annotated relation points at.

The annotation is sparse for this purpose: an excerpt's relations stay inside it, and annotators mark
some conflicts and leave others ("I'm sorry, I don't agree with your analysis, with respect." carries
none); "Agreeing" is mostly a "Yes." to the presenter's statement, while "I completely agree with what
Theo said" is annotated as an assertion.  Recall is the figure to read; a found edge the annotation lacks
is often a real one.  The errors of these excerpts were read while writing rules: a development set.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from bench.mirrors import fetch_and_score, mirror_dir

SOURCE = {"repo": "HKUST-KnowComp/KnowComp-DialAM2024-ACL2024", "commit": "fa768f0ba4d26f7c1e3db9aa1c8fc96e0b723daa",
          "dir": "data/train/my_train"}
DEFAULT_DIR = Path("/tmp/claimgraph-qt30")
TYPES = {"AGREES_WITH": "agree", "DISAGREES_WITH": "disagree"}
_LABEL = re.compile(r"^\s*([^:]{2,60}?)\s*:\s*(.*)$", re.S)
_AUDIENCE = re.compile(r"^audience\s*member\b.*", re.I)


def fetch(mirrors: Path, dest: Path) -> None:
    """Copy every annotated nodeset to ``dest`` and write its transcript beside it."""
    where = mirror_dir(mirrors, SOURCE["repo"])
    if where is None:
        raise SystemExit(f"{SOURCE['repo']}: not under {mirrors}; fetch it first")
    dest.mkdir(parents=True, exist_ok=True)
    folder = SOURCE["dir"]
    names = subprocess.run(["git", "-C", str(where), "ls-tree", "--name-only", f"{SOURCE['commit']}:{folder}"],
                           capture_output=True, check=True, text=True).stdout.split()
    for name in names:
        data = subprocess.run(["git", "-C", str(where), "show", f"{SOURCE['commit']}:{folder}/{name}"],
                              capture_output=True, check=True).stdout
        (dest / name).write_bytes(data)
        text, _ = transcript(json.loads(data))
        (dest / name).with_suffix(".txt").write_text(text, encoding="utf-8")
    print(f"{len(names)} nodesets in {dest}")


class Nodeset:
    """One annotated excerpt: its locutions in order (id, speaker, words, start time) and its graph."""

    def __init__(self, data: dict):
        self.nodes = {n["nodeID"]: n for n in data["nodes"]}
        self.out: dict[str, list[str]] = defaultdict(list)
        self.into: dict[str, list[str]] = defaultdict(list)
        for e in data["edges"]:
            self.out[e["fromID"]].append(e["toID"])
            self.into[e["toID"]].append(e["fromID"])
        starts = {x["nodeID"]: x.get("start") for x in data.get("locutions", [])}
        audience: dict[str, str] = {}
        self.locutions: list[tuple[str, str, str, str | None]] = []
        for n in sorted(data["nodes"], key=lambda n: int(n["nodeID"])):
            # a locution anchors an illocution or a transition; the annotators' copies ("Hyewon: Chris Philp : …") anchor nothing
            if n["type"] != "L" or not any(self.nodes[x]["type"] in ("YA", "TA") for x in self.out[n["nodeID"]]):
                continue
            m = _LABEL.match(n["text"])
            if m is None or not m.group(2).strip():
                continue
            who = m.group(1).strip()
            if _AUDIENCE.match(who):
                who = audience.setdefault(who, f"Audience Member {len(audience) + 1}")
            self.locutions.append((n["nodeID"], who, m.group(2).strip(), starts.get(n["nodeID"])))
        self.speaker = {lid: who for lid, who, _, _ in self.locutions}

    def typed(self, ids, kind: str) -> list[str]:
        return [x for x in ids if self.nodes[x]["type"] == kind]

    def locution_of(self, proposition: str) -> str | None:
        """The locution that asserts a proposition (I ← YA ← L)."""
        for ya in self.typed(self.into[proposition], "YA"):
            for lid in self.typed(self.into[ya], "L"):
                if lid in self.speaker:
                    return lid
        return None

    def illocution(self, locution: str) -> str | None:
        """What the locution does ("Asserting", "Pure Questioning", …): the illocution it anchors."""
        return next((self.nodes[ya]["text"] for ya in self.typed(self.out[locution], "YA")), None)

    def disagreements(self) -> list[tuple[str, str]]:
        """(attacking locution, attacked locution) of every conflict between two speakers' propositions."""
        out = []
        for ca in (n for n in self.nodes.values() if n["type"] == "CA"):
            for a in self.typed(self.into[ca["nodeID"]], "I"):
                for b in self.typed(self.out[ca["nodeID"]], "I"):
                    la, lb = self.locution_of(a), self.locution_of(b)
                    if la and lb and self.speaker[la] != self.speaker[lb]:
                        out.append((la, lb))
        return out

    def agreements(self) -> list[tuple[str, str]]:
        """(agreeing locution, locution of the proposition agreed with) across speakers."""
        out = []
        for ya in (n for n in self.nodes.values() if n["type"] == "YA" and n["text"] == "Agreeing"):
            sources = self.typed(self.into[ya["nodeID"]], "L")
            for ta in self.typed(self.into[ya["nodeID"]], "TA"):  # anchored on a transition: its later locution
                sources += self.typed(self.out[ta], "L")
            props = self.typed(self.out[ya["nodeID"]], "I")
            for ra in self.typed(self.out[ya["nodeID"]], "RA"):  # agreeing with an inference: with its conclusion
                props += self.typed(self.out[ra], "I")
            for la in (s for s in sources if s in self.speaker):
                for p in props:
                    lb = self.locution_of(p)
                    if lb and self.speaker[lb] != self.speaker[la]:
                        out.append((la, lb))
        return out


def _clock(start: str | None, first: datetime | None) -> str | None:
    if not start or first is None:
        return None
    s = int((datetime.fromisoformat(start) - first).total_seconds())
    return f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 0 else None


def transcript(data: dict) -> tuple[str, dict[str, tuple[int, int, int]]]:
    """The excerpt as a transcript (a label line with the time, then the turn's words), and where each
    locution landed: (start, end, turn number)."""
    ns = Nodeset(data)
    stamps = [datetime.fromisoformat(s) for *_, s in ns.locutions if s]
    first = min(stamps) if stamps else None
    text, at, turn, last, stamp = "", {}, -1, None, "00:00:00"
    for lid, who, words, start in ns.locutions:
        stamp = _clock(start, first) or stamp
        words = words[0].upper() + words[1:]
        if words[-1] not in ".?!\"'":
            words += "."
        if who != last:
            text += ("\n" if text else "") + f"{who} {stamp}\n\n"
            turn, last = turn + 1, who
        else:
            text = text[:-1] + " "
        at[lid] = (len(text), len(text) + len(words), turn)
        text += words + "\n"
    return text, at


def score_one(path: Path) -> dict:
    from extract.pipeline import extract
    from extract.readers import read_path

    data = json.loads(path.read_text(encoding="utf-8"))
    text, at = transcript(data)
    ns = Nodeset(data)
    gold: dict[tuple[int, str], set[int]] = defaultdict(set)
    for kind, pairs in (("disagree", ns.disagreements()), ("agree", ns.agreements())):
        for la, lb in pairs:
            if at[la][2] != at[lb][2]:
                gold[(at[la][2], kind)].add(at[lb][2])
    doc = read_path(path.with_suffix(".txt"), display=path.name)
    ex = extract([doc], jobs=1)

    def turn_at(offset: int) -> int | None:
        return next((t for a, b, t in at.values() if a <= offset < b), None)

    found: dict[tuple[int, str], list] = defaultdict(list)
    for r in ex.relations:
        if r.type in TYPES and r.evidence and r.source[0] == "Person" and r.target[0] == "Person":
            t = turn_at(r.evidence.start)
            if t is not None:
                found[(t, TYPES[r.type])].append(r)
    right = [k for k in found if k in gold]
    targets_right = sum(any(turn_at(text.find(q)) in gold[k] for r in found[k]
                            if (q := r.props.get("target_quote")) and text.find(q) >= 0) for k in right)
    claimed = {"asserting": [0, 0], "questioning": [0, 0]}  # locutions, of them made claims
    for lid, (a, b, _) in at.items():
        kind = ns.illocution(lid) or ""
        kind = "asserting" if kind == "Asserting" else "questioning" if kind.endswith("Questioning") else None
        if kind:
            inside = sum(max(0, min(b, c.end) - max(a, c.start)) for c in ex.claims)
            claimed[kind][0] += 1
            claimed[kind][1] += inside >= 0.5 * (b - a)
    turn_text = {}
    for a, b, t in at.values():
        turn_text[t] = turn_text.get(t, "") + " " + text[a:b]
    report = {"wrong": [(k, turn_text[k[0]][:160], [r.props.get("target_quote", "")[:80] for r in found[k]])
                        for k in found if k not in gold],
              "missed": [(k, turn_text[k[0]][:160], [turn_text[t][:100] for t in sorted(gold[k])])
                         for k in gold if k not in found]}
    return {"gold": {k: len([g for g in gold if g[1] == k]) for k in ("agree", "disagree")},
            "found": {k: len([f for f in found if f[1] == k]) for k in ("agree", "disagree")},
            "right": {k: len([f for f in right if f[1] == k]) for k in ("agree", "disagree")},
            "targets_right": targets_right, "claimed": claimed, **report}


def main() -> None:
    ap, s = fetch_and_score(__doc__.splitlines()[0], DEFAULT_DIR)
    s.add_argument("--limit", type=int, default=0, help="score only the first N nodesets (by name)")
    a = ap.parse_args()
    if a.cmd == "fetch":
        fetch(a.mirrors, a.dest)
        return
    paths = sorted(a.dest.glob("*.json"))
    if a.limit:
        paths = paths[:a.limit]
    if not paths:
        raise SystemExit(f"no nodesets in {a.dest}; run `python -m bench.qt30 fetch` first")
    tot = {x: {"agree": 0, "disagree": 0} for x in ("gold", "found", "right")}
    targets = 0
    claimed = {"asserting": [0, 0], "questioning": [0, 0]}
    for p in paths:
        r = score_one(p)
        for k, (n, made) in r["claimed"].items():
            claimed[k][0] += n
            claimed[k][1] += made
        for x in tot:
            for k in tot[x]:
                tot[x][k] += r[x][k]
        targets += r["targets_right"]
        if a.verbose:
            for w in r["wrong"]:
                print(f"{p.stem} WRONG {w[0][1]}: {w[1]}\n      -> {w[2]}")
            for m in r["missed"]:
                print(f"{p.stem} MISSED {m[0][1]}: {m[1]}\n      -> {m[2]}")
    print(f"{len(paths)} nodesets")
    for k in ("disagree", "agree"):
        g, fo, ri = tot["gold"][k], tot["found"][k], tot["right"][k]
        print(f"  {k:<9} annotated {g:>4}  found {fo:>4}  right {ri:>4}  precision {ri / fo if fo else 0:.2f}  "
              f"recall {ri / g if g else 0:.2f}")
    for k, (n, made) in claimed.items():
        print(f"  {k} locutions made claims: {made} of {n} ({made / n if n else 0:.2f})")
    right = sum(tot["right"].values())
    print(f"  targets right in {targets} of {right} right edges ({targets / right if right else 0:.2f})")


if __name__ == "__main__":
    sys.exit(main())
