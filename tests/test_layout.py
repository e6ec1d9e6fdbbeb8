"""The one layout (graph/layout.py): every node placed, claims on a sunflower around their hub, separate
components side by side rather than on top of one another, and large graphs laid out by community."""

from __future__ import annotations

import math

import networkx as nx
from hypothesis import given, settings, strategies as st

from graph.layout import DIRECT, place


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 40), st.integers(0, 60), st.integers(0, 120), st.randoms(use_true_random=False))
def test_every_node_has_a_finite_place_and_satellites_sit_by_their_hub(hubs, links, satellites, rnd):
    names = [f"h{i}" for i in range(hubs)]
    edges = [(rnd.choice(names), rnd.choice(names)) for _ in range(links)]
    hub = {f"s{i}": rnd.choice(names) for i in range(satellites)}
    edges += [(s, rnd.choice(names)) for s in list(hub)[: satellites // 2]]
    pos = place(names + list(hub), edges, hub)
    assert set(pos) == set(names) | set(hub)
    assert all(math.isfinite(x) and math.isfinite(y) and type(x) is float and type(y) is float for x, y in pos.values())
    per_hub = {h: sum(1 for v in hub.values() if v == h) for h in names}
    for s, h in hub.items():
        assert math.dist(pos[s], pos[h]) <= 20.0 * (1 + math.sqrt(per_hub[h])) + 0.1  # positions are rounded


def test_components_do_not_sit_on_one_another():
    """Twenty copies of one small graph: twenty separate boxes, none overlapping another."""
    edges, nodes = [], []
    for k in range(20):
        ring = [f"c{k}n{i}" for i in range(12)]
        nodes += ring
        edges += [(ring[i], ring[(i + 1) % 12]) for i in range(12)] + [(ring[0], ring[6])]
    pos = place(nodes, edges, {})
    boxes = []
    for k in range(20):
        xs = [pos[f"c{k}n{i}"][0] for i in range(12)]
        ys = [pos[f"c{k}n{i}"][1] for i in range(12)]
        boxes.append((min(xs), max(xs), min(ys), max(ys)))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[1] < b[0] or b[1] < a[0] or a[3] < b[2] or b[3] < a[2], (a, b)
    width = max(b[1] for b in boxes) - min(b[0] for b in boxes)
    height = max(b[3] for b in boxes) - min(b[2] for b in boxes)
    assert 0.2 < width / height < 5  # packed in rows, not a tower


def test_a_graph_beyond_one_spring_layout_is_laid_out_by_community():
    """More than DIRECT linked hubs: communities (a clique each, joined in a ring) land apart, each
    community's members closer to one another than to the next community's."""
    size, count = 40, DIRECT // 40 + 5
    G = nx.ring_of_cliques(count, size)
    G = nx.relabel_nodes(G, {n: f"n{n}" for n in G})
    pos = place(G.nodes, G.edges, {})
    assert len(pos) == count * size > DIRECT
    assert all(type(x) is float and type(y) is float for x, y in pos.values())  # orjson writes no numpy scalars

    def centre(k):
        pts = [pos[f"n{k * size + i}"] for i in range(size)]
        return (sum(x for x, _ in pts) / size, sum(y for _, y in pts) / size)

    def spread(k):
        c = centre(k)
        return max(math.dist(pos[f"n{k * size + i}"], c) for i in range(size))

    apart = min(math.dist(centre(a), centre(b)) for a in range(count) for b in range(a + 1, count))
    assert apart > max(spread(k) for k in range(count))


def test_the_drawing_is_the_same_in_every_process():
    """Python salts string hashes per process; the layout must not follow a set's order, or two builds
    of the same corpus write different GEXF, GraphML and pages."""
    import subprocess
    import sys

    code = ("from graph.layout import place\n"
            "nodes = [f'n{i}' for i in range(40)]\n"
            "edges = [(f'n{i}', f'n{i + 1}') for i in range(0, 40, 2)] + [('n0', 'n2'), ('n4', 'n6'), ('n6', 'n8')]\n"
            "print(sorted(place(nodes, edges, {}).items()))\n")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": str(seed), "PATH": ""}).stdout for seed in (1, 2, 3)}
    assert len(runs) == 1
