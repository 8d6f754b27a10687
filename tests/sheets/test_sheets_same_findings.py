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
    exact_data,
    keys,
    layout,
    write_book,
    write_folder,
)

LADDERS = [
    *sorted(EXAMPLES.glob("*.yaml")),
    EXAMPLES / "split" / "org.yaml",
    DATA / "rules.yaml",
    DATA / "loads.yaml",
]


def merged_data(path: Path) -> dict[str, object]:
    """The file data of a YAML ladder, includes merged (a spreadsheet has no includes)."""
    data = exact_data(path.read_text())
    for include in data.pop("include", []):
        part = exact_data((path.parent / str(include)).read_text())
        for section in ("tracks", "roles"):
            data.setdefault(section, {}).update(part.get(section, {}))  # type: ignore[attr-defined]
        if "levels" in part:
            data["levels"] = part["levels"]
    return data


def spreadsheets(path: Path, tmp_path: Path) -> tuple[Layout, list[Path]]:
    """The ladder at ``path`` as a workbook and as a CSV folder, with the layout written."""
    written = layout(merged_data(path))
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
    """What each position of a loaded YAML ladder is: a role's key, or a move."""
    ladder = ladders.load(path)
    assert ladder.sources is not None
    places: dict[tuple[str, int, int], tuple[str, ...]] = {}
    for role_id, role in ladder.roles.items():
        places[ladder.sources.role(role_id)] = ("role", role_id)
        for index, move in enumerate(role.moves):
            places[ladder.sources.move(role_id, index)] = ("move", role_id, str(index))
            if not isinstance(role.move_specs[index], str):
                where = ladder.sources.role_value(role_id, "moves", index, "to")
                places[where] = ("move", role_id, str(index))
        for code in role.ignore or {}:
            places[ladder.sources.role_field(role_id, "ignore", code)] = ("ignore", role_id)
    return places


@pytest.mark.parametrize(
    "path", [p for p in LADDERS if p.name not in ("loads.yaml",)], ids=lambda p: p.name
)
def test_findings_are_at_the_cells_of_what_they_are_about(path: Path, tmp_path: Path) -> None:
    reference = check_file(path)
    places = _yaml_places(path)
    written, roots = spreadsheets(path, tmp_path)
    expected = []
    for found in reference:
        what = places[(found.file, found.line, found.column)]
        if what[0] == "role":
            expected.append((found.code, found.message, ("roles", written.role_row[what[1]], 1)))
        elif what[0] == "move":
            row = written.move_row[(what[1], int(what[2]))]
            expected.append((found.code, found.message, ("moves", row, 2)))
        else:
            row = written.role_row[what[1]]
            expected.append((found.code, found.message, ("roles", row, 10)))
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
    written = layout(merged_data(path), reversed_order)
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
