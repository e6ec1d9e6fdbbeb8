"""Views in a real browser: Debian's headless Chromium loads each kind of page from file:// and the test
fails on any console error, any request leaving the file, or a page with no node drawn.  Screenshots of
the overview and one person page go to <tmp>/claimgraph-screenshots/ for a human to look at (never into
out/, which is a build's own folder)."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest

from tests.chromium import Browser, chromium_path

ROOT = Path(__file__).resolve().parent.parent
SHOTS = Path(tempfile.gettempdir()) / "claimgraph-screenshots"
pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module (the tests that use it are the browser tests)."""
    if not chromium_path():
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: `make browser` (make test does it)")
        pytest.skip("Debian's chromium is not installed (run `make browser`)")
    b = Browser()
    yield b
    b.close()


@pytest.fixture(scope="module")
def views(seed_build) -> Path:
    return seed_build[2] / "views"


def test_no_page_links_anything_outside_itself(views):
    pages = list(views.rglob("*.html"))
    assert len(pages) > 50
    for p in pages:
        text = p.read_text(encoding="utf-8")
        for src in re.findall(r"""<(?:script|link|img|iframe)[^>]+(?:src|href)\s*=\s*["']([^"'#][^"']*)""", text):
            # only the views' own shared files, by a relative path
            assert ":" not in src and not src.startswith("/"), (p, src)
            assert (p.parent / src).resolve().is_relative_to(views.resolve()) and (p.parent / src).is_file(), (p, src)
        assert "cdn." not in text and "jsdelivr" not in text and "unpkg" not in text, p


@pytest.mark.browser
@pytest.mark.parametrize("page, shot", [
    ("overview.html", "overview.png"),
    ("disagreements.html", "disagreements.png"),
    ("citations.html", "citations.png"),
    ("person/demis-hassabis.html", "person-demis-hassabis.png"),
    ("system/alphazero.html", None),
    ("concept/scaling-hypothesis.html", None),
])
def test_page_draws_offline_without_errors(browser, views, page, shot):
    result = browser.visit(views / page, root=views)
    assert result["ready"], f"{page} never finished drawing"
    assert result["errors"] == [], result["errors"]
    assert result["outside"] == [], result["outside"]
    drawn = browser.evaluate("window.claimgraph.network.body.nodeIndices.length")
    assert drawn > 3
    # something is painted on the canvas, not just an empty frame
    inked = browser.evaluate("""(() => { const c = document.querySelector('#graph canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
        for (let i = 3; i < d.length; i += 4 * 7) if (d[i] > 0) n++; return n; })()""")
    assert inked > 200
    if shot:
        browser.screenshot(SHOTS / shot)


@pytest.mark.browser
def test_search_type_filter_and_person_filter_work(browser, views):
    assert browser.visit(views / "person" / "demis-hassabis.html")["ready"]
    total = browser.evaluate("window.claimgraph.nodes.length")
    # search selects the matching nodes
    browser.evaluate("""(() => { const s = document.getElementById('search'); s.value = 'AlphaZero';
        s.dispatchEvent(new Event('input')); })()""")
    selected = browser.evaluate("window.claimgraph.network.getSelectedNodes()")
    assert "system:alphazero" in selected
    # unticking Claim hides every claim and nothing else
    browser.evaluate("""(() => { const b = document.querySelector('#types input[data-type=Claim]');
        b.checked = false; b.dispatchEvent(new Event('change')); })()""")
    hidden = browser.evaluate("window.claimgraph.nodes.get({filter: n => n.hidden}).map(n => n.group)")
    claims = browser.evaluate("window.claimgraph.nodes.get({filter: n => n.group === 'Claim'}).length")
    assert hidden and set(hidden) == {"Claim"} and len(hidden) == claims
    assert browser.evaluate("window.claimgraph.network.body.nodeIndices.length") == total - claims
    # the person filter keeps one person and what they connect to
    browser.evaluate("""(() => { const b = document.querySelector('#types input[data-type=Claim]');
        b.checked = true; b.dispatchEvent(new Event('change'));
        const s = document.getElementById('person'); s.value = 'person:ilya-sutskever';
        s.dispatchEvent(new Event('change')); })()""")
    visible = browser.evaluate("window.claimgraph.nodes.get({filter: n => !n.hidden}).map(n => n.id)")
    assert "person:ilya-sutskever" in visible and "person:demis-hassabis" in visible and len(visible) < total
    # clicking a node shows its details with the quote and a link to the video
    browser.evaluate("""(() => { const cg = window.claimgraph; const id = cg.nodes.get({filter: n => n.group === 'Claim'
        && (n.details || '').includes('youtube.com')})[0].id; cg.network.selectNodes([id]);
        cg.network.body.emitter.emit('click', {nodes: [id], edges: []}); })()""")
    details = browser.evaluate("document.getElementById('details').innerHTML")
    assert "<blockquote>" in details and "https://www.youtube.com/watch?v=qTogNUV3CAI&amp;t=" in details


