"""Named queries: one ``.cypher`` file each in ``queries/``, with a header saying what it answers.

Header format (comment lines at the top of the file)::

    // title: Who disagrees with whom
    // description: Every disagreement from one person to another ...
    // param: limit = 100 | rows at most
    // param: person (Person) = Demis Hassabis | names a node: checked against the graph before the run
    // param: topic (Entity, optional) = | left out (empty) means any

Parameters are real Cypher ``$params``; the header gives each a default.  A parameter with a
node type in brackets names a node of that type (``Entity``: any named node); a value that names
none is refused with the closest names the graph has.  An optional parameter left out is the empty
text, which the query reads as "any".
The same text runs on the embedded database and on Neo4j.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

def _queries_dir() -> Path:
    """``$CLAIMGRAPH_QUERIES``, else the checkout's ``queries/``, else the copy installed with the package."""
    if os.environ.get("CLAIMGRAPH_QUERIES"):
        return Path(os.environ["CLAIMGRAPH_QUERIES"])
    checkout = Path(__file__).resolve().parent.parent / "queries"
    return checkout if checkout.is_dir() else Path(__file__).resolve().parent / "named_queries"


QUERIES_DIR = _queries_dir()
_HEADER = re.compile(r"^//\s*(?P<key>title|description|param):\s*(?P<value>.*)$")
_PARAM = re.compile(r"^(?P<name>\w+)\s*(?:\((?P<kind>\w+)(?P<optional>\s*,\s*optional)?\))?\s*=\s*(?P<default>[^|]*?)"
                    r"\s*(?:\|\s*(?P<help>.*))?$")
NAMED = {"Person": ("Person",), "System": ("System",), "Concept": ("Concept",), "Work": ("Work",),
         "Organization": ("Organization",), "Entity": ("Person", "System", "Concept", "Organization", "Work")}
_USED = re.compile(r"\$(\w+)")
_CYPHER_START = re.compile(r"^\s*(?:MATCH|OPTIONAL|RETURN|WITH|UNWIND|CALL|CREATE|MERGE|//)\b", re.I)


class QueryError(ValueError):
    """A query that cannot be run as asked: unknown name, missing parameter, bad value."""


@dataclass
class Param:
    name: str
    default: Any
    help: str = ""
    kind: str | None = None  # the node type the value names (see NAMED)
    optional: bool = False  # left out: the empty text, read by the query as "any"


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
        for k, v in given.items():
            if isinstance(v, int) and not isinstance(v, bool) and not -2**63 <= v < 2**63:
                raise QueryError(f"--param {k}={v}: a whole number must lie between -2^63 and 2^63-1")
        values.update(given)
        optional = {p.name for p in self.params if p.optional}
        values.update({n: "" for n in optional if values.get(n) is None})
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
            kind = pm.group("kind")
            if kind is not None and kind not in NAMED:
                raise QueryError(f"{path or name}: unknown node type {kind!r} in {line!r} (one of {', '.join(NAMED)})")
            params.append(Param(pm.group("name"), coerce(pm.group("default")) if pm.group("default") else None,
                                (pm.group("help") or "").strip(), kind, bool(pm.group("optional"))))
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


def describe(q: NamedQuery) -> str:
    """A named query's help: what it answers and each parameter with its default."""
    lines = [f"{q.name}: {q.title}", "", q.description, "", "Parameters:" if q.params else "No parameters."]
    for p in q.params:
        default = "(any)" if p.optional else repr(p.default)
        kind = f" [{p.kind}]" if p.kind else ""
        lines.append(f"  --param {p.name}=…{kind}  default {default}  {p.help}")
    return "\n".join(lines)


def check_names(q: NamedQuery, values: dict[str, Any], names: Callable[[tuple[str, ...]], list[tuple[str, list]]]) -> None:
    """Refuse a value that names no node of its parameter's type, with the closest names as hints.

    ``names(labels)`` gives (name, aliases) of every node with one of ``labels``."""
    from rapidfuzz import fuzz, process

    for p in q.params:
        value = values.get(p.name)
        if not p.kind or not isinstance(value, str) or not value:
            continue
        known = names(NAMED[p.kind])
        forms = {f.lower(): n for n, aliases in known for f in [n, *(aliases or [])] if f}
        wanted = value.lower()
        if wanted in forms or (p.kind == "Work" and any(wanted in f for f in forms)):
            continue
        close = process.extract(value, list({n for n, _ in known}), scorer=fuzz.WRatio, limit=3, score_cutoff=60)
        hint = f"; did you mean {', '.join(repr(c[0]) for c in close)}?" if close else ""
        raise QueryError(f"query '{q.name}': no {p.kind if p.kind != 'Entity' else 'node'} named {value!r}"
                         f" in the graph{hint}")
