"""Holding a ladder against what people did: :func:`observe` and its :class:`Observation`.

The definitions are DESIGN §7's, exactly:

- a **move** is one person's spell in role r followed by their next spell in a role
  t != r (a spell after an ``exit`` is a re-hire, not a move); it counts when its later
  spell starts inside the window; moves into or out of a role value that is not a role
  of the ladder are counted under ``unknown`` only;
- a move is **declared** when the ladder has it (written or implied: an edge of
  ``ladder.graph``); ``declared_share`` is declared moves over moves;
- a person **rose from** r if, after their first spell in r (held in the window) and
  before any exit, they later held a role of higher rank than r; **without management**
  if none of their spells after that spell in r, up to and including the first
  higher-ranked one, is on a management track;
- **time in role** runs from a spell's start in r to the start of the first later spell
  at a higher rank, censored at an exit or at ``until``; its Kaplan-Meier median is in
  months of 30.4375 days;
- the window: ``until`` defaults to the last date of the history and ``since`` to the
  first; rows after ``until`` are cut; a spell is held in the window when it has not
  ended before ``since``.

>>> import ladders
>>> from ladders.observe.history import History
>>> ladder = ladders.loads('''
... levels: [L1, L2]
... tracks: {ic: technical, mgmt: management}
... roles:
...   dev: {title: Developer, track: ic, level: L1, moves: [senior]}
...   senior: {title: Senior Developer, track: ic, level: L2}
...   lead: {title: Team Lead, track: mgmt, level: L2}
... ''')
>>> rows = [(f"p{i}", "2020-01-01", "dev") for i in range(6)]
>>> rows += [(f"p{i}", "2021-01-01", "lead") for i in range(6)]
>>> seen = observe(ladder, History.from_rows(rows))
>>> seen.people, seen.moves, seen.declared_share
(6, 6, Fraction(0, 1))
>>> [(m.source, m.target, m.kind, m.people) for m in seen.undeclared]
[('dev', 'lead', 'management', 6)]
>>> [f.code for f in seen.findings]
['LAD401', 'LAD402']
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from itertools import chain
from typing import TYPE_CHECKING, Any

from ladders._version import __version__
from ladders.errors import UsageError
from ladders.findings import Finding, Severity
from ladders.hints import did_you_mean
from ladders.observe.history import History, HistoryError, read_history, read_titles
from ladders.observe.privacy import NO_FAMILY, few, share_fraction, shown
from ladders.observe.replay import Notes, replay
from ladders.observe.survival import Samples

if TYPE_CHECKING:
    from ladders.ladder import Ladder

__all__ = [
    "DAYS_PER_MONTH",
    "FORMAT_VERSION",
    "NO_FAMILY",
    "FamilyReturns",
    "LevelFigures",
    "MoveCount",
    "Observation",
    "RoleFigures",
    "Shape",
    "TrackFigures",
    "UnknownFigures",
    "UnknownValue",
    "as_date",
    "observe",
    "resolve_roles",
    "share_fraction",
    "summary",
    "title_map",
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


# ---------------------------------------------------------------------------------------
# Reading the inputs


def as_date(value: date | str | None, what: str) -> date | None:
    """A ``--since``/``--until`` value as a date (ISO 8601 text or a date); None stays None."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{what}: {value!r} is not an ISO 8601 date (YYYY-MM-DD)") from None


def title_map(
    titles: Mapping[str, str] | str | os.PathLike[str] | None, ladder: Ladder
) -> tuple[dict[str, str], str]:
    """A ``--map`` (a ``title,role`` file, or a mapping) as case-folded title -> role id,
    checked against the ladder's roles, and its name for messages."""
    if titles is None:
        return {}, "--map"
    if isinstance(titles, Mapping):
        mapped, name = {k.strip().casefold(): v for k, v in titles.items()}, "titles"
    else:
        mapped, name = read_titles(titles), os.fspath(titles)
    for title, role in mapped.items():
        if role not in ladder.roles:
            raise HistoryError(
                f"{name}: the title {title!r} is mapped to {role!r}, which is not a role of "
                f"the ladder{did_you_mean(role, ladder.roles)}"
            )
    return mapped, name


