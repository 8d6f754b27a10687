"""``ladders --version``, ``--help``, ``ladders rules``, ``ladders schema``, and startup."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ladders
from ladders.cli.rules import plain_text
from ladders.rules import RULES

RunLine = Callable[..., Any]


def test_version(run_line: RunLine) -> None:
    result = run_line("--version")
    assert result.code == 0
    assert result.stdout == f"ladders {ladders.__version__}\n"


def test_help_lists_commands_and_examples(run_line: RunLine) -> None:
    result = run_line("--help")
    assert result.code == 0
    for command in ("check", "rules", "schema"):
        assert f"  {command} " in result.stdout
    assert "ladders check org.yaml" in result.stdout


def test_check_help_documents_options_exit_codes_and_examples(run_line: RunLine) -> None:
    result = run_line("check", "--help")
    assert result.code == 0
    for option in ("--format", "--output", "--select", "--ignore", "--fail-on", "--config"):
        assert option in result.stdout
    for name in ("text", "json", "sarif", "junit", "github"):
        assert name in result.stdout
    assert "Exit status" in result.stdout
    assert "ladders check --format sarif --output ladders.sarif org.yaml" in result.stdout


def test_rules_table_lists_every_registered_rule(run_line: RunLine) -> None:
    result = run_line("rules")
    assert result.code == 0
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["CODE", "NAME", "SEVERITY", "SUMMARY"]
    assert len(rows) == len(RULES)
    for row, rule in zip(rows, RULES.values(), strict=True):
        code, name, severity, summary = row.split(maxsplit=3)
        assert (code, name, severity, summary) == (
            rule.code,
            rule.name,
            str(rule.severity),
            plain_text(rule.summary),
        )


def test_rules_code_prints_the_rule_docstring(run_line: RunLine) -> None:
    rule = RULES["LAD204"]
    result = run_line("rules", "LAD204")
    assert result.code == 0
    assert result.stdout.startswith("LAD204 self-move (default severity: error)\n")
    assert plain_text(inspect.cleandoc(rule.doc)) in result.stdout


def test_rules_accepts_a_rule_name_and_lower_case(run_line: RunLine) -> None:
    by_code = run_line("rules", "LAD204").stdout
    assert run_line("rules", "self-move").stdout == by_code
    assert run_line("rules", "lad204").stdout == by_code


def test_rules_unknown_code_exits_2_with_suggestion(run_line: RunLine) -> None:
    result = run_line("rules", "self-mve")
    assert result.code == 2
    assert result.stderr.startswith(
        "ladders: 'self-mve' is not a rule code or name; did you mean 'self-move'?"
    )
    assert len(result.stderr.splitlines()) == 1


def test_schema_prints_the_json_schema(run_line: RunLine) -> None:
    from ladders.schema import json_schema

    result = run_line("schema")
    assert result.code == 0
    assert json.loads(result.stdout) == json_schema()
    assert result.stdout.startswith('{\n  "$schema"')  # indented for people to read


def _modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def test_import_ladders_does_not_import_the_cli_stack() -> None:
    modules = _modules_after("import ladders")
    assert "click" not in modules
    assert "ladders.cli" not in modules
    assert not {m for m in modules if m.startswith("ladders.report")}


def test_cli_imports_only_the_chosen_reporter(tmp_path: Path, good: str) -> None:
    ladder = tmp_path / "org.yaml"
    ladder.write_text(good, encoding="utf-8")
    out = tmp_path / "out.json"
    modules = _modules_after(
        "from ladders.cli import main; "
        f"main(['check', '--format', 'json', '-o', {str(out)!r}, {str(ladder)!r}])"
    )
    reporters = {m for m in modules if m.startswith("ladders.report.")}
    assert reporters == {"ladders.report.base", "ladders.report.json"}
