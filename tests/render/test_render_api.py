"""ladders.render.render: formats, findings, and staying out of ``import ladders``."""

from __future__ import annotations

import subprocess
import sys

import pytest

import ladders
from ladders import Ladder
from ladders.render import FORMATS, render


def test_formats() -> None:
    assert FORMATS == ("svg", "html", "mermaid", "dot")


def test_unknown_format_is_a_usage_error(healthy: Ladder) -> None:
    with pytest.raises(ladders.UsageError, match="png"):
        render(healthy, "png")


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_deterministic(healthy: Ladder, fmt: str) -> None:
    assert render(healthy, fmt) == render(healthy, fmt)


def test_findings_default_to_checking_the_ladder(ceiling: Ladder) -> None:
    checked = render(ceiling, "svg", findings=ladders.check(ceiling))
    assert render(ceiling, "svg") == checked
    assert render(ceiling, "svg", findings=()) != checked


def test_title_defaults_to_the_ladder_name(healthy: Ladder) -> None:
    assert "Northwind product organisation" in render(healthy, "dot", findings=())
    text = render(healthy, "mermaid", findings=(), title="Our ladder")
    assert 'title: "Our ladder"' in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_empty_ladder_renders(fmt: str) -> None:
    ladder = ladders.loads("levels: [L1]\ntracks: {ic: technical}\nroles: {}\n")
    assert render(ladder, fmt, findings=())


def test_import_ladders_does_not_import_render() -> None:
    code = "import sys, ladders; print('ladders.render' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
