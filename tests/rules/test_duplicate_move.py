"""LAD203 duplicate-move."""

from __future__ import annotations

from collections.abc import Callable

from ladders import Finding

Lint = Callable[..., list[Finding]]


def test_fires_at_the_repeat(lint: Lint) -> None:
    found = lint(
        """\
  dev:
    title: Developer
    track: ic
    level: L1
    moves:
      - senior
      - other
      - to: senior
  senior: {title: Senior Developer, track: ic, level: L2}
  other: {title: Other, track: ic, level: L2}
""",
        "LAD203",
    )
    assert [(f.line, f.column, f.role) for f in found] == [(11, 9, "dev")]
    assert "(moves 1 and 3)" in found[0].message


def test_three_times_gives_two_findings(lint: Lint) -> None:
    text = "  a: {title: A, track: ic, level: L1, moves: [b, b, b]}\n"
    text += "  b: {title: B, track: ic, level: L2}\n"
    assert len(lint(text, "LAD203")) == 2


def test_passes_with_distinct_targets(lint: Lint) -> None:
    text = "  a: {title: A, track: ic, level: L1, moves: [b, c]}\n"
    text += "  b: {title: B, track: ic, level: L2, moves: [c]}\n"
    text += "  c: {title: C, track: ic, level: L2, moves: [b]}\n"
    assert not lint(text, "LAD203")
