"""The rows of the ladder, levels, tracks, roles and moves tables, as ladder file data."""

from __future__ import annotations

import json
from typing import Any

from ladders.hints import did_you_mean
from ladders.load.sheets.layout import LADDER_KEYS
from ladders.load.sheets.reading import Cell, _number, _Reading, _Table

__all__ = [
    "_Items",
]


class _Items(_Reading):
    """Reads the ladder, levels, tracks, roles and moves tables into the data."""

    # ladder: key,value

    def _ladder(
        self, table: _Table, line: int, columns: dict[str, int], named: frozenset[int]
    ) -> None:
        data = self.data
        seen: dict[str, Cell] = {}
        for _, get, where in self.rows(table, line, columns, named):
            raw_key = get("key")
            at, value_at = where("key"), where("value")
            if raw_key is None:
                self.report("LAD002", "a value without a key in the ladder table", value_at)
                continue
            key = raw_key.strip().lower()
            if key not in LADDER_KEYS:
                hint = did_you_mean(key, LADDER_KEYS) or "; keys: " + ", ".join(LADDER_KEYS)
                self.report(
                    "LAD002", f"unknown key {raw_key.strip()!r} in the ladder table{hint}", at
                )
                continue
            if key in seen:
                first = seen[key]
                self.report(
                    "LAD003",
                    f"duplicate key {key!r}: it is already given in row {first[1]}",
                    at,
                )
                continue
            seen[key] = at
            if key in ("promote", "switch"):
                flag = self.boolean(get("value", "value"))
                if flag is None:
                    continue
                if "progression" not in data:
                    data["progression"] = {}
                    self.key(data, "progression", at)
                data["progression"][key] = flag
                self.key(data["progression"], key, at, value_at)
            elif key == "version":
                version = _number(get("value", "value"))
                if version is not None:
                    data["version"] = version
                    self.key(data, "version", at, value_at)
            else:
                text = get("value")
                if text is not None:
                    data[key] = text
                    self.key(data, key, at, value_at)

    # levels: id,name,description,entry

    def _levels(
        self, table: _Table, line: int, columns: dict[str, int], named: frozenset[int]
    ) -> None:
        levels: list[dict[str, Any]] = []
        self.data["levels"] = levels
        self.key(self.data, "levels", (table.file, line, 1))
        for _, get, where in self.rows(table, line, columns, named):
            level_id = get("id")
            if level_id is None:
                self.report("LAD002", "a level needs an id", where("id"), column="id")
                continue
            level: dict[str, Any] = {"id": level_id}
            self.key(level, "id", where("id"))
            for column in ("name", "description"):
                text = get(column)
                if text is not None:
                    self._mapping(level, column, text, where(column))
            entry = self.boolean(get("entry", "value"))
            if entry is not None:
                self._mapping(level, "entry", entry, where("entry"))
            self.item(levels, where("id"))
            levels.append(level)
            self.level_ids.append(level_id)
            self.first_level.setdefault(level_id, level)

    # tracks: id,kind,name,description

    def _tracks(
        self, table: _Table, line: int, columns: dict[str, int], named: frozenset[int]
    ) -> None:
        tracks: dict[str, Any] = {}
        self.data["tracks"] = tracks
        self.key(self.data, "tracks", (table.file, line, 1))
        first: dict[str, int] = {}
        for row_line, get, where in self.rows(table, line, columns, named):
            track_id = get("id")
            if track_id is None:
                self.report("LAD002", "a track needs an id", where("id"), column="id")
                continue
            if track_id in tracks:
                self.report(
                    "LAD003",
                    f"track {track_id!r} is defined twice (first in row {first[track_id]})",
                    where("id"),
                    column="id",
                )
                continue
            first[track_id] = row_line
            track: dict[str, Any] = {}
            for column in ("kind", "name", "description"):
                text = get(column)
                if text is not None:
                    self._mapping(track, column, text, where(column))
            tracks[track_id] = track
            self.key(tracks, track_id, where("id"))
            self.marks.setdefault(id(track), {})

    # roles: id,title,track,level,family,entry,description,promote,switch,ignore,metadata

    def _roles(
        self, table: _Table, line: int, columns: dict[str, int], named: frozenset[int]
    ) -> None:
        roles = self.roles
        self.data["roles"] = roles
        self.key(self.data, "roles", (table.file, line, 1))
        for _, get, where in self.rows(table, line, columns, named):
            role_id = get("id")
            if role_id is None:
                self.report("LAD002", "a role needs an id", where("id"), column="id")
                continue
            if role_id in roles:
                first = self.role_cells[role_id]
                self.report(
                    "LAD003",
                    f"role {role_id!r} is defined twice (first in row {first[1]})",
                    where("id"),
                    role_id,
                    "id",
                )
                continue
            role: dict[str, Any] = {}
            for column in ("title", "track", "level", "family"):
                text = get(column)
                if text is not None:
                    self._mapping(role, column, text, where(column))
            entry = self.boolean(get("entry", "value"))
            if entry is not None:
                self._mapping(role, "entry", entry, where("entry"))
            text = get("description")
            if text is not None:
                self._mapping(role, "description", text, where("description"))
            progression: dict[str, Any] = {}
            for column in ("promote", "switch"):
                flag = self.boolean(get(column, "value"))
                if flag is not None:
                    if not progression:
                        self.key(role, "progression", where(column))
                    self._mapping(progression, column, flag, where(column))
            if progression:
                role["progression"] = progression
            text = get("ignore")
            if text is not None:
                ignore = self.ignore_cell(text, where("ignore"), role_id)
                if ignore != {}:
                    self._mapping(role, "ignore", ignore, where("ignore"))
            text = get("metadata")
            if text is not None:
                metadata = self.json_cell(text, where("metadata"), role_id, "metadata")
                self._mapping(role, "metadata", metadata, where("metadata"))
            for column in ("track_kind", "level_rank"):
                raw = get(column, "value")
                if raw is not None:
                    self.derived.append((role_id, column, raw, where(column)))
            roles[role_id] = role
            self.role_cells[role_id] = where("id")
            self.key(roles, role_id, where("id"))

    # moves: from,to,kind,criteria,ignore,metadata

    def _moves(
        self, table: _Table, line: int, columns: dict[str, int], named: frozenset[int]
    ) -> None:
        roles = self.roles
        for _, get, where in self.rows(table, line, columns, named):
            source, target = get("from"), get("to")
            if source is None or target is None:
                missing = "from" if source is None else "to"
                self.report(
                    "LAD002",
                    f"a move needs both 'from' and 'to'; {missing!r} is empty",
                    where(missing),
                    source,
                    missing,
                )
                continue
            role = roles.get(source)
            if role is None:
                if "roles" not in self.unreadable:
                    self.report(
                        "LAD004",
                        f"a move from {source!r}, which is not a role"
                        f"{did_you_mean(source, list(roles))}",
                        where("from"),
                        None,
                        "from",
                    )
                continue
            to = where("to")
            moves = role.get("moves")
            if moves is None:
                moves = role["moves"] = []
                self.key(role, "moves", where("from"), to)
            move: dict[str, Any] = {"to": target}
            self.key(move, "to", to)
            text = get("kind")
            if text is not None:
                self._mapping(move, "kind", text, where("kind"))
            text = get("criteria")
            if text is not None:
                criteria = _criteria(text)
                if criteria:
                    self._mapping(move, "criteria", criteria, where("criteria"))
                    for _ in criteria:
                        self.item(criteria, where("criteria"))
            text = get("ignore")
            if text is not None:
                ignore = self.ignore_cell(text, where("ignore"), source)
                if ignore != {}:
                    self._mapping(move, "ignore", ignore, where("ignore"))
            text = get("metadata")
            if text is not None:
                metadata = self.json_cell(text, where("metadata"), source, "metadata")
                self._mapping(move, "metadata", metadata, where("metadata"))
            self.item(moves, to)
            # A move with only a target is written as a bare id, as in YAML (less memory).
            moves.append(target if len(move) == 1 else move)
            if len(move) == 1:
                self.marks.pop(id(move), None)


def _criteria(text: str) -> list[str]:
    """A criteria cell: one per line; a JSON list (as ladders 0.1 wrote) is read as one."""
    if text.startswith("["):
        try:
            value = json.loads(text)
        except (ValueError, RecursionError):
            value = None
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return value
    return [line.strip() for line in text.splitlines() if line.strip()]
