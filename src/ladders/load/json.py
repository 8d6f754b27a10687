"""Read JSON ladder files: fast with the standard library, positions only when needed.

``json.loads`` reads the data (with a hook that notices duplicate keys, and NaN or
Infinity refused). Line and column numbers are worked out only when a finding needs
them, so a clean file costs little more than ``json.load``: by :class:`JsonLocator`,
for the paths asked, or by a second, full reader (:func:`json_marks`) when the file has
duplicate keys.
"""

from __future__ import annotations

import bisect
import json
import json.decoder
import json.scanner
import re
from collections.abc import Sequence
from typing import Any

from ladders.load.source import Marks
from ladders.load.text import Problem, fatal

__all__ = ["JsonLocator", "json_marks", "read_json"]


class _Constant(ValueError):
    """NaN or Infinity: Python's reader accepts them, JSON does not."""


def _no_constant(name: str) -> Any:
    raise _Constant(name)


def _integer(text: str) -> int | str:
    try:
        return int(text)
    except ValueError:  # longer than Python converts (4300 digits): keep it as written
        return text


def _constant_position(text: str, name: str) -> tuple[int, int]:
    for match in _TOKEN.finditer(text):
        if match.group(3) == name:
            before = text[: match.start(3)]
            return before.count("\n"), len(before) - (before.rfind("\n") + 1)
    return 0, 0  # pragma: no cover - the reader just found it


class _Duplicates:
    """``object_pairs_hook`` that keeps the first of duplicate keys and remembers it saw one."""

    def __init__(self) -> None:
        self.seen = False

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        data = dict(pairs)
        if len(data) != len(pairs):
            self.seen = True
            data = {}
            for key, value in pairs:
                data.setdefault(key, value)
        return data


def read_json(text: str, *, count: bool = False) -> tuple[Any, list[Problem], bool | None]:
    """Parse JSON text. Returns ``(data, problems, has_duplicates)``.

    ``count``: when the text has no ``\\u`` escape, parse it without the hook that notices
    duplicate keys (which costs a Python call per object), and give ``None`` for
    ``has_duplicates``: the caller then tells by :func:`~ladders.load.fast.census`, which
    equals ``text.count(":")`` exactly when no key is repeated, and if one is reads the
    text again without ``count`` (here the last of duplicate keys is kept, there the
    first, as the full reader has it).

    Raises :class:`~ladders.load.text.Fatal` on a syntax error (LAD001) or nesting too
    deep for the reader (LAD005).
    """
    if not text or text.isspace():  # (isspace copies nothing; strip would copy the text)
        return None, [], False
    escapes = "\\u" in text
    hook = None if count and not escapes else _Duplicates()
    try:
        data = json.loads(
            text, object_pairs_hook=hook, parse_constant=_no_constant, parse_int=_integer
        )
    except json.JSONDecodeError as error:
        raise fatal(
            "LAD001", f"invalid JSON: {error.msg}", error.lineno - 1, error.colno - 1
        ) from None
    except _Constant as error:
        line, column = _constant_position(text, str(error))
        raise fatal("LAD001", f"invalid JSON: {error} is not a JSON value", line, column) from None
    except RecursionError:
        raise fatal("LAD005", "nesting is too deep", 0, 0) from None
    if escapes and _SURROGATE_HINT.search(text):
        _refuse_lone_surrogates(text)
    return data, [], None if hook is None else hook.seen


_SURROGATE_HINT = re.compile(r"\\u[dD][89a-fA-F]")
# A run of backslashes then u and a surrogate: an escape when the run is odd.
_SURROGATE_ESCAPE = re.compile(r"(\\++)u([dD][89a-fA-F][0-9a-fA-F]{2})")
_LOW_ESCAPE = re.compile(r"\\u[dD][c-fC-F][0-9a-fA-F]{2}")


