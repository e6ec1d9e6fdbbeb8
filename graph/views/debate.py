"""The debate view: every exchange — who disagrees or agrees with whom, about what — as a table of the
reply's words beside the words it answers, with timestamps and links to both documents; filtered by
person, topic and kind in the page."""

from __future__ import annotations

import html
import json

import networkx as nx

import orjson

from extract.readers.common import video_url
from graph.layout import place
from graph.views.page import EDGE_COLOR, STANCE_VERB, STYLE as LOOK, VIS_ASSET, PageNames, esc, spread, words

PAGE = "debate.html"
KINDS = STANCE_VERB
STYLE = """body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#222}
header{padding:10px 24px;border-bottom:1px solid #e4e0d8}header a{color:#1f5fa8;text-decoration:none;margin-right:14px}
main{padding:8px 24px 40px}.filters{margin:10px 0 14px}.filters select{margin-right:12px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:6px 10px 6px 0;vertical-align:top;text-align:left}
th{font-size:12px;color:#666;text-transform:uppercase}q{color:#333}.disagree{color:#c0392b}.agree{color:#2e7d32}
.note{font-size:12px;color:#888}a{color:#1f5fa8;text-decoration:none}
#graph{height:340px;border:1px solid #e4e0d8;background:#fff;margin:6px 0 12px}"""


def exchange_graph(G: nx.MultiDiGraph, rows: list[dict]) -> dict:
    """The small graph above the table: a node per person, an edge per (who, whom, kind) as wide as
    the number of exchanges, laid out by :func:`graph.layout.place`."""
    count: dict[tuple[str, str, str], int] = {}
    for r in rows:
        if r["who"] and r["whom"] and r["who"] != r["whom"]:
            key = (r["who"], r["whom"], r["kind"])
            count[key] = count.get(key, 0) + 1
    people = sorted({n for who, whom, _ in count for n in (who, whom)})
    pos = spread(place(people, [(a, b) for a, b, _ in count], {}), 110)
    nodes = [{"id": n, "label": G.nodes[n]["name"], "x": pos[n][0], "y": pos[n][1], "shape": "dot",
              "color": LOOK.get(G.nodes[n]["type"], LOOK["Person"])["color"],
              "value": sum(c for (a, b, _), c in count.items() if n in (a, b))} for n in people]
    edges = [{"from": a, "to": b, "value": c, "color": EDGE_COLOR[kind], "arrows": "to",
              "title": f"{G.nodes[a]['name']} {KINDS[kind]} {G.nodes[b]['name']}: {c} time{'s' if c > 1 else ''}"}
             for (a, b, kind), c in sorted(count.items())]
    return {"nodes": nodes, "edges": edges}



def exchanges(G: nx.MultiDiGraph) -> list[dict]:
    """One row per reply that takes a stance (its edges between people and between claims together)."""
    rows: dict[tuple, dict] = {}
    for u, v, e in G.edges(data=True):
        if e["type"] not in KINDS or not e.get("document"):
            continue
        who = u if G.nodes[u]["type"] == "Person" else G.nodes[u].get("speaker")
        if G.nodes[v]["type"] == "Claim":
            whom, answered = G.nodes[v].get("speaker"), v
        else:
            whom, answered = v, None
        row = rows.setdefault((e["document"], e["start"], e["type"]), {
            "kind": e["type"], "who": who, "whom": None, "quote": e.get("quote"), "answering": e.get("target_quote"),
            "answered": None, "document": e["document"], "timestamp": e.get("timestamp"), "topics": set()})
        row["whom"] = row["whom"] or whom
        row["answered"] = row["answered"] or answered
        row["answering"] = row["answering"] or e.get("target_quote")
        for c in (u, v):
            if G.nodes[c]["type"] == "Claim":
                row["topics"] |= {G.nodes[m]["name"] for _, m, x in G.out_edges(c, data=True)
                                  if x["type"] == "MENTIONS" and G.nodes[m]["type"] in ("System", "Concept", "Organization")}
    return sorted(rows.values(), key=lambda r: (r["document"], r["timestamp"] or "", r["quote"] or ""))


