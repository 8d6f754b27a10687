"""Rates seen, projected forward: :func:`project` and its :class:`Projection`.

From a history, per role r: the person-years spent in r in the window (days / 365.25),
the moves out of r to each other role and the exits from r (a move to a role value the
ladder does not have counts as leaving). The yearly probability of each next role, and of
leaving, is its count over r's person-years; staying is the rest (when the rates add up to
more than 1, as they can for a role people pass through in months, they are scaled down
to 1, which keeps every absorption probability). Hires per role per year are the stints
that start in the role after ``since`` (people there on the first day are the starting
headcount, not hires), over the window's years.

These rates make a yearly Markov chain over the roles plus leaving, from which, per
technical role r and each level L above r's up to its family's technical ceiling:

- ``reach[L]``: the probability of ever holding a technical role (of any family) at level
  L or above without entering management first: management roles, leaving and roles
  with no history are absorbing; ``b = (I - Q)^-1 R`` over the technical roles below L;
- ``years_to[L]``: the expected years to get there among those who do:
  ``(I - Q)^-1 b / b`` (each year spent in a role below L, weighted by the chance of
  still getting there);
- ``reach_top_technical``: ``reach`` at the family's technical ceiling (None at or
  above it);

and the expected headcount per role for each of the next ``years`` years, from the people
in each role at ``until`` and the same hiring. These are rates seen, not promises.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ladders._version import __version__
from ladders.errors import UsageError
from ladders.observe.history import History, read_history
from ladders.observe.observation import Shape, as_date, resolve_roles, title_map
from ladders.observe.privacy import few, shown
from ladders.observe.replay import Notes, replay

if TYPE_CHECKING:
    from ladders.ladder import Ladder

__all__ = ["DAYS_PER_YEAR", "Projection", "RoleRates", "RoleReach", "project"]

#: days in a year, for person-years
DAYS_PER_YEAR = 365.25
#: what every projection says about itself
CAVEAT = (
    "These are rates seen in the history, projected forward as they were: not promises, "
    "and only as good as the number of people behind each figure."
)
_EPSILON = 1e-12


@dataclass(frozen=True)
class RoleRates:
    """The yearly rates of one role, from the history (raw: show them with ``to_dict``)."""

    #: people who held the role in the window
    people: int
    person_years: float
    #: next role -> (yearly probability, people who made the move)
    moves: Mapping[str, tuple[float, int]]
    #: yearly probability of leaving, and the people who left
    leave: tuple[float, int]
    stay: float
    #: stints starting in the role after ``since``, per year, and how many
    hires: tuple[float, int]
    #: when the rates added up to more than 1 a year and were scaled down
    scaled: bool = False

    @property
    def estimated(self) -> bool:
        """Whether there was any time spent in the role to estimate rates from."""
        return self.person_years > 0


@dataclass(frozen=True)
class RoleReach:
    """How far people get from one technical role without management, at the rates seen."""

    people: int
    #: level id -> probability (None when it could not be estimated)
    reach: Mapping[str, float | None]
    years_to: Mapping[str, float | None]
    #: the family's technical ceiling (a level id), None when the role is at or above it
    top: str | None
    note: str | None = None

    @property
    def reach_top_technical(self) -> float | None:
        """``reach`` at the family's technical ceiling (None at or above it)."""
        return self.reach.get(self.top) if self.top is not None else None


