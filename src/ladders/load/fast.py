"""Validating a plain, valid file without pydantic on the hot path.

A file read from YAML or JSON is plain data: dicts, lists, text, numbers. When every part
of it is exactly what the format asks for, :func:`fast_file` checks it with plain tests and
builds the models directly (as pydantic's ``model_construct`` does, without its per-field
work); the first doubt — any type, key or value it does not accept as-is — makes it
answer ``None``, and the caller validates with pydantic, whose errors become the located
LAD002 findings (:mod:`ladders.load.validate`). So a valid file never builds pydantic's
validators (start-up) and costs a few dict lookups per role; an invalid one gives exactly
the findings it always did.

The rule that keeps the two paths equal: for any data this module accepts,
``fast_file(data) == LadderFile.model_validate(data)``, field for field (a property test
holds it to that on generated and mutated files). It accepts a strict subset: exact
``str``/``int``/``bool``/``dict``/``list`` types, no aliases written by field name, no
integer keys.

>>> model = fast_file({"levels": ["L1", 2], "tracks": {"ic": "technical"},
...     "roles": {"dev": {"title": "Developer", "track": "ic", "level": "L1"}}})
>>> model.levels[1].id, model.tracks["ic"].kind, model.roles["dev"].title
('2', 'technical', 'Developer')
>>> fast_file({"levels": ["L1"], "roles": {"dev": {"title": 1}}}) is None  # pydantic's to tell
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Set
from itertools import chain, repeat
from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel

from ladders.model import (
    ID_PATTERN,
    Band,
    LadderFile,
    Level,
    Move,
    ProgressionSettings,
    Role,
    Track,
    currencies,
    exact,
)

__all__ = ["PLAIN_KEYS", "Columns", "Plain", "census", "fast_census", "fast_file", "fast_read"]

_M = TypeVar("_M")
_ID = re.compile(ID_PATTERN).fullmatch
_new = object.__new__
_set = object.__setattr__


class Columns(NamedTuple):
    """What :class:`~ladders.index.LadderIndex` reads of every role of a file, in file
    order, as the fast reader had it at hand: given when every move of the file is a bare
    id of one of its roles, so that a ladder of that file alone is indexed without
    visiting its roles again or looking up its move targets by id."""

    levels: list[str]
    tracks: list[str]
    families: list[str | None]
    entries: list[bool | None]
    specs: list[tuple[str, ...]]
    #: every move's target, by role number (the role's place in the file), end to end
    targets: list[int]
    #: the role ids in file order, and each one's number (as ``Plain.numbers``)
    ids: list[str]
    numbers: dict[str, int]


_Adders = tuple[
    Callable[[str], None],
    Callable[[str], None],
    Callable[[str | None], None],
    Callable[[bool | None], None],
    Callable[[Any], None],
    Callable[[Any], None],
    Callable[[bool], None],
]


class Plain(NamedTuple):
    """What the fast reader saw of a self-contained file (every role of the plain shape,
    every move a bare id or a ``{to, kind}`` mapping, to a role of the file): the tracks
    and levels its roles name, so that merging checks those names once each instead of
    role by role; and the index's :class:`Columns` when every move is a bare id."""

    tracks: Set[str]
    levels: Set[str]
    columns: Columns | None = None
    #: role id -> its place among the file's roles, as the fast reader numbered them (a
    #: table a JSON locator would make again; None for a plain ladder of several files)
    numbers: dict[str, int] | None = None


class _Doubt(Exception):
    """Something this module does not accept as-is: pydantic is to judge the file."""


_DOUBT = _Doubt()

# One ``__pydantic_fields_set__`` per distinct set of keys written (models are frozen and
# ``model_copy`` copies the set, so sharing it is safe; it saves a set per role).
_FIELDS_SETS: dict[tuple[type, frozenset[str]], set[str]] = {}


def _fields_set(cls: type, keys: Any) -> set[str]:
    key = (cls, frozenset(keys))
    found = _FIELDS_SETS.get(key)
    if found is None:
        found = _FIELDS_SETS[key] = set(key[1])
    return found


