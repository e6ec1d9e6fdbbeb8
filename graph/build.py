"""Records in, graph out: assemble a networkx MultiDiGraph checked against the schema.

>>> G = assemble(extraction)            # doctest: +SKIP
>>> G.nodes["person:demis-hassabis"]    # doctest: +SKIP
{'type': 'Person', 'name': 'Demis Hassabis', ...}
"""

from __future__ import annotations

import hashlib
from collections import Counter
from functools import lru_cache

import networkx as nx

from extract.kb import Ref
from extract.pipeline import Evidence, Extraction, Relation
from extract.claims import short_name
from extract.relations import RESTATE_RULE
from graph.schema import SchemaError, check_triple, node_id, validate_edge, validate_node

def ref_id(ref: Ref) -> str:
    return node_id(ref[0], ref[1])


def _edge_key(data: dict) -> str:
    """Same type, ends and evidence span: the same edge, whichever rule found it (the first one is kept)."""
    document = data.get("document")
    return _span_key(data["type"], data["source"], data["target"], document, data.get("start"), data.get("end"),
                     f"|{data.get('rule')}" if document is None else "")


def _span_key(type_: str, source: str, target: str, document, start, end, more: str = "") -> str:
    return hashlib.sha1(f"{type_}|{source}|{target}|{document}|{start}|{end}{more}".encode()).hexdigest()[:12]


def add_edge(G: nx.MultiDiGraph, type_: str, source: str, target: str, ev: Evidence | None, rule: str,
             confidence: float = 1.0, **props) -> None:
    if ev is None:
        data = {"source": source, "target": target, "type": type_, "rule": rule, "confidence": confidence, **props}
    else:
        data = {"source": source, "target": target, "type": type_, "document": _document_id(ev.document),
                "start": ev.start, "end": ev.end, "quote": ev.quote, "timestamp": ev.timestamp, "rule": ev.rule,
                "confidence": ev.confidence, **props}
    _insert(G, data)


def _insert(G: nx.MultiDiGraph, data: dict) -> None:
    """Add the edge ``data`` describes, checked against the schema, unless it is there already."""
    source, target = data["source"], data["target"]
    nodes = G.nodes
    edge = validate_edge(data, nodes[source]["type"], nodes[target]["type"])
    key = _edge_key(data)
    if G.has_edge(source, target, key):
        return
    attrs = edge.__dict__.copy()  # the validated fields, in the schema's order (all plain values)
    del attrs["source"], attrs["target"]
    G.add_edge(source, target, key=key, **attrs)


@lru_cache(maxsize=1 << 16)
def _document_id(path: str) -> str:
    return ref_id(("Document", path))


def _claim_edge(G: nx.MultiDiGraph, type_: str, source: str, target: str, source_type: str, target_type: str,
                claim: dict, rule: str, confidence: float, score: float | None = None) -> None:
    """An edge whose evidence is the whole sentence of a claim (STATED_IN, CLAIMS, MENTIONS, RESTATES:
    most edges).  Its document, span, quote and timestamp are the claim node's, validated with it, so
    only what is new is checked here — the triple, the rule, the confidence and score — rather than
    the whole edge again (a test holds every edge to what the schema's validation makes of it)."""
    check_triple(type_, source_type, target_type, source, target)
    if type(rule) is not str or type(confidence) not in (float, int) or not (score is None or type(score) in (float, int)):
        raise SchemaError(f"edge {type_} {source}→{target}: rule, confidence or score of the wrong type")
    doc, start, end = claim["document"], claim["start"], claim["end"]
    key = _span_key(type_, source, target, doc, start, end)
    if G.has_edge(source, target, key):
        return
    # the fields in the schema's order, as validation leaves them
    G.add_edge(source, target, key=key, type=type_, document=doc, start=start, end=end, quote=claim["quote"],
               timestamp=claim["timestamp"], rule=rule, confidence=float(confidence), role=None,
               score=None if score is None else float(score))


