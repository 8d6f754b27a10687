"""Cell text: formula protection, workbook escapes, numbers and dates as people see them;
and findings that name a sheet."""

from __future__ import annotations

import datetime as dt
import importlib
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ladders.findings import Finding, SheetFile
from ladders.load.sheets import decode_cell_text, encode_cell_text, protect, unprotect
from ladders.report.base import report
from ladders.report.text import TextReporter

sheets = importlib.import_module("ladders.load.sheets")  # ladders.load is also a function

TRIGGERS = "=+-@\t\r"


def unprotect_slow(text: str) -> str:
    """DESIGN §1, plainly: a leading ' followed (after more ') by a trigger is dropped."""
    rest = text
    while rest.startswith("'"):
        rest = rest[1:]
    if text.startswith("'") and rest and rest[0] in TRIGGERS:
        return text[1:]
    return text


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.text(alphabet=st.sampled_from("'=+-@\t\rab "), max_size=6) | st.text(max_size=8))
def test_protection_round_trips_and_never_leaves_a_formula(text: str) -> None:
    written = protect(text)
    assert unprotect(written) == text
    assert written[:1] not in TRIGGERS or written == ""
    assert unprotect(text) == unprotect_slow(text)


@pytest.mark.parametrize(
    ("text", "written"),
    [("=SUM(A1)", "'=SUM(A1)"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\tx", "'\tx"),
     ("\rx", "'\rx"), ("'=x", "''=x"), ("'tis", "'tis"), ("a=b", "a=b"), ("", "")],
)  # fmt: skip
def test_protect(text: str, written: str) -> None:
    assert protect(text) == written


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(["_x000D_", "_x005F_", "_x0041_", "\r", "\x07", "a", "_"])))
def test_workbook_escapes_round_trip(parts: list[str]) -> None:
    text = "".join(parts)
    encoded = encode_cell_text(text)
    assert "\r" not in encoded
    assert "\x07" not in encoded
    assert decode_cell_text(encoded) == text


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (1.1, "0.00", "1.10"),
        (1.1, "General", "1.1"),
        (7, "000", "007"),
        (1234.5, "#,##0", "1,235"),
        (0.256, "0.0%", "25.6%"),
        (3, '"L"0', "L3"),
        (2.5, "0.0#", "2.5"),
        (-2, "0;(0)", "(2)"),
        (0.1 + 0.2, None, "0.3"),
        (12.0, "@", "12"),
    ],
)
def test_numbers_are_read_as_shown(value: float, number_format: str | None, shown: str) -> None:
    assert sheets._number_text(value, number_format) == shown


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (dt.datetime(2024, 3, 5), "yyyy-mm-dd", "2024-03-05"),
        (dt.datetime(2024, 3, 5), "m/d/yyyy", "3/5/2024"),
        (dt.datetime(2024, 3, 5, 14, 7), "d mmm yyyy h:mm", "5 Mar 2024 14:07"),
        (dt.datetime(2024, 3, 5, 14, 7), "h:mm AM/PM", "2:07 PM"),
        (dt.datetime(2024, 3, 5), "General", "2024-03-05"),
    ],
)
def test_dates_are_read_as_shown(value: dt.datetime, number_format: str, shown: str) -> None:
    assert sheets._date_text(value, number_format) == shown


def test_a_finding_takes_its_sheet_from_a_sheet_file() -> None:
    found = Finding("LAD101", "n", "error", "m", SheetFile("org.xlsx", "roles"), 12, 1, "r")
    assert (found.file, found.sheet, found.cell) == ("org.xlsx", "roles", "roles!A12")
    assert found.to_dict()["sheet"] == "roles"
    assert "sheet" not in Finding("LAD101", "n", "error", "m", "org.yaml", 3, 3).to_dict()
    assert Finding("LAD101", "n", "error", "m", "o.xlsx", 1, 1, sheet="bands").sheet == "bands"


def test_the_text_report_names_the_cell_of_a_workbook_finding() -> None:
    out = io.StringIO()
    found = [
        Finding("LAD101", "n", "error", "msg", SheetFile("org.xlsx", "roles"), 12, 1, "r"),
        Finding("LAD203", "n", "warning", "msg", "org/moves.csv", 4, 2, "r"),
    ]
    report(TextReporter(out), ["org.xlsx", "org/moves.csv"], found)
    lines = out.getvalue().splitlines()
    assert lines[0] == "org.xlsx[roles]!A12: LAD101 [error] msg"
    assert lines[1] == "org/moves.csv:4:2: LAD203 [warning] msg"
