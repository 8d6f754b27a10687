"""The ``junit`` format: JUnit XML, as GitLab CI, Jenkins and test dashboards read it.

One ``<testsuite>`` per file read (includes too); each finding is a ``<testcase>`` with a
``<failure type="CODE">``; a file without findings has one passing testcase, so that a
clean run still shows what was checked.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ladders.findings import Finding
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

    def stop(self) -> None:
        by_file: dict[str, list[Finding]] = {name: [] for name in self.files}
        for finding in self.findings:
            by_file.setdefault(finding.file, []).append(finding)
        root = ET.Element(
            "testsuites",
            name="ladders",
            tests=str(sum(max(1, len(found)) for found in by_file.values())),
            failures=str(len(self.findings)),
            errors="0",
        )
        for file, found in by_file.items():
            suite = ET.SubElement(
                root,
                "testsuite",
                name=xml_text(file),
                tests=str(max(1, len(found))),
                failures=str(len(found)),
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
                failure = ET.SubElement(
                    case,
                    "failure",
                    type=finding.code,
                    message=xml_text(f"[{finding.severity}] {finding.message}"),
                )
                failure.text = xml_text(
                    f"{finding.file}:{finding.line}:{finding.column}: {finding.code} "
                    f"[{finding.severity}] {finding.message}"
                    + (f"\nrole: {finding.role}" if finding.role else "")
                )
        ET.indent(root)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(root, encoding="unicode"))
        self.stream.write("\n")
