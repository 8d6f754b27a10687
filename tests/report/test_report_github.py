"""The github reporter: workflow commands, escaped as the Actions toolkit escapes them."""

from __future__ import annotations

import re
from collections.abc import Callable

from ladders.findings import Finding
from ladders.report.github import escape_data, escape_property

Render = Callable[..., str]

COMMAND = re.compile(
    r"^::(?P<level>error|warning) file=(?P<file>[^,:]*),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"title=(?P<title>[^,:]*)::(?P<message>[^\r\n]*)$"
)


def test_one_command_per_finding(render: Render, findings: list[Finding]) -> None:
    lines = render("github", ["org.yaml"], findings).splitlines()
    assert len(lines) == 3
    matches = [COMMAND.match(line) for line in lines]
    assert all(matches), lines
    first = matches[0]
    assert first is not None
    assert first.group("level", "file", "line", "col", "title", "message") == (
        "error",
        "org.yaml",
        "4",
        "3",
        "LAD204 self-move",
        "Developer (L1) moves to itself",
    )
    assert [m.group("level") for m in matches if m] == ["error", "warning", "error"]


def test_message_escaping(render: Render) -> None:
    finding = Finding("LAD204", "self-move", "error", "100% sure:\r\nA, B", "o.yaml", 1, 2)
    (line,) = render("github", ["o.yaml"], [finding]).splitlines()
    # in data, only %, CR and LF are escaped; ':' and ',' stay as they are
    assert line.endswith("::100%25 sure:%0D%0AA, B")


def test_property_escaping(render: Render) -> None:
    finding = Finding("LAD204", "self-move", "error", "m", "dir,1/a:b%.yaml", 1, 2)
    (line,) = render("github", [finding.file], [finding]).splitlines()
    assert line.startswith("::error file=dir%2C1/a%3Ab%25.yaml,line=1,col=2,")
    assert COMMAND.match(line)


def test_escape_functions_match_the_toolkit() -> None:
    # the toolkit's escapeData / escapeProperty (actions/toolkit, core/src/command.ts)
    assert escape_data("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f"
    assert escape_property("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf"
    # % first, so an escape is never escaped again
    assert escape_data("%0A") == "%250A"
