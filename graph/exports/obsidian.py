"""An Obsidian vault: one note per person, organization, system, concept, work and document, linked
with [[wiki links]] (a document's note lists its speakers and its claims in order, so an episode
has backlinks)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import networkx as nx

from graph.store import item_text

VAULT_TYPES = ("Person", "Organization", "System", "Concept", "Work", "Document")
_BAD = re.compile(r'[\\/:*?"<>|#^\[\]]')


def note_names(G: nx.MultiDiGraph) -> dict[str, str]:
    """A unique, file-safe note name per entity node."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for n, d in sorted(G.nodes(data=True), key=lambda x: x[0]):
        if d["type"] not in VAULT_TYPES:
            continue
        base = _BAD.sub("-", d["name"]).strip(" .") or n
        name = base
        if name.lower() in used:
            name = f"{base} ({d['type']})"
        i = 2
        while name.lower() in used:
            name = f"{base} ({d['type']} {i})"
            i += 1
        used.add(name.lower())
        names[n] = name
    return names


def _yaml(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def write_obsidian(G: nx.MultiDiGraph, folder: Path) -> Path:
    folder = Path(folder)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    names = note_names(G)
    for n, name in names.items():
        _note(G, n, name, names, folder)
    return folder


def _note(G: nx.MultiDiGraph, n: str, name: str, names: dict[str, str], folder: Path) -> Path:
    """The note of node ``n``, written under ``folder``."""

    def link(n: str) -> str:
        return f"[[{names[n]}]]" if n in names else G.nodes[n]["name"]

    def quote(cid: str) -> str:
        c = G.nodes[cid]
        doc = link(c["document"])
        when = f" [{c['timestamp']}]({c['url']})" if c.get("url") else (f" {c['timestamp']}" if c.get("timestamp") else "")
        mentions = [link(v) for _, v, e in G.out_edges(cid, data=True) if e["type"] == "MENTIONS" and v in names]
        text = f"> {c['text']}"  # the cleaned words: raw markup such as [[links]] would become vault links
        return f"{text}\n— {doc}{when}" + (f" · mentions {', '.join(mentions)}" if mentions else "") + "\n"

    d = G.nodes[n]
    front = {"type": d["type"], "id": n, "aliases": d.get("aliases") or []}
    for k in ("definition", "kind", "year", "authors", "path", "format", "show", "date", "url"):
        if d.get(k):
            front[k] = d[k]
    if d.get("roles"):
        front["roles"] = [item_text(r) for r in d["roles"]]
    lines = ["---"] + [f"{k}: {_yaml(v)}" for k, v in front.items()] + ["---", f"# {d['name']}", ""]
    if d.get("definition"):
        lines += [d["definition"], ""]
    rel_lines = []
    for u, v, e in G.out_edges(n, data=True):
        if e["type"] in ("AFFILIATED_WITH", "DEVELOPED_BY", "AUTHORED") and v in names:
            rel_lines.append(f"- {e['type'].replace('_', ' ').lower()} {link(v)}" + (f" ({e['role']})" if e.get("role") else ""))
    for u, v, e in G.in_edges(n, data=True):
        if e["type"] in ("AFFILIATED_WITH", "DEVELOPED_BY", "AUTHORED") and u in names:
            rel_lines.append(f"- {link(u)} {e['type'].replace('_', ' ').lower()} this")
    if rel_lines:
        lines += ["## Relations", *sorted(set(rel_lines)), ""]
    positions = []
    own = {n} | {v for _, v, e in G.out_edges(n, data=True) if e["type"] == "CLAIMS"}
    for src in own:
        for _, v, e in G.out_edges(src, data=True):
            if e["type"] in ("DISAGREES_WITH", "AGREES_WITH", "CITES"):
                target = G.nodes[v].get("speaker") if G.nodes[v]["type"] == "Claim" else v
                if target and target in names:
                    positions.append(f"- {e['type'].replace('_', ' ').lower()} {link(target)}: “{e.get('quote') or ''}”")
    if positions:
        lines += ["## Positions and citations", *sorted(set(positions)), ""]
    if d["type"] == "Document":
        speakers = sorted({u for u, _, e in G.in_edges(n, data=True) if e["type"] == "SPOKE_IN" and u in names},
                          key=lambda u: names[u])
        if speakers:
            lines += ["## Speakers", *(f"- {link(u)}" for u in speakers), ""]
        claims = sorted((u for u, _, e in G.in_edges(n, data=True) if e["type"] == "STATED_IN"),
                        key=lambda c: G.nodes[c]["start"])
        if claims:
            lines += [f"## Claims ({len(claims)})", ""]
            for c in claims:
                who, when = G.nodes[c].get("speaker"), G.nodes[c].get("timestamp")
                stamp = f"[{when}]({G.nodes[c]['url']}) " if G.nodes[c].get("url") else f"{when} " if when else ""
                lines.append(f"{stamp}{link(who) + ': ' if who else ''}{G.nodes[c]['text']}\n")
    elif d["type"] == "Person":
        claims = sorted(own - {n}, key=lambda c: (G.nodes[c]["document"], G.nodes[c]["start"]))
        if claims:
            lines += [f"## Claims ({len(claims)})", ""] + [quote(c) for c in claims]
    else:
        claims = sorted((u for u, _, e in G.in_edges(n, data=True) if e["type"] == "MENTIONS" and G.nodes[u]["type"] == "Claim"),
                        key=lambda c: (G.nodes[c]["document"], G.nodes[c]["start"]))
        if claims:
            lines += [f"## Claims that mention it ({len(claims)})", ""]
            for c in claims:
                who = G.nodes[c].get("speaker")
                lines.append((f"{link(who)}:\n" if who else "") + quote(c))
        citers = [u for u, _, e in G.in_edges(n, data=True) if e["type"] == "CITES"]
        if citers:
            lines += ["## Cited by", *sorted({f"- {link(G.nodes[u].get('speaker') or u) if G.nodes[u]['type'] == 'Claim' else link(u) if u in names else G.nodes[u]['name']}" for u in citers}), ""]
    path = folder / f"{name}.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
