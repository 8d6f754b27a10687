"""A ladder as spreadsheet tables (DESIGN §1 "Spreadsheets"): CSV text, and ladder data back.

One layout everywhere: what ``ladders export --format csv`` writes, what
``ladders import-csv`` reads and what a CSV folder ladder is (``ladders check folder/``);
a workbook has the same tables as sheets (:mod:`ladders.exchange.xlsx`). The tables are
``ladder``, ``levels``, ``tracks``, ``roles``, ``moves`` and ``bands``; their columns are
:data:`ladders.load.sheets.COLUMNS`. Written text that a spreadsheet would run as a
formula gets a ``'`` in front (reading drops it again); every move's ``kind`` is filled
in, inferred where the ladder does not write it; the ladder's name and description are
kept in the ``ladder`` table.

>>> from ladders import loads
>>> ladder = loads('''
... name: Acme
... levels: [L1, L2]
... tracks: {ic: technical}
... roles:
...   dev: {title: Developer, track: ic, level: L1, moves: [{to: senior, criteria: [Ships]}]}
...   senior: {title: =Senior, track: ic, level: L2}
... ''')
>>> tables = export_csv(ladder)
>>> print(tables["moves.csv"].strip())
from,to,kind,criteria,ignore,metadata
dev,senior,technical,Ships,,
>>> tables["roles.csv"].splitlines()[2]
"senior,'=Senior,ic,L2,,,,,,,,technical,1"
>>> data = import_csv(tables["roles.csv"], tables["moves.csv"], levels=tables["levels.csv"],
...                   tracks=tables["tracks.csv"], ladder=tables["ladder.csv"])
>>> data["name"], data["roles"]["senior"]["title"], data["roles"]["dev"]["moves"][0]["kind"]
('Acme', '=Senior', 'technical')
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ladders.collector import collector_paused
from ladders.errors import CsvError
from ladders.load.sheets import COLUMNS, DERIVED, TABLES, protect, read_tables

if TYPE_CHECKING:
    from ladders.model import LadderData as Ladder

__all__ = [
    "MOVE_COLUMNS",
    "ROLE_COLUMNS",
    "CsvError",
    "csv_texts",
    "export_csv",
    "import_csv",
    "ladder_tables",
    "write_csv_folder",
]

#: the columns of the roles table as written: the layout's, then the derived ones
ROLE_COLUMNS = (*COLUMNS["roles"], *DERIVED["roles"])
#: the columns of the moves table
MOVE_COLUMNS = COLUMNS["moves"]

#: what one cell holds before it is written: text, a number, a boolean, or nothing
Cell = str | int | float | bool | None


def _data(ladder: Ladder | Mapping[str, Any], explicit: bool = False) -> Mapping[str, Any]:
    """Ladder file data: given, or the ladder's own (normalised, includes merged; with
    ``explicit``, implied moves written out)."""
    if isinstance(ladder, Mapping):
        return ladder
    from ladders.exchange.data import ladder_data

    return ladder_data(ladder, explicit=explicit)


def _single_lines(items: list[str]) -> bool:
    return all(
        item and item == item.strip() and "\n" not in item and "\r" not in item for item in items
    )


def _criteria_cell(criteria: Any) -> str | None:
    """One criterion per line; JSON when a criterion cannot be written so."""
    if not criteria:
        return None
    items = [str(c) for c in criteria]
    if _single_lines(items) and not items[0].startswith("["):
        return "\n".join(items)
    return json.dumps(items, ensure_ascii=False)


def _ignore_cell(ignore: Any) -> str | None:
    """One ``CODE: reason`` per line; JSON when an entry cannot be written so."""
    if not ignore:
        return None
    codes = [str(code) for code in ignore]
    reasons = [str(reason) for reason in ignore.values()]
    if (
        _single_lines(codes)
        and _single_lines(reasons)
        and not any(":" in code for code in codes)
        and not codes[0].startswith("{")
    ):
        return "\n".join(f"{code}: {reason}" for code, reason in zip(codes, reasons, strict=True))
    return json.dumps(dict(ignore), ensure_ascii=False)


def _json_cell(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _number(value: Any) -> Cell:
    """A band's number as a cell: an int, or a float for a fraction of a unit."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | Fraction):
        return str(value)
    if isinstance(value, int):
        return value
    exact = Fraction(value)
    return int(exact) if exact.denominator == 1 else float(value)


