"""A ladder as an Excel workbook (``ladders export --format xlsx``), for the people in HR.

The workbook holds the ladder's tables, one sheet each (``roles``, ``moves``, ``levels``,
``tracks``, ``bands``, ``ladder``: the layout of :mod:`ladders.exchange.tables`), so that
``ladders check org.xlsx`` reads it back as the same ladder; and two sheets for people,
which reading ignores:

* ``chart``: the ladder as HR draws it. Levels are rows, highest first; each family's
  tracks are columns (families in the order their first role is written, technical
  tracks first); each cell lists the roles of that family and track at that level.
  Roles with findings are highlighted (red for errors, amber for warnings) and their
  codes shown. At the right, each level's highest technical and management band
  midpoints and the gap between them.
* ``findings``: one row per finding (severity, code, role, message, where).

Every sheet has its header row frozen, columns sized to their content, and the tables
and findings an auto-filter. Text that a spreadsheet would run as a formula is written
with a ``'`` in front (see :func:`ladders.load.sheets.protect`).
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ladders.exchange.tables import Cell, _data, ladder_tables
from ladders.findings import Finding, Severity, cell_name
from ladders.load.sheets import encode_cell_text, protect

if TYPE_CHECKING:
    from ladders.model import LadderData as Ladder

__all__ = ["CHART_SHEET", "FINDINGS_SHEET", "SHEET_ORDER", "workbook_bytes", "write_workbook"]

CHART_SHEET = "chart"
FINDINGS_SHEET = "findings"
#: the sheets of an exported workbook, in order (the first is the one that opens)
SHEET_ORDER = (CHART_SHEET, FINDINGS_SHEET, "roles", "moves", "levels", "tracks", "bands", "ladder")

_MAX_WIDTH = 60
_ERROR_FILL = "FFC7CE"  # the light red and amber that spreadsheets use for bad and neutral
_WARNING_FILL = "FFEB9C"
_HEADER_FILL = "D9E1F2"


def _text(value: str) -> str:
    return encode_cell_text(protect(value))


def _width(value: Cell) -> int:
    if value is None:
        return 0
    text = value if isinstance(value, str) else str(value)
    return max(map(len, text.split("\n"))) if "\n" in text else len(text)


class _Styles:
    """The few cell styles the workbook uses (made once: openpyxl styles are costly)."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.bold = Font(bold=True)
        self.header = PatternFill("solid", start_color=_HEADER_FILL, end_color=_HEADER_FILL)
        self.error = PatternFill("solid", start_color=_ERROR_FILL, end_color=_ERROR_FILL)
        self.warning = PatternFill("solid", start_color=_WARNING_FILL, end_color=_WARNING_FILL)
        self.wrap = Alignment(wrap_text=True, vertical="top")


def _sheet(
    book: Any,
    title: str,
    rows: Sequence[Sequence[Cell]],
    styles: _Styles,
    *,
    header_rows: int = 1,
    filtered: bool = True,
    freeze: str | None = None,
) -> Any:
    """A write-only sheet with ``rows``: header rows bold and frozen, widths from content."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    width = max((len(row) for row in rows), default=0)
    sizes = [0] * width
    for row in rows:
        for index, value in enumerate(row):
            size = _width(value)
            if size > sizes[index]:
                sizes[index] = size
    for index, size in enumerate(sizes):
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(_MAX_WIDTH, size + 2)
    sheet.freeze_panes = freeze or f"A{header_rows + 1}"
    if filtered and width and len(rows) > header_rows:
        sheet.auto_filter.ref = f"A{header_rows}:{cell_name(len(rows), width)}"
    for number, row in enumerate(rows):
        if number < header_rows:
            cells = []
            for value in row:
                cell = WriteOnlyCell(sheet, value=_text(value) if isinstance(value, str) else value)
                cell.font, cell.fill = styles.bold, styles.header
                cells.append(cell)
            sheet.append(cells)
        else:
            sheet.append([_text(v) if isinstance(v, str) else v for v in row])
    return sheet


def _band_of(
    role: Mapping[str, Any], tracks: Mapping[str, Any], levels: Mapping[str, Any]
) -> Mapping[str, Any] | None:
    """A role's band (DESIGN §2): its own, else its track's at its level, else its level's."""
    band = role.get("band")
    if band:
        return band  # type: ignore[no-any-return]
    track = tracks.get(role.get("track", ""))
    bands = track.get("bands") if isinstance(track, Mapping) else None
    if bands and str(role.get("level")) in bands:
        return bands[str(role.get("level"))]  # type: ignore[no-any-return]
    level = levels.get(str(role.get("level")))
    return level.get("band") if isinstance(level, Mapping) else None


