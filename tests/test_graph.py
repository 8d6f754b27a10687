"""ladders.graph: the networkx view and move-kind inference."""

from __future__ import annotations

import pytest

import ladders
from ladders import Ladder, infer_kind
from ladders.errors import UsageError
from ladders.exchange import networkx as g


def _hand_built(data: dict[str, object]) -> Ladder:
    """A ladder built in Python without the loader's checks (references unresolved)."""
    from ladders.model import LadderFile

    file = LadderFile.model_validate(data)
    return Ladder(levels=file.levels or (), tracks=file.tracks, roles=file.roles)


LADDER = ladders.loads(
    """\
levels: [L1, L2, L3]
tracks: {ic: technical, mgmt: management}
roles:
  dev:
    title: Developer
    track: ic
    level: L1
    family: eng
    moves: [senior, {to: lead, criteria: [Mentors a new hire]}, senior, dev]
  senior: {title: Senior Developer, track: ic, level: L2, moves: [dev, lead]}
  lead: {title: Team Lead, track: mgmt, level: L2, moves: [senior, director]}
  director: {title: Director, track: mgmt, level: L3}
"""
)


def test_nodes_carry_every_attribute() -> None:
    graph = LADDER.graph
    assert set(graph.nodes) == set(LADDER.roles)
    assert graph.nodes["dev"] == {
        g.TITLE: "Developer",
        g.TRACK: "ic",
        g.TRACK_KIND: "technical",
        g.LEVEL: "L1",
        g.RANK: 0,
        g.FAMILY: "eng",
        g.BAND: None,
    }
    assert graph.nodes["lead"][g.FAMILY] is None
    assert set(g.NODE_ATTRIBUTES) == set(graph.nodes["lead"])


def test_edges_carry_inferred_kind_and_criteria() -> None:
    edges = LADDER.graph.edges
    assert edges["dev", "senior"] == {g.KIND: "technical", g.CRITERIA: (), g.IMPLIED: False}
    assert edges["dev", "lead"] == {
        g.KIND: "management",
        g.CRITERIA: ("Mentors a new hire",),
        g.IMPLIED: False,
    }
    assert edges["senior", "dev"][g.KIND] == "lateral"  # a step back
    assert edges["lead", "senior"][g.KIND] == "lateral"
    assert edges["lead", "director"][g.KIND] == "management"
    assert set(g.EDGE_ATTRIBUTES) == set(edges["dev", "senior"])


def test_repeated_moves_are_one_edge_and_self_moves_a_loop() -> None:
    graph = g.build_graph(LADDER)
    assert graph.number_of_edges() == 7
    assert graph.has_edge("dev", "dev")


def test_graph_is_cached_on_the_ladder() -> None:
    assert LADDER.graph is LADDER.graph


@pytest.mark.parametrize(
    ("source", "target", "kind"),
    [
        ("dev", "senior", "technical"),
        ("dev", "lead", "management"),
        ("senior", "lead", "lateral"),
        ("director", "dev", "lateral"),
        ("dev", "director", "management"),
    ],
)
def test_infer_kind(source: str, target: str, kind: str) -> None:
    assert infer_kind(LADDER, source, target) == kind


def test_infer_kind_of_unknown_role() -> None:
    with pytest.raises(UsageError, match="nobody"):
        infer_kind(LADDER, "dev", "nobody")


def test_dangling_move_in_a_hand_built_ladder() -> None:
    ladder = _hand_built(
        {
            "levels": [{"id": "L1"}],
            "tracks": {"ic": {"kind": "technical"}},
            "roles": {"a": {"title": "A", "track": "ic", "level": "L1", "moves": ["ghost"]}},
        }
    )
    with pytest.raises(UsageError, match="ghost"):
        g.build_graph(ladder)