def _band_row(level: Any, track: Any, role: Any, band: Mapping[str, Any]) -> list[Cell]:
    return [
        level,
        track,
        role,
        _number(band["min"]) if band.get("min") is not None else None,
        _number(band["max"]) if band.get("max") is not None else None,
        band.get("currency"),
    ]


def ladder_tables(
    ladder: Ladder | Mapping[str, Any], *, explicit: bool = False, fill_kinds: bool = True
) -> dict[str, list[list[Cell]]]:
    """The tables of a ladder (or of ladder file data): rows by table name, header first.

    Cells are typed (text, numbers, booleans, None for blank); text is as written, not
    yet protected (the writers do that). Every move's ``kind`` is filled in (inferred
    where not written), unless ``fill_kinds`` is false (``ladders.dump`` writes kinds
    only as written, so that the ladder reads back equal). With
    ``explicit``, the moves ``progression`` implies are written out, and it is left out.
    """
    data = _data(ladder, explicit)
    levels: list[Mapping[str, Any]] = [
        lv if isinstance(lv, Mapping) else {"id": str(lv)} for lv in data.get("levels") or ()
    ]
    tracks: Mapping[str, Any] = {
        tid: t if isinstance(t, Mapping) else {"kind": t}
        for tid, t in (data.get("tracks") or {}).items()
    }
    roles: Mapping[str, Mapping[str, Any]] = data.get("roles") or {}
    ranks: dict[str, int] = {}
    for index, level in enumerate(levels):
        ranks.setdefault(str(level["id"]), index)
    kinds = {tid: t.get("kind") for tid, t in tracks.items()}
    progression = data.get("progression") or {}
    out: dict[str, list[list[Cell]]] = {name: [list(COLUMNS[name])] for name in TABLES}
    out["roles"][0] = list(ROLE_COLUMNS)
    out["ladder"].extend(
        [
            ["name", data.get("name")],
            ["description", data.get("description")],
            ["version", data.get("version", 1)],
            ["promote", progression.get("promote")],
            ["switch", progression.get("switch")],
        ]
    )
    for level in levels:
        out["levels"].append(
            [str(level["id"]), level.get("name"), level.get("description"), level.get("entry")]
        )
        if level.get("band"):
            out["bands"].append(_band_row(str(level["id"]), None, None, level["band"]))
    for tid, track in tracks.items():
        out["tracks"].append([tid, track.get("kind"), track.get("name"), track.get("description")])
        for level_id, band in (track.get("bands") or {}).items():
            out["bands"].append(_band_row(str(level_id), tid, None, band))
    role_rows, move_rows, band_rows = out["roles"], out["moves"], out["bands"]
    for role_id, role in roles.items():
        level_id = str(role.get("level"))
        own = role.get("progression") or {}
        role_rows.append(
            [
                role_id,
                role.get("title"),
                role.get("track"),
                level_id,
                role.get("family"),
                role.get("entry"),
                role.get("description"),
                own.get("promote"),
                own.get("switch"),
                _ignore_cell(role.get("ignore")),
                _json_cell(role.get("metadata")),
                kinds.get(role.get("track", "")),
                ranks.get(level_id),
            ]
        )
        if role.get("band"):
            band_rows.append(_band_row(None, None, role_id, role["band"]))
        rank = ranks.get(level_id)
        for move in role.get("moves") or ():
            spec: Mapping[str, Any] = move if isinstance(move, Mapping) else {"to": move}
            target = roles.get(spec["to"], {})
            kind = spec.get("kind")
            target_rank = ranks.get(str(target.get("level")))
            if fill_kinds and kind is None and rank is not None and target_rank is not None:
                kind = kinds.get(target.get("track", "")) if target_rank > rank else "lateral"
            move_rows.append(
                [
                    role_id,
                    spec["to"],
                    kind,
                    _criteria_cell(spec.get("criteria")),
                    _ignore_cell(spec.get("ignore")),
                    _json_cell(spec.get("metadata")),
                ]
            )
    return out


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    return protect(value)


