"""GraphML export: read back by networkx to the same graph as ``ladder.graph``."""

from __future__ import annotations

import io
import json

import networkx as nx
from hypothesis import given, settings

import ladders
from ladders.exchange.graphml import export_graphml
from ladders.strategies import ladders as ladder_strategy


def read(text: str) -> nx.DiGraph[str]:
    return nx.read_graphml(io.BytesIO(text.encode()))


def plain(value: object) -> object:
    if isinstance(value, tuple):
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


@settings(max_examples=60, derandomize=True, deadline=None)
@given(ladder_strategy(max_roles=12, families=2))
def test_graphml_reads_back_to_the_ladder_graph(ladder: ladders.Ladder) -> None:
    graph = read(export_graphml(ladder))
    expected = ladder.graph
    assert list(graph.nodes) == list(expected.nodes)
    assert set(graph.edges) == set(expected.edges)
    for node, attrs in expected.nodes(data=True):
        assert graph.nodes[node] == {k: plain(v) for k, v in attrs.items() if v is not None}
    for source, target, attrs in expected.edges(data=True):
        assert graph.edges[source, target] == {k: plain(v) for k, v in attrs.items()}


def test_implied_moves_and_bands_are_in_the_graphml() -> None:
    ladder = ladders.loads(
        """\
name: Acme <&> "quoted"
progression: {promote: true}
levels: [L1, {id: L2, band: {min: 1, max: 2.5, currency: EUR}}]
tracks: {ic: technical}
roles:
  dev: {title: "Dev <1> & 'co'", track: ic, level: L1, family: eng}
  senior: {title: Senior, track: ic, level: L2, family: eng}
"""
    )
    text = export_graphml(ladder)
    import xml.etree.ElementTree as ET

    tree = ET.fromstring(text)
    (element,) = tree.findall("{http://graphml.graphdrawing.org/xmlns}graph")
    assert element.get("id") == 'Acme <&> "quoted"'
    graph = read(text)
    assert graph.nodes["dev"]["title"] == "Dev <1> & 'co'"
    assert json.loads(graph.nodes["senior"]["band"]) == {"min": 1, "max": 2.5, "currency": "EUR"}
    assert graph.edges["dev", "senior"]["implied"] is True
