"""Bad and hostile workbooks: each is a located finding, never a traceback, and nothing in
them is ever run."""

from __future__ import annotations

import importlib
import random
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from ladders.check import check_file
from ladders.load import load_path

from .conftest import write_book

Tables = dict[str, list[list[Any]]]


def rezip(path: Path, change: dict[str, bytes | None]) -> None:
    """Rewrite a zip archive with some members replaced (``None``: removed) or added."""
    with zipfile.ZipFile(path) as old:
        members = {info.filename: old.read(info) for info in old.infolist()}
    for name, data in change.items():
        if data is None:
            members.pop(name, None)
        else:
            members[name] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in members.items():
            new.writestr(name, data)


def sheet_member(path: Path, title: str) -> str:
    """The zip member that holds the sheet called ``title``."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        return str(book[title]._worksheet_path).lstrip("/")  # type: ignore[union-attr]
    finally:
        book.close()


@pytest.fixture
def no_openpyxl(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the workbook is handed to openpyxl at all."""
    import openpyxl

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the workbook was opened with openpyxl")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


@pytest.mark.parametrize(
    "content", [b"", b"not a workbook at all", b"PK\x03\x04broken", b"\x00" * 1000]
)
def test_a_file_that_is_not_a_zip_is_lad001(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "org.xlsx"
    path.write_bytes(content)
    (found,) = check_file(path)
    assert (found.code, found.file, found.line, found.column) == ("LAD001", str(path), 1, 1)
    assert "not an .xlsx workbook" in found.message


def test_a_truncated_workbook_is_lad001(minimal: Tables, tmp_path: Path) -> None:
    path = write_book(minimal, tmp_path / "org.xlsx")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    (found,) = check_file(path)
    assert found.code == "LAD001"


def test_a_zip_that_is_not_a_workbook_is_lad001(tmp_path: Path) -> None:
    path = tmp_path / "org.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "hello")
    (found,) = check_file(path)
    assert (found.code, found.line) == ("LAD001", 1)


def test_a_broken_sheet_is_lad001(minimal: Tables, tmp_path: Path) -> None:
    path = write_book(minimal, tmp_path / "org.xlsx")
    rezip(path, {sheet_member(path, "roles"): b"<worksheet><sheetData><row r='1'><c"})
    (found,) = check_file(path)
    assert (found.code, found.file) == ("LAD001", str(path))
    assert "cannot be read" in found.message


def test_a_zip_bomb_is_refused_before_it_is_opened(
    minimal: Tables, tmp_path: Path, no_openpyxl: None
) -> None:
    path = tmp_path / "org.xlsx"
    path.write_bytes(b"")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            zeros = b"\0" * (1 << 20)
            for _ in range(60):  # 60 MB of zeros: about 60 KB packed
                member.write(zeros)
    (found,) = check_file(path)
    assert (found.code, found.line, found.column) == ("LAD005", 1, 1)
    assert "zip bomb" in found.message
    assert "xl/worksheets/sheet1.xml" in found.message


def test_size_alone_is_never_an_error(
    minimal: Tables, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A small limit, for a small workbook (ladders.load is also a function: import).
    monkeypatch.setattr(
        importlib.import_module("ladders.load.sheets.guards"), "_MAX_INFLATED", 10_000
    )
    path = write_book(minimal, tmp_path / "org.xlsx")
    noise = random.Random(7).randbytes(50_000)  # does not pack: a large part, not a bomb
    rezip(path, {"xl/media/photo.bin": noise})
    assert check_file(path) == []
    rezip(path, {"xl/media/photo.bin": b"\0" * 50_000})  # packs 1000:1 past the limit
    assert [f.code for f in check_file(path)] == ["LAD005"]


def test_a_macro_enabled_workbook_is_refused_and_never_opened(
    minimal: Tables, tmp_path: Path, no_openpyxl: None
) -> None:
    path = write_book(minimal, tmp_path / "org.xlsx").rename(tmp_path / "org.xlsm")
    (found,) = check_file(path)
    assert found.code == "LAD005"
    assert "macro" in found.message


def test_a_workbook_holding_macros_is_refused(
    minimal: Tables, tmp_path: Path, no_openpyxl: None
) -> None:
    path = write_book(minimal, tmp_path / "org.xlsx")
    rezip(path, {"xl/vbaProject.bin": b'Attribute VB_Name = "Module1"'})
    (found,) = check_file(path)
    assert found.code == "LAD005"
    assert "macros" in found.message


def test_an_old_excel_file_is_lad001_with_a_hint(tmp_path: Path) -> None:
    path = tmp_path / "org.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    (found,) = check_file(path)
    assert found.code == "LAD001"
    assert ".xlsx" in found.message


def test_a_formula_without_a_saved_value_is_a_finding_at_its_cell(
    minimal: Tables, tmp_path: Path
) -> None:
    minimal["roles"][2][1] = '=CONCAT("Senior ", "Developer")'  # openpyxl saves no value
    path = write_book(minimal, tmp_path / "org.xlsx")
    found = load_path(path).findings
    formula = [f for f in found if "formula" in f.message]
    assert [(f.code, f.sheet, f.line, f.column) for f in formula] == [("LAD002", "roles", 3, 2)]
    assert "B3" in formula[0].message


def test_a_formula_with_a_saved_value_is_read_as_its_value(minimal: Tables, tmp_path: Path) -> None:
    minimal["roles"][2][1] = '=CONCAT("Senior ", "Developer")'
    path = write_book(minimal, tmp_path / "org.xlsx")
    member = sheet_member(path, "roles")
    with zipfile.ZipFile(path) as archive:
        xml = archive.read(member).decode()
    # What a spreadsheet program saves: the formula and the value it computed.
    xml = re.sub(
        r'<c r="B3"([^>]*)><f>(.*?)</f><v\s*/?>(</v>)?',
        r'<c r="B3" t="str"><f>\2</f><v>Senior Developer</v>',
        xml,
    )
    assert "<v>Senior Developer</v>" in xml
    rezip(path, {member: xml.encode()})
    loaded = load_path(path)
    assert loaded.findings == []
    assert loaded.ladder is not None
    assert loaded.ladder.roles["senior"].title == "Senior Developer"


def test_merged_cells_are_a_finding_at_the_range(minimal: Tables, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = write_book(minimal, tmp_path / "org.xlsx")
    book = load_workbook(path)
    book["roles"]["C3"].value = None
    book["roles"].merge_cells("C2:C3")  # one track for both roles, as people do
    book.save(path)
    found = load_path(path).findings
    merged = [f for f in found if "merged" in f.message]
    assert [(f.code, f.sheet, f.line, f.column) for f in merged] == [("LAD002", "roles", 2, 3)]
    assert "C2:C3" in merged[0].message


def test_merged_cells_in_other_sheets_are_not_read(minimal: Tables, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    minimal["chart"] = [["a", "b"], ["c", "d"]]
    path = write_book(minimal, tmp_path / "org.xlsx")
    book = load_workbook(path)
    book["chart"].merge_cells("A1:B2")
    book.save(path)
    assert check_file(path) == []


def test_a_hidden_sheet_is_read_and_said(minimal: Tables, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = write_book(minimal, tmp_path / "org.xlsx")
    book = load_workbook(path)
    book["moves"].sheet_state = "hidden"
    book.save(path)
    loaded = load_path(path)
    assert loaded.ladder is not None  # read all the same: the moves are there
    assert loaded.ladder.roles["dev"].moves[0].to == "senior"
    (found,) = loaded.findings
    assert (found.code, found.severity, found.sheet, found.line) == (
        "LAD008",
        "warning",
        "moves",
        1,
    )
    assert "hidden" in found.message


def test_damaged_workbooks_never_give_a_traceback(minimal: Tables, tmp_path: Path) -> None:
    path = write_book(minimal, tmp_path / "org.xlsx")
    original = path.read_bytes()
    rng = random.Random(15)
    for _ in range(12):
        data = bytearray(original)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        path.write_bytes(bytes(data))
        found = check_file(path)  # a finding or a clean ladder, never an exception
        assert all(f.code.startswith("LAD") for f in found)
