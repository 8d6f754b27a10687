"""The ``text`` format: ``file:line:col: CODE [severity] message`` and a summary line.

A finding in a workbook names its sheet and cell instead: ``org.xlsx[roles]!A12: ...``.
"""

from __future__ import annotations

import re
from typing import Any

from ladders.findings import Finding, Severity, cell_name
from ladders.report.base import Reporter

__all__ = ["TextReporter"]

_RESET = "\033[0m"
_BOLD = "\033[1m"
_SEVERITY_COLOR = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m"}


# Control characters in a message (a title with a line break or a terminal escape) would
# split a finding over lines or repaint the terminal: show them escaped instead.
_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F]}
_CONTROLS.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})
_HAS_CONTROL = re.compile("[\x00-\x1f\x7f]").search  # (at C speed: most messages have none)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


class TextReporter(Reporter):
    """One line per finding, as compilers and linters print them, then a summary."""

    name = "text"
    #: lines written to the stream at once (one write per line costs more than the line)
    batch = 512

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._lines: list[str] = []
        # (code, severity) -> the painted " CODE [severity] " between place and message
        self._labels: dict[tuple[str, str], str] = {}

    def _flush(self) -> None:
        if self._lines:
            self.stream.write("".join(self._lines))
            self._lines.clear()

    def _paint(self, text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if self.color else text

    def _label(self, code: str, severity: str) -> str:
        level = Severity(severity)
        painted = self._paint(code, _BOLD + _SEVERITY_COLOR[level])
        label = self._labels[code, severity] = (
            f" {painted} {self._paint(f'[{level}]', _SEVERITY_COLOR[level])} "
        )
        return label

    def handle(self, finding: Finding) -> None:
        self.findings.append(finding)  # (what Reporter.handle does, for the summary)
        if finding.sheet is not None:  # a workbook's cell: org.xlsx[roles]!A12
            place = f"{finding.file}[{finding.sheet}]!{cell_name(finding.line, finding.column)}:"
        else:
            place = f"{finding.file}:{finding.line}:{finding.column}:"
        if self.color:
            place = f"{_BOLD}{place}{_RESET}"
        code, severity = finding.code, finding.severity
        label = self._labels.get((code, severity)) or self._label(code, severity)
        message = finding.message
        if _HAS_CONTROL(message):
            message = message.translate(_CONTROLS)
        self._lines.append(f"{place}{label}{message}\n")
        if len(self._lines) >= self.batch:
            self._flush()

    def stop(self) -> None:
        self._flush()
        counts = self.counts()
        files = _plural(len(self.files), "file")
        if not self.findings:
            self.stream.write(f"No findings in {files}.\n")
            return
        errors = _plural(counts[Severity.ERROR], "error")
        warnings = _plural(counts[Severity.WARNING], "warning")
        self.stream.write(f"Found {errors} and {warnings} in {files}.\n")
