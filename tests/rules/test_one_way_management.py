"""LAD102 one-way-management."""

from __future__ import annotations

from collections.abc import Callable

from ladders import Finding

Lint = Callable[..., list[Finding]]

ROLES = """\
  senior: {title: Senior Engineer, track: ic, level: L4, moves: [staff]}
  staff: {title: Staff Engineer, track: ic, level: L5}
  director: {title: Director, track: mgmt, level: L5}
"""


def test_fires_for_a_manager_with_no_way_back(lint: Lint) -> None:
    found = lint(
        ROLES + "  em: {title: Engineering Manager, track: mgmt, level: L4, moves: [director]}\n",
        "LAD102",
    )
    assert [(f.role, f.line, f.column, f.severity) for f in found] == [("em", 7, 3, "warning")]
    assert "Engineering Manager (em, L4)" in found[0].message
    assert "L5" in found[0].message


def test_passes_when_moving_back_leads_up(lint: Lint) -> None:
    text = ROLES + (
        "  em: {title: Engineering Manager, track: mgmt, level: L4, moves: [director, senior]}\n"
    )
    assert not lint(text, "LAD102")


def test_moving_back_to_a_stuck_technical_role_does_not_help(lint: Lint) -> None:
    text = ROLES + (
        "  em: {title: Engineering Manager, track: mgmt, level: L4, moves: [director, stuck]}\n"
        "  stuck: {title: Engineer, track: ic, level: L4, moves: [director]}\n"
    )
    assert [f.role for f in lint(text, "LAD102")] == ["em"]


def test_manager_at_or_above_technical_ceiling_is_not_reported(lint: Lint) -> None:
    text = ROLES + "  vp: {title: VP, track: mgmt, level: L6}\n"
    assert not [f for f in lint(text, "LAD102") if f.role in {"director", "vp"}]


def test_dead_end_manager_is_lad103_not_lad102(lint: Lint) -> None:
    text = ROLES + "  em: {title: Engineering Manager, track: mgmt, level: L4}\n"
    assert not lint(text, "LAD102")
    assert [f.role for f in lint(text, "LAD103")] == ["em"]
