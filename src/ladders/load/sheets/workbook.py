"""Reading the sheets of a workbook (with openpyxl) as the tables of a ladder."""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Iterator, Sequence
from typing import Any

from ladders.findings import SheetFile
from ladders.load.sheets.builder import _Builder
from ladders.load.sheets.cells import _date_text, _lines, _number_text, decode_cell_text, unprotect
from ladders.load.sheets.guards import _refuse_archive, _scan_sheet
from ladders.load.sheets.layout import REQUIRED_TABLES, TABLES
from ladders.load.sheets.reading import _Table, _Unreadable

__all__ = [
    "_workbook_tables",
]


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


def _book_blank(cells: Sequence[Any]) -> bool:
    return all(cell.value is None or cell.value == "" for cell in cells)


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
