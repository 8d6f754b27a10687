"""``ladders check`` driven as a process: exit codes, options, configuration, output."""

from __future__ import annotations

import importlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

RunLine = Callable[..., Any]
Write = Callable[[str, str], Path]

LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): "
    r"(?P<code>LAD\d{3}) \[(?P<sev>error|warning)\] .+$"
)


def assert_one_line_error(stderr: str) -> None:
    """Exit-2 contract: exactly one line on stderr, prefixed, no traceback."""
    assert stderr.endswith("\n")
    assert len(stderr.splitlines()) == 1, stderr
    assert stderr.startswith("ladders: ")
    assert "Traceback" not in stderr


# exit 0 and 1 ---------------------------------------------------------------------------


def test_clean_ladder_exits_0(run_line: RunLine, write: Write, good: str) -> None:
    write("org.yaml", good)
    result = run_line("check", "org.yaml")
    assert result.code == 0
    assert result.stdout == "No findings in 1 file.\n"
    assert result.stderr == ""


def test_error_finding_exits_1_with_one_line_per_finding(
    run_line: RunLine, write: Write, bad: str
) -> None:
    write("org.yaml", bad)
    result = run_line("check", "org.yaml")
    assert result.code == 1
    first, summary = result.stdout.splitlines()
    match = LINE.match(first)
    assert match is not None, first
    assert match.group("file", "line", "code", "sev") == ("org.yaml", "4", "LAD204", "error")
    assert summary == "Found 1 error and 0 warnings in 1 file."


def test_findings_in_included_file_exit_1_and_name_that_file(
    run_line: RunLine, write: Write
) -> None:
    write(
        "org.yaml",
        "levels: [L1, L2]\ntracks: {ic: technical}\ninclude: [team/dev.yaml]\n"
        "roles:\n  senior: {title: Senior, track: ic, level: L2}\n",
    )
    write(
        "team/dev.yaml", "roles:\n  dev: {title: Dev, track: ic, level: L1, moves: [senior, dev]}\n"
    )
    result = run_line("check", "--format", "json", "org.yaml")
    assert result.code == 1
    document = json.loads(result.stdout)
    assert document["files"] == ["org.yaml", os.path.join("team", "dev.yaml")]
    assert [f["file"] for f in document["findings"]] == [os.path.join("team", "dev.yaml")]


def test_missing_include_is_a_finding_not_exit_2(
    run_line: RunLine, write: Write, good: str
) -> None:
    write("org.yaml", "include: [nope.yaml]\n" + good)
    result = run_line("check", "org.yaml")
    assert result.code == 1
    assert "LAD007" in result.stdout


def test_several_roots_are_checked_together(
    run_line: RunLine, write: Write, good: str, bad: str
) -> None:
    write("a.yaml", good)
    write("b.yaml", bad)
    result = run_line("check", "--format", "json", "a.yaml", "b.yaml")
    assert result.code == 1
    document = json.loads(result.stdout)
    assert document["files"] == ["a.yaml", "b.yaml"]
    assert document["summary"] == {"error": 1, "warning": 0}


# exit 2 ---------------------------------------------------------------------------------


def test_missing_file_exits_2_and_is_not_a_finding(run_line: RunLine) -> None:
    result = run_line("check", "--format", "json", "nope.yaml")
    assert result.code == 2
    assert result.stdout == ""
    assert_one_line_error(result.stderr)
    assert "nope.yaml" in result.stderr
    assert "no such file" in result.stderr


def test_unknown_option_exits_2(run_line: RunLine, write: Write, good: str) -> None:
    write("org.yaml", good)
    result = run_line("check", "--colour", "org.yaml")
    assert result.code == 2
    assert_one_line_error(result.stderr)
    assert "--colour" in result.stderr


def test_bad_option_value_exits_2(run_line: RunLine, write: Write, good: str) -> None:
    write("org.yaml", good)
    result = run_line("check", "--fail-on", "sometimes", "org.yaml")
    assert result.code == 2
    assert_one_line_error(result.stderr)
    assert "--fail-on" in result.stderr


def test_unknown_rule_in_select_exits_2(run_line: RunLine, write: Write, good: str) -> None:
    write("org.yaml", good)
    result = run_line("check", "--select", "self-mvoe", "org.yaml")
    assert result.code == 2
    assert_one_line_error(result.stderr)
    assert "did you mean 'self-move'?" in result.stderr


