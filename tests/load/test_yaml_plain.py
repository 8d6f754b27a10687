"""The plain YAML reader gives exactly what the general one gives, or leaves it the text.

:func:`ladders.load.yaml._read_plain` reads texts without anchors or tags on its own
(recursively, with no frames); anything else it hands back (``None``) to
:func:`ladders.load.yaml._read_general`. Here both read the same texts: generated
ladders in block and flow style, mutated seeds, and YAML-ish noise. Where the plain
reader answers, its data, every container's marks and its (empty) problems must equal the
general reader's; and on ordinary ladder text it must answer, or it would never be used.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_fuzz import SEEDS, SYNTAX, mutated

from ladders.exchange.data import ladder_data
from ladders.load.text import MAX_DEPTH, Fatal
from ladders.load.yaml import _read_general, _read_plain, read_yaml
from ladders.strategies import ladders as ladder_strategy

YAML_SEEDS = [(fmt, text) for fmt, text in SEEDS if fmt == "yaml"]


def _marked(data: Any, marks: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every container of ``data`` with its marks, by path (marks are keyed by ``id``)."""
    table = marks[id(data)]
    found: list[tuple[Any, ...]] = [
        (path, list(table.items()) if isinstance(table, dict) else table)
    ]
    items = data.items() if isinstance(data, dict) else enumerate(data)
    for key, value in items:
        if isinstance(value, (dict, list)):
            found.extend(_marked(value, marks, (*path, key)))
    return found


def _canon(value: Any) -> Any:
    """``value`` comparable with ``==``, in order and by type (NaN equal to itself)."""
    if isinstance(value, dict):
        return ("dict", [(key, _canon(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("list", [_canon(item) for item in value])
    if isinstance(value, float) and value != value:
        return ("nan",)
    return (type(value).__name__, value)


def _outcome(read: Any, text: str) -> tuple[Any, ...]:
    try:
        data, marks, problems = read(text)
    except Fatal as stop:
        return ("fatal", stop.problem)
    containers = _marked(data, marks) if isinstance(data, (dict, list)) else []
    return (_canon(data), containers, len(marks), problems)


def _same(text: str) -> bool:
    """The plain reader agrees with the general one; whether it answered. (It is only
    given texts without ``&`` or ``!``, as ``read_yaml`` does: it does not look for
    anchors or tags.)"""
    if "&" in text or "!" in text:
        return False
    plain = _outcome(_read_plain, text) if _read_plain(text) is not None else None
    if plain is not None:
        assert plain == _outcome(_read_general, text)
    return plain is not None


LADDERS = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.large_base_example],
)


@LADDERS
@given(
    ladder=ladder_strategy(max_roles=12, progression=True, bands=True, move_ignores=True),
    flow=st.booleans(),
)
def test_a_generated_ladder_is_read_alike_and_by_the_plain_reader(ladder: Any, flow: bool) -> None:
    text = yaml.safe_dump(ladder_data(ladder), default_flow_style=flow, sort_keys=False)
    if "&" not in text and "!" not in text:
        assert _same(text), "ordinary ladder text is the plain reader's"
    else:
        _same(text)


@settings(LADDERS, max_examples=400)
@given(case=mutated(seeds=YAML_SEEDS))
def test_a_mutated_ladder_is_read_alike(case: tuple[str, bytes]) -> None:
    _, data = case
    _same(data.decode("utf-8", "replace"))


@settings(LADDERS, max_examples=400)
@given(text=SYNTAX)
def test_yaml_noise_is_read_alike(text: str) -> None:
    _same(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only a comment\n",
        "---\n",
        "plain\n",
        "[a, '', b]\n",
        "a:\nb: ''\nc: ~\n",
        "entry: true\npromote: 'true'\nswitch: no\nversion: 1\n",
        "metadata: {a: [1, 2.5, .inf, -.inf, .nan, 0x1F, 0o17, null, true]}\n",
        "metadata: {entry: yes, deep: [{version: '2'}]}\n",
        # ids named as fields: read as any id (their values take no context from them)
        "roles:\n  min: {title: 2024, entry: true}\n  roles: {entry: false, moves: [min]}\n",
        "tracks:\n  metadata: {kind: technical, bands: {min: {min: 1, max: 2.5}}}\n",
        "roles: {version: 1.0, entry: [true]}\n",
        "metadata: [{a: 1, b: [true, [2]]}, [{c: 0x10}]]\n",
        "roles:\n  a: {entry: false, moves: [b, {to: c, kind: lateral}]}\n",
        "1: one\n2.5: two\ntrue: three\n",
        "a: 'x\u2028y'\nb: 1\n",  # an editor's line break inside a value
    ],
)
def test_plain_texts_are_the_plain_reader_s_and_read_alike(text: str) -> None:
    assert _same(text)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # a duplicate key: LAD003
        "? [a]\n: 1\n",  # a key that is not text: LAD002
        "a: *x\n",  # an alias to no anchor
        "a: 1\n---\nb: 2\n",  # a second document
        "a: [1\n",  # a syntax error
        "a:\n\t- b\n",  # a tab
        "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),  # nesting beyond the limit: LAD005
    ],
)
def test_what_the_plain_reader_does_not_handle_is_left_to_the_general_one(text: str) -> None:
    assert _read_plain(text) is None
    assert _outcome(read_yaml, text) == _outcome(_read_general, text)


def test_nesting_up_to_the_limit_is_the_plain_reader_s() -> None:
    assert _same("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    assert _same("a:\n" + "".join(f"{'  ' * i}b{i}:\n" for i in range(1, MAX_DEPTH)))


def test_a_key_is_one_string_however_often_it_is_written() -> None:
    data, _, _ = read_yaml("a: {title: x}\nb: {title: y}\n")
    first, second = (next(iter(role)) for role in data.values())
    assert first is second


@pytest.mark.parametrize("anchored", [False, True])
def test_an_id_named_as_a_field_is_read_as_any_id(anchored: bool) -> None:
    """A role, track or level id that is also a field's name (``min``, ``metadata``,
    ``version``) gives its value no context: a title stays text. Both readers (an
    anchor sends the text to the general one)."""
    text = (
        "roles:\n  min: {title: 2024, entry: true}\n  metadata: {title: 1.5}\n"
        "  roles: {entry: false, moves: [min]}\n"
        "tracks:\n  version: {kind: technical, bands: {min: {min: 1, max: 2.5}}}\n"
    )
    if anchored:
        text += "name: &a x\n"
    data, _, problems = read_yaml(text)
    assert problems == []
    roles = data["roles"]
    assert roles["min"] == {"title": "2024", "entry": True}
    assert roles["metadata"] == {"title": "1.5"}
    assert roles["roles"] == {"entry": False, "moves": ["min"]}
    assert data["tracks"]["version"]["bands"] == {"min": {"min": 1, "max": 2.5}}