# pydantic's own slots, set through their descriptors (as ``model_construct`` sets them)
_SLOTS = BaseModel.__dict__
_SET_FIELDS_SET = _SLOTS["__pydantic_fields_set__"].__set__
_SET_EXTRA = _SLOTS["__pydantic_extra__"].__set__
_SET_PRIVATE = _SLOTS["__pydantic_private__"].__set__


def _build(cls: type[_M], values: dict[str, Any], fields_set: set[str]) -> _M:
    """A model of ``cls`` holding ``values`` (every field, by name), not validated again."""
    model = _new(cls)
    _set(model, "__dict__", values)
    _SET_FIELDS_SET(model, fields_set)
    _SET_EXTRA(model, None)
    _SET_PRIVATE(model, None)
    return model


def _text(value: Any) -> Any:
    """Text of at least one character, or None (``Text | None``)."""
    if value is None or (value.__class__ is str and value):
        return value
    raise _DOUBT


def _plain(value: Any) -> Any:
    """``str | None``."""
    if value is None or value.__class__ is str:
        return value
    raise _DOUBT


def _flag(value: Any) -> Any:
    """``StrictBool | None``."""
    if value is None or value.__class__ is bool:
        return value
    raise _DOUBT


def _level_ref(value: Any) -> str:
    """A level id as text (an integer is its decimal text)."""
    if value.__class__ is str:
        return value
    if value.__class__ is int:
        try:
            return str(value)
        except ValueError:  # too many digits to print: pydantic's to tell
            raise _DOUBT from None
    raise _DOUBT


def _strings(value: Any) -> tuple[str, ...]:
    if value.__class__ is not list:
        raise _DOUBT
    for item in value:
        if item.__class__ is not str:
            raise _DOUBT
    return tuple(value)


def _ignores(value: Any) -> Any:
    """``dict[str, Text] | None``."""
    if value is None:
        return None
    if value.__class__ is not dict:
        raise _DOUBT
    for code, reason in value.items():
        if code.__class__ is not str or reason.__class__ is not str or not reason:
            raise _DOUBT
    return dict(value)


def _metadata(value: Any) -> Any:
    """``dict[str, Any] | None``: free-form, kept as written."""
    if value is None:
        return None
    if value.__class__ is not dict:
        raise _DOUBT
    for key in value:
        if key.__class__ is not str:
            raise _DOUBT
    return dict(value)


_BAND_KEYS = frozenset(("min", "max", "currency"))


def _amount(value: Any) -> int | float:
    cls = value.__class__
    if cls is int:
        if value < 0:
            raise _DOUBT
        return value  # type: ignore[no-any-return]
    if cls is float:
        if value != value or value in (float("inf"), float("-inf")) or value < 0:
            raise _DOUBT
        return value  # type: ignore[no-any-return]
    raise _DOUBT


def _band(value: Any) -> Band | None:
    if value is None:
        return None
    if value.__class__ is not dict or value.keys() != _BAND_KEYS:
        raise _DOUBT
    low, high, currency = _amount(value["min"]), _amount(value["max"]), value["currency"]
    if currency.__class__ is not str or currency not in currencies():
        raise _DOUBT
    if exact(low) > exact(high):
        raise _DOUBT
    values = {"min": low, "max": high, "currency": currency}
    return _build(Band, values, _fields_set(Band, _BAND_KEYS))


_PROGRESSION_KEYS = frozenset(("promote", "switch"))


def _progression(value: Any) -> ProgressionSettings | None:
    if value is None:
        return None
    if value.__class__ is not dict or not value.keys() <= _PROGRESSION_KEYS:
        raise _DOUBT
    values = {"promote": _flag(value.get("promote")), "switch": _flag(value.get("switch"))}
    return _build(ProgressionSettings, values, _fields_set(ProgressionSettings, value))


_LEVEL_KEYS = frozenset(("id", "name", "description", "entry", "band"))


