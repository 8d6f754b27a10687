"""What observing gives: the :class:`Observation` and its figures, and its JSON document."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from typing import Any

from ladders._version import __version__
from ladders.findings import Finding, Severity
from ladders.observe.privacy import few, shown

__all__ = [
    "DAYS_PER_MONTH",
    "FORMAT_VERSION",
    "FamilyReturns",
    "LevelFigures",
    "MoveCount",
    "Observation",
    "RoleFigures",
    "TrackFigures",
    "UnknownFigures",
    "UnknownValue",
    "summary",
]

#: days in a month, for time in role (365.25 / 12)
DAYS_PER_MONTH = 30.4375
#: the JSON layout's version
FORMAT_VERSION = 1
#: how the report names the roles without a family


@dataclass(frozen=True)
class MoveCount:
    """A move people made: from ``source`` to ``target``, how many people, how many times."""

    source: str
    target: str
    kind: str
    people: int
    moves: int


@dataclass(frozen=True)
class RoleFigures:
    """What people did in one role, in the window (raw counts: show them with ``to_dict``)."""

    #: people who held the role
    held: int
    #: people in the role at the window's end
    now: int
    #: people who rose from it
    up: int
    up_without_management: int
    #: Kaplan-Meier median months to the next level; None when not reached or no one
    median_months_to_next_level: float | None


@dataclass(frozen=True)
class LevelFigures:
    """What people did at one level, in any of its roles."""

    held: int
    up: int
    up_without_management: int


@dataclass(frozen=True)
class TrackFigures:
    """Time to the next level on one track."""

    kind: str
    held: int
    median_months_to_next_level: float | None


@dataclass(frozen=True)
class FamilyReturns:
    """Management -> technical returns in one family (that has management roles)."""

    #: people who held a management role of the family
    managers: int
    #: of them, people who moved from one of its management roles to one of its technical roles
    returned: int
    #: such moves
    moves: int
    #: how many such moves the ladder declares
    declared: int


@dataclass(frozen=True)
class UnknownValue:
    """A role value that is not a role of the ladder, and how many people held it."""

    value: str
    people: int
    #: the closest role id, if one is close
    suggestion: str | None


@dataclass(frozen=True)
class UnknownFigures:
    """Spells in role values the ladder does not have."""

    people: int = 0
    moves: int = 0
    values: tuple[UnknownValue, ...] = ()


@dataclass(frozen=True)
class Observation:
    """The ladder held against a history, for one window.

    Figures are kept as raw counts for scripts; :meth:`to_dict` (the ``--format json``
    document) and every report show counts of 1 to ``min_people - 1`` as ``"<K"``.
    """

    ladder: str | None
    history: str
    sheet: str | None
    since: date
    until: date
    min_people: int
    min_share: Fraction
    #: people with a spell in the window
    people: int
    #: moves between roles of the ladder in the window
    moves: int
    #: people who made those moves
    movers: int
    #: of the moves, those the ladder declares
    declared: int
    #: undeclared moves taken: by people (most first), then from, to
    undeclared: tuple[MoveCount, ...]
    #: declared moves nobody took, by from, to
    unused: tuple[tuple[str, str], ...]
    roles: Mapping[str, RoleFigures]
    levels: Mapping[str, LevelFigures]
    tracks: Mapping[str, TrackFigures]
    returns: Mapping[str, FamilyReturns]
    unknown: UnknownFigures
    #: every move taken between roles of the ladder (declared or not), by from, to
    taken: tuple[MoveCount, ...] = ()
    notes: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()
    #: each role's title, level, track, track kind and family, for reports
    role_titles: Mapping[str, str] = field(default_factory=dict)
    role_levels: Mapping[str, str] = field(default_factory=dict)
    role_tracks: Mapping[str, str] = field(default_factory=dict)
    role_kinds: Mapping[str, str] = field(default_factory=dict)
    role_families: Mapping[str, str | None] = field(default_factory=dict)

    @property
    def declared_share(self) -> Fraction | None:
        """Declared moves over moves (exact), or None when there are no moves."""
        return Fraction(self.declared, self.moves) if self.moves else None

    @property
    def never_held(self) -> tuple[str, ...]:
        """Roles nobody held in the window, in ladder order."""
        return tuple(r for r, f in self.roles.items() if f.held == 0)

    def count(self, value: int) -> int | str:
        """A count as it may be shown (``"<K"`` for 1 to K - 1)."""
        return shown(value, self.min_people)

    def _median(self, held: int, months: float | None) -> float | str | None:
        if few(held, self.min_people):
            return f"<{self.min_people}"
        return None if months is None else round(months, 1)

    def to_dict(self) -> dict[str, Any]:
        """The ``--format json`` document of DESIGN §7 (counts under ``min_people`` as ``"<K"``)."""
        c = self.count
        share: float | str | None = None
        if self.moves:
            share = (
                f"<{self.min_people}"
                if few(self.movers, self.min_people)
                else self.declared / self.moves
            )
        moves: int | str = c(self.moves)
        if few(self.movers, self.min_people):
            moves = f"<{self.min_people}"
        document: dict[str, Any] = {
            "version": FORMAT_VERSION,
            "tool": {"name": "ladders", "version": __version__},
            "ladder": self.ladder,
            "history": self.history,
        }
        if self.sheet is not None:
            document["sheet"] = self.sheet
        document |= {
            "window": {"since": self.since.isoformat(), "until": self.until.isoformat()},
            "min_people": self.min_people,
            "min_share": float(self.min_share),
            "people": c(self.people),
            "moves": moves,
            "conformance": {
                "declared_share": share,
                "undeclared": [
                    {"from": m.source, "to": m.target, "kind": m.kind, "people": c(m.people)}
                    for m in self.undeclared
                ],
                "unused": [{"from": a, "to": b} for a, b in self.unused],
            },
            "roles": {
                role: {
                    "held": c(f.held),
                    "now": c(f.now),
                    "up": c(f.up),
                    "up_without_management": c(f.up_without_management),
                    "median_months_to_next_level": self._median(
                        f.held, f.median_months_to_next_level
                    ),
                }
                for role, f in self.roles.items()
            },
            "levels": {
                level: {
                    "held": c(f.held),
                    "up": c(f.up),
                    "up_without_management": c(f.up_without_management),
                }
                for level, f in self.levels.items()
            },
            "tracks": {
                track: {
                    "kind": f.kind,
                    "held": c(f.held),
                    "median_months_to_next_level": self._median(
                        f.held, f.median_months_to_next_level
                    ),
                }
                for track, f in self.tracks.items()
            },
            "returns": {
                family: {
                    "managers": c(f.managers),
                    "returned": c(f.returned),
                    "moves": c(f.moves),
                    "way_back_declared": f.declared > 0,
                }
                for family, f in self.returns.items()
            },
            "never_held": list(self.never_held),
            "unknown": self._unknown(),
            "notes": list(self.notes),
            "findings": [f.to_dict() for f in self.findings],
            "summary": summary(self.findings),
        }
        return document

    def _unknown(self) -> dict[str, Any]:
        # A value is listed only when enough people hold it: a swapped column (person keys
        # in the role column) must not print person keys.
        listed = [v for v in self.unknown.values if v.people >= self.min_people]
        return {
            "people": self.count(self.unknown.people),
            "moves": self.count(self.unknown.moves),
            "values": [
                {"value": v.value, "people": v.people, "suggestion": v.suggestion} for v in listed
            ],
            "other_values": self.count(len(self.unknown.values) - len(listed)),
        }


def summary(findings: tuple[Finding, ...] | list[Finding]) -> dict[str, int]:
    """``{"error": n, "warning": m}``."""
    counts = {str(Severity.ERROR): 0, str(Severity.WARNING): 0}
    for finding in findings:
        counts[str(finding.severity)] += 1
    return counts
