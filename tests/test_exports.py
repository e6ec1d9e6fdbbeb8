"""Exports round-trip: networkx reads them back with the graph's counts and attributes; the Neo4j CSVs
follow the import tool's header format; the Cypher script parses; every vault link resolves."""

from __future__ import annotations

import csv
import json
import re
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings, strategies as st

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def exports(seed_build) -> Path:
    return seed_build[2] / "exports"


def _counts(G) -> tuple[Counter, Counter]:
    return Counter(d["type"] for _, d in G.nodes(data=True)), Counter(d["type"] for _, _, d in G.edges(data=True))


def test_graphml_round_trip(seed_graph, exports):
    H = nx.read_graphml(exports / "graph.graphml", force_multigraph=True)
    assert (H.number_of_nodes(), H.number_of_edges()) == (seed_graph.number_of_nodes(), seed_graph.number_of_edges())
    assert _counts(H) == _counts(seed_graph)
    demis = H.nodes["person:demis-hassabis"]
    assert demis["type"] == "Person" and demis["name"] == "Demis Hassabis"
    assert "CEO (Google DeepMind)" in demis["roles"]  # lists flattened to text
    c = next(n for n, d in seed_graph.nodes(data=True) if d["type"] == "Claim" and d.get("timestamp"))
    assert H.nodes[c]["quote"] == seed_graph.nodes[c]["quote"] and H.nodes[c]["start"] == seed_graph.nodes[c]["start"]


def test_gexf_round_trip(seed_graph, exports):
    H = nx.read_gexf(exports / "graph.gexf")
    assert (H.number_of_nodes(), H.number_of_edges()) == (seed_graph.number_of_nodes(), seed_graph.number_of_edges())
    assert Counter(d["type"] for _, d in H.nodes(data=True)) == _counts(seed_graph)[0]
    assert Counter(d["relation"] for _, _, d in H.edges(data=True)) == _counts(seed_graph)[1]
    assert H.nodes["system:alphazero"]["label"] == "AlphaZero"


def test_gephi_and_yed_open_a_drawing_not_a_grey_blob(seed_graph, exports):
    """Every node carries a colour by its type, a size by its degree and a position, in both formats;
    people are drawn bigger than a claim, and claims sit by their speaker."""
    H = nx.read_gexf(exports / "graph.gexf")
    viz = {n: d["viz"] for n, d in H.nodes(data=True)}
    assert all({"color", "size", "position"} <= v.keys() for v in viz.values())
    demis, claim = "person:demis-hassabis", next(n for n in seed_graph.predecessors("document:seeds/001_0dedf1b18d31d238.txt")
                                                  if seed_graph.nodes[n].get("speaker") == "person:demis-hassabis")
    assert viz[demis]["color"] != viz[claim]["color"] and viz[demis]["size"] > viz[claim]["size"]
    far = max(abs(v["position"]["x"]) + abs(v["position"]["y"]) for v in viz.values())
    near = abs(viz[demis]["position"]["x"] - viz[claim]["position"]["x"]) + abs(viz[demis]["position"]["y"] - viz[claim]["position"]["y"])
    assert far > 100 and near < far / 5
    G = nx.read_graphml(exports / "graph.graphml", force_multigraph=True)
    assert all({"r", "g", "b", "size", "x", "y", "color"} <= d.keys() for _, d in G.nodes(data=True))


def test_node_link_and_cytoscape(seed_graph, exports):
    H = nx.node_link_graph(json.loads((exports / "graph.node-link.json").read_text(encoding="utf-8")), edges="edges")
    assert set(H.nodes) == set(seed_graph.nodes) and H.number_of_edges() == seed_graph.number_of_edges()
    assert H.nodes["concept:large-language-model"] == seed_graph.nodes["concept:large-language-model"]
    cy = json.loads((exports / "graph.cytoscape.json").read_text(encoding="utf-8"))
    assert len(cy["elements"]["nodes"]) == seed_graph.number_of_nodes()
    assert len(cy["elements"]["edges"]) == seed_graph.number_of_edges()
    e = cy["elements"]["edges"][0]["data"]
    assert {"id", "source", "target"} <= set(e) and e["source"] in seed_graph
    C = nx.cytoscape_graph(cy)  # networkx's own reader takes it back whole
    assert C.is_directed() and C.is_multigraph()
    assert set(C.nodes) == set(seed_graph.nodes) and C.number_of_edges() == seed_graph.number_of_edges()
    assert C.nodes["system:alphazero"]["name"] == "AlphaZero"


