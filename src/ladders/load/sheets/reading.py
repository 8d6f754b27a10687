"""Reading a table: its header and rows, with the marks and findings of what is read."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ladders.findings import Finding, cell_name
from ladders.hints import did_you_mean
from ladders.load.sheets.layout import COLUMNS, DERIVED, REQUIRED
from ladders.load.source import CellMarks, TableMarks
from ladders.load.text import Fatal, finding

__all__ = [
    "Cell",
    "_Reading",
    "_Table",
    "_Unreadable",
    "_number",
    "_shown",
]


@dataclass
class _Table:
    """One table being read: where it is, how its header names its columns, its rows."""

    name: str  # the table: "roles", ...
    file: str  # the file of its positions: "ladder/roles.csv", or a SheetFile
    label: str  # how messages name it: "roles.csv", "the roles sheet"
    rows: Iterator[tuple[int, Sequence[Any]]]  # (line, cells), the header first
    text: Callable[[Any], str | None]  # what a person sees in a cell, None when blank
    value: Callable[[Any], Any]  # a cell's typed value (bool, int, float, str), None when blank
    blank: Callable[[Sequence[Any]], bool]  # whether a row has nothing in it
    #: whether a cell may hold a control character (False: the whole text was looked at)
    controls: bool = True


# C0 control characters other than tab and line breaks: as in a ladder file, refused.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")


_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_INTEGER = re.compile(r"[+-]?\d+")


def _number(value: Any) -> Any:
    """A number column's value: numbers stay numbers, numeric text becomes one."""
    if isinstance(value, str):
        text = value.strip()
        if _INTEGER.fullmatch(text):
            return int(text)
        if _NUMBER.fullmatch(text):
            number = float(text)
            return int(number) if number.is_integer() and "." not in text else number
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


Cell = tuple[str, int, int]  # (file, line, column), 1-based


