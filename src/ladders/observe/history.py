"""Reading a HISTORY of job spells (a CSV file or one workbook sheet) into compact arrays.

A history has a header row and one row per job spell: ``person,date,role`` and optionally
``event`` (``hire``, ``move`` or ``exit``; empty means a spell). From ``date`` on,
``person`` holds ``role``, or has left for an ``exit`` (whose ``role`` is ignored).

>>> history = History.from_rows([
...     ("k1", "2020-01-01", "dev"),
...     ("k1", "2021-06-01", "senior"),
...     ("k1", "2023-01-01", "", "exit"),
... ])
>>> history.people, len(history), history.values
(1, 3, ('dev', 'senior'))

Rows are kept as columns of integers (:class:`array.array`), not as row objects: a person
is a number, a date its ordinal, a role value an index into :attr:`History.values`. The
person keys themselves are not kept, so nothing computed from a history can print one.

Privacy is part of reading (DESIGN §7): a column other than person, date, role and event
is refused, naming it, so that names, e-mails or salaries are never read by accident;
messages about bad rows give the row and column, never the person cell; a workbook is
read from its named sheet only; the file is only read, never written.
"""

from __future__ import annotations

import csv
import io
import os
import re
import sys
import zipfile
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ladders.errors import HistoryError
from ladders.hints import did_you_mean

__all__ = [
    "COLUMNS",
    "EXIT",
    "History",
    "HistoryError",
    "read_history",
    "read_titles",
]

#: the columns a history may have; the first three are required
COLUMNS = ("person", "date", "role", "event")
#: the role value index of an ``exit`` row
EXIT = -1

_EVENTS = {"": False, "hire": False, "move": False, "exit": True}
_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WORD = re.compile(r"[A-Za-z][A-Za-z _-]{0,19}")
_WORKBOOK = (".xlsx", ".xlsm")
# A zip member that inflates past this, at a ratio over _MAX_RATIO, is a zip bomb (DESIGN §1).
_MAX_INFLATED = 50 * 1024 * 1024
_MAX_RATIO = 100
# Errors in rows are collected, so that one run reports how many rows are bad.
_SHOWN_ERRORS = 3


_Day = date  # the class below has a column named ``date``


@dataclass(frozen=True, eq=False)
class History:
    """A history read into columns: one entry per row, in file order.

    ``person[i]`` numbers the person of row ``i`` (0 to ``people - 1``; the keys are not
    kept), ``date[i]`` is the date's proleptic ordinal (:meth:`datetime.date.toordinal`),
    ``value[i]`` indexes :attr:`values` (the role values as written, stripped) or is
    :data:`EXIT`, and ``line[i]`` is the row's number in the file (the header is row 1).
    """

    #: the file as named (``"<rows>"`` for rows given in Python)
    source: str
    #: how many distinct people
    people: int
    person: array[int]
    date: array[int]
    value: array[int]
    line: array[int]
    #: the distinct role values, as written
    values: tuple[str, ...]
    #: the sheet read, for a workbook
    sheet: str | None = None

    def __len__(self) -> int:
        return len(self.person)

    @property
    def first_date(self) -> _Day:
        """The earliest date in the history."""
        return _Day.fromordinal(min(self.date))

    @property
    def last_date(self) -> _Day:
        """The latest date in the history."""
        return _Day.fromordinal(max(self.date))

    @property
    def name(self) -> str:
        """The history as shown in reports: the file, and the sheet for a workbook."""
        return f"{self.source}[{self.sheet}]" if self.sheet else self.source

    @classmethod
    def from_rows(cls, rows: Iterable[Sequence[object]], *, source: str = "<rows>") -> History:
        """A history from rows ``(person, date, role)`` or ``(person, date, role, event)``.

        Dates may be :class:`datetime.date` objects or ISO 8601 text. Row numbers in
        messages count the first row as row 1.
        """
        reader = _Reader(source, {name: i for i, name in enumerate(COLUMNS)}, _Places(source))
        for number, row in enumerate(rows, start=1):
            cells = list(row)
            if len(cells) == 3:
                cells.append("")
            if len(cells) != 4:
                reader.fail(
                    number, None, f"has {len(cells)} cells; give person, date, role[, event]"
                )
                continue
            reader.add(number, cells)
        return reader.history()


