"""The fast reader (``ladders.load.fast``) gives exactly what pydantic's validation gives,
for every file it accepts, and leaves every file pydantic refuses to pydantic."""

from __future__ import annotations

import copy
import json
import sys
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from ladders.load import fast
from ladders.load.fast import fast_file
from ladders.model import ID_RE, LadderFile
from ladders.strategies import ladder_data

ODD_VALUES: list[Any] = [
    None,
    "",
    "x",
    "L1",
    "technical",
    "management",
    "lateral",
    "EUR",
    "bad id!",
    "a\n",
    0,
    1,
    2,
    -1,
    10**5000,
    1.5,
    float("nan"),
    float("inf"),
    -0.5,
    True,
    False,
    [],
    ["x"],
    [1],
    [None],
    {},
    {"to": "x"},
    {"id": "L9"},
    {"kind": "technical"},
    {"min": 1, "max": 2, "currency": "EUR"},
    {"min": 3, "max": 2, "currency": "EUR"},
    {"min": 1, "max": 2, "currency": "eur"},
    {"promote": True},
    {"promote": 1},
    {"LAD101": "reason"},
    {"LAD101": ""},
    {1: "x"},
    {"extra": 1},
]
ODD_KEYS: list[Any] = ["extra", "moves", "move_specs", "band", "to", 1, "1", "bad id!", True]


def _same(fast: BaseModel, slow: BaseModel) -> None:
    """Field for field, types too, and the fields set (``exclude_unset`` dumps)."""
    assert type(fast) is type(slow)
    assert fast.model_fields_set == slow.model_fields_set
    for name in type(slow).model_fields:
        _same_value(getattr(fast, name), getattr(slow, name))
    assert fast == slow
    assert fast.model_dump() == slow.model_dump()
    assert fast.model_dump(exclude_unset=True) == slow.model_dump(exclude_unset=True)
    assert repr(fast) == repr(slow)


def _same_value(fast: Any, slow: Any) -> None:
    assert type(fast) is type(slow), (fast, slow)
    if isinstance(slow, BaseModel):
        _same(fast, slow)
    elif isinstance(slow, dict):
        assert list(fast) == list(slow)
        for key in slow:
            _same_value(fast[key], slow[key])
    elif isinstance(slow, tuple | list):
        assert len(fast) == len(slow)
        for a, b in zip(fast, slow, strict=True):
            _same_value(a, b)
    elif isinstance(slow, float) and slow != slow:
        assert fast != fast
    else:
        assert fast == slow


def _judge(data: Any) -> None:
    """Whatever the fast reader accepts, pydantic accepts and builds the same; whatever
    pydantic refuses, the fast reader leaves to it."""
    before = copy.deepcopy(data)
    fast = fast_file(data)
    assert data == before or data != data  # it never changes its input (NaN aside)
    try:
        slow = LadderFile.model_validate(data)
    except ValidationError:
        assert fast is None
        return
    if fast is not None:
        _same(fast, slow)


@settings(max_examples=150, derandomize=True, deadline=None)
@given(
    ladder_data(
        max_roles=8,
        families=2,
        declared_kinds=True,
        ignores=True,
        progression=True,
        entry_levels=True,
        bands=True,
        move_ignores=True,
    )
)
def test_a_valid_file_is_read_fast_and_the_same(data: dict[str, Any]) -> None:
    fast = fast_file(data)
    assert fast is not None  # generated files are plain data of the format
    _same(fast, LadderFile.model_validate(data))


