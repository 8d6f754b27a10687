"""LAD302 technical-gap."""

from __future__ import annotations

from collections.abc import Callable

from ladders import Finding

Lint = Callable[..., list[Finding]]


def test_fires_for_a_manager_at_a_level_without_technical_roles(lint: Lint) -> None:
    found = lint(
        """\
  senior: {title: Senior Engineer, track: ic, level: L4, family: eng}
  em: {title: Engineering Manager, track: mgmt, level: L5, family: eng}
  principal: {title: Principal Engineer, track: ic, level: L6, family: eng}
""",
        "LAD302",
    )
    assert [(f.role, f.line, f.column, f.severity) for f in found] == [("em", 5, 3, "warning")]
    assert "family 'eng' has no technical role at L5" in found[0].message


def test_passes_with_a_technical_role_at_that_level(lint: Lint) -> None:
    text = """\
  senior: {title: Senior Engineer, track: ic, level: L4, family: eng}
  staff: {title: Staff Engineer, track: ic, level: L5, family: eng}
  em: {title: Engineering Manager, track: mgmt, level: L5, family: eng}
  principal: {title: Principal Engineer, track: ic, level: L6, family: eng}
"""
    assert not lint(text, "LAD302")


def test_technical_role_of_another_family_does_not_count(lint: Lint) -> None:
    text = """\
  staff: {title: Staff Designer, track: ic, level: L5, family: design}
  em: {title: Engineering Manager, track: mgmt, level: L5, family: eng}
  principal: {title: Principal Engineer, track: ic, level: L6, family: eng}
"""
    assert [f.role for f in lint(text, "LAD302")] == ["em"]


def test_managers_at_or_above_the_ceiling_are_left_to_lad301(lint: Lint) -> None:
    text = """\
  staff: {title: Staff, track: ic, level: L5}
  em: {title: EM, track: mgmt, level: L5}
  vp: {title: VP, track: mgmt, level: L6}
"""
    assert not lint(text, "LAD302")
