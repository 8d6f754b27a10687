"""Spreadsheet ladders: a workbook (``.xlsx``) or a folder of CSV files, read as ladder data.

HR teams keep ladders in spreadsheets, so a ladder may be one (DESIGN §1 "Spreadsheets"):
one sheet (or ``NAME.csv`` file) per table, a header row, one item per row. The tables
are turned into the same plain data a YAML file gives, with a mark for every key, value
and item at its cell, and then validated and merged as any ladder file is: the findings
are the same, located at cells (``line`` is the row, ``column`` the column; for a
workbook the file is a :class:`~ladders.findings.SheetFile` that names the sheet too).

The layout (:data:`COLUMNS`; only :data:`REQUIRED` columns must be there, in any order):

======== ===================================================================================
ladder   ``key,value``: ``name``, ``description``, ``version``, ``promote``, ``switch``
levels   ``id,name,description,entry``, lowest level first
tracks   ``id,kind,name,description``
roles    ``id,title,track,level,family,entry,description,promote,switch,ignore,metadata``
moves    ``from,to,kind,criteria,ignore,metadata``
bands    ``level,track,role,min,max,currency``
======== ===================================================================================

Cells: blank means "not given"; text is read as a person sees it (a number shown as
``1.10`` is ``"1.10"``, a date as its format shows it); booleans are boolean cells or the
text true/false in any case; ``ignore`` is one ``CODE: reason`` per line, ``criteria``
one criterion per line; ``metadata`` is JSON text. Text a spreadsheet would run as a
formula is written with a ``'`` in front (:func:`protect`), which reading drops again
(:func:`unprotect`).

Workbooks are zip archives and are opened with care: a member that inflates more than
100 times its size to more than 50 MB is refused (LAD005), as are macros (``.xlsm``,
``vbaProject.bin``; never run); a formula without a saved value and merged cells are
found by scanning the sheet's XML, and reported at their cells.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import sys
import warnings
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from ladders.findings import Finding, SheetFile, cell_name
from ladders.hints import did_you_mean
from ladders.load.source import CellMarks, SourceMap, TableMarks
from ladders.load.text import Fatal, decode, finding

if TYPE_CHECKING:
    from ladders.load.includes import Reader
    from ladders.load.read import Unsure
    from ladders.model import LadderFile

__all__ = [
    "COLUMNS",
    "DERIVED",
    "LADDER_KEYS",
    "REQUIRED",
    "REQUIRED_TABLES",
    "TABLES",
    "Tables",
    "decode_cell_text",
    "encode_cell_text",
    "is_spreadsheet",
    "protect",
    "read_spreadsheet",
    "read_spreadsheet_root",
    "read_tables",
    "unprotect",
]

#: the tables of a spreadsheet ladder, in reading order
TABLES = ("ladder", "levels", "tracks", "roles", "moves", "bands")
#: the tables a spreadsheet ladder must have
REQUIRED_TABLES = ("levels", "tracks", "roles")
#: each table's columns, in the order ladders writes them
COLUMNS: dict[str, tuple[str, ...]] = {
    "ladder": ("key", "value"),
    "levels": ("id", "name", "description", "entry"),
    "tracks": ("id", "kind", "name", "description"),
    "roles": (
        "id", "title", "track", "level", "family", "entry", "description",
        "promote", "switch", "ignore", "metadata",
    ),
    "moves": ("from", "to", "kind", "criteria", "ignore", "metadata"),
    "bands": ("level", "track", "role", "min", "max", "currency"),
}  # fmt: skip
#: the columns each table must have
REQUIRED: dict[str, tuple[str, ...]] = {
    "ladder": ("key", "value"),
    "levels": ("id",),
    "tracks": ("id", "kind"),
    "roles": ("id", "title", "track", "level"),
    "moves": ("from", "to"),
    "bands": (),
}
#: columns that repeat what the ladder says (for sorting and filtering); they must agree
DERIVED: dict[str, tuple[str, ...]] = {"roles": ("track_kind", "level_rank")}
#: the keys of the ``ladder`` table
LADDER_KEYS = ("name", "description", "version", "promote", "switch")

_WORKBOOK = (".xlsx",)
_MACROS = (".xlsm", ".xltm", ".xlam")
_OTHER_BOOKS = (".xls", ".xlsb", ".ods", ".numbers", ".xltx")

# A zip member that inflates past this, more than _MAX_RATIO times its packed size, is a
# zip bomb (DESIGN §1); a large member that packs normally is a large workbook, and fine.
_MAX_INFLATED = 50 * 1024 * 1024
_MAX_RATIO = 100


def is_spreadsheet(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` names a spreadsheet ladder: a workbook file, or a folder.

    >>> is_spreadsheet("org.xlsx"), is_spreadsheet("org.XLSM"), is_spreadsheet("org.yaml")
    (True, True, False)
    """
    name = os.fspath(path)
    suffix = os.path.splitext(name)[1].lower()
    return suffix in (*_WORKBOOK, *_MACROS, *_OTHER_BOOKS) or os.path.isdir(name)


# -- cell text ---------------------------------------------------------------------------

_TRIGGER = frozenset("=+-@\t\r")


def protect(text: str) -> str:
    """Text as a spreadsheet must be given it so that it is never run as a formula.

    Text starting with ``= + - @``, tab or CR gets a ``'`` in front (as OWASP advises for
    CSV injection); so does text that is already a run of ``'`` before one of those, so
    that :func:`unprotect` gives back exactly what was written.

    >>> protect("=HYPERLINK(1)"), protect("-5 days"), protect("'=x"), protect("Staff")
    ("'=HYPERLINK(1)", "'-5 days", "''=x", 'Staff')
    """
    if text and (text[0] in _TRIGGER or (text[0] == "'" and text.lstrip("'")[:1] in _TRIGGER)):
        return "'" + text
    return text


