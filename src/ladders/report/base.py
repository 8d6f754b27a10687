"""The reporter base class: ``start(files)``, ``handle(finding)`` for each, ``stop()``.

A reporter only renders; the check has already decided what the findings are. Streaming
formats (text, github) write in :meth:`Reporter.handle`; document formats (json, sarif,
junit) collect and write once in :meth:`Reporter.stop`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar, TextIO

from ladders.findings import Finding, Severity

__all__ = ["Reporter", "relative_path", "report", "use_color"]


class Reporter:
    """Renders findings to a text stream in one format."""

    #: the ``--format`` name
    name: ClassVar[str] = ""

    def __init__(self, stream: TextIO, *, color: bool = False) -> None:
        self.stream = stream
        self.color = color
        self.files: list[str] = []
        self.findings: list[Finding] = []

    def start(self, files: Sequence[str]) -> None:
        """Called once before any finding, with every file read (includes too)."""
        self.files = list(files)

    def handle(self, finding: Finding) -> None:
        """Called once per finding, in report order (file, line, column, code)."""
        self.findings.append(finding)

    def stop(self) -> None:
        """Called once after the last finding."""

    def counts(self) -> dict[str, int]:
        """How many findings of each severity were handled: ``{"error": n, "warning": m}``."""
        counts = {str(Severity.ERROR): 0, str(Severity.WARNING): 0}
        for finding in self.findings:
            counts[str(finding.severity)] += 1
        return counts


def report(reporter: Reporter, files: Sequence[str], findings: Iterable[Finding]) -> None:
    """Drive a reporter through its hooks."""
    reporter.start(files)
    for finding in findings:
        reporter.handle(finding)
    reporter.stop()


def relative_path(path: str) -> str:
    """``path`` relative to the working directory, with forward slashes; absolute when it
    cannot be made relative (another drive on Windows).

    >>> relative_path("examples/./org.yaml")
    'examples/org.yaml'
    """
    try:
        relative = os.path.relpath(path)
    except ValueError:
        relative = os.path.abspath(path)
    return relative.replace(os.sep, "/")


def use_color(environ: Mapping[str, str], isatty: bool) -> bool:
    """Whether to colour output: ``NO_COLOR`` turns it off, then ``FORCE_COLOR`` on,
    then ``TERM=dumb`` off, and otherwise only on a terminal (https://no-color.org).

    >>> use_color({}, True), use_color({"NO_COLOR": "1"}, True)
    (True, False)
    >>> use_color({"FORCE_COLOR": "1"}, False), use_color({}, False)
    (True, False)
    """
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    if environ.get("TERM") == "dumb":
        return False
    return isatty
