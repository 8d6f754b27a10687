"""The text reporter: one ``file:line:col: CODE [severity] message`` line per finding."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from ladders.findings import Finding
from ladders.report.base import use_color

Render = Callable[..., str]
ANSI = re.compile(r"\033\[[0-9;]*m")


def test_one_line_per_finding_then_a_summary(render: Render, findings: list[Finding]) -> None:
    text = render("text", ["org.yaml", "teams/design.yaml"], findings)
    assert text.splitlines() == [
        "org.yaml:4:3: LAD204 [error] Developer (L1) moves to itself",
        "org.yaml:9:7: LAD204 [warning] Lead (L2) moves to itself",
        "teams/design.yaml:2:5: LAD004 [error] no role 'x'",
        "Found 2 errors and 1 warning in 2 files.",
    ]


def test_clean_run_says_so(render: Render) -> None:
    assert render("text", ["org.yaml"], []) == "No findings in 1 file.\n"


def test_colour_only_when_asked_and_text_unchanged(render: Render, findings: list[Finding]) -> None:
    plain = render("text", ["org.yaml"], findings)
    coloured = render("text", ["org.yaml"], findings, color=True)
    assert ANSI.search(plain) is None
    assert "\033[31m" in coloured  # errors in red
    assert "\033[33m" in coloured  # warnings in yellow
    assert ANSI.sub("", coloured) == plain


@pytest.mark.parametrize(
    ("environ", "isatty", "expected"),
    [
        ({}, True, True),
        ({}, False, False),
        ({"NO_COLOR": "1"}, True, False),
        ({"NO_COLOR": ""}, True, True),  # no-color.org: only a non-empty value counts
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False),
        ({"TERM": "dumb"}, True, False),
    ],
)
def test_use_color(environ: dict[str, str], isatty: bool, expected: bool) -> None:
    assert use_color(environ, isatty) is expected


def test_control_characters_in_a_message_stay_on_one_line(render: Render) -> None:
    finding = Finding("LAD204", "self-move", "error", "A\nB \x1b[31mred\tC", "org.yaml", 1, 1)
    text = render("text", ["org.yaml"], [finding])
    assert text.splitlines()[0] == "org.yaml:1:1: LAD204 [error] A\\nB \\x1b[31mred\\tC"


def test_colour_codes_wrap_each_part(render: Render, findings: list[Finding]) -> None:
    coloured = render("text", ["org.yaml"], findings, color=True).splitlines()
    assert coloured[0] == (
        "\033[1morg.yaml:4:3:\033[0m \033[1m\033[31mLAD204\033[0m \033[31m[error]\033[0m "
        "Developer (L1) moves to itself"
    )
    assert coloured[1].startswith("\033[1morg.yaml:9:7:\033[0m \033[1m\033[33mLAD204\033[0m ")


@pytest.mark.parametrize("character", [*map(chr, range(0x20)), "\x7f"])
def test_every_control_character_is_escaped(render: Render, character: str) -> None:
    finding = Finding("LAD204", "self-move", "error", f"a{character}b", "org.yaml", 1, 1)
    line = render("text", ["org.yaml"], [finding]).splitlines()[0]
    assert character not in line
    assert line.startswith("org.yaml:1:1: LAD204 [error] a\\")
