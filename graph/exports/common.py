"""What the export formats share: attributes flattened to scalars (GraphML and GEXF accept no lists)
and the XML types of the schema's columns."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from typing import Any

import networkx as nx

from graph.store import edge_columns, item_text, node_columns

LIST_SEP = "; "


def scalar(v: Any) -> Any:
    """A list as ``"; "``-joined text, a dict as JSON, anything else as it is."""
    if isinstance(v, list):
        return LIST_SEP.join(item_text(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    return v


def flat_node(d: dict) -> dict:
    """A node's attributes as scalars, nulls left out, with its name as ``label``."""
    return {**{k: scalar(v) for k, v in d.items() if v is not None}, "label": d["name"]}


def flat_edge(d: dict) -> dict:
    return {a: scalar(b) for a, b in d.items() if b is not None}


def _present(key: str, items: list[dict]) -> bool:
    return any(d.get(key) is not None for d in items)


# Attribute text: markup escaped, line breaks kept as character references, characters XML forbids dropped.
_XML_ATTR = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;",
             ord("\n"): "&#10;", ord("\r"): "&#13;", ord("\t"): "&#9;",
             **{c: None for c in [*range(0, 9), 11, 12, *range(14, 32), 0xFFFE, 0xFFFF]}}
_XML_TEXT = {k: v for k, v in _XML_ATTR.items() if k not in (ord('"'), ord("\n"), ord("\r"), ord("\t"))}
_XML_TYPES = {"BOOLEAN": "boolean", "INT64": "int", "DOUBLE": "double", "STRING": "string"}


# Characters either table changes: most values have none, and a search is far cheaper than a translation.
_XML_SPECIAL = re.compile("[" + re.escape("".join(map(chr, _XML_ATTR))) + "]")


def _plain(v: str) -> bool:
    """True when no character of ``v`` needs escaping or dropping (most values): four scans in C,
    cheaper than one search of the character class."""
    return v.isprintable() and "&" not in v and "<" not in v and ">" not in v


def xml(v: Any) -> str:
    """A quoted XML attribute value."""
    if isinstance(v, bool):
        v = "true" if v else "false"
    v = str(v)
    if '"' not in v and _plain(v):  # (isprintable() is False for line breaks and tabs)
        return '"' + v + '"'
    return '"' + (v.translate(_XML_ATTR) if _XML_SPECIAL.search(v) else v) + '"'


def xml_text(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    v = str(v)
    if _plain(v):
        return v
    return v.translate(_XML_TEXT) if _XML_SPECIAL.search(v) else v


def attr_types(groups) -> dict[str, str]:
    """Attribute name → XML type, over groups of attributes (name → column type of the schema: see
    :mod:`graph.store`) that occur in the graph; lists are flattened to strings, and a name with
    other types in other groups becomes a string."""
    out: dict[str, str] = {}
    for group in groups:
        for k, column in group.items():
            t = _XML_TYPES.get(column, "string")
            out[k] = t if out.get(k, t) == t else "string"
    return out



def node_types(G: nx.MultiDiGraph) -> dict[str, str]:
    """Attribute name → XML type of the flattened node attributes (``label`` included)."""
    by_type: dict[str, list[dict]] = defaultdict(list)
    for _, d in G.nodes(data=True):
        by_type[d["type"]].append(d)
    return attr_types({**{k: t for k, t in node_columns(nt).items() if k != "id" and _present(k, items)},
                       "label": "STRING"} for nt, items in by_type.items())


def edge_types(G: nx.MultiDiGraph) -> dict[str, str]:
    items = [d for *_, d in G.edges(data=True)]
    return attr_types([{k: t for k, t in edge_columns().items() if _present(k, items)}])
