"""Asking the ladder: routes, ceilings, next steps, equivalents, summary."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest

import ladders
from ladders import UsageError

LADDER = """\
levels: [L3, L4, L5, L6]
tracks: {ic: technical, mgmt: management, design: technical}
roles:
  engineer: {title: Engineer, track: ic, level: L3, family: eng, entry: true, moves: [senior]}
  senior:
    title: Senior Engineer
    track: ic
    level: L4
    family: eng
    moves: [{to: tlm, criteria: [Leads a team of 3+]}, engineer2]
  engineer2: {title: Engineer (platform), track: ic, level: L3, family: eng, moves: [staff]}
  tlm: {title: Tech Lead Manager, track: mgmt, level: L5, family: eng, moves: [director, staff]}
  staff: {title: Staff Engineer, track: ic, level: L5, family: eng, moves: [principal]}
  principal: {title: Principal Engineer, track: ic, level: L6, family: eng}
  director: {title: Director, track: mgmt, level: L6, family: eng}
  em: {title: Engineering Manager, track: mgmt, level: L5, family: eng}
  design-lead: {title: Design Manager, track: mgmt, level: L5, family: design}
  designer: {title: Staff Designer, track: design, level: L5, family: design}
"""


@pytest.fixture(scope="module")
def ladder() -> ladders.Ladder:
    return ladders.loads(LADDER)


def test_routes_are_shortest_first_and_end_higher(ladder: ladders.Ladder) -> None:
    found = [route.roles for route in ladder.routes("senior")]
    assert found[0] == ("senior", "tlm")
    assert [len(r) - 1 for r in found] == sorted(len(r) - 1 for r in found)
    ranks = ladder.ranks
    assert all(ranks[ladder.roles[r[-1]].level] > ranks["L4"] for r in found)
    # the step-back route: down to engineer2, then up to staff
    assert ("senior", "engineer2", "staff") in found


def test_routes_without_management(ladder: ladders.Ladder) -> None:
    found = [route.roles for route in ladder.routes("senior", avoid_management=True)]
    assert found == [
        ("senior", "engineer2", "staff"),
        ("senior", "engineer2", "staff", "principal"),
    ]
    for roles in found:
        assert all(ladder.track_kind(r) == "technical" for r in roles[1:])


def test_routes_to_a_role(ladder: ladders.Ladder) -> None:
    found = list(ladder.routes("senior", "principal"))
    assert [r.roles for r in found] == [
        ("senior", "tlm", "staff", "principal"),
        ("senior", "engineer2", "staff", "principal"),
    ]
    first = found[0]
    assert first.kinds == ("management", "lateral", "technical")
    assert first.moves[0].criteria == ("Leads a team of 3+",)
    assert (first.start, first.end, len(first)) == ("senior", "principal", 3)


def test_routes_max_moves(ladder: ladders.Ladder) -> None:
    assert [r.roles for r in ladder.routes("senior", max_moves=1)] == [("senior", "tlm")]
    assert list(ladder.routes("senior", max_moves=0)) == []


def test_routes_are_lazy(ladder: ladders.Ladder) -> None:
    generator = ladder.routes("engineer")
    assert next(generator).roles == ("engineer", "senior")


def test_routes_enumerate_lazily_on_a_ladder_with_very_many_routes() -> None:
    # 20 levels, two parallel roles per level each moving to both roles above: 2**20 routes
    roles = []
    for i in range(20):
        for side in "ab":
            moves = f"[r{i + 1}a, r{i + 1}b]" if i < 19 else "[]"
            roles.append(f"  r{i}{side}: {{title: R, track: ic, level: L{i}, moves: {moves}}}")
    levels = ", ".join(f"L{i}" for i in range(20))
    big = ladders.loads(
        f"levels: [{levels}]\ntracks: {{ic: technical}}\nroles:\n" + "\n".join(roles)
    )
    first = list(itertools.islice(big.routes("r0a"), 5))
    assert [len(r) for r in first] == [1, 1, 2, 2, 2]


def test_unknown_role_is_a_usage_error_with_did_you_mean(ladder: ladders.Ladder) -> None:
    with pytest.raises(UsageError, match="did you mean 'senior'"):
        list(ladder.routes("senoir"))
    with pytest.raises(UsageError, match="did you mean 'staff'"):
        ladder.ceiling("staf")


def test_ceiling_without_management_follows_the_step_back(ladder: ladders.Ladder) -> None:
    top = ladder.ceiling("senior", avoid_management=True)
    assert (top.level, top.rank, top.rises) == ("L6", 3, True)
    assert top.route.roles == ("senior", "engineer2", "staff", "principal")
    assert top.route.end == "principal"


def test_ceiling_defaults_to_any_route(ladder: ladders.Ladder) -> None:
    assert ladder.ceiling("senior") == ladder.ceiling("senior", avoid_management=False)
    top = ladder.ceiling("engineer")
    assert top.level == "L6"
    assert top.route.roles[0] == "engineer"
    assert ladder.rank(top.route.end) == 3


def test_ceiling_of_a_role_that_cannot_rise_is_its_own_level(ladder: ladders.Ladder) -> None:
    top = ladder.ceiling("principal")
    assert (top.level, top.rises, top.route.roles) == ("L6", False, ("principal",))


def test_next_steps_grouped_by_kind(ladder: ladders.Ladder) -> None:
    steps = ladder.next_steps("tlm")
    assert [s.target for s in steps["management"]] == ["director"]
    assert [s.target for s in steps["lateral"]] == ["staff"]
    assert steps["technical"] == ()
    assert ladder.next_steps("senior")["management"][0].criteria == ("Leads a team of 3+",)


def test_equivalents_same_family_first(ladder: ladders.Ladder) -> None:
    assert ladder.equivalents("staff") == ("tlm", "em", "design-lead")
    assert ladder.equivalents("em") == ("staff", "designer")
    assert ladder.equivalents("engineer") == ()


def test_summary_per_family(ladder: ladders.Ladder) -> None:
    summary = ladder.summary()
    families = {f.family: f for f in summary.families}
    eng, design = families["eng"], families["design"]
    assert (eng.technical_ceiling, eng.management_ceiling) == ("L6", "L6")
    assert (design.technical_ceiling, design.management_ceiling) == ("L5", "L5")
    assert eng.roles_per_level["L5"] == {"ic": 1, "mgmt": 2}
    assert eng.balanced
    assert design.balanced
    assert summary.roles == 10
    assert summary.moves == 7
    assert summary.findings == dict(Counter(f.code for f in ladders.check(ladder)))


def test_summary_counts_given_findings(ladder: ladders.Ladder) -> None:
    finding = ladders.Finding("LAD104", "unreachable", "warning", "m", "f", 1, 1, "em")
    assert ladder.summary([finding, finding]).findings == {"LAD104": 2}


def test_unbalanced_family() -> None:
    ladder = ladders.loads(
        "levels: [L1, L2]\ntracks: {ic: technical, m: management}\nroles:\n"
        "  a: {title: A, track: ic, level: L1}\n  b: {title: B, track: m, level: L2}\n"
    )
    (family,) = ladder.summary([]).families
    assert family.balanced is False
