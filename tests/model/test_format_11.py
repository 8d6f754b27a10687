"""Format 1.1: implied moves, entry levels, move ignores (DESIGN §1, §3)."""

from __future__ import annotations

from pathlib import Path

import pytest

import ladders
from ladders.exchange.networkx import IMPLIED
from ladders.load import load_text

COMPACT = """\
progression: {promote: true, switch: true}
levels: [L1, L2, L3]
tracks: {ic: technical, mgmt: management}
roles:
  dev: {title: Developer, track: ic, level: L1, family: eng}
  senior: {title: Senior Developer, track: ic, level: L2, family: eng}
  lead: {title: Team Lead, track: mgmt, level: L2, family: eng}
  staff: {title: Staff Developer, track: ic, level: L3, family: eng}
  manager: {title: Manager, track: mgmt, level: L3, family: eng}
  designer: {title: Designer, track: ic, level: L1, family: design}
"""


def implied(ladder: ladders.Ladder) -> set[tuple[str, str]]:
    return {(a, b) for a, b, data in ladder.graph.edges(data=True) if data[IMPLIED]}


def test_promote_and_switch_imply_moves_within_the_family() -> None:
    ladder = ladders.loads(COMPACT)
    assert implied(ladder) == {
        ("dev", "senior"),  # promote: next level, same track and family
        ("senior", "staff"),
        ("lead", "manager"),
        ("senior", "lead"),  # switch: same level, the other kind of track
        ("lead", "senior"),
        ("staff", "manager"),
        ("manager", "staff"),
    }
    assert ladders.check(ladder) == []


def test_promote_goes_to_the_lowest_higher_rank_the_track_has_in_the_family() -> None:
    ladder = ladders.loads(
        """\
progression: {promote: true}
levels: [GS-5, GS-6, GS-7, GS-9]
tracks: {ic: technical}
roles:
  a: {title: Analyst, track: ic, level: GS-5}
  b: {title: Senior Analyst, track: ic, level: GS-7}
  b2: {title: Senior Analyst (data), track: ic, level: GS-7}
  c: {title: Lead Analyst, track: ic, level: GS-9}
"""
    )
    assert implied(ladder) == {("a", "b"), ("a", "b2"), ("b", "c"), ("b2", "c")}


def test_a_written_move_stands_and_is_no_duplicate() -> None:
    text = COMPACT.replace(
        "dev: {title: Developer, track: ic, level: L1, family: eng}",
        "dev: {title: Developer, track: ic, level: L1, family: eng, moves: [{to: senior, "
        "criteria: [Ships]}]}",
    )
    ladder = ladders.loads(text)
    assert ("dev", "senior") not in implied(ladder)
    assert ladder.graph.edges["dev", "senior"]["criteria"] == ("Ships",)
    assert not [f for f in ladders.check(ladder) if f.code == "LAD203"]


def test_a_role_overrides_the_ladder_key_by_key() -> None:
    text = COMPACT.replace(
        "senior: {title: Senior Developer, track: ic, level: L2, family: eng}",
        "senior: {title: Senior Developer, track: ic, level: L2, family: eng, "
        "progression: {switch: false}}",
    )
    ladder = ladders.loads(text)
    assert ("senior", "lead") not in implied(ladder)  # its own switch: false
    assert ("senior", "staff") in implied(ladder)  # promote still the ladder's


def test_role_progression_without_a_ladder_progression() -> None:
    ladder = ladders.loads(
        """\
levels: [L1, L2]
tracks: {ic: technical}
roles:
  dev: {title: Developer, track: ic, level: L1, progression: {promote: true}}
  senior: {title: Senior Developer, track: ic, level: L2}
"""
    )
    assert implied(ladder) == {("dev", "senior")}
    assert [s.implied for s in ladder.moves("dev")] == [True]


def test_a_finding_about_an_implied_move_is_located_at_the_progression_key() -> None:
    ladder = ladders.loads(
        """\
levels: [L1, L2, L3]
tracks: {ic: technical}
roles:
  dev:
    title: Developer
    track: ic
    level: L1
    band: {min: 60000, max: 80000, currency: EUR}
    progression: {promote: true}
  senior:
    title: Senior Developer
    track: ic
    level: L2
    band: {min: 50000, max: 60000, currency: EUR}
""",
        source="org.yaml",
    )
    (found,) = [f for f in ladders.check(ladder) if f.code == "LAD304"]
    assert (found.line, found.column, found.role) == (9, 5, "dev")
    root = ladders.loads(
        "progression: {promote: true}\n"
        + COMPACT.split("\n", 1)[1]
        .replace(
            "senior: {title: Senior Developer, track: ic, level: L2, family: eng}",
            "senior: {title: Senior Developer, track: ic, level: L2, family: eng, "
            "band: {min: 1, max: 2, currency: EUR}}",
        )
        .replace(
            "dev: {title: Developer, track: ic, level: L1, family: eng}",
            "dev: {title: Developer, track: ic, level: L1, family: eng, "
            "band: {min: 3, max: 4, currency: EUR}}",
        ),
        source="org.yaml",
    )
    (found,) = [f for f in ladders.check(root) if f.code == "LAD304"]
    assert (found.line, found.column) == (1, 1)


