"""The check engine: every rule, sorted findings, config, ignores, check_file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import ladders
from ladders import UsageError
from ladders.check import CheckConfig, check_file, check_paths
from ladders.load import Loaded
from ladders.rules import RULES

BAD = """\
levels: [L1, L2, L3]
tracks: {ic: technical, mgmt: management}
roles:
  dev: {title: Developer, track: ic, level: L1, entry: true, moves: [dev, lead, staff]}
  lead: {title: Lead, track: mgmt, level: L2}
  staff: {title: Staff, track: ic, level: L3}
  orphan: {title: Orphan, track: ic, level: L2, ignore: {LAD104: known, LAD204: stale}}
"""


#: DESIGN §3 and §7, copied: (code, name, default severity) of every rule
DESIGN_RULES = {
    ("LAD001", "syntax-error", "error"),
    ("LAD002", "schema-error", "error"),
    ("LAD003", "duplicate-definition", "error"),
    ("LAD004", "unknown-reference", "error"),
    ("LAD005", "unsafe-yaml", "error"),
    ("LAD006", "unused-ignore", "warning"),
    ("LAD007", "include-error", "error"),
    ("LAD008", "hidden-sheet", "warning"),
    ("LAD101", "management-only-progression", "error"),
    ("LAD102", "one-way-management", "warning"),
    ("LAD103", "dead-end", "error"),
    ("LAD104", "unreachable", "warning"),
    ("LAD201", "kind-mismatch", "error"),
    ("LAD202", "level-skip", "warning"),
    ("LAD203", "duplicate-move", "warning"),
    ("LAD204", "self-move", "error"),
    ("LAD301", "ceiling-gap", "error"),
    ("LAD302", "technical-gap", "warning"),
    ("LAD303", "pay-gap", "warning"),
    ("LAD304", "pay-cut-promotion", "warning"),
    ("LAD305", "pay-ceiling", "warning"),
    ("LAD401", "technical-route-unused", "warning"),
    ("LAD402", "undeclared-move", "warning"),
    ("LAD403", "no-way-back", "warning"),
}


def test_every_rule_of_design_is_registered_with_its_name_and_severity() -> None:
    assert {(r.code, r.name, str(r.severity)) for r in RULES.values()} == DESIGN_RULES
    stages = {code: rule.stage for code, rule in RULES.items()}
    assert {c for c, s in stages.items() if s == "load"} == {
        f"LAD00{i}" for i in (1, 2, 3, 4, 5, 7, 8)
    }
    assert {c for c, s in stages.items() if s == "observe"} == {"LAD401", "LAD402", "LAD403"}


def test_findings_are_sorted_with_role_and_location(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(BAD)
    found = ladders.check_file(path)
    assert found == sorted(found)
    assert [(f.code, f.line, f.role) for f in found] == [
        ("LAD204", 4, "dev"),
        ("LAD202", 4, "dev"),
        ("LAD102", 5, "lead"),
        ("LAD103", 7, "orphan"),
        ("LAD006", 7, "orphan"),
    ]
    assert all(f.file == str(path) for f in found)


def testcheck_file_on_json(tmp_path: Path) -> None:
    data = {
        "levels": ["L1", "L2"],
        "tracks": {"ic": "technical"},
        "roles": {
            "a": {"title": "A", "track": "ic", "level": "L1"},
            "b": {"title": "B", "track": "ic", "level": "L2"},
        },
    }
    path = tmp_path / "org.json"
    path.write_text(json.dumps(data, indent=1))
    assert [(f.code, f.line, f.column) for f in ladders.check_file(path)] == [("LAD103", 10, 3)]


def testcheck_file_never_raises_on_bad_content(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text("levels: [L1]\nroles: {a: {title: A, track: nope, level: L1}}\n")
    assert {f.code for f in ladders.check_file(path)} == {"LAD004"}


def test_select_ignore_and_severity() -> None:
    ladder = ladders.loads(BAD)
    only = ladders.check(ladder, CheckConfig(select=("LAD2",)))
    assert {f.code for f in only} == {"LAD202", "LAD204"}
    none_of = ladders.check(ladder, CheckConfig(ignore=("self-move", "LAD0")))
    assert {f.code for f in none_of} == {"LAD102", "LAD103", "LAD202"}
    loud = ladders.check(ladder, CheckConfig(severity={"LAD202": ladders.Severity.ERROR}))
    assert next(f for f in loud if f.code == "LAD202").severity == "error"


def test_role_ignore_silences_only_that_role_and_code() -> None:
    ladder = ladders.loads(BAD)
    codes = {(f.code, f.role) for f in ladders.check(ladder)}
    assert ("LAD104", "orphan") not in codes  # silenced by its entry
    assert ("LAD006", "orphan") in codes  # LAD204 entry silenced nothing


# -- configuration mistakes, and load errors that no selection can hide ----------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"select": ("NOPE",)}, "not a rule code"),
        ({"ignore": ("LAD9",)}, "not a rule code"),
        ({"options": {"LAD999": {}}}, "no rule 'LAD999'"),
        ({"options": {"LAD202": {"max_step": 2}}}, "did you mean 'max-step'"),
        ({"severity": {"LAD99": "error"}}, "no rule 'LAD99'"),
    ],
)
def test_check_config_refuses_what_would_silently_check_less(
    kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        CheckConfig(**kwargs)  # type: ignore[arg-type]


def test_check_config_takes_one_selector_as_text() -> None:
    assert CheckConfig(select="LAD1").select == ("LAD1",)  # type: ignore[arg-type]


def test_a_file_that_does_not_load_is_reported_whatever_the_selection(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"levels: [\xff]\n")
    for config in (CheckConfig(select=("LAD1",)), CheckConfig(ignore=("LAD001",))):
        assert [f.code for f in check_file(path, config)] == ["LAD001"]


def test_a_root_named_twice_is_checked_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "org.yaml").write_text(
        "levels: [L1]\ntracks: {ic: technical}\nroles: {d: {title: D, track: ic, level: L1, moves: [d]}}\n"
    )
    monkeypatch.chdir(tmp_path)
    result = check_paths(["org.yaml", "./org.yaml"])
    assert [f.code for f in result.findings] == ["LAD204"]


def test_check_paths_hands_over_what_it_loaded_when_asked(tmp_path: Path) -> None:
    good, bad = tmp_path / "org.yaml", tmp_path / "bad.yaml"
    good.write_text(
        "levels: [L1]\ntracks: {ic: technical}\nroles: {d: {title: D, track: ic, level: L1}}\n"
    )
    bad.write_bytes(b"levels: [\xff]\n")
    kept: list[Loaded] = []
    result = check_paths([good, bad, good], keep=kept)
    assert [loaded.files for loaded in kept] == [[str(good)], [str(bad)]]
    assert kept[0].ladder is not None
    assert list(kept[0].ladder.roles) == ["d"]
    assert kept[1].ladder is None
    assert "LAD001" in [f.code for f in result.findings]


def test_a_missing_root_is_lad001_from_the_api(tmp_path: Path) -> None:
    (finding,) = check_file(tmp_path / "nope.yaml")
    assert finding.code == "LAD001"
    assert "cannot read" in finding.message
