"""Questions asked of a whole ladder: progression, family ceilings, reachability, routes.

These are plain functions of a :class:`~ladders.model.Ladder`; none does I/O. They
answer for every role at once and cost O(roles + moves) for the whole ladder, however
long the routes: a ladder of a million roles is answered in seconds.

The words are those of DESIGN §2. A **route** is a path of one or more moves; it is
**non-managerial** if no role on it after the first is on a management track. A role
**can progress** if some route from it reaches a higher level, and **can progress
without management** if a non-managerial route does. Routes may cross families and
may step back a level before rising.

>>> from ladders.load import loads
>>> ladder = loads('''
... levels: [L1, L2, L3]
... tracks: {ic: technical, mgmt: management}
... roles:
...   dev: {title: Developer, track: ic, level: L2, moves: [lead, junior]}
...   junior: {title: Junior Developer, track: ic, level: L1, moves: [senior]}
...   senior: {title: Senior Developer, track: ic, level: L3}
...   lead: {title: Team Lead, track: mgmt, level: L3}
... ''')
>>> progress = progression(ladder)
>>> progress["dev"].can_progress_without_management   # by stepping back to junior first
True
>>> progress["dev"].route_without_management
('dev', 'junior', 'senior')
>>> ceiling(ladder, None, "management")
2
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from itertools import accumulate, chain, compress, repeat
from operator import attrgetter, sub
from typing import TYPE_CHECKING, NamedTuple

from ladders.errors import UsageError

if TYPE_CHECKING:
    from ladders.model import Ladder, Move, MoveKind, TrackKind

__all__ = [
    "LadderIndex",
    "Progression",
    "RoleProgress",
    "ceiling",
    "ceilings",
    "progression",
    "reachable",
    "reachable_from_entries",
    "unreachable_roles",
]


class LadderIndex:
    """The ladder as compact integer arrays, built in one pass over the roles.

    Role ``i`` is the ``i``-th role of ``ladder.roles``; ``ids[i]`` is its id. Its moves
    are ``targets[offsets[i]:offsets[i + 1]]`` in file order (a move's *edge number* is
    its position in ``targets``; ``sources[e]`` is the role edge ``e`` leaves). This is
    what the rules run on: no networkx graph is built to check a ladder, and the arrays
    are filled by C-level ``map`` calls rather than Python loops.

    Raises :class:`~ladders.UsageError` if a role refers to a track, level or role the
    ladder does not have (loading reports those as LAD004; only a ladder built by hand
    can have them).

    >>> from ladders.load import loads
    >>> ladder = loads('''
    ... levels: [L1, L2]
    ... tracks: {ic: technical}
    ... roles:
    ...   dev: {title: Developer, track: ic, level: L1, moves: [senior, {to: senior}]}
    ...   senior: {title: Senior Developer, track: ic, level: L2}
    ... ''')
    >>> index = LadderIndex(ladder)
    >>> index.ids, index.rank, index.targets, index.offsets, index.sources
    (['dev', 'senior'], [0, 1], [1, 1], [0, 2, 2], [0, 0])
    """

    __slots__ = (
        "_by_rank",
        "_predecessors",
        "declared",
        "entries",
        "families",
        "family",
        "ids",
        "ladder",
        "levels",
        "management",
        "offsets",
        "position",
        "rank",
        "sources",
        "targets",
    )

    def __init__(self, ladder: Ladder) -> None:
        self.ladder = ladder
        roles = ladder.roles
        values = list(roles.values())
        count = len(values)
        #: role ids, in file order
        self.ids: list[str] = list(roles)
        #: role id -> its number
        self.position: dict[str, int] = dict(zip(self.ids, range(count), strict=True))
        #: level ids, by rank
        self.levels: list[str] = [level.id for level in ladder.levels]
        management_track = {tid: track.kind == "management" for tid, track in ladder.tracks.items()}
        try:
            #: rank of each role's level
            self.rank: list[int] = list(map(ladder.ranks.__getitem__, map(_LEVEL, values)))
            #: 1 where the role is on a management track
            self.management = bytearray(map(management_track.__getitem__, map(_TRACK, values)))
        except KeyError:
            self._raise_unknown_reference()
            raise  # pragma: no cover (the line above always raises)
        names = list(map(_FAMILY, values))
        numbers = {name: i for i, name in enumerate(dict.fromkeys(names))}
        #: each role's family number (an index into ``families``)
        self.family: list[int] = list(map(numbers.__getitem__, names))
        #: family names by number (``None`` for roles without a family)
        self.families: list[str | None] = list(numbers)
        #: the roles marked ``entry: true``
        self.entries: list[int] = list(compress(range(count), map(_ENTRY, values)))
        specs = list(map(_MOVE_SPECS, values))
        #: where each role's moves start in ``targets`` (and, last, where they end)
        self.offsets: list[int] = list(accumulate(map(len, specs), initial=0))
        #: (edge, declared kind) of every move written with a ``kind``
        self.declared: list[tuple[int, MoveKind]] = []
        #: the target role of each move, all roles' moves one after the other
        self.targets: list[int] = self._resolve(list(chain.from_iterable(specs)))
        #: the role each move leaves
        self.sources: list[int] = list(
            chain.from_iterable(map(repeat, range(count), map(sub, self.offsets[1:], self.offsets)))
        )
        self._predecessors: list[list[int]] | None = None
        self._by_rank: list[set[int]] | None = None

    def _resolve(self, moves: list[str | Move]) -> list[int]:
        """Role numbers of the move targets (bare ids at C speed, then written moves)."""
        position = self.position
        try:
            return list(map(position.__getitem__, moves))  # type: ignore[arg-type]
        except (KeyError, TypeError):
            pass
        written = [e for e, move in enumerate(moves) if move.__class__ is not str]
        for e in written:
            move = moves[e]
            assert not isinstance(move, str)
            if move.kind is not None:
                self.declared.append((e, move.kind))
            moves[e] = move.to
        try:
            return list(map(position.__getitem__, moves))  # type: ignore[arg-type]
        except KeyError as error:
            (target,) = error.args
            for role_id, role in self.ladder.roles.items():
                if target in role.targets:
                    raise UsageError(
                        f"role {role_id!r} has a move to unknown role {target!r}"
                    ) from None
            raise  # pragma: no cover

    def _raise_unknown_reference(self) -> None:
        ladder = self.ladder
        for role_id, role in ladder.roles.items():
            if role.level not in ladder.ranks:
                raise UsageError(f"role {role_id!r} refers to unknown level {role.level!r}")
            if role.track not in ladder.tracks:
                raise UsageError(f"role {role_id!r} refers to unknown track {role.track!r}")

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def predecessors(self) -> list[list[int]]:
        """For each role, the roles with a move to it (once per move)."""
        if self._predecessors is None:
            predecessors: list[list[int]] = [[] for _ in self.ids]
            _consume(map(list.append, map(predecessors.__getitem__, self.targets), self.sources))
            self._predecessors = predecessors
        return self._predecessors

    @property
    def by_rank(self) -> list[set[int]]:
        """The roles of each rank, lowest rank first."""
        if self._by_rank is None:
            by_rank: list[set[int]] = [set() for _ in self.levels]
            _consume(map(set.add, map(by_rank.__getitem__, self.rank), range(len(self.ids))))
            self._by_rank = by_rank
        return self._by_rank

    def moves_of(self, roles: Iterable[int]) -> Iterator[list[int]]:
        """The targets of each of ``roles``."""
        offsets = self.offsets
        return map(
            self.targets.__getitem__,
            map(
                slice, map(offsets.__getitem__, roles), map(offsets.__getitem__, map(_NEXT, roles))
            ),
        )

    def describe(self, i: int) -> str:
        """A role as messages name it: ``Title (id, level)``."""
        role = self.ladder.roles[self.ids[i]]
        return f"{role.title} ({self.ids[i]}, {role.level})"

    def ceilings(self) -> dict[tuple[int, bool], int]:
        """(family number, is management) -> the highest rank of such a role."""
        top: dict[tuple[int, bool], int] = {}
        for family, management, rank in set(
            zip(self.family, self.management, self.rank, strict=True)
        ):
            key = (family, bool(management))
            if top.get(key, -1) < rank:
                top[key] = rank
        return top


_LEVEL = attrgetter("level")
_TRACK = attrgetter("track")
_FAMILY = attrgetter("family")
_ENTRY = attrgetter("entry")
_MOVE_SPECS = attrgetter("move_specs")
_NEXT = (1).__add__
_NOT = bytes([1]) + bytes(255)  # bytearray.translate table: 0 -> 1, anything else -> 0


def _consume(iterator: Iterator[object]) -> None:
    """Run an iterator of side effects to the end (at C speed)."""
    deque(iterator, maxlen=0)


def _fill(array: list[int] | bytearray, positions: Iterable[int], value: int) -> None:
    """``array[p] = value`` for every ``p`` in ``positions``."""
    _consume(map(array.__setitem__, positions, repeat(value)))


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

    Built with :func:`progression`. Each of the two sweeps (any route, non-managerial
    routes) costs O(roles + moves) and runs on first use; looking a role up then costs
    the length of its witness routes.
    """

    def __init__(self, ladder: Ladder, index: LadderIndex | None = None) -> None:
        self.index = index if index is not None else LadderIndex(ladder)
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


