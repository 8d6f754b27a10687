"""``ladders observe`` and ``ladders project`` on the command line: formats, exit codes,
--fail-on, configuration, one-line errors, and files never overwritten."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import Run
from .histories import LADDER, person_keys, write_rows

KEYS = person_keys(12, seed=5)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    ladder = tmp_path / "org.yaml"
    ladder.write_text(LADDER, encoding="utf-8")
    rows = [(k, "2020-01-01", "qa", "hire") for k in KEYS[:6]]
    rows += [(k, "2021-03-01", "dev", "move") for k in KEYS[:6]]
    rows += [(k, "2020-05-01", "dev", "") for k in KEYS[6:]]
    rows += [(k, "2022-01-01", "senior", "") for k in KEYS[6:9]]
    return ladder, write_rows(tmp_path / "history.csv", rows)


def test_text_report_and_exit_codes(run: Run, files: tuple[Path, Path]) -> None:
    result = run("observe", "org.yaml", "history.csv")
    assert result.code == 0, result.stderr  # LAD402 is a warning; --fail-on error
    assert "Undeclared moves taken (1)" in result.stdout
    assert (
        "org.yaml:11:3: LAD402 [warning] 6 people moved from Test Engineer (qa, L1)"
        in result.stdout
    )
    assert run("observe", "org.yaml", "history.csv", "--fail-on", "warning").code == 1


def test_json_report(run: Run, files: tuple[Path, Path]) -> None:
    result = run("observe", "org.yaml", "history.csv", "--format", "json")
    document = json.loads(result.stdout)
    assert document["ladder"] == "org.yaml"
    assert document["history"] == "history.csv"
    assert document["people"] == 12
    assert document["moves"] == 9
    assert document["conformance"]["undeclared"] == [
        {"from": "qa", "to": "dev", "kind": "lateral", "people": 6}
    ]
    assert [f["code"] for f in document["findings"]] == ["LAD402"]
    assert document["summary"] == {"error": 0, "warning": 1}


def test_sarif_and_github_hand_the_findings_to_the_reporters(
    run: Run, files: tuple[Path, Path]
) -> None:
    sarif = json.loads(run("observe", "org.yaml", "history.csv", "--format", "sarif").stdout)
    [result] = sarif["runs"][0]["results"]
    assert result["ruleId"] == "LAD402"
    assert result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 11,
        "startColumn": 3,
    }
    github = run("observe", "org.yaml", "history.csv", "--format", "github").stdout
    assert github.startswith("::warning file=org.yaml,line=11,col=3,title=LAD402 undeclared-move::")


def test_markdown_and_html(run: Run, files: tuple[Path, Path]) -> None:
    markdown = run("observe", "org.yaml", "history.csv", "--format", "markdown").stdout
    assert "| `qa` | `dev` | lateral | 6 |" in markdown
    html = run("observe", "org.yaml", "history.csv", "--format", "html").stdout
    assert html.startswith("<!DOCTYPE html>")
    assert "<svg" in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in html
    assert "<script" not in html
    assert 'stroke-dasharray="7 4"' in html  # the undeclared move, in its own style


def test_config_sets_min_people(run: Run, files: tuple[Path, Path], tmp_path: Path) -> None:
    (tmp_path / "ladders.toml").write_text("[observe]\nmin-people = 7\n", encoding="utf-8")
    document = json.loads(run("observe", "org.yaml", "history.csv", "--format", "json").stdout)
    assert document["min_people"] == 7
    assert document["conformance"]["undeclared"][0]["people"] == "<7"
    assert document["findings"] == []  # 6 people is under 7
    result = run("observe", "org.yaml", "history.csv", "--min-people", "3", "--format", "json")
    assert json.loads(result.stdout)["min_people"] == 3  # the option wins over the config
    (tmp_path / "ladders.toml").write_text("[observe]\nmin-poeple = 7\n", encoding="utf-8")
    result = run("observe", "org.yaml", "history.csv")
    assert result.code == 2
    assert "did you mean 'min-people'" in result.stderr


def test_output_is_written_whole_and_never_over_an_input(
    run: Run, files: tuple[Path, Path], tmp_path: Path
) -> None:
    history = (tmp_path / "history.csv").read_text(encoding="utf-8")
    assert (
        run("observe", "org.yaml", "history.csv", "-o", "report.json", "--format", "json").code == 0
    )
    assert json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))["version"] == 1
    result = run("observe", "org.yaml", "history.csv", "-o", "history.csv")
    assert result.code == 2
    assert (tmp_path / "history.csv").read_text(encoding="utf-8") == history
    assert sorted(p.name for p in tmp_path.iterdir()) == ["history.csv", "org.yaml", "report.json"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is empty"),
        ("person;date;role\na;2020-01-01;dev\n", "separated by ';'"),
        ("person,date,role,email\n", "columns other than person, date, role and event are refused"),
        ("person,date,role\nk,2020-13-01,dev\n", "history.csv, row 2, column date"),
    ],
)
def test_unusable_histories_are_one_line_exit_2(
    run: Run, files: tuple[Path, Path], tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / "history.csv").write_text(text, encoding="utf-8")
    result = run("observe", "org.yaml", "history.csv")
    assert result.code == 2
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_missing_files_and_bad_options_are_exit_2(run: Run, files: tuple[Path, Path]) -> None:
    assert run("observe", "org.yaml", "nope.csv").code == 2
    assert run("observe", "nope.yaml", "history.csv").code == 2
    result = run("observe", "org.yaml", "history.csv", "--since", "soon")
    assert result.code == 2
    assert "not an ISO 8601 date" in result.stderr
    assert run("observe", "org.yaml", "history.csv", "--min-share", "2").code == 2
    assert run("project", "org.yaml", "history.csv", "--years", "0").code == 2


def test_a_ladder_that_does_not_load_is_exit_2(
    run: Run, files: tuple[Path, Path], tmp_path: Path
) -> None:
    (tmp_path / "org.yaml").write_text(
        "levels: [L1]\nroles: {a: {title: A, track: nope, level: L1}}\n"
    )
    result = run("observe", "org.yaml", "history.csv")
    assert result.code == 2
    assert "ladders check org.yaml" in result.stderr


def test_project_formats(run: Run, files: tuple[Path, Path]) -> None:
    text = run("project", "org.yaml", "history.csv")
    assert text.code == 0, text.stderr
    assert "not promises" in text.stdout
    document = json.loads(
        run("project", "org.yaml", "history.csv", "--format", "json", "--years", "2").stdout
    )
    assert document["years"] == 2
    assert [h["year"] for h in document["headcount"]] == [2023, 2024]
    assert set(document["roles"]) == {"dev", "senior", "staff", "principal", "qa", "qa-senior"}
    html = run("project", "org.yaml", "history.csv", "--format", "html").stdout
    assert html.count("<svg") == 2
    assert "Technical track" in html
    assert "Management track" in html
    assert (
        "| role | people | reach top |"
        in run("project", "org.yaml", "history.csv", "--format", "markdown").stdout
    )


def test_as_a_process(process: Run, files: tuple[Path, Path]) -> None:
    result = process("observe", "org.yaml", "history.csv", "--format", "json")
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout)["people"] == 12
    bad = process("observe", "org.yaml", "org.yaml")
    assert bad.code == 2
    assert "Traceback" not in bad.stderr


def test_the_command_line_lists_the_reports_formats_and_stays_light() -> None:
    import subprocess
    import sys

    from ladders.cli import observe as command
    from ladders.report import observation as report

    assert command.OBSERVE_FORMATS == report.OBSERVE_FORMATS
    assert command.PROJECT_FORMATS == report.PROJECT_FORMATS
    code = (
        "import sys, ladders.cli; print(sorted(m for m in sys.modules if m.startswith("
        "('ladders.observe.', 'ladders.report.observation', 'numpy', 'openpyxl'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"  # 'ladders check' does not pay for observe


def test_config_severity_per_rule_options_and_ignore_apply(
    run: Run, files: tuple[Path, Path], tmp_path: Path
) -> None:
    config = tmp_path / "ladders.toml"
    config.write_text('[severity]\nLAD402 = "error"\n', encoding="utf-8")
    result = run("observe", "org.yaml", "history.csv", "--format", "json")
    assert result.code == 1  # an error now, and --fail-on error
    assert json.loads(result.stdout)["summary"] == {"error": 1, "warning": 0}
    config.write_text("[rules.LAD402]\nmin-people = 7\n", encoding="utf-8")
    assert (
        json.loads(run("observe", "org.yaml", "history.csv", "--format", "json").stdout)["findings"]
        == []
    )
    config.write_text('ignore = ["undeclared-move"]\n', encoding="utf-8")
    assert "LAD402" not in run("observe", "org.yaml", "history.csv").stdout
