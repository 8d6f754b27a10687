"""The JSON locator finds the same positions as the full (slow) position reader, for
every path into a ladder file, however the file is laid out and in whatever order the
paths are asked for."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ladders.load import json as locator_module
from ladders.load.json import JsonLocator, json_marks
from ladders.load.source import SourceMap
from ladders.strategies import ladder_data

# keys a finding may ask for that exist deeper in the file, or look like JSON syntax
_MISSING = ("no such key", "title", "moves", "to", "{", '"', "\\")


def paths(
    data: Any, prefix: tuple[str | int, ...] = (), missing: tuple[str, ...] = _MISSING
) -> Iterator[tuple[str | int, ...]]:
    """Every path to a node of ``data``, and missing ones below each container."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from paths(value, (*prefix, key), missing)
        for key in missing:
            if key not in data:
                yield (*prefix, key)
                yield (*prefix, key, 0)
        yield (*prefix, 0)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from paths(value, (*prefix, index), missing)
        yield (*prefix, len(data))
        yield (*prefix, -1)
        yield (*prefix, "title")


def agree(
    text: str, order: random.Random | None = None, missing: tuple[str, ...] = _MISSING
) -> JsonLocator:
    """Assert that the locators (with the parsed data and without) answer as the full
    reader for every path, asked in a shuffled order with repeats; return the first."""
    exact, marks, problems = json_marks(text)
    assert not problems  # no duplicate keys: the locator's case
    full = SourceMap("org.json", exact, marks)
    fast, plain = JsonLocator(text, json.loads(text)), JsonLocator(text)
    asked = list(paths(exact, missing=missing))
    if order is not None:
        order.shuffle(asked)
        asked += order.sample(asked, len(asked) // 3)
    for path in asked:
        expected = full._walk(path)
        assert fast.walk(path) == expected, path
        assert plain.walk(path) == expected, path
    return fast


# -- writing JSON text in any layout, with any escapes --------------------------------

_SHORT = {'"': '\\"', "\\": "\\\\", "/": "\\/", "\b": "\\b", "\f": "\\f", "\n": "\\n"}
_SHORT.update({"\r": "\\r", "\t": "\\t"})
_SPACES = ("", " ", "\n", "\t", "\r\n", "\n    ", "  ")


def _string(value: str, rnd: random.Random, escapes: float) -> str:
    out = ['"']
    for char in value:
        code = ord(char)
        if char in '"\\' or code < 0x20 or rnd.random() < escapes:
            if char in _SHORT and rnd.random() < 0.5:
                out.append(_SHORT[char])
            elif code > 0xFFFF:
                code -= 0x10000
                out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04X}")
            else:
                out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def write(value: Any, rnd: random.Random, spacing: bool, escapes: float) -> str:
    """JSON text of ``value``: with random spacing between tokens (or none), and
    characters of strings written as escapes at random (``escapes``: how often)."""

    def space() -> str:
        return rnd.choice(_SPACES) if spacing else ""

    if isinstance(value, dict):
        members = [
            space() + _string(key, rnd, escapes) + space() + ":" + space()
            + write(item, rnd, spacing, escapes) + space()
            for key, item in value.items()
        ]  # fmt: skip
        return "{" + ",".join(members) + space() + "}"
    if isinstance(value, list):
        items = [space() + write(item, rnd, spacing, escapes) + space() for item in value]
        return "[" + ",".join(items) + space() + "]"
    if isinstance(value, str):
        return _string(value, rnd, escapes)
    return json.dumps(value)


def layouts(data: Any, rnd: random.Random) -> Iterator[str]:
    """The same data as json.dump writes it (one line, indented, ASCII only or not) and
    as the writer above does (no spacing, random spacing; no escapes, some, many)."""
    yield json.dumps(data)
    yield json.dumps(data, indent=2, ensure_ascii=False)
    yield json.dumps(data, indent=1, separators=(",", ":"))
    yield write(data, rnd, spacing=False, escapes=0.0)
    yield write(data, rnd, spacing=True, escapes=0.0)
    yield write(data, rnd, spacing=True, escapes=0.05)
    yield write(data, rnd, spacing=False, escapes=0.5)


# -- hostile ladders ----------------------------------------------------------------------