def _places(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in ``data``."""
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _places(value, (*path, index))
    return found


def _container(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


# Every part of the format the generator draws.
EVERY_PART: dict[str, Any] = {
    "families": 2, "declared_kinds": True, "ignores": True, "progression": True,
    "entry_levels": True, "bands": True, "move_ignores": True,
}  # fmt: skip


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    data = draw(ladder_data(max_roles=5, **EVERY_PART))
    data = json.loads(json.dumps(data))  # plain dicts and lists, as a reader gives
    for _ in range(draw(st.integers(1, 3))):
        places = _places(data)
        path = draw(st.sampled_from(places))
        if not path:
            continue
        parent = _container(data, path[:-1])
        action = draw(st.sampled_from(["value", "key", "drop"]))
        if action == "value":
            parent[path[-1]] = copy.deepcopy(draw(st.sampled_from(ODD_VALUES)))
        elif action == "key" and isinstance(parent, dict):
            parent[draw(st.sampled_from(ODD_KEYS))] = copy.deepcopy(
                draw(st.sampled_from(ODD_VALUES))
            )
        elif action == "drop" and isinstance(parent, dict):
            del parent[path[-1]]
    return data


@settings(max_examples=400, derandomize=True, deadline=None)
@given(mutated())
def test_a_mutated_file_is_read_as_pydantic_reads_it(data: Any) -> None:
    _judge(data)


@pytest.mark.parametrize(
    "data",
    [
        {"levels": [1, True]},
        {"levels": ["L1"], "tracks": {"ic": "technical"}, "roles": {1: {}}},
        {"levels": [{"id": 10**5000}]},
        {"levels": ["L1"], "roles": {"a": {"title": "A", "track": "ic", "level": 10**5000}}},
        {"levels": ["L1"], "roles": {"a": {"title": "A", "track": "ic", "level": True}}},
        {"levels": ["L1"], "roles": {"a": {"title": "A", "track": "ic", "level": "L1",
                                            "moves": None}}},
        {"levels": ["L1"], "roles": {"a": {"title": "A", "track": "ic", "level": "L1",
                                            "move_specs": ["a"]}}},
        {"levels": ["L1"], "roles": {"a": {"title": "A", "track": "ic", "level": "L1",
                                            "moves": [{"to": "a", "criteria": None}]}}},
        {"version": True},
        {"version": 1.0},
        {"version": 2},
        {"include": None},
        {"tracks": {"ic": {"kind": "technical", "bands": {1: {"min": 1, "max": 2,
                                                               "currency": "EUR"}}}}},
        {"tracks": {"ic": {"kind": "technical", "bands": {"L1": None}}}},
        {"levels": ["L1\n"]},
        {"levels": [{"id": "L1", "band": {"min": 1, "max": 1.0, "currency": "EUR"}}]},
        {"levels": [{"id": "L1", "band": {"min": 0.1, "max": 0.1, "currency": "XTS"}}]},
    ],
)  # fmt: skip
def test_edge_cases_are_read_as_pydantic_reads_them(data: Any) -> None:
    _judge(data)


def test_moves_to_roles_of_the_file_share_the_role_id_strings() -> None:
    text = '{"levels": ["L1"], "tracks": {"ic": "technical"}, "roles": {' + (
        '"a": {"title": "A", "track": "ic", "level": "L1", "moves": ["b", "elsewhere"]},'
        '"b": {"title": "B", "track": "ic", "level": "L1", "moves": ["a"]}}}'
    )
    data = json.loads(text)
    keys = {key: key for key in data["roles"]}
    model = fast_file(data)
    assert model is not None
    assert model.roles["a"].move_specs[0] is keys["b"]
    assert model.roles["b"].move_specs[0] is keys["a"]
    assert model.roles["a"].move_specs[1] == "elsewhere"  # another file's role: kept as is


def test_roles_of_the_plain_shape_share_their_field_names() -> None:
    """Their fields are kept in key-sharing dicts: smaller than an ordinary dict, and
    equal to, and ordered as, what pydantic builds."""
    data = {
        "levels": ["L1"],
        "tracks": {"ic": "technical"},
        "roles": {
            "a": {"title": "A", "track": "ic", "level": "L1", "moves": ["b"]},
            "b": {"title": "B", "track": "ic", "level": "L1", "family": "x", "entry": True},
        },
    }
    model = fast_file(data)
    assert model is not None
    validated = LadderFile.model_validate(data)
    for role_id, role in model.roles.items():
        fields = role.__dict__
        assert sys.getsizeof(fields) < sys.getsizeof(dict(fields))
        assert list(fields.items()) == list(validated.roles[role_id].__dict__.items())
        assert role == validated.roles[role_id]
        assert role.model_dump() == validated.roles[role_id].model_dump()


@pytest.mark.parametrize(
    ("role", "self_contained"),
    [
        ({"moves": ["b"]}, True),
        ({}, True),
        ({"moves": ["elsewhere"]}, False),  # another file's role, or none: merging looks
        ({"moves": [{"to": "b"}]}, True),
        ({"moves": [{"to": "b", "kind": "technical"}, "b"]}, True),
        ({"moves": [{"to": "elsewhere", "kind": "technical"}]}, False),
        ({"moves": [{"to": "b", "criteria": ["ready"]}]}, False),
        ({"metadata": {"x": 1}}, False),  # its depth is checked role by role
        ({"ignore": {"LAD101": "why"}}, False),
    ],
)
def test_a_file_is_self_contained_only_when_merging_has_nothing_to_look_at(
    role: dict[str, Any], self_contained: bool
) -> None:
    from ladders.load.fast import fast_read

    data = {
        "levels": ["L1"],
        "tracks": {"ic": "technical"},
        "roles": {
            "a": {"title": "A", "track": "ic", "level": "L1", **role},
            "b": {"title": "B", "track": "ic", "level": "L1"},
        },
    }
    found = fast_read(data)
    assert found is not None
    assert (found[1] is not None) is self_contained
    if found[1] is not None:  # the names merging checks instead of every role's
        assert set(found[1].tracks) == {"ic"}
        assert set(found[1].levels) == {"L1"}


def test_a_self_contained_file_tells_the_tracks_and_levels_its_roles_name() -> None:
    from ladders.load.fast import fast_read

    data = {
        "levels": ["L1", "L2", "L3"],
        "tracks": {"ic": "technical", "mgmt": "management", "spare": "technical"},
        "roles": {
            "a": {"title": "A", "track": "ic", "level": "L1", "moves": ["b"]},
            "b": {"title": "B", "track": "mgmt", "level": "L3"},
            "c": {"title": "C", "track": "nowhere", "level": "L9"},  # merging's to report
        },
    }
    found = fast_read(data)
    assert found is not None
    assert found[1] is not None
    assert set(found[1].tracks) == {"ic", "mgmt", "nowhere"}
    assert set(found[1].levels) == {"L1", "L3", "L9"}


def _plain_ids_check(value: dict[Any, Any]) -> bool:
    """Every key an exact ``str`` that matches ID_PATTERN: the check, one key at a time."""
    return all(key.__class__ is str and ID_RE.fullmatch(key) is not None for key in value)


_ID_ALPHABET = "aZ09_.-\n \t:é"


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    st.integers(65, 200),
    st.lists(
        st.one_of(
            st.text(_ID_ALPHABET, max_size=6),
            st.sampled_from(["x" * 127, "x" * 128, "x" * 129, "\n", "a\n", "\na", "a\nb"]),
            st.integers(0, 9),
        ),
        max_size=3,
    ),
)
def test_many_ids_are_checked_at_once_as_one_by_one(plain: int, odd: list[Any]) -> None:
    """Above a few dozen ids, ``_ids`` checks them all in one regex over the ids one a
    line: it accepts exactly the mappings the check one key at a time accepts (an id
    with a line break, too long or empty, or a key that is not text, is refused)."""
    value: dict[Any, int] = {f"r{n}": n for n in range(plain)}
    value.update((key, 0) for key in odd)
    try:
        fast._ids(value)
        accepted = True
    except fast._Doubt:
        accepted = False
    assert accepted == _plain_ids_check(value)
