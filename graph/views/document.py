"""A document's page."""

from __future__ import annotations

import math

from graph.views.page import (MAX_NODES, Page, esc, page_name,
                              speaker)


def document_view(G, did: str, max_nodes: int = MAX_NODES) -> Page:
    d = G.nodes[did]
    p = Page(G, d["name"], page_name(did, G, written_only=False))
    claims = sorted((u for u, _, e in G.in_edges(did, data=True) if e["type"] == "STATED_IN"),
                    key=lambda c: G.nodes[c]["start"])[:max_nodes]
    speakers = sorted({speaker(G, c) for c in claims if speaker(G, c)})
    pos: dict[str, tuple[float, float]] = {}
    for j, who in enumerate(speakers):
        p.node(who, sum(1 for c in claims if speaker(G, c) == who))
        pos[who] = (j * 400.0, -100.0)
    cols = max(1, int(math.sqrt(len(claims) * 2)))
    for i, cid in enumerate(claims):
        p.node(cid, 1)
        pos[cid] = ((i % cols) * 170.0, (i // cols) * 110.0 + 200)
        if i:
            p.edge(claims[i - 1], cid, "NEXT", 1, "then")
        who = speaker(G, cid)
        if who:
            p.edge(who, cid, "CLAIMS", 1, "claims")
    p.intro = (f"<p class=note>{esc(d['format'])} · {esc(d['path'])}</p><p>{len(claims)} claims in order; "
               f"speakers: {esc(', '.join(G.nodes[s]['name'] for s in speakers) or 'not named')}.</p>")
    p.positions = pos
    return p