def test_bad_config_exits_2_naming_key_file_and_suggestion(
    run_line: RunLine, write: Write, good: str
) -> None:
    write("org.yaml", good)
    write("ladders.toml", 'fail_on = "warning"\n')
    result = run_line("check", "org.yaml")
    assert result.code == 2
    assert_one_line_error(result.stderr)
    assert "ladders.toml" in result.stderr
    assert "'fail_on'" in result.stderr
    assert "did you mean 'fail-on'?" in result.stderr


def test_invalid_toml_exits_2(run_line: RunLine, write: Write, good: str) -> None:
    write("org.yaml", good)
    write("pyproject.toml", "[tool.ladders]\nselect = [\n")
    result = run_line("check", "org.yaml")
    assert result.code == 2
    assert_one_line_error(result.stderr)
    assert "pyproject.toml" in result.stderr


def test_a_folder_of_ladder_files_is_not_a_table_folder_and_says_what_to_do(
    run_line: RunLine, write: Write, good: str
) -> None:
    # A folder root is a CSV-folder ladder (DESIGN §1); one holding YAML files instead
    # gets one located finding that names them.
    write("ladders/org.yaml", good)
    result = run_line("check", "ladders")
    assert result.code == 1
    (line, summary) = result.stdout.splitlines()
    assert line.startswith("ladders:1:1: LAD001 [error] ladders is a folder without ladder tables")
    assert "to check the ladder files in it, name them (org.yaml)" in line
    assert summary == "Found 1 error and 0 warnings in 1 file."


def test_unwritable_output_exits_2(run_line: RunLine, write: Write, good: str) -> None:
    write("org.yaml", good)
    result = run_line("check", "--output", "no/such/folder/report.json", "org.yaml")
    assert result.code == 2
    assert_one_line_error(result.stderr)
    assert "cannot write" in result.stderr


def test_no_files_and_no_config_exits_2(run_line: RunLine) -> None:
    result = run_line("check")
    assert result.code == 2
    assert_one_line_error(result.stderr)
    assert "no ladder files to check" in result.stderr


def test_no_command_shows_help_and_exits_2(run_line: RunLine) -> None:
    result = run_line()
    assert result.code == 2
    assert "Commands:" in result.stdout
    assert_one_line_error(result.stderr)


def test_internal_error_is_exit_2_without_traceback(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    write: Write,
    good: str,
    tmp_path: Path,
) -> None:
    from ladders.cli import main

    # ``ladders.check`` is the function re-exported by the package; this is the module.
    engine = importlib.import_module("ladders.check")

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(engine, "check_paths", crash)
    monkeypatch.chdir(tmp_path)
    write("org.yaml", good)
    assert main(["check", "org.yaml"]) == 2
    captured = capsys.readouterr()
    assert captured.err == "ladders: internal error: RuntimeError: boom\n"


# --fail-on, --select, --ignore, configuration ---------------------------------------------


def test_fail_on_decides_the_exit_code(run_line: RunLine, write: Write, bad: str) -> None:
    write("org.yaml", bad)
    write("ladders.toml", '[severity]\nLAD204 = "warning"\n')
    assert run_line("check", "org.yaml").code == 0
    assert run_line("check", "--fail-on", "warning", "org.yaml").code == 1
    assert run_line("check", "--fail-on", "never", "org.yaml").code == 0


def test_fail_on_never_passes_errors(run_line: RunLine, write: Write, bad: str) -> None:
    write("org.yaml", bad)
    result = run_line("check", "--fail-on", "never", "org.yaml")
    assert result.code == 0
    assert "LAD204 [error]" in result.stdout


def test_severity_override_shows_in_output(run_line: RunLine, write: Write, bad: str) -> None:
    write("org.yaml", bad)
    write("ladders.toml", '[severity]\nself-move = "warning"\n')
    result = run_line("check", "org.yaml")
    assert "LAD204 [warning]" in result.stdout
    assert result.stdout.endswith("Found 0 errors and 1 warning in 1 file.\n")
    assert result.code == 0  # a warning now: below the default --fail-on error
    assert run_line("check", "--fail-on", "warning", "org.yaml").code == 1