@pytest.mark.browser
def test_index_lists_every_view(browser, views):
    result = browser.visit(views / "index.html", ready="document.readyState === 'complete'", root=views)
    assert result["errors"] == [] and result["outside"] == []
    hrefs = browser.evaluate("[...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
    for needed in ("overview.html", "disagreements.html", "debate.html", "citations.html", "person/demis-hassabis.html",
                   "system/alphazero.html", "document/seeds-004-7e4dc73717594e3d.html"):
        assert needed in hrefs
    missing = [h for h in hrefs if not (views / h).exists()]
    assert not missing
    text = browser.evaluate("document.body.innerText")
    assert "Demis Hassabis" in text and "whisper" in text and "Claim" in text


def test_a_view_above_500_nodes_lays_out(seed_graph, tmp_path):
    """networkx lays out more than 500 nodes with scipy; raising --max-nodes must not break the page."""
    from bench.views import scaled
    from graph.views import overview

    page = overview(scaled(seed_graph, 5), 100_000)
    path = page.render(tmp_path)
    assert len(page.net.nodes) > 500 and path.stat().st_size > 100_000




@pytest.mark.browser
def test_a_document_page_reads_as_the_episode(browser, views):
    """The document page is the episode to read: turns in order, the first turn's speaker and a link to
    its moment in the video, claims highlighted in the text, and beside a disputed claim who disputes it."""
    page = views / "document" / "seeds-001-0dedf1b18d31d238.html"
    result = browser.visit(page, root=views)
    assert result["ready"] and result["errors"] == [] and result["outside"] == []
    first = browser.evaluate("""(() => { const t = document.querySelector('.turn');
        return [t.querySelector('.who a').textContent, t.querySelector('.when a').getAttribute('href')]; })()""")
    assert first == ["Dwarkesh Patel", "https://www.youtube.com/watch?v=qTogNUV3CAI&t=44"]
    marks = browser.evaluate("document.querySelectorAll('mark.claim').length")
    assert marks > 100
    disputed = browser.evaluate("""(() => { const m = document.querySelector('mark.claim.disputed');
        return m.closest('.turn').querySelector('aside').textContent; })()""")
    assert "disagrees with it" in disputed
    hrefs = browser.evaluate("[...document.querySelectorAll('a')].map(a => a.getAttribute('href'))")
    local = [h for h in hrefs if not h.startswith("https://")]
    assert local and all((page.parent / h).resolve().is_file() for h in local)
    browser.screenshot(SHOTS / "document-reading-view.png")


@pytest.mark.browser
def test_the_debate_view_sets_each_reply_beside_what_it_answers(browser, views):
    """A row per exchange with both quotes; choosing a person keeps only their exchanges."""
    result = browser.visit(views / "debate.html", root=views)
    assert result["ready"] and result["errors"] == [] and result["outside"] == []
    rows = browser.evaluate("""[...document.querySelectorAll('tbody tr')].map(r =>
        [...r.cells].map(c => c.textContent))""")
    assert len(rows) > 10
    demis = [r for r in rows if r[0] == "Demis Hassabis" and r[1] == "disagrees with"]
    assert any(r[3] == "I don’t think that’s the case." and r[4].startswith("There’s a perception") for r in demis)
    shown = browser.evaluate("""(() => { const s = document.getElementById('person'); s.value = 'Gwern Branwen';
        s.dispatchEvent(new Event('change'));
        return [...document.querySelectorAll('tbody tr')].filter(r => !r.hidden).map(r => r.cells[0].textContent + '|' + r.cells[2].textContent); })()""")
    assert shown and all("Gwern Branwen" in s for s in shown) and len(shown) < len(rows)
    browser.evaluate("(() => { const s = document.getElementById('person'); s.value = ''; s.dispatchEvent(new Event('change')); })()")
    # the small graph above: a node per person in the table; clicking one keeps that person's exchanges
    drawn = browser.evaluate("window.claimgraph.nodes.get().map(n => n.label)")
    named = {c for r in rows for c in (r[0], r[2]) if c != "—"}
    assert "Demis Hassabis" in drawn and set(drawn) <= named
    kept = browser.evaluate("""(() => { const cg = window.claimgraph;
        const id = cg.nodes.get({filter: n => n.label === 'Gwern Branwen'})[0].id;
        cg.network.body.emitter.emit('click', {nodes: [id], edges: []});
        return [...document.querySelectorAll('tbody tr')].filter(r => !r.hidden).length; })()""")
    assert kept == len(shown)
    browser.evaluate("(() => { const s = document.getElementById('person'); s.value = ''; s.dispatchEvent(new Event('change')); })()")
    browser.screenshot(SHOTS / "debate-view.png")


@pytest.mark.browser
def test_a_search_from_the_index_lists_every_hit_and_opens_a_page(browser, views):
    result = browser.visit(views / "index.html", ready="document.readyState === 'complete'", root=views)
    assert result["errors"] == [] and result["outside"] == []
    hits = browser.evaluate("""(() => { const q = document.getElementById('q'); q.value = 'alpha';
        q.dispatchEvent(new Event('input'));
        return [...document.querySelectorAll('#hits li')].map(li => li.textContent); })()""")
    assert "AlphaZero · System" in hits and "AlphaGo · System" in hits and len(hits) >= 3
    href = browser.evaluate("""(() => { const q = document.getElementById('q'); q.value = 'hassabis';
        q.dispatchEvent(new Event('input'));
        const a = [...document.querySelectorAll('#hits a')].find(a => a.textContent === 'Demis Hassabis');
        return a.getAttribute('href'); })()""")
    assert href == "person/demis-hassabis.html"
    browser.evaluate("document.querySelector('#hits a').click()")
    assert browser.visit(views / href, root=views)["ready"]


NAMED = """(() => { const n = window.claimgraph.network, s = n.getScale();
    const drawn = Object.values(n.body.nodes).filter(x => !x.options.hidden && window.claimgraph.nodes.get(x.id));
    const named = drawn.filter(x => x.labelModule.fontOptions.size * s >= n.body.nodes[drawn[0].id].options.scaling.label.drawThreshold);
    return named.map(x => x.id); })()"""


@pytest.mark.browser
def test_the_overview_names_its_central_nodes_and_more_as_one_zooms_in(browser, views):
    """Size and label follow centrality: with the whole map in view only the most central are named,
    the biggest among them; zoomed in three times, every node in view is."""
    assert browser.visit(views / "overview.html", root=views)["ready"]
    nodes = browser.evaluate("window.claimgraph.nodes.get().map(n => [n.id, n.value])")
    value = dict(nodes)
    named = browser.evaluate(NAMED)
    top = max(value, key=value.get)
    assert top in named and 3 <= len(named) < len(nodes) / 3
    assert min(value[n] for n in named) > sorted(value.values())[len(value) // 2]
    browser.evaluate("(() => { const n = window.claimgraph.network; n.moveTo({scale: n.getScale() * 3}); })()")
    assert len(browser.evaluate(NAMED)) == len(nodes)


@pytest.mark.browser
def test_edge_types_are_distinct_and_can_be_hidden(browser, views):
    """The citation map draws "authored" and "cites" in two colours; unticking an edge type hides those
    edges and no other."""
    assert browser.visit(views / "citations.html", root=views)["ready"]
    colours = browser.evaluate("""(() => { const c = {}; for (const e of window.claimgraph.edges.get())
        (c[e.kind] = c[e.kind] || new Set()).add(e.color); return Object.fromEntries(Object.entries(c).map(([k, v]) => [k, [...v]])); })()""")
    assert set(colours) == {"AUTHORED", "CITES"} and colours["AUTHORED"] != colours["CITES"]
    browser.evaluate("""(() => { const b = document.querySelector('#kinds input[data-kind=CITES]');
        b.checked = false; b.dispatchEvent(new Event('change')); })()""")
    hidden = browser.evaluate("window.claimgraph.edges.get({filter: e => e.hidden}).map(e => e.kind)")
    cites = browser.evaluate("window.claimgraph.edges.get({filter: e => e.kind === 'CITES'}).length")
    assert set(hidden) == {"CITES"} and len(hidden) == cites


@pytest.mark.browser
def test_clicking_a_disagreement_shows_both_quotes(browser, views):
    """On the disagreement map, a claim that disagrees shows the reply's words and the words it answers."""
    assert browser.visit(views / "disagreements.html", root=views)["ready"]
    details = browser.evaluate("""(() => { const cg = window.claimgraph;
        const e = cg.edges.get({filter: e => e.kind === 'DISAGREES_WITH' && cg.nodes.get(e.from).group === 'Claim'
                                             && cg.nodes.get(e.to).group === 'Claim'})[0];
        cg.network.body.emitter.emit('click', {nodes: [e.from], edges: []});
        return document.getElementById('details').innerHTML; })()""")
    assert "disagrees with" in details and 'class="reply"' in details and 'class="answered"' in details


def test_every_link_of_every_page_leads_somewhere(views):
    """No relative link in the views leads nowhere (pages, assets and anchors of the same page)."""
    pages = list(views.rglob("*.html"))
    checked = 0
    for p in pages:
        text = p.read_text(encoding="utf-8")
        for href in re.findall(r'href="([^"]+)"', text):
            if href.startswith(("http://", "https://", "#", "mailto:")) or "{" in href:
                continue
            target = (p.parent / href.split("#")[0]).resolve()
            assert target.is_file() and target.is_relative_to(views.resolve()), (p.relative_to(views), href)
            checked += 1
    assert checked > 500  # the seeds link hundreds of pages: the walk did reach them


@pytest.mark.browser
def test_a_document_page_folds_boilerplate_and_names_what_each_claim_mentions(browser, views):
    page = views / "document" / "seeds-000-26d3ade5fec1c371.html"
    assert browser.visit(page, root=views)["ready"]
    folded = browser.evaluate("[...document.querySelectorAll('details.boiler')].map(d => [d.open, d.textContent])")
    assert folded and not folded[0][0] and "This article summarizes" in folded[0][1]
    mentions = browser.evaluate("[...document.querySelectorAll('.note.mentions')].map(n => n.textContent)")
    assert len(mentions) > 10 and any("AlphaZero" in m for m in mentions)


def test_a_quote_across_caption_cues_reads_as_words(tmp_path):
    """A claim said across two cues of a caption file is quoted exactly in graph.json (cue timing and
    all) and shown on the pages as the words alone."""
    import json

    from graph.build import build

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "talk.vtt").write_text(
        "WEBVTT\n\n00:00:00.500 --> 00:00:03.000\n<v Ada Quill>The benchmark everyone used was saturated\n\n"
        "00:00:03.000 --> 00:00:06.200\n<v Ada Quill>within a single year of its release.\n\n"
        "00:00:06.200 --> 00:00:09.000\n<v Bram Ng>I don't think that's right, it took three years.\n", encoding="utf-8")
    build([corpus], out=tmp_path / "out", exports=False, stores=False)
    data = json.loads((tmp_path / "out" / "graph.json").read_text(encoding="utf-8"))
    [claim] = [n for n in data["nodes"] if n["type"] == "Claim" and "saturated" in n["quote"]]
    assert "-->" in claim["quote"]  # exact: the file's text between the claim's first and last word
    shown = [page.read_text(encoding="utf-8") for page in (tmp_path / "out" / "views").rglob("*.html")]
    shown = [p for p in shown if "saturated" in p]
    assert shown and all("-->" not in p and "--&gt;" not in p for p in shown)
    assert any("The benchmark everyone used was saturated within a single year of its release." in p for p in shown)