def _level(value: Any) -> Level:
    cls = value.__class__
    if cls is str or cls is int:
        value = {"id": value}
    elif cls is not dict or not value.keys() <= _LEVEL_KEYS or "id" not in value:
        raise _DOUBT
    level_id = _level_ref(value["id"])
    if _ID(level_id) is None:
        raise _DOUBT
    get = value.get
    values = {
        "id": level_id,
        "name": _text(get("name")),
        "description": _plain(get("description")),
        "entry": _flag(get("entry")),
        "band": _band(get("band")),
    }
    return _build(Level, values, _fields_set(Level, value))


_TRACK_KEYS = frozenset(("kind", "name", "description", "bands"))
_TRACK_KINDS = frozenset(("technical", "management"))


def _track(value: Any) -> Track:
    if value.__class__ is str:
        value = {"kind": value}
    elif value.__class__ is not dict or not value.keys() <= _TRACK_KEYS:
        raise _DOUBT
    kind = value.get("kind")
    if kind.__class__ is not str or kind not in _TRACK_KINDS:
        raise _DOUBT
    bands = value.get("bands")
    if bands is not None:
        if bands.__class__ is not dict:
            raise _DOUBT
        for level_id in bands:
            if level_id.__class__ is not str:  # an integer key: pydantic's to turn into text
                raise _DOUBT
        bands = {level_id: _band(band) for level_id, band in bands.items()}
        if None in bands.values():
            raise _DOUBT
    get = value.get
    values = {
        "kind": kind,
        "name": _text(get("name")),
        "description": _plain(get("description")),
        "bands": bands,
    }
    return _build(Track, values, _fields_set(Track, value))


_MOVE_KEYS = frozenset(("to", "kind", "criteria", "ignore", "metadata"))
_MOVE_KINDS = frozenset(("lateral", "technical", "management"))


_TO_KIND = frozenset(("to", "kind"))
# A move's fields set, by the keys as written, in order.
_MOVE_FIELDS: dict[tuple[str, ...], set[str]] = {}


def _move(value: dict[str, Any]) -> Move:
    keys = value.keys()
    get = value.get
    target = get("to")
    kind = get("kind")
    if target.__class__ is not str or (
        kind is not None and (kind.__class__ is not str or kind not in _MOVE_KINDS)
    ):
        raise _DOUBT
    values: dict[str, Any]
    if keys <= _TO_KIND:  # the common shape (what ``export --format csv`` tables give)
        values = {"to": target, "kind": kind, "criteria": (), "ignore": None, "metadata": None}
    elif keys <= _MOVE_KEYS:
        criteria = get("criteria")
        values = {
            "to": target,
            "kind": kind,
            "criteria": () if criteria is None and "criteria" not in keys else _strings(criteria),
            "ignore": _ignores(get("ignore")),
            "metadata": _metadata(get("metadata")),
        }
    else:
        raise _DOUBT
    return _build(Move, values, _MOVE_FIELDS.get(tuple(keys)) or _move_fields(keys))


def _move_fields(keys: Any) -> set[str]:
    found = _MOVE_FIELDS[tuple(keys)] = _fields_set(Move, keys)
    return found


_ROLE_KEYS = frozenset(
    (
        "title",
        "track",
        "level",
        "family",
        "entry",
        "description",
        "band",
        "progression",
        "moves",
        "ignore",
        "metadata",
    )
)
_ROLE_REQUIRED = frozenset(("title", "track", "level"))
_PLAIN_ROLE_KEYS = frozenset(("title", "track", "level", "family", "entry", "description", "moves"))
#: every key inside the roles of a self-contained file (:class:`Plain`): its roles' and
#: their moves' (a move there is a bare id or a ``{to, kind}`` mapping)
PLAIN_KEYS = _PLAIN_ROLE_KEYS | _TO_KIND
# A role's fields set, by the keys as written, in order (``moves`` is ``move_specs``).
_ROLE_FIELDS: dict[tuple[str, ...], set[str]] = {}


def _role_fields(keys: Any) -> set[str]:
    names = {"move_specs" if name == "moves" else name for name in keys}
    found = _ROLE_FIELDS[tuple(keys)] = _fields_set(Role, names)
    return found


