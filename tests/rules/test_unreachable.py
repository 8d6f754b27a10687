"""LAD104 unreachable."""

from __future__ import annotations

from collections.abc import Callable

from ladders import Finding

Lint = Callable[..., list[Finding]]


def test_fires_for_a_role_no_entry_role_leads_to(lint: Lint) -> None:
    found = lint(
        """\
  dev: {title: Developer, track: ic, level: L1, entry: true, moves: [senior]}
  senior: {title: Senior Developer, track: ic, level: L2}
  orphan: {title: Orphan, track: ic, level: L2, moves: [senior]}
""",
        "LAD104",
    )
    assert [(f.role, f.line, f.column, f.severity) for f in found] == [("orphan", 6, 3, "warning")]
    assert "Orphan (orphan, L2) cannot be reached from any entry role" in found[0].message


def test_passes_when_everything_is_reachable(lint: Lint) -> None:
    assert not lint(
        """\
  dev: {title: Developer, track: ic, level: L1, entry: true, moves: [senior]}
  senior: {title: Senior Developer, track: ic, level: L2, moves: [em]}
  em: {title: Manager, track: mgmt, level: L2, moves: [senior]}
""",
        "LAD104",
    )


def test_silent_without_entry_roles(lint: Lint) -> None:
    assert not lint(
        """\
  dev: {title: Developer, track: ic, level: L1}
  senior: {title: Senior Developer, track: ic, level: L2}
""",
        "LAD104",
    )


def test_reachable_only_through_a_cycle_and_step_back(lint: Lint) -> None:
    found = lint(
        """\
  dev: {title: Developer, track: ic, level: L2, entry: true, moves: [junior]}
  junior: {title: Junior, track: ic, level: L1, moves: [dev, mid]}
  mid: {title: Mid, track: ic, level: L2}
  lone: {title: Lone, track: ic, level: L1, moves: [dev]}
""",
        "LAD104",
    )
    assert [f.role for f in found] == ["lone"]
