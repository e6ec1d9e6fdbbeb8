"""Shared fixtures: the seeds read once, and the seed graph built once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = Path(__file__).resolve().parent / "data"

SEED = {
    "summary": "seeds/000_26d3ade5fec1c371.txt",
    "transcript": "seeds/001_0dedf1b18d31d238.txt",
    "whisper": "seeds/002_21f63c69cbe086ed.txt",
    "notes": "seeds/003_8276e0b4cd645e46.txt",
    "book": "seeds/004_7e4dc73717594e3d.txt",
}


@pytest.fixture(autouse=True, scope="session")
def _run_from_root():
    """Paths in the graph are relative to the working directory: run the suite from the repo root."""
    old = os.getcwd()
    os.chdir(ROOT)
    yield
    os.chdir(old)


@pytest.fixture(scope="session")
def seed_docs():
    from extract.readers import read_path

    return {k: read_path(v) for k, v in SEED.items()}


@pytest.fixture(scope="session")
def seed_extraction(seed_docs):
    from extract.pipeline import extract

    return extract(list(seed_docs.values()))


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The whole build of seeds/ into a temporary out/ (graph.json, database, views, exports)."""
    from graph.pipeline import build

    out = tmp_path_factory.mktemp("build") / "out"
    G, report = build(["seeds"], out=out)
    return G, report, out


@pytest.fixture(scope="session")
def seed_graph(seed_build):
    return seed_build[0]
