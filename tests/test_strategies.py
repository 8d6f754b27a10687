"""ladders.strategies: public Hypothesis strategies."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import ladders
from ladders import Ladder, Move, Role
from ladders.strategies import _hypothesis_setup_hook, ladder_data, moves, roles
from ladders.strategies import ladders as ladder_strategy


def test_import_ladders_does_not_import_hypothesis() -> None:
    code = "import sys, ladders; print('hypothesis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@settings(max_examples=40, derandomize=True, deadline=None)
@given(ladder_strategy(min_roles=3, max_roles=9, min_levels=2, max_levels=4, families=3))
def test_ladders_respect_sizes(ladder: Ladder) -> None:
    assert 3 <= len(ladder.roles) <= 9
    assert 2 <= len(ladder.levels) <= 4
    assert len({role.family for role in ladder.roles.values()}) <= 3


@settings(max_examples=40, derandomize=True, deadline=None)
@given(ladder_data(max_roles=10, families=2, healthy=True, declared_kinds=True))
def test_healthy_data_is_a_valid_file_with_no_findings(data: dict[str, object]) -> None:
    ladder = ladders.loads(json.dumps(data), format="json")
    assert ladders.check(ladder) == []


@settings(max_examples=20, derandomize=True, deadline=None)
@given(roles(tracks=["ic"], levels=["L1", "L2"], targets=["a", "b"]))
def test_roles(role: Role) -> None:
    assert role.track == "ic"
    assert role.level in {"L1", "L2"}
    assert set(role.targets) <= {"a", "b"}


@settings(max_examples=20, derandomize=True, deadline=None)
@given(moves(targets=["a"]))
def test_moves(move: str | Move) -> None:
    assert (move if isinstance(move, str) else move.to) == "a"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"min_roles": 0}, "min_roles=0 must be at least 1"),
        ({"min_roles": 4, "max_roles": 3}, "must not be greater than max_roles=3"),
        ({"max_levels": "5"}, "max_levels='5' must be an integer"),
        ({"families": 0}, "families=0 must be at least 1"),
        ({"healthy": 1}, "healthy=1 must be True or False"),
        ({"healthy": True, "ignores": True}, "cannot be combined"),
        ({"progression": 1}, "progression=1 must be True or False"),
        ({"entry_levels": "yes"}, "entry_levels='yes' must be True or False"),
        ({"bands": None}, "bands=None must be True or False"),
        ({"move_ignores": 0}, "move_ignores=0 must be True or False"),
        ({"healthy": True, "move_ignores": True}, "move_ignores=True cannot be combined"),
    ],
)
def test_arguments_are_validated_eagerly(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidArgument, match=message):
        ladder_strategy(**kwargs)  # type: ignore[arg-type]


def test_arguments_of_ladder_data_are_validated_eagerly() -> None:
    with pytest.raises(InvalidArgument, match="bands=1 must be True or False"):
        ladder_data(bands=1)  # type: ignore[arg-type]


# -- format 1.1 options ------------------------------------------------------------------


def drawn(strategy: st.SearchStrategy[Any], examples: int = 150) -> list[Any]:
    """What a strategy draws in ``examples`` tries (no shrinking: cheaper than ``find``)."""
    found: list[Any] = []

    @settings(max_examples=examples, derandomize=True, database=None, deadline=None)
    @given(strategy)
    def collect(value: Any) -> None:
        found.append(value)

    collect()
    return found


EVERY_OPTION = {"progression": True, "entry_levels": True, "bands": True, "move_ignores": True}


def _moves(data: dict[str, Any]) -> list[Any]:
    return [move for role in data["roles"].values() for move in role.get("moves", [])]


def _bands(data: dict[str, Any]) -> list[dict[str, Any]]:
    found = [level["band"] for level in data["levels"] if "band" in level]
    for track in data["tracks"].values():
        found.extend(track.get("bands", {}).values())
    found.extend(role["band"] for role in data["roles"].values() if "band" in role)
    return found


@settings(max_examples=60, derandomize=True, deadline=None)
@given(ladder_data(max_roles=8, families=2, declared_kinds=True, ignores=True))
def test_by_default_the_data_uses_the_0_1_format_only(data: dict[str, Any]) -> None:
    assert "progression" not in data
    assert all(set(level) == {"id"} for level in data["levels"])
    assert all(set(track) == {"kind"} for track in data["tracks"].values())
    for role in data["roles"].values():
        assert not {"band", "progression"} & set(role)
        assert role.get("entry", True) is True
    assert not any(isinstance(move, dict) and "ignore" in move for move in _moves(data))


@settings(max_examples=60, derandomize=True, deadline=None)
@given(ladder_data(max_roles=8, families=2, declared_kinds=True, ignores=True, **EVERY_OPTION))
def test_every_option_gives_a_valid_1_1_file(data: dict[str, Any]) -> None:
    ladder = ladders.loads(json.dumps(data), format="json")
    assert ladder == Ladder.from_data(data)
    for band in _bands(data):
        assert band["currency"] in {"EUR", "USD"}
        assert 0 <= band["min"] <= band["max"]
    level_ids = {level["id"] for level in data["levels"]}
    for track in data["tracks"].values():
        assert set(track.get("bands", {})) <= level_ids


def test_progression_draws_implied_moves_and_explicit_overrides() -> None:
    data = drawn(ladder_data(max_roles=8, progression=True))
    assert any(d.get("progression") == {"promote": True, "switch": True} for d in data)
    assert any("progression" not in d for d in data)
    own = [r["progression"] for d in data for r in d["roles"].values() if "progression" in r]
    assert {"promote": False} in own
    assert {"switch": False} in own
    moves = [
        m
        for ladder in drawn(ladder_strategy(max_roles=8, progression=True))
        for m in ladder.implied_moves
    ]
    assert {(m.setting, m.own) for m in moves} == {
        ("promote", True),
        ("promote", False),
        ("switch", True),
        ("switch", False),
    }


def test_entry_levels_draws_entry_on_levels_overridden_both_ways() -> None:
    def overridden(data: dict[str, Any], level_entry: bool) -> bool:
        entry = {level["id"]: level.get("entry") for level in data["levels"]}
        return any(
            entry[role["level"]] is level_entry and role.get("entry") is (not level_entry)
            for role in data["roles"].values()
        )

    data = drawn(ladder_data(max_roles=8, entry_levels=True))
    assert any(overridden(d, True) for d in data)
    assert any(overridden(d, False) for d in data)


def test_bands_draws_every_kind_of_band() -> None:
    data = drawn(ladder_data(max_roles=8, bands=True))
    assert any("band" in level for d in data for level in d["levels"])
    assert any("bands" in track for d in data for track in d["tracks"].values())
    assert any("band" in role for d in data for role in d["roles"].values())
    bands = [band for d in data for band in _bands(d)]
    assert {band["currency"] for band in bands} == {"EUR", "USD"}
    bounds = [value for band in bands for value in (band["min"], band["max"])]
    assert any(isinstance(value, int) for value in bounds)
    for fraction in ("5", "1", "3"):  # halves and tenths, written as decimals
        assert any(
            isinstance(value, float) and repr(value).endswith(f".{fraction}") for value in bounds
        )


def test_move_ignores_draws_ignore_entries_on_moves() -> None:
    codes = {
        code
        for d in drawn(ladder_data(max_roles=8, move_ignores=True))
        for move in _moves(d)
        if isinstance(move, dict)
        for code in move.get("ignore", {})
    }
    assert codes == {"LAD201", "LAD202", "LAD203", "LAD204", "LAD304", "LAD101", "LAD999"}


@settings(max_examples=60, derandomize=True, deadline=None)
@given(
    ladder_data(
        max_roles=12, families=2, healthy=True, progression=True, entry_levels=True, bands=True
    )
)
def test_healthy_1_1_data_has_no_findings(data: dict[str, Any]) -> None:
    assert all("band" in level for level in data["levels"])  # every role is paid
    assert len({band["currency"] for band in _bands(data)}) == 1
    assert ladders.check(ladders.loads(json.dumps(data), format="json")) == []


def test_setup_hook_registers_ladder_for_from_type() -> None:
    _hypothesis_setup_hook()

    @settings(max_examples=5, derandomize=True, deadline=None)
    @given(st.from_type(Ladder))
    def check(ladder: Ladder) -> None:
        assert isinstance(ladder, Ladder)

    check()


def test_strategies_import_first_in_a_fresh_interpreter() -> None:
    # Importing the module imports Hypothesis, which runs the entry point hook on this
    # very module, half-imported: the hook must be there and must not need the rest yet.
    code = (
        "from ladders.strategies import ladders\n"
        "from hypothesis import given, settings, strategies as st\n"
        "from ladders import Ladder\n"
        "@settings(max_examples=3, database=None)\n"
        "@given(st.from_type(Ladder))\n"
        "def check(ladder): assert isinstance(ladder, Ladder)\n"
        "check(); print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "ok", out.stderr


def test_entry_point_is_declared() -> None:
    import tomllib
    from pathlib import Path

    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    hooks = pyproject["project"]["entry-points"]["hypothesis"]
    assert hooks == {"_": "ladders.strategies:_hypothesis_setup_hook"}