@dataclass(frozen=True)
class Projection:
    """Transition rates seen in a history, and what they imply (see the module)."""

    ladder: str | None
    history: str
    sheet: str | None
    since: date
    until: date
    years: int
    min_people: int
    rates: Mapping[str, RoleRates]
    #: per technical role
    roles: Mapping[str, RoleReach]
    #: (year, role -> expected headcount) for each year after ``until``
    headcount: tuple[tuple[int, Mapping[str, float]], ...]
    notes: tuple[str, ...] = ()
    #: people in each role at ``until`` (raw: show them with ``to_dict``)
    now: Mapping[str, int] = field(default_factory=dict)
    #: role -> (level id, track kind), for grouping the headcount
    places: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def few_people(self) -> tuple[str, ...]:
        """Roles whose rates rest on fewer than ``min_people`` people (marked in reports)."""
        return tuple(r for r, rates in self.rates.items() if rates.people < self.min_people)

    def headcount_by_level(self) -> list[tuple[int, dict[tuple[str, str], float]]]:
        """Per year, (level id, track kind) -> expected headcount."""
        out = []
        for year, roles in self.headcount:
            totals: dict[tuple[str, str], float] = {}
            for role, value in roles.items():
                key = self.places[role]
                totals[key] = totals.get(key, 0.0) + value
            out.append((year, totals))
        return out

    def to_dict(self) -> dict[str, Any]:
        """The ``--format json`` document of DESIGN §7 (figures behind fewer than
        ``min_people`` people as ``"<K"``)."""
        k = self.min_people
        hidden = f"<{k}"
        roles: dict[str, Any] = {}
        for role, reach in self.roles.items():
            if few(reach.people, k):
                roles[role] = {
                    "people": hidden,
                    "reach_top_technical": hidden if reach.top is not None else None,
                    "reach": dict.fromkeys(reach.reach, hidden),
                    "years_to": dict.fromkeys(reach.years_to, hidden),
                }
                continue
            item: dict[str, Any] = {
                "people": reach.people,
                "reach_top_technical": _round(reach.reach_top_technical, 2),
                "reach": {level: _round(p, 2) for level, p in reach.reach.items()},
                "years_to": {level: _round(y, 1) for level, y in reach.years_to.items()},
            }
            if reach.note:
                item["note"] = reach.note
            roles[role] = item
        document: dict[str, Any] = {
            "version": 1,
            "tool": {"name": "ladders", "version": __version__},
            "ladder": self.ladder,
            "history": self.history,
        }
        if self.sheet is not None:
            document["sheet"] = self.sheet
        document |= {
            "window": {"since": self.since.isoformat(), "until": self.until.isoformat()},
            "years": self.years,
            "min_people": k,
            "note": CAVEAT,
            "roles": roles,
            "rates": {role: self._rates(rates) for role, rates in self.rates.items()},
            "now": {role: shown(count, k) for role, count in self.now.items()},
            "headcount": [
                {"year": year, "roles": {r: round(v, 1) for r, v in values.items()}}
                for year, values in self.headcount
            ],
            "few_people": list(self.few_people),
            "notes": list(self.notes),
        }
        return document

    def _rates(self, rates: RoleRates) -> dict[str, Any]:
        k = self.min_people
        hidden = f"<{k}"
        hires: float | str = round(rates.hires[0], 1)
        if few(rates.hires[1], k):
            hires = hidden
        if not rates.estimated:
            return {
                "people": shown(rates.people, k),
                "person_years": 0,
                "moves": {},
                "leave": None,
                "stay": None,
                "hires_per_year": hires,
                "note": "no time spent in this role in the window: no rates to estimate",
            }
        if few(rates.people, k):
            return {
                "people": hidden,
                "person_years": hidden,
                "moves": hidden,
                "leave": hidden,
                "stay": hidden,
                "hires_per_year": hires,
            }
        # A probability from fewer than K people is hidden, and then so is staying, which
        # would give it away as the rest.
        moves = {
            target: (hidden if few(people, k) else round(p, 3))
            for target, (p, people) in sorted(rates.moves.items())
        }
        leave: float | str = hidden if few(rates.leave[1], k) else round(rates.leave[0], 3)
        any_hidden = leave == hidden or hidden in moves.values()
        item: dict[str, Any] = {
            "people": rates.people,
            "person_years": round(rates.person_years, 1),
            "moves": moves,
            "leave": leave,
            "stay": hidden if any_hidden else round(rates.stay, 3),
            "hires_per_year": hires,
        }
        if rates.scaled:
            item["note"] = "the rates added up to more than 1 a year and were scaled to 1"
        return item


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


@dataclass
class _Counts:
    exposure: list[int]
    people: list[int]
    now: list[int]
    hires: list[int]
    exits: list[int]
    exit_people: list[int]
    moves: list[dict[int, int]]
    move_people: list[dict[int, int]]


def _count(
    shape: Shape, history: History, codes: list[int], since: int, until: int, notes: Notes
) -> _Counts:
    n = len(shape.ids)
    c = _Counts(
        exposure=[0] * n,
        people=[0] * n,
        now=[0] * n,
        hires=[0] * n,
        exits=[0] * n,
        exit_people=[0] * n,
        moves=[{} for _ in range(n)],
        move_people=[{} for _ in range(n)],
    )
    for stints in replay(history, codes, until, notes):
        held: set[int] = set()
        pairs: set[tuple[int, int]] = set()
        left: set[int] = set()
        for roles, starts, end in stints:
            last = len(roles) - 1
            for j, role in enumerate(roles):
                start = starts[j]
                stop = starts[j + 1] if j < last else end
                ends = stop if stop is not None else until
                if ends < since:
                    continue
                known = role < n
                if known:
                    c.exposure[role] += ends - max(start, since)
                    held.add(role)
                    if stop is None:
                        c.now[role] += 1
                before = roles[j - 1] if j else None
                if before is not None and before < n and start >= since:
                    if known:
                        row = c.moves[before]
                        row[role] = row.get(role, 0) + 1
                        pairs.add((before, role))
                    else:  # into a role value the ladder does not have: leaving it
                        c.exits[before] += 1
                        left.add(before)
                elif known and start > since:
                    c.hires[role] += 1  # a hire, a re-hire, or from an unknown role value
            if end is not None and end >= since and roles[-1] < n:
                c.exits[roles[-1]] += 1
                left.add(roles[-1])
        for role in held:
            c.people[role] += 1
        for a, b in pairs:
            row = c.move_people[a]
            row[b] = row.get(b, 0) + 1
        for role in left:
            c.exit_people[role] += 1
    return c


