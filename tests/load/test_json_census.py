"""Duplicate JSON keys told by counting colons (``ladders.load.fast.census``).

A JSON text is parsed without the hook that notices duplicate keys; the census of what
was read (the members of every object and the colons of every string) equals the
text's colons exactly when no key is repeated. These tests hold that against the hook
(the obviously-correct way) on texts with repeated keys, colons in strings and keys,
escapes and odd spacing; hold the fast reader's census to the plain one; and hold a
whole read to the read with the hook: the same model, the same findings.
"""

from __future__ import annotations

import copy
import json
from typing import Any
from unittest import mock

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_fast import EVERY_PART, _container, _places, _same, mutated

from ladders.load import json as json_reader
from ladders.load.fast import census, fast_census, fast_read
from ladders.load.read import read_ladder_text
from ladders.strategies import ladder_data


class _Object(list[tuple[str, Any]]):
    """An object as written: its members in order, keys possibly repeated."""


def _repeats(text: str) -> bool:
    """Whether some object of ``text`` repeats a key (the hook's way, plainly)."""
    seen = [False]

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        if len({key for key, _ in pairs}) != len(pairs):
            seen[0] = True
        return dict(pairs)

    json.loads(text, object_pairs_hook=hook)
    return seen[0]


_TEXT = st.text(alphabet=st.sampled_from('ab:"\\{}[],é \t/'), max_size=6)
_KEYS = st.sampled_from(["a", "b", ":", "a:b", '"', "\\:", "é"]) | _TEXT
_SCALARS = _TEXT | st.integers(-5, 10**6) | st.booleans() | st.none() | st.just(1.5)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.lists(st.tuples(_KEYS, inner), max_size=5).map(_Object)
    ),
    max_leaves=20,
)
_SPACE = st.sampled_from(["", " ", "\n", "\t ", "\r\n  "])


@st.composite
def _written(draw: st.DrawFn, value: Any = None) -> str:
    """``value`` (drawn if None) as JSON text, spaced at random."""
    if value is None:
        value = draw(_VALUES)

    def space() -> str:
        return draw(_SPACE)

    if isinstance(value, _Object):
        members = [
            f"{space()}{json.dumps(key, ensure_ascii=False)}{space()}:{space()}"
            f"{draw(_written(item))}"
            for key, item in value
        ]
        return "{" + ",".join(members) + space() + "}"
    if isinstance(value, list):
        return "[" + ",".join(space() + draw(_written(item)) for item in value) + space() + "]"
    if isinstance(value, int) and not isinstance(value, bool):
        # (more digits than Python prints: as many nines, read back as text)
        return str(value) if value.bit_length() < 14_000 else "9" * 4_400
    return json.dumps(value, ensure_ascii=False)


@settings(max_examples=400, derandomize=True, deadline=None)
@given(_written())
def test_the_census_is_the_colon_count_exactly_when_no_key_is_repeated(text: str) -> None:
    assume("\\u" not in text)  # (an escaped colon is no colon of the text: the hook reads those)
    data = json.loads(text)
    assert (census(data) == text.count(":")) is not _repeats(text)


def test_a_repeated_key_with_an_escaped_colon_elsewhere_is_read_with_the_hook() -> None:
    # one colon less in the text (the escape), one member less in the data (the repeat):
    # the counts would agree, so a text with \u escapes is never counted
    text = '{"a": 1, "a": 2, "b": "\\u003a"}'
    assert census(json.loads(text)) == text.count(":")
    assert json_reader.read_json(text, count=True)[2] is True


def test_a_text_without_escapes_is_read_without_the_hook_when_asked() -> None:
    text = '{"a": 1, "a": 2}'
    assert json_reader.read_json(text, count=True) == ({"a": 2}, [], None)
    assert json_reader.read_json(text) == ({"a": 1}, [], True)  # the first kept, as before


def _with_colons(draw: st.DrawFn, data: Any) -> Any:
    """``data`` with colons added to some of its strings (any of them: ids too)."""
    data = copy.deepcopy(data)
    for path in draw(st.lists(st.sampled_from(_places(data)), max_size=6)):
        if not path:
            continue
        parent = _container(data, path[:-1])
        if isinstance(parent, dict | list) and isinstance(parent[path[-1]], str):
            parent[path[-1]] = draw(st.sampled_from([":", "a:", ": b :"])) + parent[path[-1]]
    return data


@st.composite
def _ladders(draw: st.DrawFn) -> Any:
    data = draw(ladder_data(max_roles=6, **EVERY_PART) | mutated())
    data = _with_colons(draw, data)
    roles = data.get("roles") if isinstance(data, dict) else None
    if isinstance(roles, dict) and roles and draw(st.booleans()):
        role = draw(st.sampled_from(sorted(roles, key=str)))
        if isinstance(roles[role], dict):  # a description with colons, the fast reader's own
            roles[role]["description"] = draw(st.sampled_from(["a: b", "::", "none"]))
    return data


