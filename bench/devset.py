"""The development set of real transcripts: fetch it, build it, score it.

    python -m bench.devset fetch --mirrors /work/.mirror    # copy the files named in bench/devset.yml
    python -m bench.devset score                            # build them and print the figures

``fetch`` reads each repository from ``<mirrors>/<owner>+<name>/repo`` (a git directory, as the
search tool's fetch leaves it) or ``<mirrors>/<owner>/<name>`` (a plain clone), at the commit the
manifest names, and writes the files under ``/tmp/claimgraph-devset/`` (never into the repo).
``score`` builds that folder with ``claimgraph build`` and compares the graph with the hand-written
expectations in ``bench/devset.yml``: speaker sets, attribution, timestamps, labels inside claims.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import yaml

from bench.mirrors import mirror_dir, mirrored

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "devset.yml"
DEFAULT_DIR = Path("/tmp/claimgraph-devset")

# What must never be inside a claim's text: a turn label, a timestamp, a markup link.
LEAKS = {
    "timestamp": re.compile(r"(?<![\d.,$€£])\b\d{1,2}:\d{2}(?::\d{2})?\b(?![\d%]| ?[ap]\.?m\b)"),
    "bold label": re.compile(r"\*\*[^*\n]{1,40}:\*\*"),
    "bracket label": re.compile(r"\[(?:Speaker \d+|[A-Z][a-z]+ [A-Z][a-z]+)\]"),
    "markup link": re.compile(r"\]\((?:https?://|www\.)"),
    "speaker label": re.compile(r"\b(?:Speaker \d+|[A-Z][a-z]+(?: [A-Z][a-z]+)?) \(\d{1,2}:\d{2}"),
}


def load_manifest() -> list[dict]:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))["sources"]


def local_name(repo: str, path: str) -> str:
    return f"{repo.replace('/', '+')}/{path}"


def fetch(mirrors: Path, dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for src in load_manifest():
        if mirror_dir(mirrors, src["repo"]) is None:
            print(f"{src['repo']}: not under {mirrors}; fetch it first", file=sys.stderr)
            continue
        for f in src["files"]:
            data = mirrored(mirrors, src["repo"], src["commit"], f["path"])
            target = dest / local_name(src["repo"], f["path"])
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    print(f"dev set written to {dest}")


def _speakers_by_document(graph: dict) -> tuple[dict, dict]:
    nodes = {n["id"]: n for n in graph["nodes"]}
    spoke: dict[str, set[str]] = {}
    for e in graph["edges"]:
        if e["type"] == "SPOKE_IN":
            spoke.setdefault(nodes[e["target"]]["path"], set()).add(nodes[e["source"]]["name"])
    return nodes, spoke


def score(dest: Path, jobs: int | None) -> dict:
    out = dest.parent / (dest.name + "-out")
    cmd = [sys.executable, "-m", "graph.cli", "build", str(dest), "--out", str(out), "--no-cache"]
    if jobs:
        cmd += ["--jobs", str(jobs)]
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True)
    seconds = time.perf_counter() - t0
    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    nodes, spoke = _speakers_by_document(graph)
    figures = {"files": 0, "labelled": 0, "exact_speakers": 0, "unlabelled": 0, "invented": 0,
               "claims_labelled": 0, "claims_attributed": 0, "claims_timestamped_files": 0,
               "claims_with_timestamp": 0, "claims_with_leak": 0, "seconds": round(seconds, 1)}
    misses = []
    claims_by_doc: dict[str, list[dict]] = {}
    for n in nodes.values():
        if n["type"] == "Claim":
            claims_by_doc.setdefault(nodes[n["document"]]["path"], []).append(n)
    leaks = []
    for src in load_manifest():
        for f in src["files"]:
            path = str(dest / local_name(src["repo"], f["path"]))
            figures["files"] += 1
            got = spoke.get(path, set())
            claims = claims_by_doc.get(path, [])
            if f["speakers"]:
                figures["labelled"] += 1
                expected = [set(alts) for alts in f["speakers"]]
                matched = all(any(g == a or g.startswith(a + " (") for a in alts for g in got) for alts in expected)
                if matched and len(got) == len(expected):  # a scoped name "Sarah (Title)" counts as "Sarah"
                    figures["exact_speakers"] += 1
                else:
                    misses.append((f["path"], sorted(got), [alts[0] for alts in f["speakers"]]))
                figures["claims_labelled"] += len(claims)
                figures["claims_attributed"] += sum(1 for c in claims if c.get("speaker"))
            else:
                figures["unlabelled"] += 1
                if got:
                    figures["invented"] += 1
                    misses.append((f["path"], sorted(got), []))
            if f["timestamps"] == "all":
                figures["claims_timestamped_files"] += len(claims)
                figures["claims_with_timestamp"] += sum(1 for c in claims if c.get("timestamp"))
            for c in claims:
                for kind, rx in LEAKS.items():
                    if rx.search(c["text"]):
                        figures["claims_with_leak"] += 1
                        leaks.append((kind, c["text"][:160]))
                        break
    figures["claims"] = sum(len(v) for v in claims_by_doc.values())
    figures["persons"] = sum(1 for n in nodes.values() if n["type"] == "Person")
    print(json.dumps(figures, indent=2))
    for path, got, want in misses:
        print(f"speakers  {path}\n    got  {got}\n    want {want}")
    for kind, text in leaks[:20]:
        print(f"leak ({kind}): {text}")
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["fetch", "score"])
    ap.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--jobs", type=int)
    args = ap.parse_args()
    if args.what == "fetch":
        fetch(args.mirrors, args.dir)
    else:
        score(args.dir, args.jobs)


if __name__ == "__main__":
    main()
