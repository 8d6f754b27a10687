"""Reading one file: decode, parse (YAML or JSON) and validate against the format.

Includes are not followed here (see :mod:`ladders.load.includes`). A file with errors
still yields what of it is valid (:func:`partial_model`), so that one run can report
the problems of every file and the references between them.
"""

from __future__ import annotations

import io
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ValidationError

from ladders.findings import Finding
from ladders.load.fast import PLAIN_KEYS, census, fast_census, fast_read
from ladders.load.source import SourceMap
from ladders.load.text import Fatal, Problem, problem_finding
from ladders.load.validate import describe, problems_from
from ladders.model import LadderFile

if TYPE_CHECKING:
    from ladders.load.json import JsonLocator

__all__ = [
    "File",
    "Format",
    "NotAFile",
    "Unsure",
    "file_kind",
    "format_of",
    "partial_model",
    "raw_includes",
    "read_bytes",
    "read_ladder_data",
    "read_ladder_text",
]

Format = Literal["yaml", "json"]


@dataclass
class File:
    """One file read: its display name, model (if valid) and positions.

    A file with errors has no model; ``partial`` then holds what of it is valid, so that
    references can still be checked and every problem reported in one run.
    """

    name: str
    source: SourceMap
    model: LadderFile | None
    partial: LadderFile | None = None


@dataclass
class Unsure:
    """What the files with errors may define without it being known (their invalid parts):
    references to these are not reported as unknown."""

    levels: bool = False
    tracks: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    all_tracks: bool = False
    all_roles: bool = False

    def track(self, track: str) -> bool:
        return self.all_tracks or track in self.tracks

    def role(self, role: str) -> bool:
        return self.all_roles or role in self.roles

    def anything(self) -> None:
        """A file could not be read at all: it may define anything."""
        self.levels = self.all_tracks = self.all_roles = True


def format_of(name: str, text: str) -> Format:
    """The format of a file: by its suffix, else JSON if it starts with ``{``."""
    suffix = os.path.splitext(name)[1].lower()
    if suffix == ".json":
        return "json"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    return "json" if text.lstrip().startswith("{") else "yaml"


def read_ladder_text(
    text: str, name: str, fmt: Format
) -> tuple[LadderFile | None, SourceMap, list[Finding]]:
    """Parse and validate the text of one file (includes are not followed)."""
    findings: list[Finding] = []

    def emit(problem: Problem) -> None:
        findings.append(problem_finding(problem, name))

    if text.startswith("\ufeff"):  # a byte order mark, decoded: fine, and not content
        text = text[1:]
    source = SourceMap(name)
    locator = None
    found = _UNREAD
    try:
        if fmt == "yaml":
            from ladders.load.yaml import read_yaml_located  # YAML only

            data, marks, problems, located = read_yaml_located(text)
            if located is None:
                source = SourceMap(name, data, marks)
            else:
                source = SourceMap(name, data, locate=located.walk)
        else:
            from ladders.load.json import JsonLocator, json_marks, read_json  # JSON only

            data, problems, duplicates = read_json(text, count=True)
            if duplicates is None:  # read without noticing duplicate keys: count to tell
                found, duplicates = _counted(data, text)
                if duplicates:  # read again, noticing them (the first of them is kept)
                    data, problems, duplicates = read_json(text)
                    found = _UNREAD
            if duplicates:
                exact, marks, problems = json_marks(text)
                source = SourceMap(name, exact, marks)
            else:
                locator = JsonLocator(text, data)
                source = SourceMap(name, data, locate=locator.walk)
            if isinstance(data, dict):
                data.pop("$schema", None)
    except Fatal as stop:
        emit(stop.problem)
        return None, source, findings
    for problem in problems:
        emit(problem)
    controls = _may_hold_controls(text, fmt)
    model = _validated(data, source, emit, controls, locator, failed=bool(findings), found=found)
    return model, source, findings


# What _validated is given when the fast reader has not read the data yet.
_UNREAD: Any = object()


