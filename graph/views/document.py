"""A document's page: the episode to read — its turns in order with speaker and timestamp links, its
claims highlighted in the text, and beside each claim whom it disagrees or agrees with (or who answers
it) and where else it is said.

The text is read from the document's file (the path the build was given); the turns' spans are the
graph's ``turns`` (see :func:`graph.build`).  Without the file, the claims alone are listed in order.
"""

from __future__ import annotations

import html
from pathlib import Path

import networkx as nx

from extract.readers.common import video_url
from graph.views.page import MAX_NODES, STANCE_VERB, PageNames, esc, page_name, readable, words

STYLE = """body{font:15px/1.6 Georgia,serif;margin:0;color:#222;background:#fbfaf7}
header{font:13px system-ui,sans-serif;padding:10px 24px;border-bottom:1px solid #e4e0d8;background:#fff}
header a{color:#1f5fa8;text-decoration:none;margin-right:14px}
main{max-width:1180px;margin:0 auto;padding:8px 24px 60px}
h1{font-size:24px;margin:18px 0 4px}.meta{font:13px system-ui,sans-serif;color:#777;margin-bottom:18px}
h2.section{font:600 14px system-ui,sans-serif;color:#555;text-transform:uppercase;letter-spacing:.04em;margin:28px 0 8px}
details.section>summary{cursor:pointer;list-style-position:outside}h2.section{display:inline-block}
details.boiler{display:inline;color:#888}details.boiler>summary{display:inline;cursor:pointer;font:12px system-ui,sans-serif;color:#999;border:1px dashed #ccc;padding:0 4px}
aside .note.mentions{border-left-color:#b3c7e6}
.turn{display:grid;grid-template-columns:minmax(0,1fr) 340px;gap:22px;margin:0 0 14px}
.who{font:600 13px system-ui,sans-serif;color:#4e79a7}.who a{color:inherit;text-decoration:none}
.when{font:12px system-ui,sans-serif;margin-left:8px}.when a{color:#999}
.said{white-space:pre-wrap}
mark.claim{background:#fff1c9;border-radius:2px;padding:0 1px;cursor:pointer}
mark.claim.disputed{background:#fde0e0}mark.claim.endorsed{background:#e2f2dd}
aside.notes{font:12.5px/1.45 system-ui,sans-serif;color:#555}
aside .note{border-left:3px solid #ddd;padding:2px 8px;margin:0 0 8px}
aside .disagree{border-color:#e15759}aside .agree{border-color:#59a14f}aside .restate{border-color:#76b7b2}
aside q{color:#333}"""

STANCE = {rel: (css, STANCE_VERB[rel]) for rel, css in (("DISAGREES_WITH", "disagree"), ("AGREES_WITH", "agree"))}


def turn_spans(G: nx.MultiDiGraph, did: str) -> list[dict]:
    """The document's turns as the build kept them: start, end, speaker (a node id or None), timestamp, section."""
    return (G.graph.get("turns") or {}).get(did, [])


def _link(G: nx.MultiDiGraph, nid: str | None, here: str, pages: PageNames) -> str:
    if not nid:
        return "unnamed speaker"
    page = pages(nid)
    href = "../" * here.count("/") + page if page else None
    name = esc(G.nodes[nid]["name"])
    return f'<a href="{href}">{name}</a>' if href else name


def _notes(G: nx.MultiDiGraph, cid: str, here: str, pages: PageNames) -> str:
    """Beside a claim: what it mentions, its stances, the stances taken on it, and where else it is said."""
    out = []
    named = [v for _, v, e in G.out_edges(cid, data=True) if e["type"] in ("MENTIONS", "CITES")]
    if named:
        out.append('<div class="note mentions">' + ", ".join(_link(G, v, here, pages) for v in dict.fromkeys(named)) + "</div>")
    for _, v, e in G.out_edges(cid, data=True):
        if e["type"] in STANCE:
            css, verb = STANCE[e["type"]]
            target = G.nodes[v]
            whom = _link(G, target.get("speaker") if target["type"] == "Claim" else v, here, pages)
            answered = f"<br><q>{words(e['target_quote'])}</q>" if e.get("target_quote") else ""
            out.append(f'<div class="note {css}">{verb} {whom}{answered}</div>')
        elif e["type"] == "RESTATES":
            out.append(f'<div class="note restate">restates {_link(G, G.nodes[v].get("speaker"), here, pages)} in '
                       f'<i>{esc(G.nodes[G.nodes[v]["document"]]["name"])}</i>: <q>{esc(G.nodes[v]["text"])}</q></div>')
    for u, _, e in G.in_edges(cid, data=True):
        if e["type"] in STANCE:
            css, verb = STANCE[e["type"]]
            who = G.nodes[u].get("speaker") if G.nodes[u]["type"] == "Claim" else u
            out.append(f'<div class="note {css}">{_link(G, who, here, pages)} {verb} it: <q>{words(e.get("quote"))}</q></div>')
        elif e["type"] == "RESTATES":
            out.append(f'<div class="note restate">said again in <i>{esc(G.nodes[G.nodes[u]["document"]]["name"])}</i>: '
                       f'<q>{esc(G.nodes[u]["text"])}</q></div>')
    return "".join(out)


