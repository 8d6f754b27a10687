"""The junit reporter: parsed as XML, one testsuite per file, a testcase per finding,
failed when the finding is at or above ``--fail-on``."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest

from ladders.findings import Finding
from ladders.report import make_reporter
from ladders.report.base import report

Render = Callable[..., str]


def test_one_suite_per_file_read(render: Render, findings: list[Finding]) -> None:
    files = ["org.yaml", "teams/design.yaml", "teams/clean.yaml"]
    root = ET.fromstring(render("junit", files, findings))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == files
    # the warning in org.yaml is below the default --fail-on error: a passed test case
    assert [s.get("failures") for s in suites] == ["1", "1", "0"]
    assert [s.get("tests") for s in suites] == ["2", "1", "1"]
    assert root.get("failures") == "2"
    assert root.get("tests") == "4"


def test_each_error_is_a_failure_typed_by_code(render: Render, findings: list[Finding]) -> None:
    root = ET.fromstring(render("junit", ["org.yaml", "teams/design.yaml"], findings))
    cases = root.findall("testsuite/testcase")
    assert len(cases) == 3
    failures = [case.find("failure") for case in cases]
    assert [f.get("type") if f is not None else None for f in failures] == [
        "LAD204",
        None,
        "LAD004",
    ]
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


def _junit(findings: list[Finding], fail_on: str) -> ET.Element:
    out = io.StringIO()
    report(
        make_reporter("junit", out, fail_on=fail_on), ["org.yaml", "teams/design.yaml"], findings
    )
    return ET.fromstring(out.getvalue())


def test_a_finding_below_fail_on_passes_with_the_finding_in_system_out(
    findings: list[Finding],
) -> None:
    root = _junit(findings, "error")
    warning_case = root.findall("testsuite/testcase")[1]
    assert warning_case.find("failure") is None
    out = warning_case.find("system-out")
    assert out is not None
    assert out.text is not None
    assert out.text.startswith("org.yaml:9:7: LAD204 [warning] Lead (L2) moves to itself")
    assert "role: lead" in out.text


@pytest.mark.parametrize(("fail_on", "failures"), [("warning", 3), ("error", 2), ("never", 0)])
def test_fail_on_decides_which_cases_fail(
    findings: list[Finding], fail_on: str, failures: int
) -> None:
    root = _junit(findings, fail_on)
    assert root.get("failures") == str(failures)
    assert len(root.findall("testsuite/testcase/failure")) == failures
    assert len(root.findall("testsuite/testcase/system-out")) == 3 - failures
    assert root.get("tests") == "3"


def test_fail_on_reaches_junit_from_the_command_line(tmp_path: pytest.TempPathFactory) -> None:
    from pathlib import Path

    from ladders.cli import main

    folder = Path(str(tmp_path))
    ladder = folder / "org.yaml"
    ladder.write_text(
        "levels: [L1, L2, L3]\ntracks: {ic: technical}\nroles:\n"
        "  dev: {title: Developer, track: ic, level: L1, entry: true, moves: [staff]}\n"
        "  senior: {title: Senior, track: ic, level: L2, moves: [staff]}\n"
        "  staff: {title: Staff, track: ic, level: L3}\n"
    )
    for fail_on, failures in (("error", "0"), ("warning", "2")):
        output = folder / f"{fail_on}.xml"
        code = main(
            ["check", str(ladder), "--format", "junit", "-o", str(output), "--fail-on", fail_on]
        )
        assert code == (0 if failures == "0" else 1)
        assert ET.fromstring(output.read_text()).get("failures") == failures