def resolve_roles(
    ladder: Ladder, history: History, titles: Mapping[str, str]
) -> tuple[list[int], list[str], list[str]]:
    """Role code of each role value (known roles 0..R-1, unknown values R+u), the unknown
    values, and notes on titles shared by several roles."""
    ids = list(ladder.roles)
    index = {role: i for i, role in enumerate(ids)}
    by_title: dict[str, list[str]] = defaultdict(list)
    for role_id, item in ladder.roles.items():
        by_title[item.title.strip().casefold()].append(role_id)
    codes: list[int] = []
    unknown: list[str] = []
    notes: list[str] = []
    for value in history.values:
        role = value if value in index else None
        if role is None:
            key = value.casefold()
            holders = by_title.get(key, [])
            if len(holders) == 1:
                role = holders[0]
            elif key in titles:
                role = titles[key]
            elif holders:
                notes.append(
                    f"the title {value!r} is shared by the roles {', '.join(holders)}: "
                    "map it to one with --map"
                )
        if role is None:
            codes.append(len(ids) + len(unknown))
            unknown.append(value)
        else:
            codes.append(index[role])
    return codes, unknown, notes


def _suggestion(value: str, ladder: Ladder) -> str | None:
    import difflib

    titles = {role.title.casefold(): role_id for role_id, role in ladder.roles.items()}
    close = difflib.get_close_matches(value, list(ladder.roles), n=1, cutoff=0.6)
    if close:
        return close[0]
    close = difflib.get_close_matches(value.casefold(), list(titles), n=1, cutoff=0.6)
    return titles[close[0]] if close else None


# ---------------------------------------------------------------------------------------
# Observing


@dataclass(frozen=True)
class Shape:
    """The ladder's roles as numbers, for the replay: role i is ``ids[i]``."""

    ids: list[str]
    rank: list[int]
    management: list[bool]
    #: family number of each role; ``families[n]`` is its name (None: no family)
    family: list[int]
    families: list[str | None]
    #: track number of each role; ``tracks[n]`` is its id
    track: list[int]
    tracks: list[str]

    @classmethod
    def of(cls, ladder: Ladder) -> Shape:
        """The shape of a loaded ladder."""
        ids = list(ladder.roles)
        families: dict[str | None, int] = {}
        tracks = {track: i for i, track in enumerate(ladder.tracks)}
        for role in ladder.roles.values():
            tracks.setdefault(role.track, len(tracks))
        return cls(
            ids=ids,
            rank=[ladder.rank(r) for r in ids],
            management=[ladder.track_kind(r) == "management" for r in ids],
            family=[families.setdefault(ladder.roles[r].family, len(families)) for r in ids],
            families=list(families),
            track=[tracks[ladder.roles[r].track] for r in ids],
            tracks=list(tracks),
        )


@dataclass
class _Tally:
    """Counts gathered in one pass over the people."""

    roles: int
    people: int = 0
    moves: int = 0
    movers: int = 0
    declared: int = 0
    unknown_moves: int = 0
    unknown_people: int = 0
    held: list[int] = field(default_factory=list)
    now: list[int] = field(default_factory=list)
    up: list[int] = field(default_factory=list)
    up_free: list[int] = field(default_factory=list)
    level_held: list[int] = field(default_factory=list)
    level_up: list[int] = field(default_factory=list)
    level_up_free: list[int] = field(default_factory=list)
    track_held: list[int] = field(default_factory=list)
    pair_moves: dict[int, int] = field(default_factory=dict)
    pair_people: dict[int, int] = field(default_factory=dict)
    managers: dict[int, int] = field(default_factory=dict)
    returned: dict[int, int] = field(default_factory=dict)
    return_moves: dict[int, int] = field(default_factory=dict)
    value_people: dict[int, int] = field(default_factory=dict)
    # Kaplan-Meier samples per role: (time, event, entry), days
    times: list[list[int]] = field(default_factory=list)
    events: list[list[bool]] = field(default_factory=list)
    entries: list[list[int]] = field(default_factory=list)