def progression(ladder: Ladder) -> Progression:
    """Whether, and how far, every role can progress, with and without management.

    >>> from ladders.load import loads
    >>> ladder = loads('''
    ... levels: [L1, L2, L3]
    ... tracks: {ic: technical, mgmt: management}
    ... roles:
    ...   senior: {title: Senior Engineer, track: ic, level: L2, moves: [tlm]}
    ...   tlm: {title: Tech Lead Manager, track: mgmt, level: L3, moves: [staff]}
    ...   staff: {title: Staff Engineer, track: ic, level: L3}
    ... ''')
    >>> p = progression(ladder)["senior"]
    >>> p.can_progress, p.can_progress_without_management, p.highest, p.route
    (True, False, 'L3', ('senior', 'tlm'))
    """
    return Progression(ladder)


def ceilings(ladder: Ladder) -> dict[tuple[str | None, TrackKind], int]:
    """Every family ceiling: (family, track kind) -> the highest rank of such a role.

    Roles without a family form the family ``None``. A pair that is absent has no role.

    >>> from ladders.load import loads
    >>> ladder = loads('''
    ... levels: [L1, L2, L3]
    ... tracks: {ic: technical, mgmt: management}
    ... roles:
    ...   dev: {title: Developer, track: ic, level: L1, family: eng}
    ...   em: {title: Engineering Manager, track: mgmt, level: L3, family: eng}
    ... ''')
    >>> ceilings(ladder)
    {('eng', 'technical'): 0, ('eng', 'management'): 2}
    """
    index = LadderIndex(ladder)
    top = index.ceilings()
    return {
        (index.families[family], "management" if management else "technical"): top[
            family, management
        ]
        for family, management in sorted(top)
    }


