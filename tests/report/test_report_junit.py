"""The junit reporter: parsed as XML, one testsuite per file, a failure per finding."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

from ladders.findings import Finding

Render = Callable[..., str]


def test_one_suite_per_file_read(render: Render, findings: list[Finding]) -> None:
    files = ["org.yaml", "teams/design.yaml", "teams/clean.yaml"]
    root = ET.fromstring(render("junit", files, findings))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == files
    assert [s.get("failures") for s in suites] == ["2", "1", "0"]
    assert [s.get("tests") for s in suites] == ["2", "1", "1"]
    assert root.get("failures") == "3"
    assert root.get("tests") == "4"


def test_each_finding_is_a_failure_typed_by_code(render: Render, findings: list[Finding]) -> None:
    root = ET.fromstring(render("junit", ["org.yaml", "teams/design.yaml"], findings))
    cases = root.findall("testsuite/testcase")
    assert len(cases) == 3
    failures = [case.find("failure") for case in cases]
    assert [f.get("type") for f in failures if f is not None] == ["LAD204", "LAD204", "LAD004"]
    first = failures[0]
    assert first is not None
    assert first.get("message") == "[error] Developer (L1) moves to itself"
    assert first.text is not None
    assert first.text.startswith("org.yaml:4:3: LAD204 [error] Developer (L1) moves to itself")
    assert cases[0].get("classname") == "org.yaml"
    assert cases[0].get("line") == "4"


def test_clean_file_has_a_passing_testcase(render: Render) -> None:
    root = ET.fromstring(render("junit", ["org.yaml"], []))
    (suite,) = root.findall("testsuite")
    (case,) = suite.findall("testcase")
    assert list(case) == []  # no failure, no error, no skipped
    assert suite.get("failures") == "0"


def test_markup_and_control_characters_still_parse(render: Render) -> None:
    message = 'role <"R&D"> \x07 bell'
    finding = Finding("LAD204", "self-move", "error", message, "org.yaml", 1, 1)
    root = ET.fromstring(render("junit", ["org.yaml"], [finding]))
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == '[error] role <"R&D"> \\x07 bell'