def observe(
    ladder: Ladder,
    history: History | str | os.PathLike[str],
    *,
    since: date | str | None = None,
    until: date | str | None = None,
    titles: Mapping[str, str] | str | os.PathLike[str] | None = None,
    min_people: int = 5,
    min_share: Fraction | float | str = Fraction(1, 10),
    sheet: str | None = None,
    rule_options: Mapping[str, Mapping[str, Any]] | None = None,
) -> Observation:
    """Hold ``ladder`` against ``history`` (a :class:`History`, or a CSV or workbook path).

    ``titles`` maps job titles to role ids (a ``title,role`` CSV path, or a mapping);
    ``min_people`` is the smallest count shown, and the threshold of LAD401-LAD403;
    ``min_share`` is LAD401's; ``rule_options`` may set ``min-people``/``min-share`` per
    rule code. Raises :class:`~ladders.observe.history.HistoryError` for a history that
    cannot be read and :class:`~ladders.UsageError` for bad arguments.
    """
    if isinstance(min_people, bool) or not isinstance(min_people, int) or min_people < 1:
        raise UsageError(f"min-people must be a whole number of at least 1, not {min_people!r}")
    share = share_fraction(min_share, "min-share")
    if not isinstance(history, History):
        history = read_history(history, sheet=sheet)
    since_date, until_date = as_date(since, "since"), as_date(until, "until")
    until_date = until_date or history.last_date
    since_date = since_date or history.first_date
    if since_date > until_date:
        raise UsageError(
            f"the window is empty: since {since_date.isoformat()} is after "
            f"until {until_date.isoformat()}"
        )
    mapped, _ = title_map(titles, ladder)
    codes, unknown_values, title_notes = resolve_roles(ladder, history, mapped)
    shape = Shape.of(ladder)
    notes = Notes()
    tally = _replay(
        ladder, shape, history, codes, since_date.toordinal(), until_date.toordinal(), notes
    )
    return _observation(
        ladder,
        shape,
        history,
        since_date,
        until_date,
        min_people,
        share,
        tally,
        unknown_values,
        [*notes.lines(history.name), *title_notes],
        rule_options or {},
    )


