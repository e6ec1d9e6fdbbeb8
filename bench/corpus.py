"""Build a large corpus from the seeds: copies with distinct names and shuffled turns, scaled ×N."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# Where a document can be cut into movable pieces without breaking its format.
SPLITS = {
    "001": re.compile(r"^(?=[A-Z][a-z]+ [A-Z][a-z]+ \d{2}:\d{2}:\d{2}$)", re.M),  # speaker turns
    "002": re.compile(r"^(?=\[\d{2}:\d{2}:\d{2}\.\d{3} -->)", re.M),  # caption lines
    "003": re.compile(r"^(?=\(\d{1,2}: ?\d{2})", re.M),  # stamped entries
    "004": re.compile(r"^(?=(?:[IVX]+\. )?[A-Z]{3,} [A-Z]{3,}\s*$)", re.M),  # speaker sections
    "000": re.compile(r"^(?=## )", re.M),  # sections
}


def shuffled(text: str, prefix: str, rng: random.Random) -> str:
    rx = SPLITS.get(prefix)
    if not rx:
        return text
    parts = rx.split(text)
    head, body = parts[0], parts[1:]
    if prefix == "002":  # keep sentences that run across lines together: move blocks of 8 lines
        body = ["".join(body[i:i + 8]) for i in range(0, len(body), 8)]
    rng.shuffle(body)
    return head + "".join(p if p.endswith("\n") else p + "\n" for p in body)


def make(factor: int, dest: Path, seed: int = 1) -> Path:
    """``dest`` with ``factor`` shuffled copies of every seed (and its sidecar)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    rng = random.Random(seed)
    for i in range(factor):
        for src in sorted(SEEDS.glob("*.txt")):
            prefix = src.name[:3]
            name = f"c{i:03d}_{src.name}"
            text = src.read_text(encoding="utf-8")
            (dest / name).write_text(text if i == 0 else shuffled(text, prefix, rng), encoding="utf-8")
            meta = src.with_name(src.stem + ".meta.yml")
            if meta.exists():
                shutil.copy(meta, dest / f"c{i:03d}_{meta.name}")
    return dest
