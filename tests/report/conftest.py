"""Findings to feed the reporters, and a helper to run one."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

import pytest

from ladders.findings import Finding
from ladders.report import REPORTERS
from ladders.report.base import report

Render = Callable[..., str]


@pytest.fixture
def findings() -> list[Finding]:
    """An error and a warning in one file, an error in an included file."""
    return [
        Finding(
            "LAD204",
            "self-move",
            "error",
            "Developer (L1) moves to itself",
            "org.yaml",
            4,
            3,
            "dev",
        ),
        Finding(
            "LAD204", "self-move", "warning", "Lead (L2) moves to itself", "org.yaml", 9, 7, "lead"
        ),
        Finding("LAD004", "unknown-reference", "error", "no role 'x'", "teams/design.yaml", 2, 5),
    ]


@pytest.fixture
def render() -> Render:
    """``render(format, files, findings, color=False)`` -> the report text."""

    def run(
        format_name: str, files: Sequence[str], found: Sequence[Finding], color: bool = False
    ) -> str:
        out = io.StringIO()
        report(REPORTERS[format_name](out, color=color), files, found)
        return out.getvalue()

    return run
