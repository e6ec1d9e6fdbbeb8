"""Files of public repositories at a given commit, read from local git mirrors: ``<mirrors>/<owner>+<name>/repo``
(as the search tool's fetch leaves them) or a plain clone at ``<mirrors>/<owner>/<name>``."""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path


def mirror_dir(mirrors: Path, repo: str) -> Path | None:
    """Where ``repo`` ("owner/name") is mirrored under ``mirrors``, or None."""
    owner, name = repo.split("/")
    return next((d for d in (mirrors / f"{owner}+{name}" / "repo", mirrors / owner / name) if d.exists()), None)


def mirrored(mirrors: Path, repo: str, commit: str, path: str) -> bytes:
    """The bytes of ``path`` in ``repo`` at ``commit`` (FileNotFoundError when the repository is not mirrored)."""
    where = mirror_dir(mirrors, repo)
    if where is None:
        raise FileNotFoundError(f"{repo}: not under {mirrors}; fetch it first")
    return subprocess.run(["git", "-C", str(where), "show", f"{commit}:{path}"], capture_output=True, check=True).stdout


def fetch_and_score(description: str, dest: Path) -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """The command line of a bench that copies its annotated files from the mirrors (``fetch --mirrors DIR
    [--dest DIR]``) and scores them (``score [--dest DIR] [-v]``): the parser and its ``score`` subparser."""
    ap = argparse.ArgumentParser(description=description)
    sub = ap.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("fetch")
    f.add_argument("--mirrors", type=Path, required=True)
    f.add_argument("--dest", type=Path, default=dest)
    s = sub.add_parser("score")
    s.add_argument("--dest", type=Path, default=dest)
    s.add_argument("-v", "--verbose", action="store_true")
    return ap, s
