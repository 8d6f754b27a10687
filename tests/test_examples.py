"""The example ladders say what they show, and the HR scripts in examples/scripts run."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import ladders

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SCRIPTS = EXAMPLES / "scripts"


def run(script: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPTS / script), *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    "path",
    ["healthy.yaml", "split/org.yaml", "json/healthy.json", "compact.yaml"],
    ids=lambda p: p,
)
def test_healthy_examples_are_clean(path: str) -> None:
    assert ladders.check_file(EXAMPLES / path) == []


def test_senior_ceiling_example_produces_the_findings_its_header_lists() -> None:
    path = EXAMPLES / "senior-ceiling.yaml"
    header = path.read_text(encoding="utf-8").split("\nversion:")[0]
    expected = sorted(re.findall(r"^#\s+(LAD\d{3})\s+\S+\s+(\S+)", header, re.MULTILINE))
    assert expected, "the header lists the expected findings"
    found = sorted((f.code, f.role) for f in ladders.check_file(path))
    assert found == expected


def test_management_only_script_lists_roles_that_must_manage() -> None:
    result = run("management_only.py", EXAMPLES / "senior-ceiling.yaml")
    assert result.returncode == 1, result.stderr
    lines = result.stdout.strip().splitlines()
    lad101 = [
        f.role for f in ladders.check_file(EXAMPLES / "senior-ceiling.yaml") if f.code == "LAD101"
    ]
    assert [re.search(r"\(([^,]+),", line).group(1) for line in lines] == lad101  # type: ignore[union-attr]


def test_management_only_script_passes_a_healthy_ladder() -> None:
    result = run("management_only.py", EXAMPLES / "healthy.yaml")
    assert result.returncode == 0, result.stderr
    assert "every technical role" in result.stdout


def test_family_ceilings_script_marks_the_short_technical_track() -> None:
    result = run("family_ceilings.py", EXAMPLES / "senior-ceiling.yaml")
    assert result.returncode == 0, result.stderr
    engineering = next(
        line for line in result.stdout.splitlines() if line.startswith("engineering")
    )
    assert "technical Senior" in engineering
    assert "management Vice President" in engineering
    assert "technical track stops lower" in engineering


def test_guard_script_fails_when_a_technical_route_is_removed(tmp_path: Path) -> None:
    old = EXAMPLES / "healthy.yaml"
    ladder = ladders.load(old)
    # take away every technical move out of one technical role that can progress
    victim = next(
        r
        for r in ladder.roles
        if ladder.track_kind(r) == "technical"
        and ladder.progression[r].can_progress_without_management
    )
    changed = ladder
    for move in ladder.roles[victim].moves:
        if ladder.track_kind(move.to) != "management":
            changed = changed.without_move(victim, move.to)
    assert ladder.progression[victim].can_progress_without_management  # the old is untouched
    new = tmp_path / "new.json"
    ladders.dump(changed, new)
    result = run("guard_technical_routes.py", old, new)
    assert result.returncode == 1, result.stderr
    assert f"({victim})" in result.stdout


def test_guard_script_passes_an_unchanged_ladder() -> None:
    old = EXAMPLES / "healthy.yaml"
    result = run("guard_technical_routes.py", old, old)
    assert result.returncode == 0, result.stderr
    assert "no role lost" in result.stdout


def test_the_compact_example_says_its_moves_once() -> None:
    compact = ladders.load(EXAMPLES / "compact.yaml")
    written = sum(len(role.move_specs) for role in compact.roles.values())
    assert written == 1
    assert len(compact.implied_moves) == 9
    from ladders.exchange.data import ladder_data

    explicit = ladders.Ladder.from_data(ladder_data(compact, explicit=True))
    assert set(explicit.graph.edges) == set(compact.graph.edges)
    assert ladders.check(explicit) == []
