"""How long the overview takes to be drawn and still in headless Chromium: the seeds graph, and a graph
20 times larger (the seeds graph composed 20 times with distinct ids), with the node cap lifted.

Run by hand after a build: ``.venv/bin/python -m bench.views`` (needs Debian's chromium)."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.layout import positions  # noqa: E402
from graph.output import load_graph  # noqa: E402
from graph.views import overview  # noqa: E402
from graph.views.page import write_assets  # noqa: E402
from tests.chromium import Browser  # noqa: E402


def scaled(G: nx.MultiDiGraph, k: int) -> nx.MultiDiGraph:
    H = nx.MultiDiGraph()
    for i in range(k):
        mapping = {n: f"{n}#{i}" for n in G.nodes}
        part = nx.relabel_nodes(G, mapping)
        for n, d in part.nodes(data=True):
            if d.get("speaker"):
                d["speaker"] = f"{d['speaker']}#{i}"
            if d.get("document"):
                d["document"] = f"{d['document']}#{i}"
        H.update(part)
    return H


def main() -> None:
    G = load_graph(ROOT / "out")
    out = Path(tempfile.mkdtemp(prefix="claimgraph-views-"))
    write_assets(out)
    b = Browser()
    try:
        for k, cap in ((1, 300), (20, 300), (20, 100_000)):
            H = G if k == 1 else scaled(G, k)
            t0 = time.perf_counter()
            where = positions(H)
            laid = time.perf_counter() - t0
            t0 = time.perf_counter()
            page = overview(H, cap)
            page.path = f"overview-x{k}-cap{cap}.html"
            path = page.render(out, where)
            built = time.perf_counter() - t0
            t0 = time.perf_counter()
            result = b.visit(path, root=out, timeout=300)
            still = time.perf_counter() - t0
            drawn = b.evaluate("window.claimgraph.network.body.nodeIndices.length")
            moving = b.evaluate("window.claimgraph.network.physics.physicsEnabled")
            b.screenshot(out / f"overview-x{k}-cap{cap}.png")
            print(f"×{k:<3} cap {cap:>6}: {drawn:>5} nodes drawn, whole graph laid out in {laid:.1f} s, page written in {built:.1f} s, "
                  f"drawn and still {still:.2f} s after loading (physics running: {moving}); errors {result['errors']}")
    finally:
        b.close()


if __name__ == "__main__":
    main()