class _Places:
    """How a row and column are named in messages, for a CSV file or a workbook sheet."""

    def __init__(self, source: str, sheet: str | None = None) -> None:
        self.source = source
        self.sheet = sheet

    def at(self, row: int, column: str | None, index: int | None = None) -> str:
        if self.sheet is None:
            where = f"{self.source}, row {row}"
            return f"{where}, column {column}" if column else where
        letter = _column_letter(index + 1) if index is not None else ""
        cell = f"{self.source}[{self.sheet}]!{letter}{row}"
        return f"{cell} (column {column})" if column else cell


def _column_letter(number: int) -> str:
    """``1 -> 'A'``, ``27 -> 'AA'``.

    >>> _column_letter(1), _column_letter(26), _column_letter(27)
    ('A', 'Z', 'AA')
    """
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text(cell: object) -> str:
    """A cell as text: numbers as written (``12.0`` -> ``12``), empty for ``None``."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _date_problem(text: str) -> str:
    # Only a value shaped like a date is quoted: a date column holding person keys (a
    # swapped column) must not print them.
    if not text:
        return "the date is empty"
    if _DATE_SHAPE.fullmatch(text):
        return f"{text} is not a real date"
    return "not an ISO 8601 date (YYYY-MM-DD)"


def _parse_date(cell: object) -> int | str:
    """The ordinal of a date cell, or what is wrong with it (a message)."""
    if isinstance(cell, datetime):
        return cell.date().toordinal()
    if isinstance(cell, date):
        return cell.toordinal()
    text = _text(cell)
    try:
        return date.fromisoformat(text).toordinal()
    except ValueError:
        pass
    if len(text) > 10 and text[10] in "T " and _DATE_SHAPE.fullmatch(text[:10]):
        try:
            return datetime.fromisoformat(text).date().toordinal()
        except ValueError:
            pass
    return _date_problem(text)


class _Reader:
    """Collects rows into columns; bad rows are collected as errors and raised together."""

    def __init__(self, source: str, columns: Mapping[str, int], places: _Places) -> None:
        self.source = source
        self.places = places
        self.i_person = columns["person"]
        self.i_date = columns["date"]
        self.i_role = columns["role"]
        self.i_event = columns.get("event")
        self.persons: dict[object, int] = {}
        self.keys: dict[str, int] = {}
        self.dates: dict[object, int | str] = {}
        self.codes: dict[str, int] = {}  # a role cell as written -> its value index
        self.texts: dict[str, int] = {}  # a role value, stripped -> its value index
        self.person: array[int] = array("i")
        self.date: array[int] = array("i")
        self.value: array[int] = array("i")
        self.line: array[int] = array("i")
        self.errors: list[str] = []
        self.bad_rows = 0

    def fail(self, row: int, column: str | None, problem: str) -> None:
        self.bad_rows += 1
        if len(self.errors) < _SHOWN_ERRORS:
            index = None
            if column is not None:
                index = {
                    "person": self.i_person,
                    "date": self.i_date,
                    "role": self.i_role,
                    "event": self.i_event,
                }[column]
            self.errors.append(f"{self.places.at(row, column, index)}: {problem}")

    def add(self, row: int, cells: Sequence[object]) -> None:
        """Add one row (its cells in file order)."""
        key = cells[self.i_person]
        person = self.persons.get(key)
        if person is None:
            text = _text(key)
            if not text:
                self.fail(row, "person", "the person is empty")
                return
            person = self.keys.setdefault(text, len(self.keys))
            self.persons[key] = person
        raw = cells[self.i_date]
        when = self.dates.get(raw)
        if when is None:
            when = self.dates[raw] = _parse_date(raw)
        if isinstance(when, str):
            self.fail(row, "date", when)
            return
        exits = False
        if self.i_event is not None:
            event = cells[self.i_event]
            if event:
                found = _EVENTS.get(_text(event).lower())
                if found is None:
                    self.fail(row, "event", _event_problem(_text(event)))
                    return
                exits = found
        if exits:
            code = EXIT
        else:
            role = cells[self.i_role]
            code_found = self.codes.get(role) if isinstance(role, str) else None
            if code_found is None:
                text = _text(role)
                if not text:
                    self.fail(row, "role", "the role is empty")
                    return
                code_found = self.texts.setdefault(text, len(self.texts))
                if isinstance(role, str):
                    self.codes[role] = code_found
            code = code_found
        self.person.append(person)
        self.date.append(when)
        self.value.append(code)
        self.line.append(row)

    def history(self, sheet: str | None = None) -> History:
        if self.errors:
            more = self.bad_rows - len(self.errors)
            tail = f" (and {more} more bad row{'s' if more != 1 else ''})" if more > 0 else ""
            raise HistoryError("; ".join(self.errors) + tail)
        if not self.person:
            raise HistoryError(
                f"{f'{self.source}[{sheet}]' if sheet else self.source} has a header but no "
                "rows; give one row per job spell (person,date,role[,event])"
            )
        return History(
            source=self.source,
            people=len(self.keys),
            person=self.person,
            date=self.date,
            value=self.value,
            line=self.line,
            values=tuple(self.texts),
            sheet=sheet,
        )


def _event_problem(text: str) -> str:
    # The value is never quoted (an event column may hold person keys); a suggestion is
    # one of the three event names.
    hint = did_you_mean(text.lower(), ["hire", "move", "exit"]) if _WORD.fullmatch(text) else ""
    return f"not an event{hint}; write hire, move or exit, or leave it empty"


def _header(cells: Sequence[object], where: str) -> dict[str, int]:
    """Column name -> index, checked: exactly person, date, role and maybe event."""
    names = [_text(c).lstrip("\ufeff").strip().lower() for c in cells]
    while names and not names[-1]:  # trailing empty header cells (a spreadsheet's)
        names.pop()
    if not names:
        raise HistoryError(f"{where} is empty; expected a header row person,date,role[,event]")
    if len(names) == 1 and (";" in names[0] or "\t" in names[0]):
        separator = "';'" if ";" in names[0] else "a tab"
        raise HistoryError(
            f"{where}: the first row is one column with {separator} in it: the file seems "
            f"to be separated by {separator}; save it as comma-separated CSV "
            "(person,date,role[,event])"
        )
    known = [n for n in names if n in COLUMNS]
    if not known:
        # No column name at all: perhaps no header row. Its cells may be person keys, so
        # they are not quoted.
        raise HistoryError(
            f"{where}: the first row is not a header; the first row must name the columns "
            "person,date,role and optionally event"
        )
    others = [n for n in names if n not in COLUMNS]
    if others:
        listed = ", ".join(repr(n) if n else "an unnamed column" for n in others)
        raise HistoryError(
            f"{where}: columns other than person, date, role and event are refused, so that "
            f"names, e-mails or salaries are never read by accident: {listed}; "
            "export only person,date,role[,event]"
        )
    columns: dict[str, int] = {}
    for index, name in enumerate(names):
        if name in columns:
            raise HistoryError(f"{where}: the column {name!r} is given twice")
        columns[name] = index
    missing = [n for n in COLUMNS[:3] if n not in columns]
    if missing:
        raise HistoryError(
            f"{where}: no {' or '.join(repr(m) for m in missing)} column; "
            "the header must name person, date, role and optionally event"
        )
    return columns


def _check_zip(path: str) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            for member in archive.infolist():
                inflated, packed = member.file_size, max(member.compress_size, 1)
                if inflated > _MAX_INFLATED and inflated / packed > _MAX_RATIO:
                    raise HistoryError(
                        f"{path}: the member {member.filename} inflates {inflated // packed}:1 "
                        f"to {inflated // 2**20} MB; refused as a possible zip bomb"
                    )
    except zipfile.BadZipFile:
        raise HistoryError(f"{path} is not a workbook (not a zip archive)") from None
    except OSError as error:
        raise HistoryError(f"cannot read {path}: {error.strerror or error}") from None


def _read_sheet(path: str, sheet: str | None) -> History:
    import openpyxl  # here: reading a CSV history never needs it

    _check_zip(path)
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise HistoryError(f"cannot read the workbook {path}: {error}") from None
    try:
        names = list(book.sheetnames)
        if sheet is None:
            if "history" not in names:
                raise HistoryError(
                    f"{path}: name the sheet to read with --sheet (its sheets: {', '.join(names)})"
                )
            sheet = "history"
        if sheet not in names:
            raise HistoryError(
                f"{path} has no sheet {sheet!r}{did_you_mean(sheet, names)} "
                f"(its sheets: {', '.join(names)})"
            )
        rows = book[sheet].iter_rows(values_only=True)
        places = _Places(path, sheet)
        header_row = next(rows, None)
        if header_row is None:
            raise HistoryError(f"{path}[{sheet}] is empty; expected a header row person,date,role")
        columns = _header(header_row, f"{path}[{sheet}]")
        reader = _Reader(path, columns, places)
        width = max(columns.values()) + 1
        for number, row in enumerate(rows, start=2):
            cells = list(row[:width])
            if all(c is None or c == "" for c in cells):
                continue
            if any(c not in (None, "") for c in row[width:]):
                reader.fail(number, None, "has cells beyond the named columns; remove them")
                continue
            cells += [None] * (width - len(cells))
            reader.add(number, cells)
        return reader.history(sheet)
    finally:
        book.close()


def _csv_rows(handle: io.TextIOBase | Any) -> Iterator[tuple[int, list[str]]]:
    """(the line a record starts on, its cells), skipping blank lines."""
    reader = csv.reader(handle)
    previous = 0
    for cells in reader:
        start = previous + 1
        previous = reader.line_num
        if cells:
            yield start, cells


def _read_csv(handle: Any, source: str) -> History:
    rows = csv.reader(handle)
    previous = 0  # the last line of the previous record: a record starts on the next
    try:
        header: list[str] | None = None
        for cells in rows:
            previous = rows.line_num
            if cells:
                header = cells
                break
        if header is None:
            raise HistoryError(
                f"{source} is empty; expected a header row person,date,role[,event] "
                "and one row per job spell"
            )
        columns = _header(header, source)
        reader = _Reader(source, columns, _Places(source))
        width = len(columns)  # named columns; cells past them must be empty
        i_person, i_date, i_role = columns["person"], columns["date"], columns["role"]
        i_event = columns.get("event")
        # The hot loop: a row whose date, role and event cells were all seen before
        # costs a few dictionary lookups and four appends; anything else (a new date or
        # role value, a cell to strip, a problem) goes through _Reader.add.
        persons, keys = reader.persons, reader.keys
        dates, codes, events = reader.dates, reader.codes, _EVENTS
        add_person, add_date = reader.person.append, reader.date.append
        add_value, add_line = reader.value.append, reader.line.append
        add = reader.add
        for cells in rows:
            number = previous + 1
            previous = rows.line_num
            if len(cells) != width:
                if not cells:
                    continue  # a blank line
                if i_event is not None and len(cells) == width - 1:
                    cells.append("")  # an empty event cell left off the end of the row
                elif len(cells) > width and not any(c.strip() for c in cells[width:]):
                    del cells[width:]
                else:
                    reader.fail(
                        number, None, f"has {len(cells)} cells; the header has {width} columns"
                    )
                    continue
            key = cells[i_person]
            person = persons.get(key)
            if person is None and key and key == key.strip():  # a new person (most are)
                person = persons[key] = keys.setdefault(key, len(keys))
            when = dates.get(cells[i_date])
            exits = False if i_event is None else events.get(cells[i_event])
            if person is None or when is None or when.__class__ is not int or exits is None:
                add(number, cells)
                continue
            if exits:
                code = EXIT
            else:
                found = codes.get(cells[i_role])
                if found is None:
                    add(number, cells)
                    continue
                code = found
            add_person(person)
            add_date(when)
            add_value(code)
            add_line(number)
    except UnicodeDecodeError:
        raise HistoryError(
            f"{source} is not UTF-8 text; save it as UTF-8 CSV (a BOM is fine)"
        ) from None
    except csv.Error as error:
        raise HistoryError(f"{source}: cannot read it as CSV: {error}") from None
    return reader.history()


def read_history(path: str | os.PathLike[str], *, sheet: str | None = None) -> History:
    """Read a history: a CSV file (UTF-8, a BOM and CRLF line ends are fine), ``-`` for
    standard input, or one sheet of a workbook (``.xlsx``; ``sheet``, by default the
    sheet named ``history``).

    Raises :class:`HistoryError` for a file that cannot be used; rows out of order are
    fine (they are sorted by date when the history is replayed).
    """
    name = os.fspath(path)
    if name.lower().endswith(_WORKBOOK):
        if not os.path.isfile(name):
            raise HistoryError(f"{name}: no such file")
        return _read_sheet(name, sheet)
    if sheet is not None:
        raise HistoryError(f"{name} is not a workbook: --sheet is for .xlsx files")
    if name == "-":
        stdin = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", newline="")
        return _read_csv(stdin, "<stdin>")
    if os.path.isdir(name):
        raise HistoryError(f"{name} is a folder; name the history file")
    try:
        with open(name, encoding="utf-8-sig", newline="") as handle:
            return _read_csv(handle, name)
    except FileNotFoundError:
        raise HistoryError(f"{name}: no such file") from None
    except OSError as error:
        raise HistoryError(f"cannot read {name}: {error.strerror or error}") from None


def read_titles(path: str | os.PathLike[str]) -> dict[str, str]:
    """A ``--map`` file: ``title,role`` rows, a job title as the HRIS writes it and the role
    id it means. Returns title (case-folded) -> role id; the role ids are checked against
    the ladder when the history is observed."""
    name = os.fspath(path)
    try:
        with open(name, encoding="utf-8-sig", newline="") as handle:
            rows = list(_csv_rows(handle))
    except FileNotFoundError:
        raise HistoryError(f"{name}: no such file") from None
    except UnicodeDecodeError:
        raise HistoryError(f"{name} is not UTF-8 text; save it as UTF-8 CSV") from None
    except (OSError, csv.Error) as error:
        raise HistoryError(f"cannot read {name}: {error}") from None
    if not rows:
        raise HistoryError(f"{name} is empty; expected a header row title,role")
    header = [c.strip().lower() for c in rows[0][1]]
    if "title" not in header or "role" not in header:
        raise HistoryError(f"{name}: the header must name the columns title and role")
    others = [h for h in header if h not in ("title", "role") and h]
    if others:
        raise HistoryError(
            f"{name}: unknown column{'s' if len(others) > 1 else ''} "
            f"{', '.join(map(repr, others))}; a map has the columns title,role"
        )
    i_title, i_role = header.index("title"), header.index("role")
    titles: dict[str, str] = {}
    for number, cells in rows[1:]:
        if len(cells) <= max(i_title, i_role):
            raise HistoryError(f"{name}, row {number}: give a title and a role")
        title, role = cells[i_title].strip(), cells[i_role].strip()
        if not title or not role:
            raise HistoryError(f"{name}, row {number}: give a title and a role")
        key = title.casefold()
        if titles.get(key, role) != role:
            raise HistoryError(
                f"{name}, row {number}: the title {title!r} is mapped to both "
                f"{titles[key]!r} and {role!r}"
            )
        titles[key] = role
    return titles
