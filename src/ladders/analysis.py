"""Questions asked of the whole ladder: progression, reachability, the stuck specialist.

These are plain functions of a :class:`~ladders.index.LadderIndex`; none does I/O. They
answer for every role at once and cost O(roles + moves) for the whole ladder, however
long the routes: a ladder of a million roles is answered in seconds (with numpy, for a
ladder of :data:`~ladders.index.LARGE` moves or more, step for step as with lists).

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
from itertools import chain, compress, filterfalse, repeat
from operator import le, not_
from typing import TYPE_CHECKING, Literal, NamedTuple

from ladders.errors import UsageError
from ladders.index import Arrays, LadderIndex, consume

if TYPE_CHECKING:
    from ladders.index import Ints
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


def _fill(array: list[int] | bytearray, positions: Iterable[int], value: int) -> None:
    """``array[p] = value`` for every ``p`` in ``positions`` (at C speed)."""
    consume(map(array.__setitem__, positions, repeat(value)))


class _Sweep:
    """Highest rank each role reaches, by the threshold sweep of DESIGN §3.

    Thresholds are walked from the highest rank down. At rank ``r`` the roles of rank
    ``r`` join the sources of one shared reverse search, so a role first reached at
    rank ``r`` has a route to a role of rank ``r`` and none to a higher one. Every role
    and move is visited once; the search goes a whole frontier at a time, at C speed.
    ``barred`` marks the roles a route may not pass through or end at after its first
    role (``None``: no role is barred).

    ``stamp`` counts search steps; ``reached_at[u]`` is the step that first reached
    ``u`` and ``expanded_at[v]`` the step after which ``v``'s predecessors were searched
    (0: never). The two arrays are also the search's marks: a role is skipped once its
    stamp is set. A role reached at step ``s`` has a move to a role expanded before
    ``s``, which is how :meth:`route` finds a witness without storing one per role;
    ``seeds[s]`` says whether step ``s`` was a rank's sources (where a route ends).
    """

    __slots__ = ("expanded_at", "highest", "index", "reached_at", "seeds")

    def __init__(self, index: LadderIndex, barred: bytearray | None) -> None:
        self.index = index
        arrays = index.arrays
        if arrays is not None:
            self._search_arrays(arrays, barred is not None)
        else:
            self._search(barred)

    def _search(self, barred: bytearray | None) -> None:
        index = self.index
        count = len(index)
        self.reached_at = reached_at = [0] * count
        self.expanded_at = expanded_at = [0] * count
        self.seeds = seeds = [False]  # step -> whether it was a rank's sources
        rank_at = [-1]  # step -> the rank a role reached at that step reaches
        predecessors = index.predecessors.__getitem__
        is_reached, is_expanded = reached_at.__getitem__, expanded_at.__getitem__
        is_barred = None if barred is None else barred.__getitem__
        stamp = 0
        by_rank = index.by_rank
        for rank in range(len(by_rank) - 1, -1, -1):
            frontier = filterfalse(is_expanded, by_rank[rank])
            if is_barred is not None:
                frontier = filterfalse(is_barred, frontier)
            start = list(frontier)
            if not start:
                continue
            stamp += 1
            seeds.append(True)
            rank_at.append(-1)
            _fill(expanded_at, start, stamp)
            while start:
                fresh = set(filterfalse(is_reached, chain.from_iterable(map(predecessors, start))))
                if not fresh:
                    break
                stamp += 1
                seeds.append(False)
                rank_at.append(rank)
                _fill(reached_at, fresh, stamp)
                frontier = filterfalse(is_expanded, fresh)
                if is_barred is not None:
                    frontier = filterfalse(is_barred, frontier)
                start = list(frontier)
                _fill(expanded_at, start, stamp)
        #: highest rank reachable by a route; -1: none
        self.highest: list[int] = list(map(rank_at.__getitem__, reached_at))

    def _search_arrays(self, arrays: Arrays, barred: bool) -> None:
        """:meth:`_search` with numpy, step for step (the same stamps)."""
        import numpy as np

        count = len(self.index)
        reached_at = np.zeros(count, dtype=np.int32)
        expanded_at = np.zeros(count, dtype=np.int32)
        self.seeds = seeds = [False]
        rank_at = [-1]
        management = arrays.management
        predecessors, offsets = arrays.predecessors, arrays.predecessor_offsets
        stamp = 0
        bounds = arrays.rank_offsets
        for rank in range(bounds.size - 2, -1, -1):
            roles = arrays.by_rank[bounds[rank] : bounds[rank + 1]]
            keep = expanded_at[roles] == 0
            if barred:
                keep &= ~management[roles]
            start = roles[keep]
            if not start.size:
                continue
            stamp += 1
            seeds.append(True)
            rank_at.append(-1)
            expanded_at[start] = stamp
            while start.size:
                fresh = arrays.gather(predecessors, offsets, start)
                fresh = fresh[reached_at[fresh] == 0]
                if not fresh.size:
                    break
                stamp += 1
                seeds.append(False)
                rank_at.append(rank)
                reached_at[fresh] = stamp
                fresh = arrays.unique(fresh)
                keep = expanded_at[fresh] == 0
                if barred:
                    keep &= ~management[fresh]
                start = fresh[keep]
                expanded_at[start] = stamp
        self.highest = np.array(rank_at, dtype=np.int32)[reached_at].tolist()
        self.reached_at = reached_at.tolist()
        self.expanded_at = expanded_at.tolist()

    def route(self, start: int) -> list[int]:
        """A route from ``start`` to a role of its highest reachable rank ([] if none).

        Each step takes a move to a role expanded before the current role was reached:
        such a role reaches the same highest rank, was itself reached earlier, and the
        walk ends at a source, a role of that rank.
        """
        if self.highest[start] < 0:
            return []
        expanded_at, reached_at, seeds = self.expanded_at, self.reached_at, self.seeds
        targets, offsets = self.index.targets, self.index.offsets
        route = [start]
        role = start
        while True:
            before = reached_at[role]
            for target in targets[offsets[role] : offsets[role + 1]]:
                if 0 < expanded_at[target] < before:
                    break
            else:  # pragma: no cover (the sweep guarantees a move)
                raise AssertionError(f"no witness move out of role {role}")
            route.append(target)
            if seeds[expanded_at[target]]:
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
            barred = self.index.management if without_management else None
            sweep = self._sweeps[without_management] = _Sweep(self.index, barred)
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
    arrays = index.arrays
    if arrays is not None:
        return set(compress(range(len(index)), _reached(index, arrays)))
    seen = set(index.entries)
    frontier = seen
    while frontier:
        frontier = set(chain.from_iterable(index.moves_of(frontier)))
        frontier -= seen
        seen |= frontier
    return seen


def _reached(index: LadderIndex, arrays: Arrays) -> list[int]:
    """:func:`reachable` with numpy: 1 for a role reached, else 0, by role number."""
    import numpy as np

    seen = np.zeros(len(index), dtype=np.bool_)
    frontier: Ints = np.array(index.entries, dtype=np.int32)
    seen[frontier] = True
    while frontier.size:
        fresh = arrays.gather(arrays.targets, arrays.offsets, frontier)
        fresh = fresh[~seen[fresh]]
        seen[fresh] = True
        frontier = arrays.unique(fresh)
    marks: list[int] = seen.view(np.uint8).tolist()
    return marks


def unreachable(index: LadderIndex) -> list[int]:
    """Roles that are neither entry roles nor reachable from one, in file order.

    Empty when no role is an entry role (then nothing says where people start).
    """
    if not index.entries:
        return []
    everyone = range(len(index))
    arrays = index.arrays
    if arrays is not None:
        return list(compress(everyone, map(not_, _reached(index, arrays))))
    return list(filterfalse(reachable(index).__contains__, everyone))


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


def dead_ends(index: LadderIndex, progression: Progression, roles: Iterable[int]) -> set[int]:
    """Those of ``roles`` that are dead ends (see :func:`dead_end`)."""
    top, family, management = index.ceilings, index.family, index.management
    rank, highest = index.rank, progression.highest
    return {i for i in roles if highest[i] <= rank[i] < top[family[i], management[i] == 1]}


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


def management_only(
    index: LadderIndex,
    progression: Progression,
    roles: list[int] | None = None,
    dead: set[int] | None = None,
) -> list[StuckRole]:
    """Every technical role LAD101 is about, in file order: it cannot progress without
    management, is not a dead end (LAD103), and either can progress (so only through
    management) or some role of its family ranks above it. ``roles`` (the stuck roles)
    and ``dead`` (those that are dead ends) are computed if not given."""
    found: list[StuckRole] = []
    if roles is None:
        roles = stuck(index, progression)
    if dead is None:
        dead = dead_ends(index, progression, roles)
    top = index.ceilings
    rank, management, family, highest = (
        index.rank,
        index.management,
        index.family,
        progression.highest,
    )
    technical = compress(roles, map(not_, map(management.__getitem__, roles)))
    for i in filterfalse(dead.__contains__, technical):
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

    __slots__ = (
        "_bands",
        "_dead_ends",
        "_management_only",
        "_stuck",
        "_unreachable",
        "index",
        "progression",
    )

    def __init__(self, index: LadderIndex, progression: Progression | None = None) -> None:
        self.index = index
        self.progression = progression if progression is not None else Progression(index)
        self._stuck: list[int] | None = None
        self._dead_ends: set[int] | None = None
        self._management_only: list[StuckRole] | None = None
        self._unreachable: list[int] | None = None
        self._bands: dict[int, Band] | None = None

    @property
    def bands(self) -> dict[int, Band]:
        """Role number -> its pay band (DESIGN §2), for the roles that have one."""
        if self._bands is None:
            index = self.index
            ladder, own = index.ladder, index.own_bands
            at_level = [level.band for level in ladder.levels]
            ranks = ladder.ranks
            # (track number, rank) -> the track's band at that level
            on_track = {
                (track, ranks[level]): band
                for track, item in enumerate(ladder.tracks.values())
                for level, band in (item.bands or {}).items()
                if level in ranks
            }
            if not on_track and at_level.count(None) == len(at_level):
                # Only roles' own bands can exist: skip the per-role lookups.
                self._bands = own
            else:
                # own band, else the track's at the role's level, else the level's (in
                # role order: rules break ties by it)
                found: dict[int, Band] = {}
                tracks = map(on_track.get, zip(index.track, index.rank, strict=True))
                levels = map(at_level.__getitem__, index.rank)
                for i, (track_band, level_band) in enumerate(zip(tracks, levels, strict=True)):
                    band = own.get(i)
                    if band is None:
                        band = track_band if track_band is not None else level_band
                    if band is not None:
                        found[i] = band
                self._bands = found
        return self._bands

    @property
    def stuck(self) -> list[int]:
        """The roles that cannot progress without management, by number."""
        if self._stuck is None:
            self._stuck = stuck(self.index, self.progression)
        return self._stuck

    @property
    def dead_ends(self) -> set[int]:
        """The dead ends (LAD103's roles): stuck roles that cannot progress at all below
        their family's ceiling for their track kind."""
        if self._dead_ends is None:
            self._dead_ends = dead_ends(self.index, self.progression, self.stuck)
        return self._dead_ends

    def dead_end(self, i: int) -> bool:
        """Whether role ``i`` is a dead end (LAD103's condition)."""
        return dead_end(self.index, self.progression, i)

    @property
    def management_only(self) -> list[StuckRole]:
        """The stuck specialists (LAD101's roles), in file order."""
        if self._management_only is None:
            self._management_only = management_only(
                self.index, self.progression, self.stuck, self.dead_ends
            )
        return self._management_only

    @property
    def unreachable(self) -> list[int]:
        """The roles neither entry roles nor reachable from one (LAD104's roles)."""
        if self._unreachable is None:
            self._unreachable = unreachable(self.index)
        return self._unreachable
