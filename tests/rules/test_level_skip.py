"""LAD202 level-skip (revised in 1.1: only levels the target's track uses count)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ladders import Finding
from ladders.errors import UsageError

Lint = Callable[..., list[Finding]]


SKIP = """\
  dev: {title: Developer, track: ic, level: L1, moves: [senior, staff]}
  senior: {title: Senior Developer, track: ic, level: L2}
  staff: {title: Staff Developer, track: ic, level: L3, moves: [dev]}
"""


def test_fires_for_a_move_passing_two_used_levels(lint: Lint) -> None:
    found = lint(SKIP, "LAD202")
    assert [(f.line, f.column, f.role, f.severity) for f in found] == [(4, 65, "dev", "warning")]
    assert (
        "passes 2 levels at which the ladder has roles on track 'ic' (L2, L3), more than "
        "max-step 1; move to a role at L2 instead" in found[0].message
    )


def test_passes_with_max_step_2(lint: Lint) -> None:
    assert not lint(SKIP, "LAD202", **{"max-step": 2})


def test_a_grade_scheme_with_unused_grades_is_not_a_skip(lint: Lint) -> None:
    text = """\
levels: [GS-5, GS-6, GS-7, GS-8, GS-9, GS-11]
tracks: {ic: technical}
roles:
  a: {title: Analyst, track: ic, level: GS-5, moves: [b]}
  b: {title: Senior Analyst, track: ic, level: GS-7, moves: [c]}
  c: {title: Lead Analyst, track: ic, level: GS-9, moves: [d]}
  d: {title: Principal Analyst, track: ic, level: GS-11}
"""
    assert not lint(text, "LAD202")


def test_a_grade_scheme_skip_over_a_used_grade_fires(lint: Lint) -> None:
    text = """\
levels: [GS-5, GS-6, GS-7, GS-8, GS-9]
tracks: {ic: technical}
roles:
  a: {title: Analyst, track: ic, level: GS-5, moves: [b, c]}
  b: {title: Senior Analyst, track: ic, level: GS-7, moves: [c]}
  c: {title: Lead Analyst, track: ic, level: GS-9}
"""
    (found,) = lint(text, "LAD202")
    assert "passes 2 levels" in found.message
    assert "(GS-7, GS-9)" in found.message


def test_levels_used_only_by_another_track_or_family_do_not_count(lint: Lint) -> None:
    text = """\
  a: {title: A, track: ic, level: L1, family: eng, moves: [c]}
  other: {title: Other, track: ic, level: L2, family: design}
  lead: {title: Lead, track: mgmt, level: L2, family: eng}
  c: {title: C, track: ic, level: L3, family: eng}
"""
    assert not lint(text, "LAD202")


def test_management_moves_count_too(lint: Lint) -> None:
    text = "  a: {title: A, track: ic, level: L1, moves: [d]}\n"
    text += "  b: {title: B, track: mgmt, level: L2, moves: [c]}\n"
    text += "  c: {title: C, track: mgmt, level: L3, moves: [d]}\n"
    text += "  d: {title: D, track: mgmt, level: L4}\n"
    (found,) = lint(text, "LAD202")
    assert "the management move" in found.message
    assert "passes 3 levels" in found.message


def test_big_step_back_is_not_a_skip(lint: Lint) -> None:
    text = "  a: {title: A, track: ic, level: L5, moves: [b]}\n"
    text += "  b: {title: B, track: ic, level: L1}\n"
    assert not lint(text, "LAD202")


@pytest.mark.parametrize("bad", [0, -1, "2", 1.5, True])
def test_invalid_max_step_is_a_usage_error(lint: Lint, bad: object) -> None:
    with pytest.raises(UsageError, match="max-step"):
        lint(SKIP, "LAD202", **{"max-step": bad})


def test_the_fix_names_every_level_max_step_allows(lint: Lint) -> None:
    text = "  a: {title: A, track: ic, level: L1, moves: [d]}\n"
    text += "  b: {title: B, track: ic, level: L2}\n"
    text += "  c: {title: C, track: ic, level: L3}\n"
    text += "  d: {title: D, track: ic, level: L4}\n"
    (one,) = lint(text, "LAD202")
    assert "move to a role at L2 instead" in one.message
    (two,) = lint(text, "LAD202", **{"max-step": 2})
    assert "passes 3 levels" in two.message
    assert "move to a role at L2, L3 instead" in two.message


def test_an_ignore_on_the_move_silences_that_move_only(lint: Lint) -> None:
    text = """\
  a:
    title: A
    track: ic
    level: L1
    moves:
      - {to: c, ignore: {LAD202: Published fast track}}
      - d
  b: {title: B, track: ic, level: L2}
  c: {title: C, track: ic, level: L3}
  d: {title: D, track: ic, level: L4}
"""
    found = lint(text, "LAD202")
    assert [(f.line, "to a role" in f.message) for f in found] == [(10, True)]
    assert not lint(text, "LAD006")


def test_an_unused_ignore_on_a_move_is_lad006(lint: Lint) -> None:
    text = """\
  a:
    title: A
    track: ic
    level: L1
    moves:
      - {to: b, ignore: {LAD202: not a skip}}
  b: {title: B, track: ic, level: L2}
"""
    (found,) = lint(text, "LAD006")
    assert (found.line, found.column) == (9, 26)
    assert "did not fire on move 1 of this role" in found.message
