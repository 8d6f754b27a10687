"""Every rule's findings, and the analysis, equal a brute-force per-role search.

The ladders are drawn by ``ladders.strategies`` without health guarantees: step-backs,
lateral cycles, several families, declared kinds, entry roles and ignore entries, and
every format 1.1 feature (implied moves, entry levels, pay bands, ignore entries on
moves); one property runs on 0.1.0-style ladders too. Findings are compared as (code,
role, what about the role): the role, a written move (its list item and target), an
implied move (at the ``progression`` key that implied it) or an ignore entry.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction
from itertools import pairwise
from typing import Any

import brute_force
from brute_force import Found
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ladders
from ladders import Finding, Ladder
from ladders.analysis import Progression
from ladders.check import CheckConfig
from ladders.exchange.data import ladder_data
from ladders.strategies import ladder_data as ladder_data_strategy
from ladders.strategies import ladders as ladder_strategy


def bounded(examples: int) -> settings:
    return settings(
        max_examples=examples,
        derandomize=True,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
    )


def without_family(data: dict[str, Any], family: str = "f0") -> dict[str, Any]:
    """The data with the roles of ``family`` in no family: roles without ``family`` form
    one family beside the named ones."""
    for role in data["roles"].values():
        if role.get("family") == family:
            del role["family"]
    return data


def every_feature(**sizes: Any) -> st.SearchStrategy[Ladder]:
    """Ladders with every 1.1 feature, and everything that can go wrong; in half of
    them the first family has no name."""
    data = ladder_data_strategy(
        declared_kinds=True,
        ignores=True,
        progression=True,
        entry_levels=True,
        bands=True,
        move_ignores=True,
        **sizes,
    )
    unnamed = st.tuples(data, st.booleans()).map(
        lambda case: without_family(case[0]) if case[1] else case[0]
    )
    return unnamed.map(Ladder.from_data)


ANY = every_feature(max_roles=14, max_levels=5, families=3, max_moves=4)
#: what 0.1.0 could write
ANY_0_1 = ladder_strategy(
    max_roles=14, max_levels=5, families=3, max_moves=4, declared_kinds=True, ignores=True
)
#: fewer families and roles, so that implied moves and bands meet more often
DENSE_OPTIONS: dict[str, Any] = {
    "max_roles": 10,
    "max_levels": 4,
    "families": 2,
    "max_moves": 3,
    "ignores": True,
    "progression": True,
    "entry_levels": True,
    "bands": True,
    "move_ignores": True,
}
DENSE = ladder_strategy(**DENSE_OPTIONS)
TOLERANCES = st.fixed_dictionaries(
    {code: st.sampled_from((0, 0.05, 0.1)) for code in ("LAD303", "LAD304", "LAD305")}
)


@st.composite
def pay_edges(draw: st.DrawFn, tolerance: dict[str, float]) -> Ladder:
    """Small ladders where most roles' own bands are one band scaled by 1, or by 1 plus or
    minus one of the ``tolerance`` values: gaps of exactly the tolerance, in decimals
    such as 2.1 (exact arithmetic says 2.1 is 21/10; floating point does not)."""
    data = draw(ladder_data_strategy(**{**DENSE_OPTIONS, "max_levels": 2, "families": 1}))
    shares = {Fraction(repr(value)) for value in tolerance.values()}
    factors = sorted({Fraction(1)} | {1 + t for t in shares} | {1 - t for t in shares})
    if draw(st.booleans()):  # only the scaled bands: the maxima meet at the edge too
        for level in data["levels"]:
            level.pop("band", None)
        for track in data["tracks"].values():
            track.pop("bands", None)
    low, high = sorted(2 * draw(st.integers(1, 20)) for _ in range(2))
    for role in data["roles"].values():
        if draw(st.integers(0, 3)) > 0:
            factor = draw(st.sampled_from(factors))
            bounds = [factor * low, factor * high]
            role["band"] = {
                "min": float(bounds[0]) if bounds[0].denominator > 1 else int(bounds[0]),
                "max": float(bounds[1]) if bounds[1].denominator > 1 else int(bounds[1]),
                "currency": "EUR",
            }
    return Ladder.from_data(data)


def located(ladder: Ladder, findings: list[Finding]) -> Counter[Found]:
    """Core findings as :class:`Found`, told apart by where they are located."""
    sources = ladder.sources
    assert sources is not None
    where: dict[tuple[str, int, int], tuple[object, ...]] = {}
    for r, role in ladder.roles.items():
        where[sources.role(r)] = ("role",)
        for code in role.ignore or {}:
            where[sources.role_field(r, "ignore", code)] = ("ignore", None, code)
        for item, move in enumerate(role.moves):
            where[sources.role_value(r, "moves", item)] = ("move", item, move.to)
            for code in move.ignore or {}:
                where[sources.role_field(r, "moves", item, "ignore", code)] = ("ignore", item, code)
        if role.progression is not None:
            where[sources.role_field(r, "progression")] = ("implied", "own")
    if ladder.progression_settings is not None:
        where[sources.ladder_key("progression")] = ("implied", "ladder")
    return Counter(
        Found(f.code, f.role or "", where.get((f.file, f.line, f.column), ("at", f.line, f.column)))
        for f in findings
    )


def reported(ladder: Ladder, config: CheckConfig | None = None) -> Counter[Found]:
    return located(ladder, ladders.check(ladder, config))


def expected(
    ladder: Ladder, max_step: int = 1, tolerance: dict[str, float] | None = None
) -> Counter[Found]:
    return brute_force.projected(brute_force.findings(ladder, max_step, tolerance))


@bounded(300)
@given(ANY)
def test_rule_findings_equal_brute_force(ladder: Ladder) -> None:
    assert reported(ladder) == expected(ladder)


@bounded(150)
@given(ANY_0_1)
def test_rule_findings_equal_brute_force_on_0_1_ladders(ladder: Ladder) -> None:
    assert reported(ladder) == expected(ladder)


@bounded(100)
@given(every_feature(max_roles=10, max_levels=6, families=2), st.integers(1, 3))
def test_level_skip_respects_max_step(ladder: Ladder, max_step: int) -> None:
    config = CheckConfig(select=("LAD202",), options={"LAD202": {"max-step": max_step}})
    want = Counter({k: v for k, v in expected(ladder, max_step).items() if k.code == "LAD202"})
    assert reported(ladder, config) == want


@bounded(100)
@given(ANY, st.integers(1, 3))
def test_all_rules_with_max_step(ladder: Ladder, max_step: int) -> None:
    # the ignore entries see the findings of the configured rule (LAD006)
    config = CheckConfig(options={"LAD202": {"max-step": max_step}})
    assert reported(ladder, config) == expected(ladder, max_step)


@bounded(150)
@given(TOLERANCES.flatmap(lambda tolerance: st.tuples(pay_edges(tolerance), st.just(tolerance))))
def test_pay_rules_respect_tolerance(case: tuple[Ladder, dict[str, float]]) -> None:
    ladder, tolerance = case
    config = CheckConfig(options={code: {"tolerance": value} for code, value in tolerance.items()})
    assert reported(ladder, config) == expected(ladder, tolerance=tolerance)


@bounded(120)
@given(every_feature(max_roles=16, max_levels=6, families=3, max_moves=3))
def test_progression_equals_brute_force(ladder: Ladder) -> None:
    reading = brute_force.Reading(ladder)
    progression = Progression(ladder.index)
    for role_id in ladder.roles:
        rank = reading.rank[role_id]
        for without in (False, True):
            top = reading.highest(role_id, without_management=without)
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
                    assert target in reading.targets(source)
                assert reading.rank[route[-1]] == top
                if without:
                    assert not any(reading.management(r) for r in route[1:])


@bounded(80)
@given(every_feature(max_roles=14, families=3))
def test_ceilings_equal_brute_force(ladder: Ladder) -> None:
    index = ladder.index
    got = {
        (index.families[family], management): rank
        for (family, management), rank in index.ceilings.items()
    }
    assert got == brute_force.Reading(ladder).ceilings()


@bounded(150)
@given(every_feature(max_roles=12, max_levels=5, families=3))
def test_management_only_roles_equal_brute_force(ladder: Ladder) -> None:
    stuck = ladder.management_only_roles()
    assert [(s.role, s.reason) for s in stuck] == brute_force.management_only_roles(ladder)
    reading = brute_force.Reading(ladder)
    for s in stuck:
        rank = reading.rank[s.role]
        if not reading.can_progress(s.role):
            assert s.via is None
            continue
        # via: the first management role on a route up, so a management role that a
        # non-managerial route from the role leads into, with a route on above its rank
        assert s.via is not None
        assert reading.management(s.via)
        before = {s.role} | reading.reachable(s.role, lambda r: not reading.management(r))
        assert any(s.via in reading.targets(r) for r in before)
        assert rank < max(reading.rank[s.via], reading.highest(s.via, without_management=False))


@bounded(120)
@given(every_feature(max_roles=14, max_levels=5, families=2, max_moves=3))
def test_implied_moves_equal_brute_force(ladder: Ladder) -> None:
    mine = brute_force.implied_moves(ladder)
    graph = ladder.graph
    edges: list[tuple[str, str, bool]] = list(graph.edges(data="implied"))
    implied = {(u, v) for u, v, is_implied in edges if is_implied}
    written = {(u, v) for u, v, is_implied in edges if not is_implied}
    assert implied == {(m.source, m.target) for m in mine}
    assert written == {(r, t) for r, role in ladder.roles.items() for t in role.targets}
    assert Counter(ladder.implied_moves) == Counter(
        (m.source, m.target, m.setting, m.own) for m in mine
    )


def _by_target(ladder: Ladder, found: Counter[Found], written: dict[str, int]) -> Counter[Found]:
    """Findings about moves by target; moves past the first ``written[role]`` items of
    a role, and implied moves, as "implied"."""
    out: Counter[Found] = Counter()
    for item, count in found.items():
        about = item.about
        if about[0] == "implied" or (about[0] == "move" and about[1] >= written[item.role]):
            about = ("implied",)
        elif about[0] == "move":
            about = ("move", about[2])
        out[item._replace(about=about)] += count
    return out


@bounded(150)
@given(DENSE)
def test_explicit_form_checks_alike(ladder: Ladder) -> None:
    explicit = Ladder.from_data(ladder_data(ladder, explicit=True))
    assert explicit.progression_settings is None
    assert not explicit.implied_moves
    mine = brute_force.implied_moves(ladder)
    for r, role in ladder.roles.items():
        spelled = Counter(explicit.roles[r].targets)
        assert spelled == Counter(role.targets) + Counter(m.target for m in mine if m.source == r)
    written = {r: len(role.move_specs) for r, role in ladder.roles.items()}
    compact_found, explicit_found = reported(ladder), reported(explicit)
    assert _by_target(ladder, compact_found, written) == _by_target(
        explicit, explicit_found, written
    )
    # and the explicit form names the targets of what was found about implied moves
    assert explicit_found == expected(explicit)


@bounded(100)
@given(ANY)
def test_file_data_round_trips(ladder: Ladder) -> None:
    assert Ladder.from_data(ladder_data(ladder)) == ladder


@bounded(60)
@given(ladder_strategy(max_roles=20, families=3, healthy=True, declared_kinds=True))
def test_healthy_ladders_have_no_findings(ladder: Ladder) -> None:
    assert ladders.check(ladder) == []
    assert brute_force.findings(ladder) == Counter()


@bounded(60)
@given(
    ladder_strategy(
        max_roles=20,
        families=3,
        healthy=True,
        declared_kinds=True,
        progression=True,
        entry_levels=True,
        bands=True,
    )
)
def test_healthy_1_1_ladders_have_no_findings(ladder: Ladder) -> None:
    assert ladders.check(ladder) == []
    assert brute_force.findings(ladder) == Counter()


#: A role entry and a move entry for one code, and a finding about that move: DESIGN §3
#: says a role's entry silences its code "for findings about that role and about its
#: moves", and LAD006 is for an entry "whose code did not fire there". LAD204 fired on a
#: move of dev, so neither entry is unused.
ROLE_AND_MOVE_ENTRY = """\
levels: [L1]
tracks: {ic: technical}
roles:
  dev:
    title: Developer
    track: ic
    level: L1
    moves:
      - to: dev
        ignore: {LAD204: Kept on purpose}
    ignore: {LAD204: Accepted for now}
"""


def test_role_entry_covering_a_silenced_move_is_used() -> None:
    ladder = ladders.loads(ROLE_AND_MOVE_ENTRY)
    assert brute_force.findings(ladder) == Counter()
    assert ladders.check(ladder) == []
