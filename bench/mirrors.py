"""Files of public repositories at a given commit, read from local git mirrors: ``<mirrors>/<owner>+<name>/repo``
(as the search tool's fetch leaves them) or a plain clone at ``<mirrors>/<owner>/<name>``."""

from __future__ import annotations

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
