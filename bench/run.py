"""The benchmarks (run by hand: ``make bench``; ``BENCH_SCALES=1,10`` for a shorter run).

Measures, in one run: spaCy's own nlp.pipe over the same text (the baseline), the whole
``claimgraph build`` and its stages, --jobs 1 against --jobs 2, rebuilds from the cache
(unchanged, and with one document changed), peak memory, output sizes and the embedded
database's load rate.  Results are printed as tables and saved to bench/results/.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from bench.corpus import make

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "corpus"
RESULTS = ROOT / "bench" / "results"
ONE_DOCUMENT_RUNS = 5
PAIRS = int(os.environ.get("BENCH_PAIRS", "3"))  # spaCy and cold build, at the scale of the rebuilds
console = Console(width=170)


def _run(module: str, *args: str) -> dict:
    """Run one measurement in a fresh process.  What earlier runs wrote is flushed to disk first, so a
    run does not pay for writing out the files of the one before it (a cold build writes 300 MB)."""
    if hasattr(os, "sync"):
        os.sync()
    res = subprocess.run([sys.executable, "-m", module, *args], capture_output=True, text=True, cwd=ROOT)
    if res.returncode:
        raise SystemExit(f"{module} {' '.join(args)} failed:\n{res.stderr[-3000:]}")
    return json.loads(res.stdout.strip().splitlines()[-1])


def build(corpus: Path, out: Path, jobs: int, cache: bool) -> dict:
    return _run("bench.measure", str(corpus), str(out), str(jobs), "cache" if cache else "nocache")


def main() -> None:
    scales = [int(s) for s in os.environ.get("BENCH_SCALES", "1,10,100").split(",")]
    cores = os.cpu_count() or 1
    RESULTS.mkdir(parents=True, exist_ok=True)
    rows = []
    for k in scales:
        corpus = make(k, WORK / f"x{k}")
        out = WORK / f"out-x{k}"
        cache_dir = out.parent / f".{out.name}-cache"
        extra = k == int(os.environ.get("BENCH_EXTRA_AT", "10"))
        # spaCy and the build from nothing (no out/, no cache); at the scale of the rebuilds, PAIRS
        # times over, the order turned round every other pair (spaCy first, then the build first), so
        # that the ratio is of means that a machine slowing down or speeding up moves alike.
        pairs = []
        for i in range(PAIRS if extra else 1):
            def cold():
                subprocess.run(["rm", "-rf", str(cache_dir), str(out)], check=True)
                return build(corpus, out, cores, cache=True)

            if i % 2:
                c = cold()
                pairs.append((_run("bench.baseline", str(corpus), str(cores), "model"), c))
            else:
                pairs.append((_run("bench.baseline", str(corpus), str(cores), "model"), cold()))
        strict = _run("bench.baseline", str(corpus), str(cores), "build")
        base, cold = pairs[-1]
        row = {"scale": k, "cores": cores, "baseline": base, "baseline_build": strict, "cold": cold,
               "pairs": [{"spacy": b["pipe"] + b["load"], "build": c["wall"]} for b, c in pairs]}
        if extra:
            row["jobs1"] = build(corpus, WORK / f"out-x{k}-j1", 1, cache=False)
            row["jobs2"] = build(corpus, WORK / f"out-x{k}-j2", 2, cache=False)
            row["rebuild_same"] = build(corpus, out, cores, cache=True)
            # A few seconds that other activity on the machine moves by a tenth (the first, straight
            # after minutes of builds at full load, most): the median of five rebuilds, each after one
            # more paragraph added to the same document.
            victim = sorted(corpus.glob("*.txt"))[len(list(corpus.glob("*.txt"))) // 2]
            ones = []
            for i in range(ONE_DOCUMENT_RUNS):
                victim.write_text(victim.read_text(encoding="utf-8") + f"\n\nA paragraph added for the benchmark ({i + 1}).\n",
                                  encoding="utf-8")
                ones.append(build(corpus, out, cores, cache=True))
            row["rebuild_one_runs"] = ones
            row["rebuild_one"] = sorted(ones, key=lambda b: b["wall"])[len(ones) // 2]
        rows.append(row)
        (RESULTS / f"x{k}.json").write_text(json.dumps(row, indent=1))
        report(rows)


def _means(row: dict) -> tuple[float, float]:
    """(spaCy's seconds, the cold build's seconds): the means of the pairs (a row saved by an older
    bench has one of each)."""
    pairs = row.get("pairs") or [{"spacy": row["baseline"]["pipe"] + row["baseline"]["load"], "build": row["cold"]["wall"]}]
    return sum(p["spacy"] for p in pairs) / len(pairs), sum(p["build"] for p in pairs) / len(pairs)


def report(rows: list[dict]) -> None:
    t = Table(title="claimgraph build against spaCy's own nlp.pipe (same text, same model, same cores)")
    for c in ("scale", "text MB", "turns", "spaCy pipe s", "spaCy chars/s", "build s", "build chars/s", "ratio",
              "spaCy, build's components s", "ratio to that", "peak MB", "child MB", "nodes", "edges"):
        t.add_column(c, justify="right")
    for r in rows:
        b, c = r["baseline"], r["cold"]
        spacy_s, build_s = _means(r)
        spacy_rate = b["chars"] / spacy_s
        build_rate = b["chars"] / build_s
        strict = r.get("baseline_build")
        strict_s = strict["pipe"] + strict["load"] if strict else None
        t.add_row(f"×{r['scale']}", f"{c['chars'] / 1e6:.1f}", str(c["turns"]), f"{spacy_s:.1f}",
                  f"{spacy_rate:,.0f}", f"{build_s:.1f}", f"{build_rate:,.0f}", f"{build_rate / spacy_rate:.3f}",
                  f"{strict_s:.1f}" if strict_s else "-", f"{strict_s / build_s:.3f}" if strict_s else "-",
                  f"{c['peak_mb']:,.0f}", f"{c.get('peak_child_mb', 0):,.0f}", f"{c['nodes']:,}", f"{c['edges']:,}")
    console.print(t)
    for r in rows:
        if len(r.get("pairs", [])) > 1:
            console.print(f"×{r['scale']}: spaCy and the build, run in pairs (seconds, the build first in every other): "
                          + ", ".join(f"{p['spacy']:.1f} / {p['build']:.1f} ({p['spacy'] / p['build']:.3f})" for p in r["pairs"])
                          + "; the table shows their means")
    s = Table(title="stages of the cold build (seconds, the last of the pairs)")
    stages = sorted({k for r in rows for k in r["cold"]["timings"]})
    s.add_column("stage")
    for r in rows:
        s.add_column(f"×{r['scale']}", justify="right")
    for st in stages:
        s.add_row(st, *(f"{r['cold']['timings'].get(st, 0):.2f}" for r in rows))
    console.print(s)
    o = Table(title="outputs (MB)")
    o.add_column("output")
    for r in rows:
        o.add_column(f"×{r['scale']}", justify="right")
    for name in sorted({k for r in rows for k in r["cold"]["sizes"]}):
        o.add_row(name, *(f"{r['cold']['sizes'].get(name, 0) / 1e6:.1f}" for r in rows))
    console.print(o)
    for r in rows:
        if "jobs1" in r:
            j1, j2, same, one = r["jobs1"], r["jobs2"], r["rebuild_same"], r["rebuild_one"]
            cold = {"wall": _means(r)[1]}  # the mean of the cold builds
            x = Table(title=f"×{r['scale']}: parallel parsing and incremental rebuilds")
            x.add_column("measure")
            x.add_column("seconds", justify="right")
            x.add_column("figure", justify="right")
            x.add_row("--jobs 1 (no cache)", f"{j1['wall']:.1f}", "")
            x.add_row("--jobs 2 (no cache)", f"{j2['wall']:.1f}", f"{j1['wall'] / j2['wall']:.2f}× faster")
            x.add_row("rebuild, nothing changed", f"{same['wall']:.2f}", f"{same['wall'] / cold['wall']:.1%} of cold")
            walls = ", ".join(f"{b['wall']:.2f}" for b in r.get("rebuild_one_runs", [one]))
            x.add_row(f"rebuild, one document changed (median of {walls})", f"{one['wall']:.2f}",
                      f"{one['wall'] / cold['wall']:.1%} of cold")
            console.print(x)
        db_rows = r["cold"]["nodes"] + r["cold"]["edges"]
        console.print(f"×{r['scale']}: embedded database load {db_rows:,} rows in {r['cold']['timings'].get('write.db', 0):.2f} s "
                      f"= {db_rows / max(r['cold']['timings'].get('write.db', 1e-9), 1e-9):,.0f} rows/s")


if __name__ == "__main__":
    main()
