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
