"""DOT output, laid out by the real Graphviz ``dot``."""

from __future__ import annotations

import subprocess

import pytest

from ladders import Ladder
from ladders.render import render
from ladders.render.dot import quote

from .conftest import generated


def layout_with_dot(dot_program: str, text: str) -> str:
    result = subprocess.run(
        [dot_program, "-Tsvg"], input=text, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr
    return result.stdout


@pytest.mark.parametrize("name", ["healthy", "ceiling", "tricky"])
def test_dot_lays_it_out_without_errors(
    name: str, dot_program: str, request: pytest.FixtureRequest
) -> None:
    ladder: Ladder = request.getfixturevalue(name)
    svg = layout_with_dot(dot_program, render(ladder, "dot"))
    for role in ladder.roles.values():
        if "<" not in role.title and "&" not in role.title:
            assert role.title.split()[0] in svg


def test_dot_on_a_generated_ladder(dot_program: str) -> None:
    layout_with_dot(dot_program, render(generated(120, families=3), "dot"))


def test_dot_structure(healthy: Ladder) -> None:
    text = render(healthy, "dot", findings=())
    assert text.count('subgraph "cluster_') == 2
    assert text.count("rank=same") == 8 + 7  # one per level in each family
    assert '"eng-1" -> "eng-2" [color="#0072B2", style=solid' in text
    assert 'style=dashed, class="move management"' in text


def test_quote_escapes_graphviz_escapes() -> None:
    assert quote('a "b" \\N') == '"a \\"b\\" \\\\N"'
    assert quote("two\nlines") == '"two\\nlines"'