def _counted(data: Any, text: str) -> tuple[Any, bool]:
    """The fast reader's answer for JSON ``data`` read without the duplicate-key hook, and
    whether a key was repeated: told by :func:`~ladders.load.fast.census` (the ``$schema``
    member left out of the file, as read_ladder_text does, and counted in)."""
    if not isinstance(data, dict):
        return _UNREAD, census(data) != text.count(":")
    if "$schema" in data:
        found, count = fast_census({k: v for k, v in data.items() if k != "$schema"})
        count += 1 + census(data["$schema"])
    else:
        found, count = fast_census(data)
    return found, count != text.count(":")


def read_ladder_data(
    data: Any, name: str, *, written: str | None = None
) -> tuple[LadderFile | None, SourceMap, list[Finding]]:
    """Validate plain data (what a YAML or JSON reader gives) as one ladder file, as
    :func:`read_ladder_text` does once it has parsed a text; there is no text, so
    findings are at line 1. ``written``: the text one of ladders' writers made of
    ``data`` (they escape control characters the JSON way), to tell at C speed whether
    any string may hold one (else every string is looked at)."""
    findings: list[Finding] = []

    def emit(problem: Problem) -> None:
        findings.append(problem_finding(problem, name))

    if isinstance(data, dict) and "$schema" in data:  # as read_ladder_text: not content
        data = {key: value for key, value in data.items() if key != "$schema"}
    source = SourceMap(name, data, {})
    controls = written is None or _JSON_CONTROL_ESCAPE.search(written) is not None
    model = _validated(data, source, emit, controls, None)
    return model, source, findings


def _validated(
    data: Any,
    source: SourceMap,
    emit: Callable[[Problem], None],
    controls: bool,
    locator: JsonLocator | None,
    *,
    failed: bool = False,
    found: Any = _UNREAD,
) -> LadderFile | None:
    """The model of a file's data, or None with its problems emitted. ``controls``:
    look for control characters string by string; ``failed``: a problem was found
    before (such as a duplicate key), so there is no model whatever the data."""
    emitted = [failed]

    def note(problem: Problem) -> None:
        emitted[0] = True
        emit(problem)

    if controls:
        for problem in _control_characters(data, source):
            note(problem)
    if data is None:
        emit(Problem("LAD002", "the file is empty: a ladder has levels, tracks and roles"))
        return None
    if not isinstance(data, dict):
        emit(Problem("LAD002", "a ladder file must be a mapping (levels, tracks, roles)"))
        return None
    if found is _UNREAD:
        found = fast_read(data)  # a plainly valid file, without pydantic's validators
    model = None
    if found is not None:
        model, source.plain = found
        if source.plain is not None and locator is not None:
            # roles then are found faster, numbered as the fast reader did
            locator.flat("roles", PLAIN_KEYS, source.plain.numbers)
    try:
        if model is None:
            model = LadderFile.model_validate(data)
    except ValidationError as error:
        for problem in problems_from(error, data, source):
            emit(problem)
        return None
    if emitted[0]:
        return None
    source.release()
    return model


def raw_includes(data: Any) -> tuple[str, ...]:
    """The ``include`` list of a file that did not validate, if that list itself is fine."""
    includes = data.get("include") if isinstance(data, dict) else None
    if isinstance(includes, list) and all(isinstance(i, str) for i in includes):
        return tuple(includes)
    return ()


def partial_model(data: Any, unsure: Unsure) -> LadderFile | None:
    """The valid parts of a file that did not validate (its errors are already reported)."""
    if not isinstance(data, dict):
        unsure.anything()
        return None
    clean: dict[str, Any] = {"include": list(raw_includes(data))}

    def valid(part: dict[str, Any]) -> bool:
        try:
            LadderFile.model_validate(part)
        except ValidationError:
            return False
        return True

    if "levels" in data:
        if valid({"levels": data["levels"]}):
            clean["levels"] = data["levels"]
        else:
            unsure.levels = True
    for section, unknown in (("tracks", unsure.tracks), ("roles", unsure.roles)):
        items = data.get(section)
        if items is None:
            continue
        if not isinstance(items, dict):
            if section == "tracks":
                unsure.all_tracks = True
            else:
                unsure.all_roles = True
            continue
        clean[section] = {}
        for key, value in items.items():
            if valid({section: {key: value}}):
                clean[section][key] = value
            else:
                unknown.add(str(key))
    try:
        return LadderFile.model_validate(clean)
    except ValidationError:  # pragma: no cover - each part was valid on its own
        unsure.anything()
        return None