def _refuse_lone_surrogates(text: str) -> None:
    """LAD001 at the first ``\\uD800``-style escape that is not half of a surrogate pair.

    Python's reader turns it into a lone surrogate, which is not a character: no UTF-8
    file can hold it, so every writer would fail on it later.

    >>> _refuse_lone_surrogates(r'{"a": "\\ud83d\\ude00 \\\\ud800"}')  # a pair; an escaped \\
    >>> _refuse_lone_surrogates('{"a": "x",\\n "b": "\\\\udc00"}')
    Traceback (most recent call last):
    ...
    ladders.load.text.Fatal: invalid JSON: \\udc00 is half of a UTF-16 surrogate pair, ...
    """
    skip_to = -1
    for match in _SURROGATE_ESCAPE.finditer(text):
        if len(match.group(1)) % 2 == 0 or match.start() < skip_to:
            continue  # an escaped backslash then "u...", or the low half of a pair
        code = int(match.group(2), 16)
        if code < 0xDC00 and _LOW_ESCAPE.match(text, match.end()):
            skip_to = match.end() + 1
            continue
        offset = match.start(2) - 2  # the backslash of the escape
        before = text[:offset]
        line, column = before.count("\n"), offset - (before.rfind("\n") + 1)
        raise fatal(
            "LAD001",
            f"invalid JSON: \\u{match.group(2).lower()} is half of a UTF-16 surrogate pair, "
            "not a character",
            line,
            column,
        )


# Possessive quantifiers (``*+``, ``++``) never backtrack, so the regex engine keeps no
# state per character: a 20 MB string costs no more memory than its own copy.
_TOKEN = re.compile(
    r'[ \t\r\n]*+(?:("[^"\\]*+(?:\\.[^"\\]*+)*+")|([{}\[\]:,])|([^ \t\r\n{}\[\]:,"]++))', re.S
)


def json_marks(text: str) -> tuple[Any, Marks, list[Problem]]:
    """Read JSON text again, slowly, keeping the position of every key, value and item.

    Also reports duplicate keys (LAD003) with their positions. The text must already be
    known to be valid JSON.

    >>> data, marks, problems = json_marks('{"a": [1, {"b": 2}], "a": 3}')
    >>> marks[id(data)]["a"], problems[0].code
    ((0, 1, 0, 6), 'LAD003')
    """
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(starts, offset) - 1
        return line, offset - starts[line]

    marks: Marks = {}
    problems: list[Problem] = []
    top: list[Any] = []  # the root value, once read
    # a frame: [container, its marks table, pending key, that key's position]
    stack: list[list[Any]] = []
    for match in _TOKEN.finditer(text):
        string, punct, other = match.groups()
        value: Any
        if punct is not None:
            if punct in "}]":
                stack.pop()
                continue
            if punct in ":,":
                continue
            offset = match.start(2)
            value = {} if punct == "{" else []
            marks[id(value)] = {} if punct == "{" else []
            _attach(stack, top, value, position(offset), problems)
            stack.append([value, marks[id(value)], None, None])
            continue
        if string is not None:
            offset = match.start(1)
            value = json.loads(string)
            frame = stack[-1] if stack else None
            if frame is not None and isinstance(frame[0], dict) and frame[2] is None:
                frame[2], frame[3] = value, position(offset)
                continue
        else:
            offset = match.start(3)
            value = json.loads(other, parse_int=_integer)  # as read_json reads it
        _attach(stack, top, value, position(offset), problems)
    return (top[0] if top else None), marks, problems


def _attach(
    stack: list[list[Any]],
    top: list[Any],
    value: Any,
    where: tuple[int, int],
    problems: list[Problem],
) -> None:
    if not stack:
        top.append(value)
        return
    frame = stack[-1]
    container, table = frame[0], frame[1]
    if isinstance(container, dict):
        key, key_pos = frame[2], frame[3]
        frame[2] = frame[3] = None
        if key in container:
            problems.append(
                Problem(
                    "LAD003",
                    f"duplicate key {key!r}: it is already defined at line {table[key][0] + 1}",
                    *key_pos,
                )
            )
            return
        container[key] = value
        table[key] = (*key_pos, *where)
    else:
        container.append(value)
        table.append(where)


_SPACE = re.compile(r"[ \t\r\n]*+")
# What follows a key: the colon, and the spacing before its value.
_COLON = re.compile(r"[ \t\r\n]*+:[ \t\r\n]*+")
# A value with nothing inside to unescape or nest (a plain string, a number, true, false,
# null), the spacing after it and its comma, if any: read past without the C scanner.
_PLAIN = re.compile(r'(?:"[^"\\]*+"|[-+.0-9eE]++|true|false|null)[ \t\r\n]*+(,?)')
_ESCAPE = re.compile(r"\\.", re.S)
# The UTF-8 bytes other than quote, brace and newline (no other character's encoding holds
# one of these bytes): bytes.translate drops them at C speed.
_UNMARKED = bytes(c for c in range(256) if c not in b'"{}\n')
_CHUNK = 1 << 20  # text copied at a time when counting (bounds the memory used)
_NEAR = 1 << 16  # a line further than this from a known one is found from the nearest known
_START: tuple[int, int, None] = (0, 0, None)
#: an offset, its 0-based line and the offset where that line starts
_Spot = tuple[int, int, int]
#: a member located: key offset, value offset, place among the keys, key line, line start
_Found = tuple[int, int, int, int, int]
#: a member of the root: key and value offsets, the value's keys and bound (if known,
#: see ``_Ordered.bound``), and a spot at or before the key
_Frame = tuple[int, int, "list[str] | None", "int | None", int, _Spot]


