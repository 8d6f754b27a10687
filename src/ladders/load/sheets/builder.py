"""Bands and derived columns, and the ladder data that reading the tables gives."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ladders.findings import Finding
from ladders.hints import did_you_mean
from ladders.load.sheets.reading import Cell, _number, _shown, _Table
from ladders.load.sheets.tables import _Items
from ladders.load.source import SourceMap

__all__ = [
    "Tables",
    "_Builder",
    "_finish",
]


@dataclass
class Tables:
    """What reading a spreadsheet ladder gives: its data, positions and findings.

    ``columns`` names, for a finding about a cell, the column it is in (for messages
    such as ``roles.csv row 2, entry``); ``files`` lists the files read.
    """

    data: dict[str, Any]
    source: SourceMap
    findings: list[Finding] = field(default_factory=list)
    columns: dict[int, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    unreadable: set[str] = field(default_factory=set)
    reported: set[tuple[str, int, int]] = field(default_factory=set)


class _Builder(_Items):
    """Builds ladder file data and its marks from the tables, reporting what is wrong."""

    # bands: level,track,role,min,max,currency

    def _bands(
        self, table: _Table, line: int, columns: dict[str, int], named: frozenset[int]
    ) -> None:
        seen: dict[tuple[str | None, str | None, str | None], int] = {}
        tracks = self.data.get("tracks", {})
        for row_line, get, where in self.rows(table, line, columns, named):
            level, track, role = get("level"), get("track"), get("role")
            shape = (level is not None, track is not None, role is not None)
            first_cell = where("level" if level else "track" if track else "role")
            if shape not in ((True, False, False), (True, True, False), (False, False, True)):
                self.report(
                    "LAD002",
                    "a bands row gives a level's band (level only), a track's band at a level "
                    "(level and track) or a role's band (role only)",
                    first_cell,
                    role,
                )
                continue
            target = (level, track, role)
            if target in seen:
                self.report(
                    "LAD003",
                    f"this band is given twice (first in row {seen[target]})",
                    first_cell,
                    role,
                )
                continue
            seen[target] = row_line
            band: dict[str, Any] = {}
            for column in ("min", "max"):
                number = _number(get(column, "value"))
                if number is not None:
                    self._mapping(band, column, number, where(column))
            text = get("currency")
            if text is not None:
                self._mapping(band, "currency", text, where("currency"))
            self.marks.setdefault(id(band), {})
            if not self._band_owner(band, level, track, role, tracks, where):
                # Not kept: forget its marks (a later container may get the same id).
                self.marks.pop(id(band), None)

    def _band_owner(
        self,
        band: dict[str, Any],
        level: str | None,
        track: str | None,
        role: str | None,
        tracks: Any,
        where: Callable[[str], Cell],
    ) -> bool:
        """Put a band where it belongs: on its role, level or track (False: not found).

        The band is marked at the row's first cell (its key: what it is the band of) and at
        its ``min`` cell (its value: where a band that is wrong as a whole, ``min > max``,
        is reported).
        """
        if role is not None:
            owner = self.roles.get(role)
            if owner is None:
                if "roles" not in self.unreadable:
                    self.report(
                        "LAD004",
                        f"a band for role {role!r}, which is not a role"
                        f"{did_you_mean(role, list(self.roles))}",
                        where("role"),
                    )
                return False
            owner["band"] = band
            self.key(owner, "band", where("role"), where("min"))
        elif track is None:
            assert level is not None
            owner = self.first_level.get(level)
            if owner is None:
                if "levels" not in self.unreadable:
                    self.report(
                        "LAD004",
                        f"a band for level {level!r}, which is not a level"
                        f"{did_you_mean(level, self.level_ids)}",
                        where("level"),
                    )
                return False
            owner["band"] = band
            self.key(owner, "band", where("level"), where("min"))
        else:
            assert level is not None
            owner = tracks.get(track) if isinstance(tracks, dict) else None
            if owner is None:
                if "tracks" not in self.unreadable:
                    self.report(
                        "LAD004",
                        f"a band for track {track!r}, which is not a track"
                        f"{did_you_mean(track, list(tracks))}",
                        where("track"),
                    )
                return False
            bands = owner.get("bands")
            if bands is None:
                bands = owner["bands"] = {}
                self.key(owner, "bands", where("track"))
            bands[level] = band
            self.key(bands, level, where("level"), where("min"))
        return True

    # derived columns

    def check_derived(self) -> None:
        """``track_kind`` and ``level_rank`` must say what the ladder says."""
        tracks = self.data.get("tracks")
        ranks: dict[str, int] = {}
        for rank, level_id in enumerate(self.level_ids):
            ranks.setdefault(level_id, rank)
        for role_id, column, raw, at in self.derived:
            role = self.roles[role_id]
            if column == "track_kind":
                track = tracks.get(role.get("track")) if isinstance(tracks, dict) else None
                kind = track.get("kind") if isinstance(track, dict) else None
                if kind in ("technical", "management") and str(raw).strip() != kind:
                    self.report(
                        "LAD002",
                        f"track_kind {_shown(raw)} does not agree with the ladder: track "
                        f"{role.get('track')!r} is {kind} (track_kind repeats the track's kind: "
                        "correct it or clear it)",
                        at,
                        role_id,
                        column,
                    )
                continue
            level_rank = ranks.get(role.get("level", ""))
            number = _number(raw)
            if not isinstance(number, int) or isinstance(number, bool):
                self.report(
                    "LAD002",
                    f"level_rank must be a whole number, not {_shown(raw)}",
                    at,
                    role_id,
                    column,
                )
            elif level_rank is not None and number != level_rank:
                self.report(
                    "LAD002",
                    f"level_rank {number} does not agree with the ladder: level "
                    f"{role.get('level')!r} has rank {level_rank} (0 is the lowest level; "
                    "level_rank repeats it: correct it or clear it)",
                    at,
                    role_id,
                    column,
                )

    def derive_missing(self) -> None:
        """import-csv without levels or tracks tables: take them from the roles."""
        if "levels" not in self.data and "levels" not in self.unreadable:
            order: dict[str, float] = {}
            ranks = {role: raw for role, column, raw, _ in self.derived if column == "level_rank"}
            for number, (role_id, role) in enumerate(self.roles.items()):
                level = role.get("level")
                if level is None:
                    continue
                raw = _number(ranks.get(role_id))
                at = next(
                    (c for r, col, _, c in self.derived if r == role_id and col == "level_rank"),
                    self.role_cells[role_id],
                )
                if raw is not None and not isinstance(raw, int | float):
                    self.report("LAD002", "level_rank is not a number", at, role_id, "level_rank")
                    continue
                rank = float(raw) if raw is not None else float(len(self.roles) + number)
                order[level] = min(order.get(level, rank), rank)
            self.data["levels"] = [{"id": level} for level in sorted(order, key=order.__getitem__)]
            self.level_ids = list(self.data["levels"] and [lv["id"] for lv in self.data["levels"]])
            self.derived = [d for d in self.derived if d[1] != "level_rank"]
        if "tracks" not in self.data and "tracks" not in self.unreadable:
            tracks: dict[str, Any] = {}
            kinds = {role: raw for role, column, raw, _ in self.derived if column == "track_kind"}
            for role_id, role in self.roles.items():
                track = role.get("track")
                if track is None or track in tracks:
                    continue
                kind = kinds.get(role_id)
                if kind is None:
                    self.report(
                        "LAD002",
                        f"track_kind is empty: with no tracks table, each track's kind comes "
                        f"from track_kind (track {track!r})",
                        self.role_cells[role_id],
                        role_id,
                        "track_kind",
                    )
                    continue
                tracks[track] = {"kind": str(kind).strip()}
            self.data["tracks"] = tracks
            self.derived = [d for d in self.derived if d[1] != "track_kind"]


def _finish(builder: _Builder, book: str, files: list[str]) -> Tables:
    builder.check_derived()
    source = SourceMap(book, builder.data, builder.marks)
    return Tables(
        builder.data,
        source,
        builder.findings,
        builder.columns,
        files,
        builder.unreadable,
        builder.reported,
    )
