"""Named queries: one ``.cypher`` file each in ``queries/``, with a header saying what it answers.

Header format (comment lines at the top of the file)::

    // title: Who disagrees with whom
    // description: Every disagreement from one person to another ...
    // param: limit = 100 | rows at most

Parameters are real Cypher ``$params``; the header gives each a default.
The same text runs on the embedded database and on Neo4j.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

QUERIES_DIR = Path(os.environ.get("CLAIMGRAPH_QUERIES", Path(__file__).resolve().parent.parent / "queries"))
_HEADER = re.compile(r"^//\s*(?P<key>title|description|param):\s*(?P<value>.*)$")
_PARAM = re.compile(r"^(?P<name>\w+)\s*=\s*(?P<default>[^|]*?)\s*(?:\|\s*(?P<help>.*))?$")
_USED = re.compile(r"\$(\w+)")
_CYPHER_START = re.compile(r"^\s*(?:MATCH|OPTIONAL|RETURN|WITH|UNWIND|CALL|CREATE|MERGE|//)\b", re.I)


class QueryError(ValueError):
    """A query that cannot be run as asked: unknown name, missing parameter, bad value."""


@dataclass
class Param:
    name: str
    default: Any
    help: str = ""


@dataclass
class NamedQuery:
    name: str
    title: str
    description: str
    cypher: str
    params: list[Param] = field(default_factory=list)
    path: Path | None = None

    @property
    def used(self) -> set[str]:
        body = "\n".join(line for line in self.cypher.splitlines() if not line.lstrip().startswith("//"))
        return set(_USED.findall(body))

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        """Parameters for a run: defaults overridden by ``given``; every ``$param`` must have a value."""
        values = {p.name: p.default for p in self.params}
        unknown = set(given) - self.used
        if unknown:
            raise QueryError(f"query '{self.name}' has no parameter {', '.join(sorted(unknown))}"
                             f" (it takes: {', '.join(sorted(self.used)) or 'none'})")
        values.update(given)
        missing = sorted(n for n in self.used if values.get(n) is None)
        if missing:
            raise QueryError(f"query '{self.name}' needs --param {missing[0]}=VALUE"
                             + (f" (and {', '.join(missing[1:])})" if len(missing) > 1 else ""))
        return {k: v for k, v in values.items() if k in self.used}


def coerce(value: str) -> Any:
    """``'50'`` → 50, ``'0.8'`` → 0.8, ``'true'`` → True; anything else stays a string (quotes stripped)."""
    v = value.strip()
    if re.fullmatch(r"-?\d+", v):
        return int(v)
    if re.fullmatch(r"-?\d+\.\d*|-?\.\d+", v):
        return float(v)
    if v.lower() in ("true", "false"):
        return v.lower() == "true"
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "'\"":
        return v[1:-1]
    return v


def parse(text: str, name: str, path: Path | None = None) -> NamedQuery:
    title, description, params = name, "", []
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if not m:
            if line.strip() and not line.strip().startswith("//"):
                break
            continue
        key, value = m.group("key"), m.group("value").strip()
        if key == "title":
            title = value
        elif key == "description":
            description = value
        else:
            pm = _PARAM.match(value)
            if not pm:
                raise QueryError(f"{path or name}: bad param line {line!r} (want: name = default | help)")
            params.append(Param(pm.group("name"), coerce(pm.group("default")) if pm.group("default") else None,
                                (pm.group("help") or "").strip()))
    return NamedQuery(name, title, description, text, params, path)


def library(directory: Path = QUERIES_DIR) -> dict[str, NamedQuery]:
    """Every named query in ``directory``, by name (the file name without ``.cypher``)."""
    return {p.stem: parse(p.read_text(encoding="utf-8"), p.stem, p) for p in sorted(Path(directory).glob("*.cypher"))}


def resolve(spec: str, directory: Path = QUERIES_DIR) -> NamedQuery:
    """A named query, a ``.cypher`` file, or Cypher text."""
    lib = library(directory)
    if spec in lib:
        return lib[spec]
    p = Path(spec)
    if p.suffix == ".cypher" or (p.exists() and p.is_file()):
        if not p.exists():
            raise QueryError(f"no such query file: {spec}")
        return parse(p.read_text(encoding="utf-8"), p.stem, p)
    if _CYPHER_START.match(spec):
        return parse(spec, "(inline)")
    close = [n for n in lib if spec.lower() in n or n in spec.lower()]
    hint = f"; did you mean {', '.join(close[:3])}?" if close else ""
    raise QueryError(f"unknown query '{spec}'{hint} (`claimgraph queries` lists them)")
