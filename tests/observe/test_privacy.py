"""Privacy (DESIGN §7): no output, in any format or message, ever holds a person key, and
every count of 1 to min-people - 1 is shown as <K. The keys are long and random, so no
count, date or id can pass for one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import Run
from .histories import LADDER, load, person_keys, random_rows, write_rows

OBSERVE_FORMATS = ("text", "json", "html", "markdown", "sarif", "github")
PROJECT_FORMATS = ("text", "json", "html", "markdown")


@pytest.fixture
def history(tmp_path: Path) -> tuple[Path, list[str]]:
    (tmp_path / "org.yaml").write_text(LADDER, encoding="utf-8")
    rows = random_rows(load(), seed=3, people=70, managers=True)
    keys = sorted({row[0] for row in rows})
    # a few rows with a key in the role column, as a swapped export would have
    rows += [(keys[0], "2024-06-01", keys[1], ""), (keys[2], "2024-06-01", keys[3], "")]
    write_rows(tmp_path / "history.csv", rows)
    return tmp_path / "history.csv", keys


def assert_private(text: str, keys: list[str]) -> None:
    leaked = [k for k in keys if k in text]
    assert not leaked, f"person keys in the output: {leaked[:2]}"
    # not even a long piece of one
    assert not any(k[:12] in text for k in keys)


@pytest.mark.parametrize("format_name", OBSERVE_FORMATS)
def test_observe_never_shows_a_person_key(
    run: Run, history: tuple[Path, list[str]], format_name: str
) -> None:
    _, keys = history
    result = run("observe", "org.yaml", "history.csv", "--format", format_name)
    assert result.code in (0, 1), result.stderr
    assert_private(result.stdout + result.stderr, keys)


@pytest.mark.parametrize("format_name", ["text", "json", "html", "markdown"])
def test_small_counts_are_shown_as_less_than_k(
    run: Run, history: tuple[Path, list[str]], format_name: str
) -> None:
    for k in (5, 9):
        out = run(
            "observe", "org.yaml", "history.csv", "--format", format_name, "--min-people", str(k)
        ).stdout
        shown = "&lt;" if format_name == "html" else "<"
        assert f"{shown}{k}" in out
        # no other "<N" than the configured one
        assert set(re.findall(rf"{re.escape(shown)}(\d+)\b", out)) <= {str(k)}


@pytest.mark.parametrize("format_name", PROJECT_FORMATS)
def test_project_never_shows_a_person_key(
    run: Run, history: tuple[Path, list[str]], format_name: str
) -> None:
    _, keys = history
    result = run("project", "org.yaml", "history.csv", "--format", format_name)
    assert result.code == 0, result.stderr
    assert_private(result.stdout + result.stderr, keys)
    assert ("&lt;5" if format_name == "html" else "<5") in result.stdout


def test_json_counts_under_k_are_strings_and_zero_stays_zero(
    run: Run, history: tuple[Path, list[str]]
) -> None:
    import json

    document = json.loads(run("observe", "org.yaml", "history.csv", "--format", "json").stdout)

    def counts(value: object) -> list[object]:
        if isinstance(value, dict):
            return [x for v in value.values() for x in counts(v)]
        if isinstance(value, list):
            return [x for v in value for x in counts(v)]
        return [value]

    for name in ("roles", "levels", "tracks", "returns", "conformance"):
        for value in counts(document[name]):
            assert not (isinstance(value, int) and not isinstance(value, bool) and 0 < value < 5), (
                name,
                value,
            )
    assert 0 in counts(document["roles"])


def test_error_messages_never_show_a_person_key(run: Run, tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(LADDER, encoding="utf-8")
    keys = person_keys(6, seed=9)
    bad: list[list[tuple[str, ...]]] = [
        # swapped columns: keys in the date column
        [("2020-01-01", k, "dev") for k in keys],
        # keys in the event column
        [(k, "2020-01-01", "dev", keys[-1]) for k in keys[:3]],
        # a row too long
        [(keys[0], "2020-01-01", "dev", "", keys[1])],
    ]
    headers = [
        ("person", "date", "role"),
        ("person", "date", "role", "event"),
        ("person", "date", "role", "event"),
    ]
    for rows, header in zip(bad, headers, strict=True):
        write_rows(tmp_path / "history.csv", rows, header)
        for command in ("observe", "project"):
            result = run(command, "org.yaml", "history.csv")
            assert result.code == 2
            assert_private(result.stdout + result.stderr, keys)
    # no header: the first row is data
    (tmp_path / "history.csv").write_text(f"{keys[0]},2020-01-01,dev\n", encoding="utf-8")
    result = run("observe", "org.yaml", "history.csv")
    assert result.code == 2
    assert_private(result.stderr, keys)


def test_a_workbook_history_is_private_too(run: Run, tmp_path: Path) -> None:
    from openpyxl import Workbook

    (tmp_path / "org.yaml").write_text(LADDER, encoding="utf-8")
    keys = person_keys(8, seed=21)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "history"
    sheet.append(["person", "date", "role"])
    for k in keys:
        sheet.append([k, "2020-01-01", "dev"])
        sheet.append([k, "2021-01-01", "senior"])
    book.save(tmp_path / "hris.xlsx")
    for format_name in OBSERVE_FORMATS:
        result = run("observe", "org.yaml", "hris.xlsx", "--format", format_name)
        assert result.code == 0, result.stderr
        assert_private(result.stdout, keys)