def _midpoint(band: Mapping[str, Any]) -> Fraction | None:
    try:
        return (Fraction(str(band["min"])) + Fraction(str(band["max"]))) / 2
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None


def _shown_number(value: Fraction) -> int | float:
    return int(value) if value.denominator == 1 else float(value)


def _chart(
    data: Mapping[str, Any], findings: Iterable[Finding]
) -> tuple[list[list[Cell]], dict[tuple[int, int], Severity]]:
    """The chart's rows, and the severity of each highlighted cell (row, column index)."""
    levels = [lv if isinstance(lv, Mapping) else {"id": str(lv)} for lv in data.get("levels") or ()]
    by_level = {str(lv["id"]): lv for lv in levels}
    tracks = {
        tid: t if isinstance(t, Mapping) else {"kind": t}
        for tid, t in (data.get("tracks") or {}).items()
    }
    roles: Mapping[str, Mapping[str, Any]] = data.get("roles") or {}
    worst: dict[str, Severity] = {}
    codes: dict[str, list[str]] = {}
    for found in findings:
        if found.role is None or found.role not in roles:
            continue
        severity = Severity(found.severity)
        if worst.get(found.role) is not Severity.ERROR:
            worst[found.role] = severity
        if found.code not in codes.setdefault(found.role, []):
            codes[found.role].append(found.code)
    families: dict[str | None, list[str]] = {}
    cells: dict[tuple[str | None, str, str], list[str]] = {}
    for role_id, role in roles.items():
        family, track = role.get("family"), str(role.get("track"))
        families.setdefault(family, [])
        if track not in families[family]:
            families[family].append(track)
        cells.setdefault((family, track, str(role.get("level"))), []).append(role_id)
    track_order = {tid: i for i, tid in enumerate(tracks)}

    def track_key(track: str) -> tuple[bool, int]:  # technical tracks first, as drawn
        kind = tracks.get(track, {}).get("kind")
        return kind != "technical", track_order.get(track, len(track_order))

    columns = [
        (family, track)
        for family, family_tracks in families.items()
        for track in sorted(family_tracks, key=track_key)
    ]

    def track_label(track: str) -> str:
        spec = tracks.get(track, {})
        name = spec.get("name") or track
        return f"{name} ({spec.get('kind', '?')})"

    pay = ["technical midpoint", "management midpoint", "gap", "gap %", "currency"]
    rows: list[list[Cell]] = [
        ["family", *[family or "(no family)" for family, _ in columns], "pay", *[None] * 4],
        ["level", *[track_label(track) for _, track in columns], *pay],
    ]
    highlight: dict[tuple[int, int], Severity] = {}
    for level in reversed(levels):
        level_id = str(level["id"])
        row: list[Cell] = [f"{level_id} ({level['name']})" if level.get("name") else level_id]
        for index, (family, track) in enumerate(columns, start=1):
            here = cells.get((family, track, level_id), [])
            lines = []
            for role_id in here:
                title = roles[role_id].get("title") or role_id
                role_codes = codes.get(role_id)
                lines.append(f"{title} [{', '.join(role_codes)}]" if role_codes else str(title))
                if role_id in worst:
                    key = (len(rows), index)
                    if highlight.get(key) is not Severity.ERROR:
                        highlight[key] = worst[role_id]
            row.append(_cell_lines(lines))
        row.extend(_pay_cells(level_id, roles, tracks, by_level))
        rows.append(row)
    return rows, highlight


# A spreadsheet cell holds at most 32,767 characters; a crowded chart cell says how many
# roles it leaves out rather than break the workbook.
_CELL_LIMIT = 32_000


def _cell_lines(lines: list[str]) -> str | None:
    """The lines of a chart cell, as many as fit.

    >>> _cell_lines(["a", "b"]), _cell_lines([]), len(_cell_lines(["x" * 20_000] * 3) or "")
    ('a\\nb', None, 20015)
    """
    shown: list[str] = []
    size = 0
    for index, line in enumerate(lines):
        if size + len(line) + 1 > _CELL_LIMIT - 40:
            shown.append(f"... and {len(lines) - index} more")
            break
        shown.append(line)
        size += len(line) + 1
    return "\n".join(shown) or None


