"""Questions asked of the whole ladder: progression, reachability, the stuck specialist.

These are plain functions of a :class:`~ladders.index.LadderIndex`; none does I/O. They
answer for every role at once and cost O(roles + moves) for the whole ladder, however
long the routes: a ladder of a million roles is answered in seconds.

The words are those of DESIGN §2. A **route** is a path of one or more moves; it is
**non-managerial** if no role on it after the first is on a management track. A role
**can progress** if some route from it reaches a higher level, and **can progress
without management** if a non-managerial route does. Routes may cross families and
may step back a level before rising.

>>> import ladders
>>> from ladders.index import LadderIndex
>>> ladder = ladders.loads('''
... levels: [L1, L2, L3]
... tracks: {ic: technical, mgmt: management}
... roles:
...   dev: {title: Developer, track: ic, level: L2, moves: [lead, junior]}
...   junior: {title: Junior Developer, track: ic, level: L1, moves: [senior]}
...   senior: {title: Senior Developer, track: ic, level: L3}
...   lead: {title: Team Lead, track: mgmt, level: L3}
... ''')
>>> progress = Progression(LadderIndex(ladder))
>>> progress["dev"].can_progress_without_management   # by stepping back to junior first
True
>>> progress["dev"].route_without_management
('dev', 'junior', 'senior')
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import chain, compress, repeat
from operator import le
from typing import TYPE_CHECKING, Literal, NamedTuple

from ladders.errors import UsageError
from ladders.index import LadderIndex, consume

if TYPE_CHECKING:
    from ladders.model import Band

__all__ = [
    "Facts",
    "Progression",
    "RoleProgress",
    "StuckReason",
    "StuckRole",
    "dead_end",
    "management_only",
    "reachable",
    "stuck",
    "unreachable",
]

_NOT = bytes([1]) + bytes(255)  # bytearray.translate table: 0 -> 1, anything else -> 0


def _fill(array: list[int] | bytearray, positions: Iterable[int], value: int) -> None:
    """``array[p] = value`` for every ``p`` in ``positions`` (at C speed)."""
    consume(map(array.__setitem__, positions, repeat(value)))


class _Sweep:
    """Highest rank each role reaches, by the threshold sweep of DESIGN §3.

    Thresholds are walked from the highest rank down. At rank ``r`` the roles of rank
    ``r`` join the sources of one shared reverse search, so a role first reached at
    rank ``r`` has a route to a role of rank ``r`` and none to a higher one. Every role
    and move is visited once; the search goes a whole frontier at a time with set
    operations. ``allowed`` marks the roles a route may pass through or end at after
    its first role (``None``: every role).

    ``stamp`` counts search steps; ``reached_at[u]`` is the step that first reached
    ``u`` and ``expanded_at[v]`` the step after which ``v``'s predecessors were searched.
    A role reached at step ``s`` has a move to a role expanded before ``s``, which is how
    :meth:`route` finds a witness without storing one per role.
    """

    __slots__ = ("allowed", "expanded_at", "highest", "index", "reached_at", "source")

    def __init__(self, index: LadderIndex, allowed: bytearray | None) -> None:
        count = len(index)
        self.index = index
        self.allowed = allowed
        self.highest = highest = [-1] * count  # highest rank reachable by a route; -1: none
        self.reached_at = reached_at = [-1] * count
        self.expanded_at = expanded_at = [-1] * count
        self.source = source = bytearray(count)
        predecessors = index.predecessors.__getitem__
        can_pass = None if allowed is None else set(compress(range(count), allowed))
        reached: set[int] = set()
        expanded: set[int] = set()
        stamp = 0
        for rank, roles in reversed(list(enumerate(index.by_rank))):
            frontier = roles - expanded if can_pass is None else (roles & can_pass) - expanded
            if not frontier:
                continue
            stamp += 1
            expanded |= frontier
            _fill(expanded_at, frontier, stamp)
            _fill(source, frontier, 1)
            while frontier:
                fresh = set(chain.from_iterable(map(predecessors, frontier)))
                fresh -= reached
                if not fresh:
                    break
                stamp += 1
                reached |= fresh
                _fill(highest, fresh, rank)
                _fill(reached_at, fresh, stamp)
                if can_pass is not None:
                    fresh &= can_pass
                fresh -= expanded
                expanded |= fresh
                _fill(expanded_at, fresh, stamp)
                frontier = fresh

    def route(self, start: int) -> list[int]:
        """A route from ``start`` to a role of its highest reachable rank ([] if none).

        Each step takes a move to a role expanded before the current role was reached:
        such a role reaches the same highest rank, was itself reached earlier, and the
        walk ends at a source, a role of that rank.
        """
        if self.highest[start] < 0:
            return []
        expanded_at, reached_at, source = self.expanded_at, self.reached_at, self.source
        targets, offsets = self.index.targets, self.index.offsets
        route = [start]
        role = start
        while True:
            before = reached_at[role]
            for target in targets[offsets[role] : offsets[role + 1]]:
                if 0 <= expanded_at[target] < before:
                    break
            else:  # pragma: no cover (the sweep guarantees a move)
                raise AssertionError(f"no witness move out of role {role}")
            route.append(target)
            if source[target]:
                return route
            role = target


class RoleProgress(NamedTuple):
    """How far one role can go (DESIGN §2), with one witness route each way.

    ``highest`` is the highest level id any route from the role reaches (``None`` if it
    has no moves); ``route`` is one route that reaches it, as role ids from the role
    itself. The ``_without_management`` fields are the same for non-managerial routes.
    """

    role: str
    can_progress: bool
    can_progress_without_management: bool
    highest: str | None
    highest_without_management: str | None
    route: tuple[str, ...]
    route_without_management: tuple[str, ...]


class Progression(Mapping[str, RoleProgress]):
    """Progression of every role at once: a mapping role id -> :class:`RoleProgress`.

    Built from a :class:`~ladders.index.LadderIndex`. Each of the two sweeps (any route,
    non-managerial routes) costs O(roles + moves) and runs on first use; looking a role
    up then costs the length of its witness routes.
    """

    def __init__(self, index: LadderIndex) -> None:
        self.index = index
        self._sweeps: dict[bool, _Sweep] = {}

    def _sweep(self, without_management: bool) -> _Sweep:
        sweep = self._sweeps.get(without_management)
        if sweep is None:
            allowed = None
            if without_management:
                allowed = self.index.management.translate(_NOT)
            sweep = self._sweeps[without_management] = _Sweep(self.index, allowed)
        return sweep

    @property
    def highest(self) -> list[int]:
        """Highest rank each role (by number) reaches by any route; -1 if none."""
        return self._sweep(False).highest

    @property
    def highest_without_management(self) -> list[int]:
        """Highest rank each role (by number) reaches by a non-managerial route; -1 if none."""
        return self._sweep(True).highest

    def route_numbers(self, role: int, *, without_management: bool = False) -> list[int]:
        """A witness route (role numbers) to the highest rank the role reaches."""
        return self._sweep(without_management).route(role)

    def __getitem__(self, role_id: str) -> RoleProgress:
        index = self.index
        i = index.position.get(role_id)
        if i is None:
            raise KeyError(role_id)
        rank, top, top_nm = index.rank[i], self.highest[i], self.highest_without_management[i]
        ids = index.ids
        return RoleProgress(
            role=role_id,
            can_progress=top > rank,
            can_progress_without_management=top_nm > rank,
            highest=index.levels[top] if top >= 0 else None,
            highest_without_management=index.levels[top_nm] if top_nm >= 0 else None,
            route=tuple(ids[j] for j in self._sweep(False).route(i)),
            route_without_management=tuple(ids[j] for j in self._sweep(True).route(i)),
        )

    def __iter__(self) -> Iterator[str]:
        return iter(self.index.ids)

    def __len__(self) -> int:
        return len(self.index)

    def can_progress(self, role_id: str) -> bool:
        """Whether some route from the role reaches a higher level."""
        i = self._number(role_id)
        return self.highest[i] > self.index.rank[i]

    def can_progress_without_management(self, role_id: str) -> bool:
        """Whether some non-managerial route from the role reaches a higher level."""
        i = self._number(role_id)
        return self.highest_without_management[i] > self.index.rank[i]

    def _number(self, role_id: str) -> int:
        i = self.index.position.get(role_id)
        if i is None:
            raise UsageError(f"no role {role_id!r} in the ladder")
        return i


def reachable(index: LadderIndex) -> set[int]:
    """The entry roles and every role reachable from one, by number (a frontier at a time)."""
    seen = set(index.entries)
    frontier = seen
    while frontier:
        frontier = set(chain.from_iterable(index.moves_of(frontier)))
        frontier -= seen
        seen |= frontier
    return seen


def unreachable(index: LadderIndex) -> list[int]:
    """Roles that are neither entry roles nor reachable from one, in file order.

    Empty when no role is an entry role (then nothing says where people start).
    """
    if not index.entries:
        return []
    seen = reachable(index)
    return [i for i in range(len(index)) if i not in seen]


def stuck(index: LadderIndex, progression: Progression) -> list[int]:
    """The roles that cannot progress without management, by number."""
    return list(
        compress(range(len(index)), map(le, progression.highest_without_management, index.rank))
    )


def dead_end(index: LadderIndex, progression: Progression, i: int) -> bool:
    """LAD103's condition: role ``i`` ranks below its family's ceiling for its track kind
    and cannot progress at all."""
    top = index.ceilings[index.family[i], bool(index.management[i])]
    return index.rank[i] < top and progression.highest[i] <= index.rank[i]


#: Why a technical role is stuck (DESIGN §3, LAD101), in the order the cases are tried.
StuckReason = Literal["through-management", "track-ends", "other-family"]


class StuckRole(NamedTuple):
    """A technical role whose only way up is management (DESIGN §4).

    ``reason``: ``through-management`` (higher technical roles of its family exist, but
    only routes through management reach them), ``track-ends`` (its family's technical
    track ends at its level while the family's management goes higher), ``other-family``
    (its only way up is a management role of another family). ``via`` is the first
    management role on a route up, or ``None`` when no route rises.
    """

    role: str
    reason: StuckReason
    via: str | None


def management_only(index: LadderIndex, progression: Progression) -> list[StuckRole]:
    """Every technical role LAD101 is about, in file order: it cannot progress without
    management, is not a dead end (LAD103), and either can progress (so only through
    management) or some role of its family ranks above it."""
    found: list[StuckRole] = []
    top = index.ceilings
    rank, management, family, highest = (
        index.rank,
        index.management,
        index.family,
        progression.highest,
    )
    for i in stuck(index, progression):
        if management[i] or dead_end(index, progression, i):
            continue
        technical_top = top[family[i], False]
        family_top = max(technical_top, top.get((family[i], True), -1))
        rises = highest[i] > rank[i]
        reason: StuckReason
        if rank[i] < technical_top:
            reason = "through-management"
        elif family_top > rank[i]:
            reason = "track-ends"
        elif rises:
            reason = "other-family"
        else:
            continue
        via = None
        if rises:
            route = progression.route_numbers(i)
            via = index.ids[next(j for j in route[1:] if management[j])]
        found.append(StuckRole(index.ids[i], reason, via))
    return found


class Facts:
    """What the rules of one check share, each computed once, on first use: the index,
    progression, the stuck roles, the dead ends, the stuck specialists, the unreachable."""

    __slots__ = ("_bands", "_management_only", "_stuck", "_unreachable", "index", "progression")

    def __init__(self, index: LadderIndex, progression: Progression | None = None) -> None:
        self.index = index
        self.progression = progression if progression is not None else Progression(index)
        self._stuck: list[int] | None = None
        self._management_only: list[StuckRole] | None = None
        self._unreachable: list[int] | None = None
        self._bands: dict[int, Band] | None = None

    @property
    def bands(self) -> dict[int, Band]:
        """Role number -> its pay band (DESIGN §2), for the roles that have one."""
        if self._bands is None:
            band = self.index.ladder.band
            levels, tracks = self.index.ladder.levels, self.index.ladder.tracks
            if not any(level.band for level in levels) and not any(
                track.bands for track in tracks.values()
            ):
                # Only roles' own bands can exist: skip the per-role lookups.
                roles = self.index.ladder.roles.values()
                self._bands = {i: r.band for i, r in enumerate(roles) if r.band is not None}
            else:
                found = ((i, band(role)) for i, role in enumerate(self.index.ids))
                self._bands = {i: b for i, b in found if b is not None}
        return self._bands

    @property
    def stuck(self) -> list[int]:
        """The roles that cannot progress without management, by number."""
        if self._stuck is None:
            self._stuck = stuck(self.index, self.progression)
        return self._stuck

    def dead_end(self, i: int) -> bool:
        """Whether role ``i`` is a dead end (LAD103's condition)."""
        return dead_end(self.index, self.progression, i)

    @property
    def management_only(self) -> list[StuckRole]:
        """The stuck specialists (LAD101's roles), in file order."""
        if self._management_only is None:
            self._management_only = management_only(self.index, self.progression)
        return self._management_only

    @property
    def unreachable(self) -> list[int]:
        """The roles neither entry roles nor reachable from one (LAD104's roles)."""
        if self._unreachable is None:
            self._unreachable = unreachable(self.index)
        return self._unreachable
