"""Replaying a history: each person's rows in date order, as stints of consecutive spells.

A **stint** is one employment: the spells from a hire (a person's first row, or their
first row after an ``exit``) to the next ``exit`` (or to the end of the window). A stint
is ``(roles, starts, end)``: the role codes of its spells, the date (ordinal) each spell
starts, and the ``exit`` date, or ``None`` while the person is still there. Rows of one
role in a row are one spell (a re-grade with no change of role is not a move).

Rows of one person are ordered by date, then by file order; rows dated after ``until``
are cut (the person is censored there). A person's first row being an ``exit``, or an
``exit`` of someone who has already left, is noted and ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from ladders.observe.history import EXIT, History

__all__ = ["FIRST_EXIT", "REPEATED_EXIT", "Notes", "Stint", "replay"]

#: (role codes, start dates, exit date or None)
Stint = tuple[list[int], list[int], "int | None"]

_NOTED_ROWS = 5


@dataclass
class Notes:
    """Rows that were read but not used, by what was wrong with them (row numbers only)."""

    rows: dict[str, list[int]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, row: int) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1
        rows = self.rows.setdefault(what, [])
        if len(rows) < _NOTED_ROWS:
            rows.append(row)

    def lines(self, source: str) -> list[str]:
        """One line per kind of note: ``history.csv, rows 4, 9: ...``."""
        out = []
        for what, count in self.counts.items():
            rows = sorted(self.rows[what])
            listed = ", ".join(map(str, rows))
            more = f" and {count - len(rows)} more" if count > len(rows) else ""
            word = "row" if count == 1 else "rows"
            out.append(f"{source}, {word} {listed}{more}: {what}")
        return out


FIRST_EXIT = "a person's first row is an exit; ignored"
REPEATED_EXIT = "an exit of someone who had already left; ignored"


def replay(
    history: History, codes: Sequence[int], until: int, notes: Notes
) -> Iterator[list[Stint]]:
    """Each person's stints (people in no particular order), from rows dated up to
    ``until``. ``codes[v]`` is the role code of role value ``v``."""
    person, date, value, line = history.person, history.date, history.value, history.line
    # One integer per row orders rows by person, then date; the sort is stable, so rows
    # of one person on one date keep their file order. (Dates are ordinals, < 2**32.)
    keys = [p << 32 | d for p, d in zip(person, date, strict=True)]
    rows: Iterable[int] = range(len(keys))
    if max(date, default=until) > until:
        rows = [i for i, d in enumerate(date) if d <= until]
    order = sorted(rows, key=keys.__getitem__)
    code_of = [*codes, EXIT]  # an exit row's value is -1: the last entry
    stints: list[Stint] = []
    roles: list[int] | None = None
    starts: list[int] = []
    current = -1
    for i in order:
        if person[i] != current:
            if roles is not None:
                stints.append((roles, starts, None))
            if stints:
                yield stints
            stints, roles, current = [], None, person[i]
            first = True
        else:
            first = False
        code = code_of[value[i]]
        if code == EXIT:
            if roles is None:
                notes.add(FIRST_EXIT if first else REPEATED_EXIT, line[i])
            else:
                stints.append((roles, starts, date[i]))
                roles = None
        elif roles is None:
            roles, starts = [code], [date[i]]
        elif roles[-1] != code:
            roles.append(code)
            starts.append(date[i])
    if roles is not None:
        stints.append((roles, starts, None))
    if stints:
        yield stints
