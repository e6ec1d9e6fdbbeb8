"""Finding the documents under the paths a build is given, and reading them one by one; whatever
cannot be found or read is reported as :class:`Skipped` (one line: the file and the reason)."""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator

from extract.readers import META_SUFFIX, READABLE_SUFFIXES, ReadError, read_path
from extract.records import ReadDocument

SKIP_NAMES = {"readme.md", "readme.txt", "readme"}


@dataclass
class Skipped:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def display_path(p: Path) -> str:
    """The path shown for a file (and kept on its Document): relative to the working folder when inside it."""
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p.resolve())


def shown(p: Path | str) -> str:
    """A path as text that can always be printed and saved (undecodable bytes as \\x escapes)."""
    return os.fsencode(str(p)).decode("utf-8", "backslashreplace")


def _readable(name: str) -> bool:
    return (not name.startswith(".") and not name.endswith(META_SUFFIX) and name.lower() not in SKIP_NAMES
            and Path(name).suffix.lower() in READABLE_SUFFIXES)


def _walk(folder: Path, skipped: list[Skipped]) -> list[Path]:
    """The readable files under ``folder``; folders that cannot be listed and names that are not
    valid UTF-8 are reported in ``skipped``."""
    found = []

    def unreadable(e: OSError) -> None:
        skipped.append(Skipped(shown(e.filename or folder), f"cannot read folder: {e.strerror or e}"))

    for root, dirs, names in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not _readable(name):
                continue
            if shown(name) != name:
                skipped.append(Skipped(shown(Path(root) / name), "file name is not valid UTF-8; rename the file"))
                continue
            f = Path(root) / name
            if f.is_file():
                found.append(f)
    return sorted(found)


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[Skipped]]:
    """Files to read under ``paths``; missing paths, unreadable folders, undecodable names and
    folders with nothing readable are reported."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            skipped.append(Skipped(shown(raw), "no such file or directory"))
        elif p.is_dir():
            found = _walk(p, skipped)
            if not found:
                kinds = ", ".join(sorted(s for s in READABLE_SUFFIXES if s))
                skipped.append(Skipped(shown(raw), f"directory has no readable documents ({kinds})"))
            files.extend(found)
        elif shown(p) != str(p):
            skipped.append(Skipped(shown(p), "file name is not valid UTF-8; rename the file"))
        else:
            files.append(p)
    seen: set[Path] = set()
    unique = []
    for f in files:
        if f.resolve() not in seen:
            seen.add(f.resolve())
            unique.append(f)
    return unique, skipped


# of one episode's files, these are read first: their speech carries its times
TIMED = (".json", ".vtt", ".srt", ".sbv", ".ttml", ".dfxp")


def _episode(f: Path) -> tuple[Path, str]:
    """The folder and the name of the episode a file holds: ``ep.en.vtt`` and ``ep.json`` are both ``ep``."""
    return f.parent, re.sub(r"\.[a-z]{2}(?:-[A-Za-z]{2,4})?$", "", f.stem).lower()


def _words(doc: ReadDocument, n: int = 300) -> set[tuple[str, str]]:
    words = " ".join(t.text for t in doc.turns[:n]).lower().split()[:n]
    return set(zip(words, words[1:]))


def _same_speech(mine: set[tuple[str, str]], before: list[tuple[str, set]]) -> str | None:
    """The file read before that holds the same speech (most of the opening word pairs ``mine``), if any."""
    return next((name for name, theirs in before
                 if mine and theirs and len(mine & theirs) >= 0.8 * min(len(mine), len(theirs))), None)


def read_iter(files: list[Path], skipped: list[Skipped], warnings: list[str], timings: dict[str, float],
              progress: Callable[[int], None] | None = None, read=None) -> Iterator[ReadDocument]:
    """Read ``files`` one by one; a file that cannot be read is added to ``skipped``, a reader's
    warnings to ``warnings``, the time spent to ``timings["read"]``.  ``read(path, shown)``: how
    to read one (default :func:`extract.readers.read_path`; the cache's, in a build).

    Files of one name in one folder that hold the same speech (Whisper writes ``ep.txt``, ``ep.srt``
    and ``ep.vtt`` of one episode) are read once, from the timed one, with a warning for the others."""
    read = read or (lambda f, name: read_path(f, display=name))
    order = {f: i for i, f in enumerate(files)}
    first = {}
    for f in files:
        first.setdefault(_episode(f), order[f])
    files = sorted(files, key=lambda f: (first[_episode(f)], f.suffix.lower() not in TIMED, order[f]))
    renditions: dict[tuple[Path, str], list[tuple[str, set]]] = {}
    for f in files:
        t0 = time.perf_counter()
        name = display_path(f)
        doc = None
        try:
            doc = read(f, name)
        except ReadError as e:
            skipped.append(Skipped(e.path, e.reason))
        except Exception as e:  # a reader bug must not lose the rest of the corpus
            skipped.append(Skipped(name, f"reader failed: {type(e).__name__}: {e}"))
        else:
            warnings.extend(f"{name}: {w}" for w in doc.warnings)
            before, words = renditions.setdefault(_episode(f), []), _words(doc)
            same = _same_speech(words, before)
            if same:
                warnings.append(f"{name}: the same speech as {same}; read once, from {same}")
                doc = None
            else:
                before.append((name, words))
        timings["read"] = timings.get("read", 0.0) + time.perf_counter() - t0
        if progress:
            progress(1)
        if doc is not None:
            yield doc


def read_all(files: list[Path], skipped: list[Skipped] | None = None) -> list[ReadDocument]:
    """Every readable one of ``files``, read."""
    return list(read_iter(files, skipped if skipped is not None else [], [], {}))
