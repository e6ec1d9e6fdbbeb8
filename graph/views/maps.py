"""The three maps of the whole graph: the overview, the disagreement map and the citation map."""

from __future__ import annotations

from collections import Counter, defaultdict


from graph.views.page import (MAX_NODES, STYLE, Page, by_type, claims_of, dropped_note, person_of, readable)


def overview(G, max_nodes: int = MAX_NODES) -> Page:
    p = Page(G, "Overview: people, organizations, systems and concepts", "overview.html")
    # one walk over the edges (a claim's edges are mostly restatements, so walking each claim's is slower)
    mentions: dict[str, list[str]] = defaultdict(list)  # claim → what it mentions, in its edges' order
    argued = []
    for u, v, d in G.edges(data=True):
        if d["type"] == "MENTIONS":
            mentions[u].append(v)
        elif d["type"] in ("DISAGREES_WITH", "AGREES_WITH", "AFFILIATED_WITH", "DEVELOPED_BY"):
            argued.append((u, v, d))
    talks: Counter = Counter()
    for person in by_type(G, "Person"):
        for cid in claims_of(G, person):
            for x in mentions.get(cid, ()):
                if G.nodes[x]["type"] in ("Person", "Organization", "System", "Concept"):
                    talks[(person, x)] += 1
    for (person, x), n in talks.items():
        p.node(person, n)
        p.node(x, n)
        p.edge(person, x, "TALKS_ABOUT", n, f"{n} claims")
    for u, v, d in argued:
        a, b = person_of(G, u) or u, person_of(G, v) or v
        if G.nodes[a]["type"] in STYLE and G.nodes[b]["type"] in ("Person", "Organization", "System", "Concept"):
            p.node(a, 1)
            p.node(b, 1)
            p.edge(a, b, d["type"], 2, f"{d['type'].replace('_', ' ').lower()}: {readable(d.get('quote'))}"[:200])
    dropped = p.cap(by_type(G, "Person"), max_nodes)
    p.communities = True
    p.note = ("Claims are folded into weighted edges: a person → what their claims mention. Fill: community "
              "(Louvain); shape: type; size: centrality (PageRank). The central nodes are named; zoom in for "
              "the others. " + dropped_note(dropped, max_nodes))
    return p


def disagreements(G, max_nodes: int = MAX_NODES) -> Page:
    p = Page(G, "Disagreement map", "disagreements.html",
             "Red: disagrees with; green: agrees with. People, and the claims they contest or endorse.")
    for u, v, d in G.edges(data=True):
        if d["type"] not in ("DISAGREES_WITH", "AGREES_WITH"):
            continue
        for n in (u, v):
            p.node(n, 2)
            who = person_of(G, n)
            if who and who != n:
                p.node(who, 1)
                p.edge(who, n, "CLAIMS", 1, "claims")
        answering = f" — answering “{readable(d['target_quote'])}”" if d.get("target_quote") else ""
        p.edge(u, v, d["type"], 3, f"{d['type'].replace('_', ' ').lower()}: “{readable(d.get('quote'))}”{answering}")
    dropped = p.cap(by_type(G, "Person"), max_nodes)
    p.note += " " + dropped_note(dropped, max_nodes)
    return p


def citations(G, max_nodes: int = MAX_NODES) -> Page:
    p = Page(G, "Citation map", "citations.html", "Works, who cites them (a claim is folded into its speaker), and who wrote them.")
    for u, v, d in G.edges(data=True):
        if d["type"] == "CITES":
            src = person_of(G, u) or u
            p.node(src, 1)
            p.node(v, 2)
            p.edge(src, v, "CITES", 2, f"cites: “{readable(d.get('quote'))}”"[:240])
        elif d["type"] == "AUTHORED" and G.nodes[v]["type"] == "Work":
            p.node(u, 1)
            p.node(v, 1)
            p.edge(u, v, "AUTHORED", 1, "authored")
    dropped = p.cap(by_type(G, "Work"), max_nodes)
    p.note += " " + dropped_note(dropped, max_nodes)
    return p