@pytest.mark.parametrize(
    ("option", "value", "code"),
    [
        ("--ignore", "LAD204", 0),
        ("--ignore", "self-move", 0),
        ("--ignore", "LAD2", 0),
        ("--ignore", "LAD0,LAD001", 1),
        ("--select", "LAD0", 0),
        ("--select", "LAD0, LAD204", 1),
        ("--select", "ALL", 1),
    ],
)
def test_select_and_ignore_take_codes_prefixes_and_names(
    run_line: RunLine, write: Write, bad: str, option: str, value: str, code: int
) -> None:
    write("org.yaml", bad)
    assert run_line("check", option, value, "org.yaml").code == code


def test_config_fail_on_and_command_line_override(
    run_line: RunLine, write: Write, bad: str
) -> None:
    write("org.yaml", bad)
    write("pyproject.toml", '[tool.ladders]\nfail-on = "never"\nignore = ["LAD204"]\n')
    assert run_line("check", "org.yaml").stdout == "No findings in 1 file.\n"
    # --ignore replaces the configured list, and --fail-on the configured threshold
    assert run_line("check", "--ignore", "LAD0", "org.yaml").code == 0
    assert run_line("check", "--ignore", "LAD0", "--fail-on", "error", "org.yaml").code == 1


def test_config_files_are_the_roots_relative_to_the_config(
    run_line: RunLine, write: Write, tmp_path: Path, good: str, bad: str
) -> None:
    write("ladders/org.yaml", bad)
    write("ladders/other.yaml", good)
    write("pyproject.toml", '[tool.ladders]\nfiles = ["ladders/org.yaml"]\n')
    (tmp_path / "sub").mkdir()
    result = run_line("check", "--format", "json", cwd=tmp_path / "sub")
    assert result.code == 1
    assert json.loads(result.stdout)["files"] == [os.path.join("..", "ladders", "org.yaml")]


def test_config_files_may_be_globs(run_line: RunLine, write: Write, good: str, bad: str) -> None:
    write("ladders/a.yaml", good)
    write("ladders/b.yaml", bad)
    write("ladders.toml", 'files = ["ladders/*.yaml"]\n')
    result = run_line("check", "--format", "json")
    assert result.code == 1
    assert json.loads(result.stdout)["files"] == [
        os.path.join("ladders", "a.yaml"),
        os.path.join("ladders", "b.yaml"),
    ]


def test_named_files_win_over_config_files(
    run_line: RunLine, write: Write, good: str, bad: str
) -> None:
    write("bad.yaml", bad)
    write("good.yaml", good)
    write("ladders.toml", 'files = ["bad.yaml"]\n')
    assert run_line("check", "good.yaml").code == 0


def test_missing_config_file_root_exits_2(run_line: RunLine, write: Write) -> None:
    write("ladders.toml", 'files = ["gone.yaml"]\n')
    result = run_line("check")
    assert result.code == 2
    assert_one_line_error(result.stderr)
    assert "gone.yaml" in result.stderr


def test_explicit_config_file(run_line: RunLine, write: Write, bad: str) -> None:
    write("org.yaml", bad)
    write("ci/strict.toml", '[severity]\nLAD204 = "warning"\n')
    assert run_line("check", "--config", "ci/strict.toml", "org.yaml").code == 0
    missing = run_line("check", "--config", "ci/nope.toml", "org.yaml")
    assert missing.code == 2
    assert_one_line_error(missing.stderr)


def test_pyproject_without_table_is_skipped_for_one_above(
    run_line: RunLine, write: Write, tmp_path: Path, bad: str
) -> None:
    write("ladders.toml", 'ignore = ["LAD204"]\n')
    write("project/pyproject.toml", '[project]\nname = "x"\n')
    write("project/org.yaml", bad)
    assert run_line("check", "org.yaml", cwd=tmp_path / "project").code == 0


# output ---------------------------------------------------------------------------------


def test_output_file_receives_the_report(
    run_line: RunLine, write: Write, tmp_path: Path, bad: str
) -> None:
    write("org.yaml", bad)
    result = run_line("check", "--format", "json", "--output", "report.json", "org.yaml")
    assert result.code == 1
    assert result.stdout == ""
    document = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert document["summary"] == {"error": 1, "warning": 0}


def test_json_output_is_exactly_the_documented_shape(
    run_line: RunLine, write: Write, bad: str
) -> None:
    import ladders

    write("org.yaml", bad)
    document = json.loads(run_line("check", "--format", "json", "org.yaml").stdout)
    assert list(document) == ["version", "tool", "files", "findings", "summary"]
    assert document["version"] == 1
    assert document["tool"] == {"name": "ladders", "version": ladders.__version__}
    (finding,) = document["findings"]
    assert list(finding) == [
        "code",
        "name",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "role",
    ]
    assert (finding["code"], finding["name"], finding["role"]) == ("LAD204", "self-move", "dev")
    assert (finding["file"], finding["line"]) == ("org.yaml", 4)


