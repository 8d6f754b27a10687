"""``ladders.project``: the absorbing-chain algebra on a hand-worked example, rates from a
history built to give them exactly, and a history simulated from a known chain."""

from __future__ import annotations

import random
from datetime import date, timedelta

import numpy as np
import pytest

import ladders
from ladders.errors import UsageError
from ladders.observe import History, project
from ladders.observe.projection import absorption

from .histories import person_keys

CHAIN = """\
levels: [L1, L2, L3]
tracks: {ic: technical, mgmt: management}
roles:
  dev: {title: Developer, track: ic, level: L1, entry: true, moves: [senior, lead]}
  senior: {title: Senior Developer, track: ic, level: L2, moves: [staff, lead]}
  staff: {title: Staff Engineer, track: ic, level: L3}
  lead: {title: Team Lead, track: mgmt, level: L2, moves: [manager, senior]}
  manager: {title: Manager, track: mgmt, level: L3}
"""


def test_absorption_matches_a_hand_worked_three_state_chain() -> None:
    # A (technical, L1), B (technical, L2), and C (technical, L3) the target; the rest of
    # each row is leaving or management (absorbing failure).
    #   A: stays 0.6, to B 0.3, leaves 0.1      B: stays 0.5, to C 0.25, leaves 0.25
    # By hand: b(B) = 0.25 / (1 - 0.5) = 0.5;  b(A) = 0.3 b(B) / (1 - 0.6) = 0.375.
    # Years to C among those who get there: from B, the wait in B: 1 / 0.5 = 2;
    # from A, the wait in A (1 / 0.4 = 2.5) then B's: 4.5.
    b, t = absorption(np.array([[0.6, 0.3], [0.0, 0.5]]), np.array([0.0, 0.25]))
    assert b.tolist() == pytest.approx([0.375, 0.5])
    assert t.tolist() == pytest.approx([4.5, 2.0])


def test_a_closed_class_never_reaches_the_target() -> None:
    # state 1 only ever stays: I - Q would be singular there
    b, t = absorption(np.array([[0.5, 0.3], [0.0, 1.0]]), np.array([0.2, 0.0]))
    assert b.tolist() == pytest.approx([0.4, 0.0])
    assert t[0] == pytest.approx(2.0)
    assert np.isnan(t[1])


def exact_history() -> History:
    """Rates by construction: dev 20 person-years, 6 to senior and 2 leaving (0.3, 0.1);
    senior 8 person-years, 2 to staff and 2 leaving (0.25, 0.25)."""
    keys = person_keys(8, seed=3)
    start = date(2010, 1, 1)
    rows: list[tuple[str, str, str, str]] = []
    promoted = start + timedelta(900)
    for key in keys[:6]:
        rows += [
            (key, start.isoformat(), "dev", "hire"),
            (key, promoted.isoformat(), "senior", "move"),
        ]
    rows += [
        (keys[6], start.isoformat(), "dev", "hire"),
        (keys[6], (start + timedelta(952)).isoformat(), "", "exit"),
    ]
    rows += [
        (keys[7], start.isoformat(), "dev", "hire"),
        (keys[7], (start + timedelta(953)).isoformat(), "", "exit"),
    ]
    for key, days in zip(keys[:2], (430, 430), strict=True):
        rows.append((key, (promoted + timedelta(days)).isoformat(), "staff", "move"))
    for key, days in zip(keys[2:4], (431, 431), strict=True):
        rows.append((key, (promoted + timedelta(days)).isoformat(), "", "exit"))
    # keys[4:6] stay senior to the end, 600 days after their promotion; keys[0] leaves staff then
    rows.append((keys[0], (promoted + timedelta(600)).isoformat(), "", "exit"))
    return History.from_rows(rows)


def test_rates_and_reach_from_a_history_built_to_give_them() -> None:
    projection = project(ladders.loads(CHAIN), exact_history(), years=2)
    dev, senior = projection.rates["dev"], projection.rates["senior"]
    assert dev.person_years == pytest.approx(20.0)
    assert dev.moves["senior"][0] == pytest.approx(0.3)
    assert dev.leave[0] == pytest.approx(0.1)
    assert dev.stay == pytest.approx(0.6)
    assert senior.person_years == pytest.approx(8.0)
    assert senior.moves["staff"][0] == pytest.approx(0.25)
    assert senior.leave[0] == pytest.approx(0.25)
    reach = projection.roles["dev"]
    assert reach.reach == pytest.approx({"L2": 0.75, "L3": 0.375})
    assert reach.years_to == pytest.approx({"L2": 2.5, "L3": 4.5})
    assert reach.reach_top_technical == pytest.approx(0.375)
    assert projection.roles["senior"].reach == pytest.approx({"L3": 0.5})
    assert projection.roles["staff"].reach_top_technical is None  # at the top already
    document = projection.to_dict()
    item = document["roles"]["dev"]
    assert (item["people"], item["reach"]["L2"], item["years_to"]) == (
        8,
        0.75,
        {"L2": 2.5, "L3": 4.5},
    )
    assert item["reach_top_technical"] == item["reach"]["L3"]
    assert abs(item["reach"]["L3"] - 0.375) <= 0.005 + 1e-9  # two decimals
    assert document["roles"]["staff"]["people"] == "<5"
    assert "not promises" in document["note"]