def test_neo4j_csv_headers_follow_the_import_format(seed_graph, exports):
    folder = exports / "neo4j-import"
    typed = re.compile(r"^(?:[A-Za-z_]\w*(?::(?:int|float|boolean|string\[\]))?|:LABEL|id:ID|:START_ID|:END_ID|:TYPE)$")
    total_nodes = total_rels = 0
    for f in sorted(folder.glob("*.csv")):
        with open(f, newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
        header = rows[0]
        assert all(typed.match(h) for h in header), (f.name, header)
        if f.name.startswith("nodes_"):
            assert header[0] == "id:ID" and header[-1] == ":LABEL"
            assert all(r[-1] == f.name[6:-4] for r in rows[1:])
            total_nodes += len(rows) - 1
        else:
            assert header[:3] == [":START_ID", ":END_ID", ":TYPE"]
            total_rels += len(rows) - 1
            ints = [i for i, h in enumerate(header) if h.endswith(":int")]
            assert all(r[i] == "" or r[i].isdigit() for r in rows[1:] for i in ints)
    assert (total_nodes, total_rels) == (seed_graph.number_of_nodes(), seed_graph.number_of_edges())
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "neo4j-admin database import full" in readme and "--nodes=import/nodes_Person.csv" in readme


def test_cypher_script_is_batched_parameter_free_and_parses(exports):
    from tests.test_queries import _lint

    text = (exports / "graph.cypher").read_text(encoding="utf-8")
    statements = [s for s in text.split(";\n") if s.strip() and not s.strip().startswith("//")]
    body = [s.split("\n", 2)[-1] if s.startswith("//") else s for s in statements]
    assert "$" not in "".join(s for s in body if "UNWIND" in s and "$rows" in s)
    assert sum("MERGE (n:Claim" in s for s in body) >= 2  # batched
    assert all("MERGE" in s or "CREATE CONSTRAINT" in s or "CREATE FULLTEXT" in s for s in body)
    sample = [body[0]] + [next(s for s in body if "MERGE (n:Claim" in s), next(s for s in body if ":RESTATES" in s)]
    sample = [s[s.index("CREATE"):] if s.lstrip().startswith("//") else s for s in sample]
    assert not [r for r in _lint([{"name": str(i), "cypher": s} for i, s in enumerate(sample)]) if r["errors"]]


def test_obsidian_vault_links_resolve(seed_graph, exports):
    vault = exports / "obsidian-vault"
    notes = {p.stem for p in vault.glob("*.md")}
    entities = [n for n, d in seed_graph.nodes(data=True)
                if d["type"] in ("Person", "Organization", "System", "Concept", "Work", "Document")]
    assert len(notes) == len(entities)
    links = 0
    for p in vault.glob("*.md"):
        text = p.read_text(encoding="utf-8")
        assert text.startswith("---\ntype: ")
        for target in re.findall(r"\[\[([^\]|]+)(?:\|[^\]]*)?\]\]", text):
            assert target in notes, (p.name, target)
            links += 1
    assert links > 500
    demis = (vault / "Demis Hassabis.md").read_text(encoding="utf-8")
    assert "> I don’t think our analysis techniques are quite sophisticated enough" in demis
    assert "[00:03:07](https://www.youtube.com/watch?v=qTogNUV3CAI&t=187)" in demis
    assert "disagrees with [[Dwarkesh Patel]]" in demis
    # each document has a note listing its speakers and its claims, which the people's notes link to
    episode = next(p for p in vault.glob("*.md") if "path: \"seeds/001_" in p.read_text(encoding="utf-8"))
    text = episode.read_text(encoding="utf-8")
    claims = sum(1 for _, d in seed_graph.nodes(data=True)
                 if d["type"] == "Claim" and d["document"] == "document:seeds/001_0dedf1b18d31d238.txt")
    assert f"## Claims ({claims})" in text and "- [[Demis Hassabis]]" in text
    assert f"[[{episode.stem}]]" in demis


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab &<>"\'\n\r\t\x00\x0b\x1f\x7f\x85\u2028\ufffe\uffffé')) | st.characters(blacklist_categories=("Cs",)),
               max_size=30))
def test_any_text_written_as_xml_reads_back(value):
    """What the GraphML and GEXF writers put in an attribute or an element reads back as the value,
    less the characters XML 1.0 forbids (line breaks in an element as XML reads them)."""
    import xml.etree.ElementTree as ET

    from graph.exports.common import xml, xml_text

    allowed = "".join(c for c in value if c in "\t\n\r" or (" " <= c and c not in "\ufffe\uffff"))
    element = ET.fromstring(f"<a v={xml(value)}>{xml_text(value)}</a>")
    assert element.get("v") == allowed
    assert (element.text or "") == allowed.replace("\r\n", "\n").replace("\r", "\n")


def test_gephi_opens_the_drawing_the_overview_shows(seed_build, exports):
    """The exports and the views' maps come from one layout: the overview's node positions are the GEXF
    positions times one factor (the page spaces its nodes for the screen)."""
    import json
    import re

    page = (seed_build[2] / "views" / "overview.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script id="graph-data" type="application/json">(.*?)</script>', page, re.S).group(1))
    drawn = {n["id"]: (n["x"], n["y"]) for n in data["nodes"]}
    viz = {n: d["viz"]["position"] for n, d in nx.read_gexf(exports / "graph.gexf").nodes(data=True)}
    pairs = [(drawn[n], (viz[n]["x"], viz[n]["y"])) for n in drawn if abs(viz[n]["x"]) > 50]
    factors = sorted(a[0] / b[0] for a, b in pairs)
    assert len(pairs) > 20 and factors[0] > 0 and factors[-1] / factors[0] < 1.05


def test_export_afterwards_writes_what_the_build_writes(seed_build, exports, tmp_path):
    """``claimgraph export all`` from a built out/ gives the same files, byte for byte, as ``build
    --exports``: the same graph, the same layout (so Gephi still opens the overview's drawing)."""
    from typer.testing import CliRunner

    from graph.cli import app

    result = CliRunner().invoke(app, ["export", "all", "--graph", str(seed_build[2]), "--out", str(tmp_path / "later")])
    assert result.exit_code == 0, result.output

    def files(folder: Path) -> dict[str, bytes]:
        return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    assert files(tmp_path / "later") == files(exports)
