"""The build at ×N the seeds on this machine and on a local Dask cluster, side by side.

    python -m bench.cluster 10
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import make


def timed(args: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "graph.cli", "build", *args], check=True, capture_output=True)
    return time.perf_counter() - t0


def main() -> None:
    factor = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    work = Path(tempfile.mkdtemp(prefix="claimgraph-cluster-bench-"))
    try:
        corpus = make(factor, work / "corpus")
        local = timed([str(corpus), "--out", str(work / "local"), "--no-cache", "--jobs", "2"])
        cluster = timed([str(corpus), "--out", str(work / "cluster"), "--no-cache", "--cluster", "local"])
        print(f"×{factor}: local build --jobs 2 {local:.1f} s; --cluster local (2 Dask workers) {cluster:.1f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