def test_headcount_covers_the_years_asked_for_from_the_year_after_until() -> None:
    projection = project(ladders.loads(CHAIN), exact_history(), years=4)
    assert projection.until == date(2010, 1, 1) + timedelta(900 + 600)
    assert [year for year, _ in projection.headcount] == [2015, 2016, 2017, 2018]
    first = dict(projection.headcount[0][1])
    # two seniors now: 0.5 stay, and no hires after the first day
    assert first["senior"] == pytest.approx(1.0)
    assert first["staff"] == pytest.approx(
        projection.now["staff"] * projection.rates["staff"].stay + 0.5
    )
    document = projection.to_dict()
    assert [entry["year"] for entry in document["headcount"]] == [2015, 2016, 2017, 2018]
    assert "staff" in document["few_people"]
    assert "dev" not in document["few_people"]
    assert document["now"]["senior"] == "<5"


def test_a_role_with_no_history_says_so() -> None:
    projection = project(ladders.loads(CHAIN), exact_history())
    document = projection.to_dict()
    assert projection.rates["manager"].estimated is False
    assert "no time spent" in document["rates"]["manager"]["note"]
    assert document["rates"]["manager"]["leave"] is None


def test_bad_arguments_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="years"):
        project(ladders.loads(CHAIN), exact_history(), years=0)


def true_reach(
    p: dict[str, dict[str, float]], ladder: ladders.Ladder, role: str, level: int
) -> float:
    """The chance of reaching a technical role at ``level`` or above without management,
    by iterating b <- R + Q b (a different method from the solver's)."""
    technical = {r for r in ladder.roles if ladder.track_kind(r) == "technical"}
    success = {r for r in technical if ladder.rank(r) >= level}
    transient = [r for r in technical if ladder.rank(r) < level]
    b = dict.fromkeys(transient, 0.0)
    for _ in range(3000):
        b = {
            r: sum(q for t, q in p[r].items() if t in success)
            + sum(q * b[t] for t, q in p[r].items() if t in b)
            for r in transient
        }
    return b[role]


def simulate(
    p: dict[str, dict[str, float]],
    *,
    years: int,
    stock: dict[str, int],
    hires: dict[str, int],
    seed: int,
) -> list[tuple[str, str, str, str]]:
    """A yearly chain: each year, everyone moves by ``p`` (the rest of a row is leaving);
    ``hires`` new people join each year. Rows on the first day of each year."""
    rng = random.Random(seed)
    keys = iter(person_keys(200_000, seed=seed))
    rows: list[tuple[str, str, str, str]] = []
    people: dict[str, str] = {}
    start = date(2010, 1, 1)
    for role, count in stock.items():
        for _ in range(count):
            key = next(keys)
            people[key] = role
            rows.append((key, start.isoformat(), role, "hire"))
    for year in range(1, years + 1):
        when = date(start.year + year, 1, 1).isoformat()
        for key, role in list(people.items()):
            draw, total = rng.random(), 0.0
            for target, q in p[role].items():
                total += q
                if draw < total:
                    if target != role:
                        people[key] = target
                        rows.append((key, when, target, "move"))
                    break
            else:
                del people[key]
                rows.append((key, when, "", "exit"))
        for role, count in hires.items():
            for _ in range(count):
                key = next(keys)
                people[key] = role
                rows.append((key, when, role, "hire"))
    rng.shuffle(rows)
    return rows


def test_a_history_simulated_from_a_known_chain_recovers_its_reach() -> None:
    ladder = ladders.loads(CHAIN)
    p = {
        "dev": {"dev": 0.55, "senior": 0.25, "lead": 0.1},  # leaves 0.1
        "senior": {"senior": 0.6, "staff": 0.12, "lead": 0.18},  # leaves 0.1
        "staff": {"staff": 0.9},
        "lead": {"lead": 0.6, "manager": 0.15, "senior": 0.15},
        "manager": {"manager": 0.9},
    }
    rows = simulate(
        p,
        years=12,
        stock={"dev": 300, "senior": 200, "lead": 80, "staff": 30, "manager": 20},
        hires={"dev": 120},
        seed=11,
    )
    projection = project(ladder, History.from_rows(rows), years=3)
    # Sampling tolerance: the rates rest on thousands of person-years (a standard error
    # of about 0.01 each), which moves these reach figures by about 0.02; 0.05 is over
    # two standard errors.
    for role, level in [("dev", 1), ("dev", 2), ("senior", 2)]:
        expected = true_reach(p, ladder, role, level)
        got = projection.roles[role].reach[ladder.levels[level].id]
        assert got == pytest.approx(expected, abs=0.05), (role, level)
    assert projection.roles["dev"].reach_top_technical == pytest.approx(
        true_reach(p, ladder, "dev", 2), abs=0.05
    )
    # the dev -> senior rate itself
    assert projection.rates["dev"].moves["senior"][0] == pytest.approx(0.25, abs=0.02)
    assert len(projection.headcount) == 3