def assemble(ex: Extraction) -> nx.MultiDiGraph:
    """The graph of one extraction.  Entities appear only when something links to them."""
    G = nx.MultiDiGraph()
    kb = ex.kb

    def add_node(data: dict) -> str:
        node = validate_node(data).model_dump()
        G.add_node(node["id"], **{k: v for k, v in node.items() if k != "id"})
        return node["id"]

    def ensure(ref: Ref) -> str:
        nid = ref_id(ref)
        if nid in G:
            return nid
        ent = kb.get(ref)
        props = dict(ent.props) if ent else {}
        data = {"id": nid, "type": ref[0], "name": ref[1], "aliases": sorted(ent.aliases) if ent else []}
        if ref[0] == "Person":
            data["roles"] = props.get("roles", [])
        elif ref[0] == "Concept":
            data["definition"] = props.get("definition")
            data["group"] = bool(props.get("group"))
        elif ref[0] == "Work":
            data.update(kind=props.get("kind"), authors=props.get("authors", []), year=props.get("year"))
        return add_node(data)

    for d in ex.documents:
        m = d.meta
        add_node({"id": ref_id(("Document", m.path)), "type": "Document", "name": m.title or m.path, "aliases": [],
                  "path": m.path, "format": m.format, "title": m.title, "authors": list(m.authors), "show": m.show,
                  "video_id": m.video_id, "url": m.url, "date": m.date, "extracted_from": m.extracted_from})

    for c in ex.claims:
        cid = add_node({
            "id": node_id("Claim", c.key), "type": "Claim", "name": short_name(c.text), "aliases": [],
            "text": c.text, "quote": c.quote, "speaker": ref_id(c.speaker) if c.speaker else None,
            "document": ref_id(("Document", c.document)), "start": c.start, "end": c.end,
            "timestamp": c.timestamp, "url": c.url, "section": c.section, "attribution": c.attribution,
            "confidence": c.confidence,
        })
        node = G.nodes[cid]
        _claim_edge(G, "STATED_IN", cid, node["document"], "Claim", "Document", node, "claims.sentence", c.confidence)
        if c.speaker:
            _claim_edge(G, "CLAIMS", ensure(c.speaker), cid, c.speaker[0], "Claim", node,
                        f"claims.attribution.{c.attribution}", c.confidence)
        span = (c.document, c.start, c.end, c.quote, c.timestamp)
        for ref, ev in c.mentions:
            if (ev.document, ev.start, ev.end, ev.quote, ev.timestamp) == span:
                _claim_edge(G, "MENTIONS", cid, ensure(ref), "Claim", ref[0], node, ev.rule, ev.confidence)
            else:  # evidence of its own
                add_edge(G, "MENTIONS", cid, ensure(ref), ev, ev.rule, ev.confidence)

    def relation(r: Relation) -> None:
        src = ref_id(r.source) if r.source[0] in ("Document", "Claim") else ensure(r.source)
        dst = ref_id(r.target) if r.target[0] in ("Document", "Claim") else ensure(r.target)
        if src in G and dst in G:  # else a relation to a claim that was filtered out
            add_edge(G, r.type, src, dst, r.evidence, r.rule, r.confidence, **r.props)

    for r in ex.relations:
        relation(r)
    # Restatements, found meanwhile on another core and waited for only now: often the most numerous
    # edges, so they go in straight from the pairs of claims, with the edge a RESTATES relation
    # (extract.relations.restatements) would make, without making the relations first.
    claims, nodes = ex.claims, G.nodes
    for i, j, score in ex.restated():
        a, b = claims[i], claims[j]
        src, dst = node_id("Claim", a.key), node_id("Claim", b.key)
        if src in G and dst in G:
            _claim_edge(G, "RESTATES", src, dst, "Claim", "Claim", nodes[src], RESTATE_RULE, score, score)
    return G


def summary(G: nx.MultiDiGraph) -> dict:
    nodes = Counter(d["type"] for _, d in G.nodes(data=True))
    edges = Counter(d["type"] for _, _, d in G.edges(data=True))
    return {"nodes": dict(sorted(nodes.items())), "edges": dict(sorted(edges.items()))}