class _Ordered:
    """An object whose keys' order in the text is known: its members located so far."""

    __slots__ = (
        "below",
        "bound",
        "end",
        "flat",
        "found",
        "index",
        "keys",
        "located",
        "top",
        "weights",
    )

    def __init__(
        self,
        keys: list[str],
        top: _Spot,
        bound: int,
        below: int,
        weights: list[int] | None = None,
        flat: frozenset[str] | None = None,
    ) -> None:
        self.keys = keys
        #: the keys its members' values may hold, if those values are flat objects (see
        #: :meth:`JsonLocator.flat`) and the text has no backslash; else None
        self.flat = flat
        self.index: dict[str, int] | None = None  # key -> its place, built on first use
        self.top = top  # just inside the opening brace
        #: an offset past the object's end with no quote between (its next sibling's key,
        #: or the end of the text), and the object depth there less its members' depth
        self.bound, self.below = bound, below
        #: how much text the members before each place hold, roughly (None: as much each)
        self.weights = weights
        self.found: dict[str, _Found] = {}
        #: 1 at the place of each member found (the nearest ones to a place are found by
        #: bytearray.find and rfind, at C speed; a list would be shifted on every insert)
        self.located = bytearray(len(keys))
        self.end = 0  # one past the furthest place found

    def neighbours(self, place: int) -> tuple[int, int]:
        """The places of the members found nearest before and after ``place`` (-1: none)."""
        located = self.located
        low = located.rfind(1, 0, place)
        return low, located.find(1, place + 1, self.end) if place < self.end else -1

    def add(self, start: int, stop: int) -> None:
        """Mark the members at places ``start`` to ``stop - 1`` found."""
        self.located[start:stop] = b"\x01" * (stop - start)
        self.end = max(self.end, stop)