@settings(max_examples=200, derandomize=True, deadline=None)
@given(_ladders())
def test_the_fast_readers_census_is_the_census(data: Any) -> None:
    before = copy.deepcopy(data)
    found, count = fast_census(data)
    assert data == before
    assert count == census(data)
    expected = fast_read(data)
    assert (found is None) is (expected is None)
    if found is not None and expected is not None:
        _same(found[0], expected[0])
        assert found[1] == expected[1]


def _read_with_the_hook(text: str, name: str) -> Any:
    """read_ladder_text as it was: the hook always notices duplicate keys."""
    real = json_reader.read_json

    def hooked(text: str, *, count: bool = False) -> Any:
        return real(text)

    with mock.patch.object(json_reader, "read_json", hooked):
        return read_ladder_text(text, name, "json")


def _objects(value: Any) -> Any:
    """``value`` with its dicts as :class:`_Object` (to be written by ``_written``)."""
    if isinstance(value, dict):
        return _Object((key, _objects(item)) for key, item in value.items())
    if isinstance(value, list):
        return [_objects(item) for item in value]
    return value


@st.composite
def _texts(draw: st.DrawFn) -> str:
    """A ladder as JSON text, maybe with a member written twice, maybe a ``$schema``."""
    data = draw(_ladders())
    if isinstance(data, dict) and draw(st.booleans()):
        data = {"$schema": draw(st.sampled_from(["https://x.org/a.json", 1, {"a:": ":"}])), **data}
    written = _objects(data)
    if draw(st.booleans()):  # a member written twice: the same value, or another
        objects = [
            _written_at(written, path)
            for path in _places(data)
            if isinstance(_written_at(data, path), dict) and _written_at(data, path)
        ]
        if objects:
            members = draw(st.sampled_from(objects))
            key, value = draw(st.sampled_from(list(members)))
            again = draw(st.sampled_from([value, "x:y", 1, _Object([("a", ":")])]))
            members.insert(draw(st.integers(0, len(members))), (key, again))
    return draw(_written(written))


def _written_at(data: Any, path: tuple[Any, ...]) -> Any:
    """The part at ``path`` of what :func:`_objects` gave for ``data``."""
    for step in path:
        data = data[step] if not isinstance(data, _Object) else data[_at(data, step)][1]
    return data


def _at(members: _Object, key: str) -> int:
    return next(i for i, (name, _) in enumerate(members) if name == key)


def _outcome(read: Any) -> Any:
    model, _, findings = read
    return model, [(f.code, f.line, f.column, f.message) for f in findings]


@settings(max_examples=200, derandomize=True, deadline=None)
@given(_texts())
def test_a_json_file_reads_as_it_does_with_the_hook(text: str) -> None:
    got = _outcome(read_ladder_text(text, "f.json", "json"))
    assert got == _outcome(_read_with_the_hook(text, "f.json"))


def _parses(text: str) -> list[bool]:
    """For each time ``text`` is parsed whole by a read of it: whether with the hook."""
    calls: list[bool] = []
    real = json.loads

    def spy(part: str, **options: Any) -> Any:
        if part == text:  # (the full reader reads tokens with it too)
            calls.append(options.get("object_pairs_hook") is not None)
        return real(part, **options)

    with mock.patch.object(json_reader.json, "loads", spy):
        read_ladder_text(text, "f.json", "json")
    return calls


_VALID = {
    "$schema": "https://example.org/ladder.json",
    "description": "Colons: here, and in a title",
    "levels": ["L1", "L2"],
    "tracks": {"ic": "technical"},
    "roles": {
        "dev": {"title": "Dev: backend", "track": "ic", "level": "L1", "moves": ["senior"]},
        "senior": {"title": "Senior", "track": "ic", "level": "L2", "description": "a: b"},
    },
}


@pytest.mark.parametrize("indent", [None, 2])
def test_a_file_without_repeated_keys_is_parsed_once_without_the_hook(indent: int | None) -> None:
    assert _parses(json.dumps(_VALID, indent=indent)) == [False]


def test_a_file_with_a_repeated_key_is_parsed_again_with_the_hook() -> None:
    again = '"description": "a: b",\n      "title": "Again"'
    text = json.dumps(_VALID, indent=2).replace('"description": "a: b"', again)
    assert _parses(text) == [False, True]
    model, _, findings = read_ladder_text(text, "f.json", "json")
    assert model is None
    assert [(f.code, f.line, f.column) for f in findings] == [
        ("LAD003", text[: text.index('"title": "Again"')].count("\n") + 1, 7)
    ]


def test_a_file_with_escapes_is_parsed_once_with_the_hook() -> None:
    assert _parses(json.dumps({**_VALID, "name": "caf\u00e9"}, ensure_ascii=True)) == [True]
