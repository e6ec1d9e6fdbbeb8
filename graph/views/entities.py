"""A person's page, and a system's or concept's: their claims by topic, stances and citations."""

from __future__ import annotations

from collections import defaultdict

from graph.views.page import (MAX_NODES, Page, claim_html, claims_of, dropped_note, esc, page_name,
                              person_of, readable, speaker, words)
from graph.schema import slug


def person_view(G, pid: str, max_nodes: int = MAX_NODES) -> Page:
    d = G.nodes[pid]
    p = Page(G, d["name"], page_name(pid, G, written_only=False))
    p.node(pid, 10)
    topics: dict[str, list[str]] = defaultdict(list)
    claims = claims_of(G, pid)
    # each claim's edges walked once (mostly restatements): for its mentions, then for the lists below
    edges_of = {cid: list(G.out_edges(cid, data=True)) for cid in claims}
    for cid in claims:
        ms = [m for _, m, e in edges_of[cid] if e["type"] == "MENTIONS" and (G.nodes[m]["type"] != "Person" or m != pid)]
        p.node(cid, 1)
        if ms:
            for m in ms:
                topics[m].append(cid)
                p.node(m, 1)
                p.edge(cid, m, "MENTIONS", 1, "mentions")
        else:
            p.edge(pid, cid, "CLAIMS", 1, "claims")
    for t, cids in topics.items():
        p.edge(pid, t, "TALKS_ABOUT", len(cids), f"{len(cids)} claims")
    lists = {"DISAGREES_WITH": [], "AGREES_WITH": [], "CITES": []}
    for u, v, e in (edge for edges in (G.out_edges(pid, data=True), *edges_of.values()) for edge in edges):
        if e["type"] in lists:
            target = person_of(G, v) or v
            p.node(target, 2)
            p.edge(pid, target, e["type"], 2, f"“{readable(e.get('quote'))}”")
            if (target, e.get("quote")) not in {(t, x.get("quote")) for t, x in lists[e["type"]]}:
                lists[e["type"]].append((target, e))
    dropped = p.cap([pid, *topics], max_nodes)
    parts = [f"<p class=note>{esc(', '.join(r['role'] + (' of ' + r['organization'] if r.get('organization') else '') for r in d.get('roles') or []))}</p>"]
    for rel, label in (("DISAGREES_WITH", "Disagrees with"), ("AGREES_WITH", "Agrees with"), ("CITES", "Cites")):
        if lists[rel]:
            parts.append(f"<h2>{label}</h2>" + "".join(
                f"<p><b>{esc(G.nodes[t]['name'])}</b>: “{words(e.get('quote'))}”"
                + (f"<br><span class=note>answering “{words(e['target_quote'])}”</span>" if e.get("target_quote") else "")
                + "</p>" for t, e in lists[rel]))
    parts.append("<h2>Claims by topic</h2>")
    for t, cids in sorted(topics.items(), key=lambda kv: -len(kv[1]))[:25]:
        parts.append(f"<h3>{esc(G.nodes[t]['name'])} ({len(cids)})</h3>" + "".join(claim_html(G, c) for c in cids[:5]))
    p.intro = "".join(parts)
    p.note = dropped_note(dropped, max_nodes)
    return p


def entity_view(G, nid: str, max_nodes: int = MAX_NODES) -> Page:
    """A system's or concept's page: the claims that mention it and who made them."""
    d = G.nodes[nid]
    p = Page(G, f"{d['name']} ({d['type']})", page_name(nid, G, written_only=False) or f"{slug(nid)}.html")
    p.node(nid, 10)
    claims = [u for u, _, e in G.in_edges(nid, data=True) if e["type"] == "MENTIONS" and G.nodes[u]["type"] == "Claim"]
    for cid in claims:
        p.node(cid, 1)
        p.edge(cid, nid, "MENTIONS", 1, "mentions")
        who = speaker(G, cid)
        if who:
            p.node(who, 1)
            p.edge(who, cid, "CLAIMS", 1, "claims")
    for u, v, e in list(G.out_edges(nid, data=True)) + list(G.in_edges(nid, data=True)):
        if e["type"] in ("DEVELOPED_BY", "DISAGREES_WITH", "AGREES_WITH", "CITES"):
            for n in (u, v):
                p.node(n, 2)
            p.edge(u, v, e["type"], 2)
    dropped = p.cap([nid], max_nodes)
    intro = f"<p>{esc(d['definition'])}</p>" if d.get("definition") else ""
    p.intro = intro + f"<p>{len(claims)} claims mention it.</p>" + "".join(claim_html(G, c) for c in claims[:20])
    p.note = dropped_note(dropped, max_nodes)
    return p


