"""Reading a history: the layout, the reading traps (BOM, CRLF, ';', order, one date
twice, an exit first), bad rows named by row and column (never by the person cell),
workbooks read from their named sheet only, and --map files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ladders.observe import HistoryError, observe, read_history, read_titles
from ladders.observe.history import EXIT, History

from .histories import load, person_keys

KEYS = person_keys(8, seed=42)


def write(tmp_path: Path, text: str, name: str = "history.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_a_history_is_read_into_columns(tmp_path: Path) -> None:
    path = write(
        tmp_path, f"person,date,role\n{KEYS[0]},2020-01-01,dev\n{KEYS[0]},2021-01-01,senior\n"
    )
    history = read_history(path)
    assert (history.people, len(history), history.values) == (1, 2, ("dev", "senior"))
    assert list(history.line) == [2, 3]
    assert history.first_date == date(2020, 1, 1)
    assert history.last_date == date(2021, 1, 1)
    assert KEYS[0] not in repr(history.__dict__)  # the keys are not kept


def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    text = f"\ufeffperson,date,role,event\r\n{KEYS[0]},2020-01-01,dev,hire\r\n{KEYS[0]},2021-01-01,,exit\r\n"
    history = read_history(write(tmp_path, text))
    assert list(history.value) == [0, EXIT]


def test_header_case_spaces_and_column_order_do_not_matter(tmp_path: Path) -> None:
    text = f" Role , DATE ,Person\nsenior,2021-01-01,{KEYS[0]}\n"
    history = read_history(write(tmp_path, text))
    assert history.values == ("senior",)


def test_semicolon_separated_files_get_a_hint(tmp_path: Path) -> None:
    text = f"person;date;role\n{KEYS[0]};2020-01-01;dev\n"
    with pytest.raises(HistoryError, match="separated by ';'") as error:
        read_history(write(tmp_path, text))
    assert "comma" in str(error.value)


def test_a_file_without_a_header_is_refused_without_quoting_its_first_row(tmp_path: Path) -> None:
    text = f"{KEYS[0]},2020-01-01,dev\n"
    with pytest.raises(HistoryError, match="not a header") as error:
        read_history(write(tmp_path, text))
    assert KEYS[0] not in str(error.value)


def test_other_columns_are_refused_naming_them(tmp_path: Path) -> None:
    text = f"person,name,date,role,salary\n{KEYS[0]},Ada Lovelace,2020-01-01,dev,90000\n"
    with pytest.raises(HistoryError) as error:
        read_history(write(tmp_path, text))
    message = str(error.value)
    assert "'name'" in message
    assert "'salary'" in message
    assert "Ada" not in message
    assert "90000" not in message


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    with pytest.raises(HistoryError, match="no 'role' column"):
        read_history(write(tmp_path, f"person,date\n{KEYS[0]},2020-01-01\n"))


def test_a_column_given_twice_is_refused(tmp_path: Path) -> None:
    with pytest.raises(HistoryError, match="'role' is given twice"):
        read_history(write(tmp_path, f"person,date,role,role\n{KEYS[0]},2020-01-01,a,b\n"))


@pytest.mark.parametrize("text", ["", "\ufeff", "\n\n", "\r\n"])
def test_an_empty_file_is_refused(tmp_path: Path, text: str) -> None:
    with pytest.raises(HistoryError, match="is empty"):
        read_history(write(tmp_path, text))


def test_a_header_without_rows_is_refused(tmp_path: Path) -> None:
    with pytest.raises(HistoryError, match="no rows"):
        read_history(write(tmp_path, "person,date,role\n"))


def test_a_malformed_date_names_the_row_and_column_but_not_the_value(tmp_path: Path) -> None:
    text = f"person,date,role\n{KEYS[0]},2020-01-01,dev\n{KEYS[1]},31/12/2020,dev\n"
    with pytest.raises(HistoryError) as error:
        read_history(write(tmp_path, text))
    message = str(error.value)
    assert "row 3, column date" in message
    assert "ISO 8601" in message
    assert KEYS[1] not in message


def test_an_impossible_date_is_named(tmp_path: Path) -> None:
    text = f"person,date,role\n{KEYS[0]},2021-02-30,dev\n"
    with pytest.raises(HistoryError, match=r"row 2, column date: 2021-02-30 is not a real date"):
        read_history(write(tmp_path, text))


def test_swapped_person_and_date_columns_never_print_a_key(tmp_path: Path) -> None:
    # the header says person,date but the rows hold date,person
    text = "person,date,role\n" + "".join(
        f"2020-01-0{i + 1},{k},dev\n" for i, k in enumerate(KEYS[:5])
    )
    with pytest.raises(HistoryError) as error:
        read_history(write(tmp_path, text))
    message = str(error.value)
    assert "row 2, column date" in message
    assert "and 2 more bad rows" in message  # the first three are shown, the rest counted
    assert not any(k in message for k in KEYS)


def test_bad_rows_are_counted_after_the_first_few(tmp_path: Path) -> None:
    rows = "".join(f"{KEYS[0]},not-a-date,dev\n" for _ in range(10))
    with pytest.raises(HistoryError, match="and 7 more bad rows"):
        read_history(write(tmp_path, "person,date,role\n" + rows))


def test_an_unknown_event_is_named_with_a_hint(tmp_path: Path) -> None:
    text = f"person,date,role,event\n{KEYS[0]},2020-01-01,dev,exti\n"
    with pytest.raises(
        HistoryError, match=r"row 2, column event: not an event; did you mean 'exit'\?"
    ):
        read_history(write(tmp_path, text))


def test_an_event_column_holding_keys_does_not_print_them(tmp_path: Path) -> None:
    text = f"person,date,role,event\n{KEYS[0]},2020-01-01,dev,{KEYS[1]}\n"
    with pytest.raises(HistoryError) as error:
        read_history(write(tmp_path, text))
    assert KEYS[1] not in str(error.value)


def test_empty_person_and_role_cells_are_named(tmp_path: Path) -> None:
    with pytest.raises(HistoryError, match="row 2, column person: the person is empty"):
        read_history(write(tmp_path, "person,date,role\n,2020-01-01,dev\n"))
    with pytest.raises(HistoryError, match="row 2, column role: the role is empty"):
        read_history(write(tmp_path, f"person,date,role\n{KEYS[0]},2020-01-01,\n"))


def test_a_row_with_too_many_cells_is_named(tmp_path: Path) -> None:
    text = f"person,date,role\n{KEYS[0]},2020-01-01,dev,Ada Lovelace\n"
    with pytest.raises(HistoryError, match="row 2: has 4 cells; the header has 3") as error:
        read_history(write(tmp_path, text))
    assert "Ada" not in str(error.value)


def test_not_utf8_is_refused(tmp_path: Path) -> None:
    text = f"person,date,role\n{KEYS[0]},2020-01-01,Développeur\n"
    with pytest.raises(HistoryError, match="not UTF-8"):
        read_history(write(tmp_path, text, encoding="latin-1"))


def test_datetimes_are_read_as_their_date(tmp_path: Path) -> None:
    text = (
        f"person,date,role\n{KEYS[0]},2020-01-01T09:30:00,dev\n{KEYS[0]},2020-02-01 00:00,senior\n"
    )
    history = read_history(write(tmp_path, text))
    assert history.first_date == date(2020, 1, 1)
    assert history.last_date == date(2020, 2, 1)


def test_the_file_is_not_changed_and_nothing_is_written_beside_it(tmp_path: Path) -> None:
    text = f"person,date,role\n{KEYS[0]},2020-01-01,dev\n{KEYS[0]},2021-01-01,senior\n"
    path = write(tmp_path, text)
    before = path.stat().st_mtime_ns
    observe(load(), path)
    assert path.read_text(encoding="utf-8") == text
    assert path.stat().st_mtime_ns == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.csv"]


def test_rows_out_of_order_are_sorted(tmp_path: Path) -> None:
    ordered = [
        (KEYS[0], "2020-01-01", "dev"),
        (KEYS[0], "2021-01-01", "senior"),
        (KEYS[0], "2022-01-01", "staff"),
    ]
    shuffled = [ordered[2], ordered[0], ordered[1]]
    a = observe(load(), History.from_rows(ordered))
    b = observe(load(), History.from_rows(shuffled))
    assert a.to_dict() == b.to_dict()
    assert a.moves == 2


def test_two_spells_on_one_date_are_a_move_in_file_order() -> None:
    rows = [(k, "2020-01-01", "dev") for k in KEYS[:5]] + [
        (k, "2020-01-01", "senior") for k in KEYS[:5]
    ]
    seen = observe(load(), History.from_rows(rows))
    assert seen.moves == 5
    assert [(m.source, m.target, m.moves) for m in seen.taken] == [("dev", "senior", 5)]
    assert seen.roles["senior"].now == 5
    assert seen.roles["dev"].now == 0
    # time in role: a move on the day of the hire is 0 months
    assert seen.roles["dev"].median_months_to_next_level == 0


def test_a_first_row_that_is_an_exit_is_noted_by_row_and_ignored() -> None:
    rows = [(KEYS[0], "2020-01-01", "", "exit"), (KEYS[0], "2020-02-01", "dev", "hire")]
    seen = observe(load(), History.from_rows(rows))
    assert seen.people == 1
    assert seen.roles["dev"].held == 1
    assert seen.notes == ("<rows>, row 1: a person's first row is an exit; ignored",)
    assert KEYS[0] not in " ".join(seen.notes)


def test_a_workbook_history_is_read_from_its_named_sheet_only(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "people"  # a sheet that must never be read
    sheet.append(["person", "name", "salary"])
    sheet.append([KEYS[0], "Ada Lovelace", 90000])
    spells = book.create_sheet("spells")
    spells.append(["person", "date", "role"])
    spells.append([KEYS[0], date(2020, 1, 1), "dev"])
    spells.append([KEYS[0], "2021-06-01", "senior"])
    path = tmp_path / "hris.xlsx"
    book.save(path)
    history = read_history(path, sheet="spells")
    assert (history.people, history.values, history.sheet) == (1, ("dev", "senior"), "spells")
    with pytest.raises(HistoryError, match="no sheet 'spell'; did you mean 'spells'"):
        read_history(path, sheet="spell")
    with pytest.raises(HistoryError, match="name the sheet to read with --sheet"):
        read_history(path)
    with pytest.raises(HistoryError, match=r"--sheet is for \.xlsx"):
        read_history(tmp_path / "x.csv", sheet="spells")


def test_a_bad_workbook_cell_is_named_by_its_address(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "history"
    sheet.append(["person", "date", "role"])
    sheet.append([KEYS[0], "soon", "dev"])
    path = tmp_path / "hris.xlsx"
    book.save(path)
    with pytest.raises(HistoryError, match=r"hris.xlsx\[history\]!B2 \(column date\)"):
        read_history(path)


def test_a_title_map_is_read_and_checked(tmp_path: Path) -> None:
    path = write(tmp_path, "title,role\nSr. Developer,senior\nSWE I,dev\n", "titles.csv")
    assert read_titles(path) == {"sr. developer": "senior", "swe i": "dev"}
    rows = [(k, "2020-01-01", "SWE I") for k in KEYS[:5]] + [
        (k, "2022-01-01", "SR. DEVELOPER") for k in KEYS[:5]
    ]
    seen = observe(load(), History.from_rows(rows), titles=path)
    assert seen.moves == 5
    assert seen.declared == 5
    bad = write(tmp_path, "title,role\nSr. Developer,senoir\n", "bad.csv")
    with pytest.raises(HistoryError, match="did you mean 'senior'"):
        observe(load(), History.from_rows(rows), titles=bad)
    twice = write(tmp_path, "title,role\nA,dev\na,senior\n", "twice.csv")
    with pytest.raises(HistoryError, match="row 3: the title 'a' is mapped to both"):
        read_titles(twice)


def test_cells_under_an_unnamed_column_are_refused(tmp_path: Path) -> None:
    # a trailing comma in the header, and names in the column it opens
    text = f"person,date,role,\n{KEYS[0]},2020-01-01,dev,Ada Lovelace\n"
    with pytest.raises(HistoryError, match="row 2: has 4 cells; the header has 3 columns") as error:
        read_history(write(tmp_path, text))
    assert "Ada" not in str(error.value)
    # empty cells there are fine (a spreadsheet's export)
    fine = f"person,date,role,\n{KEYS[0]},2020-01-01,dev,\n"
    assert read_history(write(tmp_path, fine)).values == ("dev",)
