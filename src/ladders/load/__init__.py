"""Loading: files -> one merged :class:`~ladders.model.LadderData`, or LAD0xx findings.

Reading a root file follows its ``include`` list (depth first, each file once), checks
each file against the format, merges them, and resolves every reference. Problems are
findings with the file, line and column of the item they are about.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from ladders.collector import collector_paused
from ladders.errors import UsageError
from ladders.findings import Finding, Severity
from ladders.hints import did_you_mean
from ladders.load.json import json_marks, read_json
from ladders.load.source import SourceMap, Sources
from ladders.load.text import Fatal, Problem, decode
from ladders.load.validate import problems_from
from ladders.load.yaml import MAX_DEPTH, read_yaml
from ladders.model import LadderData, LadderFile, Level, Move, ProgressionSettings, Role, Track

__all__ = ["LOAD_RULES", "Loaded", "load_path", "load_text", "read_ladder_text"]

Format = Literal["yaml", "json"]

#: code -> (name, one-line summary) of the findings loading can produce
LOAD_RULES: dict[str, tuple[str, str]] = {
    "LAD001": ("syntax-error", "the file cannot be parsed or decoded"),
    "LAD002": ("schema-error", "structure or type is wrong; unknown key; empty file; version"),
    "LAD003": ("duplicate-definition", "a key or id is defined twice"),
    "LAD004": ("unknown-reference", "a track, level or move target that does not exist"),
    "LAD005": ("unsafe-yaml", "alias expansion or nesting over the bounds; non-core tag"),
    "LAD007": ("include-error", "an include is missing, outside the root folder, or cyclic"),
}


def _finding(
    code: str, message: str, file: str, line: int, column: int, role: str | None = None
) -> Finding:
    return Finding(code, LOAD_RULES[code][0], Severity.ERROR, message, file, line, column, role)


@dataclass
class _File:
    """One file read: its display name, model (if valid) and positions.

    A file with errors has no model; ``partial`` then holds what of it is valid, so that
    references can still be checked and every problem reported in one run.
    """

    name: str
    source: SourceMap
    model: LadderFile | None
    partial: LadderFile | None = None


@dataclass
class _Unsure:
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


def _partial_model(data: Any, unsure: _Unsure) -> LadderFile | None:
    """The valid parts of a file that did not validate (its errors are already reported)."""
    if not isinstance(data, dict):
        unsure.levels = unsure.all_tracks = unsure.all_roles = True
        return None
    clean: dict[str, Any] = {"include": list(_raw_includes(data))}

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
        unsure.levels = unsure.all_tracks = unsure.all_roles = True
        return None


@dataclass
class Loaded:
    """What loading a root produced: the ladder (if no errors), findings, files read."""

    ladder: LadderData | None
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def _format_of(name: str, text: str) -> Format:
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
        findings.append(
            _finding(
                problem.code,
                problem.message,
                name,
                problem.line + 1,
                problem.column + 1,
                problem.role,
            )
        )

    if text.startswith("\ufeff"):  # a byte order mark, decoded: fine, and not content
        text = text[1:]
    source = SourceMap(name)
    try:
        if fmt == "yaml":
            data, marks, problems = read_yaml(text)
            source = SourceMap(name, data, marks)
        else:
            data, problems, duplicates = read_json(text)
            if duplicates:
                exact, marks, problems = json_marks(text)
                source = SourceMap(name, exact, marks)
            else:
                source = SourceMap(name, data, compute=lambda: json_marks(text)[:2])
            if isinstance(data, dict):
                data.pop("$schema", None)
    except Fatal as stop:
        emit(stop.problem)
        return None, source, findings
    for problem in problems:
        emit(problem)
    if data is None:
        emit(Problem("LAD002", "the file is empty: a ladder has levels, tracks and roles"))
        return None, source, findings
    if not isinstance(data, dict):
        emit(Problem("LAD002", "a ladder file must be a mapping (levels, tracks, roles)"))
        return None, source, findings
    try:
        model = LadderFile.model_validate(data)
    except ValidationError as error:
        for problem in problems_from(error, data, source):
            emit(problem)
        return None, source, findings
    if findings:
        return None, source, findings
    source.release()
    return model, source, findings


def _too_deep_at(value: Any, limit: int) -> tuple[str | int, ...] | None:
    """The path to the first container nested deeper than ``limit`` in ``value``, if any.

    >>> _too_deep_at({"a": [{"b": {}}]}, 3), _too_deep_at({"a": [{"b": {}}]}, 4)
    (('a', 0, 'b'), None)
    """
    todo: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while todo:
        node, path = todo.pop()
        if len(path) >= limit:
            return path
        items = node.items() if isinstance(node, dict) else enumerate(node)
        todo.extend((c, (*path, k)) for k, c in items if isinstance(c, dict | list))
    return None


def _raw_includes(data: Any) -> tuple[str, ...]:
    """The ``include`` list of a file that did not validate, if that list itself is fine."""
    includes = data.get("include") if isinstance(data, dict) else None
    if isinstance(includes, list) and all(isinstance(i, str) for i in includes):
        return tuple(includes)
    return ()


class _Reader:
    """Reads a root and its includes, merging them into one ladder."""

    def __init__(self, root_name: str) -> None:
        self.root_name = root_name
        self.root_dir = os.path.realpath(os.path.dirname(os.path.abspath(root_name)))
        self.files: list[_File] = []
        self.findings: list[Finding] = []
        self.unsure = _Unsure()
        self.done: set[str] = set()

    def read(self, name: str, real: str, chain: tuple[str, ...]) -> None:
        self.done.add(real)
        try:
            raw = Path(real).read_bytes()
        except OSError as error:
            code = "LAD007" if chain else "LAD001"  # an include, or the root itself
            reason = error.strerror or str(error)
            self.findings.append(_finding(code, f"cannot read {name}: {reason}", name, 1, 1))
            self.unsure.levels = self.unsure.all_tracks = self.unsure.all_roles = True
            return
        try:
            text = decode(raw)
        except Fatal as stop:
            p = stop.problem
            self.findings.append(_finding(p.code, p.message, name, p.line + 1, p.column + 1))
            self.unsure.levels = self.unsure.all_tracks = self.unsure.all_roles = True
            return
        model, source, findings = read_ladder_text(text, name, _format_of(name, text))
        self.findings.extend(findings)
        partial = None
        if model is None and source.data is not None:
            partial = _partial_model(source.data, self.unsure)
        elif model is None:
            self.unsure.levels = self.unsure.all_tracks = self.unsure.all_roles = True
        self.files.append(_File(name, source, model, partial))
        # Follow the includes even when this file has errors elsewhere, so that one run
        # reports the problems of every file.
        includes = model.include if model is not None else _raw_includes(source.data)
        for index, include in enumerate(includes):
            self.include(source, real, index, include, (*chain, real))

    def include(
        self, source: SourceMap, parent_real: str, index: int, include: str, chain: tuple[str, ...]
    ) -> None:
        parent = source.file
        line, column = source.value(("include", index))

        def fail(message: str, unread: bool = True) -> None:
            self.findings.append(_finding("LAD007", message, parent, line, column))
            if unread:  # what that file defines is not known: refer to it freely
                self.unsure.levels = self.unsure.all_tracks = self.unsure.all_roles = True

        if "\0" in include:
            fail(f"include {include!r}: a path cannot contain a NUL character")
            return
        name = os.path.normpath(os.path.join(os.path.dirname(parent), include))
        real = os.path.realpath(os.path.join(os.path.dirname(parent_real), include))
        if os.path.isabs(include) or os.path.commonpath([self.root_dir, real]) != self.root_dir:
            fail(
                f"include {include!r} is outside the folder of {self.root_name}; "
                "included files must stay inside it"
            )
            return
        if real in chain:
            fail(
                f"include {include!r} makes a cycle: {parent} is included by it, directly or not",
                unread=False,
            )
            return
        if real in self.done:
            return  # included twice through different files: read once
        if not os.path.isfile(real):
            fail(f"include {include!r}: no such file ({name})")
            return
        self.read(name, real, chain)


def _merge(
    files: list[_File], findings: list[Finding], unsure: _Unsure | None = None
) -> LadderData | None:
    """Merge the files of one root; LAD003 for ids defined twice, LAD004 for references."""
    root = files[0]
    sources = Sources(root.source)
    levels: tuple[Level, ...] | None = None
    progression: ProgressionSettings | None = None
    tracks: dict[str, Track] = {}
    roles: dict[str, Role] = {}

    def duplicate(
        what: str, ident: str, file: _File, path: tuple[str | int, ...], first: SourceMap
    ) -> None:
        line, column = file.source.key(path)
        fline, fcolumn = first.key(path)
        findings.append(
            _finding(
                "LAD003",
                f"{what} {ident!r} is already defined at {first.file}:{fline}:{fcolumn}",
                file.name,
                line,
                column,
                ident if what == "role" else None,
            )
        )

    for file in files:
        model = file.model or file.partial
        assert model is not None
        if model.levels is not None:
            if levels is None:
                levels = model.levels
                sources.levels_file = file.source
            else:
                line, column = file.source.key(("levels",))
                findings.append(
                    _finding(
                        "LAD003",
                        f"levels are already defined in {sources.levels_file.file}; "
                        "give levels in one file only",
                        file.name,
                        line,
                        column,
                    )
                )
        if model.progression is not None:
            if progression is None:
                progression = model.progression
                sources.progression_file = file.source
            else:
                line, column = file.source.key(("progression",))
                first = sources.progression_file
                findings.append(
                    _finding(
                        "LAD003",
                        f"progression is already given in {first.file if first else root.name}; "
                        "give progression in one file only",
                        file.name,
                        line,
                        column,
                    )
                )
        for track_id, track in model.tracks.items():
            if track_id in tracks:
                first = sources.track_file[track_id]
                duplicate("track", track_id, file, ("tracks", track_id), first)
                continue
            tracks[track_id] = track
            sources.track_file[track_id] = file.source
        if file is root:
            roles.update(model.roles)  # the root's roles: Sources defaults to the root file
            continue
        for role_id, role in model.roles.items():
            if role_id in roles:
                first = sources.role_file.get(role_id, root.source)
                duplicate("role", role_id, file, ("roles", role_id), first)
                continue
            roles[role_id] = role
            sources.role_file[role_id] = file.source

    if levels is None:
        if roles and not (unsure and unsure.levels):
            findings.append(
                _finding(
                    "LAD002",
                    "no file of this ladder defines levels: add a 'levels' list (lowest first)",
                    root.name,
                    1,
                    1,
                )
            )
        levels = ()
    ranks: dict[str, int] = {}
    for index, level in enumerate(levels):
        if level.id in ranks:
            line, column = sources.levels_file.value(("levels", index))
            findings.append(
                _finding(
                    "LAD003",
                    f"level {level.id!r} is listed twice in levels",
                    sources.levels_file.file,
                    line,
                    column,
                )
            )
            continue
        ranks[level.id] = index

    _check_references(roles, tracks, ranks, sources, findings, unsure or _Unsure())
    if any(f.severity == Severity.ERROR for f in findings):
        return None
    return LadderData(
        name=root.model.name if root.model else None,
        description=root.model.description if root.model else None,
        levels=levels,
        tracks=tracks,
        roles=roles,
        progression_settings=progression,
        files=tuple(f.name for f in files),
        sources=sources,
    )


def _check_references(
    roles: dict[str, Role],
    tracks: dict[str, Track],
    ranks: dict[str, int],
    sources: Sources,
    findings: list[Finding],
    unsure: _Unsure,
) -> None:
    """LAD004 for unknown tracks, levels and move targets; LAD005 for deep metadata.

    One pass over roles and moves; positions are looked up only for what is wrong. On
    the way, bare move targets are replaced by the role id objects themselves: a large
    ladder then holds one string per role instead of one per move, and every later
    lookup of a target finds its key by identity.
    """
    if not unsure.levels:
        for track_id, track in tracks.items():
            for level_id in track.bands or ():
                if level_id in ranks:
                    continue
                source = sources.track_file.get(track_id, sources.root)
                line, column = source.key(("tracks", track_id, "bands", level_id))
                findings.append(
                    _finding(
                        "LAD004",
                        f"track {track_id!r} has a band at level {level_id!r}, which is not "
                        f"defined{did_you_mean(level_id, list(ranks))}",
                        source.file,
                        line,
                        column,
                    )
                )
    ids: dict[object, str] = {role_id: role_id for role_id in roles}
    canonical = ids.get
    for role_id, role in roles.items():
        specs = role.move_specs
        if specs:
            try:
                same = tuple(map(canonical, specs))
            except TypeError:  # a move written as a mapping: checked one by one below
                same = ()
            if same and None not in same:
                object.__setattr__(role, "move_specs", same)  # equal values, shared objects
                specs = ()
        if role.track not in tracks and not unsure.track(role.track):
            file, line, column = sources.role_value(role_id, "track")
            findings.append(
                _finding(
                    "LAD004",
                    f"role {role_id!r} is on track {role.track!r}, which is not defined"
                    f"{did_you_mean(role.track, list(tracks))}",
                    file,
                    line,
                    column,
                    role_id,
                )
            )
        if role.level not in ranks and not unsure.levels:
            file, line, column = sources.role_value(role_id, "level")
            findings.append(
                _finding(
                    "LAD004",
                    f"role {role_id!r} is at level {role.level!r}, which is not defined"
                    f"{did_you_mean(role.level, list(ranks))}",
                    file,
                    line,
                    column,
                    role_id,
                )
            )
        deep = _too_deep_at(role.metadata, _ROLE_METADATA) if role.metadata else None
        if deep is not None:
            _too_deep(findings, sources.role_value(role_id, "metadata", *deep))
        for index, spec in enumerate(specs):
            if spec.__class__ is str:
                if spec in roles or unsure.role(spec):
                    continue
                target = spec
                file, line, column = sources.move(role_id, index)
            else:
                move: Move = spec  # type: ignore[assignment]
                deep = _too_deep_at(move.metadata, _MOVE_METADATA) if move.metadata else None
                if deep is not None:
                    path = ("moves", index, "metadata", *deep)
                    _too_deep(findings, sources.role_value(role_id, *path))
                if move.to in roles or unsure.role(move.to):
                    continue
                target = move.to
                file, line, column = sources.role_value(role_id, "moves", index, "to")
            findings.append(
                _finding(
                    "LAD004",
                    f"role {role_id!r} has a move to {target!r}, which is not a role"
                    f"{did_you_mean(target, list(roles))}",
                    file,
                    line,
                    column,
                    role_id,
                )
            )


# How deep metadata may nest: a role's sits inside the file, roles and the role (3 levels),
# a move's inside those and the moves list and the move (5).
_ROLE_METADATA = MAX_DEPTH - 3
_MOVE_METADATA = MAX_DEPTH - 5


def _too_deep(findings: list[Finding], where: tuple[str, int, int]) -> None:
    file, line, column = where
    message = f"nesting is deeper than {MAX_DEPTH} levels"
    findings.append(_finding("LAD005", message, file, line, column))


def load_path(path: str | os.PathLike[str]) -> Loaded:
    """Load a root file and its includes; never raises for bad content."""
    name = os.fspath(path)
    reader = _Reader(name)
    with collector_paused():
        reader.read(name, os.path.realpath(name), ())
        files = [f.name for f in reader.files]
        failed = any(f.model is None for f in reader.files) or any(
            f.severity == Severity.ERROR for f in reader.findings
        )
        root = reader.files[0] if reader.files else None
        if root is None or (root.model is None and root.partial is None):
            return Loaded(None, sorted(reader.findings), files or [name])
        if failed:
            # Still merge what is valid, to report its duplicates and references too.
            readable = [f for f in reader.files if f.model is not None or f.partial is not None]
            _merge(readable, reader.findings, reader.unsure)
            return Loaded(None, sorted(reader.findings), files)
        ladder = _merge(reader.files, reader.findings)
    return Loaded(ladder, sorted(reader.findings), files)


def load_text(text: str | bytes, format: Format = "yaml", source: str = "<string>") -> Loaded:
    """Load a ladder from text; never raises for bad content (see :class:`Loaded`).

    ``include`` is not allowed here (there is no folder to be relative to).
    """
    if format not in ("yaml", "json"):
        raise UsageError(f"format must be 'yaml' or 'json', not {format!r}")
    with collector_paused():
        if isinstance(text, str):
            try:  # a str from Python may hold lone surrogates, which no file can
                text.encode("utf-8")
            except UnicodeEncodeError as error:
                before = text[: error.start]
                line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
                message = f"the text is not valid Unicode (U+{ord(text[error.start]):04X})"
                return Loaded(None, [_finding("LAD001", message, source, line, column)], [source])
        else:
            try:
                text = decode(text)
            except Fatal as stop:
                p = stop.problem
                finding = _finding(p.code, p.message, source, p.line + 1, p.column + 1)
                return Loaded(None, [finding], [source])
        model, source_map, findings = read_ladder_text(text, source, format)
        if model is not None and model.include:
            line, column = source_map.value(("include", 0))
            findings.append(
                _finding(
                    "LAD007",
                    "include needs a file to be relative to: use ladders.load(path)",
                    source,
                    line,
                    column,
                )
            )
        ladder = None
        if model is not None and not findings:
            ladder = _merge([_File(source, source_map, model)], findings)
        elif model is None and source_map.data is not None:
            # Report the references of what is valid too, as load_path does.
            unsure = _Unsure()
            partial = _partial_model(source_map.data, unsure)
            if partial is not None:
                _merge([_File(source, source_map, None, partial)], findings, unsure)
    return Loaded(ladder, sorted(findings), [source])