def _replay(
    ladder: Ladder,
    shape: Shape,
    history: History,
    codes: list[int],
    since: int,
    until: int,
    notes: Notes,
) -> _Tally:
    ids = shape.ids
    count = len(ids)
    rank, management, family, track = shape.rank, shape.management, shape.family, shape.track
    index = {r: i for i, r in enumerate(ids)}
    declared_pairs = {index[a] * count + index[b] for a, b in ladder.graph.edges}
    levels = len(ladder.levels)
    t = _Tally(count)
    t.held, t.now, t.up, t.up_free = [0] * count, [0] * count, [0] * count, [0] * count
    t.level_held, t.level_up, t.level_up_free = [0] * levels, [0] * levels, [0] * levels
    t.track_held = [0] * len(shape.tracks)
    t.times = [[] for _ in ids]
    t.events = [[] for _ in ids]
    t.entries = [[] for _ in ids]
    pair_moves, pair_people = t.pair_moves, t.pair_people
    held_count, now_count, up_count, up_free = t.held, t.now, t.up, t.up_free
    level_held, level_up, level_up_free = t.level_held, t.level_up, t.level_up_free
    times, events, entries = t.times, t.events, t.entries
    # Spells can start before the window only when it starts after the first date.
    truncated = since > min(history.date)
    # People are counted distinct without a set per person: each count remembers the
    # last person (by number) it counted.
    held_by = [-1] * count
    risen_by = [-1] * count
    level_held_by = [-1] * levels
    level_risen_by = [-1] * levels
    track_by = [-1] * len(shape.tracks)
    manager_by = [-1] * len(shape.families)
    returned_by = [-1] * len(shape.families)
    pair_by: dict[int, int] = {}
    value_by: dict[int, int] = {}
    me = -1
    moves = declared = unknown_moves = people = movers = unknown_people = 0
    for stints in replay(history, codes, until, notes):
        me += 1
        present = moved = unknown = False
        for roles, starts, end in stints:
            last = len(roles) - 1
            for j, role in enumerate(roles):
                start = starts[j]
                stop = starts[j + 1] if j < last else end
                if stop is not None and stop < since:
                    continue  # ended before the window
                present = True
                if j and start >= since:
                    before = roles[j - 1]
                    if before < count and role < count:
                        moves += 1
                        moved = True
                        pair = before * count + role
                        pair_moves[pair] = pair_moves.get(pair, 0) + 1
                        if pair_by.get(pair) != me:
                            pair_by[pair] = me
                            pair_people[pair] = pair_people.get(pair, 0) + 1
                        if pair in declared_pairs:
                            declared += 1
                        fam = family[before]
                        if management[before] and not management[role] and fam == family[role]:
                            t.return_moves[fam] = t.return_moves.get(fam, 0) + 1
                            if returned_by[fam] != me:
                                returned_by[fam] = me
                                t.returned[fam] = t.returned.get(fam, 0) + 1
                    else:
                        unknown_moves += 1
                if role >= count:
                    unknown = True
                    value = role - count
                    if value_by.get(value) != me:
                        value_by[value] = me
                        t.value_people[value] = t.value_people.get(value, 0) + 1
                    continue
                here = rank[role]
                if held_by[role] != me:
                    held_by[role] = me
                    held_count[role] += 1
                    if level_held_by[here] != me:
                        level_held_by[here] = me
                        level_held[here] += 1
                    number = track[role]
                    if track_by[number] != me:
                        track_by[number] = me
                        t.track_held[number] += 1
                    fam = family[role]
                    if management[role] and manager_by[fam] != me:
                        manager_by[fam] = me
                        t.managers[fam] = t.managers.get(fam, 0) + 1
                if stop is None:
                    now_count[role] += 1
                # the first later spell of this stint at a higher rank
                higher = -1
                through = False
                if j < last:
                    for q in range(j + 1, last + 1):
                        other = roles[q]
                        if other >= count:
                            continue
                        if management[other]:
                            through = True
                        if rank[other] > here:
                            higher = q
                            break
                if higher >= 0:
                    times[role].append(starts[higher] - start)
                    events[role].append(True)
                else:
                    times[role].append((end if end is not None else until) - start)
                    events[role].append(False)
                if truncated:
                    entries[role].append(max(0, since - start))
                if risen_by[role] != me:
                    risen_by[role] = me
                    if higher >= 0:
                        up_count[role] += 1
                        if not through:
                            up_free[role] += 1
                if level_risen_by[here] != me:
                    level_risen_by[here] = me
                    if higher >= 0:
                        level_up[here] += 1
                        if not through:
                            level_up_free[here] += 1
        if present:
            people += 1
            movers += moved
            unknown_people += unknown
    t.moves, t.declared, t.unknown_moves = moves, declared, unknown_moves
    t.people, t.movers, t.unknown_people = people, movers, unknown_people
    return t


def _months(samples: Samples | None) -> float | None:
    days = samples.median() if samples is not None else None
    return None if days is None else days / DAYS_PER_MONTH


