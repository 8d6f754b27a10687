"""Include resolution: merging, confinement to the root folder, cycles, duplicates."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import ladders
from ladders.load import load_path

ROOT = """\
name: Acme
include: [eng.yaml]
levels: [L1, L2]
tracks: {ic: technical, mgmt: management}
roles:
  lead: {title: Lead, track: mgmt, level: L2}
"""
ENG = """\
roles:
  dev: {title: Developer, track: ic, level: L1, moves: [senior, lead]}
  senior: {title: Senior, track: ic, level: L2}
"""


def write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_included_files_are_merged_into_one_ladder(tmp_path: Path) -> None:
    write(tmp_path, {"org.yaml": ROOT, "eng.yaml": ENG})
    ladder = ladders.load(tmp_path / "org.yaml")
    assert set(ladder.roles) == {"lead", "dev", "senior"}
    assert ladder.name == "Acme"
    assert ladder.files == (str(tmp_path / "org.yaml"), str(tmp_path / "eng.yaml"))


def test_files_are_listed_as_given_relative_stays_relative(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        {"org/org.yaml": ROOT.replace("eng.yaml", "teams/eng.yaml"), "org/teams/eng.yaml": ENG},
    )
    monkeypatch.chdir(tmp_path)
    loaded = load_path("org/org.yaml")
    assert loaded.files == ["org/org.yaml", os.path.join("org", "teams", "eng.yaml")]


def test_findings_in_an_included_file_name_that_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "org.yaml": ROOT,
            "eng.yaml": ENG.replace("track: ic, level: L2", "track: icc, level: L2"),
        },
    )
    loaded = load_path(tmp_path / "org.yaml")
    (finding,) = loaded.findings
    assert finding.code == "LAD004"
    assert finding.file == str(tmp_path / "eng.yaml")
    assert (finding.line, finding.column) == (3, 34)


def test_include_paths_are_relative_to_the_including_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "org.yaml": ROOT.replace("[eng.yaml]", "[teams/eng.yaml]"),
            "teams/eng.yaml": "include: [more/extra.yaml]\n" + ENG,
            "teams/more/extra.yaml": "roles:\n  extra: {title: Extra, track: ic, level: L1}\n",
        },
    )
    assert "extra" in ladders.load(tmp_path / "org.yaml").roles


def test_missing_include_is_lad007_at_the_item(tmp_path: Path) -> None:
    write(
        tmp_path, {"org.yaml": ROOT.replace("[eng.yaml]", "[eng.yaml, nope.yaml]"), "eng.yaml": ENG}
    )
    (finding,) = load_path(tmp_path / "org.yaml").findings
    assert finding.code == "LAD007"
    assert (finding.line, finding.column) == (2, 21)
    assert "nope.yaml" in finding.message


def test_include_outside_the_root_folder_is_lad007(tmp_path: Path) -> None:
    write(
        tmp_path, {"outside.yaml": ENG, "org/org.yaml": ROOT.replace("eng.yaml", "../outside.yaml")}
    )
    (finding,) = load_path(tmp_path / "org" / "org.yaml").findings
    assert finding.code == "LAD007"
    assert "outside the folder" in finding.message


def test_absolute_include_is_lad007(tmp_path: Path) -> None:
    write(tmp_path, {"org.yaml": ROOT.replace("eng.yaml", "/etc/passwd")})
    (finding,) = load_path(tmp_path / "org.yaml").findings
    assert finding.code == "LAD007"


def test_nested_include_may_not_escape_the_root_folder_either(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "org/org.yaml": ROOT.replace("eng.yaml", "teams/eng.yaml"),
            "org/teams/eng.yaml": "include: [../../secret.yaml]\n" + ENG,
            "secret.yaml": "roles: {}\n",
        },
    )
    (finding,) = load_path(tmp_path / "org" / "org.yaml").findings
    assert finding.code == "LAD007"
    assert finding.file.endswith("eng.yaml")


def test_symlink_pointing_outside_is_lad007(tmp_path: Path) -> None:
    write(tmp_path, {"outside.yaml": ENG, "org/org.yaml": ROOT})
    (tmp_path / "org" / "eng.yaml").symlink_to(tmp_path / "outside.yaml")
    (finding,) = load_path(tmp_path / "org" / "org.yaml").findings
    assert finding.code == "LAD007"


def test_include_cycle_is_lad007(tmp_path: Path) -> None:
    write(tmp_path, {"org.yaml": ROOT, "eng.yaml": "include: [org.yaml]\n" + ENG})
    findings = load_path(tmp_path / "org.yaml").findings
    assert [f.code for f in findings] == ["LAD007"]
    assert "cycle" in findings[0].message
    assert findings[0].file.endswith("eng.yaml")


def test_self_include_is_a_cycle(tmp_path: Path) -> None:
    write(tmp_path, {"org.yaml": ROOT.replace("eng.yaml", "org.yaml")})
    assert [f.code for f in load_path(tmp_path / "org.yaml").findings] == ["LAD007"]


def test_a_file_included_twice_is_read_once(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "org.yaml": ROOT.replace("[eng.yaml]", "[eng.yaml, design.yaml]"),
            "eng.yaml": "include: [shared.yaml]\n" + ENG,
            "design.yaml": "include: [shared.yaml]\n",
            "shared.yaml": "tracks: {design: technical}\n",
        },
    )
    loaded = load_path(tmp_path / "org.yaml")
    assert loaded.findings == []
    assert loaded.ladder is not None
    assert "design" in loaded.ladder.tracks


def test_role_defined_in_two_files_is_lad003(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"org.yaml": ROOT, "eng.yaml": ENG + "  lead: {title: Lead 2, track: mgmt, level: L2}\n"},
    )
    (finding,) = load_path(tmp_path / "org.yaml").findings
    assert finding.code == "LAD003"
    assert finding.file.endswith("eng.yaml")
    assert (finding.line, finding.column) == (4, 3)
    assert "org.yaml:6:3" in finding.message


def test_levels_in_two_files_is_lad003(tmp_path: Path) -> None:
    write(tmp_path, {"org.yaml": ROOT, "eng.yaml": "levels: [L1]\n" + ENG})
    (finding,) = load_path(tmp_path / "org.yaml").findings
    assert finding.code == "LAD003"
    assert (finding.file.endswith("eng.yaml"), finding.line, finding.column) == (True, 1, 1)


def test_track_defined_in_two_files_is_lad003(tmp_path: Path) -> None:
    write(tmp_path, {"org.yaml": ROOT, "eng.yaml": "tracks: {ic: technical}\n" + ENG})
    (finding,) = load_path(tmp_path / "org.yaml").findings
    assert finding.code == "LAD003"


def test_levels_may_live_in_an_included_file(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "org.yaml": "include: [levels.yaml]\ntracks: {ic: technical}\n"
            "roles: {dev: {title: D, track: ic, level: L1}}\n",
            "levels.yaml": "levels: [L1]\n",
        },
    )
    assert ladders.load(tmp_path / "org.yaml").rank("dev") == 0


def test_no_levels_anywhere_is_a_schema_error(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"org.yaml": "tracks: {ic: technical}\nroles: {dev: {title: D, track: ic, level: L1}}\n"},
    )
    codes = sorted(f.code for f in load_path(tmp_path / "org.yaml").findings)
    assert codes == ["LAD002", "LAD004"]


def test_json_and_yaml_files_can_include_each_other(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "org.yaml": ROOT.replace("eng.yaml", "eng.json"),
            "eng.json": '{"roles": {"dev": {"title": "D", "track": "ic", "level": "L1"}}}',
        },
    )
    assert "dev" in ladders.load(tmp_path / "org.yaml").roles


def test_errors_in_an_include_stop_the_load_but_not_the_reading(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "org.yaml": ROOT.replace("[eng.yaml]", "[eng.yaml, bad.yaml]"),
            "eng.yaml": ENG,
            "bad.yaml": "roles: {x: {title: X, track: ic, level: L1, bogus: 1}}\n",
        },
    )
    loaded = load_path(tmp_path / "org.yaml")
    assert loaded.ladder is None
    assert [f.code for f in loaded.findings] == ["LAD002"]
    assert loaded.files[-1].endswith("bad.yaml")


def test_errors_in_the_root_do_not_hide_those_of_its_includes(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "org.yaml": ROOT.replace("level: L2}", "level: L2, bogus: 1}"),
            "eng.yaml": ENG.replace("title: Senior,", "titl: Senior,"),
        },
    )
    findings = load_path(tmp_path / "org.yaml").findings
    assert sorted((Path(f.file).name, f.code) for f in findings) == [
        ("eng.yaml", "LAD002"),
        ("eng.yaml", "LAD002"),
        ("org.yaml", "LAD002"),
    ]


def test_a_schema_error_does_not_hide_unknown_references(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "org.yaml": ROOT.replace("level: L2}", "level: L2, bogus: 1}"),
            "eng.yaml": ENG.replace("track: ic, level: L2", "track: ic, level: L9"),
        },
    )
    found = sorted(
        (Path(f.file).name, f.code, f.role) for f in load_path(tmp_path / "org.yaml").findings
    )
    assert found == [("eng.yaml", "LAD004", "senior"), ("org.yaml", "LAD002", "lead")]


def test_a_role_with_errors_is_not_reported_as_an_unknown_target(tmp_path: Path) -> None:
    # lead is invalid (bogus key) but defined: the move dev -> lead is not LAD004
    write(
        tmp_path, {"org.yaml": ROOT.replace("level: L2}", "level: L2, bogus: 1}"), "eng.yaml": ENG}
    )
    assert [f.code for f in load_path(tmp_path / "org.yaml").findings] == ["LAD002"]


def test_invalid_levels_do_not_make_every_level_unknown(tmp_path: Path) -> None:
    write(
        tmp_path,
        {"org.yaml": ROOT.replace("levels: [L1, L2]", "levels: [L1, L2, -bad]"), "eng.yaml": ENG},
    )
    assert [f.code for f in load_path(tmp_path / "org.yaml").findings] == ["LAD002"]


def test_a_missing_include_does_not_make_its_roles_unknown(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "org.yaml": ROOT.replace(
                "roles:\n", "roles:\n  x: {title: X, track: ic, level: L1, moves: [dev]}\n"
            )
        },
    )
    assert [f.code for f in load_path(tmp_path / "org.yaml").findings] == ["LAD007"]


def test_an_include_error_does_not_hide_duplicates_or_references(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "org.yaml": ROOT.replace("[eng.yaml]", "[eng.yaml, eng.yaml]").replace(
                "eng.yaml]", "eng.yaml, org.yaml]"
            ),
            "eng.yaml": ENG + "  lead: {title: Again, track: ic, level: L1}\n",
        },
    )
    codes = sorted(f.code for f in load_path(tmp_path / "org.yaml").findings)
    assert codes == ["LAD003", "LAD007"]
