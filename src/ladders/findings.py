"""Findings: what a check reports, where, and how serious it is."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

__all__ = ["Finding", "Location", "Severity"]


class Severity(enum.StrEnum):
    """How serious a finding is. Ordered: ``warning < error``."""

    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for warning, 1 for error, for comparisons with ``--fail-on``."""
        return 1 if self is Severity.ERROR else 0


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a file: 1-based line and column."""

    file: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found in a ladder.

    Findings are immutable and sort by file, line, column, then code:

    >>> a = Finding("LAD203", "duplicate-move", "warning", "m", "org.yaml", 9, 7, "senior")
    >>> b = Finding("LAD101", "management-only-progression", "error", "m", "org.yaml", 3, 3)
    >>> [f.code for f in sorted([a, b])]
    ['LAD101', 'LAD203']
    """

    code: str
    name: str
    severity: Severity | str
    message: str
    file: str
    line: int = 1
    column: int = 1
    role: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "severity", Severity(self.severity))

    @property
    def location(self) -> Location:
        """Where the finding is, as a :class:`Location`."""
        return Location(self.file, self.line, self.column)

    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        """The order findings are reported in: file, line, column, code."""
        return (self.file, self.line, self.column, self.code, self.role or "", self.message)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def to_dict(self) -> dict[str, Any]:
        """The finding as plain JSON-ready data (the ``--format json`` item)."""
        return {
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "role": self.role,
        }
