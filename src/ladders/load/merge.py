"""Merging the files of one root: ids across files, and every reference resolved.

Each file has been read on its own (:mod:`ladders.load.read`); here their levels,
tracks and roles become one ladder. An id defined twice is LAD003, a reference to a
track, level or role that no file defines is LAD004, metadata nested too deep LAD005.
"""

from __future__ import annotations

from itertools import chain
from operator import attrgetter
from typing import Any

from ladders.findings import Finding, Severity
from ladders.hints import Suggester, did_you_mean
from ladders.load.fast import Plain
from ladders.load.read import File, Unsure
from ladders.load.source import SourceMap, Sources
from ladders.load.text import MAX_DEPTH, finding
from ladders.model import LadderData, Level, Move, ProgressionSettings, Role, Track

__all__ = ["merge"]


def merge(
    files: list[File], findings: list[Finding], unsure: Unsure | None = None
) -> LadderData | None:
    """Merge the files of one root; LAD003 for ids defined twice, LAD004 for references."""
    root = files[0]
    sources = Sources(root.source)
    levels: tuple[Level, ...] | None = None
    progression: ProgressionSettings | None = None
    tracks: dict[str, Track] = {}
    roles: dict[str, Role] = {}

    def duplicate(
        what: str, ident: str, file: File, path: tuple[str | int, ...], first: SourceMap
    ) -> None:
        where, line, column = file.source.key_at(path)
        first_file, fline, fcolumn = first.key_at(path)
        findings.append(
            finding(
                "LAD003",
                f"{what} {ident!r} is already defined at {first_file}:{fline}:{fcolumn}",
                where,
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
                    finding(
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
                where, line, column = file.source.key_at(("progression",))
                first = sources.progression_file
                findings.append(
                    finding(
                        "LAD003",
                        f"progression is already given in {first.file if first else root.name}; "
                        "give progression in one file only",
                        where,
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
                finding(
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
            where, line, column = sources.levels_file.value_at(("levels", index))
            findings.append(
                finding(
                    "LAD003", f"level {level.id!r} is listed twice in levels", where, line, column
                )
            )
            continue
        ranks[level.id] = index

    known = _plain([file.source.plain for file in files])
    _check_references(roles, tracks, ranks, sources, findings, unsure or Unsure(), known)
    if any(f.severity == Severity.ERROR for f in findings):
        return None
    ladder = LadderData(
        name=root.model.name if root.model else None,
        description=root.model.description if root.model else None,
        levels=levels,
        tracks=tracks,
        roles=roles,
        progression_settings=progression,
        files=tuple(f.name for f in files),
        sources=sources,
    )
    plain = root.source.plain
    if len(files) == 1 and plain is not None and plain.columns is not None:
        # the ladder is this file: its roles, in its order (what LadderIndex reads of
        # them is at hand, given to the first index and then let go)
        object.__setattr__(ladder, "_columns", plain.columns)
        root.source.plain = plain._replace(columns=None)
    return ladder


def _plain(files: list[Plain | None]) -> Plain | None:
    """The tracks and levels the roles of the files name, if every file is self-contained."""
    tracks: set[str] = set()
    levels: set[str] = set()
    for plain in files:
        if plain is None:
            return None
        tracks.update(plain.tracks)
        levels.update(plain.levels)
    return Plain(tracks, levels)


def _check_references(
    roles: dict[str, Role],
    tracks: dict[str, Track],
    ranks: dict[str, int],
    sources: Sources,
    findings: list[Finding],
    unsure: Unsure,
    plain: Plain | None = None,
) -> None:
    """LAD004 for unknown tracks, levels and move targets; LAD005 for deep metadata.

    One pass over roles and moves, at C speed when nothing is wrong
    (:func:`_all_known`); positions are looked up only for what is wrong.
    """
    if not unsure.levels:
        for track_id, track in tracks.items():
            for level_id in track.bands or ():
                if level_id in ranks:
                    continue
                source = sources.track_file.get(track_id, sources.root)
                where, line, column = source.key_at(("tracks", track_id, "bands", level_id))
                findings.append(
                    finding(
                        "LAD004",
                        f"track {track_id!r} has a band at level {level_id!r}, which is not "
                        f"defined{did_you_mean(level_id, list(ranks))}",
                        where,
                        line,
                        column,
                    )
                )
    if _all_known(roles, tracks, ranks, plain):
        return  # the common case, checked at C speed: nothing to report about roles
    role_hints: Suggester | None = None  # built on the first unknown move target
    ids: dict[object, str] = {role_id: role_id for role_id in roles}
    canonical = ids.get
    for role_id, role in roles.items():
        specs = role.move_specs
        if specs:
            try:
                if None not in map(canonical, specs):
                    specs = ()  # every target is a role (bare ids): nothing to report
            except TypeError:  # a move written as a mapping: checked one by one below
                pass
        if role.track not in tracks and not unsure.track(role.track):
            file, line, column = sources.role_value(role_id, "track")
            findings.append(
                finding(
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
                finding(
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
            if role_hints is None:
                role_hints = Suggester(roles)
            findings.append(
                finding(
                    "LAD004",
                    f"role {role_id!r} has a move to {target!r}, which is not a role"
                    f"{role_hints.hint(target)}",
                    file,
                    line,
                    column,
                    role_id,
                )
            )


_TRACK = attrgetter("track")
_LEVEL = attrgetter("level")
_METADATA = attrgetter("metadata")
_SPECS = attrgetter("move_specs")


def _all_known(
    roles: dict[str, Role], tracks: dict[str, Track], ranks: dict[str, int], plain: Plain | None
) -> bool:
    """Whether every role's track, level and move targets exist and no role has metadata
    (whose depth is checked role by role): then no role needs a look of its own.
    ``plain``: every file's moves are known to go to its own roles, with no metadata (the
    fast reader saw it), and its roles name these tracks and levels: only they are left
    to look up."""
    if plain is not None:
        return tracks.keys() >= plain.tracks and ranks.keys() >= plain.levels
    values = list(roles.values())
    if not tracks.keys() >= set(map(_TRACK, values)) or not ranks.keys() >= set(
        map(_LEVEL, values)
    ):
        return False
    if any(map(_METADATA, values)):
        return False
    targets = list(chain.from_iterable(map(_SPECS, values)))
    try:
        return all(map(roles.__contains__, targets))
    except TypeError:  # a move written as a mapping (not hashable): role by role
        return False


# How deep metadata may nest: a role's sits inside the file, roles and the role (3 levels),
# a move's inside those and the moves list and the move (5).
_ROLE_METADATA = MAX_DEPTH - 3
_MOVE_METADATA = MAX_DEPTH - 5


def _too_deep(findings: list[Finding], where: tuple[str, int, int]) -> None:
    file, line, column = where
    message = f"nesting is deeper than {MAX_DEPTH} levels"
    findings.append(finding("LAD005", message, file, line, column))


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
