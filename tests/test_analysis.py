"""ladders.analysis: progression, witness routes, ceilings, reachability."""

from __future__ import annotations

import pytest

import ladders
from ladders import Ladder, progression
from ladders.errors import UsageError
from ladders.index import LadderIndex


def _hand_built(data: dict[str, object]) -> Ladder:
    """A ladder built in Python without the loader's checks (references unresolved)."""
    from ladders.model import LadderFile

    file = LadderFile.model_validate(data)
    return Ladder(levels=file.levels or (), tracks=file.tracks, roles=file.roles)


STEP_BACK = ladders.loads(
    """\
levels: [L1, L2, L3, L4]
tracks: {ic: technical, mgmt: management}
roles:
  senior: {title: Senior, track: ic, level: L3, family: eng, moves: [tlm, mid]}
  mid: {title: Mid, track: ic, level: L2, family: eng, moves: [junior, peer]}
  junior: {title: Junior, track: ic, level: L1, family: eng, entry: true, moves: [staff]}
  peer: {title: Peer, track: ic, level: L3, family: eng, moves: [mid]}
  staff: {title: Staff, track: ic, level: L4, family: eng}
  tlm: {title: TLM, track: mgmt, level: L4, family: eng, moves: [senior]}
  island: {title: Island, track: mgmt, level: L2, family: ops}
"""
)


def test_step_back_route_is_found_for_the_highest_level() -> None:
    got = progression(STEP_BACK)["senior"]
    assert got.can_progress_without_management
    assert got.highest_without_management == "L4"
    assert got.route_without_management == ("senior", "mid", "junior", "staff")


def test_route_through_management_reaches_the_same_level() -> None:
    got = progression(STEP_BACK)["senior"]
    assert got.can_progress
    assert got.highest == "L4"
    assert got.route in {("senior", "tlm"), ("senior", "mid", "junior", "staff")}


def test_manager_moving_back_progresses_without_management() -> None:
    got = progression(STEP_BACK)["tlm"]
    assert got.can_progress is False  # L4 is the top
    assert got.highest == "L4"  # back to senior, then up to staff
    assert got.route_without_management[0] == "tlm"


def test_role_without_moves() -> None:
    got = progression(STEP_BACK)["staff"]
    assert (got.can_progress, got.highest, got.route) == (False, None, ())


def test_progression_is_a_mapping_of_every_role() -> None:
    result = progression(STEP_BACK)
    assert list(result) == list(STEP_BACK.roles)
    assert len(result) == len(STEP_BACK.roles)
    assert result.can_progress("mid")
    assert result.can_progress_without_management("mid")
    with pytest.raises(KeyError):
        result["nobody"]
    with pytest.raises(UsageError):
        result.can_progress("nobody")


def test_ceilings_per_family_and_kind() -> None:
    assert STEP_BACK.family_ceilings() == {
        ("eng", "technical"): 3,
        ("eng", "management"): 3,
        ("ops", "management"): 1,
    }
    assert STEP_BACK.family_ceilings().get(("ops", "technical")) is None
    assert STEP_BACK.family_ceilings().get(("eng", "technical")) == 3


def test_reachability_from_entry_roles() -> None:
    assert STEP_BACK.reachable_from_entries() == {"junior", "staff"}
    assert STEP_BACK.unreachable_roles() == ["senior", "mid", "peer", "tlm", "island"]


def test_unreachable_is_empty_without_entry_roles() -> None:
    ladder = ladders.loads(
        "levels: [L1]\ntracks: {ic: technical}\nroles: {a: {title: A, track: ic, level: L1}}\n"
    )
    assert ladder.unreachable_roles() == []


def test_index_of_a_hand_built_ladder_with_a_dangling_move_is_a_usage_error() -> None:
    ladder = _hand_built(
        {
            "levels": [{"id": "L1"}],
            "tracks": {"ic": {"kind": "technical"}},
            "roles": {"a": {"title": "A", "track": "ic", "level": "L1", "moves": ["ghost"]}},
        }
    )
    with pytest.raises(UsageError, match="unknown role 'ghost'"):
        LadderIndex(ladder)


def test_index_of_a_hand_built_ladder_with_an_unknown_level_is_a_usage_error() -> None:
    ladder = _hand_built(
        {
            "levels": [{"id": "L1"}],
            "tracks": {"ic": {"kind": "technical"}},
            "roles": {"a": {"title": "A", "track": "ic", "level": "L9"}},
        }
    )
    with pytest.raises(UsageError, match="unknown level 'L9'"):
        LadderIndex(ladder)


def test_long_chain_is_answered_without_recursion() -> None:
    count = 3000
    roles = {
        f"r{i}": {"title": f"R{i}", "track": "ic", "level": "L1", "moves": [f"r{i + 1}"]}
        for i in range(count)
    }
    roles[f"r{count}"] = {"title": "Top", "track": "ic", "level": "L2"}
    ladder = _hand_built(
        {
            "levels": [{"id": "L1"}, {"id": "L2"}],
            "tracks": {"ic": {"kind": "technical"}},
            "roles": roles,
        }
    )
    got = progression(ladder)["r0"]
    assert got.can_progress_without_management
    assert len(got.route_without_management) == count + 1
