"""LAD204 self-move."""

from __future__ import annotations

from collections.abc import Callable

from ladders import Finding

Lint = Callable[..., list[Finding]]


def test_fires_at_the_move(lint: Lint) -> None:
    found = lint(
        """\
  dev:
    title: Developer
    track: ic
    level: L1
    moves: [senior, dev]
  senior: {title: Senior, track: ic, level: L2}
""",
        "LAD204",
    )
    assert [(f.file, f.line, f.column, f.role, f.severity) for f in found] == [
        ("org.yaml", 8, 21, "dev", "error")
    ]
    assert "Developer (dev, L1) has a move to itself" in found[0].message


def test_passes_without_self_moves(lint: Lint) -> None:
    text = "  a: {title: A, track: ic, level: L1, moves: [b]}\n"
    text += "  b: {title: B, track: ic, level: L1, moves: [a]}\n"
    assert not lint(text, "LAD204")
