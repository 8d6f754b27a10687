"""ladders.render.render: formats, findings, and staying out of ``import ladders``."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import ladders
from ladders import Ladder
from ladders.render import FORMATS, render

from .conftest import EXAMPLES

NS = {"svg": "http://www.w3.org/2000/svg"}


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


def test_unknown_family_or_role_is_a_usage_error_with_a_hint(healthy: Ladder) -> None:
    with pytest.raises(ladders.UsageError, match=r"no family 'desing'.*did you mean 'design'"):
        render(healthy, "svg", family="desing")
    with pytest.raises(
        ladders.UsageError, match=r"no role 'eng-seniro'.*did you mean 'eng-senior'"
    ):
        render(healthy, "svg", focus="eng-seniro")


def drawn_roles(svg: str) -> dict[str, set[str]]:
    """Each role drawn in an SVG chart, with its box's classes."""
    root = ET.fromstring(svg)
    group = root.find("svg:g[@class='roles']", NS)
    assert group is not None
    return {g.attrib["data-role"]: set(g.attrib["class"].split()) for g in group}


def drawn_moves(svg: str) -> set[tuple[str, str]]:
    root = ET.fromstring(svg)
    group = root.find("svg:g[@class='moves']", NS)
    assert group is not None
    return {(g.attrib["data-from"], g.attrib["data-to"]) for g in group}


def test_a_family_view_has_its_roles_and_stubs_for_moves_leaving_it(healthy: Ladder) -> None:
    svg = render(healthy, "svg", family="engineering")
    roles = drawn_roles(svg)
    engineering = {r for r, role in healthy.roles.items() if role.family == "engineering"}
    leaving = {
        (source, target)
        for source in engineering
        for target in healthy.roles[source].targets
        if target not in engineering
    }
    assert leaving
    outside = {r for r, classes in roles.items() if "outside" in classes}
    assert set(roles) - outside == engineering
    assert outside == {target for _, target in leaving}
    expected = {
        (source, target)
        for source in engineering
        for target in healthy.roles[source].targets
        if target != source
    }
    assert drawn_moves(svg) == expected  # moves into the family from outside are not drawn
    assert "Northwind product organisation: family engineering" in svg


def test_roles_without_a_family_are_a_family_too() -> None:
    ladder = ladders.loads(
        """
levels: [L1, L2]
tracks: {ic: technical}
roles:
  a: {title: A, track: ic, level: L1, moves: [b, c]}
  b: {title: B, track: ic, level: L2}
  c: {title: C, track: ic, level: L2, family: other}
"""
    )
    roles = drawn_roles(render(ladder, "svg", findings=(), family="(no family)"))
    assert roles.keys() == {"a", "b", "c"}
    assert "outside" in roles["c"]


def related(ladder: Ladder, focus: str) -> set[str]:
    """A plain search: the role, what it reaches, what reaches it."""
    found = {focus}
    for forward in (True, False):
        todo, seen = [focus], {focus}
        while todo:
            here = todo.pop()
            if forward:
                step = set(ladder.roles[here].targets)
            else:
                step = {r for r, role in ladder.roles.items() if here in role.targets}
            for other in step - seen:
                seen.add(other)
                todo.append(other)
        found |= seen
    return found


@pytest.mark.parametrize("focus", ["eng-senior", "eng-1", "designer-principal"])
def test_a_focus_view_has_what_the_role_reaches_and_what_reaches_it(
    healthy: Ladder, focus: str
) -> None:
    svg = render(healthy, "svg", focus=focus)
    roles = drawn_roles(svg)
    expected = related(healthy, focus)
    assert set(roles) == expected
    assert {r for r, classes in roles.items() if "focus" in classes} == {focus}
    moves = {(s, t) for s in expected for t in healthy.roles[s].targets if t in expected}
    assert drawn_moves(svg) == moves


@pytest.mark.parametrize("fmt", FORMATS)
def test_views_render_in_every_format(healthy: Ladder, fmt: str) -> None:
    whole = render(healthy, fmt, findings=())
    part = render(healthy, fmt, findings=(), family="design", focus="designer-senior")
    assert len(part) < len(whole)
    assert "Senior Product Designer" in part
    assert "Associate Software Engineer" not in part


def test_the_command_line_draws_views(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from ladders.cli import main

    out = tmp_path / "design.svg"
    code = main(["render", str(EXAMPLES / "healthy.yaml"), "--family", "design", "-o", str(out)])
    assert code == 0
    roles = drawn_roles(out.read_text(encoding="utf-8"))
    assert "designer-1" in roles
    assert "eng-1" not in roles
    code = main(["render", str(EXAMPLES / "healthy.yaml"), "--focus", "eng-1", "-f", "mermaid"])
    assert code == 2  # there is no -f: a usage error, not a traceback
    capsys.readouterr()
    assert main(["render", str(EXAMPLES / "healthy.yaml"), "--focus", "eng-1"]) == 0
    assert "eng-1" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--family", "Design", "no family 'Design' in the ladder; did you mean 'design'?"),
        ("--family", "zzz", "no family 'zzz' in the ladder (families: design, engineering)"),
        ("--focus", "eng-seniro", "no role 'eng-seniro' in the ladder; did you mean 'eng-senior'?"),
    ],
)
def test_the_command_line_names_unknown_families_and_roles(
    option: str, value: str, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from ladders.cli import main

    assert main(["render", str(EXAMPLES / "healthy.yaml"), option, value]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"ladders: {message}\n"
