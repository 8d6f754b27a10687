"""Loading plain data answers as loading a text holding it (import-csv checks what it
wrote this way, without reading its own output again)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ladders.exchange.data import ladder_text
from ladders.load import load_data, load_text
from ladders.strategies import ladder_data


def _spoil(data: dict[str, Any], how: int) -> dict[str, Any]:
    """Data with one thing wrong in it (or none): what findings are made of."""
    data = copy.deepcopy(data)
    role = next(iter(data["roles"].values()))
    if how == 1:
        role["track"] = "nowhere"
    elif how == 2:
        role["moves"] = [*role.get("moves", []), "nobody"]
    elif how == 3:
        role["title"] = 7
    elif how == 4:
        role["title"] = "tab\tand bell\x07"
    elif how == 5:
        data["surprise"] = True
    elif how == 6:
        data["include"] = ["other.yaml"]
    return data


def _answer(loaded: Any) -> tuple[Any, list[tuple[str, str, str | None]]]:
    return loaded.ladder, [(f.code, f.message, f.role) for f in loaded.findings]


@settings(max_examples=60, derandomize=True, deadline=None)
@given(ladder_data(max_roles=8, progression=True, bands=True), st.integers(0, 6), st.booleans())
def test_data_loads_as_the_text_written_of_it(data: dict[str, Any], how: int, yaml: bool) -> None:
    data = _spoil(data, how)
    before = copy.deepcopy(data)
    text = json.dumps(data)
    expected = _answer(load_text(text, "json", "org"))
    written = ladder_text(data, "yaml" if yaml else "json")
    assert _answer(load_data(data, "org", written=written)) == expected
    assert _answer(load_data(data, "org")) == expected  # every string looked at
    assert data == before  # the caller's data is left as it was


@pytest.mark.parametrize("format", ["yaml", "json"])
def test_a_control_character_is_found_through_the_escape_the_writer_made(format: str) -> None:
    data = {
        "levels": ["L1"],
        "tracks": {"ic": "technical"},
        "roles": {"dev": {"title": "Dev\x1b[31m", "track": "ic", "level": "L1"}},
    }
    loaded = load_data(data, "org", written=ladder_text(data, format))
    assert [f.code for f in loaded.findings] == ["LAD002"]
    assert "U+001B" in loaded.findings[0].message


def test_the_schema_key_is_not_content_and_stays_in_the_callers_data() -> None:
    data = {"$schema": "x", "levels": ["L1"], "tracks": {"ic": "technical"}, "roles": {}}
    loaded = load_data(data)
    assert loaded.ladder is not None
    assert loaded.findings == []
    assert "$schema" in data
