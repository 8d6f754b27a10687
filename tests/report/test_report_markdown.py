"""The markdown reporter: counts, the --fail-on verdict, a table of findings with links
to GitHub, folding past 50 rows, and escaping that no message can break.

Tables are rendered with Python-Markdown (what mkdocs uses) and read back as HTML, so the
tests check what a reader sees, not only the text written.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping

import markdown
import pytest

from ladders.findings import Finding
from ladders.report import FORMATS, REPORTERS, make_reporter
from ladders.report.base import report
from ladders.report.markdown import FOLD_AFTER, MAX_ROWS, Links, MarkdownReporter, escape

Render = Callable[..., str]
GITHUB = {
    "GITHUB_SERVER_URL": "https://github.com",
    "GITHUB_REPOSITORY": "acme/hr",
    "GITHUB_SHA": "0123abc",
}


def _markdown(
    files: list[str],
    found: list[Finding],
    fail_on: str = "error",
    environ: Mapping[str, str] | None = None,
) -> str:
    out = io.StringIO()
    report(MarkdownReporter(out, fail_on=fail_on, environ=environ or {}), files, found)
    return out.getvalue()


def _html(text: str) -> ET.Element:
    """The Markdown as an HTML tree (tables as GitHub draws them)."""
    html = markdown.markdown(text, extensions=["tables"]).replace("<br>", "<br />")
    return ET.fromstring(f"<div>{html}</div>")


def _cells(table: ET.Element) -> list[list[str]]:
    return [["".join(td.itertext()) for td in row] for row in table.iter("tr")][1:]


def test_markdown_is_registered_and_takes_fail_on() -> None:
    assert "markdown" in FORMATS
    assert REPORTERS["markdown"] is MarkdownReporter
    reporter = make_reporter("markdown", io.StringIO(), fail_on="warning")
    assert isinstance(reporter, MarkdownReporter)
    assert reporter.fail_on == "warning"


def test_heading_counts_verdict_and_one_row_per_finding(findings: list[Finding]) -> None:
    text = _markdown(["org.yaml", "teams/design.yaml"], findings)
    assert text.startswith("### ladders: 2 errors and 1 warning in 2 files\n")
    assert ":x: Fails: 2 findings at or above `error`." in text
    (table,) = _html(text).iter("table")
    assert _cells(table) == [
        ["error", "LAD204 self-move", "org.yaml:4:3", "dev", "Developer (L1) moves to itself"],
        ["warning", "LAD204 self-move", "org.yaml:9:7", "lead", "Lead (L2) moves to itself"],
        ["error", "LAD004 unknown-reference", "teams/design.yaml:2:5", "", "no role 'x'"],
    ]


@pytest.mark.parametrize(
    ("fail_on", "verdict"),
    [
        ("warning", ":x: Fails: 3 findings at or above `warning`."),
        ("never", "Passes: `--fail-on never`."),
    ],
)
def test_the_verdict_follows_fail_on(findings: list[Finding], fail_on: str, verdict: str) -> None:
    assert verdict in _markdown(["org.yaml"], findings, fail_on)


def test_warnings_only_pass_the_default_fail_on(findings: list[Finding]) -> None:
    text = _markdown(["org.yaml"], [findings[1]])
    assert ":white_check_mark: Passes: no finding at or above `error`." in text


def test_a_clean_run_says_what_was_checked() -> None:
    text = _markdown(["org.yaml", "teams/design.yaml"], [])
    assert text == (
        "### ladders: no findings in 2 files\n\n"
        ":white_check_mark: Checked 2 files: org.yaml, teams/design.yaml.\n"
    )


def test_locations_link_to_github_when_the_run_says_where(findings: list[Finding]) -> None:
    text = _markdown(["org.yaml"], findings, environ=GITHUB)
    assert "[org.yaml:4:3](https://github.com/acme/hr/blob/0123abc/org.yaml#L4)" in text
    links = [a.get("href") for a in _html(text).iter("a")]
    assert links == [
        "https://github.com/acme/hr/blob/0123abc/org.yaml#L4",
        "https://github.com/acme/hr/blob/0123abc/org.yaml#L9",
        "https://github.com/acme/hr/blob/0123abc/teams/design.yaml#L2",
    ]
    partial = {k: v for k, v in GITHUB.items() if k != "GITHUB_SHA"}
    assert "](" not in _markdown(["org.yaml"], findings, environ=partial)


def test_links_are_relative_to_the_workspace_and_quoted(tmp_path: pytest.TempPathFactory) -> None:
    workspace = str(tmp_path)
    links = Links("https://github.com/", "acme/hr", "abc", workspace)
    assert (
        links.url(f"{workspace}/ladders/org chart.yaml", 3)
        == "https://github.com/acme/hr/blob/abc/ladders/org%20chart.yaml#L3"
    )
    assert links.url("/elsewhere/org.yaml", 3) is None  # outside the checkout: no link
    assert links.at("def").url("ladders/org.yaml", 1) == (
        "https://github.com/acme/hr/blob/def/ladders/org.yaml#L1"
    )


HOSTILE = (
    "Staff | Principal <script>alert(1)</script> `code` **bold** [x](http://e) @core-team #12\nnext"
)


def test_messages_are_escaped_so_nothing_breaks_the_table() -> None:
    finding = Finding(
        "LAD101", "management-only-progression", "error", HOSTILE, "o.yaml", 1, 1, "r|x"
    )
    text = _markdown(["o.yaml"], [finding])
    html = _html(text)
    (table,) = html.iter("table")
    (row,) = _cells(table)
    assert len(row) == 5  # the | in the message and the role did not add cells
    assert row[3] == "r|x"
    assert row[4] == (
        "Staff | Principal <script>alert(1)</script> `code` **bold** [x](http://e) "
        "@core-team #12next"
    )
    message_cell = list(table.iter("td"))[-1]
    # no script, emphasis, code or link: text only, and the line break inside the cell
    assert [child.tag for child in message_cell.iter()] == ["td", "br"]
    assert list(html.iter("script")) == []
    assert "@core-team" not in text  # no mention is sent
    assert "\n" not in text.split("| --- |")[-1].strip().removesuffix("|")


def test_escape_handles_control_characters_and_backslashes() -> None:
    assert escape("a\\b\x07") == "a\\\\b\\\\x07"
    assert escape("one\r\ntwo\rthree") == "one<br>two<br>three"


def _many(count: int) -> list[Finding]:
    return [
        Finding("LAD104", "unreachable", "warning", f"role {i} unreachable", "org.yaml", i + 1, 3)
        for i in range(count)
    ]


def test_rows_past_fifty_are_folded_into_details() -> None:
    text = _markdown(["org.yaml"], _many(FOLD_AFTER + 10))
    before, folded = text.split("<details>")
    assert before.count("| warning |") == FOLD_AFTER
    assert folded.startswith("<summary>10 more findings</summary>")
    assert folded.count("| warning |") == 10
    assert folded.rstrip().endswith("</details>")
    assert "<details>" not in _markdown(["org.yaml"], _many(FOLD_AFTER))


def test_a_huge_report_stops_with_a_count() -> None:
    text = _markdown(["org.yaml"], _many(MAX_ROWS + 5))
    assert text.count("| warning |") == MAX_ROWS
    assert "5 findings not shown: the `json` and `sarif` formats list them all." in text
    assert f"<summary>{MAX_ROWS - FOLD_AFTER} more findings</summary>" in text


def test_check_format_markdown_from_the_command_line(tmp_path: pytest.TempPathFactory) -> None:
    from pathlib import Path

    from ladders.cli import main

    folder = Path(str(tmp_path))
    (folder / "org.yaml").write_text(
        "levels: [L1]\ntracks: {ic: technical}\n"
        "roles: {dev: {title: Developer, track: ic, level: L1, moves: [dev]}}\n"
    )
    output = folder / "summary.md"
    code = main(["check", str(folder / "org.yaml"), "--format", "markdown", "-o", str(output)])
    assert code == 1
    text = output.read_text()
    assert text.startswith("### ladders: 1 error in 1 file")
    assert "| error | `LAD204` self-move |" in text