#: role ids and keys that are field names, keys used deeper, JSON syntax, non-ASCII
_WORDS = [
    "title", "moves", "to", "track", "level", "roles", "metadata", "ignore", "r1", "r2",
    "é", "ключ", "😀", 'a"b', "a\\b", "c/d", "{", "}", "[", "]", ":", ", ", '": {"', "",
    " ", "\t",
]  # fmt: skip
_CHARS = st.sampled_from(list('ab{}[]":,\\/ é😀\n\t'))
_KEYS = st.sampled_from(_WORDS) | st.text(_CHARS, max_size=5)
_TEXTS = st.text(_CHARS, max_size=8)
_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | _TEXTS
)
_VALUES = st.recursive(
    _LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3),
    max_leaves=8,
)
_ROLES = st.fixed_dictionaries(
    {"title": _TEXTS, "moves": st.lists(_KEYS | st.fixed_dictionaries({"to": _KEYS}), max_size=3)},
    optional={
        "metadata": st.dictionaries(_KEYS, _VALUES, max_size=3),
        "ignore": st.dictionaries(_KEYS, _TEXTS, max_size=2),
    },
)


@st.composite
def hostile_files(draw: st.DrawFn) -> dict[str, Any]:
    """Ladder-shaped data: a root with ``roles`` among other members (before or after
    it), roles whose ids are also keys deeper down, strings holding braces, quotes and
    backslashes; some roles are not objects at all."""
    others = draw(st.dictionaries(_KEYS.filter(lambda key: key != "roles"), _VALUES, max_size=4))
    roles = draw(st.dictionaries(_KEYS, _ROLES | _VALUES, max_size=40))
    items = list(others.items())
    items.insert(draw(st.integers(0, len(items))), ("roles", roles))
    return dict(items)


@settings(max_examples=40, derandomize=True, deadline=None)
@given(hostile_files(), st.randoms(use_true_random=False))
def test_the_locator_agrees_on_hostile_files(data: dict[str, Any], rnd: random.Random) -> None:
    for text in layouts(data, rnd):
        agree(text, rnd)


@settings(max_examples=30, derandomize=True, deadline=None)
@given(
    ladder_data(max_roles=8, progression=True, bands=True, move_ignores=True),
    st.sampled_from([None, 1, 2, 4]),
    st.booleans(),
    st.randoms(use_true_random=False),
)
def test_the_locator_agrees_with_the_full_reader(
    data: dict[str, Any], indent: int | None, ascii_only: bool, rnd: random.Random
) -> None:
    agree(json.dumps(data, indent=indent, ensure_ascii=ascii_only), rnd)


def test_odd_spacing_and_escapes() -> None:
    text = '\n\n  {"roles"  :\t{ "a\\"b" : {"moves":[ "x" ,\n{"to":"y"} ]}} , "levels":["L1"]}'
    agree(text)
    agree(text, random.Random(1))


# -- the quick way is taken -----------------------------------------------------------