def _rates(shape: Shape, c: _Counts, window_years: float) -> dict[str, RoleRates]:
    rates: dict[str, RoleRates] = {}
    for i, role in enumerate(shape.ids):
        years = c.exposure[i] / DAYS_PER_YEAR
        hires = c.hires[i] / window_years if window_years > 0 else 0.0
        if years <= 0:
            rates[role] = RoleRates(c.people[i], 0.0, {}, (0.0, 0), 1.0, (hires, c.hires[i]))
            continue
        moves = {j: count / years for j, count in c.moves[i].items()}
        leave = c.exits[i] / years
        total = leave + sum(moves.values())
        scaled = total > 1
        if scaled:
            moves = {j: p / total for j, p in moves.items()}
            leave /= total
            total = 1.0
        rates[role] = RoleRates(
            people=c.people[i],
            person_years=years,
            moves={shape.ids[j]: (p, c.move_people[i].get(j, 0)) for j, p in sorted(moves.items())},
            leave=(leave, c.exit_people[i]),
            stay=max(0.0, 1.0 - total),
            hires=(hires, c.hires[i]),
            scaled=scaled,
        )
    return rates


def absorption(q: Any, r: Any) -> tuple[Any, Any]:
    """For an absorbing chain with transient-to-transient matrix ``q`` (n x n) and the
    one-step probabilities ``r`` (n) of entering the target: the probability ``b`` of
    ever entering it from each transient state, and the expected steps ``t`` to it among
    those who do (NaN where ``b`` is 0).

    States from which nothing is absorbing (a closed class: people who only ever stay)
    get ``b = 0``, so ``I - Q`` is invertible on the rest.

    >>> import numpy as np
    >>> b, t = absorption(np.array([[0.5, 0.2], [0.0, 0.6]]), np.array([0.1, 0.3]))
    >>> b.round(4).tolist(), t.round(4).tolist()
    ([0.5, 0.75], [3.5, 2.5])
    """
    import numpy as np

    q = np.asarray(q, dtype=float)
    r = np.asarray(r, dtype=float)
    n = len(r)
    leaks = 1.0 - q.sum(axis=1) > _EPSILON
    # states that can reach a leaking one through q (those that can be absorbed at all)
    can = leaks.copy()
    changed = True
    while changed:
        grown = can | ((q > 0) & can[None, :]).any(axis=1)
        changed = bool((grown != can).any())
        can = grown
    b = np.zeros(n)
    t = np.full(n, np.nan)
    keep = np.flatnonzero(can)
    if len(keep):
        sub = np.eye(len(keep)) - q[np.ix_(keep, keep)]
        b_keep = np.linalg.solve(sub, r[keep])
        steps = np.linalg.solve(sub, b_keep)
        b[keep] = b_keep
        with np.errstate(divide="ignore", invalid="ignore"):
            t[keep] = np.where(b_keep > _EPSILON, steps / b_keep, np.nan)
    return b, t


