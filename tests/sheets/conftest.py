"""Helpers for the spreadsheet tests: ladders written as workbooks and CSV folders.

The writers here are independent of ladders' own (:mod:`ladders.exchange.tables`): they
follow the layout of DESIGN §1 "Spreadsheets" plainly, as a person or another tool
would, so that the reader is tested against the layout, not against its own writer.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from ladders.findings import Finding
from ladders.load.yaml import read_yaml

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
EXAMPLES = HERE.parents[1] / "examples"

COLUMNS = {
    "ladder": ["key", "value"],
    "levels": ["id", "name", "description", "entry"],
    "tracks": ["id", "kind", "name", "description"],
    "roles": [
        "id", "title", "track", "level", "family", "entry", "description",
        "promote", "switch", "ignore", "metadata",
    ],
    "moves": ["from", "to", "kind", "criteria", "ignore", "metadata"],
    "bands": ["level", "track", "role", "min", "max", "currency"],
}  # fmt: skip


def exact_data(text: str) -> dict[str, Any]:
    """Ladder file data as ladders reads YAML (``no`` and ``1.10`` stay text)."""
    data, _, problems = read_yaml(text)
    assert not problems, problems
    assert isinstance(data, dict)
    return data


def _protected(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


@dataclass
class Layout:
    """A ladder's tables (rows, header first) and where each role and move was written."""

    tables: dict[str, list[list[Any]]]
    role_row: dict[str, int] = field(default_factory=dict)  # role -> row in roles
    move_row: dict[tuple[str, int], int] = field(default_factory=dict)  # (role, index) -> row

    def column(self, table: str, name: str) -> int:
        """The 1-based column of ``name`` in ``table``."""
        return self.tables[table][0].index(name) + 1


def layout(data: Mapping[str, Any], order: Mapping[str, Sequence[str]] | None = None) -> Layout:
    """The DESIGN layout of ladder file data; ``order`` may reorder a table's columns."""
    columns = {name: list((order or {}).get(name, cols)) for name, cols in COLUMNS.items()}
    out = Layout({name: [list(cols)] for name, cols in columns.items()})

    def row(table: str, values: Mapping[str, Any]) -> None:
        out.tables[table].append([_protected(values.get(c)) for c in columns[table]])

    settings = data.get("progression") or {}
    for key in ("name", "description", "version"):
        if key in data:
            row("ladder", {"key": key, "value": data[key]})
    for key in ("promote", "switch"):
        if key in settings:
            row("ladder", {"key": key, "value": settings[key]})
    for level in data.get("levels") or ():
        spec = level if isinstance(level, dict) else {"id": level}
        row("levels", spec)
        if "band" in spec:
            row("bands", {"level": spec["id"], **spec["band"]})
    for track_id, track in (data.get("tracks") or {}).items():
        spec = track if isinstance(track, dict) else {"kind": track}
        row("tracks", {"id": track_id, **spec})
        for level_id, band in (spec.get("bands") or {}).items():
            row("bands", {"level": level_id, "track": track_id, **band})
    for role_id, role in (data.get("roles") or {}).items():
        values = {"id": role_id, **role, **(role.get("progression") or {})}
        if role.get("ignore"):
            values["ignore"] = "\n".join(f"{c}: {r}" for c, r in role["ignore"].items())
        if "metadata" in role:
            values["metadata"] = json.dumps(role["metadata"])
        row("roles", values)
        out.role_row[role_id] = len(out.tables["roles"])
        if "band" in role:
            row("bands", {"role": role_id, **role["band"]})
        for index, move in enumerate(role.get("moves") or ()):
            spec = move if isinstance(move, dict) else {"to": move}
            values = {"from": role_id, **spec}
            if spec.get("criteria"):
                values["criteria"] = "\n".join(spec["criteria"])
            if spec.get("ignore"):
                values["ignore"] = "\n".join(f"{c}: {r}" for c, r in spec["ignore"].items())
            if "metadata" in spec:
                values["metadata"] = json.dumps(spec["metadata"])
            row("moves", values)
            out.move_row[(role_id, index)] = len(out.tables["moves"])
    return out


def write_book(tables: Mapping[str, Sequence[Sequence[Any]]], path: Path) -> Path:
    """A workbook with one sheet per table (openpyxl's ordinary mode, as most tools write)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in tables.items():
        sheet = book.create_sheet(name)
        for values in rows:
            sheet.append(list(values))
    book.save(path)
    return path


def write_folder(tables: Mapping[str, Sequence[Sequence[Any]]], path: Path) -> Path:
    """A folder with one CSV file per table; booleans as true/false."""
    path.mkdir(exist_ok=True)
    for name, rows in tables.items():
        with open(path / f"{name}.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            for values in rows:
                writer.writerow(
                    [
                        str(v).lower() if isinstance(v, bool) else "" if v is None else v
                        for v in values
                    ]
                )
    return path


def csv_line(rows: Sequence[Sequence[Any]], row: int) -> int:
    """The physical line on which record ``row`` (1-based, the header is 1) of a CSV file
    written from ``rows`` starts: each line break inside an earlier cell adds a line."""
    breaks = sum(str(cell).count("\n") for values in rows[: row - 1] for cell in values)
    return row + breaks


def keys(findings: Sequence[Finding]) -> list[tuple[str, str]]:
    """What the findings are, wherever they are: sorted (code, role)."""
    return sorted((f.code, f.role or "") for f in findings)


@pytest.fixture
def minimal() -> dict[str, list[list[Any]]]:
    """The tables of a small healthy ladder (no findings)."""
    return {
        "levels": [["id"], ["L1"], ["L2"]],
        "tracks": [["id", "kind"], ["ic", "technical"]],
        "roles": [
            ["id", "title", "track", "level"],
            ["dev", "Developer", "ic", "L1"],
            ["senior", "Senior Developer", "ic", "L2"],
        ],
        "moves": [["from", "to"], ["dev", "senior"]],
    }