class _Reading:
    """Reads a table's header and rows, keeping marks and findings (the base of _Builder)."""

    def __init__(self, book: str, derive: bool = False, *, positions: bool = True) -> None:
        self.book = book  # the workbook or folder: where findings about it as a whole go
        self.data: dict[str, Any] = {}
        self.marks: TableMarks = {}
        self.positions = positions  # else no marks are kept (findings keep their cells)
        self.findings: list[Finding] = []
        self.columns: dict[int, str] = {}
        self.unreadable: set[str] = set()
        self.derive = derive  # import-csv: levels and tracks may come from the roles
        self.level_ids: list[str] = []
        self.roles: dict[str, dict[str, Any]] = {}
        self.role_cells: dict[str, Cell] = {}
        self.derived: list[tuple[str, str, Any, Cell]] = []  # role, column, value, cell
        self.first_level: dict[str, dict[str, Any]] = {}
        self.reported: set[Cell] = set()  # the cells with a finding already

    # -- marks and findings

    def key(self, container: dict[str, Any], key: Any, at: Cell, value: Cell | None = None) -> None:
        if not self.positions:
            return
        marks = self.marks
        table = marks.get(id(container))
        if table is None:
            table = marks[id(container)] = {}
        assert table.__class__ is dict
        cells: CellMarks = table
        to = value or at
        cells[key] = (at[1] - 1, at[2] - 1, to[1] - 1, to[2] - 1, at[0])

    def item(self, container: list[Any], at: Cell) -> None:
        if not self.positions:
            return
        table = self.marks.setdefault(id(container), [])
        assert isinstance(table, list)
        table.append((at[1] - 1, at[2] - 1, at[0]))

    def report(
        self, code: str, message: str, at: Cell, role: str | None = None, column: str = ""
    ) -> None:
        found = finding(code, message, at[0], at[1], at[2], role)
        self.findings.append(found)
        self.reported.add(at)
        if column:
            self.columns[id(found)] = column

    # -- the tables

    def header(self, table: _Table) -> tuple[int, dict[str, int], frozenset[int]] | None:
        """The header's line, the index of each column it names, and the indexes of every
        named column (known or not); None when the table cannot be read."""
        for line, cells in table.rows:
            if table.blank(cells):
                continue
            names = [table.text(c) for c in cells]
            columns = self._columns(table, line, names)
            if not columns:
                return None
            named = frozenset(i for i, n in enumerate(names) if n is not None and n.strip())
            return line, columns, named
        self.report("LAD002", f"{table.label} is empty: it needs a header row", (table.file, 1, 1))
        return None

    def _columns(self, table: _Table, line: int, names: list[str | None]) -> dict[str, int]:
        known = (*COLUMNS[table.name], *DERIVED.get(table.name, ()))
        at = (table.file, line, 1)
        separator = _separator(names, known)
        if separator:
            self.report(
                "LAD002",
                f"{table.label} separates its columns with {separator}: ladders reads CSV "
                "separated by commas; save it as 'CSV UTF-8 (comma delimited)'",
                at,
            )
            return {}
        columns: dict[str, int] = {}
        for index, raw in enumerate(names):
            if raw is None:
                continue
            name = raw.strip().lower()
            here = (table.file, line, index + 1)
            if name in columns:
                first = cell_name(line, columns[name] + 1)
                self.report("LAD003", f"column {name!r} is given twice (first in {first})", here)
            elif name in known:
                columns[name] = index
            else:
                self.report(
                    "LAD002",
                    f"unknown column {raw.strip()!r} in {table.label}"
                    f"{did_you_mean(name, known) or '; columns: ' + ', '.join(known)}",
                    here,
                )
        missing = [c for c in REQUIRED[table.name] if c not in columns]
        if missing:
            self.report(
                "LAD002",
                f"missing column {', '.join(map(repr, missing))} in {table.label} "
                f"(a {table.name} table needs {', '.join(REQUIRED[table.name])})",
                at,
            )
            return {}
        return columns

    def rows(
        self, table: _Table, line: int, columns: dict[str, int], named: frozenset[int]
    ) -> Iterator[tuple[int, Callable[..., Any], Callable[[str], Cell]]]:
        """The data rows: line, a getter of a column's cell (``get(name)`` its text,
        ``get(name, "value")`` its typed value), and the cell of a column."""
        width = max(named) + 1
        dense = len(named) == width  # every column up to the last has a name
        reported: set[int] = set()
        text, value, file, blank = table.text, table.value, table.file, table.blank
        controls = table.controls
        for row_line, cells in table.rows:
            if blank(cells):
                continue
            if not dense or len(cells) > width:
                for index in range(len(cells)):
                    if index in named or index in reported or text(cells[index]) is None:
                        continue
                    reported.add(index)
                    self.report(
                        "LAD002",
                        f"a value in a column with no name in {table.label}'s header: "
                        "name the column or clear it",
                        (file, row_line, index + 1),
                    )

            def get(
                name: str,
                kind: str = "text",
                cells: Sequence[Any] = cells,
                n: int = len(cells),
                row_line: int = row_line,
            ) -> Any:
                index = columns.get(name)
                if index is None or index >= n:
                    return None
                cell = cells[index]
                if cell is None or (cell.__class__ is str and not cell):  # a blank CSV cell
                    return None
                got = text(cell) if kind == "text" else value(cell)
                if controls and got.__class__ is str and _CONTROL.search(got):
                    self.control(table, columns, cells, got, (file, row_line, index + 1), name)
                return got

            def where(name: str, row_line: int = row_line) -> Cell:
                index = columns.get(name)
                return (file, row_line, (index if index is not None else 0) + 1)

            yield row_line, get, where

    def control(
        self,
        table: _Table,
        columns: dict[str, int],
        cells: Sequence[Any],
        text: str,
        at: Cell,
        column: str,
    ) -> None:
        """LAD002 for a control character in a cell (as for a ladder file's text)."""
        found = _CONTROL.search(text)
        assert found is not None
        owner_column = {"roles": "id", "moves": "from", "bands": "role"}.get(table.name)
        index = columns.get(owner_column or "")
        role = table.text(cells[index]) if index is not None and index < len(cells) else None
        self.report(
            "LAD002",
            f"{column} holds the control character U+{ord(found.group()):04X}: text may "
            "hold tabs and line breaks, not other control characters",
            at,
            role,
            column,
        )

    def missing(self, table: str, message: str) -> None:
        """A required table is not there."""
        self.unreadable.add(table)
        self.report("LAD002", message, (self.book, 1, 1))

    def read_table(self, table: _Table) -> None:
        """Read one table into the data."""
        try:
            head = self.header(table)
            if head is None:
                self.unreadable.add(table.name)
                return
            reader: Callable[..., None] = getattr(self, f"_{table.name}")
            reader(table, *head)
        except _Unreadable as stop:
            self.unreadable.add(table.name)
            self.report("LAD001", str(stop), (table.file, stop.line, 1))

    def boolean(self, raw: Any) -> Any:
        """A boolean cell: a boolean, or the text true or false in any case. Anything else
        is kept as it is, for validation to report as it does for a ladder file."""
        if isinstance(raw, str) and raw.strip().lower() in ("true", "false"):
            return raw.strip().lower() == "true"
        return raw

    def json_cell(self, text: str, at: Cell, role: str | None, column: str) -> Any:
        """A JSON cell's value; its text, when it is not JSON (reported here)."""
        from ladders.load.json import read_json

        try:
            value, _, duplicates = read_json(text)
        except Fatal as stop:
            code = stop.problem.code
            reason = stop.problem.message.removeprefix("invalid JSON: ")
            if code == "LAD005":
                self.report("LAD005", f"{column}: {reason}", at, role, column)
            else:
                self.report("LAD002", f"{column} is not valid JSON ({reason})", at, role, column)
            return text
        if duplicates:
            self.report("LAD003", f"{column} has a duplicate key", at, role, column)
        return value

    def ignore_cell(self, text: str, at: Cell, role: str | None) -> Any:
        """An ignore cell: one ``CODE: reason`` per line (or a JSON object, as ladders 0.1
        wrote); its text, when it cannot be read so (reported here)."""
        if text.lstrip().startswith("{"):
            value = self.json_cell(text, at, role, "ignore")
        else:
            value = {}
            for line in text.splitlines():
                if not line.strip():
                    continue
                code, colon, reason = line.partition(":")
                if not colon or not code.strip():
                    self.report(
                        "LAD002",
                        f"ignore: write one 'CODE: reason' per line, not {_shown(line.strip())}",
                        at,
                        role,
                        "ignore",
                    )
                    return text
                code = code.strip()
                if code in value:
                    self.report("LAD003", f"ignore: {code} is given twice", at, role, "ignore")
                    continue
                value[code] = reason.strip()
        if isinstance(value, dict):
            for code in value:
                self.key(value, code, at)
        return value

    def _mapping(self, container: dict[str, Any], key: str, value: Any, at: Cell) -> None:
        container[key] = value
        self.key(container, key, at)


class _Unreadable(Exception):
    """A table's file or sheet cannot be read at all (at ``line``)."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.line = line


def _separator(names: Sequence[str | None], known: Sequence[str]) -> str:
    """How a header separates its columns, when it is not with commas: a header cell
    that, split at ``;``, a tab or ``|``, names columns of the table.

    >>> _separator(["id;title;track"], ["id", "title"]), _separator(["id", "title"], ["id"])
    ("';'", '')
    """
    for separator, shown in ((";", "';'"), ("\t", "tabs"), ("|", "'|'")):
        for name in names:
            parts = [part.strip().lower() for part in (name or "").split(separator)]
            if len(parts) > 1 and sum(part in known for part in parts) >= 2:
                return shown
    return ""


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
