"""LAD201 kind-mismatch."""

from __future__ import annotations

from collections.abc import Callable

from ladders import Finding

Lint = Callable[..., list[Finding]]


def test_fires_at_the_move_item(lint: Lint) -> None:
    found = lint(
        """\
  senior:
    title: Senior Engineer
    track: ic
    level: L3
    moves:
      - to: em
        kind: lateral
  em: {title: Engineering Manager, track: mgmt, level: L4}
""",
        "LAD201",
    )
    assert [(f.file, f.line, f.column, f.role) for f in found] == [("org.yaml", 9, 9, "senior")]
    assert "declared lateral but is management" in found[0].message
    assert "Engineering Manager (em, L4)" in found[0].message


def test_passes_with_the_inferred_kind(lint: Lint) -> None:
    text = """\
  senior: {title: S, track: ic, level: L3, moves: [{to: em, kind: management}, {to: peer}]}
  em: {title: EM, track: mgmt, level: L4, moves: [{to: senior, kind: lateral}]}
  peer: {title: P, track: ic, level: L4, moves: [{to: senior, kind: lateral}]}
"""
    assert not lint(text, "LAD201")


def test_step_back_is_lateral(lint: Lint) -> None:
    text = "  a: {title: A, track: ic, level: L3, moves: [{to: b, kind: technical}]}\n"
    text += "  b: {title: B, track: ic, level: L2}\n"
    assert [f.role for f in lint(text, "LAD201")] == ["a"]


def test_the_finding_is_at_the_move_of_a_role_that_is_not_the_first(lint: Lint) -> None:
    text = """\
  first: {title: First, track: ic, level: L1, moves: [second]}
  second:
    title: Second
    track: ic
    level: L2
    moves:
      - third
      - {to: boss, kind: technical}
  third: {title: Third, track: ic, level: L3}
  boss: {title: Boss, track: mgmt, level: L3}
"""
    (found,) = lint(text, "LAD201")
    assert (found.role, found.line, found.column) == ("second", 11, 9)
