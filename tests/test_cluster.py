"""`build --cluster`: parsing on a real Dask cluster (a local one of two worker processes) gives the
graph a local build gives; the local build never imports Dask."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from graph.build import build
from tests.conftest import ROOT

pytestmark = [pytest.mark.slow]


def _graph(out):
    data = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    data["graph"].pop("built")
    return data


def test_a_local_dask_cluster_builds_the_graph_a_local_build_builds(tmp_path, seed_build):
    pytest.importorskip("distributed", reason="the cluster extra is not installed: pip install 'claimgraph[cluster]'")
    G, report = build(["seeds"], out=tmp_path / "out", cluster="local", cache=False, views=False)
    assert _graph(tmp_path / "out") == _graph(seed_build[2])
    assert (report.cache["hits"], report.cache["misses"]) == (0, len(report.documents))  # every turn parsed there


def test_the_local_build_does_not_import_dask():
    code = ("import sys; import graph.build, extract.pipeline, graph.cli; "
            "print(any(m == 'dask' or m.startswith(('dask.', 'distributed')) for m in sys.modules))")
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "False"