def test_entry_on_a_level_makes_its_roles_entry_roles_unless_they_say_otherwise() -> None:
    ladder = ladders.loads(
        """\
levels: [{id: L1, entry: true}, L2, {id: L3, entry: true}]
tracks: {ic: technical}
roles:
  dev: {title: Developer, track: ic, level: L1, moves: [senior]}
  senior: {title: Senior Developer, track: ic, level: L2}
  staff: {title: Staff Developer, track: ic, level: L3}
  principal: {title: Principal Developer, track: ic, level: L3, entry: false}
"""
    )
    assert [r for r in ladder.roles if ladder.is_entry(r)] == ["dev", "staff"]
    assert [f.role for f in ladders.check(ladder) if f.code == "LAD104"] == ["principal"]


def test_progression_in_two_files_of_one_root_is_lad003(tmp_path: Path) -> None:
    (tmp_path / "part.yaml").write_text(
        "progression: {switch: true}\nroles:\n  b: {title: B, track: ic, level: L1}\n"
    )
    root = tmp_path / "org.yaml"
    root.write_text(
        "include: [part.yaml]\nprogression: {promote: true}\nlevels: [L1]\n"
        "tracks: {ic: technical}\nroles:\n  a: {title: A, track: ic, level: L1}\n"
    )
    found = [f for f in ladders.check_file(root) if f.code == "LAD003"]
    assert [(Path(f.file).name, f.line) for f in found] == [("part.yaml", 1)]
    assert "progression is already given" in found[0].message


def test_progression_given_in_an_included_file_applies_to_every_role(tmp_path: Path) -> None:
    (tmp_path / "part.yaml").write_text(
        "progression: {promote: true}\nroles:\n  b: {title: B, track: ic, level: L2}\n"
    )
    root = tmp_path / "org.yaml"
    root.write_text(
        "include: [part.yaml]\nlevels: [L1, L2]\ntracks: {ic: technical}\n"
        "roles:\n  a: {title: A, track: ic, level: L1}\n"
    )
    assert implied(ladders.load(root)) == {("a", "b")}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("progression: {promote: yes}", "must be true or false"),
        ("progression: {promot: true}", "did you mean 'promote'"),
        ("progression: true", "must be a mapping"),
    ],
)
def test_bad_progression_is_lad002(text: str, message: str) -> None:
    loaded = load_text(
        text + "\nlevels: [L1]\ntracks: {ic: technical}\nroles: {}\n", source="org.yaml"
    )
    assert loaded.ladder is None
    (found,) = loaded.findings
    assert (found.code, found.line) == ("LAD002", 1)
    assert message in found.message


def test_progression_on_a_role_whose_level_did_not_load_does_not_crash() -> None:
    loaded = load_text(
        "progression: {promote: true}\nlevels: [L1]\ntracks: {ic: technical}\nroles:\n"
        "  a: {title: A, track: ic, level: L9, progression: {switch: true}}\n"
        "  b: {title: B, track: ic, level: L1}\n",
        source="org.yaml",
    )
    assert [f.code for f in loaded.findings] == ["LAD004"]


def test_a_move_ignore_silences_only_that_move() -> None:
    ladder = ladders.loads(
        """\
levels: [L1, L2]
tracks: {ic: technical}
roles:
  dev:
    title: Developer
    track: ic
    level: L1
    moves: [senior, {to: dev, ignore: {LAD204: kept for the test}}, dev]
  senior: {title: Senior Developer, track: ic, level: L2}
"""
    )
    codes = [(f.code, f.line) for f in ladders.check(ladder)]
    assert ("LAD204", 8) in codes  # the third move, not ignored
    assert ("LAD006", 8) not in codes
    assert sum(1 for code, _ in codes if code == "LAD204") == 1


def test_files_still_say_version_1() -> None:
    loaded = load_text("version: 2\nlevels: [L1]\ntracks: {}\nroles: {}\n")
    assert [f.code for f in loaded.findings] == ["LAD002"]