def _reach(ladder: Ladder, shape: Shape, rates: Mapping[str, RoleRates]) -> dict[str, RoleReach]:
    import numpy as np

    ids = shape.ids
    n = len(ids)
    index = {r: i for i, r in enumerate(ids)}
    levels = [level.id for level in ladder.levels]
    technical = [not m for m in shape.management]
    ceiling: dict[int, int] = {}
    for i in range(n):
        if technical[i]:
            ceiling[shape.family[i]] = max(ceiling.get(shape.family[i], -1), shape.rank[i])
    estimated = [rates[r].estimated for r in ids]
    p = np.zeros((n, n))
    for i, role in enumerate(ids):
        item = rates[role]
        if not item.estimated:
            continue
        p[i, i] = item.stay
        for target, (probability, _) in item.moves.items():
            p[i, index[target]] += probability
    found: dict[int, tuple[Any, Any, dict[int, int]]] = {}

    def solve(target: int) -> tuple[Any, Any, dict[int, int]]:
        if target not in found:
            below = [
                i for i in range(n) if technical[i] and estimated[i] and shape.rank[i] < target
            ]
            success = [j for j in range(n) if technical[j] and shape.rank[j] >= target]
            q = p[np.ix_(below, below)]
            r = p[np.ix_(below, success)].sum(axis=1) if success else np.zeros(len(below))
            b, t = absorption(q, r)
            found[target] = (b, t, {i: k for k, i in enumerate(below)})
        return found[target]

    out: dict[str, RoleReach] = {}
    for i, role in enumerate(ids):
        if not technical[i]:
            continue
        top = ceiling[shape.family[i]]
        higher = range(shape.rank[i] + 1, top + 1)
        top_level = levels[top] if shape.rank[i] < top else None
        if not estimated[i]:
            out[role] = RoleReach(
                rates[role].people,
                dict.fromkeys((levels[x] for x in higher), None),
                dict.fromkeys((levels[x] for x in higher), None),
                top_level,
                "no time spent in this role in the window: nothing to estimate",
            )
            continue
        reach: dict[str, float | None] = {}
        years: dict[str, float | None] = {}
        for rank in higher:
            b, t, at = solve(rank)
            k = at[i]
            reach[levels[rank]] = float(b[k])
            years[levels[rank]] = None if np.isnan(t[k]) else float(t[k])
        out[role] = RoleReach(rates[role].people, reach, years, top_level)
    return out


def _headcount(
    shape: Shape, rates: Mapping[str, RoleRates], now: list[int], start: int, years: int
) -> tuple[tuple[int, dict[str, float]], ...]:
    import numpy as np

    ids = shape.ids
    n = len(ids)
    index = {r: i for i, r in enumerate(ids)}
    m = np.zeros((n, n))
    hires = np.zeros(n)
    for i, role in enumerate(ids):
        item = rates[role]
        hires[i] = item.hires[0]
        if not item.estimated:
            m[i, i] = 1.0  # nothing seen: assume they stay
            continue
        m[i, i] = item.stay
        for target, (probability, _) in item.moves.items():
            m[i, index[target]] += probability
    h = np.asarray(now, dtype=float)
    out = []
    for year in range(start + 1, start + years + 1):
        h = h @ m + hires
        out.append((year, {role: float(h[i]) for i, role in enumerate(ids)}))
    return tuple(out)


def project(
    ladder: Ladder,
    history: History | str | os.PathLike[str],
    *,
    years: int = 3,
    since: date | str | None = None,
    until: date | str | None = None,
    titles: Mapping[str, str] | str | os.PathLike[str] | None = None,
    min_people: int = 5,
    sheet: str | None = None,
) -> Projection:
    """Estimate yearly transition rates from ``history`` and project them (see the module).

    ``history``, ``since``, ``until``, ``titles``, ``min_people`` and ``sheet`` are as for
    :func:`~ladders.observe.observation`; ``years`` is how many years after ``until`` to
    project the headcount for.
    """
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= 100:
        raise UsageError(f"years must be a whole number from 1 to 100, not {years!r}")
    if isinstance(min_people, bool) or not isinstance(min_people, int) or min_people < 1:
        raise UsageError(f"min-people must be a whole number of at least 1, not {min_people!r}")
    if not isinstance(history, History):
        history = read_history(history, sheet=sheet)
    since_date = as_date(since, "since") or history.first_date
    until_date = as_date(until, "until") or history.last_date
    if since_date > until_date:
        raise UsageError(
            f"the window is empty: since {since_date.isoformat()} is after "
            f"until {until_date.isoformat()}"
        )
    mapped, _ = title_map(titles, ladder)
    codes, _, title_notes = resolve_roles(ladder, history, mapped)
    shape = Shape.of(ladder)
    notes = Notes()
    counts = _count(shape, history, codes, since_date.toordinal(), until_date.toordinal(), notes)
    window_years = (until_date - since_date).days / DAYS_PER_YEAR
    rates = _rates(shape, counts, window_years)
    extra = [*notes.lines(history.name), *title_notes]
    if window_years <= 0:
        extra.append("the window is a single day: no hiring rate can be estimated")
    return Projection(
        ladder=ladder.files[0] if ladder.files else None,
        history=history.source,
        sheet=history.sheet,
        since=since_date,
        until=until_date,
        years=years,
        min_people=min_people,
        rates=rates,
        roles=_reach(ladder, shape, rates),
        headcount=_headcount(shape, rates, counts.now, until_date.year, years),
        notes=tuple(extra),
        now=dict(zip(shape.ids, counts.now, strict=True)),
        places={
            r: (ladder.roles[r].level, "management" if m else "technical")
            for r, m in zip(shape.ids, shape.management, strict=True)
        },
    )