def _big_ladder(rnd: random.Random, size: int, quiet: bool) -> dict[str, Any]:
    """``size`` roles, some with ids that are field names; with ``quiet``, no string
    holds a brace, a quote or a backslash (else some do)."""
    ids = [f"r{n:04}" for n in range(size)]
    ids[size // 3], ids[size // 2], ids[-1] = "title", "moves", "to"
    rnd.shuffle(ids)
    noise = "plain words" if quiet else 'a {brace}, a "quote" and a \\ backslash'
    roles: dict[str, Any] = {}
    for number, role in enumerate(ids):
        roles[role] = {
            "title": f"Role {number}",
            "description": noise if number % 7 == 0 else "é and more",
            "moves": [rnd.choice(ids) for _ in range(rnd.randrange(4))]
            + [{"to": rnd.choice(ids), "criteria": "ok"}],
            "metadata": {rnd.choice(ids): {"title": "x", "to": [1, 2]}},
        }
    first = {"version": 1, "name": "Big", "levels": [{"id": "L1"}]}
    return {**first, "roles": roles, "tracks": {"t": {"kind": "technical"}}}


@pytest.mark.parametrize("quiet", [True, False])
def test_large_objects_all_layouts_any_order(quiet: bool) -> None:
    rnd = random.Random(7)
    data = _big_ladder(rnd, 120, quiet)
    for text in layouts(data, rnd):
        agree(text, rnd, missing=("title", "r0001"))


def test_long_stretches_counted_piece_by_piece(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counting quotes and braces a few characters at a time (as a long stretch is
    counted, a megabyte at a time), never splitting an escape, and lines found from far
    away: the same answers."""
    monkeypatch.setattr(locator_module, "_CHUNK", 5)
    monkeypatch.setattr(locator_module, "_NEAR", 40)
    rnd = random.Random(11)
    data = _big_ladder(rnd, 40, quiet=False)
    data["roles"]["back\\\\slash"] = {"title": 'a\\\\"b\\\\\\\\', "moves": ["\\\\"]}
    for text in layouts(data, rnd):
        agree(text, rnd, missing=("title",))


@pytest.mark.parametrize(
    "dump",
    [
        lambda data: json.dumps(data),
        lambda data: json.dumps(data, indent=2),  # non-ASCII as \\u escapes, in values only
        lambda data: json.dumps(data, indent=4, ensure_ascii=False),
    ],
)
def test_literal_keys_are_found_without_reading_member_by_member(
    dump: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys written as they are (escapes in values are fine): every role, and every move
    of a role, is found by the search, never by reading members one by one."""
    rnd = random.Random(3)
    data = _big_ladder(rnd, 400, quiet=True)
    text = dump(data)
    exact, marks, _ = json_marks(text)
    full = SourceMap("org.json", exact, marks)
    locator = JsonLocator(text, json.loads(text))

    def refuse(*args: Any) -> None:
        raise AssertionError("read member by member")

    monkeypatch.setattr(JsonLocator, "_read_on", refuse)
    asked: list[tuple[str | int, ...]] = [("roles", role) for role in data["roles"]]
    asked += [("roles", role, "moves", 0) for role in data["roles"]]
    asked += [("roles", role, "title") for role in data["roles"]]
    asked += [("tracks", "t", "kind"), ("levels", 0, "id"), ("version",)]
    rnd.shuffle(asked)
    for path in asked + asked[::-1]:
        assert locator.walk(path) == full._walk(path), path
    assert not locator._containers.get(text.index("{", text.index('"roles"')))  # not read


_FILLER = {f"f{n}": {"title": "t"} for n in range(10)}


@pytest.mark.parametrize(
    ("roles", "asked"),
    [
        # a key made of JSON syntax: its text also runs from the end of one string to
        # the start of the next (`"a", ": z"`), a quote that closes a string
        ({"r0": ["a", ": z"], ", ": {}}, [(", ",)]),
        # the same after an escaped quote, which must not be counted
        ({"r0": ['x"y', "a", ": z"], ", ": {}}, [(", ",)]),
        # the key's text inside a key, at an escaped quote (`"x\", ": 1`): taking that
        # quote for one that closes a string would miscount the quotes after it
        ({'x", ': 1, "r1": ["a", ": z"], ", ": {}, **_FILLER}, [(", ",)]),
        # searched backwards from U: the nearer "title" is deeper, behind a string
        # holding a brace that would hide the brace closing B
        ({**_FILLER, "title": {"x": 1}, "B": {"title": "{"}, "U": {}}, [("U",), ("title",)]),
        # and forwards, the same with the brace opening
        ({"A": {"title": "}"}, "title": {"x": 1}, **_FILLER}, [("title",)]),
    ],
)
@pytest.mark.parametrize("chunk", [1 << 20, 1])  # 1: every character counted apart
def test_what_would_fool_a_quick_search(
    roles: dict[str, Any], asked: list[tuple[str, ...]], chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(locator_module, "_CHUNK", chunk)
    text = json.dumps({"roles": roles})
    exact, marks, _ = json_marks(text)
    full = SourceMap("org.json", exact, marks)
    locator = JsonLocator(text, json.loads(text))
    for path in asked:
        assert locator.walk(("roles", *path)) == full._walk(("roles", *path)), path
    agree(text, random.Random(5))


def test_a_key_written_with_escapes_is_still_found() -> None:
    roles = {"café": {"title": "x"}, "tea": {"title": "café"}, "é": {"title": "y"}}
    text = json.dumps({"roles": roles, "tracks": {"café": {}}})  # keys as \u00e9
    assert "\\u00e9" in text
    locator = agree(text)
    key, value = text.index('"\\u00e9"'), text.index('{"title": "y"}')
    assert locator.walk(("roles", "é")) == ((0, value, None), (0, key, None))


# -- flat members (what the fast reader saw of a self-contained file) ------------------

_PLAIN_KEYS = frozenset(
    ("title", "track", "level", "family", "entry", "description", "moves", "to", "kind")
)


def _plain_ladder(rnd: random.Random, size: int) -> dict[str, Any]:
    """Roles of the plain shape only, moving to each other (so every id is also written as
    a move target before and after its own key; some moves as ``{to, kind}``), some ids
    that are field names."""
    ids = [f"r{n:03}" for n in range(size)]
    ids[size // 4], ids[size // 2], ids[size // 3] = "title", "moves", "to"
    roles: dict[str, Any] = {}
    for number, role in enumerate(ids):
        item: dict[str, Any] = {"title": f"Role: {number}", "track": "ic", "level": "L1"}
        if number % 3 == 0:
            item["description"] = "plain words, {braces} and a: colon"
        if number % 4 == 0:
            item["entry"] = number % 8 == 0
        moves: list[Any] = [rnd.choice(ids) for _ in range(rnd.randrange(5))]
        if number % 5 == 0:  # as ``export --format csv`` tables give them
            moves.append({"to": rnd.choice(ids), "kind": "technical"})
        item["moves"] = moves
        roles[role] = item
    return {"version": 1, "levels": ["L1"], "roles": roles, "tracks": {"ic": "technical"}}


@pytest.mark.parametrize(
    "dump",
    [
        lambda data: json.dumps(data),
        lambda data: json.dumps(data, indent=2),
        lambda data: json.dumps(data, indent="\t", separators=(" ,", " :\n ")),
    ],
)
@pytest.mark.parametrize("numbered", [False, True])
def test_flat_members_are_found_by_find_alone(
    dump: Any, numbered: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Told that roles are flat, the locator answers as the full reader for every path
    under them, in any order, and finds every role by ``str.find`` alone (but a role whose
    id is a field name, which the quotes and braces on the way tell apart); also when it
    is given the roles' places (as the fast reader numbered them) instead of making them."""
    rnd = random.Random(13)
    data = _plain_ladder(rnd, 200)
    text = dump(data)
    exact, marks, _ = json_marks(text)
    full = SourceMap("org.json", exact, marks)
    locator = JsonLocator(text, json.loads(text))
    places = {role: number for number, role in enumerate(data["roles"])} if numbered else None
    locator.flat("roles", _PLAIN_KEYS, places)
    searched: list[tuple[str, bool]] = []
    search, search_back = JsonLocator._search, JsonLocator._search_back

    def forwards(self: JsonLocator, needle: str, start: int, stop: int, flat: bool = False) -> Any:
        searched.append((needle, flat))
        return search(self, needle, start, stop, flat)

    def backwards(
        self: JsonLocator, needle: str, start: int, stop: int, below: int, flat: bool = False
    ) -> Any:
        searched.append((needle, flat))
        return search_back(self, needle, start, stop, below, flat)

    flat_member = JsonLocator._flat_member

    def by_find(self: JsonLocator, state: Any, step: str, place: int) -> Any:
        searched.append((f'"{step}"', True))
        return flat_member(self, state, step, place)

    monkeypatch.setattr(JsonLocator, "_search", forwards)
    monkeypatch.setattr(JsonLocator, "_search_back", backwards)
    monkeypatch.setattr(JsonLocator, "_flat_member", by_find)
    asked = list(paths(exact["roles"], ("roles",), missing=("title", "nobody")))
    rnd.shuffle(asked)
    for path in asked + asked[::-1]:
        assert locator.walk(path) == full._walk(path), path
    how: dict[str, set[bool]] = {}
    for needle, flat in searched:
        how.setdefault(needle, set()).add(flat)
    searched_roles = [role for role in data["roles"] if f'"{role}"' in how]
    for role in searched_roles:  # (the others were read on the way to a field-name id)
        assert how[f'"{role}"'] == {role not in _PLAIN_KEYS}, role
    assert len(searched_roles) > 0.8 * len(data["roles"])
    assert {"title", "moves", "to"} <= set(searched_roles)


def test_flat_members_are_not_trusted_in_a_text_with_a_backslash() -> None:
    """An escaped quote could put ``"key":`` inside a string: then the count decides."""
    roles = {
        "a": {"title": 'say "b": here', "track": "ic", "level": "L1"},
        "b": {"title": "B", "track": "ic", "level": "L1"},
    }
    text = json.dumps({"roles": roles})
    locator = JsonLocator(text, json.loads(text))
    locator.flat("roles", _PLAIN_KEYS)
    assert locator.walk(("roles", "b")) == (
        (0, text.index('{"title": "B"'), None),
        (0, text.index('"b": {'), None),
    )
