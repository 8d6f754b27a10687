"""Writing ladders (``ladders.dump``) and building or changing them from Python."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import ladders
from ladders import Role

TEXT = """\
name: Acme
progression: {promote: true}
levels: [L1, {id: L2, entry: true, band: {min: 1, max: 2.5, currency: EUR}}, "007"]
tracks:
  ic: technical
  mgmt: {kind: management, bands: {L2: {min: 2, max: 3, currency: EUR}}}
roles:
  dev:
    title: "no"
    track: ic
    level: L1
    entry: false
    moves: [senior, {to: lead, kind: management, criteria: [Leads], ignore: {LAD202: ok}}]
    progression: {switch: false}
    metadata: {hris: [1, 2]}
  senior: {title: Senior, track: ic, level: L2, band: {min: 3, max: 4, currency: USD}}
  lead: {title: Lead, track: mgmt, level: L2}
  top: {title: Top, track: ic, level: "007", ignore: {LAD104: fine}}
"""


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_dump_then_load_gives_an_equal_ladder(tmp_path: Path, suffix: str) -> None:
    ladder = ladders.loads(TEXT)
    path = tmp_path / f"org{suffix}"
    ladders.dump(ladder, path)
    again = ladders.load(path)
    assert again == ladder
    assert again.roles["dev"].title == "no"
    assert again.levels[2].id == "007"
    assert list(again.roles) == list(ladder.roles)  # written order kept
    assert again.progression_settings == ladder.progression_settings  # implied stay implied


def test_dump_to_a_stream_and_explicit() -> None:
    ladder = ladders.loads(TEXT)
    stream = io.StringIO()
    ladders.dump(ladder, stream, format="json", explicit=True)
    explicit = ladders.loads(stream.getvalue(), format="json")
    assert explicit.progression_settings is None
    assert explicit.implied_moves == ()
    assert set(explicit.graph.edges) == set(ladder.graph.edges)


def test_role_model_dump_uses_the_file_keys() -> None:
    dumped = ladders.loads(TEXT).roles["dev"].model_dump(exclude_none=True)
    assert "moves" in dumped
    assert "move_specs" not in dumped
    assert dumped["moves"][0] == "senior"


def test_build_and_change_return_new_ladders() -> None:
    ladder = ladders.Ladder.build(
        levels=["L1", "L2"],
        tracks={"ic": "technical", "mgmt": "management"},
        roles={"dev": {"title": "Developer", "track": "ic", "level": "L1"}},
    )
    bigger = ladder.with_role("senior", Role(title="Senior", track="ic", level="L2"))
    moved = bigger.with_move("dev", "senior", criteria=["Ships"])
    assert list(ladder.roles) == ["dev"]  # the old one untouched
    assert [m.to for m in moved.roles["dev"].moves] == ["senior"]
    assert moved.roles["dev"].moves[0].criteria == ("Ships",)
    assert moved.without_move("dev", "senior").roles["dev"].moves == ()
    smaller = moved.without_role("senior")
    assert list(smaller.roles) == ["dev"]
    assert smaller.roles["dev"].moves == ()
    assert moved.replace(name="Acme").name == "Acme"
    assert ladders.check(moved) == []


def test_building_a_bad_ladder_raises_load_error() -> None:
    with pytest.raises(ladders.LoadError, match="LAD004"):
        ladders.Ladder.build(
            levels=["L1"],
            tracks={"ic": "technical"},
            roles={"dev": {"title": "Developer", "track": "ic", "level": "L9"}},
        )


def test_a_ladder_cannot_be_mutated() -> None:
    ladder = ladders.loads(TEXT)
    with pytest.raises(TypeError):
        ladder.roles["x"] = ladder.roles["dev"]  # type: ignore[index]
    with pytest.raises(AttributeError):
        ladder.name = "other"  # type: ignore[misc]
    assert ladder.progression["dev"].can_progress
