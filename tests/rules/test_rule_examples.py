"""Every rule's documentation carries a complete failing and a complete passing ladder:
the failing one fires that rule, the passing one fires nothing at all (DESIGN §3)."""

from __future__ import annotations

import textwrap

import pytest

import ladders
from ladders.rules import RULES, Rule

LADDER_RULES = [rule for rule in RULES.values() if rule.stage == "ladder"]


def example(rule: Rule, heading: str) -> str:
    """The literal block after ``heading::`` in the rule's docstring, dedented."""
    lines = rule.doc.splitlines()
    start = lines.index(f"{heading}::") + 1
    block: list[str] = []
    for line in lines[start:]:
        if line.strip() and not line.startswith("    "):
            break
        block.append(line)
    return textwrap.dedent("\n".join(block)).strip("\n") + "\n"


@pytest.mark.parametrize("rule", LADDER_RULES, ids=lambda rule: rule.code)
def test_failing_example_fires_the_rule(rule: Rule) -> None:
    ladder = ladders.loads(example(rule, "Failing"), source="failing.yaml")
    codes = {finding.code for finding in ladders.check(ladder)}
    assert rule.code in codes


@pytest.mark.parametrize("rule", LADDER_RULES, ids=lambda rule: rule.code)
def test_passing_example_fires_nothing(rule: Rule) -> None:
    ladder = ladders.loads(example(rule, "Passing"), source="passing.yaml")
    assert ladders.check(ladder) == []


def test_every_ladder_rule_is_covered() -> None:
    assert {rule.code for rule in LADDER_RULES} == {
        "LAD006", "LAD101", "LAD102", "LAD103", "LAD104", "LAD201", "LAD202", "LAD203",
        "LAD204", "LAD301", "LAD302", "LAD303", "LAD304", "LAD305",
    }  # fmt: skip
