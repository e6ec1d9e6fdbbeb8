"""The index page: a search across the whole graph, counts, documents, people and the pages of the views.

The search reads ``assets/search.js`` (:func:`search_index`), a small index of every person,
organization, system, concept, work and document with its aliases and its page, loaded as a script
so that it works from ``file://``."""

from __future__ import annotations

import json
from collections import Counter

from graph.views.page import esc, page_name

SEARCH_ASSET = "assets/search.js"
SEARCH_TYPES = ("Person", "Organization", "System", "Concept", "Work", "Document")

SEARCH_UI = """<p><input id="q" type="search" placeholder="Search people, systems, concepts, works, documents…"
 style="font-size:16px;padding:6px 10px;width:60%"> <span id="count" style="color:#888"></span></p><ol id="hits"></ol>
<script src="assets/search.js"></script>
<script>
const hits = document.getElementById('hits'), count = document.getElementById('count');
document.getElementById('q').addEventListener('input', (ev) => {
  const q = ev.target.value.trim().toLowerCase();
  hits.innerHTML = '';
  if (!q) { count.textContent = ''; return; }
  const found = window.CLAIMGRAPH_SEARCH.filter(([name, type, href, aliases]) =>
    name.toLowerCase().includes(q) || aliases.some(a => a.toLowerCase().includes(q)));
  count.textContent = found.length + ' found';
  for (const [name, type, href] of found) {
    const li = document.createElement('li');
    const label = document.createElement(href ? 'a' : 'span');
    label.textContent = name;
    if (href) label.href = href;
    li.append(label, ' · ' + type);
    hits.append(li);
  }
});
</script>"""


def search_index(G) -> str:
    """``assets/search.js``: every node a search can find — name, type, its page (or null), aliases."""
    rows = [[d["name"], d["type"], page_name(n, G), d.get("aliases") or []]
            for n, d in G.nodes(data=True) if d["type"] in SEARCH_TYPES]
    rows.sort(key=lambda r: (r[2] is None, r[0].lower()))
    return "window.CLAIMGRAPH_SEARCH = " + json.dumps(rows, ensure_ascii=False) + ";\n"


def index_html(G, pages: dict[str, list[tuple[str, str]]]) -> str:
    known = G.graph.get("counts") or {}  # the build's summary (graph.build.summary), when it is there
    counts = known.get("nodes") or Counter(d["type"] for _, d in G.nodes(data=True))
    ecounts = known.get("edges") or Counter(d["type"] for _, _, d in G.edges(data=True))
    claims_by = Counter(d.get("speaker") for _, d in G.nodes(data=True) if d["type"] == "Claim")
    rows = "".join(f"<tr><td>{esc(t)}</td><td>{n}</td></tr>" for t, n in sorted(counts.items()))
    erows = "".join(f"<tr><td>{esc(t)}</td><td>{n}</td></tr>" for t, n in sorted(ecounts.items()))
    docs = "".join(
        f"<tr><td><a href='{page_name(n, G)}'>{esc(d['name'])}</a></td><td>{esc(d['format'])}</td><td>{esc(d['path'])}</td>"
        f"<td>{sum(1 for _, _, e in G.in_edges(n, data=True) if e['type'] == 'STATED_IN')}</td></tr>"
        for n, d in sorted(G.nodes(data=True), key=lambda x: x[1].get("path") or "") if d["type"] == "Document")
    people = "".join(
        f"<tr><td><a href='{page_name(pid, G)}'>{esc(G.nodes[pid]['name'])}</a></td><td>{n}</td></tr>"
        for pid, n in claims_by.most_common() if pid)
    unnamed = claims_by.get(None, 0)
    lists = "".join(
        f"<h2>{esc(kind)}</h2><p>" + " · ".join(f"<a href='{href}'>{esc(name)}</a>" for name, href in items) + "</p>"
        for kind, items in pages.items() if items)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>claimgraph</title>
<style>body{{font:14px/1.5 system-ui,sans-serif;margin:24px auto;max-width:980px;color:#222;padding:0 16px}}
table{{border-collapse:collapse;margin:8px 0 20px}}td,th{{border-bottom:1px solid #eee;padding:3px 12px 3px 0;text-align:left}}
a{{color:#1f5fa8;text-decoration:none}}.big a{{font-size:16px;margin-right:18px}}</style></head><body>
<h1>claimgraph</h1>
{SEARCH_UI}
<p class="big"><a href="overview.html">Overview</a><a href="disagreements.html">Disagreement map</a><a href="debate.html">Debate view</a><a href="citations.html">Citation map</a></p>
<div style="display:flex;gap:40px;flex-wrap:wrap"><div><h2>Nodes</h2><table>{rows}</table></div><div><h2>Edges</h2><table>{erows}</table></div></div>
<h2>Documents</h2><table><tr><th>title</th><th>format</th><th>path</th><th>claims</th></tr>{docs}</table>
<h2>People by number of claims</h2><table><tr><th>person</th><th>claims</th></tr>{people}
<tr><td><i>no named speaker</i></td><td>{unnamed}</td></tr></table>
{lists}
</body></html>"""


