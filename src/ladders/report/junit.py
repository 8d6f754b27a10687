"""The ``junit`` format: JUnit XML, as GitLab CI, Jenkins and test dashboards read it.

One ``<testsuite>`` per file read (includes too); each finding is a ``<testcase>``. A
finding at or above ``--fail-on`` (``fail_on``, default ``error``) is a failed test case
with a ``<failure type="CODE">``; one below it is a passed test case with the finding in
its ``<system-out>``, so that a warning the pipeline accepts is not shown as a broken
test (GitLab counts every failure as one). A file without findings has one passing
test case, so that a clean run still shows what was checked.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from ladders.findings import Finding, Severity
from ladders.report.base import Reporter

__all__ = ["JunitReporter", "xml_text"]

# Characters XML 1.0 cannot carry at all, even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold written as ``\\xNN``.

    >>> xml_text("bell\\x07")
    'bell\\\\x07'
    """
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


class JunitReporter(Reporter):
    """``<testsuites>`` with one ``<testsuite>`` per file."""

    name = "junit"

    def __init__(self, stream: TextIO, *, color: bool = False, fail_on: str = "error") -> None:
        super().__init__(stream, color=color)
        #: findings at or above this severity are failures (``never``: none is)
        self.fail_on = fail_on

    def fails(self, finding: Finding) -> bool:
        """Whether ``finding`` is a failed test case (at or above ``fail_on``)."""
        if self.fail_on == "never":
            return False
        return Severity(finding.severity).rank >= Severity(self.fail_on).rank

    def stop(self) -> None:
        by_file: dict[str, list[Finding]] = {name: [] for name in self.files}
        for finding in self.findings:
            by_file.setdefault(finding.file, []).append(finding)
        root = ET.Element(
            "testsuites",
            name="ladders",
            tests=str(sum(max(1, len(found)) for found in by_file.values())),
            failures=str(sum(map(self.fails, self.findings))),
            errors="0",
        )
        for file, found in by_file.items():
            suite = ET.SubElement(
                root,
                "testsuite",
                name=xml_text(file),
                tests=str(max(1, len(found))),
                failures=str(sum(map(self.fails, found))),
                errors="0",
                skipped="0",
            )
            if not found:
                ET.SubElement(suite, "testcase", classname=xml_text(file), name="ladders check")
            for finding in found:
                case = ET.SubElement(
                    suite,
                    "testcase",
                    classname=xml_text(file),
                    name=f"{finding.code} {finding.name} at {finding.line}:{finding.column}",
                    file=xml_text(file),
                    line=str(finding.line),
                )
                text = xml_text(
                    f"{finding.file}:{finding.line}:{finding.column}: {finding.code} "
                    f"[{finding.severity}] {finding.message}"
                    + (f"\nrole: {finding.role}" if finding.role else "")
                )
                if not self.fails(finding):
                    ET.SubElement(case, "system-out").text = text
                    continue
                failure = ET.SubElement(
                    case,
                    "failure",
                    type=finding.code,
                    message=xml_text(f"[{finding.severity}] {finding.message}"),
                )
                failure.text = text
        ET.indent(root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(root, encoding="unicode"))
        self.stream.write("\n")
