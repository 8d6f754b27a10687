"""Read JSON ladder files: fast with the standard library, positions only when needed.

``json.loads`` reads the data (with a hook that notices duplicate keys, and NaN or
Infinity refused). Line and column numbers are worked out by a second, slower reader
only when a finding needs them, so a clean file costs little more than ``json.load``.
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


def read_json(text: str) -> tuple[Any, list[Problem], bool]:
    """Parse JSON text. Returns ``(data, problems, has_duplicates)``.

    Raises :class:`~ladders.load.text.Fatal` on a syntax error (LAD001) or nesting too
    deep for the reader (LAD005).
    """
    hook = _Duplicates()
    if not text.strip():
        return None, [], False
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
    if "\\u" in text and _SURROGATE_HINT.search(text):
        _refuse_lone_surrogates(text)
    return data, [], hook.seen


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
            value = json.loads(other)
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


class JsonLocator:
    """Positions in JSON text found on demand, for the paths findings ask about.

    Instead of tokenizing the whole file in Python (what :func:`json_marks` does), it
    walks only the containers on a path, one member at a time: keys are read with the C
    string scanner and values skipped with the C value scanner, and each container's
    members are remembered once read. A finding about one role costs the members of the
    root and of ``roles`` up to it, then that role's own; a whole ladder's findings cost
    about one pass over ``roles`` at C speed.

    >>> locate = JsonLocator('{"a": 1,\\n "roles": {"x": {"moves": ["y", {"to": "z"}]}}}')
    >>> locate.walk(("roles", "x", "moves", 1, "to"))
    ((1, 39, None), (1, 33, None))
    >>> locate.walk(("roles", "nobody"))  # the deepest part that exists: roles
    ((1, 10, None), (1, 1, None))
    """

    __slots__ = ("_containers", "_scan", "_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None
        # container offset -> [members read so far, offset to read on from or -1 when done]
        self._containers: dict[int, list[Any]] = {}
        self._scan: Any = json.scanner.make_scanner(json.JSONDecoder())  # type: ignore[arg-type]

    def _position(self, offset: int) -> tuple[int, int, None]:
        if self._starts is None:
            self._starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_right(self._starts, offset) - 1
        return line, offset - self._starts[line], None

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
        _, end = self._scan(self.text, value)
        end = self._skip(end)
        if self.text[end] == ",":
            return end + 1
        return -1

    def walk(self, path: Sequence[str | int]) -> tuple[tuple[int, int, None], Any]:
        """0-based (line, column) of the deepest node on ``path`` that exists, and of its
        key or item (as :meth:`SourceMap._walk <ladders.load.source.SourceMap>` gives them)."""
        offset = self._skip(0)
        here: tuple[int, int, None] = (0, 0, None)  # as the full reader: the file's start
        key_pos = None
        for step in path:
            if offset >= len(self.text) or self.text[offset] not in "{[":
                break
            found = self._member(offset, step)
            if found is None:
                break
            key, offset = found
            key_pos, here = self._position(key), self._position(offset)
        return here, key_pos
