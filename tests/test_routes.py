"""``routes()``: every simple path, shortest first, at a cost bounded per route.

The property test compares ``routes`` with a plain enumeration written here from
networkx's ``all_simple_paths``, sorted by length and then by the file order of the
moves. The cost tests count the searches ``routes`` makes (one breadth-first search
per deviation, Yen's algorithm) and the memory it takes, never wall time.
"""

from __future__ import annotations

import itertools
import json
import sys
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ladders
import ladders.query
from ladders import Ladder
from ladders.strategies import ladders as ladder_strategy

ROOT = Path(__file__).resolve().parents[1]


def brute_force_routes(
    ladder: Ladder, start: str, to: str | None, avoid_management: bool, max_moves: int | None
) -> list[tuple[str, ...]]:
    """Every simple path from ``start`` to the goal, ordered as DESIGN and the docstring say:
    by number of moves, then by the file order of the moves taken (first listing wins)."""
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(ladder.roles)
    order: dict[tuple[str, str], int] = {}  # a move -> its place among its role's moves
    for role_id in ladder.roles:
        # The moves of a role as the ladder lists them: written in file order, then implied.
        for place, target in enumerate(ladder.graph.successors(role_id)):
            if target != role_id:
                order[role_id, target] = place
                graph.add_edge(role_id, target)

    def allowed(role: str) -> bool:
        return not avoid_management or ladder.track_kind(role) != "management"

    start_rank = ladder.rank(start)
    goals = [to] if to is not None else [r for r in ladder.roles if ladder.rank(r) > start_rank]
    found = []
    for goal in goals:
        if goal == start:
            continue
        for path in nx.all_simple_paths(graph, start, goal):
            if all(allowed(role) for role in path[1:]):
                found.append(tuple(path))
    found = [p for p in found if max_moves is None or len(p) - 1 <= max_moves]
    return sorted(found, key=lambda p: (len(p), [order[m] for m in itertools.pairwise(p)]))


