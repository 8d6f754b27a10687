"""Every rule's findings, and the analysis, equal a brute-force per-role search.

The ladders are drawn by ``ladders.strategies`` without health guarantees: step-backs,
lateral cycles, several families, declared kinds, entry roles and ignore entries.
"""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import brute_force
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ladders
from ladders import Ladder
from ladders.analysis import Progression, ceilings
from ladders.check import CheckConfig
from ladders.strategies import ladders as ladder_strategy

SETTINGS = settings(
    max_examples=400, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

ANY = ladder_strategy(
    max_roles=14, max_levels=5, families=3, max_moves=4, declared_kinds=True, ignores=True
)


def reported(ladder: Ladder, config: CheckConfig | None = None) -> Counter[tuple[str, str]]:
    return Counter((f.code, f.role or "") for f in ladders.check(ladder, config))


@SETTINGS
@given(ANY)
def test_rule_findings_equal_brute_force(ladder: Ladder) -> None:
    assert reported(ladder) == brute_force.findings(ladder)


@settings(max_examples=150, derandomize=True, deadline=None)
@given(ladder_strategy(max_roles=10, max_levels=6, families=2), st.integers(1, 3))
def test_level_skip_respects_max_step(ladder: Ladder, max_step: int) -> None:
    config = CheckConfig(select=("LAD202",), options={"LAD202": {"max-step": max_step}})
    expected = Counter(
        {k: v for k, v in brute_force.findings(ladder, max_step).items() if k[0] == "LAD202"}
    )
    assert reported(ladder, config) == expected


@SETTINGS
@given(ladder_strategy(max_roles=16, max_levels=6, families=3, max_moves=3))
def test_progression_equals_brute_force(ladder: Ladder) -> None:
    progression = Progression(ladder)
    for role_id in ladder.roles:
        rank = ladder.rank(role_id)
        for without in (False, True):
            top = brute_force.highest(ladder, role_id, without_management=without)
            got = progression[role_id]
            level = got.highest_without_management if without else got.highest
            route = got.route_without_management if without else got.route
            can = got.can_progress_without_management if without else got.can_progress
            assert can == (top > rank)
            assert level == (ladder.levels[top].id if top >= 0 else None)
            # the witness route is a real route that reaches that level
            assert (route == ()) == (top < 0)
            if route:
                assert route[0] == role_id
                for source, target in pairwise(route):
                    assert target in ladder.roles[source].targets
                assert ladder.rank(route[-1]) == top
                if without:
                    assert not any(brute_force.is_management(ladder, r) for r in route[1:])


@SETTINGS
@given(ladder_strategy(max_roles=14, families=3))
def test_ceilings_equal_brute_force(ladder: Ladder) -> None:
    expected = {
        (family, "management" if manager else "technical"): rank
        for (family, manager), rank in brute_force.ceilings(ladder).items()
    }
    assert ceilings(ladder) == expected


@settings(max_examples=100, derandomize=True, deadline=None)
@given(ladder_strategy(max_roles=20, families=3, healthy=True, declared_kinds=True))
def test_healthy_ladders_have_no_findings(ladder: Ladder) -> None:
    assert ladders.check(ladder) == []
    assert brute_force.findings(ladder) == Counter()
