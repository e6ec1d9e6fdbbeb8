"""Records in, graph out: an extraction assembled into a networkx MultiDiGraph checked against the schema.

>>> G = assemble(extraction)            # doctest: +SKIP
>>> G.nodes["person:demis-hassabis"]    # doctest: +SKIP
{'type': 'Person', 'name': 'Demis Hassabis', ...}
"""

from __future__ import annotations

import hashlib
from collections import Counter

import networkx as nx

from extract.kb import Ref
from extract.records import Evidence, Extraction
from graph.schema import node_id, validate_edge, validate_node


def ref_id(ref: Ref) -> str:
    return node_id(ref[0], ref[1])


def short_name(text: str, limit: int = 80) -> str:
    """A claim's display name: its text cut at a word boundary."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > 20 else limit - 1].rstrip(",;:") + "…"


def edge_key(data: dict) -> str:
    """Same type, ends and evidence span: the same edge, whichever rule found it (the first one is kept).
    Edges without evidence are told apart by their rule."""
    document = data.get("document")
    more = f"|{data.get('rule')}" if document is None else ""
    key = f"{data['type']}|{data['source']}|{data['target']}|{document}|{data.get('start')}|{data.get('end')}{more}"
    return hashlib.sha1(key.encode()).hexdigest()[:12]


def add_edge(G: nx.MultiDiGraph, type_: str, source: str, target: str, ev: Evidence | None, rule: str,
             confidence: float = 1.0, **props) -> None:
    """Add an edge, validated against the schema, unless the same edge is there already."""
    data = {"source": source, "target": target, "type": type_, "rule": rule, "confidence": confidence, **props}
    if ev is not None:
        data.update(document=ref_id(("Document", ev.document)), start=ev.start, end=ev.end, quote=ev.quote,
                    timestamp=ev.timestamp, rule=ev.rule, confidence=ev.confidence)
    edge = validate_edge(data, G.nodes[source]["type"], G.nodes[target]["type"])
    key = edge_key(data)
    if not G.has_edge(source, target, key):
        attrs = edge.model_dump(exclude={"source", "target"})  # the validated fields, in the schema's order
        G.add_edge(source, target, key=key, **attrs)


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
        if nid in G or ref[0] in ("Document", "Claim"):
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
            "id": ref_id(c.ref), "type": "Claim", "name": short_name(c.text), "aliases": [],
            "text": c.text, "quote": c.quote, "speaker": ref_id(c.speaker) if c.speaker else None,
            "document": ref_id(("Document", c.document)), "start": c.start, "end": c.end,
            "timestamp": c.timestamp, "url": c.url, "section": c.section, "attribution": c.attribution,
            "confidence": c.confidence, "context": c.context, "score": c.score,
            "checkworthy": c.checkworthy,
        })
        sentence = c.evidence("claims.sentence", c.confidence)
        add_edge(G, "STATED_IN", cid, ref_id(("Document", c.document)), sentence, sentence.rule, c.confidence)
        if c.speaker:
            attributed = c.evidence(f"claims.attribution.{c.attribution}", c.confidence)
            add_edge(G, "CLAIMS", ensure(c.speaker), cid, attributed, attributed.rule, c.confidence, stance=c.stance)
        for ref, ev in c.mentions:
            add_edge(G, "MENTIONS", cid, ensure(ref), ev, ev.rule, ev.confidence)

    for r in ex.relations:
        src, dst = ensure(r.source), ensure(r.target)
        if src in G and dst in G:  # else a relation to a claim that was filtered out
            add_edge(G, r.type, src, dst, r.evidence, r.rule, r.confidence, **r.props)
    G.graph["turns"] = turns(ex, G)
    return G


def turns(ex: Extraction, G: nx.MultiDiGraph) -> dict[str, list[dict]]:
    """Each document's turns, for reading it: raw start and end, speaker (a node id), timestamp, section,
    and the raw spans of its boilerplate (``boilerplate``, when it has any)."""
    out = {}
    for di, d in enumerate(ex.documents):
        names = ex.speakers[di] if di < len(ex.speakers) else {}
        rows = []
        for ti, t in enumerate(d.turns):
            ref = names.get(t.speaker or "")
            row = {"start": t.start, "end": t.end, "speaker": ref_id(ref) if ref and ref_id(ref) in G else None,
                   "timestamp": t.timestamp, "section": t.section}
            folded = [[u.start, u.end] for u in ex.units.get((di, ti), []) if u.kind == "boilerplate"]
            if folded:
                row["boilerplate"] = folded  # sponsor reads and the like, which the reading page folds away
            rows.append(row)
        out[ref_id(("Document", d.meta.path))] = rows
    return out


def summary(G: nx.MultiDiGraph) -> dict:
    """How many nodes and edges of each type."""
    nodes = Counter(d["type"] for _, d in G.nodes(data=True))
    edges = Counter(d["type"] for _, _, d in G.edges(data=True))
    return {"nodes": dict(sorted(nodes.items())), "edges": dict(sorted(edges.items()))}