def ceiling(ladder: Ladder, family: str | None, kind: TrackKind) -> int | None:
    """``ceiling(f, k)``: the highest rank of a role of family ``f`` on a track of kind ``k``.

    ``None`` if the family has no such role.

    >>> from ladders.load import loads
    >>> ladder = loads('''
    ... levels: [L1, L2]
    ... tracks: {ic: technical}
    ... roles: {dev: {title: Developer, track: ic, level: L2}}
    ... ''')
    >>> ceiling(ladder, None, "technical"), ceiling(ladder, None, "management")
    (1, None)
    """
    return ceilings(ladder).get((family, kind))


def reachable(index: LadderIndex) -> set[int]:
    """The entry roles and every role reachable from one, by number (a frontier at a time)."""
    seen = set(index.entries)
    frontier = seen
    while frontier:
        frontier = set(chain.from_iterable(index.moves_of(frontier)))
        frontier -= seen
        seen |= frontier
    return seen


def reachable_from_entries(ladder: Ladder) -> set[str]:
    """The entry roles and every role a route from one reaches.

    >>> from ladders.load import loads
    >>> ladder = loads('''
    ... levels: [L1, L2]
    ... tracks: {ic: technical}
    ... roles:
    ...   dev: {title: Developer, track: ic, level: L1, entry: true, moves: [senior]}
    ...   senior: {title: Senior Developer, track: ic, level: L2}
    ...   staff: {title: Staff Developer, track: ic, level: L2}
    ... ''')
    >>> sorted(reachable_from_entries(ladder))
    ['dev', 'senior']
    """
    index = LadderIndex(ladder)
    return set(map(index.ids.__getitem__, reachable(index)))


def unreachable_roles(ladder: Ladder) -> list[str]:
    """Roles that are neither entry roles nor reachable from one, in file order.

    Empty when no role is marked ``entry: true`` (then nothing says where people start).
    """
    index = LadderIndex(ladder)
    if not index.entries:
        return []
    seen = reachable(index)
    return [role for i, role in enumerate(index.ids) if i not in seen]
