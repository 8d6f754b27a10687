"""The JSON locator finds the same positions as the full (slow) position reader, for
every path into a ladder file, however the file is laid out."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ladders.load.json import JsonLocator, json_marks
from ladders.load.source import SourceMap
from ladders.strategies import ladder_data


def paths(data: Any, prefix: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, (*prefix, key))
        yield (*prefix, "no such key")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths(value, (*prefix, index))
        yield (*prefix, len(data))


@settings(max_examples=80, derandomize=True, deadline=None)
@given(
    ladder_data(max_roles=8, progression=True, bands=True, move_ignores=True),
    st.sampled_from([None, 1, 2, 4]),
    st.booleans(),
)
def test_the_locator_agrees_with_the_full_reader(
    data: dict[str, Any], indent: int | None, ascii_only: bool
) -> None:
    text = json.dumps(data, indent=indent, ensure_ascii=ascii_only)
    exact, marks, _ = json_marks(text)
    full = SourceMap("org.json", exact, marks)
    locator = JsonLocator(text)
    for path in paths(exact):
        assert locator.walk(path) == full._walk(path), path


def test_odd_spacing_and_escapes() -> None:
    text = '\n\n  {"roles"  :\t{ "a\\"b" : {"moves":[ "x" ,\n{"to":"y"} ]}} , "levels":["L1"]}'
    exact, marks, _ = json_marks(text)
    full = SourceMap("org.json", exact, marks)
    locator = JsonLocator(text)
    for path in paths(exact):
        assert locator.walk(path) == full._walk(path), path
