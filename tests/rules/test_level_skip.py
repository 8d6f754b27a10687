"""LAD202 level-skip."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ladders import Finding
from ladders.errors import UsageError

Lint = Callable[..., list[Finding]]


SKIP = """\
  dev: {title: Developer, track: ic, level: L1, moves: [senior, staff]}
  senior: {title: Senior Developer, track: ic, level: L2}
  staff: {title: Staff Developer, track: ic, level: L3, moves: [dev]}
"""


def test_fires_for_a_move_rising_two_levels(lint: Lint) -> None:
    found = lint(SKIP, "LAD202")
    assert [(f.line, f.column, f.role, f.severity) for f in found] == [(4, 65, "dev", "warning")]
    assert "rises 2 levels (L1 to L3), more than max-step 1" in found[0].message


def test_passes_with_max_step_2(lint: Lint) -> None:
    assert not lint(SKIP, "LAD202", **{"max-step": 2})


def test_management_moves_count_too(lint: Lint) -> None:
    text = "  a: {title: A, track: ic, level: L1, moves: [d]}\n"
    text += "  d: {title: D, track: mgmt, level: L4}\n"
    found = lint(text, "LAD202")
    assert len(found) == 1
    assert "management move" in found[0].message


def test_big_step_back_is_not_a_skip(lint: Lint) -> None:
    text = "  a: {title: A, track: ic, level: L5, moves: [b]}\n"
    text += "  b: {title: B, track: ic, level: L1}\n"
    assert not lint(text, "LAD202")


@pytest.mark.parametrize("bad", [0, -1, "2", 1.5, True])
def test_invalid_max_step_is_a_usage_error(lint: Lint, bad: object) -> None:
    with pytest.raises(UsageError, match="max-step"):
        lint(SKIP, "LAD202", **{"max-step": bad})


def test_the_fix_names_every_level_max_step_allows(lint: Lint) -> None:
    text = "  a: {title: A, track: ic, level: L1, moves: [d]}\n"
    text += "  d: {title: D, track: ic, level: L4}\n"
    (one,) = lint(text, "LAD202")
    assert "move to a role at L2 instead" in one.message
    (two,) = lint(text, "LAD202", **{"max-step": 2})
    assert "move to a role at L2 to L3 instead" in two.message
