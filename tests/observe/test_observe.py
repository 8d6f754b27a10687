"""The definitions of DESIGN §7 on small histories worked by hand: moves, re-hires, rising
with and without management, the window, occupancy, time in role, unknown roles and
titles, conformance ordering, ignores, and the JSON document."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from fractions import Fraction

import pytest

import ladders
from ladders.errors import UsageError
from ladders.observe import History, Observation, observe

from .histories import LADDER, load, person_keys

K = person_keys(30, seed=7)


def seen(rows: Sequence[Sequence[str]], **options: object) -> Observation:
    return observe(load(), History.from_rows(rows), **options)  # type: ignore[arg-type]


def test_a_spell_after_an_exit_is_a_rehire_not_a_move() -> None:
    rows = [
        (K[0], "2020-01-01", "dev"),
        (K[0], "2020-06-01", "", "exit"),
        (K[0], "2021-01-01", "senior"),
    ]
    result = seen(rows)
    assert result.moves == 0
    assert result.roles["dev"].up == 0  # the higher role came after an exit
    assert result.roles["senior"].held == 1
    assert result.roles["senior"].now == 1


def test_the_same_role_twice_in_a_row_is_one_spell() -> None:
    rows = [
        (K[0], "2020-01-01", "dev"),
        (K[0], "2020-06-01", "dev", "move"),
        (K[0], "2021-01-01", "senior"),
    ]
    result = seen(rows)
    assert result.moves == 1
    # time in role runs from the first row of the spell: 366 days
    assert result.roles["dev"].median_months_to_next_level == pytest.approx(366 / 30.4375)


def test_rising_through_management_and_without() -> None:
    rows = [
        # through a management role: dev -> lead (L2, management) -> manager
        (K[0], "2020-01-01", "dev"),
        (K[0], "2021-01-01", "lead"),
        (K[0], "2022-01-01", "manager"),
        # without: a lateral step into another family first, then up (routes cross families)
        (K[1], "2020-01-01", "dev"),
        (K[1], "2020-06-01", "qa"),
        (K[1], "2021-01-01", "qa-senior"),
        # a management spell before the spell in senior does not count against it
        (K[2], "2020-01-01", "lead"),
        (K[2], "2020-06-01", "senior"),
        (K[2], "2021-06-01", "staff"),
        # senior -> lead is lateral (same level); the first higher role is manager: through
        (K[3], "2020-01-01", "senior"),
        (K[3], "2020-03-01", "lead"),
        (K[3], "2021-01-01", "manager"),
    ]
    result = seen(rows)
    dev, senior = result.roles["dev"], result.roles["senior"]
    assert (dev.up, dev.up_without_management) == (2, 1)
    assert (senior.up, senior.up_without_management) == (2, 1)
    assert result.roles["qa"].up_without_management == 1
    # K[0] and K[3] reached manager; K[2] reached staff through senior (no management)
    assert (result.roles["lead"].up, result.roles["lead"].up_without_management) == (3, 1)
    assert result.levels["L1"].up == 2
    assert result.levels["L1"].up_without_management == 1


def test_a_person_counts_once_per_role_from_their_first_spell() -> None:
    rows = [
        (K[0], "2020-01-01", "dev"),
        (K[0], "2020-06-01", "lead"),
        (K[0], "2020-09-01", "dev"),
        (K[0], "2021-01-01", "senior"),
    ]
    result = seen(rows)
    # after the first spell in dev, the first higher role is lead (management)
    assert (result.roles["dev"].up, result.roles["dev"].up_without_management) == (1, 0)
    assert result.roles["dev"].held == 1
    assert result.moves == 3


def test_the_window() -> None:
    rows = [
        (K[0], "2019-01-01", "dev"),
        (K[0], "2020-01-01", "senior"),
        (K[0], "2023-01-01", "staff"),
        (K[1], "2018-01-01", "dev"),
        (K[1], "2018-06-01", "", "exit"),
        (K[2], "2024-01-01", "dev"),
    ]
    everything = seen(rows)
    assert (everything.since, everything.until) == (date(2018, 1, 1), date(2024, 1, 1))
    assert everything.people == 3
    assert everything.moves == 2
    window = seen(rows, since="2019-06-01", until="2022-12-31")
    assert (window.since, window.until) == (date(2019, 6, 1), date(2022, 12, 31))
    # K[1] left before the window, K[2] came after it; K[0]'s move into staff is after it
    assert window.people == 1
    assert window.moves == 1
    assert window.roles["senior"].now == 1
    assert window.roles["staff"].held == 0
    # a move counts when its later spell starts inside the window, both ends included
    assert seen(rows, since="2020-01-01", until="2020-01-01").moves == 1
    assert seen(rows, since="2020-01-02", until="2022-12-31").moves == 0


def test_time_in_role_is_censored_at_an_exit_and_at_until() -> None:
    start = date(2020, 1, 1)
    rows: list[tuple[str, ...]] = []
    for i, days in enumerate([100, 200, 300, 400, 500]):
        rows += [
            (K[i], start.isoformat(), "dev"),
            (K[i], (start + timedelta(days)).isoformat(), "senior"),
        ]
    result = seen(rows)
    assert result.roles["dev"].median_months_to_next_level == pytest.approx(300 / 30.4375)
    # three of five leave after 600 days without rising: S falls to 0.6, the median is
    # not reached
    censored = (
        rows[:4]
        + [(K[i], (start + timedelta(600)).isoformat(), "", "exit") for i in range(2, 5)]
        + [(K[i], start.isoformat(), "dev") for i in range(2, 5)]
    )
    assert seen(censored).roles["dev"].median_months_to_next_level is None
    assert seen(censored).to_dict()["roles"]["dev"]["median_months_to_next_level"] is None
    # had they left after 50 days, only two would be at risk at day 100: S(100) = 1/2
    early = [
        (k, d if r else (start + timedelta(50)).isoformat(), r, *e) for k, d, r, *e in censored
    ]
    assert seen(early).roles["dev"].median_months_to_next_level == pytest.approx(100 / 30.4375)
    # people still in the role are censored at until
    staying = rows[:4] + [(K[i], start.isoformat(), "dev") for i in range(2, 5)]
    staying.append((K[9], (start + timedelta(600)).isoformat(), "qa"))
    assert seen(staying).roles["dev"].median_months_to_next_level is None


def test_unknown_roles_are_counted_listed_when_common_and_kept_out_of_moves() -> None:
    rows = [(k, "2020-01-01", "Developr") for k in K[:6]] + [
        (k, "2021-01-01", "senior") for k in K[:6]
    ]
    rows += [(K[10], "2020-01-01", "dev"), (K[10], "2021-01-01", K[11])]  # a key in the role column
    result = seen(rows)
    assert result.moves == 0
    assert result.unknown.moves == 7
    assert result.unknown.people == 7
    document = result.to_dict()
    assert document["unknown"]["values"] == [
        {"value": "Developr", "people": 6, "suggestion": "dev"}
    ]
    assert document["unknown"]["other_values"] == "<5"
    assert K[11] not in str(document)


def test_titles_match_case_insensitively_before_the_map() -> None:
    rows = [(k, "2020-01-01", "DEVELOPER") for k in K[:5]] + [
        (k, "2021-01-01", "Senior developer") for k in K[:5]
    ]
    result = seen(rows, titles={"developer": "qa"})  # the title wins over the map
    assert [(m.source, m.target) for m in result.taken] == [("dev", "senior")]
    result = seen([(K[0], "2020-01-01", "Dev Person")], titles={"dev person": "dev"})
    assert result.roles["dev"].held == 1


def test_a_title_shared_by_two_roles_needs_the_map() -> None:
    text = LADDER.replace("title: Test Engineer", "title: Developer")
    ladder = ladders.loads(text)
    result = observe(ladder, History.from_rows([(K[0], "2020-01-01", "developer")]))
    assert result.unknown.people == 1
    assert any("shared by the roles dev, qa" in n for n in result.notes)
    mapped = observe(
        ladder, History.from_rows([(K[0], "2020-01-01", "developer")]), titles={"developer": "qa"}
    )
    assert mapped.roles["qa"].held == 1


def test_undeclared_moves_sort_by_people_then_from_and_to_unused_by_from_and_to() -> None:
    rows: list[tuple[str, ...]] = []

    def moves(keys: list[str], a: str, b: str) -> None:
        for k in keys:
            rows.extend([(k, "2020-01-01", a), (k, "2021-01-01", b)])

    moves(K[0:2], "qa", "dev")  # undeclared, 2 people
    moves(K[2:5], "staff", "dev")  # undeclared, 3 people
    moves(K[5:7], "dev", "staff")  # undeclared, 2 people
    moves(K[7:8], "dev", "senior")  # declared
    result = seen(rows)
    assert [(m.source, m.target, m.kind, m.people) for m in result.undeclared] == [
        ("staff", "dev", "lateral", 3),
        ("dev", "staff", "technical", 2),
        ("qa", "dev", "lateral", 2),
    ]
    assert result.declared_share == Fraction(1, 8)
    assert list(result.unused) == sorted(result.unused)
    assert ("dev", "senior") not in result.unused
    assert ("dev", "qa") in result.unused


def test_findings_are_located_at_the_role_and_silenced_by_ignores() -> None:
    rows = [(k, "2020-01-01", "qa") for k in K[:5]] + [(k, "2021-01-01", "dev") for k in K[:5]]
    result = seen(rows)
    [finding] = [f for f in result.findings if f.code == "LAD402"]
    assert (finding.name, finding.severity, finding.role) == ("undeclared-move", "warning", "qa")
    assert (finding.file, finding.line, finding.column) == ("org.yaml", 11, 3)
    assert "5 people moved from Test Engineer (qa, L1) to Developer (dev, L1)" in finding.message
    ignoring = LADDER.replace(
        "qa: {title: Test Engineer, track: ic, level: L1, family: test, entry: true, moves: [qa-senior]}",
        "qa: {title: Test Engineer, track: ic, level: L1, family: test, entry: true, moves: [qa-senior],\n"
        "      ignore: {LAD402: Agreed rotation}}",
    )
    quiet = observe(ladders.loads(ignoring, source="org.yaml"), History.from_rows(rows))
    assert [f.code for f in quiet.findings] == []


def test_an_unused_lad40x_ignore_is_lad006_at_the_entry() -> None:
    text = LADDER.replace(
        "staff: {title: Staff Engineer, track: ic, level: L3, family: eng, moves: [principal]}",
        "staff:\n    title: Staff Engineer\n    track: ic\n    level: L3\n    family: eng\n"
        "    moves: [principal]\n    ignore: {LAD401: Nobody rises from staff yet}",
    )
    ladder = ladders.loads(text, source="org.yaml")
    result = observe(ladder, History.from_rows([(K[0], "2020-01-01", "staff")]))
    [finding] = result.findings
    assert (finding.code, finding.role, finding.line) == ("LAD006", "staff", 12)
    assert "LAD401 (technical-route-unused) did not fire" in finding.message
    silenced = text.replace(
        "ignore: {LAD401: Nobody rises from staff yet}", "ignore: {LAD401: x, LAD006: y}"
    )
    assert (
        observe(
            ladders.loads(silenced), History.from_rows([(K[0], "2020-01-01", "staff")])
        ).findings
        == ()
    )


def test_lad403_fires_on_each_management_role_that_declares_a_way_back() -> None:
    rows = [(k, "2020-01-01", "lead") for k in K[:5]] + [
        (k, "2021-01-01", "manager") for k in K[:3]
    ]
    result = seen(rows)
    # each of lead, manager and director declares a move back to the technical track
    assert sorted(f.role or "" for f in result.findings if f.code == "LAD403") == [
        "director",
        "lead",
        "manager",
    ]
    back = [*rows, (K[4], "2022-01-01", "senior")]
    assert not [f for f in seen(back).findings if f.code == "LAD403"]


def test_the_json_document_has_the_layout_of_design_7() -> None:
    rows = [(k, "2020-01-01", "dev") for k in K[:12]] + [(k, "2021-01-01", "senior") for k in K[:7]]
    document = seen(rows, min_people=3).to_dict()
    assert list(document)[:10] == [
        "version",
        "tool",
        "ladder",
        "history",
        "window",
        "min_people",
        "min_share",
        "people",
        "moves",
        "conformance",
    ]
    assert document["version"] == 1
    assert document["tool"]["name"] == "ladders"
    assert document["window"] == {"since": "2020-01-01", "until": "2021-01-01"}
    assert (document["people"], document["moves"]) == (12, 7)
    assert document["conformance"]["declared_share"] == 1.0
    assert list(document["roles"]) == list(load().roles)
    assert document["roles"]["dev"] == {
        "held": 12,
        "now": 5,
        "up": 7,
        "up_without_management": 7,
        "median_months_to_next_level": round(366 / 30.4375, 1),
    }
    assert document["roles"]["staff"] == {
        "held": 0,
        "now": 0,
        "up": 0,
        "up_without_management": 0,
        "median_months_to_next_level": None,
    }
    assert document["summary"] == {"error": 0, "warning": 0}
    assert document["findings"] == []


def test_counts_under_min_people_show_the_configured_number() -> None:
    rows = [(k, "2020-01-01", "dev") for k in K[:4]] + [(K[0], "2021-01-01", "senior")]
    five = seen(rows).to_dict()
    assert five["people"] == "<5"
    assert five["roles"]["dev"]["held"] == "<5"
    assert five["roles"]["staff"]["held"] == 0
    assert five["conformance"]["declared_share"] == "<5"
    three = seen(rows, min_people=3).to_dict()
    assert three["people"] == 4
    assert three["roles"]["senior"]["held"] == "<3"


def test_bad_arguments_are_usage_errors() -> None:
    history = History.from_rows([(K[0], "2020-01-01", "dev")])
    with pytest.raises(UsageError, match="not an ISO 8601 date"):
        observe(load(), history, since="yesterday")
    with pytest.raises(UsageError, match="the window is empty"):
        observe(load(), history, since="2021-01-01", until="2020-01-01")
    with pytest.raises(UsageError, match="min-people"):
        observe(load(), history, min_people=0)
    with pytest.raises(UsageError, match="min-share"):
        observe(load(), history, min_share=1.5)