def _observation(
    ladder: Ladder,
    shape: Shape,
    history: History,
    since: date,
    until: date,
    min_people: int,
    min_share: Fraction,
    t: _Tally,
    unknown_values: list[str],
    notes: list[str],
    rule_options: Mapping[str, Mapping[str, Any]],
) -> Observation:
    from ladders.model import move_kind

    ids = shape.ids
    count = len(ids)
    rank = shape.rank
    level_ids = [level.id for level in ladder.levels]
    samples: list[Samples | None] = [
        Samples.of(t.times[i], t.events[i], t.entries[i] if t.entries[i] else None)
        if t.times[i]
        else None
        for i in range(count)
    ]
    roles = {
        role: RoleFigures(
            held=t.held[i],
            now=t.now[i],
            up=t.up[i],
            up_without_management=t.up_free[i],
            median_months_to_next_level=_months(samples[i]),
        )
        for i, role in enumerate(ids)
    }
    levels = {
        level: LevelFigures(t.level_held[i], t.level_up[i], t.level_up_free[i])
        for i, level in enumerate(level_ids)
    }
    tracks = _tracks(ladder, shape, t)
    taken: list[MoveCount] = []
    for pair, moves in t.pair_moves.items():
        a, b = divmod(pair, count)
        kind = move_kind(rank[a], rank[b], ladder.track_kind(ids[b]) == "management")
        taken.append(MoveCount(ids[a], ids[b], kind, t.pair_people[pair], moves))
    taken.sort(key=lambda m: (m.source, m.target))
    graph = ladder.graph
    undeclared = sorted(
        (m for m in taken if not graph.has_edge(m.source, m.target)),
        key=lambda m: (-m.people, m.source, m.target),
    )
    used = {(m.source, m.target) for m in taken}
    unused = tuple(sorted((a, b) for a, b in graph.edges if (a, b) not in used))
    returns = _returns(ladder, shape, t)
    unknown = UnknownFigures(
        people=t.unknown_people,
        moves=t.unknown_moves,
        values=tuple(
            sorted(
                (
                    # a suggestion only for the values a report may list
                    UnknownValue(
                        value,
                        people,
                        _suggestion(value, ladder) if people >= min_people else None,
                    )
                    for i, value in enumerate(unknown_values)
                    if (people := t.value_people.get(i, 0))
                ),
                key=lambda v: (-v.people, v.value),
            )
        ),
    )
    observation = Observation(
        ladder=ladder.files[0] if ladder.files else None,
        history=history.source,
        sheet=history.sheet,
        since=since,
        until=until,
        min_people=min_people,
        min_share=min_share,
        people=t.people,
        moves=t.moves,
        movers=t.movers,
        declared=t.declared,
        undeclared=tuple(undeclared),
        unused=unused,
        roles=roles,
        levels=levels,
        tracks=tracks,
        returns=returns,
        unknown=unknown,
        taken=tuple(taken),
        notes=tuple(notes),
        role_titles={r: ladder.roles[r].title for r in ids},
        role_levels={r: ladder.roles[r].level for r in ids},
        role_tracks={r: ladder.roles[r].track for r in ids},
        role_kinds={r: ladder.track_kind(r) for r in ids},
        role_families={r: ladder.roles[r].family for r in ids},
    )
    from ladders.observe.findings import findings

    found = findings(ladder, shape, observation, rule_options)
    return Observation(**{**observation.__dict__, "findings": tuple(found)})


def _tracks(ladder: Ladder, shape: Shape, t: _Tally) -> dict[str, TrackFigures]:
    figures: dict[str, TrackFigures] = {}
    for number, track in enumerate(shape.tracks):
        members = [i for i, n in enumerate(shape.track) if n == number and t.times[i]]
        samples = None
        if members:
            samples = Samples.of(
                list(chain.from_iterable(t.times[i] for i in members)),
                list(chain.from_iterable(t.events[i] for i in members)),
                list(chain.from_iterable(t.entries[i] for i in members)) or None,
            )
        kind = ladder.tracks[track].kind if track in ladder.tracks else "technical"
        figures[track] = TrackFigures(
            kind=kind, held=t.track_held[number], median_months_to_next_level=_months(samples)
        )
    return figures


def _returns(ladder: Ladder, shape: Shape, t: _Tally) -> dict[str, FamilyReturns]:
    family, management = shape.family, shape.management
    index = {r: i for i, r in enumerate(shape.ids)}
    declared: dict[int, int] = defaultdict(int)
    for a, b in ladder.graph.edges:
        i, j = index[a], index[b]
        if management[i] and not management[j] and family[i] == family[j]:
            declared[family[i]] += 1
    out: dict[str, FamilyReturns] = {}
    for number, name in enumerate(shape.families):
        if not any(m for m, f in zip(management, family, strict=True) if f == number):
            continue
        out[name if name is not None else NO_FAMILY] = FamilyReturns(
            managers=t.managers.get(number, 0),
            returned=t.returned.get(number, 0),
            moves=t.return_moves.get(number, 0),
            declared=declared.get(number, 0),
        )
    return out
