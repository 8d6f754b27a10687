"""Read YAML ladder files safely, with positions, and with text kept as written.

libyaml (through PyYAML's C parser) turns the text into events; this module builds plain
data from them itself instead of using a PyYAML constructor, so that

* a plain scalar is text exactly as written (``no``, ``on``, ``1.10``, ``007``); only the
  value of ``entry`` is read as a boolean, ``version`` as an integer, and ``metadata``
  by YAML's core schema;
* a duplicate key is a finding (LAD003), never last-one-wins;
* no tag outside the core schema is accepted and nothing is ever constructed (LAD005);
* aliases are shared, never copied, and the nodes they would add are counted, so an
  alias bomb is refused after reading it once (LAD005); so is nesting deeper than 64;
* every key, value and list item keeps its line and column, counted as editors count
  them: libyaml also breaks lines at U+0085, U+2028 and U+2029, and those are mapped back.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, NamedTuple, NoReturn

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from ladders.load.source import KeyMarks, Marks, Path, walk_marks
from ladders.load.text import MAX_DEPTH, Fatal, Problem, fatal

try:  # libyaml's parser; PyYAML's wheels ship it
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - a PyYAML built without libyaml: slower, same events
    from yaml import Loader as _Parser  # type: ignore[assignment]

__all__ = ["MAX_ALIAS_NODES", "MAX_DEPTH", "YamlLocator", "read_yaml", "read_yaml_located"]

#: nodes that following aliases may add to what is written before LAD005
MAX_ALIAS_NODES = 100_000

_CORE = "tag:yaml.org,2002:"
_CORE_TAGS = frozenset(
    _CORE + name for name in ("str", "int", "float", "bool", "null", "map", "seq")
)

# YAML 1.2 core schema, for metadata only.
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(
    r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)"
)

# How the value under a key is read. Everything else is text.
_TEXT, _BOOL, _CORE_VALUE = 0, 1, 2
_KEY_CONTEXT = {
    "entry": _BOOL,
    "promote": _BOOL,
    "switch": _BOOL,
    "version": _CORE_VALUE,
    "metadata": _CORE_VALUE,
    "min": _CORE_VALUE,  # of a band: numbers
    "max": _CORE_VALUE,
}
# The keys whose mapping is keyed by ids (roles, tracks, a track's bands by level): a
# key of that mapping is an id, never the field of the same name (a role "metadata" or
# a level "min" is read as any other), so it gives its value no context.
_ID_KEYS = frozenset(("roles", "tracks", "bands"))


def _core_scalar(text: str) -> Any:
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.fullmatch(text):
        try:
            if text.startswith(("0o", "0x")):
                return int(text[2:], 8 if text[1] == "o" else 16)
            return int(text)
        except ValueError:  # longer than Python converts (4300 digits): keep it as written
            return text
    if _FLOAT.fullmatch(text):
        lowered = text.lower()
        if lowered.endswith(".inf"):
            return float("-inf") if text.startswith("-") else float("inf")
        if lowered == ".nan":
            return float("nan")
        return float(text)
    return text


def _scalar(event: ScalarEvent, context: int) -> Any:
    value: str = event.value
    if event.implicit[0]:  # plain: no quotes, no tag
        if context == _TEXT:
            return value if value else None
        if context == _BOOL:
            return True if value == "true" else False if value == "false" else value or None
        return _core_scalar(value)
    if context != _TEXT and event.tag in _CORE_TAGS and event.tag != _CORE + "str":
        return _core_scalar(value)  # such as ``entry: !!bool true``
    return value


class _Frame:
    """A mapping or sequence being built."""

    __slots__ = (
        "anchor",
        "context",
        "data",
        "ids",
        "is_map",
        "key",
        "key_column",
        "key_line",
        "marks",
        "size",
        "start",
    )

    def __init__(
        self,
        data: Any,
        marks: Any,
        is_map: bool,
        context: int,
        anchor: str | None,
        start: tuple[int, int],
        ids: bool = False,
    ) -> None:
        self.start = start
        self.ids = ids  # keyed by ids (see _ID_KEYS): its keys give their values no context
        self.data = data
        self.marks = marks
        self.is_map = is_map
        self.context = context
        self.anchor = anchor
        self.key: Any = _NO_KEY
        self.key_line = self.key_column = 0  # where the key now read is
        self.size = 1


_NO_KEY: Any = object()


def _at_tab(text: str, mark: Any) -> bool:
    """Whether a libyaml mark points at a tab of ``text``."""
    index = getattr(mark, "index", None)
    return isinstance(index, int) and 0 <= index < len(text) and text[index] == "\t"


def read_yaml(text: str) -> tuple[Any, Marks, list[Problem]]:
    """Parse one YAML document into plain data and its marks.

    Returns ``(data, marks, problems)``; ``data`` is ``None`` for an empty stream.
    Raises :class:`~ladders.load.text.Fatal` for problems that stop reading (syntax,
    unsafe content).
    """
    if "\x85" not in text and "\u2028" not in text and "\u2029" not in text:
        return _read(text)
    lines = _EditorLines(text)
    try:
        data, marks, problems = _read(text)
    except Fatal as stop:
        raise Fatal(lines.problem(stop.problem)) from None
    lines.marks(marks)
    return data, marks, [lines.problem(p) for p in problems]


# Line breaks as libyaml counts them, and as editors (and GitHub) do.
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_EDITOR_BREAK = re.compile("\r\n|[\r\n]")


class _EditorLines:
    """Maps libyaml's (line, column) to the editor's, in a text with U+0085/2028/2029.

    >>> _EditorLines("a: 'x\\u2028y'\\nb: 1").position(2, 0)
    (1, 0)
    """

    def __init__(self, text: str) -> None:
        self.yaml_starts = [0, *(m.end() for m in _YAML_BREAK.finditer(text))]
        self.editor_starts = [0, *(m.end() for m in _EDITOR_BREAK.finditer(text))]

    def position(self, line: int, column: int) -> tuple[int, int]:
        if not 0 <= line < len(self.yaml_starts):
            return line, column
        offset = self.yaml_starts[line] + column
        real = bisect.bisect_right(self.editor_starts, offset) - 1
        return real, offset - self.editor_starts[real]

    def problem(self, problem: Problem) -> Problem:
        line, column = self.position(problem.line, problem.column)
        return problem._replace(line=line, column=column)

    def marks(self, marks: Marks) -> None:
        at = self.position
        for number, table in marks.items():  # a YAML file's marks carry no file of their own
            if isinstance(table, dict):
                for key, mark in table.items():
                    table[key] = (*at(mark[0], mark[1]), *at(mark[2], mark[3]))
            else:
                marks[number] = [at(item[0], item[1]) for item in table]


def _refuse_tag(tag: str, start: Any) -> NoReturn:
    raise fatal(
        "LAD005",
        f"tag {tag.replace(_CORE, '!!')!r} is not allowed: only YAML core "
        "schema tags are (nothing in a ladder file is ever constructed)",
        start.line,
        start.column,
    )


def _read(text: str) -> tuple[Any, Marks, list[Problem]]:
    if "&" not in text and "!" not in text:  # no anchor, alias target or tag can be in it
        found = _read_plain(text)
        if found is not None:
            return found
    return _read_general(text)


class _Roles(NamedTuple):
    """The root's ``roles`` mapping as :func:`_read_plain` read it lazily: the roles, and
    where in the text the line of each role's key starts (in the mapping's order), and
    where the mapping ends."""

    data: dict[str, Any]
    starts: list[int]
    end: int


class _NotPlain(Exception):
    """Something :func:`_read_plain` leaves to :func:`_read_general`."""


_NOT_PLAIN = _NotPlain()


def _read_plain(
    text: str, lazy: list[_Roles] | None = None
) -> tuple[Any, Marks, list[Problem]] | None:
    """What :func:`_read_general` gives for a text without anchors or tags, faster.

    Most ladder files are mappings and sequences of plain scalars and nothing else. This
    reader descends them recursively, with the mapping being built, its key and its marks
    in local variables (the general reader keeps them on a stack of frames, for aliases,
    tags and problems). At the first thing it does not handle — an alias, a key that is
    not a scalar, a duplicate key, nesting beyond the limit, a second document, any error —
    it answers ``None`` and the general reader reads the text again, so findings and
    errors come from one place. A test compares the two readers on generated and mutated
    texts.

    ``lazy``: the roles of a root ``roles`` mapping are read without marks, but for the
    role keys, and what :class:`YamlLocator` needs to read a role's marks later is
    appended to it (a :class:`_Roles`).
    """
    parser = _Parser(text)
    get_event = parser.get_event
    marks: Marks = {}
    key_context = _KEY_CONTEXT.get
    # the keys met, one string each (a key is a new string in every event)
    keys: dict[str, str] = {}
    same_key = keys.setdefault

    def mapping(
        context: int,
        opened: int,
        marked: bool = True,
        ids: bool = False,
        starts: list[int] | None = None,
    ) -> dict[str, Any]:
        """A mapping; ``marked``: with its marks (and those of what it holds); ``ids``:
        keyed by ids (see ``_ID_KEYS``); ``starts``: the root's ``roles``, read lazily
        (its keys marked, with where each one's line starts, but not what they hold)."""
        if opened >= MAX_DEPTH:
            raise _NOT_PLAIN
        data: dict[str, Any] = {}
        table: KeyMarks = {}
        if marked:
            marks[id(data)] = table
        inner = marked and starts is None  # whether what it holds is marked
        value: Any
        while True:
            event: Any = get_event()
            cls = event.__class__
            if cls is not ScalarEvent:
                if cls is MappingEndEvent:
                    if starts is not None:
                        lazy.append(_Roles(data, starts, event.start_mark.index))  # type: ignore[union-attr]
                    return data
                raise _NOT_PLAIN  # a mapping, a sequence or an alias as a key
            key = event.value
            key = same_key(key, key)
            if key in data:  # LAD003: the general reader's to report
                raise _NOT_PLAIN
            at = event.start_mark
            if starts is not None:
                starts.append(at.index - at.column)
            event = get_event()
            cls = event.__class__
            own = context or (_TEXT if ids else key_context(key, _TEXT))
            if cls is not ScalarEvent:
                value = nested(
                    cls,
                    _CORE_VALUE if own == _CORE_VALUE else _TEXT,
                    opened + 1,
                    inner,
                    not ids and own == _TEXT and key in _ID_KEYS,
                    [] if key == "roles" and opened == 0 and lazy is not None else None,
                )
            elif own == _TEXT and event.implicit[0]:
                value = event.value or None
            else:
                value = _scalar(event, own)
            data[key] = value
            if marked:
                start = event.start_mark
                table[key] = (at.line, at.column, start.line, start.column)

    def nested(
        cls: type,
        context: int,
        opened: int,
        marked: bool = True,
        ids: bool = False,
        starts: list[int] | None = None,
    ) -> Any:
        """The mapping or sequence that starts (its start event's class), else an alias."""
        if cls is MappingStartEvent:
            return mapping(context, opened, marked, ids, starts)
        if cls is SequenceStartEvent:
            return sequence(context, opened, marked)
        raise _NOT_PLAIN  # an alias

    def sequence(context: int, opened: int, marked: bool = True) -> list[Any]:
        if opened >= MAX_DEPTH:
            raise _NOT_PLAIN
        data: list[Any] = []
        append = data.append
        value: Any
        if not marked:
            while True:
                event: Any = get_event()
                cls = event.__class__
                if cls is ScalarEvent:
                    if context == _TEXT and event.implicit[0]:
                        append(event.value or None)
                    else:
                        append(_scalar(event, context))
                elif cls is SequenceEndEvent:
                    return data
                else:
                    append(nested(cls, context, opened + 1, False))
        table: list[tuple[int, int]] = []
        marks[id(data)] = table
        mark = table.append
        while True:
            event = get_event()
            cls = event.__class__
            if cls is ScalarEvent:
                if context == _TEXT and event.implicit[0]:
                    value = event.value or None
                else:
                    value = _scalar(event, context)
            elif cls is SequenceEndEvent:
                return data
            else:
                value = nested(cls, context, opened + 1)
            start = event.start_mark
            append(value)
            mark((start.line, start.column))

    root: Any = None
    try:
        get_event()  # the stream's start
        event: Any = get_event()
        if event.__class__ is not StreamEndEvent:  # (else an empty stream)
            if event.__class__ is not DocumentStartEvent:  # pragma: no cover (libyaml's order)
                raise _NOT_PLAIN
            event = get_event()
            cls = event.__class__
            root = _scalar(event, _TEXT) if cls is ScalarEvent else nested(cls, _TEXT, 0)
            get_event()  # the document's end
            if get_event().__class__ is not StreamEndEvent:  # a second document
                raise _NOT_PLAIN
    except (_NotPlain, yaml.YAMLError):
        return None
    finally:
        parser.dispose()
    return root, marks, []


_Here = tuple[int, int, "str | None"]


def read_yaml_located(text: str) -> tuple[Any, Marks, list[Problem], YamlLocator | None]:
    """:func:`read_yaml`, leaving the marks inside each role to be read when asked for.

    Most of a ladder is its roles, and most of the marks a reader makes are inside them;
    a check needs a few, or none. For a text the plain reader reads whole, with a
    ``roles`` mapping at its root, those are not made: the marks given then stop at the
    role keys, and the :class:`YamlLocator` given with them answers every position (as
    the full marks would). Else the locator is ``None`` and the marks are whole.
    """
    if "&" in text or "!" in text or "\x85" in text or "\u2028" in text or "\u2029" in text:
        data, marks, problems = read_yaml(text)
        return data, marks, problems, None
    lazy: list[_Roles] = []
    found = _read_plain(text, lazy)
    if found is None:
        data, marks, problems = _read_general(text)
        return data, marks, problems, None
    data, marks, problems = found
    if not lazy:  # no roles mapping at the root: all is marked
        return data, marks, problems, None
    return data, marks, problems, YamlLocator(text, data, marks, lazy[0])


class YamlLocator:
    """Positions in a YAML text read by :func:`read_yaml_located`: the marks of a role are
    read when a position inside it is first asked for, from that role's own lines.

    A role's lines are those from the line of its key to the line of the next role's
    key (or the end of the ``roles`` mapping); read alone (indented as they are, which
    YAML allows), they are the role, with lines counted from its key's line and columns
    as in the file. Whether they are is checked: what they read as must be one mapping of
    that role's key to what the whole text gave for it. Where it is not (roles written on
    one line, ``{a: ..., b: ...}``), the whole text is read again with all its marks, as
    :func:`read_yaml` would have. A test holds every position to :func:`read_yaml`'s.

    >>> text = "roles:\\n  a:\\n    title: A\\n    moves: [b]\\n  b: {title: B}\\n"
    >>> data, marks, _, locate = read_yaml_located(text)
    >>> locate.walk(("roles", "a", "moves", 0))
    ((3, 12, None), (3, 12, None))
    >>> locate.walk(("roles", "b", "title"))
    ((4, 13, None), (4, 6, None))
    """

    __slots__ = ("_data", "_marks", "_order", "_read", "_roles", "_text")

    def __init__(self, text: str, data: Any, marks: Marks, roles: _Roles) -> None:
        self._text = text
        self._data = data
        self._marks = marks
        self._roles: _Roles | None = roles
        self._order: dict[str, int] | None = None
        #: role -> its data and marks read alone, and the line its key is on
        self._read: dict[str, tuple[Any, Marks, int]] = {}

    def walk(self, path: Path) -> tuple[_Here, _Here | None]:
        """As :meth:`SourceMap._walk <ladders.load.source.SourceMap>`: the position of the
        deepest node on ``path`` that exists, and of its key or item, 0-based."""
        roles = self._roles
        if roles is not None and len(path) > 2 and path[0] == "roles":
            role = path[1]
            if isinstance(role, str) and role in roles.data:
                read = self._read.get(role) or self._role(roles, role)
                if read is not None:
                    data, marks, line = read
                    here, key = walk_marks(data, marks, path[1:])
                    if key is not None:
                        key = (key[0] + line, key[1], key[2])
                    return (here[0] + line, here[1], here[2]), key
                return self.walk(path)  # read again whole, with all marks
        return walk_marks(self._data, self._marks, path)

    def _role(self, roles: _Roles, role: str) -> tuple[Any, Marks, int] | None:
        if self._order is None:
            self._order = {key: number for number, key in enumerate(roles.data)}
        number = self._order[role]
        starts = roles.starts
        end = starts[number + 1] if number + 1 < len(starts) else roles.end
        found = _read_plain(self._text[starts[number] : end])
        if found is not None:
            data, marks, _ = found
            if data == {role: roles.data[role]}:
                line = self._marks[id(roles.data)][role][0]  # type: ignore[call-overload]
                read = self._read[role] = (data, marks, line)
                return read
        whole = _read_plain(self._text)  # as it was read lazily, so it reads whole too
        if whole is not None:
            self._data, self._marks, _ = whole
        self._roles = None
        return None


def _read_general(text: str) -> tuple[Any, Marks, list[Problem]]:
    problems: list[Problem] = []
    marks: Marks = {}
    anchors: dict[str, tuple[Any, int]] = {}
    stack: list[_Frame] = []
    root: Any = None
    documents = 0
    added = 0  # nodes added by following aliases

    parser = _Parser(text)
    get_event = parser.get_event
    # Without "&" or "!" in the text, no node has an anchor or a tag: the scalars (most
    # events) are read without looking for them, and sizes (which only an alias needs)
    # are not counted for them.
    marked = "&" in text or "!" in text
    try:
        while True:
            try:
                event: Any = get_event()
            except yaml.MarkedYAMLError as error:
                mark = error.problem_mark or error.context_mark
                line, column = (mark.line, mark.column) if mark is not None else (0, 0)
                problem = " ".join((error.problem or error.context or "invalid YAML").split())
                if _at_tab(text, mark) and ("tab" in problem or "start any token" in problem):
                    raise fatal(
                        "LAD001", "tabs cannot indent YAML; use spaces", line, column
                    ) from None
                if "nesting depth" in problem:  # libyaml's own bound, above ours
                    raise fatal(
                        "LAD005", f"nesting is deeper than {MAX_DEPTH} levels", line, column
                    ) from None
                raise fatal("LAD001", f"invalid YAML: {problem}", line, column) from None
            except yaml.reader.ReaderError as error:
                before = text[: error.position]
                line = before.count("\n")
                column = len(before) - (before.rfind("\n") + 1)
                character = f"U+{error.character:04X}" if isinstance(error.character, int) else ""
                raise fatal(
                    "LAD001", f"invalid YAML: character {character} is not allowed", line, column
                ) from None
            except yaml.YAMLError as error:
                first = str(error).strip().splitlines()[0] if str(error).strip() else "error"
                raise fatal("LAD001", f"invalid YAML: {first}", 0, 0) from None

            cls = event.__class__
            start = event.start_mark
            value: Any
            parent: _Frame | None
            if cls is ScalarEvent and stack:  # most events: a key or a value in a mapping
                if marked:
                    tag = event.tag
                    if tag is not None and tag != "!" and tag not in _CORE_TAGS:
                        _refuse_tag(tag, start)
                parent = stack[-1]
                if parent.is_map:
                    key = parent.key
                    if key is _NO_KEY:  # a key: always text
                        value = event.value
                        if marked:
                            if event.anchor is not None:
                                anchors[event.anchor] = (value, 1)
                            parent.size += 1
                        parent.key = value
                        parent.key_line, parent.key_column = start.line, start.column
                        continue
                    # a value: read as its key says
                    text_key = key.__class__ is str
                    context = parent.context or (
                        _KEY_CONTEXT.get(key, _TEXT) if text_key and not parent.ids else _TEXT
                    )
                    if context == _TEXT and event.implicit[0]:
                        value = event.value or None
                    else:
                        value = _scalar(event, context)
                    if marked:
                        if event.anchor is not None:
                            anchors[event.anchor] = (value, 1)
                        parent.size += 1
                    # Attach it here (as below, for one scalar).
                    members = parent.data
                    if text_key and key not in members:
                        parent.key = _NO_KEY
                        members[key] = value
                        parent.marks[key] = (
                            parent.key_line,
                            parent.key_column,
                            start.line,
                            start.column,
                        )
                        continue
                    size = 0  # counted above; the general code below reports the duplicate
                    line, column = start.line, start.column
                else:  # an item of a sequence
                    context = parent.context
                    if context == _TEXT and event.implicit[0]:
                        value = event.value or None
                    else:
                        value = _scalar(event, context)
                    if marked:
                        if event.anchor is not None:
                            anchors[event.anchor] = (value, 1)
                        parent.size += 1
                    parent.data.append(value)
                    parent.marks.append((start.line, start.column))
                    continue
            elif cls is StreamEndEvent:
                break
            elif cls is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise fatal(
                        "LAD005",
                        "a ladder file holds one YAML document; found a second one",
                        start.line,
                        start.column,
                    )
                continue
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                frame = stack.pop()
                value = frame.data
                size = frame.size
                line, column = frame.start
                if frame.anchor is not None:
                    anchors[frame.anchor] = (value, size)
            elif cls is ScalarEvent or cls is MappingStartEvent or cls is SequenceStartEvent:
                tag = event.tag
                if tag is not None and tag != "!" and tag not in _CORE_TAGS:
                    _refuse_tag(tag, start)
                parent = stack[-1] if stack else None
                if parent is None:
                    context = _TEXT
                elif parent.is_map and parent.key is not _NO_KEY:
                    context = parent.context or (
                        _KEY_CONTEXT.get(parent.key, _TEXT)
                        if isinstance(parent.key, str) and not parent.ids
                        else _TEXT
                    )
                else:
                    context = parent.context
                if cls is ScalarEvent:
                    in_key = parent is not None and parent.is_map and parent.key is _NO_KEY
                    value = event.value if in_key else _scalar(event, context)
                    size = 1
                    line, column = start.line, start.column
                    if event.anchor is not None:
                        anchors[event.anchor] = (value, 1)
                else:
                    if len(stack) >= MAX_DEPTH:
                        raise fatal(
                            "LAD005",
                            f"nesting is deeper than {MAX_DEPTH} levels",
                            start.line,
                            start.column,
                        )
                    is_map = cls is MappingStartEvent
                    data: Any = {} if is_map else []
                    table: KeyMarks | list[tuple[int, int]] = {} if is_map else []
                    marks[id(data)] = table
                    # A mapping under a bool/version key is still structure; its own
                    # scalars are read by their keys again, except under metadata.
                    frame_context = _CORE_VALUE if context == _CORE_VALUE else _TEXT
                    ids = (
                        is_map
                        and frame_context == _TEXT
                        and parent is not None
                        and parent.is_map
                        and not parent.ids
                        and isinstance(parent.key, str)
                        and parent.key in _ID_KEYS
                    )
                    stack.append(
                        _Frame(
                            data,
                            table,
                            is_map,
                            frame_context,
                            event.anchor,
                            (start.line, start.column),
                            ids,
                        )
                    )
                    continue
            elif cls is AliasEvent:
                anchored = anchors.get(event.anchor)
                if anchored is None:
                    raise fatal(
                        "LAD001",
                        f"alias *{event.anchor} refers to no anchor defined before it",
                        start.line,
                        start.column,
                    )
                value, size = anchored
                line, column = start.line, start.column
                added += size
                if added > MAX_ALIAS_NODES:
                    raise fatal(
                        "LAD005",
                        f"following aliases would add more than {MAX_ALIAS_NODES:,} nodes",
                        start.line,
                        start.column,
                    )
            else:  # StreamStart, DocumentEnd
                continue

            # Attach the finished node to its parent.
            if not stack:
                root = value
                continue
            parent = stack[-1]
            parent.size += size
            if parent.is_map:
                if parent.key is _NO_KEY:
                    parent.key = value
                    parent.key_line, parent.key_column = line, column
                    if not isinstance(value, str):
                        problems.append(
                            Problem(
                                "LAD002",
                                "a mapping key must be text, not a mapping or sequence",
                                line,
                                column,
                            )
                        )
                    continue
                key = parent.key
                parent.key = _NO_KEY
                if not isinstance(key, str):
                    continue
                if key in parent.data:
                    kl, kc = parent.key_line, parent.key_column
                    problems.append(
                        Problem(
                            "LAD003",
                            f"duplicate key {key!r}: it is already defined at line "
                            f"{parent.marks[key][0] + 1}",
                            kl,
                            kc,
                        )
                    )
                    continue
                parent.data[key] = value
                kl, kc = parent.key_line, parent.key_column
                parent.marks[key] = (kl, kc, line, column)
            else:
                parent.data.append(value)
                parent.marks.append((line, column))
    finally:
        parser.dispose()
    return root, marks, problems
