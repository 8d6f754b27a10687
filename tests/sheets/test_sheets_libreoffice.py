"""A real spreadsheet program reads what ladders writes, and runs none of it as a formula.

LibreOffice (Debian's ``libreoffice-calc``, installed by ``make sheet-deps`` as root) converts the
exported CSV files and workbook, headless; every cell must come back as the text ladders
wrote, not as what a formula computes. A control shows that LibreOffice does evaluate an
unprotected formula, so the test would see one.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import ladders
from ladders.exchange.data import ladder_data
from ladders.exchange.tables import csv_texts, write_csv_folder
from ladders.exchange.xlsx import write_workbook

FORMULAS = """\
levels: [L1, L2]
tracks: {ic: technical}
roles:
  dev:
    title: "=1+1"
    track: ic
    level: L1
    family: "-1+2"
    description: "+3+4"
    moves: [{to: senior, criteria: ["@SUM(1,1)", "=2*3"]}]
  senior: {title: "\\t=5+5", track: ic, level: L2, description: "=HYPERLINK(\\"http://x\\",\\"y\\")"}
  staff: {title: "'=1+1", track: ic, level: L2, description: "-7"}
"""


def soffice() -> str:
    """LibreOffice; if it is missing, the test skips with the reason (fails under CI=true,
    so that a CI that lost it cannot pass quietly), as the other consumer tests do."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        reason = "LibreOffice is missing: run `make sheet-deps` as root (Debian's libreoffice-calc)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason} (CI=true: a missing consumer fails the run)")
        pytest.skip(reason)
    return found


def convert(files: list[Path], out: Path, tmp_path: Path, sheets: bool = False) -> None:
    """Convert ``files`` to CSV in ``out`` with LibreOffice (every sheet of a workbook)."""
    target = "csv"
    if sheets:  # UTF-8, comma, quote; -1: every sheet, as NAME-SHEET.csv
        target = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
    profile = (tmp_path / "profile").as_uri()
    result = subprocess.run(
        [soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
         "--outdir", str(out), *map(str, files)],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def cells(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_libreoffice_evaluates_an_unprotected_formula(tmp_path: Path) -> None:
    raw = tmp_path / "raw.csv"
    raw.write_text("id,title\ndev,=1+1\n")
    convert([raw], tmp_path / "out", tmp_path)
    assert cells(tmp_path / "out" / "raw.csv")[1] == ["dev", "2"]  # the control: it would


def test_no_cell_of_the_exported_csv_comes_back_evaluated(tmp_path: Path) -> None:
    ladder = ladders.loads(FORMULAS)
    folder = tmp_path / "org"
    write_csv_folder(ladder, folder)
    tables = [folder / "roles.csv", folder / "moves.csv"]
    convert(tables, tmp_path / "out", tmp_path)
    for table in tables:
        written, read = cells(table), cells(tmp_path / "out" / table.name)
        assert read == written, table.name
    roles = {row[0]: row for row in cells(tmp_path / "out" / "roles.csv")}
    assert roles["dev"][1] == "'=1+1"
    assert roles["dev"][4] == "'-1+2"


def test_no_cell_of_the_exported_workbook_comes_back_evaluated(tmp_path: Path) -> None:
    ladder = ladders.loads(FORMULAS)
    book = tmp_path / "org.xlsx"
    write_workbook(ladder, book, ladders.check(ladder))
    out = tmp_path / "out"
    convert([book], out, tmp_path, sheets=True)
    expected = csv_texts(ladder)
    for table in ("roles", "moves", "levels", "tracks"):
        read = cells(out / f"org-{table}.csv")
        written = list(csv.reader(expected[f"{table}.csv"].splitlines(keepends=True)))
        # LibreOffice writes booleans and numbers its own way; text must be as written.
        for read_row, written_row in zip(read, written, strict=True):
            for got, wrote in zip(read_row, written_row, strict=False):
                if wrote[:1] == "'" or "=" in wrote:
                    assert got == wrote, table
    # Read back as CSV tables, the workbook LibreOffice saw is the same ladder.
    folder = tmp_path / "again"
    folder.mkdir()
    for table in ("ladder", "levels", "tracks", "roles", "moves", "bands"):
        (out / f"org-{table}.csv").rename(folder / f"{table}.csv")
    again = ladders.load(folder)
    assert ladder_data(again)["roles"]["dev"]["title"] == "=1+1"
    assert ladder_data(again)["roles"]["senior"]["title"] == "\t=5+5"
    assert ladder_data(again)["roles"]["staff"]["title"] == "'=1+1"
    assert ladder_data(again)["roles"]["dev"]["moves"][0]["criteria"] == ["@SUM(1,1)", "=2*3"]
