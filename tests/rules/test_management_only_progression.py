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


def test_top_of_a_technical_track_that_management_outgrows_fires(lint: Lint) -> None:
    # The stuck specialist of the 1.1 revision: staff is at the top of its family's
    # technical track, and the family's management goes higher.
    text = """\
  staff: {title: Staff Engineer, track: ic, level: L5, family: eng, moves: [vp]}
  vp: {title: VP, track: mgmt, level: L6, family: eng}
  other: {title: Other Engineer, track: ic, level: L6, family: other}
"""
    (found,) = lint(text, "LAD101")
    assert found.role == "staff"
    assert (
        "is at the top of the technical track of family 'eng' (L5) while its management "
        "roles go up to L6: its only way up is through VP (vp, L6) (management)" in found.message
    )


def test_track_ends_even_without_any_move(lint: Lint) -> None:
    text = """\
  senior: {title: Senior Designer, track: ic, level: L3, family: design}
  head: {title: Head of Design, track: mgmt, level: L6, family: design}
"""
    (found,) = lint(text, "LAD101")
    assert found.role == "senior"
    assert "it has no way up" in found.message
    assert "add a technical role above L3" in found.message


def test_only_way_up_is_a_manager_of_another_family(lint: Lint) -> None:
    text = """\
  designer: {title: Designer, track: ic, level: L3, family: design, moves: [dm]}
  dm: {title: Design Manager, track: mgmt, level: L4, family: design-management}
"""
    (found,) = lint(text, "LAD101")
    assert found.role == "designer"
    assert "a management role of another family" in found.message
    assert "Design Manager (dm, L4)" in found.message


def test_a_family_with_no_moves_into_the_managers_family_stays_silent(lint: Lint) -> None:
    # Managers modelled in a family of their own, and no move into it: there is no
    # route to judge (documented in docs/families.md).
    text = """\
  designer: {title: Designer, track: ic, level: L3, family: design}
  dm: {title: Design Manager, track: mgmt, level: L4, family: design-management}
"""
    assert not lint(text, "LAD101")


def test_the_top_role_of_the_whole_family_is_not_reported(lint: Lint) -> None:
    text = """\
  staff: {title: Staff Engineer, track: ic, level: L5, family: eng}
  em: {title: Engineering Manager, track: mgmt, level: L5, family: eng}
"""
    assert not lint(text, "LAD101")


def test_a_dead_end_below_the_ceiling_is_lad103_not_lad101(lint: Lint) -> None:
    text = """\
  senior: {title: Senior Engineer, track: ic, level: L4}
  staff: {title: Staff Engineer, track: ic, level: L5}
  director: {title: Director, track: mgmt, level: L6}
"""
    assert [f.role for f in lint(text, "LAD101")] == ["staff"]
    assert [f.role for f in lint(text, "LAD103")] == ["senior"]


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
