"""LAD103 dead-end."""

from __future__ import annotations

from collections.abc import Callable

from ladders import Finding

Lint = Callable[..., list[Finding]]


def test_fires_for_a_role_with_no_moves_below_the_ceiling(lint: Lint) -> None:
    found = lint(
        """\
  senior: {title: Senior Engineer, track: ic, level: L4}
  staff: {title: Staff Engineer, track: ic, level: L5}
""",
        "LAD103",
    )
    assert [(f.role, f.line, f.column) for f in found] == [("senior", 4, 3)]
    assert "Senior Engineer (senior, L4) is a dead end: it has no moves" in found[0].message
    assert "L5" in found[0].message


def test_passes_with_a_move_up(lint: Lint) -> None:
    assert not lint(
        """\
  senior: {title: Senior Engineer, track: ic, level: L4, moves: [staff]}
  staff: {title: Staff Engineer, track: ic, level: L5}
""",
        "LAD103",
    )


def test_lateral_cycle_is_a_dead_end(lint: Lint) -> None:
    found = lint(
        """\
  a: {title: A, track: ic, level: L2, moves: [b]}
  b: {title: B, track: ic, level: L2, moves: [a]}
  c: {title: C, track: ic, level: L3}
""",
        "LAD103",
    )
    assert sorted(f.role for f in found) == ["a", "b"]
    assert "none of its 1 move leads, by any route, above L2" in found[0].message


def test_route_through_management_is_progress(lint: Lint) -> None:
    assert not lint(
        """\
  a: {title: A, track: ic, level: L2, moves: [m]}
  m: {title: M, track: mgmt, level: L3}
  c: {title: C, track: ic, level: L3}
""",
        "LAD103",
    )


def test_top_roles_are_not_dead_ends(lint: Lint) -> None:
    assert not lint("  top: {title: Top, track: ic, level: L6}\n", "LAD103")


def test_management_role_below_management_ceiling(lint: Lint) -> None:
    found = lint(
        """\
  em: {title: EM, track: mgmt, level: L4, family: eng}
  director: {title: Director, track: mgmt, level: L5, family: eng}
""",
        "LAD103",
    )
    assert [f.role for f in found] == ["em"]
    assert "family 'eng' has management roles up to L5" in found[0].message
