"""LAD101 management-only-progression."""

from __future__ import annotations

from collections.abc import Callable

from ladders import Finding

Lint = Callable[..., list[Finding]]


def test_fires_when_the_only_way_up_is_management(lint: Lint) -> None:
    found = lint(
        """\
  senior: {title: Senior Engineer, track: ic, level: L4, moves: [tlm]}
  tlm: {title: Tech Lead Manager, track: mgmt, level: L5, moves: [staff]}
  staff: {title: Staff Engineer, track: ic, level: L5}
""",
        "LAD101",
    )
    assert [(f.role, f.line, f.column, f.severity) for f in found] == [("senior", 4, 3, "error")]
    message = found[0].message
    assert "Senior Engineer (senior, L4)" in message
    assert "Tech Lead Manager (tlm, L5)" in message
    assert "add a technical or lateral move" in message


def test_passes_with_a_technical_move_up(lint: Lint) -> None:
    assert not lint(
        """\
  senior: {title: Senior Engineer, track: ic, level: L4, moves: [tlm, staff]}
  tlm: {title: Tech Lead Manager, track: mgmt, level: L5}
  staff: {title: Staff Engineer, track: ic, level: L5}
""",
        "LAD101",
    )


def test_step_back_before_rising_counts_as_progress(lint: Lint) -> None:
    # senior's only technical route steps back to L3 and then rises to L5: the trap of
    # a single reverse search from "promotable" roles.
    text = """\
  senior: {title: Senior Engineer, track: ic, level: L4, moves: [tlm, mentor]}
  mentor: {title: Mentor, track: ic, level: L3, moves: [staff]}
  tlm: {title: Tech Lead Manager, track: mgmt, level: L5}
  staff: {title: Staff Engineer, track: ic, level: L5}
"""
    assert not lint(text, "LAD101")


def test_step_back_that_does_not_rise_far_enough_fires(lint: Lint) -> None:
    # mentor can rise from L3 to L4, but that does not get senior above L4.
    text = """\
  senior: {title: Senior Engineer, track: ic, level: L4, moves: [tlm, mentor]}
  mentor: {title: Mentor, track: ic, level: L3, moves: [peer]}
  peer: {title: Peer Engineer, track: ic, level: L4}
  tlm: {title: Tech Lead Manager, track: mgmt, level: L5, moves: [staff]}
  staff: {title: Staff Engineer, track: ic, level: L5}
"""
    assert [f.role for f in lint(text, "LAD101")] == ["senior"]


def test_lateral_cycle_without_exit_up_fires(lint: Lint) -> None:
    text = """\
  a: {title: Engineer A, track: ic, level: L2, moves: [b, em]}
  b: {title: Engineer B, track: ic, level: L2, moves: [a]}
  em: {title: Manager, track: mgmt, level: L3, moves: [c]}
  c: {title: Engineer C, track: ic, level: L3}
"""
    assert sorted(f.role for f in lint(text, "LAD101")) == ["a", "b"]


def test_cross_family_route_counts(lint: Lint) -> None:
    text = """\
  dev: {title: Developer, track: ic, level: L2, family: eng, moves: [em, designer]}
  designer: {title: Designer, track: ic, level: L2, family: design, moves: [lead]}
  lead: {title: Lead Designer, track: ic, level: L3, family: design}
  em: {title: Manager, track: mgmt, level: L3, family: eng}
  top: {title: Principal, track: ic, level: L4, family: eng}
"""
    assert not [f for f in lint(text, "LAD101") if f.role == "dev"]


def test_role_at_its_family_technical_ceiling_is_not_reported(lint: Lint) -> None:
    text = """\
  staff: {title: Staff Engineer, track: ic, level: L5, family: eng, moves: [vp]}
  vp: {title: VP, track: mgmt, level: L6, family: eng}
  other: {title: Other Engineer, track: ic, level: L6, family: other}
"""
    assert not lint(text, "LAD101")


def test_ignore_entry_silences_it(lint: Lint) -> None:
    text = """\
  senior:
    title: Senior Engineer
    track: ic
    level: L4
    moves: [tlm]
    ignore: {LAD101: Staff roles are being designed}
  tlm: {title: Tech Lead Manager, track: mgmt, level: L5}
  staff: {title: Staff Engineer, track: ic, level: L5}
"""
    assert not lint(text, "LAD101")
    assert not lint(text, "LAD006")
