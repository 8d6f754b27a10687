"""ladders.strategies: public Hypothesis strategies."""

from __future__ import annotations

import json
import subprocess
import sys

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
    ],
)
def test_arguments_are_validated_eagerly(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidArgument, match=message):
        ladder_strategy(**kwargs)  # type: ignore[arg-type]


def test_setup_hook_registers_ladder_for_from_type() -> None:
    _hypothesis_setup_hook()

    @settings(max_examples=5, derandomize=True, deadline=None)
    @given(st.from_type(Ladder))
    def check(ladder: Ladder) -> None:
        assert isinstance(ladder, Ladder)

    check()


def test_entry_point_is_declared() -> None:
    import tomllib
    from pathlib import Path

    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    hooks = pyproject["project"]["entry-points"]["hypothesis"]
    assert hooks == {"_": "ladders.strategies:_hypothesis_setup_hook"}
