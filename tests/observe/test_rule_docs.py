"""Each observe rule's documentation carries a complete ladder and history that fire it,
and ones that fire nothing at all (DESIGN §3: LAD4xx, a ladder and a history)."""

from __future__ import annotations

import csv
import inspect
import io
import re
from types import ModuleType

import pytest

import ladders
from ladders.findings import Severity
from ladders.observe import History, observe
from ladders.observe.findings import rule_modules


def blocks(module: ModuleType) -> tuple[list[str], list[str]]:
    """The literal blocks (after a line ending ``::``): the YAML ladders, and the CSV
    histories (those that start with the ``person,date,role`` header)."""
    doc = inspect.cleandoc(module.__doc__ or "")
    found = [
        inspect.cleandoc(m.group(1)) for m in re.finditer(r"::\n\n((?:    .*\n|\n)+)", doc + "\n")
    ]
    csv_blocks = [block + "\n" for block in found if block.startswith("person,")]
    yaml_blocks = [block for block in found if not block.startswith("person,")]
    return yaml_blocks, csv_blocks


def history(text: str) -> History:
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["person", "date", "role"]
    return History.from_rows(rows[1:])


@pytest.mark.parametrize("module", rule_modules(), ids=lambda m: m.CODE)
def test_the_failing_example_fires_the_rule_and_the_passing_one_nothing(module: ModuleType) -> None:
    yaml_blocks, csv_blocks = blocks(module)
    assert 1 <= len(yaml_blocks) <= 2
    assert len(csv_blocks) in (1, 2)
    failing_ladder = ladders.loads(yaml_blocks[0], source="org.yaml")
    passing_ladder = ladders.loads(yaml_blocks[-1], source="org.yaml")
    for ladder in (failing_ladder, passing_ladder):
        assert [f for f in ladders.check(ladder) if not f.code.startswith("LAD4")] == []
    fired = observe(failing_ladder, history(csv_blocks[0])).findings
    assert {f.code for f in fired} == {module.CODE}
    assert observe(passing_ladder, history(csv_blocks[-1])).findings == ()


@pytest.mark.parametrize("module", rule_modules(), ids=lambda m: m.CODE)
def test_the_rule_module_declares_what_the_registry_needs(module: ModuleType) -> None:
    assert re.fullmatch(r"LAD40[1-3]", module.CODE)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)+", module.NAME)
    assert module.SEVERITY is Severity.WARNING
    assert module.OPTIONS["min-people"].default == 5
    assert not hasattr(module, "check")  # observe decides these findings
    doc = module.__doc__ or ""
    assert "Failing" in doc
    assert "Passing" in doc
    assert f"ignore: {{{module.CODE}: <reason>}}" in doc


def test_findings_carry_the_modules_code_name_and_severity() -> None:
    _, csv_blocks = blocks(rule_modules()[1])
    yaml_blocks, _ = blocks(rule_modules()[1])
    [finding] = observe(ladders.loads(yaml_blocks[0]), history(csv_blocks[0])).findings
    module = rule_modules()[1]
    assert (finding.code, finding.name, finding.severity) == (
        module.CODE,
        module.NAME,
        module.SEVERITY,
    )