class JsonLocator:
    """Positions in JSON text found on demand, for the paths findings ask about.

    Instead of tokenizing the whole file in Python (what :func:`json_marks` does), it
    looks up only the members on a path. Given ``data``, the value ``json.loads`` read
    from ``text`` (which must have no duplicate keys), it keeps the order of the keys of
    the root object and of its objects (such as ``roles``), and finds a key of those with
    ``str.find`` from the nearest member already located (before or after it), checking
    the candidate by counting quotes and braces at C speed (see :meth:`_search`). A key
    of one of their members (a role's ``moves``) is searched the same way, within that
    member's value. Any other container is read one member at a time, keys with the C
    string scanner and values skipped with the C value scanner; what is read is
    remembered. Where a quick answer cannot be sure (a key written with escapes, a brace
    inside a string), members are read one by one: the answers are always those of
    :func:`json_marks`. Lines are counted from the nearest offset whose line is known.

    Only what is located is kept, besides the key lists and (from the first lookup in
    such an object) a key -> place table and a byte per key (whether it is located): no
    copy of the text, no table per member.

    >>> text = '{"a": 1,\\n "roles": {"x": {"moves": ["y", {"to": "z"}]}}}'
    >>> locate = JsonLocator(text, json.loads(text))
    >>> locate.walk(("roles", "x", "moves", 1, "to"))
    ((1, 39, None), (1, 33, None))
    >>> locate.walk(("roles", "nobody"))  # the deepest part that exists: roles
    ((1, 10, None), (1, 1, None))
    """

    __slots__ = (
        "_containers",
        "_escapes",
        "_flat",
        "_keys",
        "_lines",
        "_marks",
        "_member_keys",
        "_members",
        "_ordered",
        "_places",
        "_roots",
        "_scan",
        "_spots",
        "_weights",
        "text",
    )

    def __init__(self, text: str, data: Any = None) -> None:
        self.text = text
        # container offset -> [members read so far, offset to read on from or -1 when done]
        self._containers: dict[int, list[Any]] = {}
        self._ordered: dict[int, _Ordered] = {}  # object offset -> what is known of it
        self._roots: dict[str | int, _Frame | None] = {}  # the root's members, as found
        self._scan: Any = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]
        self._escapes: bool | None = None  # whether the text has a backslash (found late)
        self._lines: bool | None = None  # whether it has a line break (found late)
        # offsets whose line is known (ascending), and their (line, line start)
        self._marks: list[int] = [0]
        self._spots: list[tuple[int, int]] = [(0, 0)]
        # Only key orders are kept (the data is released after validation): the root's,
        # and those of its members that are objects.
        self._keys: list[str] | None = None
        self._weights: list[int] | None = None
        self._member_keys: dict[str, list[str]] = {}
        self._flat: dict[str, frozenset[str]] = {}
        self._places: dict[str, dict[str, int]] = {}  # given by flat()
        # root member -> (offset, state) of a flat object among them, once looked into
        self._members: dict[str, tuple[int, _Ordered]] = {}
        if isinstance(data, dict):
            self._keys = list(data)
            weights = [0]
            for key, value in data.items():
                if isinstance(value, dict):
                    self._member_keys[key] = list(value)
                size = len(value) if isinstance(value, (dict, list, str)) else 0
                weights.append(weights[-1] + 1 + size)
            self._weights = weights

    def flat(self, member: str, keys: frozenset[str], places: dict[str, int] | None = None) -> None:
        """Say that every key inside the values of the root's member ``member`` (an
        object, such as ``roles``), at any depth, is among ``keys`` (what the fast reader
        saw: :class:`~ladders.load.fast.Plain`). A member of it is then found by
        ``str.find`` alone, without counting quotes and braces on the way: with no
        backslash in the text, ``"key"`` followed by a colon is a key (the key, an id,
        starts with a letter or digit, which cannot follow a string's closing quote), and
        inside that object, a key not among ``keys`` can only be one of its members.
        ``places``: each of its keys -> its place in the object, if at hand (else it is
        made on first use)."""
        self._flat[member] = keys
        if places is not None:
            self._places[member] = places

    def walk(self, path: Sequence[str | int]) -> tuple[tuple[int, int, None], Any]:
        """0-based (line, column) of the deepest node on ``path`` that exists, and of its
        key or item (as :meth:`SourceMap._walk <ladders.load.source.SourceMap>` gives them)."""
        if not path:
            return _START, None
        first = path[0]
        if len(path) == 2 and isinstance(first, str) and first in self._members:
            # a member of a flat object (a role): what most findings ask for
            container, members = self._members[first]
            name = path[1]
            if isinstance(name, str):
                found = members.found.get(name) or self._locate(container, members, name)
                if found is not None:  # (else the general way finds the deepest part there is)
                    at, inner, _, line, start = found
                    # the value's line: the key's, unless the colon's spaces break it
                    newlines = self.text.count("\n", at, inner)
                    if newlines:
                        line_of_value = line + newlines
                        value_start = self.text.rfind("\n", at, inner) + 1
                    else:
                        line_of_value, value_start = line, start
                    return (line_of_value, inner - value_start, None), (line, at - start, None)
        if first in self._roots:
            frame = self._roots[first]
        else:
            frame = self._roots[first] = self._root(first)
        if frame is None:
            return _START, None  # as the full reader: the file's start
        key, value, keys, bound, below, spot = frame
        text = self.text
        size = len(text)
        for number in range(1, len(path)):
            step = path[number]
            if value >= size:
                break
            opening = text[value]
            if opening == "{" and keys is not None and bound is not None:
                state = self._ordered.get(value)
                if state is None:
                    top = self._spot(value + 1, spot)
                    flat = self._flat.get(first) if number == 1 and isinstance(first, str) else None
                    if flat is not None and self._has_escapes():
                        flat = None
                    state = _Ordered(keys, top, bound, below, flat=flat)
                    self._ordered[value] = state
                    if flat is not None:
                        self._members[str(first)] = (value, state)
                        places = self._places.get(str(first))
                        if places is not None and len(places) == len(keys):
                            state.index = places
                found = self._locate(value, state, step) if isinstance(step, str) else None
                if found is None:
                    break
                key, inner, _, line, start = found
                spot = (key, line, start)
                keys = bound = None
                if number + 1 < len(path) and inner < size and text[inner] == "{":
                    # the end of this (small) value, from the C scanner: what follows it
                    # up to there holds no quote (see _Ordered.bound)
                    bound, below = self._scan(text, inner)[1], -1
                value = inner
                continue
            if opening == "{" and bound is not None:
                member = self._bounded(value, step, bound)
            elif opening in "{[":
                member = self._member(value, step)
            else:
                break
            if member is None:
                break
            key, value = member
            keys = bound = None
        key_spot = self._spot(key, spot)
        line, start = self._spot(value, key_spot)[1:]
        return (line, value - start, None), (key_spot[1], key - key_spot[2], None)

    def _root(self, step: str | int) -> _Frame | None:
        """The frame of the root's member ``step`` (None if there is none)."""
        text = self.text
        size = len(text)
        value = self._skip(0)
        if value >= size:
            return None
        opening = text[value]
        if opening == "{" and self._keys is not None:
            if not isinstance(step, str):
                return None
            state = self._ordered.get(value)
            if state is None:
                top = self._spot(value + 1, (0, 0, 0))
                state = _Ordered(self._keys, top, size, -1, self._weights)
                self._ordered[value] = state
            found = self._locate(value, state, step)
            if found is None:
                return None
            key, inner, place, line, start = found
            spot = (key, line, start)
            if inner < size and text[inner] == "{":
                bound, below = self._end(value, state, place)
                return key, inner, self._member_keys.get(step), bound, below, spot
            return key, inner, None, None, 0, spot
        if opening == "{":
            member = self._bounded(value, step, size)
        elif opening == "[":
            member = self._member(value, step)
        else:
            return None
        return None if member is None else (*member, None, None, 0, (0, 0, 0))

    # -- objects whose keys' order is known ------------------------------------------

    def _locate(self, container: int, state: _Ordered, step: str) -> _Found | None:
        """Member ``step`` of an ordered object, or None if it has none."""
        found = state.found.get(step)
        if found is not None:
            return found
        keys = state.keys
        index = state.index
        if index is None:
            index = state.index = dict(zip(keys, range(len(keys)), strict=True))
        place = index.get(step)
        if place is None:
            return None  # the parsed object has no such key: neither has its text
        members = state.flat
        if members is not None and step not in members and '"' not in step and "\\" not in step:
            found = self._flat_member(state, step, place)
            if found is not None:
                return found
        # the nearest members located before and after it (else the object's ends)
        low, high = state.neighbours(place)
        start = state.top
        if low >= 0:
            lower = state.found[keys[low]]
            start = (lower[0], lower[3], lower[4])
        if high >= 0:
            upper = state.found[keys[high]]
            stop: _Spot | None = (upper[0], upper[3], upper[4])
            end, below = upper[0], 0
        else:
            high, stop, end, below = len(keys), None, state.bound, state.below
        if '"' in step or "\\" in step:
            return self._read_on(state, step, low, start)
        needle = f'"{step}"'
        weights = state.weights
        if weights is None:
            backwards = high - place < place - max(low, 0)
        else:
            backwards = weights[high] - weights[place] < weights[place] - weights[max(low, 0)]
        text = self.text
        flat = state.flat is not None and step not in state.flat
        if backwards:
            hit = self._search_back(needle, start[0], end, below, flat)
            if hit is None:
                return self._read_on(state, step, low, start)
            at, value, newlines = hit
            if stop is None:  # the line of the object's end is not known: count up to it
                line, line_start = start[1], start[2]
                ahead = text.count("\n", start[0], at)
                if ahead:
                    line += ahead
                    line_start = text.rfind("\n", start[0], at) + 1
            elif newlines:
                line, line_start = stop[1] - newlines, start[2]
                back = text.rfind("\n", start[0], at)
                if back >= 0:
                    line_start = back + 1
            else:
                line, line_start = stop[1], stop[2]
        else:
            hit = self._search(needle, start[0], end, flat)
            if hit is None:
                return self._read_on(state, step, low, start)
            at, value, newlines = hit
            line, line_start = start[1], start[2]
            if newlines:
                line += newlines
                line_start = text.rfind("\n", start[0], at) + 1
        found = state.found[step] = (at, value, place, line, line_start)
        state.add(place, place + 1)
        return found

    def _flat_member(self, state: _Ordered, step: str, place: int) -> _Found | None:
        """Member ``step`` (at ``place``) of a flat object (see :meth:`flat`): the only
        ``"step"`` followed by a colon between the members located before and after it,
        looked for from the nearer of them (None if there is none, which the general
        search then tells)."""
        keys, found, located = state.keys, state.found, state.located
        # (state.neighbours and state.add, inline: this runs once per finding)
        before = located.rfind(1, 0, place)
        after_place = located.find(1, place + 1, state.end) if place < state.end else -1
        if before >= 0:
            low = found[keys[before]]
            offset, line, line_start, after = low[0], low[3], low[4], place - low[2]
        else:
            (offset, line, line_start), after = state.top, place + 1
        text = self.text
        needle = f'"{step}"'
        lines = self._lines
        if lines is None:
            lines = self._lines = "\n" in text
        if after_place >= 0:
            high = found[keys[after_place]]
            stop = high[0]
            if high[2] - place < after:  # nearer the member after: look backwards
                at = text.rfind(needle, offset, stop)
                while at >= 0:
                    colon = _COLON.match(text, at + len(needle))
                    if colon is not None:
                        line, start = high[3], high[4]
                        if lines:
                            newlines = text.count("\n", at, stop)
                            if newlines:
                                line -= newlines
                                start = text.rfind("\n", offset, at) + 1 or line_start
                        member = found[step] = (at, colon.end(), place, line, start)
                        located[place] = 1  # (before a member found: not past the end)
                        return member
                    at = text.rfind(needle, offset, at + len(needle) - 1)
                return None
        else:
            stop = state.bound
        at = text.find(needle, offset, stop)
        while at >= 0:
            colon = _COLON.match(text, at + len(needle))
            if colon is not None:
                if lines:
                    newlines = text.count("\n", offset, at)
                    if newlines:
                        line += newlines
                        line_start = text.rfind("\n", offset, at) + 1
                member = found[step] = (at, colon.end(), place, line, line_start)
                located[place] = 1
                if place >= state.end:
                    state.end = place + 1
                return member
            at = text.find(needle, at + 1, stop)
        return None

    def _end(self, container: int, state: _Ordered, place: int) -> tuple[int | None, int]:
        """The bound of the value of the member at ``place`` (see ``_Ordered.bound``)."""
        if place + 1 < len(state.keys):
            after = self._locate(container, state, state.keys[place + 1])
            return (None, 0) if after is None else (after[0], -1)
        return state.bound, state.below - 1

    def _read_on(self, state: _Ordered, step: str, low: int, start: _Spot) -> _Found | None:
        """Read the members after the one at ``low`` (``start`` is its key, or just inside
        the brace) one by one up to ``step``: the exact, slower way."""
        text = self.text
        offset, mark = start[0], start
        if low >= 0:  # past the member located before
            _, after = json.decoder.scanstring(text, offset + 1)  # type: ignore[attr-defined]
            offset = self._next(self._skip(self._skip(after) + 1))
        place = low
        while offset >= 0 and place + 1 < len(state.keys):
            offset = self._skip(offset)
            if text[offset] == "}":
                break
            mark = self._spot(offset, mark)
            key, after = json.decoder.scanstring(text, offset + 1)  # type: ignore[attr-defined]
            value = self._skip(self._skip(after) + 1)
            place += 1
            state.found.setdefault(key, (offset, value, place, mark[1], mark[2]))
            if key == step:
                break
            offset = self._next(value)
        if place > low:
            state.add(low + 1, place + 1)
        return state.found.get(step)

    # -- finding a key with str.find ---------------------------------------------------
    #
    # Why the first candidate accepted is the member. The members of an object are
    # looked for between two positions at their depth (``start``: a member's key, or
    # just inside the brace; ``stop``: a later member's key, or a bound past the object's
    # end with no quote before it), so every candidate lies inside the object. A
    # candidate is the text ``"key"`` followed by a colon. Once escaped characters are
    # left out, every quote opens or closes a string: an even number of them between a
    # position outside strings and the candidate says its quote opens a string, which
    # then holds exactly ``key`` (the key has no quote or backslash, so its text is the
    # key). Followed by a colon, that string is a key, of the innermost object around it;
    # the object depth counted from the braces outside strings between the start and
    # the candidate tells whether that object is this one (a deeper one would leave its
    # brace open; arrays hold no keys, so their brackets need no counting). Keys are
    # unique (a text with duplicates goes to the full reader instead), so a key of this
    # object equal to ``key`` is the member: any candidate accepted is, so the first is.
    # (Without the bound, a candidate after the object's end could balance as well, once
    # a sibling object opened at the same depth; the bound leaves no candidate there.)
    # A candidate rejected moves the start of the count to it (or, if its quote closes a
    # string, just past that quote), so each stretch is counted once. If some string on
    # the way holds a brace, the count cannot tell: the search gives up and the members
    # are read one by one. A key written with escapes is not found as ``"key"``: the
    # same happens.

    def _search(
        self, needle: str, start: int, stop: int, flat: bool = False
    ) -> tuple[int, int, int] | None:
        """The offsets of the member key ``needle`` found forwards from ``start`` and of
        its value, and the number of lines from ``start`` to the key; None if not found so.
        ``flat``: the object's members are flat and ``needle`` none of their keys (see
        :meth:`flat`), so the first ``needle`` followed by a colon is the member."""
        text = self.text
        if flat:
            at = text.find(needle, start, stop)
            while at >= 0:
                colon = _COLON.match(text, at + len(needle))
                if colon is not None:
                    return at, colon.end(), text.count("\n", start, at)
                at = text.find(needle, at + 1, stop)
            return None
        escapes = self._has_escapes()
        ref, depth, newlines = start, 0, 0  # ref is outside strings; depth less the members'
        at = text.find(needle, start, stop)
        while at >= 0:
            colon = _COLON.match(text, at + len(needle))
            if colon is not None and not (escapes and self._escaped(at)):
                if escapes or at - ref > _CHUNK:
                    marks = self._marks_between(ref, at)
                else:
                    marks = text[ref:at].encode("utf-8", "surrogatepass").translate(None, _UNMARKED)
                quotes = marks.count(b'"')
                opens = not quotes & 1
                if not opens:  # that quote closes a string: count it in
                    marks += b'"'
                    quotes += 1
                if 2 * marks.count(b'""') != quotes:
                    return None  # a string holds a brace (see _marks_between)
                lines = marks.count(b"\n")
                depth += len(marks) - quotes - lines - 2 * marks.count(b"}")  # opened - closed
                newlines += lines
                if opens and depth == 0:
                    return at, colon.end(), newlines
                ref = at if opens else at + 1
            at = text.find(needle, at + 1, stop)
        return None

    def _search_back(
        self, needle: str, start: int, stop: int, below: int, flat: bool = False
    ) -> tuple[int, int, int] | None:
        """As :meth:`_search`, backwards from ``stop``, where the depth less the members'
        depth is ``below``; the lines are counted from the key to ``stop``."""
        text = self.text
        if flat:
            at = text.rfind(needle, start, stop)
            while at >= 0:
                colon = _COLON.match(text, at + len(needle))
                if colon is not None:
                    return at, colon.end(), text.count("\n", at, stop)
                at = text.rfind(needle, start, at + len(needle) - 1)
            return None
        escapes = self._has_escapes()
        ref, depth, newlines = stop, below, 0
        at = text.rfind(needle, start, stop)
        while at >= 0:
            colon = _COLON.match(text, at + len(needle))
            if colon is not None and not (escapes and self._escaped(at)):
                if escapes or ref - at > _CHUNK:
                    marks = self._marks_between(at, ref)
                else:
                    marks = text[at:ref].encode("utf-8", "surrogatepass").translate(None, _UNMARKED)
                quotes = marks.count(b'"')
                opens = not quotes & 1
                if not opens:  # that quote closes a string: count from after it
                    marks = marks[1:]
                    quotes -= 1
                if 2 * marks.count(b'""') != quotes:
                    return None
                lines = marks.count(b"\n")
                depth -= len(marks) - quotes - lines - 2 * marks.count(b"}")
                newlines += lines
                if opens and depth == 0:
                    return at, colon.end(), newlines
                ref = at if opens else at + 1
            at = text.rfind(needle, start, at + len(needle) - 1)
        return None

    def _has_escapes(self) -> bool:
        if self._escapes is None:
            self._escapes = "\\" in self.text
        return self._escapes

    def _escaped(self, at: int) -> bool:
        """Whether the quote at ``at`` is escaped (after an odd run of backslashes)."""
        text = self.text
        run = at
        while run and text[run - 1] == "\\":
            run -= 1
        return (at - run) % 2 == 1

    def _marks_between(self, start: int, stop: int) -> bytes:
        """The quotes, braces and newlines of ``text[start:stop]``, in order, escaped
        characters left out (``start`` is not inside an escape).

        Over a stretch that starts and ends outside strings, where no string holds a
        brace, every string leaves two quotes side by side: newlines and braces (all
        outside strings then) only come between pairs. A string with a brace parts its
        quotes, and the first such string leaves an odd run of quotes after the brace or
        newline before it, so that fewer pairs of quotes than half of them are found.
        """
        text = self.text
        if not self._escapes and stop - start <= _CHUNK:
            return text[start:stop].encode("utf-8", "surrogatepass").translate(None, _UNMARKED)
        parts: list[bytes] = []
        while start < stop:
            end = min(start + _CHUNK, stop)
            while end < stop and text[end - 1] == "\\":
                end += 1  # never split an escape
            piece = text[start:end]
            if "\\" in piece:
                piece = _ESCAPE.sub("", piece)
            parts.append(piece.encode("utf-8", "surrogatepass").translate(None, _UNMARKED))
            start = end
        return b"".join(parts)

    # -- other containers, member by member -------------------------------------------

    def _bounded(self, container: int, step: str | int, bound: int) -> tuple[int, int] | None:
        """As :meth:`_member` for an object whose bound is known: looked for with
        :meth:`_search` from where reading has got to, then read if not found so."""
        if not isinstance(step, str):
            return None
        state = self._containers.get(container)
        if state is None:
            state = self._containers[container] = [{}, container + 1]
        members, offset = state
        found: tuple[int, int] | None = members.get(step)
        if found is not None or offset < 0:
            return found
        if '"' not in step and "\\" not in step:
            hit = self._search(f'"{step}"', offset, bound)
            if hit is not None:
                found = members[step] = hit[:2]
                return found
        return self._member(container, step)

    def _skip(self, offset: int) -> int:
        match = _SPACE.match(self.text, offset)
        return match.end() if match else offset

    def _member(self, container: int, step: str | int) -> tuple[int, int] | None:
        """(key or item offset, value offset) of ``step`` in the container at ``container``."""
        text = self.text
        state = self._containers.get(container)
        if state is None:
            is_object = text[container] == "{"
            state = self._containers[container] = [{} if is_object else [], container + 1]
        members, offset = state
        if isinstance(members, dict):
            if not isinstance(step, str):
                return None
            while step not in members and offset >= 0:
                offset = self._skip(offset)
                if text[offset] == "}":
                    offset = -1
                    break
                key, after = json.decoder.scanstring(text, offset + 1)  # type: ignore[attr-defined]
                value = self._skip(self._skip(after) + 1)  # past the colon
                members.setdefault(key, (offset, value))
                offset = self._next(value)
        else:
            if not isinstance(step, int) or step < 0:
                return None
            while len(members) <= step and offset >= 0:
                offset = self._skip(offset)
                if text[offset] == "]":
                    offset = -1
                    break
                members.append((offset, offset))
                offset = self._next(offset)
        state[1] = offset
        if isinstance(members, dict):
            found: tuple[int, int] | None = members.get(step)
            return found
        assert isinstance(step, int)
        return members[step] if 0 <= step < len(members) else None

    def _next(self, value: int) -> int:
        """The offset after the value at ``value`` and its comma (-1 at the container's end)."""
        plain = _PLAIN.match(self.text, value)
        if plain is not None:
            return plain.end() if plain.group(1) else -1
        _, end = self._scan(self.text, value)
        end = self._skip(end)
        if self.text[end] == ",":
            return end + 1
        return -1

    # -- lines -------------------------------------------------------------------------

    def _spot(self, offset: int, known: _Spot) -> _Spot:
        """The line of ``offset`` and where it starts, counted from ``known`` (a spot at
        or before it) when near, else from the nearest offset whose line is known."""
        mark, line, start = known
        if offset == mark:
            return known
        if not 0 < offset - mark <= _NEAR:
            return self._mark(offset)
        newlines = self.text.count("\n", mark, offset)
        if newlines:
            return offset, line + newlines, self.text.rfind("\n", mark, offset) + 1
        return offset, line, start

    def _mark(self, offset: int) -> _Spot:
        """The line of ``offset`` and where it starts, counted from the nearest offset
        whose line is already known (then known too)."""
        text = self.text
        marks = self._marks
        j = bisect.bisect_right(marks, offset) - 1
        mark = marks[j]
        line, start = self._spots[j]
        if offset == mark:
            return offset, line, start
        if j + 1 < len(marks) and marks[j + 1] - offset < offset - mark:
            after = marks[j + 1]  # nearer: count back from there
            newlines = text.count("\n", offset, after)
            if newlines:
                line = self._spots[j + 1][0] - newlines
                back = text.rfind("\n", mark, offset)
                start = back + 1 if back >= 0 else start
            else:
                line, start = self._spots[j + 1]
        else:
            newlines = text.count("\n", mark, offset)
            if newlines:
                line += newlines
                start = text.rfind("\n", mark, offset) + 1
        marks.insert(j + 1, offset)
        self._spots.insert(j + 1, (line, start))
        return offset, line, start