def _plain(text: str, a: int, b: int, folds: list, shown=html.escape) -> str:
    """``text[a:b]`` as ``shown`` shows it (escaped), with the boilerplate spans inside it folded away (a
    click opens one)."""
    out, at = [], a
    for s, e in folds:
        s, e = max(s, at), min(e, b)
        if s >= e:
            continue
        out.append(shown(text[at:s]))
        out.append(f'<details class="boiler"><summary>boilerplate</summary>{shown(text[s:e])}</details>')
        at = e
    out.append(shown(text[at:b]))
    return "".join(out)


def _caption_words(stretch: str) -> str:
    """A stretch of a caption file as its words, escaped: no cue numbers, timings or tags, and a space
    where it began or ended with one, so that the words either side of it stay apart."""
    core = readable(stretch)
    if not core:
        return " " if stretch else ""
    return esc((" " if stretch[:1].isspace() else "") + core + (" " if stretch[-1:].isspace() else ""))


def _mark(G: nx.MultiDiGraph, cid: str) -> str:
    kinds = {e["type"] for _, _, e in G.in_edges(cid, data=True)}
    css = "claim disputed" if "DISAGREES_WITH" in kinds else "claim endorsed" if "AGREES_WITH" in kinds else "claim"
    c = G.nodes[cid]
    tip = (f"claim · score {c.get('score', 1):.2f} · check-worthiness {c.get('checkworthy', 0):.2f}"
           + (f" · replying to: {c['context']}" if c.get("context") else ""))
    return f'<mark class="{css}" id="{esc(cid)}" title="{esc(tip)}">'


def document_page(G: nx.MultiDiGraph, did: str, max_nodes: int = MAX_NODES) -> tuple[str, str]:
    """(page name, HTML) of a document's reading page."""
    d = G.nodes[did]
    here = page_name(did, G, written_only=False)
    pages = PageNames(G)
    claims = sorted((u for u, _, e in G.in_edges(did, data=True) if e["type"] == "STATED_IN"),
                    key=lambda c: G.nodes[c]["start"])
    try:
        text = Path(d["path"]).read_text(encoding="utf-8") if not d.get("extracted_from") else None
    except OSError:
        text = None
    turns = turn_spans(G, did)
    shown = _caption_words if d.get("format") == "captions" else html.escape
    body = []
    if text is not None and turns:
        ci = 0
        section = None
        for t in turns:
            if t.get("section") and t["section"] != section:
                if section is not None:
                    body.append("</details>")
                section = t["section"]
                body.append(f'<details class="section" open><summary><h2 class="section">{esc(section)}</h2></summary>')
            start, end = t["start"], t["end"]
            inside = []
            while ci < len(claims) and G.nodes[claims[ci]]["start"] < end:
                if G.nodes[claims[ci]]["start"] >= start:
                    inside.append(claims[ci])
                ci += 1
            pieces, at = [], start
            folds = t.get("boilerplate") or []
            for cid in inside:
                c = G.nodes[cid]
                pieces.append(_plain(text, at, c["start"], folds, shown) + _mark(G, cid) + shown(text[c["start"]:c["end"]])
                              + "</mark>")
                at = c["end"]
            pieces.append(_plain(text, at, end, folds, shown))
            url = video_url(d.get("video_id"), t.get("timestamp")) if t.get("timestamp") else None
            when = (f'<span class="when"><a href="{esc(url)}" target="_blank">{esc(t["timestamp"])}</a></span>' if url
                    else f'<span class="when">{esc(t["timestamp"])}</span>' if t.get("timestamp") else "")
            notes = "".join(_notes(G, cid, here, pages) for cid in inside)
            body.append(f'<div class="turn"><div><div class="who">{_link(G, t.get("speaker"), here, pages) if t.get("speaker") else ""}'
                        f'{when}</div><div class="said">{"".join(pieces)}</div></div><aside class="notes">{notes}</aside></div>')
        if section is not None:
            body.append("</details>")
    else:  # the file is not where the build read it: the claims alone, in order
        for cid in claims:
            c = G.nodes[cid]
            body.append(f'<div class="turn"><div><div class="who">{_link(G, c.get("speaker"), here, pages)}'
                        f'<span class="when">{esc(c.get("timestamp"))}</span></div><div class="said">{_mark(G, cid)}'
                        f'{words(c["quote"])}</mark></div></div><aside class="notes">{_notes(G, cid, here, pages)}</aside></div>')
    index = "../" * here.count("/") + "index.html"
    page = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{esc(d['name'])}</title>
<style>{STYLE}</style></head><body>
<header><a href="{index}">claimgraph</a><a href="{"../" * here.count("/")}overview.html">Overview</a><a href="{"../" * here.count("/")}disagreements.html">Disagreements</a></header>
<main><h1>{esc(d['name'])}</h1><div class="meta">{esc(d['format'])} · {esc(d['path'])} · {len(claims)} claims highlighted</div>
{''.join(body)}</main>
<script>window.claimgraph = {{ready: true}};</script>
</body></html>"""
    return here, page