def unprotect(text: str) -> str:
    """The text :func:`protect` was given: one leading ``'`` before a formula character
    (after any further ``'``) is dropped.

    >>> unprotect("'=HYPERLINK(1)"), unprotect("''=x"), unprotect("'tis"), unprotect("'")
    ('=HYPERLINK(1)', "'=x", "'tis", "'")
    """
    if text[:1] == "'" and text.lstrip("'")[:1] in _TRIGGER and len(text.lstrip("'")) > 0:
        return text[1:]
    return text


# Characters XML cannot hold (and CR, which XML readers turn into LF) are written in a
# workbook as the OOXML escape _xHHHH_, which Excel shows as the character; an underscore
# that starts such an escape is written _x005F_.
_UNSAFE_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)")
_ESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")


def encode_cell_text(text: str) -> str:
    """Text for a workbook cell: control characters and CR as ``_xHHHH_`` escapes.

    >>> encode_cell_text("a\\rb"), encode_cell_text("_x0041_")
    ('a_x000D_b', '_x005F_x0041_')
    """
    if not _UNSAFE_XML.search(text):
        return text
    return _UNSAFE_XML.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def decode_cell_text(text: str) -> str:
    """The text :func:`encode_cell_text` was given (escapes of other characters are kept).

    >>> decode_cell_text("a_x000D_b"), decode_cell_text("_x005F_x0041_")
    ('a\\rb', '_x0041_')
    >>> decode_cell_text("_x0041_")  # not a character ladders escapes: kept as written
    '_x0041_'
    """
    if "_x" not in text:
        return text

    def one(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if _UNSAFE_XML.match(char) or char == "_" else match.group()

    return _ESCAPE.sub(one, text)


def _general(value: float) -> str:
    """A number as the General format shows it: integers whole, up to 15 significant digits."""
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return format(value, ".15g").replace("e+", "E+").replace("e-", "E-")


_NUMBER_TOKENS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.|.')


def _number_text(value: float, number_format: str | None) -> str:
    """A number as its cell's number format shows it (the common formats; else General).

    >>> _number_text(1.1, "0.00"), _number_text(1234.5, "#,##0"), _number_text(0.25, "0%")
    ('1.10', '1,235', '25%')
    >>> _number_text(7, '"L"0'), _number_text(1.1, "General"), _number_text(1.5, "0.0#")
    ('L7', '1.1', '1.5')
    """
    sections = (number_format or "General").split(";")
    section = sections[0]
    if value < 0 and len(sections) > 1 and sections[1].strip():
        section, value = sections[1], -value
    if section.strip().lower() in ("general", "@", ""):
        return _general(value)
    before: list[str] = []
    after: list[str] = []
    pattern: list[str] = []
    percent = False
    for token in _NUMBER_TOKENS.findall(section):
        if token[0] == '"':
            text = token[1:-1]
        elif token[0] == "\\":
            text = token[1:]
        elif token[0] in "[_*":
            continue
        elif token in "0#?.,":
            if after:  # placeholders on both sides of text: not a format shown here
                return _general(value)
            pattern.append(token)
            continue
        elif token == "%":
            percent, text = True, "%"
        elif token in "eE/":  # scientific notation, fractions: shown as General
            return _general(value)
        else:
            text = token
        (after if pattern else before).append(text)
    if not pattern:
        return _general(value)
    whole, _, fraction = "".join(pattern).partition(".")
    fraction = fraction.replace(",", "")
    places, fixed = len(fraction), fraction.count("0")
    # Spreadsheets round half away from zero, on the decimal number shown.
    shown = Decimal(repr(value)) * (100 if percent else 1)
    shown = shown.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{shown:,.{places}f}" if "," in whole.strip(",") else f"{shown:.{places}f}"
    if places > fixed:  # '#' and '?' places show only the digits needed
        head, _, tail = text.partition(".")
        tail = tail[:fixed] + tail[fixed:].rstrip("0")
        text = f"{head}.{tail}" if tail else head
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    head, dot, tail = text.partition(".")
    minimum = whole.count("0")
    if minimum == 0 and head == "0" and dot:
        head = ""
    elif len(head) < minimum:
        head = head.zfill(minimum)
    return "".join(before) + sign + head + dot + tail + "".join(after)


_DATE_TOKENS = re.compile(
    r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.|yyyy|yy|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s'
    r"|am/pm|a/p|\.0+|.",
    re.IGNORECASE,
)


def _date_text(value: dt.date | dt.time | dt.timedelta, number_format: str | None) -> str:
    """A date or time as its cell's number format shows it.

    >>> _date_text(dt.datetime(2024, 3, 5, 14, 7), "d mmm yyyy h:mm")
    '5 Mar 2024 14:07'
    >>> _date_text(dt.datetime(2024, 3, 5), "m/d/yy"), _date_text(dt.date(2024, 3, 5), "General")
    ('3/5/24', '2024-03-05')
    """
    if isinstance(value, dt.timedelta):
        return str(value)
    section = (number_format or "").split(";")[0]
    tokens = [m.group() for m in _DATE_TOKENS.finditer(section)]
    if not any(t.lower()[0] in "ydhs" or t.lower().startswith("m") for t in tokens if t):
        if isinstance(value, dt.datetime) and value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat()
    moment = value if isinstance(value, dt.datetime) else None
    day = value if isinstance(value, dt.date) else None
    clock = value if isinstance(value, dt.time) else (moment.time() if moment else dt.time(0))
    twelve = any(t.lower() in ("am/pm", "a/p") for t in tokens)
    out: list[str] = []
    for index, token in enumerate(tokens):
        low = token.lower()
        after = [t.lower() for t in tokens[index + 1 :] if t.strip(" :.,-/")]
        before = [t.lower() for t in tokens[:index] if t.strip(" :.,-/")]
        minutes = low in ("m", "mm") and (
            (before and before[-1] in ("h", "hh")) or (after and after[0] in ("s", "ss"))
        )
        if token[0] == '"':
            out.append(token[1:-1])
        elif token[0] == "\\":
            out.append(token[1])
        elif token[0] in "[_*":
            continue
        elif minutes:
            out.append(f"{clock.minute:0{len(low)}d}")
        elif low in ("yyyy", "yy") and day:
            out.append(f"{day.year:04d}" if low == "yyyy" else f"{day.year % 100:02d}")
        elif low.startswith("m") and low in ("m", "mm", "mmm", "mmmm", "mmmmm") and day:
            names = day.strftime("%B")
            out.append(
                {
                    "m": str(day.month),
                    "mm": f"{day.month:02d}",
                    "mmm": names[:3],
                    "mmmm": names,
                    "mmmmm": names[:1],
                }[low]
            )
        elif low in ("d", "dd", "ddd", "dddd") and day:
            name = day.strftime("%A")
            out.append(
                {"d": str(day.day), "dd": f"{day.day:02d}", "ddd": name[:3], "dddd": name}[low]
            )
        elif low in ("h", "hh"):
            hour = clock.hour % 12 or 12 if twelve else clock.hour
            out.append(f"{hour:0{len(low)}d}")
        elif low in ("s", "ss"):
            out.append(f"{clock.second:0{len(low)}d}")
        elif low == "am/pm":
            out.append("AM" if clock.hour < 12 else "PM")
        elif low == "a/p":
            out.append("A" if clock.hour < 12 else "P")
        elif low.startswith(".0"):
            out.append("." + f"{clock.microsecond:06d}"[: len(low) - 1])
        else:
            out.append(token)
    return "".join(out)


# -- reading tables ------------------------------------------------------------------------


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


# C0 control characters other than tab and line breaks: as in a ladder file, refused.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")


def _lines(text: str) -> str:
    """Line breaks as LF: a cell's CR LF or CR (as YAML folds them) is one line break."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _csv_text(cell: str) -> str | None:
    return _lines(unprotect(cell)) if cell else None


def _book_text(cell: Any) -> str | None:
    value = cell.value
    if value is None:
        return None
    if value.__class__ is str:
        if not value:
            return None
        return _lines(unprotect(decode_cell_text(value)))
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return _number_text(value, cell.number_format)
    if isinstance(value, dt.date | dt.time | dt.timedelta):
        return _date_text(value, cell.number_format)
    return str(value)


def _book_value(cell: Any) -> Any:
    value = cell.value
    if value is None or isinstance(value, bool | int | float):
        return value
    return _book_text(cell)


def _csv_blank(cells: Sequence[str]) -> bool:
    return not any(cells)


def _book_blank(cells: Sequence[Any]) -> bool:
    return all(cell.value is None or cell.value == "" for cell in cells)


def _csv_records(text: str) -> Iterator[tuple[int, list[str]]]:
    """CSV records with the physical line each starts on."""
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1
    for record in reader:
        yield line, record
        line = reader.line_num + 1


@dataclass
class Tables:
    """What reading a spreadsheet ladder gives: its data, positions and findings.

    ``columns`` names, for a finding about a cell, the column it is in (for messages
    such as ``roles.csv row 2, entry``); ``files`` lists the files read.
    """

    data: dict[str, Any]
    source: SourceMap
    findings: list[Finding] = field(default_factory=list)
    columns: dict[int, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)
    reported: set[tuple[str, int, int]] = field(default_factory=set)


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


class _Builder:
    """Builds ladder file data and its marks from the tables, reporting what is wrong."""

    def __init__(self, book: str, derive: bool = False) -> None:
        self.book = book  # the workbook or folder: where findings about it as a whole go
        self.data: dict[str, Any] = {}
        self.marks: TableMarks = {}
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
        table = self.marks.setdefault(id(container), {})
        assert isinstance(table, dict)
        cells: CellMarks = table
        to = value or at
        cells[key] = (at[1] - 1, at[2] - 1, to[1] - 1, to[2] - 1, at[0])

    def item(self, container: list[Any], at: Cell) -> None:
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
                got = text(cells[index]) if kind == "text" else value(cells[index])
                if got.__class__ is str and _CONTROL.search(got):
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

    # ladder: key,value

    def _ladder(
        self, table: _Table, line: int, columns: dict[str, int], named: frozenset[int]
    ) -> None:
        data = self.data
        seen: dict[str, Cell] = {}
        for _, get, where in self.rows(table, line, columns, named):
            raw_key = get("key")
            at, value_at = where("key"), where("value")
            if raw_key is None:
                self.report("LAD002", "a value without a key in the ladder table", value_at)
                continue
            key = raw_key.strip().lower()
            if key not in LADDER_KEYS:
                hint = did_you_mean(key, LADDER_KEYS) or "; keys: " + ", ".join(LADDER_KEYS)
                self.report(
                    "LAD002", f"unknown key {raw_key.strip()!r} in the ladder table{hint}", at
                )
                continue
            if key in seen:
                first = seen[key]
                self.report(
                    "LAD003",
                    f"duplicate key {key!r}: it is already given in row {first[1]}",
                    at,
                )
                continue
            seen[key] = at
            if key in ("promote", "switch"):
                flag = self.boolean(get("value", "value"))
                if flag is None:
                    continue
                if "progression" not in data:
                    data["progression"] = {}
                    self.key(data, "progression", at)
                data["progression"][key] = flag
                self.key(data["progression"], key, at, value_at)
            elif key == "version":
                version = _number(get("value", "value"))
                if version is not None:
                    data["version"] = version
                    self.key(data, "version", at, value_at)
            else:
                text = get("value")
                if text is not None:
                    data[key] = text
                    self.key(data, key, at, value_at)

    # levels: id,name,description,entry

    def _levels(
        self, table: _Table, line: int, columns: dict[str, int], named: frozenset[int]
    ) -> None:
        levels: list[dict[str, Any]] = []
        self.data["levels"] = levels
        self.key(self.data, "levels", (table.file, line, 1))
        for _, get, where in self.rows(table, line, columns, named):
            level_id = get("id")
            if level_id is None:
                self.report("LAD002", "a level needs an id", where("id"), column="id")
                continue
            level: dict[str, Any] = {"id": level_id}
            self.key(level, "id", where("id"))
            for column in ("name", "description"):
                text = get(column)
                if text is not None:
                    self._mapping(level, column, text, where(column))
            entry = self.boolean(get("entry", "value"))
            if entry is not None:
                self._mapping(level, "entry", entry, where("entry"))
            self.item(levels, where("id"))
            levels.append(level)
            self.level_ids.append(level_id)
            self.first_level.setdefault(level_id, level)

    # tracks: id,kind,name,description

    def _tracks(
        self, table: _Table, line: int, columns: dict[str, int], named: frozenset[int]
    ) -> None:
        tracks: dict[str, Any] = {}
        self.data["tracks"] = tracks
        self.key(self.data, "tracks", (table.file, line, 1))
        first: dict[str, int] = {}
        for row_line, get, where in self.rows(table, line, columns, named):
            track_id = get("id")
            if track_id is None:
                self.report("LAD002", "a track needs an id", where("id"), column="id")
                continue
            if track_id in tracks:
                self.report(
                    "LAD003",
                    f"track {track_id!r} is defined twice (first in row {first[track_id]})",
                    where("id"),
                    column="id",
                )
                continue
            first[track_id] = row_line
            track: dict[str, Any] = {}
            for column in ("kind", "name", "description"):
                text = get(column)
                if text is not None:
                    self._mapping(track, column, text, where(column))
            tracks[track_id] = track
            self.key(tracks, track_id, where("id"))
            self.marks.setdefault(id(track), {})

    # roles: id,title,track,level,family,entry,description,promote,switch,ignore,metadata

    def _roles(
        self, table: _Table, line: int, columns: dict[str, int], named: frozenset[int]
    ) -> None:
        roles = self.roles
        self.data["roles"] = roles
        self.key(self.data, "roles", (table.file, line, 1))
        for _, get, where in self.rows(table, line, columns, named):
            role_id = get("id")
            if role_id is None:
                self.report("LAD002", "a role needs an id", where("id"), column="id")
                continue
            if role_id in roles:
                first = self.role_cells[role_id]
                self.report(
                    "LAD003",
                    f"role {role_id!r} is defined twice (first in row {first[1]})",
                    where("id"),
                    role_id,
                    "id",
                )
                continue
            role: dict[str, Any] = {}
            for column in ("title", "track", "level", "family"):
                text = get(column)
                if text is not None:
                    self._mapping(role, column, text, where(column))
            entry = self.boolean(get("entry", "value"))
            if entry is not None:
                self._mapping(role, "entry", entry, where("entry"))
            text = get("description")
            if text is not None:
                self._mapping(role, "description", text, where("description"))
            progression: dict[str, Any] = {}
            for column in ("promote", "switch"):
                flag = self.boolean(get(column, "value"))
                if flag is not None:
                    if not progression:
                        self.key(role, "progression", where(column))
                    self._mapping(progression, column, flag, where(column))
            if progression:
                role["progression"] = progression
            text = get("ignore")
            if text is not None:
                ignore = self.ignore_cell(text, where("ignore"), role_id)
                if ignore != {}:
                    self._mapping(role, "ignore", ignore, where("ignore"))
            text = get("metadata")
            if text is not None:
                metadata = self.json_cell(text, where("metadata"), role_id, "metadata")
                self._mapping(role, "metadata", metadata, where("metadata"))
            for column in ("track_kind", "level_rank"):
                raw = get(column, "value")
                if raw is not None:
                    self.derived.append((role_id, column, raw, where(column)))
            roles[role_id] = role
            self.role_cells[role_id] = where("id")
            self.key(roles, role_id, where("id"))

    # moves: from,to,kind,criteria,ignore,metadata

    def _moves(
        self, table: _Table, line: int, columns: dict[str, int], named: frozenset[int]
    ) -> None:
        roles = self.roles
        for _, get, where in self.rows(table, line, columns, named):
            source, target = get("from"), get("to")
            if source is None or target is None:
                missing = "from" if source is None else "to"
                self.report(
                    "LAD002",
                    f"a move needs both 'from' and 'to'; {missing!r} is empty",
                    where(missing),
                    source,
                    missing,
                )
                continue
            role = roles.get(source)
            if role is None:
                if "roles" not in self.unreadable:
                    self.report(
                        "LAD004",
                        f"a move from {source!r}, which is not a role"
                        f"{did_you_mean(source, list(roles))}",
                        where("from"),
                        None,
                        "from",
                    )
                continue
            moves = role.get("moves")
            if moves is None:
                moves = role["moves"] = []
                self.key(role, "moves", where("from"), where("to"))
            move: dict[str, Any] = {"to": target}
            self.key(move, "to", where("to"))
            text = get("kind")
            if text is not None:
                self._mapping(move, "kind", text, where("kind"))
            text = get("criteria")
            if text is not None:
                criteria = _criteria(text)
                if criteria:
                    self._mapping(move, "criteria", criteria, where("criteria"))
                    for _ in criteria:
                        self.item(criteria, where("criteria"))
            text = get("ignore")
            if text is not None:
                ignore = self.ignore_cell(text, where("ignore"), source)
                if ignore != {}:
                    self._mapping(move, "ignore", ignore, where("ignore"))
            text = get("metadata")
            if text is not None:
                metadata = self.json_cell(text, where("metadata"), source, "metadata")
                self._mapping(move, "metadata", metadata, where("metadata"))
            self.item(moves, where("to"))
            # A move with only a target is written as a bare id, as in YAML (less memory).
            moves.append(target if len(move) == 1 else move)
            if len(move) == 1:
                self.marks.pop(id(move), None)

    # bands: level,track,role,min,max,currency

    def _bands(
        self, table: _Table, line: int, columns: dict[str, int], named: frozenset[int]
    ) -> None:
        seen: dict[tuple[str | None, str | None, str | None], int] = {}
        tracks = self.data.get("tracks", {})
        for row_line, get, where in self.rows(table, line, columns, named):
            level, track, role = get("level"), get("track"), get("role")
            shape = (level is not None, track is not None, role is not None)
            first_cell = where("level" if level else "track" if track else "role")
            if shape not in ((True, False, False), (True, True, False), (False, False, True)):
                self.report(
                    "LAD002",
                    "a bands row gives a level's band (level only), a track's band at a level "
                    "(level and track) or a role's band (role only)",
                    first_cell,
                    role,
                )
                continue
            target = (level, track, role)
            if target in seen:
                self.report(
                    "LAD003",
                    f"this band is given twice (first in row {seen[target]})",
                    first_cell,
                    role,
                )
                continue
            seen[target] = row_line
            band: dict[str, Any] = {}
            for column in ("min", "max"):
                number = _number(get(column, "value"))
                if number is not None:
                    self._mapping(band, column, number, where(column))
            text = get("currency")
            if text is not None:
                self._mapping(band, "currency", text, where("currency"))
            self.marks.setdefault(id(band), {})
            if not self._band_owner(band, level, track, role, tracks, where):
                # Not kept: forget its marks (a later container may get the same id).
                self.marks.pop(id(band), None)

    def _band_owner(
        self,
        band: dict[str, Any],
        level: str | None,
        track: str | None,
        role: str | None,
        tracks: Any,
        where: Callable[[str], Cell],
    ) -> bool:
        """Put a band where it belongs: on its role, level or track (False: not found).

        The band is marked at the row's first cell (its key: what it is the band of) and at
        its ``min`` cell (its value: where a band that is wrong as a whole, ``min > max``,
        is reported).
        """
        if role is not None:
            owner = self.roles.get(role)
            if owner is None:
                if "roles" not in self.unreadable:
                    self.report(
                        "LAD004",
                        f"a band for role {role!r}, which is not a role"
                        f"{did_you_mean(role, list(self.roles))}",
                        where("role"),
                    )
                return False
            owner["band"] = band
            self.key(owner, "band", where("role"), where("min"))
        elif track is None:
            assert level is not None
            owner = self.first_level.get(level)
            if owner is None:
                if "levels" not in self.unreadable:
                    self.report(
                        "LAD004",
                        f"a band for level {level!r}, which is not a level"
                        f"{did_you_mean(level, self.level_ids)}",
                        where("level"),
                    )
                return False
            owner["band"] = band
            self.key(owner, "band", where("level"), where("min"))
        else:
            assert level is not None
            owner = tracks.get(track) if isinstance(tracks, dict) else None
            if owner is None:
                if "tracks" not in self.unreadable:
                    self.report(
                        "LAD004",
                        f"a band for track {track!r}, which is not a track"
                        f"{did_you_mean(track, list(tracks))}",
                        where("track"),
                    )
                return False
            bands = owner.get("bands")
            if bands is None:
                bands = owner["bands"] = {}
                self.key(owner, "bands", where("track"))
            bands[level] = band
            self.key(bands, level, where("level"), where("min"))
        return True

    # derived columns

    def check_derived(self) -> None:
        """``track_kind`` and ``level_rank`` must say what the ladder says."""
        tracks = self.data.get("tracks")
        ranks: dict[str, int] = {}
        for rank, level_id in enumerate(self.level_ids):
            ranks.setdefault(level_id, rank)
        for role_id, column, raw, at in self.derived:
            role = self.roles[role_id]
            if column == "track_kind":
                track = tracks.get(role.get("track")) if isinstance(tracks, dict) else None
                kind = track.get("kind") if isinstance(track, dict) else None
                if kind in ("technical", "management") and str(raw).strip() != kind:
                    self.report(
                        "LAD002",
                        f"track_kind {_shown(raw)} does not agree with the ladder: track "
                        f"{role.get('track')!r} is {kind} (track_kind repeats the track's kind: "
                        "correct it or clear it)",
                        at,
                        role_id,
                        column,
                    )
                continue
            level_rank = ranks.get(role.get("level", ""))
            number = _number(raw)
            if not isinstance(number, int) or isinstance(number, bool):
                self.report(
                    "LAD002",
                    f"level_rank must be a whole number, not {_shown(raw)}",
                    at,
                    role_id,
                    column,
                )
            elif level_rank is not None and number != level_rank:
                self.report(
                    "LAD002",
                    f"level_rank {number} does not agree with the ladder: level "
                    f"{role.get('level')!r} has rank {level_rank} (0 is the lowest level; "
                    "level_rank repeats it: correct it or clear it)",
                    at,
                    role_id,
                    column,
                )

    def derive_missing(self) -> None:
        """import-csv without levels or tracks tables: take them from the roles."""
        if "levels" not in self.data and "levels" not in self.unreadable:
            order: dict[str, float] = {}
            ranks = {role: raw for role, column, raw, _ in self.derived if column == "level_rank"}
            for number, (role_id, role) in enumerate(self.roles.items()):
                level = role.get("level")
                if level is None:
                    continue
                raw = _number(ranks.get(role_id))
                at = next(
                    (c for r, col, _, c in self.derived if r == role_id and col == "level_rank"),
                    self.role_cells[role_id],
                )
                if raw is not None and not isinstance(raw, int | float):
                    self.report("LAD002", "level_rank is not a number", at, role_id, "level_rank")
                    continue
                rank = float(raw) if raw is not None else float(len(self.roles) + number)
                order[level] = min(order.get(level, rank), rank)
            self.data["levels"] = [{"id": level} for level in sorted(order, key=order.__getitem__)]
            self.level_ids = list(self.data["levels"] and [lv["id"] for lv in self.data["levels"]])
            self.derived = [d for d in self.derived if d[1] != "level_rank"]
        if "tracks" not in self.data and "tracks" not in self.unreadable:
            tracks: dict[str, Any] = {}
            kinds = {role: raw for role, column, raw, _ in self.derived if column == "track_kind"}
            for role_id, role in self.roles.items():
                track = role.get("track")
                if track is None or track in tracks:
                    continue
                kind = kinds.get(role_id)
                if kind is None:
                    self.report(
                        "LAD002",
                        f"track_kind is empty: with no tracks table, each track's kind comes "
                        f"from track_kind (track {track!r})",
                        self.role_cells[role_id],
                        role_id,
                        "track_kind",
                    )
                    continue
                tracks[track] = {"kind": str(kind).strip()}
            self.data["tracks"] = tracks
            self.derived = [d for d in self.derived if d[1] != "track_kind"]


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


def _criteria(text: str) -> list[str]:
    """A criteria cell: one per line; a JSON list (as ladders 0.1 wrote) is read as one."""
    if text.startswith("["):
        try:
            value = json.loads(text)
        except (ValueError, RecursionError):
            value = None
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return value
    return [line.strip() for line in text.splitlines() if line.strip()]


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# -- CSV folders and text -------------------------------------------------------------------


def _csv_table(name: str, file: str, label: str, text: str) -> _Table:
    rows = _guarded_csv(text, label)
    return _Table(name, file, label, rows, _csv_text, _csv_text, _csv_blank)


def _guarded_csv(text: str, label: str) -> Iterator[tuple[int, list[str]]]:
    # One huge cell is a large cell, not an error: lift the csv module's 128 KiB limit
    # while reading (and put it back, as other code in the process may rely on it).
    limit = csv.field_size_limit()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    line = 1
    try:
        for line, record in _csv_records(text):
            yield line, record
    except csv.Error as error:
        raise _Unreadable(f"{label} cannot be read as CSV: {error}", line) from None
    finally:
        csv.field_size_limit(limit)


def _finish(builder: _Builder, book: str, files: list[str]) -> Tables:
    builder.check_derived()
    source = SourceMap(book, builder.data, builder.marks)
    return Tables(
        builder.data,
        source,
        builder.findings,
        builder.columns,
        files,
        builder.unreadable,
        builder.reported,
    )


def read_tables(
    texts: Mapping[str, str | None], folder: str = "", *, derive: bool = False
) -> Tables:
    """Ladder data from CSV texts by table name (``"roles"`` -> its text).

    Positions are in ``folder/NAME.csv``. ``derive``: without a levels or tracks table,
    take levels (ordered by ``level_rank``) and track kinds (``track_kind``) from the
    roles, as ``import-csv`` always has.

    >>> tables = read_tables({"levels": "id\\nL1\\n", "tracks": "id,kind\\nic,technical\\n",
    ...     "roles": "id,title,track,level\\ndev,Developer,ic,L1\\n"})
    >>> tables.data["roles"], tables.findings
    ({'dev': {'title': 'Developer', 'track': 'ic', 'level': 'L1'}}, [])
    """
    builder = _Builder(folder or "<tables>", derive)
    files: list[str] = []
    for name in TABLES:
        text = texts.get(name)
        file = os.path.join(folder, f"{name}.csv") if folder else f"{name}.csv"
        if text is None:
            if name in REQUIRED_TABLES and not (derive and name != "roles"):
                builder.missing(
                    name, f"missing table {name}.csv (a ladder has levels, tracks and roles)"
                )
            continue
        files.append(file)
        builder.read_table(_csv_table(name, file, f"{name}.csv", text.removeprefix("\ufeff")))
    if derive:
        builder.derive_missing()
    return _finish(builder, builder.book, files)


def _folder_tables(name: str, real: str, builder: _Builder) -> list[str]:
    """Read the CSV files of a ladder folder into ``builder``; the files read."""
    try:
        entries = os.listdir(real)
    except OSError as error:
        builder.report("LAD001", f"cannot read {name}: {error.strerror or error}", (name, 1, 1))
        builder.unreadable.update(REQUIRED_TABLES)
        return []
    by_lower: dict[str, str] = {}
    for entry in sorted(entries):
        by_lower.setdefault(entry.lower(), entry)
    if not any(f"{table}.csv" in by_lower for table in TABLES):
        builder.unreadable.update(REQUIRED_TABLES)
        ladders_in_it = sorted(
            entry
            for entry in _listing(name)
            if entry.lower().endswith((".yaml", ".yml", ".json", ".xlsx"))
        )
        hint = (
            f"; to check the ladder files in it, name them ({', '.join(ladders_in_it[:3])}"
            f"{', ...' if len(ladders_in_it) > 3 else ''})"
            if ladders_in_it
            else ""
        )
        builder.report(
            "LAD001",
            f"{name} is a folder without ladder tables: a ladder folder has levels.csv, "
            f"tracks.csv and roles.csv (and may have ladder.csv, moves.csv, bands.csv){hint}",
            (name, 1, 1),
        )
        return []
    files: list[str] = []
    for table in TABLES:
        wanted = f"{table}.csv"
        found = wanted if wanted in entries else by_lower.get(wanted)
        if found is None or not os.path.isfile(os.path.join(real, found)):
            if table in REQUIRED_TABLES:
                builder.missing(
                    table,
                    f"{name} has no {wanted}: a ladder folder has levels.csv, tracks.csv and "
                    "roles.csv (and may have ladder.csv, moves.csv, bands.csv)",
                )
            continue
        file = os.path.join(name, found)
        files.append(file)
        try:
            with open(os.path.join(real, found), "rb") as handle:
                raw = handle.read()
        except OSError as error:
            builder.unreadable.add(table)
            builder.report("LAD001", f"cannot read {file}: {error.strerror or error}", (file, 1, 1))
            continue
        try:
            text = decode(raw)
        except Fatal as stop:
            builder.unreadable.add(table)
            p = stop.problem
            builder.report(p.code, p.message, (file, p.line + 1, p.column + 1))
            continue
        builder.read_table(_csv_table(table, file, found, text))
    return files


# -- workbooks ------------------------------------------------------------------------------

_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_MAYBE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:f|mergeCell)[\s/>]")


def _refuse_archive(name: str, real: str, builder: _Builder) -> zipfile.ZipFile | None:
    """Open the workbook's zip archive, or report why it is refused (and return None)."""
    suffix = os.path.splitext(name)[1].lower()
    where = (name, 1, 1)
    if suffix in _MACROS:
        builder.report(
            "LAD005",
            f"{name} is a macro-enabled workbook: ladders never opens macros; "
            "save it as an Excel workbook (.xlsx)",
            where,
        )
        return None
    if suffix in _OTHER_BOOKS:
        builder.report(
            "LAD001",
            f"ladders reads .xlsx workbooks, not {suffix}: save it as an Excel workbook (.xlsx)",
            where,
        )
        return None
    try:
        archive = zipfile.ZipFile(real)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        builder.report(
            "LAD001",
            f"{name} is not an .xlsx workbook (it cannot be opened as one: {reason})",
            where,
        )
        return None
    for info in archive.infolist():
        packed = max(info.compress_size, 1)
        if info.file_size > _MAX_INFLATED and info.file_size > _MAX_RATIO * packed:
            builder.report(
                "LAD005",
                f"{name} is refused: its part {info.filename!r} would inflate from "
                f"{info.compress_size} to {info.file_size} bytes (more than {_MAX_RATIO}:1), "
                "as a zip bomb does",
                where,
            )
            archive.close()
            return None
        if info.filename.lower().endswith("vbaproject.bin"):
            builder.report(
                "LAD005",
                f"{name} holds macros ({info.filename}): ladders never opens macros; "
                "save it as an Excel workbook without macros",
                where,
            )
            archive.close()
            return None
    return archive


def _scan_sheet(
    archive: zipfile.ZipFile, member: str, file: str, label: str, builder: _Builder
) -> None:
    """Report formulas without a saved value and merged cells, from the sheet's XML.

    Reading values only (as ladders does) cannot see either, so the XML is scanned: first
    a quick pass over the raw bytes; only a sheet that has a formula or a merge at all is
    parsed, streamed, to find where.
    """
    import xml.etree.ElementTree as ET

    try:
        with archive.open(member) as stream:
            tail = b""
            while chunk := stream.read(1 << 20):
                if _MAYBE.search(tail + chunk):
                    break
                tail = chunk[-64:]
            else:
                return
        with archive.open(member) as stream:
            row = column = 0  # where a cell without an ``r`` is: after the one before
            for event, element in ET.iterparse(stream, ("start", "end")):
                tag = element.tag.rpartition("}")[2]
                if event == "start":
                    if tag == "row":
                        row = _number_or(element.get("r"), row + 1)
                        column = 0
                    continue
                if tag == "c":
                    ref = element.get("r")
                    row, column = _cell_position(ref) if ref else (row, column + 1)
                    parts = {e.tag.rpartition("}")[2]: e for e in element}
                    formula, value = parts.get("f"), parts.get("v", parts.get("is"))
                    saved = value is not None and (bool(value.text) or len(value) > 0)
                    if formula is not None and not saved:
                        text = f" (={formula.text})" if formula.text else ""
                        builder.report(
                            "LAD002",
                            f"cell {cell_name(row, column)} of {label} holds a formula "
                            f"with no saved value{text}: ladders reads values, not "
                            "formulas; open and save the workbook in a spreadsheet "
                            "program, or type the value",
                            (file, row, column),
                        )
                    element.clear()
                elif tag == "row":
                    element.clear()
                elif tag == "mergeCell":
                    ref = element.get("ref", "A1")
                    first = ref.split(":")[0]
                    line, left = _cell_position(first)
                    builder.report(
                        "LAD002",
                        f"cells {ref} of {label} are merged: ladders reads one value per "
                        f"cell (only {first} has it); unmerge them",
                        (file, line, left),
                    )
    except (ET.ParseError, zipfile.BadZipFile, OSError, KeyError, EOFError) as error:
        raise _Unreadable(f"{label} cannot be read: {error}") from None


def _number_or(text: str | None, default: int) -> int:
    return int(text) if text is not None and text.isdigit() else default


def _cell_position(ref: str) -> tuple[int, int]:
    """(row, column) of a cell name such as ``AB12``.

    >>> _cell_position("AB12"), _cell_position("$C$3")
    ((12, 28), (3, 3))
    """
    match = re.fullmatch(r"\$?([A-Za-z]{1,3})\$?(\d+)", ref.strip())
    if match is None:
        return 1, 1
    column = 0
    for letter in match.group(1).upper():
        column = column * 26 + ord(letter) - 64
    return int(match.group(2)), column


def _book_rows(sheet: Any) -> Iterator[tuple[int, Sequence[Any]]]:
    # Some programs write a wrong size into the sheet (<dimension>); read every row.
    sheet.reset_dimensions()
    yield from enumerate(sheet.iter_rows(min_row=1, min_col=1), start=1)


def _guarded_rows(rows: Iterator[tuple[int, Sequence[Any]]], label: str) -> Iterator[Any]:
    line = 1
    try:
        for line, cells in rows:
            yield line, cells
    except Exception as error:  # openpyxl's errors on a broken sheet are of many kinds
        raise _Unreadable(
            f"{label} cannot be read: {type(error).__name__}: {error}", line
        ) from None


def _workbook_tables(name: str, real: str, builder: _Builder) -> None:
    """Read the sheets of a workbook into ``builder``."""
    archive = _refuse_archive(name, real, builder)
    if archive is None:
        builder.unreadable.update(REQUIRED_TABLES)
        return
    with archive:
        try:
            from openpyxl import load_workbook

            with warnings.catch_warnings():
                # openpyxl warns about parts it does not read (data validation, ...):
                # not the user's problem here.
                warnings.simplefilter("ignore")
                book = load_workbook(real, read_only=True, data_only=True, keep_links=False)
        except Exception as error:  # a broken workbook fails inside openpyxl in many ways
            builder.report(
                "LAD001",
                f"{name} cannot be read as a workbook ({type(error).__name__}: {error})",
                (name, 1, 1),
            )
            builder.unreadable.update(REQUIRED_TABLES)
            return
        try:
            sheets: dict[str, Any] = {sheet.title: sheet for sheet in book.worksheets}
            by_lower: dict[str, str] = {}
            for title in sheets:
                by_lower.setdefault(title.lower(), title)
            for table in TABLES:
                found = table if table in sheets else by_lower.get(table)
                if found is None:
                    if table in REQUIRED_TABLES:
                        builder.missing(
                            table,
                            f"{name} has no {table!r} sheet: a ladder workbook has levels, "
                            "tracks and roles sheets (and may have ladder, moves, bands)",
                        )
                    continue
                sheet = sheets[found]
                file = SheetFile(name, found)
                label = f"the {found} sheet"
                if sheet.sheet_state != "visible":
                    builder.report(
                        "LAD008",
                        f"{label} is hidden: it is read and checked all the same; unhide it "
                        "so that people see what is checked",
                        (file, 1, 1),
                    )
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    try:
                        member = sheet._worksheet_path.lstrip("/")
                        _scan_sheet(archive, member, file, label, builder)
                    except _Unreadable as stop:
                        builder.unreadable.add(table)
                        builder.report("LAD001", str(stop), (file, 1, 1))
                        continue
                    rows = _guarded_rows(_book_rows(sheet), label)
                    builder.read_table(
                        _Table(table, file, label, rows, _book_text, _book_value, _book_blank)
                    )
        finally:
            book.close()


# -- the entry point ------------------------------------------------------------------------


def read_spreadsheet(
    name: str, real: str | None = None, unsure: Unsure | None = None
) -> tuple[LadderFile | None, SourceMap, list[Finding], list[str]]:
    """Read and validate a spreadsheet ladder (a workbook, or a folder of CSV files).

    Returns what :func:`~ladders.load.read.read_ladder_text` does for a file — the model
    (None when there are errors), the positions, the findings — and the files read. What
    cannot be read at all is marked in ``unsure``, so that references to it are not
    reported as unknown.
    """
    from pydantic import ValidationError

    from ladders.load.validate import problems_from
    from ladders.model import LadderFile

    real = real if real is not None else name
    builder = _Builder(name)
    files = [name]
    if os.path.isdir(real):
        files = _folder_tables(name, real, builder) or [name]
    else:
        _workbook_tables(name, real, builder)
    tables = _finish(builder, name, files)
    findings = tables.findings
    if unsure is not None:
        unsure.levels = unsure.levels or "levels" in tables.unreadable
        unsure.all_tracks = unsure.all_tracks or "tracks" in tables.unreadable
        unsure.all_roles = unsure.all_roles or "roles" in tables.unreadable
    try:
        model: LadderFile | None = LadderFile.model_validate(tables.data)
    except ValidationError as error:
        from ladders.load.text import problem_finding

        for problem in problems_from(error, tables.data, tables.source):
            found = problem_finding(problem, name)
            # A cell reported while reading (JSON that is not, an ignore line without a
            # reason) holds its text: its validation error would say the same again.
            if (found.file, found.line, found.column) not in tables.reported:
                findings.append(found)
        model = None
    if any(f.severity == "error" for f in findings):
        model = None
    return model, tables.source, findings, files


def read_spreadsheet_root(reader: Reader) -> None:
    """Read a spreadsheet ladder named as a root into ``reader``, as its files.

    A workbook is one file. The CSV files of a folder are one source (their data is one
    ladder file's), listed as the files read: the first holds the data, the others are
    empty, so that the ladder's ``files`` name every table read.
    """
    from ladders.load.read import File, partial_model
    from ladders.model import LadderFile

    name = reader.root_name
    model, source, findings, files = read_spreadsheet(name, name, reader.unsure)
    reader.findings.extend(findings)
    partial = partial_model(source.data, reader.unsure) if model is None else None
    first, *others = files
    reader.files.append(File(first, source, model, partial))
    reader.files.extend(File(other, SourceMap(other), LadderFile()) for other in others)


def _listing(folder: str) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []
