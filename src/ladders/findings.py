"""Findings: what a check reports, where, and how serious it is."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

__all__ = ["Finding", "Location", "Severity", "SheetFile", "cell_name"]


class Severity(enum.StrEnum):
    """How serious a finding is. Ordered: ``warning < error``."""

    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for warning, 1 for error, for comparisons with ``--fail-on``."""
        return 1 if self is Severity.ERROR else 0


class SheetFile(str):
    """A workbook's file name that also names a sheet: where a cell of a spreadsheet ladder is.

    Positions travel as ``(file, line, column)`` through code that knows nothing of
    workbooks (the rules, the merge of files); a workbook's positions carry their sheet in
    the file name this way, and a :class:`Finding` made with one takes its ``sheet`` from it.

    >>> where = SheetFile("org.xlsx", "roles")
    >>> finding = Finding("LAD204", "self-move", "error", "m", where, 12)
    >>> where == "org.xlsx", where.sheet, finding.sheet
    (True, 'roles', 'roles')
    """

    sheet: str

    def __new__(cls, file: str, sheet: str) -> SheetFile:
        self = super().__new__(cls, file)
        self.sheet = sheet
        return self

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]
        return (str(self), self.sheet)


def cell_name(line: int, column: int) -> str:
    """A cell's name as spreadsheets write it: column letters, then the row.

    >>> cell_name(12, 1), cell_name(3, 28)
    ('A12', 'AB3')
    """
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters or 'A'}{line}"


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
    #: the sheet of a workbook the finding is in (``line`` is its row); None outside workbooks
    sheet: str | None = None

    def __post_init__(self) -> None:
        if self.severity.__class__ is not Severity:
            object.__setattr__(self, "severity", Severity(self.severity))
        if self.sheet is None and isinstance(self.file, SheetFile):
            object.__setattr__(self, "sheet", self.file.sheet)

    @property
    def cell(self) -> str | None:
        """The sheet and cell of a finding in a workbook, as spreadsheets write it; None
        outside workbooks.

        >>> Finding("LAD101", "x", "error", "m", SheetFile("org.xlsx", "roles"), 12, 1).cell
        'roles!A12'
        """
        if self.sheet is None:
            return None
        return f"{self.sheet}!{cell_name(self.line, self.column)}"

    @property
    def location(self) -> Location:
        """Where the finding is, as a :class:`Location`."""
        return Location(self.file, self.line, self.column)

    def __str__(self) -> str:
        """The ``file:line:col: CODE message`` line (for a workbook, ``org.xlsx[roles]!A12:
        CODE message``).

        >>> str(Finding("LAD204", "self-move", "error", "a move to itself", "org.yaml", 9, 7))
        'org.yaml:9:7: LAD204 a move to itself'
        >>> str(Finding("LAD101", "x", "error", "m", SheetFile("org.xlsx", "roles"), 12, 1))
        'org.xlsx[roles]!A12: LAD101 m'
        """
        if self.sheet is not None:
            where = f"{self.file}[{self.sheet}]!{cell_name(self.line, self.column)}"
        else:
            where = f"{self.file}:{self.line}:{self.column}"
        return f"{where}: {self.code} {self.message}"

    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        """The order findings are reported in: file, line, column, code."""
        return (self.file, self.line, self.column, self.code, self.role or "", self.message)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def to_dict(self) -> dict[str, Any]:
        """The finding as plain JSON-ready data (the ``--format json`` item); ``sheet``
        only for a finding in a workbook."""
        data = {
            "code": self.code,
            "name": self.name,
            "severity": str(self.severity),
            "message": self.message,
            "file": str(self.file),
            "line": self.line,
            "column": self.column,
            "role": self.role,
        }
        if self.sheet is not None:
            data["sheet"] = self.sheet
        return data
