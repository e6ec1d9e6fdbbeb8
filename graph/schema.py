"""The graph contract: node types, edge types and the allowed (source, EDGE, target) triples.

This is the one place the types are spelled.  The embedded database's tables,
the Neo4j constraints, the exports and the views are all derived from it.

>>> node_id("Person", "Demis Hassabis")
'person:demis-hassabis'
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
import re
import unicodedata
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

NODE_TYPES = ("Document", "Person", "Organization", "System", "Concept", "Work", "Claim")
EDGE_TYPES = (
    "SPOKE_IN", "AUTHORED", "CLAIMS", "STATED_IN", "MENTIONS", "DISAGREES_WITH", "AGREES_WITH",
    "CITES", "AFFILIATED_WITH", "DEVELOPED_BY", "DEFINED_IN", "RESTATES", "LINKS_TO",
)
_ENTITIES = {"Person", "Organization", "System", "Concept", "Work"}

ALLOWED: dict[str, tuple[set[str], set[str]]] = {
    "SPOKE_IN": ({"Person"}, {"Document"}),
    "AUTHORED": ({"Person"}, {"Document", "Work"}),
    "CLAIMS": ({"Person"}, {"Claim"}),
    "STATED_IN": ({"Claim"}, {"Document"}),
    "MENTIONS": ({"Claim", "Document"}, _ENTITIES),  # a document: named where it asserts nothing
    "DISAGREES_WITH": ({"Person", "Claim"}, {"Person", "Claim", "Concept"}),
    "AGREES_WITH": ({"Person", "Claim"}, {"Person", "Claim", "Concept"}),
    "CITES": ({"Person", "Claim", "Document"}, {"Work"}),
    "AFFILIATED_WITH": ({"Person"}, {"Organization"}),
    "DEVELOPED_BY": ({"System"}, {"Organization"}),
    "DEFINED_IN": ({"Concept"}, {"Document"}),
    "RESTATES": ({"Claim"}, {"Claim"}),
    "LINKS_TO": ({"Document"}, {"Concept"}),
}

_PREFIX = {t: t.lower() for t in NODE_TYPES}


@lru_cache(maxsize=1 << 16)
def slug(text: str) -> str:
    """``'Jürgen Schmidhuber'`` → ``'jurgen-schmidhuber'``."""
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^A-Za-z0-9.+]+", "-", s.lower()).strip("-.")
    return s or hashlib.sha1(text.encode()).hexdigest()[:12]


def node_id(node_type: str, key: str) -> str:
    """Stable id of a node: ``person:demis-hassabis``, ``claim:<hash>``, ``document:seeds/001_x.txt``."""
    if node_type == "Claim":
        return f"claim:{key}"
    if node_type == "Document":
        return f"document:{key}"  # the path as given to the build: unique and readable
    return f"{_PREFIX[node_type]}:{slug(key)}"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Role(_Model):
    role: str
    organization: str | None = None


class Node(_Model):
    id: str
    type: str
    name: str
    aliases: list[str] = Field(default_factory=list)


class DocumentNode(Node):
    type: Literal["Document"] = "Document"
    path: str
    format: str
    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    show: str | None = None
    video_id: str | None = None
    url: str | None = None
    date: str | None = None
    extracted_from: str | None = None  # "pdf", "docx", "html" or "json": the claims' offsets index the text extracted from it


class PersonNode(Node):
    type: Literal["Person"] = "Person"
    roles: list[Role] = Field(default_factory=list)


class OrganizationNode(Node):
    type: Literal["Organization"] = "Organization"


class SystemNode(Node):
    type: Literal["System"] = "System"


class ConceptNode(Node):
    type: Literal["Concept"] = "Concept"
    definition: str | None = None
    group: bool = False  # a position or group people argue with ("AI skeptics")


class WorkNode(Node):
    type: Literal["Work"] = "Work"
    kind: str | None = None
    authors: list[str] = Field(default_factory=list)
    year: int | None = None


class ClaimNode(Node):
    type: Literal["Claim"] = "Claim"
    text: str
    quote: str
    speaker: str | None = None  # Person id; None when the document does not say who
    document: str
    start: int
    end: int
    timestamp: str | None = None
    url: str | None = None
    section: str | None = None
    attribution: str = "turn"  # turn | reported | author | subject | unknown
    confidence: float = 1.0
    context: str | None = None  # what it answers: the question, or the other speaker's point, just before
    score: float = 1.0  # how likely it is a claim at all, by the claim model: sort by it
    checkworthy: float = 0.0  # how much it states a fact someone could look up (extract.checkworthy): sort by it

    @model_validator(mode="after")
    def _span(self) -> "ClaimNode":
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")
        return self


NODE_MODELS: dict[str, type[Node]] = {
    "Document": DocumentNode, "Person": PersonNode, "Organization": OrganizationNode, "System": SystemNode,
    "Concept": ConceptNode, "Work": WorkNode, "Claim": ClaimNode,
}


class Edge(_Model):
    """An edge.  Edges drawn from text carry their evidence; curated ones name their rule."""

    source: str
    target: str
    type: str
    document: str | None = None
    start: int | None = None
    end: int | None = None
    quote: str | None = None
    timestamp: str | None = None
    rule: str
    confidence: float = 1.0
    role: str | None = None  # AFFILIATED_WITH
    score: float | None = None  # RESTATES
    stance: str | None = None  # CLAIMS: reported | hypothetical | rejected (a view the speaker does not hold)
    target_quote: str | None = None  # DISAGREES_WITH, AGREES_WITH: the words of the claim or question answered

    @model_validator(mode="after")
    def _known(self) -> "Edge":
        if self.type not in ALLOWED:
            raise ValueError(f"unknown edge type {self.type!r}")
        return self


EDGE_PROPERTIES = [f for f in Edge.model_fields if f not in ("source", "target", "type")]


def node_properties(node_type: str) -> dict[str, Any]:
    """Property name → pydantic field info for one node type (id excluded)."""
    return {k: v for k, v in NODE_MODELS[node_type].model_fields.items() if k not in ("id",)}


class SchemaError(ValueError):
    pass


def validate_node(data: dict) -> Node:
    model = NODE_MODELS.get(data.get("type", ""))
    if model is None:
        raise SchemaError(f"node {data.get('id')!r}: unknown type {data.get('type')!r}")
    try:
        return model.model_validate(data)
    except ValidationError as e:
        raise SchemaError(f"node {data.get('id')!r}: {e.errors()[0]['loc']}: {e.errors()[0]['msg']}") from None


def validate_edge(data: dict, source_type: str, target_type: str) -> Edge:
    try:
        edge = Edge.model_validate(data)
    except ValidationError as e:
        raise SchemaError(f"edge {data.get('type')} {data.get('source')}→{data.get('target')}: {e.errors()[0]['msg']}") from None
    check_triple(edge.type, source_type, target_type, edge.source, edge.target)
    return edge


def check_triple(type_: str, source_type: str, target_type: str, source: str, target: str) -> None:
    """Raise :class:`SchemaError` unless an edge of ``type_`` may run from ``source_type`` to ``target_type``."""
    sources, targets = ALLOWED[type_]
    if source_type not in sources or target_type not in targets:
        raise SchemaError(f"edge {type_} not allowed from {source_type} to {target_type} ({source}→{target})")