def _moves(
    value: Any, numbers: dict[Any, int], names: list[str], others: list[bool]
) -> tuple[str | Move, ...]:
    """A role's moves: targets as the role id strings themselves where the file defines
    that role (one string per role, not one per move: ``names`` by the role's number in
    ``numbers``), mappings as :class:`Move`. A move to a role outside this file, or with
    more than a target and a kind, says that the file is not self-contained (``others``)."""
    if value.__class__ is not list:
        raise _DOUBT
    try:  # the common case: bare ids of this file
        return tuple(map(names.__getitem__, map(numbers.__getitem__, value)))
    except (KeyError, TypeError):
        pass
    moves: list[str | Move] = []
    outside = False
    for item in value:
        cls = item.__class__
        if cls is str:
            number = numbers.get(item)
            if number is None:
                outside = True
            moves.append(item if number is None else names[number])
        elif cls is not dict:
            raise _DOUBT
        elif item.keys() <= _TO_KIND:  # ``{to, kind}``: what ``export --format csv`` gives
            to, kind = item.get("to"), item.get("kind")
            if to.__class__ is not str or (
                kind is not None and (kind.__class__ is not str or kind not in _MOVE_KINDS)
            ):
                raise _DOUBT
            number = numbers.get(to)
            if number is None:
                outside = True
            target = to if number is None else names[number]
            values = {"to": target, "kind": kind, "criteria": (), "ignore": None, "metadata": None}
            moves.append(_build(Move, values, _MOVE_FIELDS.get(tuple(item)) or _move_fields(item)))
        else:
            outside = True
            moves.append(_move(item))
    if outside:
        others.append(True)
    return tuple(moves)


class _Fields:
    """A plain object whose attributes are a role's fields: its ``__dict__`` is a
    key-sharing dict (the keys kept once, by the class, only the values per dict)."""


def _role_template() -> dict[str, Any]:
    """A role's fields, in order, as None, in a key-sharing dict: copied for each role of
    the plain shape (a copy of a dict is faster to make than a dict of eleven keys; a copy
    of a key-sharing dict shares its keys, and setting a key it has keeps it so: 168
    bytes less per role than an ordinary dict, and as fast)."""
    holder = _Fields()
    for name in Role.model_fields:
        setattr(holder, name, None)
    return holder.__dict__


_ROLE_TEMPLATE: dict[str, Any] = _role_template()
# The plain shapes met (a role's keys as written, in order) -> their fields set.
_PLAIN_SHAPES: dict[tuple[str, ...], set[str]] = {}


