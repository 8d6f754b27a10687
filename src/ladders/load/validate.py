"""Turn pydantic's validation errors into LAD002 findings with positions and hints."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from ladders.hints import did_you_mean
from ladders.load.source import Path, SourceMap
from ladders.load.text import Problem
from ladders.model import Band, LadderFile, Level, Move, ProgressionSettings, Role, Track

__all__ = ["describe", "did_you_mean", "problems_from"]


def _keys(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


def _model_at(path: Path) -> type[BaseModel] | None:
    """Which model the mapping at ``path`` is validated as."""
    shape = tuple("*" if isinstance(step, int) else step for step in path)
    if not shape:
        return LadderFile
    if shape[-1] == "progression" and len(shape) in (1, 3):
        return ProgressionSettings
    if shape[-1] == "band" or (len(shape) == 4 and shape[0] == "tracks" and shape[2] == "bands"):
        return Band
    if len(shape) == 2 and shape[0] == "levels":
        return Level
    if len(shape) == 2 and shape[0] == "tracks":
        return Track
    if len(shape) == 2 and shape[0] == "roles":
        return Role
    if len(shape) == 4 and shape[0] == "roles" and shape[2] == "moves":
        return Move
    return None


def describe(path: Path) -> str:
    """Name a place in the file in the user's words.

    >>> describe(("roles", "senior", "moves", 1, "kind"))
    "role 'senior', move 2, key 'kind'"
    """
    if not path:
        return "the file"
    parts: list[str] = []
    head = path[0]
    rest = list(path[1:])
    if head in ("roles", "tracks") and rest:
        parts.append(f"{head[:-1]} {rest.pop(0)!r}")
    elif head == "levels" and rest and isinstance(rest[0], int):
        parts.append(f"level {int(rest.pop(0)) + 1}")
    else:
        parts.append(f"key {head!r}")
    while rest:
        step = rest.pop(0)
        if step == "moves" and rest and isinstance(rest[0], int):
            parts.append(f"move {int(rest.pop(0)) + 1}")
        elif isinstance(step, int):
            parts.append(f"item {step + 1}")
        else:
            parts.append(f"key {step!r}")
    return ", ".join(parts)


def _child(node: Any, step: str | int) -> tuple[bool, Any]:
    if isinstance(node, dict) and step in node:
        return True, node[step]
    if isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
        return True, node[step]
    return False, None


def _real_path(data: Any, loc: Sequence[str | int]) -> tuple[tuple[str | int, ...], bool]:
    """Drop pydantic's union tags from ``loc``; say whether a ``str`` branch was in it."""
    path: list[str | int] = []
    node = data
    str_branch = False
    for step in loc:
        found, child = _child(node, step)
        if found:
            path.append(step)
            node = child
        elif step == "[key]":
            path.append(step)
        else:
            str_branch = str_branch or step == "str"
    return tuple(path), str_branch


def _value_at(data: Any, path: Path) -> Any:
    node = data
    for step in path:
        if step == "[key]":
            return None
        node = node[step]
    return node


