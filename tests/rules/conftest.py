"""Helpers for the rule tests: check a YAML ladder and keep the findings of one code."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import ladders
from ladders import Finding
from ladders.check import CheckConfig

HEADER = """\
levels: [L1, L2, L3, L4, L5, L6]
tracks: {ic: technical, mgmt: management}
roles:
"""

Lint = Callable[..., list[Finding]]


def lint_text(text: str, code: str, **options: object) -> list[Finding]:
    """The findings of ``code`` on a ladder (``text`` without a header gets HEADER)."""
    if "levels:" not in text:
        text = HEADER + text
    ladder = ladders.loads(text, source="org.yaml")
    config = CheckConfig(options={code: options} if options else {})
    return [f for f in ladders.check(ladder, config) if f.code == code]


@pytest.fixture
def lint() -> Lint:
    return lint_text