def test_github_format_is_chosen_on_github_actions(
    run_line: RunLine, write: Write, bad: str
) -> None:
    write("org.yaml", bad)
    auto = run_line("check", "org.yaml", env={"GITHUB_ACTIONS": "true"})
    assert auto.stdout.startswith("::error file=org.yaml,line=4,")
    chosen = run_line("check", "--format", "text", "org.yaml", env={"GITHUB_ACTIONS": "true"})
    assert chosen.stdout.startswith("org.yaml:4:")


def test_colour_follows_force_color_and_no_color(run_line: RunLine, write: Write, bad: str) -> None:
    write("org.yaml", bad)
    assert "\033[" not in run_line("check", "org.yaml").stdout  # not a terminal
    assert "\033[" in run_line("check", "org.yaml", env={"FORCE_COLOR": "1"}).stdout
    both = {"FORCE_COLOR": "1", "NO_COLOR": "1"}
    assert "\033[" not in run_line("check", "org.yaml", env=both).stdout


def test_output_file_is_never_coloured(
    run_line: RunLine, write: Write, tmp_path: Path, bad: str
) -> None:
    write("org.yaml", bad)
    run_line("check", "-o", "report.txt", "org.yaml", env={"FORCE_COLOR": "1"})
    assert "\033[" not in (tmp_path / "report.txt").read_text(encoding="utf-8")


def test_path_through_a_file_exits_2(run_line: RunLine, write: Write, good: str) -> None:
    # Unreadable for everyone, root included: a file used as if it were a folder.
    write("org.yaml", good)
    result = run_line("check", "org.yaml/more.yaml")
    assert result.code == 2
    assert_one_line_error(result.stderr)
    assert "cannot read org.yaml/more.yaml" in result.stderr


SKIP = """\
levels: [L1, L2, L3]
tracks: {ic: technical}
roles:
  dev: {title: Developer, track: ic, level: L1, moves: [staff]}
  senior: {title: Senior Developer, track: ic, level: L2, moves: [staff]}
  staff: {title: Staff Developer, track: ic, level: L3}
"""


def test_rule_options_from_config_reach_the_rule(run_line: RunLine, write: Write) -> None:
    write("org.yaml", SKIP)
    default = run_line("check", "--fail-on", "warning", "org.yaml")
    assert default.code == 1
    assert "LAD202 [warning]" in default.stdout
    write("ladders.toml", "[rules.LAD202]\nmax-step = 2\n")
    relaxed = run_line("check", "--fail-on", "warning", "org.yaml")
    assert relaxed.code == 0, relaxed.stdout


def test_rule_option_of_the_wrong_type_exits_2(run_line: RunLine, write: Write) -> None:
    write("org.yaml", SKIP)
    write("pyproject.toml", '[tool.ladders.rules.level-skip]\nmax-step = "2"\n')
    result = run_line("check", "org.yaml")
    assert result.code == 2
    assert_one_line_error(result.stderr)
    assert (
        "tool.ladders.rules.level-skip.max-step must be a whole number of at least 1"
        in result.stderr
    )


def test_select_and_ignore_may_be_repeated(run_line: RunLine, write: Write) -> None:
    write(
        "org.yaml",
        "levels: [L1, L2, L3]\ntracks: {ic: technical}\nroles:\n"
        "  a: {title: A, track: ic, level: L1, moves: [a, c, c]}\n"
        "  c: {title: C, track: ic, level: L3}\n",
    )
    result = run_line(
        "check", "--format", "json", "--select", "LAD204", "--select", "LAD203", "org.yaml"
    )
    codes = sorted(f["code"] for f in json.loads(result.stdout)["findings"])
    assert codes == ["LAD203", "LAD204"]


def test_no_selection_hides_a_file_that_does_not_load(run_line: RunLine, write: Write) -> None:
    write("org.yaml", "levels: [L1\n")
    for option in (["--select", "LAD1"], ["--ignore", "LAD001"]):
        result = run_line("check", *option, "org.yaml")
        assert result.code == 1
        assert "LAD001" in result.stdout
