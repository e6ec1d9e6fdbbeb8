"""Run one build in this process and print its figures as JSON (used by bench.run in a subprocess,
so peak memory is this build's alone)."""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def main() -> None:
    corpus, out, jobs, cache = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "cache"
    from graph.build import build

    t0 = time.perf_counter()
    _, report = build([corpus], out=out, jobs=jobs, cache=cache, want_graph=False)  # as the command line does
    wall = time.perf_counter() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest single child (parser, exports)
    sizes = {p.name: sum(f.stat().st_size for f in ([p] if p.is_file() else p.rglob("*")) if f.is_file())
             for p in out.iterdir()}
    chars = sum(len(Path(d["path"]).read_text(encoding="utf-8")) for d in report.documents)
    print(json.dumps({"wall": wall, "peak_mb": peak_kb / 1024, "peak_child_mb": child_kb / 1024, "timings": report.timings, "sizes": sizes,
                      "nodes": sum(report.counts["nodes"].values()), "edges": sum(report.counts["edges"].values()),
                      "chars": chars,
                      "turns": report.turns, "cache": report.cache}))


if __name__ == "__main__":
    main()