class NotAFile(OSError):
    """A path that names a folder, a device, a FIFO or a socket, where a file is needed."""


def file_kind(mode: int) -> str:
    """What a ``st_mode`` is, in words: ``"a file"``, ``"a folder"``, ``"a FIFO"``, ...

    >>> file_kind(stat.S_IFCHR), file_kind(stat.S_IFREG)
    ('a character device', 'a file')
    """
    for test, name in (
        (stat.S_ISREG, "a file"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a file"  # pragma: no cover - every kind of inode is named above


def read_bytes(path: str, *, pipes: bool = False) -> bytes:
    """The bytes of the regular file at ``path``; with ``pipes``, a FIFO or pipe too
    (``/dev/fd/N``), read once.

    Never blocks on a FIFO that has no writer and never reads a device: raises
    :class:`NotAFile` for what is not a file, :class:`OSError` when it cannot be read.
    """
    # O_NONBLOCK: opening a FIFO must not wait for a writer; it changes nothing for files.
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
    flags |= getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    descriptor = os.open(path, flags)
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISFIFO(mode) and pipes:
            import fcntl  # FIFOs are POSIX's, and so is fcntl

            fcntl.fcntl(
                descriptor, fcntl.F_SETFL, fcntl.fcntl(descriptor, fcntl.F_GETFL) & ~os.O_NONBLOCK
            )
        elif not stat.S_ISREG(mode):
            raise NotAFile(0, f"it is {file_kind(mode)}, not a file", path)
        with io.FileIO(descriptor, closefd=False) as handle:
            return handle.readall()  # one read of the file's size, for a file
    finally:
        os.close(descriptor)


# C0 control characters other than tab and newline: SVG and GraphML cannot hold most of
# them, and none belongs in a title or a description.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")
# fmt: off
_CONTROL_NAMES = (
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL",
    "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
    "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
    "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US",
)
# fmt: on
# How a control character can get into the data: JSON escapes (\u0001, \b, \f, \r);
# YAML escapes (libyaml refuses them written raw, and folds raw CRs into line breaks).
_JSON_CONTROL_ESCAPE = re.compile(r"\\(?:u00[01]|[bfr])", re.IGNORECASE)


def _may_hold_controls(text: str, fmt: Format) -> bool:
    if "\\" not in text:
        return False
    return fmt == "yaml" or _JSON_CONTROL_ESCAPE.search(text) is not None


def _control_characters(data: Any, source: SourceMap) -> list[Problem]:
    """LAD002 at every key or value of ``data`` that holds a C0 control character."""
    problems: list[Problem] = []

    def check(text: str, path: tuple[str | int, ...], at_key: bool) -> None:
        found = _CONTROL.search(text)
        if found is None:
            return
        code = ord(found.group())
        where = describe(path)
        line, column = source.key(path) if at_key else source.value(path)
        problems.append(
            Problem(
                "LAD002",
                f"{where} holds the control character U+{code:04X} ({_CONTROL_NAMES[code]}): "
                "text may hold tabs and line breaks, not other control characters",
                line - 1,
                column - 1,
                str(path[1]) if len(path) > 1 and path[0] == "roles" else None,
            )
        )

    todo: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while todo:
        node, path = todo.pop()
        if isinstance(node, str):
            check(node, path, False)
        elif isinstance(node, dict):
            for key, value in node.items():
                if not path and key == "include":
                    continue  # paths, not text: a bad one is LAD007 where it is followed
                if isinstance(key, str):
                    check(key, (*path, key), True)
                todo.append((value, (*path, key)))
        elif isinstance(node, list):
            todo.extend((item, (*path, index)) for index, item in enumerate(node))
    problems.sort(key=lambda p: (p.line, p.column))
    return problems