def csv_texts(
    ladder: Ladder | Mapping[str, Any], *, explicit: bool = False, fill_kinds: bool = True
) -> dict[str, str]:
    """CSV text by file name (``roles.csv``, ...) for a ladder or ladder file data."""
    texts: dict[str, str] = {}
    for name, rows in ladder_tables(ladder, explicit=explicit, fill_kinds=fill_kinds).items():
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerows([_csv_cell(cell) for cell in row] for row in rows)
        texts[f"{name}.csv"] = out.getvalue()
    return texts


def export_csv(
    ladder: Ladder | Mapping[str, Any], *, explicit: bool = False, fill_kinds: bool = True
) -> dict[str, str]:
    """CSV text by file name: ``ladder.csv``, ``levels.csv``, ``tracks.csv``, ``roles.csv``,
    ``moves.csv`` and ``bands.csv`` (the same as :func:`csv_texts`)."""
    return csv_texts(ladder, explicit=explicit, fill_kinds=fill_kinds)


def write_csv_folder(
    ladder: Ladder | Mapping[str, Any],
    path: str | os.PathLike[str],
    *,
    explicit: bool = False,
    fill_kinds: bool = True,
) -> None:
    """Write a ladder as a CSV folder (created if needed), each file whole or not at all.

    ``ladders check PATH`` reads it back as the same ladder. Raises :class:`OSError`.
    """
    from ladders.exchange.write import write_bytes

    folder = os.fspath(path)
    os.makedirs(folder, exist_ok=True)
    for name, text in csv_texts(ladder, explicit=explicit, fill_kinds=fill_kinds).items():
        write_bytes(os.path.join(folder, name), text.encode("utf-8"))


def _booleans(data: Mapping[str, Any]) -> list[tuple[str | int, ...]]:
    """Where ladder file data holds a boolean (entry, promote, switch)."""
    paths: list[tuple[str | int, ...]] = []
    if isinstance(data.get("progression"), dict):
        paths.extend(("progression", key) for key in data["progression"])
    for index, level in enumerate(data.get("levels") or ()):
        if isinstance(level, dict) and "entry" in level:
            paths.append(("levels", index, "entry"))
    for role_id, role in (data.get("roles") or {}).items():
        if "entry" in role:
            paths.append(("roles", role_id, "entry"))
        paths.extend(("roles", role_id, "progression", key) for key in role.get("progression", ()))
    return paths


def import_csv(
    roles: str,
    moves: str | None = None,
    *,
    levels: str | None = None,
    tracks: str | None = None,
    name: str | None = None,
    ladder: str | None = None,
    bands: str | None = None,
) -> dict[str, Any]:
    """Ladder file data from CSV text (the tables :func:`export_csv` writes).

    Without ``levels``, levels come from the roles, ordered by ``level_rank`` (or by first
    appearance); without ``tracks``, tracks come from the roles' ``track_kind``. ``name``
    is the ladder's name (over the ``ladder`` table's). Raises :class:`CsvError` naming the
    file, row and column of the first cell that cannot be read; the data is not checked
    against the format here (load it for that).
    """
    texts = {
        "ladder": ladder,
        "levels": levels,
        "tracks": tracks,
        "roles": roles,
        "moves": moves,
        "bands": bands,
    }
    with collector_paused():  # many small objects, no cycles: the collector would only cost
        # Without positions: the findings have their cells, and only a value that is not
        # true or false (below) needs the marks: the tables are read again for it.
        tables = read_tables(texts, derive=True, positions=False)
    for found in sorted(tables.findings):
        if found.severity != "error":
            continue
        column = tables.columns.get(id(found))
        where = f"{found.file} row {found.line}" + (f", {column}" if column else "")
        raise CsvError(f"{where}: {found.message}")
    for path in _booleans(tables.data):
        value: Any = tables.data
        for step in path:
            value = value[step]
        if not isinstance(value, bool):
            with collector_paused():  # read again, with the positions left out above
                tables = read_tables(texts, derive=True)
            file, line, _ = tables.source.value_at(path)
            raise CsvError(f"{file} row {line}, {path[-1]}: {value!r} is not true or false")
    data: dict[str, Any] = {"version": 1, **tables.data}
    if name:
        data["name"] = name
    return data