def _message(error: Any, path: tuple[str | int, ...], data: Any) -> tuple[str, bool] | None:
    """The message for one error and whether it points at a key (else at a value)."""
    kind = error["type"]
    value = _value_at(data, path)
    if path and path[-1] == "[key]":
        where = describe(path[:-1])
        return (
            f"invalid id in {where}: {_short(error['input'])}; ids start with a letter or digit "
            "and contain only letters, digits, '_', '.' and '-' (at most 128)",
            True,
        )
    if kind == "extra_forbidden":
        owner = _model_at(path[:-1])
        key = str(path[-1])
        where = describe(path[:-1])
        hint = did_you_mean(key, _keys(owner)) if owner else ""
        allowed = f" (allowed: {', '.join(_keys(owner))})" if owner and not hint else ""
        return f"unknown key {_short(key)} in {where}{hint}{allowed}", True
    if kind == "missing":
        field = error["loc"][-1]
        return f"{describe(path)} is missing the required key {field!r}", True
    if len(path) == 1 and path[0] == "version":
        return (
            f"unsupported version {_short(value)}: this version of ladders reads version 1",
            False,
        )
    if len(path) == 4 and path[0] == "roles" and path[2] == "moves":
        return (
            f"{describe(path)}: a move is a role id or a mapping with 'to' "
            f"(and optional kind, criteria, metadata), not {_short(value)}",
            False,
        )
    if len(path) == 2 and path[0] == "levels" and not isinstance(value, dict):
        return (
            f"{describe(path)}: a level is an id or a mapping with 'id', not {_short(value)}",
            False,
        )
    if len(path) == 2 and path[0] == "tracks" and not isinstance(value, dict):
        hint = did_you_mean(value, ["technical", "management"]) if isinstance(value, str) else ""
        return (
            f"{describe(path)}: a track is 'technical', 'management' or a mapping with "
            f"'kind', not {_short(value)}{hint}",
            False,
        )
    if kind == "literal_error" and isinstance(value, str):
        expected = error.get("ctx", {}).get("expected", "")
        choices = [c.strip(" '") for c in expected.replace(" or ", ",").split(",") if c.strip()]
        hint = did_you_mean(value, choices)
        return f"{describe(path)}: {_short(value)} is not one of {expected}{hint}", False
    if kind == "model_type" or kind == "model_attributes_type":
        kind = "dict_type"
    if kind in ("string_type", "bool_type", "dict_type", "tuple_type", "list_type"):
        expected = {
            "string_type": "text",
            "bool_type": "true or false",
            "dict_type": "a mapping",
            "tuple_type": "a list",
            "list_type": "a list",
        }[kind]
        return f"{describe(path)} must be {expected}, not {_shown(value)}", False
    if kind == "string_too_short":
        return f"{describe(path)} must not be empty", False
    if kind == "string_pattern_mismatch":
        return (
            f"{describe(path)}: invalid id {_short(value)}; ids start with a letter or digit and "
            "contain only letters, digits, '_', '.' and '-' (at most 128)",
            False,
        )
    if kind in ("value_error", "assertion_error"):  # our own validators: their words
        reason = error.get("ctx", {}).get("error")
        if reason is not None:
            return f"{describe(path)}: {reason}", False
    return f"{describe(path)}: {error['msg']}", False


def _short(value: Any) -> str:
    """``repr`` of a value for a message: one line, at most 60 characters."""
    try:
        text = repr(value)
    except ValueError:  # an integer too long to print
        return "a very large number"
    return text if len(text) <= 60 else text[:57] + "..."


def _shown(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return str(value).lower()
    return _short(value)


def problems_from(error: ValidationError, data: Any, source: SourceMap) -> Iterator[Problem]:
    """LAD002 problems, one per distinct place, from a validation error of ``data``."""
    seen: set[tuple[str | int, ...]] = set()
    for item in error.errors(include_url=False):
        path, from_str_branch = _real_path(data, item["loc"])
        value = _value_at(data, path)
        if from_str_branch and isinstance(value, dict):
            continue  # a mapping move: the Move branch's errors say more
        if path in seen:
            continue
        seen.add(path)
        message = _message(item, path, data)
        if message is None:
            continue
        text, at_key = message
        position_path = [step for step in path if step != "[key]"]
        if item["type"] == "missing" and _model_at(path) is Band:
            file, line, column = source.value_at(position_path)  # a band is judged whole
        elif item["type"] == "missing":
            file, line, column = source.key_at(position_path) if position_path else ("", 1, 1)
        elif at_key:
            file, line, column = source.key_at(position_path)
        else:
            file, line, column = source.value_at(position_path)
        role = str(path[1]) if len(path) > 1 and path[0] == "roles" and path[1] != "[key]" else None
        # The file only when it is not the source's own: a table of a spreadsheet ladder.
        table = file if file and file is not source.file else None
        yield Problem("LAD002", text, line - 1, column - 1, role, table)
