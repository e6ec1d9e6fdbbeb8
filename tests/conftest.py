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


def written(folder: Path, name: str, *lines: str) -> Path:
    """A file ``name`` in ``folder`` holding ``lines``, one a line: a user's document in a test."""
    p = folder / name
    p.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    return p


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
    from graph.build import build

    out = tmp_path_factory.mktemp("build") / "out"
    G, report = build(["seeds"], out=out, exports=True)
    return G, report, out


@pytest.fixture(scope="session")
def seed_graph(seed_build):
    return seed_build[0]


HARNESS = ROOT / "tools" / "neo4j-harness"


@pytest.fixture(scope="session")
def neo4j_uri():
    """A real Neo4j 5: ``NEO4J_URI`` when set, else one started in-process from Neo4j's official test
    harness (tools/neo4j-harness, built by `make test` where java and mvn exist); skipped, with the
    reason, where neither is there."""
    import shutil
    import subprocess

    if os.environ.get("NEO4J_URI"):
        yield os.environ["NEO4J_URI"]
        return
    classes, lib = HARNESS / "target" / "classes", HARNESS / "target" / "lib"
    if not (shutil.which("java") and classes.is_dir() and lib.is_dir()):
        reason = ("no Neo4j: NEO4J_URI is not set and the in-process harness is not built "
                  "(it needs java and mvn; `make neo4j-harness` builds it)")
        if os.environ.get("CI") and shutil.which("java") and shutil.which("mvn"):
            pytest.fail(reason)
        pytest.skip(reason)
    proc = subprocess.Popen(["java", "-cp", f"{classes}{os.pathsep}{lib}/*", "claimgraph.Neo4jLauncher"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline().split()
    if not line:
        proc.kill()
        pytest.fail(f"the Neo4j harness did not start: {proc.stderr.read()[-2000:]}")
    print(f"\nNeo4j harness at {line[0]} (started in {line[1]})")
    try:
        yield line[0].rstrip("/")
    finally:
        proc.stdin.close()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