def _pay_cells(
    level_id: str,
    roles: Mapping[str, Mapping[str, Any]],
    tracks: Mapping[str, Any],
    levels: Mapping[str, Any],
) -> list[Cell]:
    """A level's highest technical and management midpoints, the gap, its share, currency."""
    best: dict[str, dict[str, Fraction]] = {"technical": {}, "management": {}}
    for role in roles.values():
        if str(role.get("level")) != level_id:
            continue
        kind = tracks.get(role.get("track", ""), {}).get("kind")
        band = _band_of(role, tracks, levels)
        middle = _midpoint(band) if band else None
        if kind not in best or middle is None or band is None:
            continue
        currency = str(band.get("currency"))
        if middle > best[kind].get(currency, Fraction(-1)):
            best[kind][currency] = middle
    technical, management = best["technical"], best["management"]
    shared = [c for c in technical if c in management]
    chosen = shared[0] if shared else next(iter(technical or management), None)
    if chosen is None:
        return [None] * 5
    tech, mgmt = technical.get(chosen), management.get(chosen)
    gap = mgmt - tech if tech is not None and mgmt is not None else None
    share = float(gap / tech) if gap is not None and tech else None
    return [
        _shown_number(tech) if tech is not None else None,
        _shown_number(mgmt) if mgmt is not None else None,
        _shown_number(gap) if gap is not None else None,
        round(share * 100, 1) if share is not None else None,
        chosen,
    ]


def _findings_rows(findings: Iterable[Finding]) -> list[list[Cell]]:
    rows: list[list[Cell]] = [
        ["severity", "code", "name", "role", "message", "file", "sheet", "line", "column"]
    ]
    for found in sorted(findings):
        rows.append(
            [
                str(found.severity),
                found.code,
                found.name,
                found.role,
                found.message,
                str(found.file),
                found.sheet,
                found.line,
                found.column,
            ]
        )
    return rows


def workbook_bytes(
    ladder: Ladder | Mapping[str, Any],
    findings: Iterable[Finding] = (),
    *,
    explicit: bool = False,
    fill_kinds: bool = True,
) -> bytes:
    """The workbook (see the module docstring) of a ladder or of ladder file data."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    data = _data(ladder, explicit)
    found = list(findings)
    tables = ladder_tables(data, fill_kinds=fill_kinds)
    styles = _Styles()
    book = Workbook(write_only=True)
    chart_rows, highlight = _chart(data, found)
    chart = book.create_sheet(CHART_SHEET)
    _chart_sheet(chart, chart_rows, highlight, styles, WriteOnlyCell)
    _sheet(book, FINDINGS_SHEET, _findings_rows(found), styles)
    for name in SHEET_ORDER[2:]:
        _sheet(book, name, tables[name], styles, filtered=name != "ladder")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _chart_sheet(
    sheet: Any,
    rows: list[list[Cell]],
    highlight: Mapping[tuple[int, int], Severity],
    styles: _Styles,
    cell_type: Any,
) -> None:
    from openpyxl.utils import get_column_letter

    width = max(len(row) for row in rows)
    for index in range(width):
        longest = max((_width(row[index]) for row in rows if index < len(row)), default=0)
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(40, longest + 2)
    sheet.freeze_panes = "B3"
    for number, row in enumerate(rows):
        cells = []
        for index, value in enumerate(row):
            cell = cell_type(sheet, value=_text(value) if isinstance(value, str) else value)
            if number < 2 or index == 0:
                cell.font = styles.bold
                cell.fill = styles.header
            severity = highlight.get((number, index))
            if severity is not None:
                cell.fill = styles.error if severity is Severity.ERROR else styles.warning
            if number >= 2:
                cell.alignment = styles.wrap
            cells.append(cell)
        sheet.append(cells)
    sheet.append([])
    sheet.append(
        [
            _text(
                "Red: roles with errors; amber: roles with warnings (codes in brackets; see "
                "the findings sheet). Pay: the highest band midpoint of each track kind at the "
                "level, and the management midpoint's gap over the technical one."
            )
        ]
    )


def write_workbook(
    ladder: Ladder | Mapping[str, Any],
    path: str | os.PathLike[str],
    findings: Iterable[Finding] = (),
    *,
    explicit: bool = False,
    fill_kinds: bool = True,
) -> None:
    """Write the workbook of a ladder to ``path``, whole or not at all. Raises OSError.

    ``ladders check PATH`` reads it back as the same ladder, with the same findings.
    """
    from ladders.exchange.write import write_bytes

    write_bytes(path, workbook_bytes(ladder, findings, explicit=explicit, fill_kinds=fill_kinds))