#: small ladders, searched: shared by the property tests of routes and moves
SEARCHED = settings(
    max_examples=200,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@SEARCHED
@given(
    ladder_strategy(max_roles=9, max_moves=4, families=2)
    | ladder_strategy(max_roles=9, max_moves=2, families=2, progression=True),
    st.data(),
)
def test_routes_are_every_simple_path_shortest_first_in_file_order(
    ladder: Ladder, data: st.DataObject
) -> None:
    start = data.draw(st.sampled_from(sorted(ladder.roles)), label="start")
    to = data.draw(st.none() | st.sampled_from(sorted(ladder.roles)), label="to")
    avoid = data.draw(st.booleans(), label="avoid_management")
    limit = data.draw(st.none() | st.integers(0, 4), label="max_moves")
    found = [r.roles for r in ladder.routes(start, to, avoid_management=avoid, max_moves=limit)]
    assert found == brute_force_routes(ladder, start, to, avoid, limit)


def graph_steps(ladder: Ladder, source: str, target: str) -> ladders.query.Step:
    """A move as ``ladder.graph``'s edge says it (the networkx view, the reference)."""
    edge = ladder.graph.edges[source, target]
    return ladders.query.Step(source, target, edge["kind"], edge["criteria"], edge["implied"])


@settings(SEARCHED, max_examples=150)
@given(
    ladder_strategy(max_roles=9, max_moves=4, families=2, progression=True)
    | ladder_strategy(max_roles=9, max_moves=3, families=2, declared_kinds=True),
    st.data(),
)
def test_moves_and_route_moves_are_the_graph_s_edges(ladder: Ladder, data: st.DataObject) -> None:
    """Moves and routes are worked out from the index; they are the graph's edges."""
    for role in ladder.roles:
        want = tuple(graph_steps(ladder, role, t) for t in ladder.graph.successors(role))
        assert ladders.query.moves(ladder, role) == want
    start = data.draw(st.sampled_from(sorted(ladder.roles)), label="start")
    for route in itertools.islice(ladder.routes(start), 5):
        assert route.moves == tuple(
            graph_steps(ladder, a, b) for a, b in itertools.pairwise(route.roles)
        )


def test_a_target_listed_twice_is_one_move_with_the_first_listing_s_criteria() -> None:
    ladder = ladders.loads(
        "levels: [L1, L2]\ntracks: {ic: technical, m: management}\n"
        "progression: {promote: true}\nroles:\n"
        "  a: {title: A, track: ic, level: L1, family: f, moves: [{to: b, criteria: [first]},"
        " {to: c}, {to: b, criteria: [second]}]}\n"
        "  b: {title: B, track: m, level: L2, family: f}\n"
        "  c: {title: C, track: ic, level: L1, family: f}\n"
        "  d: {title: D, track: ic, level: L2, family: f}\n"
    )
    found = ladders.query.moves(ladder, "a")
    assert found == tuple(graph_steps(ladder, "a", t) for t in ladder.graph.successors("a"))
    assert [(s.target, s.criteria, s.implied) for s in found] == [
        ("b", ("first",), False),
        ("c", (), False),
        ("d", (), True),  # implied by promote, after the written moves
    ]


def test_each_route_has_its_moves_and_kinds() -> None:
    ladder = ladders.loads(_lattice_text(3, 2))
    route = next(iter(ladder.routes("r0_0", "r2_1")))
    assert route.roles == ("r0_0", "r1_0", "r2_0", "r2_1")
    assert [(s.source, s.target) for s in route.moves] == list(itertools.pairwise(route.roles))
    assert route.kinds == ("technical", "technical", "lateral")


# -- the cost of a route ------------------------------------------------------------------


def _lattice_text(levels: int, width: int) -> str:
    """Roles on a grid: each moves up, down and to both sides. Exponentially many simple
    paths; a search that keeps them all in its queue cannot finish."""
    data: dict[str, Any] = {
        "levels": [f"L{i}" for i in range(levels)],
        "tracks": {f"t{j}": "technical" for j in range(width)},
        "roles": {},
    }
    for i, j in itertools.product(range(levels), range(width)):
        near = [(i + 1, j), (i, j + 1), (i, j - 1), (i - 1, j)]
        moves = [f"r{a}_{b}" for a, b in near if 0 <= a < levels and 0 <= b < width]
        data["roles"][f"r{i}_{j}"] = {
            "title": f"Role {i}.{j}",
            "track": f"t{j}",
            "level": f"L{i}",
            "moves": moves,
        }
    return json.dumps(data)


class Searches:
    """Counts the breadth-first searches ``routes`` makes."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        search = ladders.query._first_route_from

        def counted(*args: Any) -> Any:
            self.count += 1
            return search(*args)

        monkeypatch.setattr(ladders.query, "_first_route_from", counted)


@pytest.fixture
def searches(monkeypatch: pytest.MonkeyPatch) -> Searches:
    return Searches(monkeypatch)


@pytest.fixture(scope="module")
def lattice() -> Ladder:
    return ladders.loads(_lattice_text(9, 5), format="json")  # 45 roles


@pytest.fixture(scope="module")
def healthy_1k() -> Ladder:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate_ladder
    finally:
        sys.path.pop(0)
    data = generate_ladder(1000, seed=3, healthy=True)
    # A role nobody moves to: no route from anywhere else reaches it.
    data["roles"]["island"] = {**next(iter(data["roles"].values())), "moves": []}
    return ladders.loads(json.dumps(data), format="json")


def _peak(routes: Iterator[Any], count: int) -> tuple[list[Any], int]:
    tracemalloc.start()
    try:
        taken = list(itertools.islice(routes, count))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return taken, peak


def test_the_first_route_across_a_lattice_is_one_search(
    lattice: Ladder, searches: Searches
) -> None:
    (route,), peak = _peak(lattice.routes("r0_0", "r8_4"), 1)
    assert len(route) == 12, "the shortest: 8 up and 4 across"
    assert searches.count == 1
    assert peak < 2_000_000, f"{peak} bytes for one route"


def test_routes_across_a_lattice_cost_a_bounded_number_of_searches_each(
    lattice: Ladder, searches: Searches
) -> None:
    found, peak = _peak(lattice.routes("r0_0", "r8_4"), 100)
    assert len(found) == 100
    assert [len(r) for r in found] == sorted(len(r) for r in found), "shortest first"
    assert len({r.roles for r in found}) == 100
    # Yen's algorithm: at most one search per role of each route found before the last.
    assert searches.count <= 1 + sum(len(r.roles) for r in found[:-1])
    assert peak < 20_000_000, f"{peak} bytes for 100 routes"


def test_routes_up_from_a_lattice_corner_come_at_once(lattice: Ladder, searches: Searches) -> None:
    found, _ = _peak(lattice.routes("r0_0", avoid_management=True), 20)
    assert [len(r) for r in found[:2]] == [1, 2]
    assert searches.count <= 1 + sum(len(r.roles) for r in found[:-1])


def test_no_route_up_from_a_top_role_is_answered_without_searching(
    healthy_1k: Ladder, searches: Searches
) -> None:
    ladder = healthy_1k
    top = max(ladder.roles, key=ladder.rank)
    assert list(ladder.routes(top)) == []
    assert list(ladder.routes(top, avoid_management=True)) == []
    assert searches.count == 0


def test_no_route_to_an_unreachable_role_is_at_most_one_search(
    healthy_1k: Ladder, searches: Searches
) -> None:
    ladder = healthy_1k
    top = max(ladder.roles, key=ladder.rank)
    found, peak = _peak(ladder.routes(top, "island"), 5)
    assert found == []
    assert searches.count <= 1
    assert peak < 5_000_000, f"{peak} bytes to find no route"


def test_a_management_goal_with_avoid_management_is_no_route_at_once(
    healthy_1k: Ladder, searches: Searches
) -> None:
    ladder = healthy_1k
    manager = next(r for r in ladder.roles if ladder.track_kind(r) == "management")
    entry = min(ladder.roles, key=ladder.rank)
    assert list(ladder.routes(entry, manager, avoid_management=True)) == []
    assert searches.count == 0


def test_routes_from_the_bottom_of_a_1k_ladder_come_lazily(
    healthy_1k: Ladder, searches: Searches
) -> None:
    ladder = healthy_1k
    bottom = min(ladder.roles, key=ladder.rank)
    found, peak = _peak(ladder.routes(bottom), 20)
    assert len(found) == 20
    assert searches.count <= 1 + sum(len(r.roles) for r in found[:-1])
    assert peak < 10_000_000, f"{peak} bytes for 20 routes"
