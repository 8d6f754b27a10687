"""The reading rules of DESIGN §1 "Spreadsheets", each with its own test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import ladders
from ladders.check import check_file
from ladders.load import load_path

from .conftest import write_book, write_folder

Tables = dict[str, list[list[Any]]]


def both(tables: Tables, tmp_path: Path) -> list[Path]:
    """The tables as a workbook and as a CSV folder."""
    return [write_book(tables, tmp_path / "org.xlsx"), write_folder(tables, tmp_path / "org")]


def codes(root: Path) -> list[str]:
    return [f.code for f in check_file(root)]


def test_the_minimal_ladder_loads_from_both(minimal: Tables, tmp_path: Path) -> None:
    for root in both(minimal, tmp_path):
        ladder = ladders.load(root)
        assert list(ladder.roles) == ["dev", "senior"]
        assert ladder.roles["dev"].moves[0].to == "senior"
        assert [level.id for level in ladder.levels] == ["L1", "L2"]
        assert check_file(root) == []


def test_only_the_required_columns_are_needed(tmp_path: Path) -> None:
    tables: Tables = {
        "levels": [["id"], ["L1"]],
        "tracks": [["id", "kind"], ["ic", "technical"]],
        "roles": [["id", "title", "track", "level"], ["dev", "Developer", "ic", "L1"]],
    }
    for root in both(tables, tmp_path):
        assert load_path(root).ladder is not None


@pytest.mark.parametrize(
    ("table", "column"),
    [("roles", "title"), ("roles", "level"), ("levels", "id"), ("tracks", "kind"), ("moves", "to")],
)
def test_a_missing_required_column_is_one_finding(
    minimal: Tables, tmp_path: Path, table: str, column: str
) -> None:
    minimal["levels"] = [["id", "name"], ["L1", "One"], ["L2", "Two"]]
    index = minimal[table][0].index(column)
    for row in minimal[table]:
        del row[index]
    for root in both(minimal, tmp_path):
        found = load_path(root).findings
        missing = [f for f in found if "missing column" in f.message]
        assert len(missing) == 1, found
        assert (missing[0].code, missing[0].line) == ("LAD002", 1)
        assert repr(column) in missing[0].message


@pytest.mark.parametrize("table", ["levels", "tracks", "roles"])
def test_a_missing_required_sheet_is_a_finding(minimal: Tables, tmp_path: Path, table: str) -> None:
    del minimal[table]
    for root in both(minimal, tmp_path):
        loaded = load_path(root)
        assert loaded.ladder is None
        assert any(f.code == "LAD002" and table in f.message for f in loaded.findings)
        assert all(f.code != "LAD004" for f in loaded.findings)  # not "unknown track" for each


def test_an_unknown_column_is_lad002_with_a_hint(minimal: Tables, tmp_path: Path) -> None:
    minimal["roles"][0].append("familly")
    minimal["roles"][1].append("eng")
    for root in both(minimal, tmp_path):
        (found,) = load_path(root).findings
        assert found.code == "LAD002"
        assert "did you mean 'family'?" in found.message
        assert (found.line, found.column) == (1, 5)


def test_a_value_under_no_header_is_a_finding(minimal: Tables, tmp_path: Path) -> None:
    minimal["roles"][1].extend([None, "stray"])
    for root in both(minimal, tmp_path):
        (found,) = load_path(root).findings
        assert (found.code, found.line, found.column) == ("LAD002", 2, 6)


def test_the_ladder_sheet_is_optional_and_keeps_name_and_progression(
    minimal: Tables, tmp_path: Path
) -> None:
    minimal["ladder"] = [
        ["key", "value"],
        ["name", "Acme"],
        ["description", "Our ladder"],
        ["version", 1],
    ]
    for root in both(minimal, tmp_path):
        ladder = ladders.load(root)
        assert (ladder.name, ladder.description) == ("Acme", "Our ladder")


def test_an_unknown_ladder_key_is_lad002_with_a_hint(minimal: Tables, tmp_path: Path) -> None:
    minimal["ladder"] = [["key", "value"], ["nmae", "Acme"]]
    for root in both(minimal, tmp_path):
        (found,) = load_path(root).findings
        assert (found.code, found.line, found.column) == ("LAD002", 2, 1)
        assert "did you mean 'name'?" in found.message


def test_other_sheets_are_ignored(minimal: Tables, tmp_path: Path) -> None:
    minimal["chart"] = [["anything"], ["=1+1"]]
    minimal["notes"] = [["free text", "with columns"]]
    for root in both(minimal, tmp_path):
        assert check_file(root) == []


def test_sheet_and_file_names_are_the_lowercase_names(minimal: Tables, tmp_path: Path) -> None:
    minimal["Roles"] = minimal.pop("roles")
    book = write_book(minimal, tmp_path / "org.xlsx")
    assert load_path(book).ladder is not None  # a unique match in another case is read


@pytest.mark.parametrize(
    ("cell", "entry"),
    [(True, True), (False, False), ("TRUE", True), ("False", False), ("true", True)],
)
def test_booleans_are_boolean_cells_or_true_false_text(
    minimal: Tables, tmp_path: Path, cell: Any, entry: bool
) -> None:
    minimal["roles"][0].append("entry")
    minimal["roles"][1].append(cell)
    minimal["roles"][2].append(True)
    for root in both(minimal, tmp_path):
        assert ladders.load(root).roles["dev"].entry is entry


@pytest.mark.parametrize("cell", ["yes", "1", 1])
def test_other_booleans_are_lad002_at_the_cell(minimal: Tables, tmp_path: Path, cell: Any) -> None:
    minimal["roles"][0].append("entry")
    minimal["roles"][1].append(cell)
    for root in both(minimal, tmp_path):
        (found,) = load_path(root).findings
        assert (found.code, found.role, found.line, found.column) == ("LAD002", "dev", 2, 5)
        assert "true or false" in found.message


def test_text_is_read_as_the_text_a_person_sees(minimal: Tables, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    minimal["levels"] = [["id", "name"], [1.1, "one ten"], [7, "007"]]
    minimal["roles"][1][3] = 1.1
    minimal["roles"][2][3] = 7
    book = write_book(minimal, tmp_path / "org.xlsx")
    workbook = load_workbook(book)
    workbook["levels"]["A2"].number_format = "0.00"  # shown as 1.10
    workbook["levels"]["A3"].number_format = "000"  # shown as 007
    workbook["levels"]["B3"].value = dt.date(2024, 3, 5)
    workbook["levels"]["B3"].number_format = "d mmm yyyy"
    workbook["roles"]["D2"].number_format = "0.00"
    workbook["roles"]["D3"].number_format = "000"
    workbook.save(book)
    ladder = ladders.load(book)
    assert [level.id for level in ladder.levels] == ["1.10", "007"]
    assert ladder.levels[1].name == "5 Mar 2024"
    assert ladder.roles["dev"].level == "1.10"
    assert ladder.rank("senior") == 1


def test_text_in_a_csv_is_exactly_as_written(minimal: Tables, tmp_path: Path) -> None:
    minimal["levels"] = [["id"], ["1.10"], ["007"]]
    minimal["roles"][1][3] = "1.10"
    minimal["roles"][2][3] = "007"
    minimal["roles"][1][1] = "no"
    ladder = ladders.load(write_folder(minimal, tmp_path / "org"))
    assert [level.id for level in ladder.levels] == ["1.10", "007"]
    assert ladder.roles["dev"].title == "no"


def test_ignore_is_one_code_and_reason_per_line(minimal: Tables, tmp_path: Path) -> None:
    minimal["roles"][0].append("ignore")
    minimal["roles"][1].append("LAD104: Hired into directly\n\nLAD103: Agreed: by the board")
    for root in both(minimal, tmp_path):
        ladder = ladders.load(root)
        assert ladder.roles["dev"].ignore == {
            "LAD104": "Hired into directly",
            "LAD103": "Agreed: by the board",
        }


def test_an_ignore_line_without_a_reason_is_one_finding(minimal: Tables, tmp_path: Path) -> None:
    minimal["roles"][0].append("ignore")
    minimal["roles"][1].append("LAD104")
    for root in both(minimal, tmp_path):
        (found,) = load_path(root).findings
        assert (found.code, found.role, found.line, found.column) == ("LAD002", "dev", 2, 5)


def test_criteria_are_one_per_line(minimal: Tables, tmp_path: Path) -> None:
    minimal["moves"][0].append("criteria")
    minimal["moves"][1].append("Ships a project\n\n  Mentors two people  \n")
    for root in both(minimal, tmp_path):
        move = ladders.load(root).roles["dev"].moves[0]
        assert move.criteria == ("Ships a project", "Mentors two people")


def test_metadata_is_json_text_on_roles_and_moves(minimal: Tables, tmp_path: Path) -> None:
    minimal["roles"][0].append("metadata")
    minimal["roles"][1].append('{"grade": 7, "tags": ["a", "b"]}')
    minimal["moves"][0].append("metadata")
    minimal["moves"][1].append('{"weeks": 26}')
    for root in both(minimal, tmp_path):
        ladder = ladders.load(root)
        assert ladder.roles["dev"].metadata == {"grade": 7, "tags": ["a", "b"]}
        assert ladder.roles["dev"].moves[0].metadata == {"weeks": 26}


def test_metadata_that_is_not_json_is_one_finding(minimal: Tables, tmp_path: Path) -> None:
    minimal["roles"][0].append("metadata")
    minimal["roles"][1].append("{grade: 7}")
    for root in both(minimal, tmp_path):
        (found,) = load_path(root).findings
        assert (found.code, found.role, found.line, found.column) == ("LAD002", "dev", 2, 5)
        assert "JSON" in found.message


@pytest.mark.parametrize(("column", "value"), [("track_kind", "technical"), ("level_rank", 1)])
def test_derived_columns_that_agree_are_fine(
    minimal: Tables, tmp_path: Path, column: str, value: Any
) -> None:
    minimal["roles"][0].append(column)
    minimal["roles"][1].append("technical" if column == "track_kind" else 0)
    minimal["roles"][2].append(value)
    for root in both(minimal, tmp_path):
        assert check_file(root) == []


@pytest.mark.parametrize(("column", "value"), [("track_kind", "management"), ("level_rank", 5)])
def test_derived_columns_must_agree_with_the_ladder(
    minimal: Tables, tmp_path: Path, column: str, value: Any
) -> None:
    minimal["roles"][0].append(column)
    minimal["roles"][1].append(value)
    for root in both(minimal, tmp_path):
        (found,) = load_path(root).findings
        assert (found.code, found.role, found.line, found.column) == ("LAD002", "dev", 2, 5)
        assert "does not agree" in found.message


def test_blank_rows_are_skipped(minimal: Tables, tmp_path: Path) -> None:
    minimal["roles"].insert(2, [None, None, None, None])
    minimal["roles"].append([None, None])
    for root in both(minimal, tmp_path):
        assert list(ladders.load(root).roles) == ["dev", "senior"]


def test_a_csv_finding_is_at_the_physical_line_its_record_starts_on(
    minimal: Tables, tmp_path: Path
) -> None:
    minimal["roles"][0].append("description")
    minimal["roles"][1].append("Line one\nline two\nline three")
    minimal["roles"].append(["ghost", "Ghost", "nowhere", "L1", None])
    folder = write_folder(minimal, tmp_path / "org")
    (found,) = load_path(folder).findings
    assert (found.code, found.file, found.line) == ("LAD004", str(folder / "roles.csv"), 6)
    assert found.column == 3


def test_a_csv_with_semicolons_gets_a_hint_not_missing_columns(
    minimal: Tables, tmp_path: Path
) -> None:
    folder = write_folder(minimal, tmp_path / "org")
    (folder / "roles.csv").write_text(
        "id;title;track;level\ndev;Developer;ic;L1\nsenior;Senior;ic;L2\n"
    )
    found = load_path(folder).findings
    assert len(found) == 1, found
    assert "';'" in found[0].message
    assert "comma" in found[0].message
    assert "missing" not in found[0].message
    assert found[0].file == str(folder / "roles.csv")


def test_a_csv_may_start_with_a_byte_order_mark(minimal: Tables, tmp_path: Path) -> None:
    folder = write_folder(minimal, tmp_path / "org")
    text = (folder / "roles.csv").read_text()
    (folder / "roles.csv").write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert check_file(folder) == []


def test_a_csv_that_is_not_utf8_is_lad001_at_the_byte(minimal: Tables, tmp_path: Path) -> None:
    folder = write_folder(minimal, tmp_path / "org")
    (folder / "roles.csv").write_bytes(b"id,title,track,level\ndev,D\xe9veloppeur,ic,L1\n")
    (found,) = load_path(folder).findings
    assert (found.code, found.file, found.line) == ("LAD001", str(folder / "roles.csv"), 2)


def test_formula_protection_is_dropped_on_reading(minimal: Tables, tmp_path: Path) -> None:
    minimal["roles"][1][1] = "'=HYPERLINK(1)"
    minimal["roles"][2][1] = "''-5 days"
    for root in both(minimal, tmp_path):
        ladder = ladders.load(root)
        assert ladder.roles["dev"].title == "=HYPERLINK(1)"
        assert ladder.roles["senior"].title == "'-5 days"


def test_a_duplicate_role_id_is_lad003_at_the_second_id(minimal: Tables, tmp_path: Path) -> None:
    minimal["roles"].append(["dev", "Again", "ic", "L1"])
    for root in both(minimal, tmp_path):
        (found,) = load_path(root).findings
        assert (found.code, found.role, found.line, found.column) == ("LAD003", "dev", 4, 1)


def test_a_move_from_no_role_is_lad004_with_a_hint(minimal: Tables, tmp_path: Path) -> None:
    minimal["moves"].append(["devv", "senior"])
    for root in both(minimal, tmp_path):
        (found,) = load_path(root).findings
        assert (found.code, found.line, found.column) == ("LAD004", 3, 1)
        assert "did you mean 'dev'?" in found.message


def test_a_folder_without_tables_is_one_finding(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (found,) = check_file(tmp_path / "empty")
    assert (found.code, found.file) == ("LAD001", str(tmp_path / "empty"))


def test_a_folder_lists_the_tables_it_read(minimal: Tables, tmp_path: Path) -> None:
    folder = write_folder(minimal, tmp_path / "org")
    loaded = load_path(folder)
    assert loaded.files == [
        str(folder / f"{t}.csv") for t in ("levels", "tracks", "roles", "moves")
    ]
    assert loaded.ladder is not None
    assert list(loaded.ladder.files) == loaded.files


# -- format 1.1: progression, level entry, pay bands, move ignores ------------------------


def test_promote_and_switch_are_the_ladders_and_each_roles_progression(
    minimal: Tables, tmp_path: Path
) -> None:
    minimal["ladder"] = [["key", "value"], ["promote", True], ["switch", "FALSE"]]
    minimal["roles"][0].extend(["promote", "switch"])
    minimal["roles"][1].extend([None, True])
    minimal["moves"] = [["from", "to"]]
    for root in both(minimal, tmp_path):
        ladder = ladders.load(root)
        settings = ladder.progression_settings
        assert settings is not None
        assert (settings.promote, settings.switch) == (True, False)
        own = ladder.roles["dev"].progression
        assert own is not None
        assert (own.promote, own.switch) == (None, True)  # blank: inherit
        assert ladder.roles["senior"].progression is None
        assert [(m.source, m.target) for m in ladder.implied_moves] == [("dev", "senior")]


def test_a_level_entry_makes_its_roles_entry_roles(minimal: Tables, tmp_path: Path) -> None:
    minimal["levels"] = [["id", "entry"], ["L1", "true"], ["L2", None]]
    for root in both(minimal, tmp_path):
        ladder = ladders.load(root)
        assert ladder.levels[0].entry is True
        assert ladder.is_entry("dev")
        assert not ladder.is_entry("senior")


def test_bands_of_levels_tracks_and_roles(minimal: Tables, tmp_path: Path) -> None:
    minimal["bands"] = [
        ["level", "track", "role", "min", "max", "currency"],
        ["L1", None, None, 50000, 70000, "EUR"],
        ["L2", "ic", None, "65000", "90000.5", "EUR"],
        [None, None, "senior", 70000, 95000, "EUR"],
    ]
    for root in both(minimal, tmp_path):
        ladder = ladders.load(root)
        level_band = ladder.levels[0].band
        assert level_band is not None
        assert (level_band.min, level_band.max, level_band.currency) == (50000, 70000, "EUR")
        track_bands = ladder.tracks["ic"].bands
        assert track_bands is not None
        assert float(track_bands["L2"].max) == 90000.5
        role_band = ladder.roles["senior"].band
        assert role_band is not None
        assert role_band.min == 70000
        assert ladder.band("dev") == level_band  # DESIGN §2: its level's, as it has no own


@pytest.mark.parametrize(
    ("row", "code", "column"),
    [
        (["L1", "ic", "dev", 1, 2, "EUR"], "LAD002", 1),  # a level, a track and a role
        ([None, "ic", None, 1, 2, "EUR"], "LAD002", 2),  # a track with no level
        (["L1", None, None, "60k", 70000, "EUR"], "LAD002", 4),  # not a number
        (["L1", None, None, 80000, 70000, "EUR"], "LAD002", 4),  # min > max
        (["L1", None, None, 1, 2, "XYZ"], "LAD002", 6),  # not a currency
        (["L1", None, None, 1, 2, None], "LAD002", 4),  # no currency: the band, at its min
        (["L9", None, None, 1, 2, "EUR"], "LAD004", 1),  # not a level
        (["L9", "ic", None, 1, 2, "EUR"], "LAD004", 1),  # a track's band at no level
        (["L1", "nope", None, 1, 2, "EUR"], "LAD004", 2),  # not a track
        ([None, None, "nobody", 1, 2, "EUR"], "LAD004", 3),  # not a role
    ],
)
def test_a_bad_band_is_one_finding_at_its_cell(
    minimal: Tables, tmp_path: Path, row: list[Any], code: str, column: int
) -> None:
    minimal["bands"] = [["level", "track", "role", "min", "max", "currency"], row]
    for root in both(minimal, tmp_path):
        found = load_path(root).findings
        assert [(f.code, f.line, f.column) for f in found] == [(code, 2, column)], found


def test_a_band_given_twice_is_lad003(minimal: Tables, tmp_path: Path) -> None:
    row = ["L1", None, None, 1, 2, "EUR"]
    minimal["bands"] = [["level", "track", "role", "min", "max", "currency"], row, row]
    for root in both(minimal, tmp_path):
        (found,) = load_path(root).findings
        assert (found.code, found.line, found.column) == ("LAD003", 3, 1)


def test_a_moves_ignore_is_its_own(minimal: Tables, tmp_path: Path) -> None:
    minimal["moves"][0].append("ignore")
    minimal["moves"][1].append("LAD202: Published fast track")
    for root in both(minimal, tmp_path):
        move = ladders.load(root).roles["dev"].moves[0]
        assert move.ignore == {"LAD202": "Published fast track"}
        (found,) = check_file(root)  # LAD202 does not fire on this move
        assert (found.code, found.line, found.column) == ("LAD006", 2, 3)
