"""LAD301 ceiling-gap."""

from __future__ import annotations

from collections.abc import Callable

from ladders import Finding

Lint = Callable[..., list[Finding]]


def test_fires_once_per_manager_above_the_technical_ceiling(lint: Lint) -> None:
    found = lint(
        """\
  staff: {title: Staff Engineer, track: ic, level: L5, family: eng}
  director: {title: Director, track: mgmt, level: L6, family: eng}
  em: {title: Manager, track: mgmt, level: L5, family: eng}
  vp: {title: VP, track: mgmt, level: L6, family: eng}
""",
        "LAD301",
    )
    assert [(f.role, f.line, f.column, f.severity) for f in found] == [
        ("director", 5, 3, "error"),
        ("vp", 7, 3, "error"),
    ]
    assert "Director (director, L6) ranks above every technical role of family 'eng'" in (
        found[0].message
    )
    assert "the highest is at L5" in found[0].message


def test_passes_when_the_technical_track_is_as_tall(lint: Lint) -> None:
    text = """\
  principal: {title: Principal, track: ic, level: L6, family: eng}
  director: {title: Director, track: mgmt, level: L6, family: eng}
"""
    assert not lint(text, "LAD301")


def test_family_of_managers_only_is_not_a_gap(lint: Lint) -> None:
    text = """\
  staff: {title: Staff, track: ic, level: L5, family: eng}
  coo: {title: COO, track: mgmt, level: L6, family: ops}
"""
    assert not lint(text, "LAD301")


def test_families_are_separate(lint: Lint) -> None:
    text = """\
  principal: {title: Principal, track: ic, level: L6, family: eng}
  designer: {title: Designer, track: ic, level: L3, family: design}
  head: {title: Head of Design, track: mgmt, level: L4, family: design}
"""
    assert [f.role for f in lint(text, "LAD301")] == ["head"]


def test_ignore_with_a_reason(lint: Lint) -> None:
    text = """\
  staff: {title: Staff, track: ic, level: L5}
  ceo:
    title: CEO
    track: mgmt
    level: L6
    ignore: {LAD301: "Single executive seat, agreed by the board"}
"""
    assert not lint(text, "LAD301")
    assert not lint(text, "LAD006")
