"""Reading a folder of CSV files, or CSV texts, as the tables of a ladder."""

from __future__ import annotations

import csv
import io
import os
import sys
from collections.abc import Iterator, Mapping, Sequence

from ladders.load.sheets.builder import Tables, _Builder, _finish
from ladders.load.sheets.cells import _lines, unprotect
from ladders.load.sheets.layout import REQUIRED_TABLES, TABLES
from ladders.load.sheets.reading import _CONTROL, _Table, _Unreadable
from ladders.load.text import Fatal, decode

__all__ = [
    "_folder_tables",
    "read_tables",
]


def _csv_text(cell: str) -> str | None:
    if not cell:
        return None
    if cell[0] != "'" and "\r" not in cell:  # most cells: nothing to undo
        return cell
    return _lines(unprotect(cell))


def _csv_blank(cells: Sequence[str]) -> bool:
    return not any(cells)


def _csv_records(text: str) -> Iterator[tuple[int, list[str]]]:
    """CSV records with the physical line each starts on."""
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1
    for record in reader:
        yield line, record
        line = reader.line_num + 1


def _csv_table(name: str, file: str, label: str, text: str) -> _Table:
    rows = _guarded_csv(text, label)
    controls = _CONTROL.search(text) is not None  # once for the table, not per cell
    return _Table(name, file, label, rows, _csv_text, _csv_text, _csv_blank, controls)


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


def read_tables(
    texts: Mapping[str, str | None],
    folder: str = "",
    *,
    derive: bool = False,
    positions: bool = True,
) -> Tables:
    """Ladder data from CSV texts by table name (``"roles"`` -> its text).

    Positions are in ``folder/NAME.csv``. ``derive``: without a levels or tracks table,
    take levels (ordered by ``level_rank``) and track kinds (``track_kind``) from the
    roles, as ``import-csv`` always has. ``positions=False``: the source map has no
    marks (every position is line 1), for a caller that uses only the data and the
    findings (which have their cells all the same).

    >>> tables = read_tables({"levels": "id\\nL1\\n", "tracks": "id,kind\\nic,technical\\n",
    ...     "roles": "id,title,track,level\\ndev,Developer,ic,L1\\n"})
    >>> tables.data["roles"], tables.findings
    ({'dev': {'title': 'Developer', 'track': 'ic', 'level': 'L1'}}, [])
    """
    builder = _Builder(folder or "<tables>", derive, positions=positions)
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


def _listing(folder: str) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []
