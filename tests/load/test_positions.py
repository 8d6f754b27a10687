"""Findings carry the 1-based line and column of the item they are about."""

from __future__ import annotations

from pathlib import Path

import pytest

import ladders
from ladders.load import load_path

YAML = """\
levels: [L1, L2]
tracks:
  ic: technical
roles:
  dev:
    title: Developer
    track: ic
    level: L1
    moves:
      - senior
      - to: nobody
  senior:
    title: Senior
    track: ic
    level: L2
"""

JSON = """\
{
  "levels": ["L1", "L2"],
  "tracks": {"ic": "technical"},
  "roles": {
    "dev": {
      "title": "Developer",
      "track": "ic",
      "level": "L1",
      "moves": ["senior", {"to": "nobody"}]
    },
    "senior": {"title": "Senior", "track": "ic", "level": "L2"}
  }
}
"""


def test_yaml_unknown_move_target_points_at_the_to_value(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(YAML)
    (finding,) = load_path(tmp_path / "org.yaml").findings
    assert (finding.code, finding.line, finding.column) == ("LAD004", 11, 13)


def test_json_positions_are_computed_when_needed(tmp_path: Path) -> None:
    (tmp_path / "org.json").write_text(JSON)
    (finding,) = load_path(tmp_path / "org.json").findings
    assert (finding.code, finding.line, finding.column) == ("LAD004", 9, 34)


def test_json_role_and_move_locations(tmp_path: Path) -> None:
    (tmp_path / "org.json").write_text(JSON.replace('{"to": "nobody"}', '"senior"'))
    ladder = ladders.load(tmp_path / "org.json")
    assert ladder.sources is not None
    assert ladder.sources.role("senior")[1:] == (11, 5)
    assert ladder.sources.move("dev", 1)[1:] == (9, 27)
    assert ladder.sources.role_value("dev", "track")[1:] == (7, 16)


def test_yaml_role_and_move_locations(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(YAML.replace("to: nobody", "to: senior"))
    ladder = ladders.load(tmp_path / "org.yaml")
    assert ladder.sources is not None
    assert ladder.sources.role("senior") == (str(tmp_path / "org.yaml"), 12, 3)
    assert ladder.sources.move("dev", 0)[1:] == (10, 9)
    assert ladder.sources.move("dev", 1)[1:] == (11, 9)


def test_json_syntax_error_position(tmp_path: Path) -> None:
    (tmp_path / "org.json").write_text('{\n  "levels": [L1]\n}')
    (finding,) = load_path(tmp_path / "org.json").findings
    assert (finding.code, finding.line, finding.column) == ("LAD001", 2, 14)


def test_yaml_syntax_error_position(tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text("levels: [L1\ntracks: {}\n")
    (finding,) = load_path(tmp_path / "org.yaml").findings
    assert finding.code == "LAD001"
    assert finding.line == 2


def test_columns_count_characters_not_bytes() -> None:
    text = YAML.replace("title: Developer", "title: Développeuse").replace(
        "      - senior", "      - sénior"
    )
    with pytest.raises(ladders.LoadError) as caught:
        ladders.loads(text)
    positions = sorted((f.line, f.column) for f in caught.value.findings)
    assert positions == [(10, 9), (11, 13)]


def test_format_is_chosen_by_extension_then_content(tmp_path: Path) -> None:
    (tmp_path / "ladder").write_text(JSON.replace('{"to": "nobody"}', '"senior"'))
    assert set(ladders.load(tmp_path / "ladder").roles) == {"dev", "senior"}
