"""ladders.index: the ladder as integer arrays, and the move searches the rules share."""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import ladders
from ladders.index import LadderIndex
from ladders.model import LadderData
from ladders.strategies import ladder_data

IMPLIED = ladders.loads(
    """\
levels: [{id: L1, entry: true}, L2, L3]
tracks: {ic: technical, mgmt: management}
roles:
  dev:
    title: Developer
    track: ic
    level: L1
    progression: {promote: true}
    moves: [staff, {to: staff, kind: lateral, ignore: {LAD203: copied}}, dev]
  senior: {title: Senior, track: ic, level: L2, entry: true, moves: [lead]}
  staff: {title: Staff, track: ic, level: L3, entry: false, ignore: {LAD103: top}}
  lead: {title: Lead, track: mgmt, level: L3, family: ops, band: {min: 1, max: 3, currency: EUR}}
"""
)


def test_implied_moves_come_after_the_written_ones() -> None:
    index = LadderIndex(IMPLIED)
    # dev writes staff, staff, dev; promote implies senior (the next level on its track)
    assert index.targets == [2, 2, 0, 1, 3]
    assert index.offsets == [0, 4, 5, 5, 5]
    assert index.items == [0, 1, 2, -1, 0]
    assert [index.item_of(edge) for edge in range(5)] == index.items
    assert index.sources == [0, 0, 0, 0, 1]
    assert set(index.implied) == {3}
    assert index.written_moves[0][0] == 1  # the move written as a mapping: its edge
    assert index.declared == [(1, "lateral")]


def test_one_move_is_answered_without_the_edge_lists() -> None:
    index = LadderIndex(
        ladders.loads(
            "levels: [L1, L2]\ntracks: {ic: technical}\nroles:\n"
            "  a: {title: A, track: ic, level: L1, moves: [b, c]}\n"
            "  none: {title: N, track: ic, level: L1}\n"
            "  b: {title: B, track: ic, level: L2, moves: [c]}\n"
            "  c: {title: C, track: ic, level: L2}\n"
        )
    )
    assert [index.source_of(edge) for edge in range(3)] == [0, 0, 2]
    assert [index.item_of(edge) for edge in range(3)] == [0, 1, 0]
    assert index.sources == [0, 0, 2]  # the same, once built


def test_own_entry_overrides_the_level_s() -> None:
    # dev: its level's; senior: its own true; staff: its own false at a non-entry level
    assert LadderIndex(IMPLIED).entries == [0, 1]


def test_roles_with_ignore_entries_on_the_role_or_a_move() -> None:
    assert LadderIndex(IMPLIED).ignoring == [0, 2]


def test_own_bands_and_ceilings() -> None:
    index = LadderIndex(IMPLIED)
    assert list(index.own_bands) == [3]
    assert index.family_tops(False, -1) == [2, -1]  # (no family), ops
    assert index.family_tops(True, -1) == [-1, 2]
    assert index.managers() == [3]
    assert index.placements == {(0, 0, 0), (0, 0, 1), (0, 0, 2), (1, 1, 2)}


def test_move_searches() -> None:
    index = LadderIndex(IMPLIED)
    assert index.self_edges() == [2]
    assert index.repeats() == [(1, 0)]
    assert index.rising_edges(0) == [0, 1, 3, 4]
    assert index.rising_edges(1) == [0, 1]
    assert index.arrays is None  # a small ladder is searched with lists


# --- what the fast reader had at hand -----------------------------------------------


def _public(index: LadderIndex) -> dict[str, Any]:
    """Everything an index tells, by name."""
    names = [
        "ids", "position", "levels", "tracks", "rank", "track", "management_tracks",
        "management", "family", "families", "entries", "written_moves", "implied",
        "targets", "offsets", "items", "sources", "ignoring", "own_bands", "declared",
        "predecessors", "by_rank",
    ]  # fmt: skip
    told = {name: getattr(index, name) for name in names}
    told["edges"] = [(index.source_of(e), index.item_of(e)) for e in range(len(index.targets))]
    return told


def _unhinted(ladder: LadderData) -> LadderData:
    """The same ladder, built anew (no columns from the fast reader)."""
    fields = ("name", "description", "levels", "tracks", "roles", "progression_settings")
    fields += ("files", "sources")
    return LadderData(**{field: getattr(ladder, field) for field in fields})


@settings(max_examples=150, derandomize=True, deadline=None)
@given(
    st.sampled_from(["json", "yaml"]),
    ladder_data(max_roles=10, families=2, entry_levels=True)
    | ladder_data(
        max_roles=6, families=2, declared_kinds=True, ignores=True, progression=True,
        entry_levels=True, bands=True, move_ignores=True,
    ),
)  # fmt: skip
def test_an_index_from_what_the_fast_reader_had_is_the_index_from_the_roles(
    fmt: str, data: dict[str, Any]
) -> None:
    text = json.dumps(data) if fmt == "json" else yaml.safe_dump(data, sort_keys=False)
    ladder = ladders.loads(text, format=fmt)  # type: ignore[arg-type]
    plain = all(
        set(role) <= {"title", "track", "level", "family", "entry", "description", "moves"}
        and all(isinstance(move, str) for move in role.get("moves", ()))
        for role in data["roles"].values()
    )
    assert (ladder._columns is not None) is plain  # given exactly when every move is a bare id
    fast = _public(LadderIndex(ladder))
    assert ladder._columns is None  # taken by the index
    assert fast == _public(LadderIndex(_unhinted(ladder)))
    if plain:  # and the ladder a check sees has them too
        assert ladders.check(ladders.loads(text, format=fmt)) == ladders.check(  # type: ignore[arg-type]
            _unhinted(ladder)
        )
