"""A ladder written as a workbook or a CSV folder has the same findings as in YAML, located
at its cells: a role's at its ``id`` cell, a move's at its ``to`` cell."""

from __future__ import annotations

from pathlib import Path

import pytest

import ladders
from ladders.check import check_file
from ladders.findings import Finding

from .conftest import (
    DATA,
    EXAMPLES,
    Layout,
    csv_line,
    keys,
    layout,
    merged_data_of,
    write_book,
    write_folder,
)

LADDERS = [
    *sorted(EXAMPLES.glob("*.yaml")),
    EXAMPLES / "split" / "org.yaml",
    DATA / "rules.yaml",
    DATA / "loads.yaml",
    DATA / "progression.yaml",
]


def spreadsheets(path: Path, tmp_path: Path) -> tuple[Layout, list[Path]]:
    """The ladder at ``path`` as a workbook and as a CSV folder, with the layout written."""
    written = layout(merged_data_of(path))
    book = write_book(written.tables, tmp_path / "org.xlsx")
    folder = write_folder(written.tables, tmp_path / "org")
    return written, [book, folder]


def place(finding: Finding, written: Layout) -> tuple[str, int, int]:
    """(table, row, column) of a spreadsheet finding; for a CSV file, the row is the record
    whose first line the finding's line is."""
    if finding.sheet is not None:
        return finding.sheet, finding.line, finding.column
    table = Path(finding.file).stem
    rows = written.tables[table]
    row = next(r for r in range(1, len(rows) + 1) if csv_line(rows, r) == finding.line)
    return table, row, finding.column


@pytest.mark.parametrize("path", LADDERS, ids=lambda p: p.name)
def test_same_findings_as_yaml(path: Path, tmp_path: Path) -> None:
    reference = check_file(path)
    _, roots = spreadsheets(path, tmp_path)
    for root in roots:
        assert keys(check_file(root)) == keys(reference), root.name


def _yaml_places(path: Path) -> dict[tuple[str, int, int], tuple[str, ...]]:
    """What each position of a loaded YAML ladder is: a role's key, a move, an ignore
    entry, a ``progression`` key."""
    ladder = ladders.load(path)
    sources = ladder.sources
    assert sources is not None
    places: dict[tuple[str, int, int], tuple[str, ...]] = {}
    if ladder.progression_settings is not None:
        places[sources.ladder_key("progression")] = ("progression",)
    for role_id, role in ladder.roles.items():
        places[sources.role(role_id)] = ("role", role_id)
        if role.progression is not None:
            places[sources.role_field(role_id, "progression")] = ("role progression", role_id)
        for index, spec in enumerate(role.move_specs):
            places[sources.move(role_id, index)] = ("move", role_id, str(index))
            if isinstance(spec, str):
                continue
            places[sources.role_value(role_id, "moves", index, "to")] = (
                "move",
                role_id,
                str(index),
            )
            for code in spec.ignore or {}:
                where = sources.role_field(role_id, "moves", index, "ignore", code)
                places[where] = ("move ignore", role_id, str(index))
        for code in role.ignore or {}:
            places[sources.role_field(role_id, "ignore", code)] = ("ignore", role_id)
    return places


def expected_place(what: tuple[str, ...], written: Layout) -> tuple[str, int, int]:
    """Where in the tables a finding about ``what`` must be."""
    kind, *rest = what
    if kind == "progression":  # the first promote or switch row of the ladder table
        keys_column = [row[0] for row in written.tables["ladder"]]
        row = min(keys_column.index(k) for k in ("promote", "switch") if k in keys_column)
        return ("ladder", row + 1, 1)
    role = rest[0]
    if kind == "role":
        return ("roles", written.role_row[role], 1)
    if kind == "ignore":
        return ("roles", written.role_row[role], written.column("roles", "ignore"))
    if kind == "role progression":  # the first of its promote and switch cells
        header, row = written.tables["roles"][0], written.role_row[role]
        values = written.tables["roles"][row - 1]
        column = min(
            header.index(k) for k in ("promote", "switch") if values[header.index(k)] is not None
        )
        return ("roles", row, column + 1)
    row = written.move_row[(role, int(rest[1]))]
    if kind == "move ignore":
        return ("moves", row, written.column("moves", "ignore"))
    return ("moves", row, written.column("moves", "to"))


@pytest.mark.parametrize(
    "path", [p for p in LADDERS if p.name not in ("loads.yaml",)], ids=lambda p: p.name
)
def test_findings_are_at_the_cells_of_what_they_are_about(path: Path, tmp_path: Path) -> None:
    reference = check_file(path)
    places = _yaml_places(path)
    written, roots = spreadsheets(path, tmp_path)
    expected = [
        (f.code, f.message, expected_place(places[(f.file, f.line, f.column)], written))
        for f in reference
    ]
    for root in roots:
        got = [(f.code, f.message, place(f, written)) for f in check_file(root)]
        assert sorted(got) == sorted(expected), root.name


def test_rule_findings_name_the_sheet_and_the_role(tmp_path: Path) -> None:
    _, (book, folder) = spreadsheets(DATA / "rules.yaml", tmp_path)
    for found in check_file(book):
        assert found.file == str(book)
        assert found.sheet in ("roles", "moves")
    for found in check_file(folder):
        assert found.sheet is None
        assert Path(found.file).name in ("roles.csv", "moves.csv")


def test_loading_findings_are_at_the_bad_cells(tmp_path: Path) -> None:
    written, (book, folder) = spreadsheets(DATA / "loads.yaml", tmp_path)
    roles = written.tables["roles"][0]
    row = written.role_row
    expected = {
        ("LAD003", None, ("levels", 4, 1)),  # the second L1
        ("LAD004", "dev", ("roles", row["dev"], roles.index("track") + 1)),  # icc
        ("LAD004", "dev", ("moves", written.move_row[("dev", 1)], 2)),  # nobody
        ("LAD002", "senior", ("roles", row["senior"], roles.index("entry") + 1)),  # maybe
        ("LAD002", "lead", ("moves", written.move_row[("lead", 0)], 3)),  # kind: sideways
        ("LAD002", "bad id", ("roles", row["bad id"], 1)),
        ("LAD002", "quiet", ("roles", row["quiet"], roles.index("ignore") + 1)),  # no reason
    }
    for root in (book, folder):
        assert {(f.code, f.role, place(f, written)) for f in check_file(root)} == expected


def test_columns_in_any_order_give_the_same_findings(tmp_path: Path) -> None:
    path = DATA / "rules.yaml"
    reversed_order = {
        "roles": ["metadata", "ignore", "level", "track", "title", "family", "entry", "id"],
        "moves": ["criteria", "kind", "to", "from"],
    }
    written = layout(merged_data_of(path), reversed_order)
    book = write_book(written.tables, tmp_path / "org.xlsx")
    folder = write_folder(written.tables, tmp_path / "org")
    reference = keys(check_file(path))
    for root in (book, folder):
        found = check_file(root)
        assert keys(found) == reference
        for finding in found:
            table, _, column = place(finding, written)
            if finding.code in ("LAD201", "LAD202", "LAD203", "LAD204"):
                assert (table, column) == ("moves", 3)  # the `to` column, wherever it is
            elif finding.code == "LAD006":
                assert (table, column) == ("roles", 2)
            else:
                assert (table, column) == ("roles", 8)
