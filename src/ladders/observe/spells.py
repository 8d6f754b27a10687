"""A history of job spells as columns (:class:`History`), and the rows checked into it."""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from ladders.errors import HistoryError
from ladders.hints import did_you_mean

__all__ = [
    "COLUMNS",
    "EXIT",
    "_EVENTS",
    "History",
    "_Places",
    "_Reader",
    "_header",
]

#: the columns a history may have; the first three are required
COLUMNS = ("person", "date", "role", "event")
#: the role value index of an ``exit`` row
EXIT = -1

_EVENTS = {"": False, "hire": False, "move": False, "exit": True}
_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WORD = re.compile(r"[A-Za-z][A-Za-z _-]{0,19}")
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
