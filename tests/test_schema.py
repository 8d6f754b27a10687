"""The JSON Schema of the file format accepts valid ladders and rejects unknown keys."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import ladders
from ladders.schema import SCHEMA_ID, json_schema

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def errors(validator: jsonschema.Draft202012Validator, data: Any) -> list[str]:
    return [e.message for e in validator.iter_errors(data)]


def test_schema_declares_draft_2020_12_and_an_id() -> None:
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_ID


def test_every_example_ladder_is_valid(validator: jsonschema.Draft202012Validator) -> None:
    files = sorted(EXAMPLES.rglob("*.yaml")) + sorted(EXAMPLES.rglob("*.json"))
    assert files, "examples/ holds ladders"
    for path in files:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
        assert errors(validator, data) == [], path


def test_integer_level_ids_are_valid(validator: jsonschema.Draft202012Validator) -> None:
    data = {
        "levels": [1, 2, {"id": 3, "name": "Three"}],
        "tracks": {"ic": "technical"},
        "roles": {"dev": {"title": "D", "track": "ic", "level": 2}},
    }
    assert errors(validator, data) == []
    ladders.loads(json.dumps(data), format="json")  # and the loader agrees


@pytest.mark.parametrize(
    "data",
    [
        {"levels": [], "rols": {}},
        {
            "levels": [],
            "roles": {"dev": {"title": "D", "track": "ic", "level": "L1", "titel": "x"}},
        },
        {"levels": [{"id": "L1", "nam": "x"}]},
        {"tracks": {"ic": {"kind": "technical", "x": 1}}},
        {
            "roles": {
                "d": {
                    "title": "D",
                    "track": "ic",
                    "level": "L1",
                    "moves": [{"to": "x", "knd": "lateral"}],
                }
            }
        },
    ],
    ids=["root", "role", "level", "track", "move"],
)
def test_unknown_keys_are_rejected(validator: jsonschema.Draft202012Validator, data: Any) -> None:
    assert errors(validator, data)
    fixed = json.loads(
        json.dumps(data)
        .replace('"rols"', '"roles"')
        .replace('"titel"', '"title"')
        .replace('"nam"', '"name"')
        .replace('"x": 1', '"name": "x"')
        .replace('"knd"', '"kind"')
    )
    assert errors(validator, fixed) == []


@pytest.mark.parametrize(
    "data",
    [
        {"version": 2},
        {"tracks": {"ic": "tech"}},
        {"roles": {"bad id": {"title": "D", "track": "ic", "level": "L1"}}},
        {"roles": {"d": {"title": "D", "track": "ic", "level": "L1", "entry": "yes"}}},
        {"roles": {"d": {"track": "ic", "level": "L1"}}},
    ],
    ids=["version", "track-kind", "role-id", "entry", "missing-title"],
)
def test_invalid_ladders_are_rejected(
    validator: jsonschema.Draft202012Validator, data: Any
) -> None:
    assert errors(validator, data)


def test_schema_is_a_fresh_copy_each_time() -> None:
    first = json_schema()
    first["properties"].clear()
    assert json_schema()["properties"]


def test_format_11_ladders_are_valid_and_bad_bands_are_not(
    validator: jsonschema.Draft202012Validator,
) -> None:
    ladder = {
        "progression": {"promote": True, "switch": False},
        "levels": [{"id": "L1", "entry": True, "band": {"min": 1, "max": 2, "currency": "EUR"}}],
        "tracks": {"ic": {"kind": "technical", "bands": {"L1": {"min": 1, "max": 3,
                                                                  "currency": "USD"}}}},
        "roles": {
            "dev": {
                "title": "Developer",
                "track": "ic",
                "level": "L1",
                "band": {"min": 1.5, "max": 2, "currency": "EUR"},
                "progression": {"switch": True},
                "moves": [{"to": "dev", "ignore": {"LAD204": "a test"}}],
            }
        },
    }  # fmt: skip
    assert list(validator.iter_errors(ladder)) == []
    bad = copy.deepcopy(ladder)
    bad["roles"]["dev"]["band"] = {"min": -1, "max": 2, "currency": "EURO"}
    assert len(list(validator.iter_errors(bad))) >= 1
    bad = copy.deepcopy(ladder)
    bad["progression"] = {"promote": "yes"}
    assert list(validator.iter_errors(bad))