def debate_page(G: nx.MultiDiGraph) -> str:
    rows = exchanges(G)
    page_name = PageNames(G)

    def person(nid: str | None) -> str:
        if not nid:
            return "—"
        page = page_name(nid)
        name = esc(G.nodes[nid]["name"])
        return f'<a href="{page}">{name}</a>' if page else name

    def where(r: dict) -> str:
        d = G.nodes[r["document"]]
        url = video_url(d.get("video_id"), r["timestamp"]) if r["timestamp"] else None
        stamp = (f'<a href="{esc(url)}" target="_blank">{esc(r["timestamp"])}</a>' if url else esc(r["timestamp"] or ""))
        page = page_name(r["document"])
        doc = f'<a href="{page}">{esc(d["name"])}</a>' if page else esc(d["name"])
        if r["answered"] and G.nodes[r["answered"]]["document"] != r["document"]:
            other = G.nodes[r["answered"]]["document"]
            doc += f' · answering <a href="{page_name(other)}">{esc(G.nodes[other]["name"])}</a>'
        return f"{doc}<br><span class=note>{stamp}</span>"

    body = []
    for r in rows:
        css = "disagree" if r["kind"] == "DISAGREES_WITH" else "agree"
        names = [G.nodes[n]["name"] for n in (r["who"], r["whom"]) if n]
        attrs = (f'data-kind="{css}" data-people="{esc(json.dumps(names))}" '
                 f'data-topics="{esc(json.dumps(sorted(r["topics"])))}"')
        body.append(f"<tr {attrs}><td>{person(r['who'])}</td><td class={css}>{KINDS[r['kind']]}</td>"
                    f"<td>{person(r['whom'])}</td><td><q>{words(r['quote'])}</q></td>"
                    f"<td>{'<q>' + words(r['answering']) + '</q>' if r['answering'] else '<span class=note>(the person)</span>'}</td>"
                    f"<td>{esc(', '.join(sorted(r['topics'])))}</td><td>{where(r)}</td></tr>")
    people = sorted({G.nodes[n]["name"] for r in rows for n in (r["who"], r["whom"]) if n})
    topics = sorted({t for r in rows for t in r["topics"]})
    option = lambda v: f'<option value="{html.escape(v)}">{html.escape(v)}</option>'  # noqa: E731
    drawing = orjson.dumps(exchange_graph(G, rows)).decode("utf-8").replace("</", "<\\/")
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Debate view</title>
<style>{STYLE}</style></head><body>
<header><a href="index.html">claimgraph</a><a href="overview.html">Overview</a><a href="disagreements.html">Disagreement map</a></header>
<main><h1>Who disagrees or agrees with whom</h1>
<p class=note>Each row is a reply: its words beside the words it answers, where and when. {len(rows)} exchanges.
Above, who answers whom (red: disagrees, green: agrees; width: how often); click a person to keep their exchanges.</p>
<div id=graph></div>
<div class=filters><select id=person><option value="">every person</option>{''.join(map(option, people))}</select>
<select id=topic><option value="">every topic</option>{''.join(map(option, topics))}</select>
<select id=kind><option value="">both</option><option value=disagree>disagreements</option><option value=agree>agreements</option></select>
<span id=shown class=note></span></div>
<table><thead><tr><th>who</th><th></th><th>whom</th><th>says</th><th>answering</th><th>about</th><th>where</th></tr></thead>
<tbody>{''.join(body)}</tbody></table></main>
<script id=graph-data type="application/json">{drawing}</script>
<script src="{VIS_ASSET}"></script>
<script>
function apply() {{
  const p = document.getElementById('person').value, t = document.getElementById('topic').value,
        k = document.getElementById('kind').value;
  let n = 0;
  for (const row of document.querySelectorAll('tbody tr')) {{
    const ok = (!p || JSON.parse(row.dataset.people).includes(p)) && (!t || JSON.parse(row.dataset.topics).includes(t))
               && (!k || row.dataset.kind === k);
    row.hidden = !ok; n += ok;
  }}
  document.getElementById('shown').textContent = n + ' shown';
}}
for (const id of ['person', 'topic', 'kind']) document.getElementById(id).addEventListener('change', apply);
apply();
const data = JSON.parse(document.getElementById('graph-data').textContent);
const nodes = new vis.DataSet(data.nodes), edges = new vis.DataSet(data.edges);
const network = new vis.Network(document.getElementById('graph'), {{nodes, edges}}, {{
  physics: {{enabled: false}}, interaction: {{hover: true}},
  nodes: {{scaling: {{min: 8, max: 30, label: {{enabled: true, min: 12, max: 18}}}}, font: {{strokeWidth: 3, strokeColor: '#fff'}}}},
  edges: {{smooth: {{type: 'curvedCW', roundness: 0.15}}, scaling: {{min: 1, max: 8}}, arrows: {{to: {{scaleFactor: 0.5}}}}}}}});
network.on('click', (p) => {{
  if (!p.nodes.length) return;
  document.getElementById('person').value = nodes.get(p.nodes[0]).label;
  apply();
}});
window.claimgraph = {{ready: true, network, nodes, edges}};
</script></body></html>"""