def _role(
    value: Any,
    number: Callable[[str], int],
    numbers: dict[str, int],
    names: list[str],
    shared: tuple[dict[str, str], dict[str, str], dict[str, str]],
    others: list[bool],
    counted: list[int] | None,
    columns: _Adders,
) -> Role:
    if value.__class__ is not dict:
        raise _DOUBT
    get = value.get
    title, track, level = get("title"), get("track"), get("level")
    family, entry, description = get("family"), get("entry"), get("description")
    moves = get("moves")
    shape = tuple(value)
    fields = _PLAIN_SHAPES.get(shape)
    if fields is None and value.keys() <= _PLAIN_ROLE_KEYS:
        fields = _PLAIN_SHAPES[shape] = _ROLE_FIELDS.get(shape) or _role_fields(shape)
    if (  # the common shape, tested inline: most roles of a large ladder look like this
        fields is not None
        and title.__class__ is str
        and title
        and track.__class__ is str
        and level.__class__ is str
        and (family is None or (family.__class__ is str and family))
        and (entry is None or entry.__class__ is bool)
        and (description is None or description.__class__ is str)
    ):
        targets: tuple[int, ...] | None = ()
        if moves is None:
            specs: tuple[str | Move, ...] = _no_moves(shape)
        elif moves.__class__ is list:
            try:  # the common case: bare ids of this file
                targets = tuple(map(number, moves))
            except (KeyError, TypeError):
                targets = None
                specs = _moves(moves, numbers, names, others)
                if counted is not None:
                    counted.append(census(moves))
            else:
                specs = tuple(map(names.__getitem__, targets))
        else:
            raise _DOUBT
        if description and counted is not None and ":" in description:
            counted.append(description.count(":"))
        # one string per distinct title, track, level, family (whose tables of tracks and
        # levels are then those the roles name); the model built as _build does, inline
        share, tracks, levels = shared
        model = _new(Role)
        attributes = _ROLE_TEMPLATE.copy()
        attributes["title"] = share.setdefault(title, title)
        attributes["track"] = track = tracks.setdefault(track, track)
        attributes["level"] = level = levels.setdefault(level, level)
        if family is not None:
            family = share.setdefault(family, family)
        attributes["family"] = family
        attributes["entry"] = entry
        attributes["description"] = description
        attributes["move_specs"] = specs
        if targets is not None:  # what the index reads of the role, as it is at hand
            add_level, add_track, add_family, add_entry, add_specs, add_targets, _ = columns
            add_level(level)
            add_track(track)
            add_family(family)
            add_entry(entry)
            add_specs(specs)
            add_targets(targets)
        else:
            columns[6](True)  # (a move written as a mapping: the index reads the roles)
        _set(model, "__dict__", attributes)
        _SET_FIELDS_SET(model, fields)
        _SET_EXTRA(model, None)
        _SET_PRIVATE(model, None)
        return model
    keys = value.keys()
    if not (_ROLE_REQUIRED <= keys <= _ROLE_KEYS):
        raise _DOUBT
    if title.__class__ is not str or not title or track.__class__ is not str:
        raise _DOUBT
    others.append(True)  # not the plain shape: merging looks at this role
    columns[6](True)
    if counted is not None:  # (its keys, the role's own, hold no colon)
        counted.append(census(value) - len(value))
    values = {
        "title": title,
        "track": track,
        "level": _level_ref(level),
        "family": _text(family),
        "entry": _flag(entry),
        "description": _plain(description),
        "band": _band(get("band")),
        "progression": _progression(get("progression")),
        "move_specs": (
            _moves(moves, numbers, names, others) if moves is not None else _no_moves(keys)
        ),
        "ignore": _ignores(get("ignore")),
        "metadata": _metadata(get("metadata")),
    }
    return _build(Role, values, _ROLE_FIELDS.get(tuple(keys)) or _role_fields(keys))


def _no_moves(keys: Any) -> tuple[()]:
    if "moves" in keys:  # ``moves:`` with nothing after it
        raise _DOUBT
    return ()


def _ids(value: Any) -> dict[str, Any]:
    """A mapping keyed by ids (``tracks``, ``roles``), checked key by key."""
    if value.__class__ is not dict:
        raise _DOUBT
    if len(value) > _MANY:  # every id at once, at C speed: one id a line
        keys = list(value)
        if {*map(type, keys)} == {str}:
            lines = "\n".join(keys)
            # (an id holding a line break would split into more lines than ids: checked
            # one by one below, where it fails)
            if lines.count("\n") == len(keys) - 1 and _ID_LINES(lines) is not None:
                return value
    for key in value:
        if key.__class__ is not str or _ID(key) is None:
            raise _DOUBT
    return value


_MANY = 64
# Ids one a line, as ID_PATTERN says (possessive: no line is read twice).
_ID_LINES = re.compile(
    r"(?:[A-Za-z0-9][A-Za-z0-9_.-]{0,127}+\n)*+[A-Za-z0-9][A-Za-z0-9_.-]{0,127}+"
).fullmatch


_FILE_KEYS = frozenset(
    ("version", "name", "description", "include", "progression", "levels", "tracks", "roles")
)


