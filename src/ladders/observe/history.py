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
import sys
import zipfile
from collections.abc import Iterator
from typing import Any

from ladders.errors import HistoryError
from ladders.hints import did_you_mean
from ladders.observe.spells import _EVENTS, COLUMNS, EXIT, History, _header, _Places, _Reader

__all__ = [
    "COLUMNS",
    "EXIT",
    "History",
    "HistoryError",
    "read_history",
    "read_titles",
]

_WORKBOOK = (".xlsx", ".xlsm")
# A zip member that inflates past this, at a ratio over _MAX_RATIO, is a zip bomb (DESIGN §1).
_MAX_INFLATED = 50 * 1024 * 1024
_MAX_RATIO = 100


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
