"""DOT output, laid out by the real Graphviz ``dot``."""

from __future__ import annotations

import subprocess

import pytest

import ladders
from ladders import Ladder
from ladders.render import render
from ladders.render.dot import quote

from .conftest import COMPACT_IMPLIED, generated


def layout_with_dot(dot_program: str, text: str, fmt: str = "svg") -> str:
    result = subprocess.run(
        [dot_program, f"-T{fmt}"], input=text, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr
    return result.stdout


def node_places(dot_program: str, text: str) -> dict[str, tuple[float, float]]:
    """Where ``dot`` puts each node: name -> (x, y), from its plain output."""
    places = {}
    for line in layout_with_dot(dot_program, text, "plain").splitlines():
        if line.startswith("node "):
            # node NAME X Y ...: names are quoted when they hold anything but letters
            rest = line[5:]
            if rest.startswith('"'):
                name, rest = rest[1:].split('" ', 1)
            else:
                name, rest = rest.split(" ", 1)
            x, y = rest.split()[:2]
            places[name] = (float(x), float(y))
    return places


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


@pytest.mark.parametrize("name", ["healthy", "ceiling"])
def test_levels_are_rows_with_their_label_at_the_side(
    name: str, dot_program: str, request: pytest.FixtureRequest
) -> None:
    ladder: Ladder = request.getfixturevalue(name)
    places = node_places(dot_program, render(ladder, "dot"))
    heights = [places[f"level:{level.id}"][1] for level in ladder.levels]
    assert heights == sorted(heights)
    assert len(set(heights)) == len(heights)
    axis = max(places[f"level:{level.id}"][0] for level in ladder.levels)
    for role_id, role in ladder.roles.items():
        x, y = places[role_id]
        assert y == places[f"level:{role.level}"][1], role_id  # on its level's row
        assert x > axis, role_id  # right of the labels


def test_dot_structure(healthy: Ladder) -> None:
    text = render(healthy, "dot", findings=())
    assert text.count('subgraph "cluster_') == 2
    assert text.count("rank=same") == 8  # one per level
    assert '"eng-1" -> "eng-2" [color="#0072B2", style=solid' in text
    assert 'style=dashed, class="move management"' in text
    # a move within a level between families bends through a point above
    assert 'class="move lateral cross-family", constraint=false' in text
    assert "technical move (up)" in text
    assert "implied" not in text


def test_implied_moves_are_double_lines(dot_program: str, compact: Ladder) -> None:
    text = render(compact, "dot", findings=())
    assert '"dev" -> "senior" [color="#0072B2:#0072B2", style=solid' in text
    assert text.count(' implied"') == len(COMPACT_IMPLIED)
    assert '"designer" -> "senior" [color="#0072B2", style=solid' in text  # written
    assert "implied move (progression)" in text  # its legend entry
    svg = layout_with_dot(dot_program, text)
    drawn = svg.split('class="edge move technical implied"')
    assert len(drawn) == 3  # dev -> senior, senior -> staff
    assert drawn[1].split("</g>")[0].count("<path") == 2  # two lines side by side
    assert "implied" not in render(ladders.load("examples/healthy.yaml"), "dot", findings=())


def test_a_family_view_has_stubs_for_moves_leaving_it(dot_program: str, healthy: Ladder) -> None:
    text = render(healthy, "dot", family="engineering")
    assert '"designer-2"' in text
    assert "role outside" in text
    assert '"designer-1"' not in text
    layout_with_dot(dot_program, text)


def test_quote_escapes_graphviz_escapes() -> None:
    assert quote('a "b" \\N') == '"a \\"b\\" \\\\N"'
    assert quote("two\nlines") == '"two\\nlines"'
