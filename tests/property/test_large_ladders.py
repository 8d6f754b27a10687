"""A large ladder's searches (numpy) equal a small one's (lists), step for step.

Ladders of :data:`ladders.index.LARGE` moves or more are searched with numpy; here the
threshold is lowered to 0 so that the generated ladders take that path too, and its
results are compared with the list searches and with the brute-force per-role search.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import brute_force
from hypothesis import given
from hypothesis import strategies as st
from test_rules_match_brute_force import ANY, bounded, every_feature, expected, reported

import ladders.index as index_module
from ladders import Ladder
from ladders.analysis import Progression, _Sweep, reachable, unreachable
from ladders.check import CheckConfig
from ladders.index import LadderIndex


@contextmanager
def numpy_searches() -> Iterator[None]:
    """Every index built inside searches with numpy, however small its ladder."""
    saved = index_module.LARGE
    index_module.LARGE = 0
    try:
        yield
    finally:
        index_module.LARGE = saved


def both(ladder: Ladder) -> tuple[LadderIndex, LadderIndex]:
    """(the index searched with numpy, the index searched with lists)."""
    with numpy_searches():
        large = LadderIndex(ladder)
        assert large.arrays is not None
    small = LadderIndex(ladder)
    assert small.arrays is None
    return large, small


@bounded(150)
@given(ANY)
def test_sweeps_are_the_same_step_for_step(ladder: Ladder) -> None:
    large, small = both(ladder)
    for barred in (None, large.management):
        got, want = _Sweep(large, barred), _Sweep(small, barred)
        assert got.highest == want.highest
        # the same stamps, so the same witness routes
        assert got.reached_at == want.reached_at
        assert got.expanded_at == want.expanded_at
        assert got.seeds == want.seeds
    for role in range(len(large)):
        for without in (False, True):
            assert Progression(large).route_numbers(
                role, without_management=without
            ) == Progression(small).route_numbers(role, without_management=without)


@bounded(150)
@given(ANY, st.integers(0, 3))
def test_move_searches_are_the_same(ladder: Ladder, more_than: int) -> None:
    large, small = both(ladder)
    assert reachable(large) == reachable(small)
    assert unreachable(large) == unreachable(small)
    assert large.rising_edges(more_than) == small.rising_edges(more_than)
    assert large.self_edges() == small.self_edges()
    assert large.repeats() == small.repeats()


@bounded(100)
@given(ANY)
def test_move_searches_equal_plain_loops(ladder: Ladder) -> None:
    large, _ = both(ladder)
    edges = list(zip(large.sources, large.targets, strict=True))
    assert large.self_edges() == [e for e, (s, t) in enumerate(edges) if s == t]
    rank = large.rank
    assert large.rising_edges(1) == [e for e, (s, t) in enumerate(edges) if rank[t] - rank[s] > 1]
    first: dict[tuple[int, int], int] = {}
    repeats = [(e, first.setdefault(edge, e)) for e, edge in enumerate(edges)]
    assert large.repeats() == [(e, f) for e, f in repeats if e != f]


@bounded(120)
@given(ANY)
def test_rule_findings_equal_brute_force_with_numpy(ladder: Ladder) -> None:
    with numpy_searches():
        assert reported(ladder) == expected(ladder)


@bounded(50)
@given(ANY, st.integers(1, 3))
def test_level_skip_with_numpy(ladder: Ladder, max_step: int) -> None:
    config = CheckConfig(options={"LAD202": {"max-step": max_step}})
    with numpy_searches():
        assert reported(ladder, config) == expected(ladder, max_step)


@bounded(60)
@given(every_feature(max_roles=16, max_levels=6, families=3, max_moves=3))
def test_progression_with_numpy_equals_brute_force(ladder: Ladder) -> None:
    reading = brute_force.Reading(ladder)
    with numpy_searches():
        progression = Progression(LadderIndex(ladder))
    for role_id in ladder.roles:
        rank = reading.rank[role_id]
        got = progression[role_id]
        assert got.can_progress == reading.can_progress(role_id)
        top = reading.highest(role_id, without_management=True)
        assert got.can_progress_without_management == (top > rank)
        assert got.highest_without_management == (ladder.levels[top].id if top >= 0 else None)


def test_a_small_check_does_not_import_numpy() -> None:
    example = Path(__file__).parents[2] / "examples" / "healthy.yaml"
    code = (
        "import sys, ladders\n"
        f"ladder = ladders.load({str(example)!r})\n"
        "ladders.check(ladder), ladder.management_only_roles(), ladder.unreachable_roles()\n"
        "print('numpy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
