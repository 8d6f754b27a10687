"""The JSON Schema (draft 2020-12) of the ladder file format, made from the models.

Editors use it to complete and check ladder files as they are typed; put this line at the
top of a YAML ladder (for the YAML language server, used by VS Code's YAML extension)::

    # yaml-language-server: $schema=https://ladders.dev/schema/v1.json

or point it at a local copy written by ``ladders schema > ladder.schema.json``. A JSON
ladder may carry ``"$schema": "..."`` itself.

>>> schema = json_schema()
>>> schema["$schema"], schema["properties"]["roles"]["propertyNames"]["pattern"] == ID_PATTERN
('https://json-schema.org/draft/2020-12/schema', True)
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from ladders.model import ID_PATTERN, LadderFile, Level, Track, currencies

__all__ = ["SCHEMA_ID", "json_schema"]

SCHEMA_ID = "https://ladders.dev/schema/v1.json"
_DRAFT = "https://json-schema.org/draft/2020-12/schema"

_ID = {"type": "string", "pattern": ID_PATTERN}
# In YAML a plain scalar is text as written, so `title: 2024` or `level: 1.10` is a valid
# ladder although a generic YAML reader sees a number there: text fields accept those too.
_PLAIN = [{"type": "number"}, {"type": "boolean"}]
_LEVEL_ID = {"anyOf": [_ID, {"type": "number"}]}
_REF = {"anyOf": [_ID, {"type": "number"}]}
_TEXT_FIELDS = {"title", "name", "description", "family"}


def _nullable(value: Any) -> Any:
    """``{"anyOf": [X, {"type": "null"}]}`` -> X: the file format has no nulls to offer."""
    if isinstance(value, dict) and "anyOf" in value:
        options = [o for o in value["anyOf"] if o != {"type": "null"}]
        if len(options) == 1:
            rest = {k: v for k, v in value.items() if k not in ("anyOf", "default")}
            return {**options[0], **rest}
    return value


@functools.cache
def _schema() -> dict[str, Any]:
    schema = LadderFile.model_json_schema(by_alias=True, mode="validation")
    defs = schema.setdefault("$defs", {})
    for model in (Level, Track):  # behind shorthand validators, so not referenced yet
        defs[model.__name__] = model.model_json_schema(by_alias=True, mode="validation")
    for definition in [schema, *defs.values()]:
        for name, prop in list(definition.get("properties", {}).items()):
            prop = _nullable(prop)
            prop.pop("default", None)
            if name in _TEXT_FIELDS and prop.get("type") == "string":
                outer = {k: prop.pop(k) for k in ("title", "description") if k in prop}
                prop = {**outer, "anyOf": [prop, *_PLAIN]}
            definition["properties"][name] = prop
    defs["Move"]["properties"]["to"] = {"title": "To", "description": "A role id.", **_REF}
    defs["Move"]["properties"]["criteria"] = {
        "title": "Criteria",
        "type": "array",
        "items": {"anyOf": [{"type": "string"}, *_PLAIN]},
    }

    for bound in ("min", "max"):
        defs["Band"]["properties"][bound] = {
            **defs["Band"]["properties"][bound],
            "type": "number",
            "minimum": 0,
        }
    defs["Band"]["properties"]["currency"] = {
        "title": "Currency",
        "description": "An ISO 4217 currency code, such as EUR.",
        "enum": sorted(currencies()),
    }
    defs["Track"]["properties"]["bands"] = {
        "title": "Bands",
        "description": "This track's pay band at a level: level id -> band.",
        "type": "object",
        "additionalProperties": {"$ref": "#/$defs/Band"},
    }
    defs["Move"]["properties"]["ignore"] = {
        "title": "Ignore",
        "description": "Accepted exceptions for this move: rule code -> the reason.",
        "type": "object",
        "additionalProperties": {"anyOf": [{"type": "string", "minLength": 1}, *_PLAIN]},
    }
    defs["Level"]["properties"]["id"] = {"title": "Id", **_LEVEL_ID}
    defs["Role"]["properties"]["level"] = {
        "title": "Level",
        "description": "The id of one of the ladder's levels.",
        **_LEVEL_ID,
    }
    defs["Role"]["properties"]["track"] = {"title": "Track", "description": "A track id.", **_REF}
    defs["Role"]["properties"]["moves"] = {
        "title": "Moves",
        "description": "Where someone in this role can go next: role ids, or mappings.",
        "type": "array",
        "items": {"anyOf": [*_REF["anyOf"], {"$ref": "#/$defs/Move"}]},
    }
    defs["Role"]["properties"]["ignore"] = {
        "title": "Ignore",
        "description": "Accepted exceptions: rule code -> the reason (not empty).",
        "type": "object",
        "additionalProperties": {"anyOf": [{"type": "string", "minLength": 1}, *_PLAIN]},
    }
    props = schema["properties"]
    props["$schema"] = {"type": "string", "description": "Ignored: for editors."}
    for name in ("name", "description"):
        props[name] = {"title": name.title(), "anyOf": [{"type": "string"}, *_PLAIN]}
    props["version"] = {"const": 1, "description": "The file format version, 1."}
    props["include"] = {
        "type": "array",
        "items": {"type": "string"},
        "description": "Files to merge into this ladder, relative to this file.",
    }
    props["levels"] = {
        "type": "array",
        "description": "The levels, lowest first: ids, or mappings with an id.",
        "items": {"anyOf": [*_LEVEL_ID["anyOf"], {"$ref": "#/$defs/Level"}]},
    }
    props["tracks"] = {
        "type": "object",
        "description": "Track id -> kind, or a mapping with kind.",
        "propertyNames": {"pattern": ID_PATTERN},
        "additionalProperties": {
            "anyOf": [{"enum": ["technical", "management"]}, {"$ref": "#/$defs/Track"}]
        },
    }
    props["roles"] = {
        "type": "object",
        "description": "Role id -> role.",
        "propertyNames": {"pattern": ID_PATTERN},
        "additionalProperties": {"$ref": "#/$defs/Role"},
    }
    return {
        "$schema": _DRAFT,
        "$id": SCHEMA_ID,
        "title": "ladders ladder file, format version 1",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a ladder file, as a new dict each call."""
    return copy.deepcopy(_schema())