def _file(data: Any, counted: list[int] | None = None) -> tuple[LadderFile, Plain | None]:
    if data.__class__ is not dict or not data.keys() <= _FILE_KEYS:
        raise _DOUBT
    get = data.get
    version = get("version")
    if version is not None and (version.__class__ is not int or version != 1):
        raise _DOUBT
    include = get("include")
    levels = get("levels")
    if levels is not None:
        if levels.__class__ is not list:
            raise _DOUBT
        levels = tuple(map(_level, levels))
    tracks = _ids(get("tracks", {}))
    roles = _ids(get("roles", {}))
    names = list(roles)
    numbers = dict(zip(names, range(len(names)), strict=True))
    index = Columns([], [], [], [], [], [], names, numbers)
    mixed: list[bool] = []
    adders: _Adders = (
        index.levels.append,
        index.tracks.append,
        index.families.append,
        index.entries.append,
        index.specs.append,
        index.targets.extend,
        mixed.append,
    )
    shared: tuple[dict[str, str], dict[str, str], dict[str, str]] = ({}, {}, {})
    others: list[bool] = []
    values = {
        "version": version,
        "name": _plain(get("name")),
        "description": _plain(get("description")),
        "include": () if include is None and "include" not in data else _strings(include),
        "progression": _progression(get("progression")),
        "levels": levels,
        "tracks": {track_id: _track(track) for track_id, track in tracks.items()},
        # (a role at a time, looped over at C speed)
        "roles": dict(
            zip(
                roles,
                map(
                    _role,
                    roles.values(),
                    repeat(numbers.__getitem__),
                    repeat(numbers),
                    repeat(names),
                    repeat(shared),
                    repeat(others),
                    repeat(counted),
                    repeat(adders),
                ),
                strict=True,
            )
        ),
    }
    plain = None
    if not others:
        plain = Plain(shared[1].keys(), shared[2].keys(), None if mixed else index, numbers)
    if counted is not None:
        if ":" in "".join(chain(*shared)):  # a title, family, track or level with a colon
            counted[:] = [census(data)]  # (how many roles name it is not known: the slow way)
        else:
            # the roles' own colons are counted (descriptions, moves, roles not plain);
            # the rest: the members of the file, its roles and theirs, and what is not roles
            # (its keys and the role ids hold no colon)
            counted.append(len(data) + len(roles) + sum(map(len, roles.values())))
            counted.append(sum(census(value) for key, value in data.items() if key != "roles"))
    return _build(LadderFile, values, _fields_set(LadderFile, data)), plain


def census(value: Any) -> int:
    """The members of every object in ``value`` and the colons in every string, keys
    too, at any depth.

    For data ``json.loads`` read from a text with no ``\\u`` escape, this is the number of
    colons in the text exactly when no object there repeats a key: each member is written
    with one colon, and each string as written holds the colons it holds once read. A
    repeated key leaves out a member, and what its first value held, so the count is less.

    >>> census({"a": "x:y", "b": [{"c": 1}, "d"]})
    4
    """
    total = 0
    todo = [value]
    pop, extend = todo.pop, todo.extend
    while todo:
        item = pop()
        cls = item.__class__
        if cls is str:
            total += item.count(":")
        elif cls is dict:
            total += len(item)
            for key in item:
                if key.__class__ is str:
                    total += key.count(":")
            extend(item.values())
        elif cls is list:
            extend(item)
    return total


def fast_census(data: Any) -> tuple[tuple[LadderFile, Plain | None] | None, int]:
    """:func:`fast_read` of ``data``, and :func:`census` of ``data``: worked out on the way
    for a file the fast reader accepts (a check of a role's description, and C-speed sums),
    else the slow way.

    >>> found, count = fast_census({"levels": ["L1"], "tracks": {"ic": "technical"},
    ...     "roles": {"dev": {"title": "Developer", "track": "ic", "level": "L1"}}})
    >>> found[0].roles["dev"].title, count
    ('Developer', 8)
    """
    counted: list[int] = []
    try:
        found = _file(data, counted)
    except (_Doubt, AttributeError, TypeError):
        return None, census(data)
    return found, sum(counted)


def fast_file(data: Any) -> LadderFile | None:
    """The :class:`~ladders.model.LadderFile` of ``data``, or ``None`` when pydantic must
    judge it (anything not plainly valid)."""
    found = fast_read(data)
    return found[0] if found is not None else None


def fast_read(data: Any) -> tuple[LadderFile, Plain | None] | None:
    """As :func:`fast_file`, with the :class:`Plain` facts of the file if it is
    self-contained: every role is of the plain shape (no band, progression, ignore or
    metadata) and every move a bare id or a ``{to, kind}`` mapping, to a role of this
    file, so that merging need not look at its roles one by one (else ``None``)."""
    try:
        return _file(data)
    except _Doubt:
        return None
    except (AttributeError, TypeError):  # an unhashable key, a value of an odd type
        return None
