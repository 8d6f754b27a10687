"""The command line with spreadsheet ladders: check, export, import-csv and init."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import ladders
from ladders.check import check_file
from ladders.cli import main

from .conftest import DATA, layout, merged_data_of, write_book, write_folder

Tables = dict[str, list[list[Any]]]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def bad(minimal: Tables) -> Tables:
    """The minimal ladder with a self-move (LAD204) in row 3 of moves."""
    minimal["moves"].append(["senior", "senior"])
    return minimal


def test_check_a_workbook_names_sheet_and_cell(
    bad: Tables, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_book(bad, tmp_path / "org.xlsx")
    code, out, _ = run(capsys, "check", "org.xlsx")
    assert code == 1
    assert out.splitlines()[0].startswith("org.xlsx[moves]!B3: LAD204 [error] ")


def test_check_a_csv_folder_names_file_and_line(
    bad: Tables, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_folder(bad, tmp_path / "org")
    code, out, _ = run(capsys, "check", "org/")
    assert code == 1
    assert out.splitlines()[0].startswith("org/moves.csv:3:2: LAD204 [error] ")
    code, out, _ = run(capsys, "check", "--format", "json", "org")
    document = json.loads(out)
    assert document["files"] == [f"org/{t}.csv" for t in ("levels", "tracks", "roles", "moves")]
    assert "sheet" not in document["findings"][0]


def test_json_sarif_and_github_name_the_sheet(
    bad: Tables, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_book(bad, tmp_path / "org.xlsx")
    _, out, _ = run(capsys, "check", "--format", "json", "org.xlsx")
    (found,) = json.loads(out)["findings"]
    assert (found["file"], found["sheet"], found["line"], found["column"]) == (
        "org.xlsx",
        "moves",
        3,
        2,
    )
    _, out, _ = run(capsys, "check", "--format", "sarif", "org.xlsx")
    (result,) = json.loads(out)["runs"][0]["results"]
    assert result["properties"]["sheet"] == "moves"
    assert result["message"]["text"].startswith("moves!B3: ")
    region = result["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (3, 2)
    _, out, _ = run(capsys, "check", "--format", "github", "org.xlsx")
    assert out.startswith("::error file=org.xlsx,line=3,col=2,title=LAD204 self-move::moves!B3: ")


def test_a_missing_folder_is_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "check", str(tmp_path / "nowhere"))
    assert code == 2
    assert "no such file" in err


def test_a_bad_workbook_is_a_finding_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "org.xlsx").write_bytes(b"garbage")
    code, out, err = run(capsys, "check", str(tmp_path / "org.xlsx"))
    assert code == 1
    assert "LAD001" in out
    assert "Traceback" not in out + err


def test_export_xlsx_and_csv_read_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = DATA / "rules.yaml"
    book, folder = tmp_path / "org.xlsx", tmp_path / "tables"
    assert run(capsys, "export", str(source), "--format", "xlsx", "-o", str(book))[0] == 0
    assert run(capsys, "export", str(source), "--format", "csv", "-o", str(folder))[0] == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        f"{t}.csv" for t in ("bands", "ladder", "levels", "moves", "roles", "tracks")
    ]
    reference = sorted((f.code, f.role or "") for f in check_file(source))
    for root in (book, folder):
        assert sorted((f.code, f.role or "") for f in check_file(root)) == reference


def test_export_never_writes_over_its_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ladder = ladders.load(DATA / "rules.yaml")
    from ladders.exchange.xlsx import write_workbook

    book = tmp_path / "org.xlsx"
    write_workbook(ladder, book)
    before = book.read_bytes()
    code, _, err = run(capsys, "export", str(book), "--format", "xlsx", "-o", str(book))
    assert code == 2, err
    assert book.read_bytes() == before


def test_import_csv_reads_the_ladder_and_bands_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    written = layout(merged_data_of(DATA / "rules.yaml"))
    write_folder(written.tables, tmp_path / "t")
    code, _, err = run(
        capsys, "import-csv", "t/roles.csv", "t/moves.csv", "--levels", "t/levels.csv",
        "--tracks", "t/tracks.csv", "--ladder", "t/ladder.csv", "-o", "org.yaml",
    )  # fmt: skip
    assert code == 1, err  # it has findings at error level, as the ladder does
    assert ladders.load("org.yaml").name == "Many findings"


@pytest.mark.parametrize("name", ["ladder.yaml", "ladder.xlsx", "ladder.json"])
def test_init_writes_a_starter_that_checks_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    path = tmp_path / name
    code, out, err = run(capsys, "init", str(path))
    assert code == 0, err
    assert str(path) in out
    assert check_file(path) == []
    ladder = ladders.load(path)
    assert {ladder.track_kind(role) for role in ladder.roles} == {"technical", "management"}


def test_init_csv_writes_every_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ladder"
    assert run(capsys, "init", "--format", "csv", str(path))[0] == 0
    assert sorted(p.name for p in path.iterdir()) == [
        f"{t}.csv" for t in ("bands", "ladder", "levels", "moves", "roles", "tracks")
    ]
    for table in path.iterdir():
        assert len(table.read_text().splitlines()) >= 2, table.name  # a header and rows
    assert check_file(path) == []


@pytest.mark.parametrize("form", ["yaml", "xlsx", "csv"])
def test_init_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], form: str
) -> None:
    path = tmp_path / {"yaml": "l.yaml", "xlsx": "l.xlsx", "csv": "l"}[form]
    if form == "csv":
        path.mkdir()
    else:
        path.write_text("mine")
    code, _, err = run(capsys, "init", "--format", form, str(path))
    assert code == 2
    assert "exists" in err
    if form != "csv":
        assert path.read_text() == "mine"
    else:
        assert list(path.iterdir()) == []


def test_init_refuses_a_format_that_does_not_go_with_the_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "init", "--format", "yaml", str(tmp_path / "l.xlsx"))
    assert "does not go with" in err
    assert code == 2
    assert not (tmp_path / "l.xlsx").exists()


def test_the_pre_commit_hooks_cover_workbooks_and_csv_folders() -> None:
    import re

    import yaml

    hooks = {
        hook["id"]: hook
        for hook in yaml.safe_load((DATA.parents[2] / ".pre-commit-hooks.yaml").read_text())
    }
    workbook, tables, roots = (
        hooks["ladders-check-workbook"],
        hooks["ladders-check-tables"],
        hooks["ladders-check-roots"],
    )
    assert re.search(workbook["files"], "hr/org.xlsx")
    assert not re.search(workbook["files"], "hr/org.xlsm")
    assert workbook.get("pass_filenames", True)
    for name in ("ladder/roles.csv", "moves.csv", "x/bands.csv", "x/ladder.csv"):
        assert re.search(tables["files"], name), name
        assert re.search(roots["files"], name), name
    assert not re.search(tables["files"], "people/history.csv")
    assert tables["pass_filenames"] is False  # the folders come from args, not file names
    assert re.search(roots["files"], "org.xlsx")
    assert {hook["entry"] for hook in hooks.values()} == {"ladders check"}


def test_export_explicit_writes_the_implied_moves_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = DATA / "progression.yaml"
    ladder = ladders.load(source)
    book, folder = tmp_path / "explicit.xlsx", tmp_path / "explicit"
    for form, out in (("xlsx", book), ("csv", folder)):
        assert (
            run(capsys, "export", str(source), "--format", form, "--explicit", "-o", str(out))[0]
            == 0
        )
    for root in (book, folder):
        again = ladders.load(root)
        assert again.progression_settings is None
        assert all(role.progression is None for role in again.roles.values())
        assert again.implied_moves == ()
        written = {(s, m.to) for s, role in again.roles.items() for m in role.moves}
        assert {(m.source, m.target) for m in ladder.implied_moves} <= written
