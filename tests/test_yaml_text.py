"""The direct YAML writer: what it writes reads back to the same data, with PyYAML (any
YAML reader) and with ladders' own reader."""

from __future__ import annotations

import math
from types import MappingProxyType
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import ladders
from ladders.exchange.data import ladder_data, ladder_text
from ladders.exchange.yaml_text import yaml_text
from ladders.strategies import ladders as ladder_strategy

scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(["no", "007", "1.10", "~", "null", "a: b", "- x", "#c", "", " x", "y"])
)
data = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(min_size=1, max_size=6), inner, max_size=4)
    ),
    max_leaves=20,
)


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=8), data, max_size=5))
def test_any_plain_data_reads_back_with_pyyaml(value: dict[str, Any]) -> None:
    text = yaml_text(value)
    assert same(yaml.safe_load(text) or {}, value), text


@settings(max_examples=80, derandomize=True, deadline=None)
@given(ladder_strategy(max_roles=10, progression=True, bands=True, move_ignores=True))
def test_a_ladder_written_as_yaml_loads_back_equal(ladder: ladders.Ladder) -> None:
    text = ladder_text(ladder_data(ladder))
    assert ladders.loads(text) == ladder
    assert yaml.safe_load(text) == ladder_data(ladder)


def _other_containers(value: Any) -> Any:
    """The same data in mappings that are not dicts and sequences that are tuples."""
    if isinstance(value, dict):
        return MappingProxyType({k: _other_containers(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_other_containers(item) for item in value)
    return value


@settings(max_examples=100, derandomize=True, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=8), data, max_size=5))
def test_any_mapping_and_sequence_is_written_as_a_dict_and_a_list_are(
    value: dict[str, Any],
) -> None:
    """Dicts and lists are told apart by their exact type first (the quick way); other
    mappings and tuples are written the same."""
    assert yaml_text(_other_containers(value)) == yaml_text(value)
