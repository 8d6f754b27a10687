"""Asking a ladder questions: routes, ceilings, next steps, equivalents, a summary.

These are what HR tooling scripts import ladders for. Each is also a method of
:class:`~ladders.Ladder` (``ladder.routes(...)`` calls :func:`routes`). Moves are every
move of the ladder, written or implied.

>>> import ladders
>>> ladder = ladders.loads('''
... levels: [L3, L4, L5]
... tracks: {ic: technical, mgmt: management}
... roles:
...   senior: {title: Senior Engineer, track: ic, level: L4, family: eng, moves: [tlm, staff]}
...   tlm: {title: Tech Lead Manager, track: mgmt, level: L5, family: eng, moves: [staff]}
...   staff: {title: Staff Engineer, track: ic, level: L5, family: eng}
...   em: {title: Engineering Manager, track: mgmt, level: L4, family: eng}
... ''')
>>> [route.roles for route in ladder.routes("senior")]
[('senior', 'tlm'), ('senior', 'staff'), ('senior', 'tlm', 'staff')]
>>> [route.roles for route in ladder.routes("senior", avoid_management=True)]
[('senior', 'staff')]
>>> ladder.ceiling("senior", avoid_management=True).route.roles
('senior', 'staff')
>>> ladder.equivalents("senior")
('em',)
"""

from __future__ import annotations

import heapq
import itertools
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ladders.errors import UsageError
from ladders.model import move_kind

if TYPE_CHECKING:
    from fractions import Fraction

    from ladders.analysis import StuckRole
    from ladders.findings import Finding
    from ladders.ladder import Ladder
    from ladders.model import MoveKind, TrackKind

__all__ = [
    "Ceiling",
    "FamilySummary",
    "LadderSummary",
    "ParityRow",
    "Route",
    "Step",
    "ceiling",
    "equivalents",
    "moves",
    "next_steps",
    "parity",
    "require_role",
    "routes",
    "summary",
]

MOVE_KINDS: tuple[MoveKind, ...] = ("technical", "management", "lateral")


@dataclass(frozen=True)
class Step:
    """One move: from a role to another, its inferred kind, its criteria, and whether
    ``progression`` implies it (it is not written)."""

    source: str
    target: str
    kind: MoveKind
    criteria: tuple[str, ...] = ()
    implied: bool = False


@dataclass(frozen=True)
class Route:
    """A route: the roles it passes through (the start first) and the moves between them."""

    roles: tuple[str, ...]
    moves: tuple[Step, ...]

    @property
    def start(self) -> str:
        """The role the route starts from."""
        return self.roles[0]

    @property
    def end(self) -> str:
        """The role the route ends at."""
        return self.roles[-1]

    def __len__(self) -> int:
        """The number of moves."""
        return len(self.moves)

    @property
    def kinds(self) -> tuple[MoveKind, ...]:
        """The kind of each move, in order."""
        return tuple(step.kind for step in self.moves)


class Ceiling:
    """The highest level a role can reach, and one route that reaches it.

    ``level`` is the role's own level when no route rises above it (then ``route`` has
    no moves). The route is worked out when first asked for, so asking every role's
    ceiling costs little.
    """

    __slots__ = ("_ladder", "_number", "_route", "avoid_management", "level", "rank", "role")

    def __init__(
        self,
        ladder: Ladder,
        role: str,
        level: str,
        rank: int,
        number: int | None,
        avoid_management: bool,
    ) -> None:
        self.role = role
        self.level = level
        self.rank = rank
        self.avoid_management = avoid_management
        self._ladder = ladder
        self._number = number  # the role's number in the progression, if it rises
        self._route: Route | None = None

    @property
    def rises(self) -> bool:
        """Whether the ceiling is above the role's own level."""
        return self._number is not None

    @property
    def route(self) -> Route:
        """One route from the role to a role at the ceiling (no moves if it does not rise)."""
        if self._route is None:
            if self._number is None:
                roles: tuple[str, ...] = (self.role,)
            else:
                progress = self._ladder.progression
                numbers = progress.route_numbers(
                    self._number, without_management=self.avoid_management
                )
                roles = tuple(progress.index.ids[i] for i in numbers)
            self._route = Route(roles, _steps(self._ladder, roles))
        return self._route

    def __repr__(self) -> str:
        how = "without management" if self.avoid_management else "any route"
        return f"Ceiling(role={self.role!r}, level={self.level!r}, {how})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Ceiling):
            return NotImplemented
        return (self.role, self.level, self.avoid_management, self.route) == (
            other.role,
            other.level,
            other.avoid_management,
            other.route,
        )

    __hash__ = None  # type: ignore[assignment]


def require_role(ladder: Ladder, role: str) -> None:
    """Raise :class:`~ladders.UsageError` with a did-you-mean if ``role`` is not in the ladder."""
    if role not in ladder.roles:
        from ladders.hints import did_you_mean

        hint = did_you_mean(role, list(ladder.roles))
        raise UsageError(f"no role {role!r} in the ladder{hint}")


def _out(ladder: Ladder, role: str) -> dict[str, int]:
    """The roles ``role`` moves to, each once, with the edge (in ``ladder.index``) of its
    first move there: written moves in file order, then implied ones. These are the
    successors of ``ladder.graph`` and their edges, without building the graph (or
    importing networkx)."""
    index = ladder.index
    ids, targets, offsets = index.ids, index.targets, index.offsets
    number = index.position[role]
    found: dict[str, int] = {}
    for edge in range(offsets[number], offsets[number + 1]):
        found.setdefault(ids[targets[edge]], edge)
    return found


def _step(ladder: Ladder, source: str, target: str, edge: int) -> Step:
    """The move ``edge`` from ``source`` to ``target`` (as ``ladder.graph``'s edge says it)."""
    index = ladder.index
    to = index.position[target]
    kind = move_kind(index.rank[index.position[source]], index.rank[to], bool(index.management[to]))
    item = index.item_of(edge)
    if item < 0:
        return Step(source, target, kind, (), True)
    spec = ladder.roles[source].move_specs[item]
    return Step(source, target, kind, () if isinstance(spec, str) else spec.criteria, False)


def _steps(ladder: Ladder, roles: tuple[str, ...]) -> tuple[Step, ...]:
    return tuple(
        _step(ladder, source, target, _out(ladder, source)[target])
        for source, target in itertools.pairwise(roles)
    )


def routes(
    ladder: Ladder,
    start: str,
    to: str | None = None,
    *,
    avoid_management: bool = False,
    max_moves: int | None = None,
) -> Iterator[Route]:
    """Routes from ``start``, shortest first, generated lazily.

    With ``to``, the routes that end at that role; without, every route that ends at a
    level above ``start``'s. A route never visits a role twice. ``avoid_management``
    keeps to non-managerial routes (no role after the first on a management track);
    ``max_moves`` bounds the length. Routes of equal length come in file order of the
    moves.

    Each route costs at most one breadth-first search per role on it, however many
    routes there are (Yen's k shortest simple paths, over the roles that can still reach
    the goal); "no route" because nothing high enough is reachable is answered before any
    search, from the ladder's progression.
    """
    require_role(ladder, start)
    if to is not None:
        require_role(ladder, to)
    if max_moves is not None and max_moves < 0:
        raise ValueError(f"max_moves must be 0 or more, not {max_moves}")
    return _routes(ladder, start, to, avoid_management, max_moves)


def _routes(
    ladder: Ladder, start: str, to: str | None, avoid_management: bool, max_moves: int | None
) -> Iterator[Route]:
    top = ceiling(ladder, start, avoid_management=avoid_management)
    if not top.rises if to is None else top.rank < ladder.rank(to):
        return  # nothing high enough is reachable: no search
    graph = _RouteGraph(ladder, start, to, avoid_management)
    if to is not None and not graph._useful(to):
        return  # the start itself, or a management role with avoid_management
    for numbers in graph.shortest_simple_paths():
        if max_moves is not None and len(numbers) - 1 > max_moves:
            return
        roles = tuple(graph.ids[n] for n in numbers)
        yield Route(roles, _steps(ladder, roles))


_END = -1  # in the trie of routes found: "the route ends here"


class _RouteGraph:
    """The roles a route from ``start`` can use, numbered as they are found (``start``
    is 0), with their moves in file order.

    Moves are worked out on first use, so the first route costs only the roles searched
    to find it. A route never comes back to ``start``, goes on after ``to``, or (with
    ``avoid_management``) enters a management role; and it uses only roles that can
    still reach the goal (by the ladder's progression, the linear analysis): a role
    whose highest reachable level is not above ``start``'s (or, with ``to``, is below
    ``to``'s) is left out.
    """

    def __init__(self, ladder: Ladder, start: str, to: str | None, avoid_management: bool) -> None:
        self.ladder = ladder
        self.start = start
        self.to = to
        self.avoid_management = avoid_management
        self.ids = [start]
        self.number = {start: 0}
        self.goal = [False]
        self._moves: list[list[int] | None] = [None]
        self._order: list[dict[int, int] | None] = [None]
        ranks = ladder.ranks
        self.bar = (
            ranks[ladder.roles[start].level] + 1 if to is None else ranks[ladder.roles[to].level]
        )

    def _useful(self, role: str) -> bool:
        """Whether ``role`` can be on a route: allowed, and able to reach the goal."""
        ladder = self.ladder
        item = ladder.roles.get(role)
        if item is None or role == self.start:
            return False
        if self.avoid_management and ladder.tracks[item.track].kind == "management":
            return False
        if role == self.to:
            return True
        return ceiling(ladder, role, avoid_management=self.avoid_management).rank >= self.bar

    def moves(self, number: int) -> list[int]:
        """The numbers of the roles ``number`` can move to on a route, in file order."""
        out = self._moves[number]
        if out is None:
            out = []
            role = self.ids[number]
            if role != self.to:
                for target in _out(self.ladder, role):
                    found = self.number.get(target)
                    if found is None:
                        if not self._useful(target):
                            self.number[target] = -1
                            continue
                        found = self.number[target] = len(self.ids)
                        self.ids.append(target)
                        self.goal.append(self._is_goal(target))
                        self._moves.append(None)
                        self._order.append(None)
                    if found >= 0:
                        out.append(found)
            self._moves[number] = out
        return out

    def _is_goal(self, role: str) -> bool:
        if self.to is not None:
            return role == self.to
        return self.ladder.ranks[self.ladder.roles[role].level] >= self.bar

    def shortest_simple_paths(self) -> Iterator[tuple[int, ...]]:
        """Every simple path from 0 to a goal, shortest first, then in file order of moves.

        Yen's algorithm: each path found is the best one among the deviations from the
        paths found before it (at each of its roles, the best way on that avoids the
        roles before it and the next steps already taken from the same beginning).
        """
        first = _first_route_from(self, 0, frozenset(), frozenset())
        if first is None:
            return
        start: tuple[int, ...] = (0, *first)
        queue = [(self._key(start), start)]
        queued = {start}
        found: dict[int, Any] = {}  # a trie of the paths found, ending in _END
        while queue:
            _, path = heapq.heappop(queue)
            yield path
            node = found
            for role in path:
                node = node.setdefault(role, {})
            node[_END] = {}
            node = found
            for position, spur in enumerate(path):
                node = node[spur]
                rest = _first_route_from(self, spur, frozenset(path[:position]), node.keys())
                if rest is None:
                    continue
                candidate = (*path[: position + 1], *rest)
                if candidate not in queued:
                    queued.add(candidate)
                    heapq.heappush(queue, (self._key(candidate), candidate))

    def _key(self, path: tuple[int, ...]) -> tuple[int, tuple[int, ...]]:
        """How routes are ordered: by number of moves, then by the file order of moves."""
        return len(path), tuple(self._position(a, b) for a, b in itertools.pairwise(path))

    def _position(self, source: int, target: int) -> int:
        order = self._order[source]
        if order is None:
            order = self._order[source] = {t: k for k, t in enumerate(self.moves(source))}
        return order[target]


def _first_route_from(
    graph: _RouteGraph, spur: int, before: frozenset[int], taken: Iterable[int]
) -> tuple[int, ...] | None:
    """The shortest way on from ``spur`` to a goal (the first in file order of moves among
    the shortest), avoiding the roles ``before`` it and, as first step, those ``taken``
    (``_END``: ending at ``spur``); ``None`` if there is none.

    A breadth-first search that takes moves in file order finds exactly that way: the
    first goal it meets is at the least depth, reached by the first moves.
    """
    goal = graph.goal
    excluded = set(taken)
    if goal[spur] and _END not in excluded:
        return ()
    parent: dict[int, int] = dict.fromkeys(before, -1)
    parent[spur] = -1
    queue: deque[int] = deque([spur])
    while queue:
        here = queue.popleft()
        for target in graph.moves(here):
            if target in parent or (here == spur and target in excluded):
                continue
            parent[target] = here
            if goal[target]:
                way = [target]
                while here != spur:
                    way.append(here)
                    here = parent[here]
                return tuple(reversed(way))
            queue.append(target)
    return None


def ceiling(ladder: Ladder, role: str, *, avoid_management: bool = False) -> Ceiling:
    """The highest level ``role`` can reach (by any route, or without management), with a
    route.

    Uses the ladder's progression, computed once for every role (O(roles + moves)), so
    asking for every role's ceiling costs no more than the analysis.
    """
    if role not in ladder.roles:
        require_role(ladder, role)
    progress = ladder.progression
    index = progress.index
    number = index.position[role]
    own = index.rank[number]
    top = (progress.highest_without_management if avoid_management else progress.highest)[number]
    if top <= own:
        return Ceiling(ladder, role, index.levels[own], own, None, avoid_management)
    return Ceiling(ladder, role, index.levels[top], top, number, avoid_management)


def moves(ladder: Ladder, role: str) -> tuple[Step, ...]:
    """Every move out of ``role`` (once per target), written in file order, then implied."""
    require_role(ladder, role)
    return tuple(_step(ladder, role, target, edge) for target, edge in _out(ladder, role).items())


def next_steps(ladder: Ladder, role: str) -> dict[MoveKind, tuple[Step, ...]]:
    """The moves out of ``role`` grouped by inferred kind: technical, management, lateral.

    Every kind is a key, with an empty tuple when the role has no such move.
    """
    grouped: dict[MoveKind, list[Step]] = {kind: [] for kind in MOVE_KINDS}
    for step in moves(ladder, role):
        grouped[step.kind].append(step)
    return {kind: tuple(steps) for kind, steps in grouped.items()}


def equivalents(ladder: Ladder, role: str) -> tuple[str, ...]:
    """Roles at the same level as ``role`` on the other kind of track, same family first.

    The "a Staff Engineer is the peer of an Engineering Manager" question. Within the
    same family and among the others, roles come in file order.
    """
    require_role(ladder, role)
    me = ladder.roles[role]
    my_kind = ladder.track_kind(role)
    peers = [
        other
        for other, candidate in ladder.roles.items()
        if candidate.level == me.level
        and ladder.tracks[candidate.track].kind != my_kind
        and other != role
    ]
    same = [p for p in peers if ladder.roles[p].family == me.family]
    return (*same, *(p for p in peers if ladder.roles[p].family != me.family))


@dataclass(frozen=True)
class FamilySummary:
    """One job family: its ceilings and how many roles sit at each level on each track."""

    family: str | None
    technical_ceiling: str | None
    management_ceiling: str | None
    #: level id -> track id -> number of roles
    roles_per_level: Mapping[str, Mapping[str, int]]

    @property
    def balanced(self) -> bool:
        """Whether the technical track is at least as tall as the management track."""
        if self.management_ceiling is None:
            return True
        return self.technical_ceiling is not None and self._rank(
            self.technical_ceiling
        ) >= self._rank(self.management_ceiling)

    def _rank(self, level: str) -> int:
        return list(self.roles_per_level).index(level) if level in self.roles_per_level else -1


@dataclass(frozen=True)
class ParityRow:
    """Pay parity at one level of one family, in one currency: the highest band midpoint
    of each track kind there, and the management premium as a share of the technical
    midpoint (``None`` when a side has no band)."""

    family: str | None
    level: str
    currency: str
    technical: Fraction | None
    management: Fraction | None

    @property
    def gap(self) -> Fraction | None:
        """(management - technical) / technical, or ``None``."""
        if self.technical is None or self.management is None or not self.technical:
            return None
        return (self.management - self.technical) / self.technical


@dataclass(frozen=True)
class LadderSummary:
    """Per family ceilings and role counts, the stuck specialists, pay parity, and the
    counts of findings by code."""

    families: tuple[FamilySummary, ...]
    findings: Mapping[str, int] = field(default_factory=dict)
    roles: int = 0
    moves: int = 0
    stuck: tuple[StuckRole, ...] = ()
    parity: tuple[ParityRow, ...] = ()


def parity(ladder: Ladder) -> tuple[ParityRow, ...]:
    """The pay parity table: per family, level and currency with a band on either side."""
    best: dict[tuple[str | None, int, str], dict[TrackKind, Fraction]] = {}
    for role_id, role in ladder.roles.items():
        band = ladder.band(role_id)
        if band is None:
            continue
        sides = best.setdefault((role.family, ladder.rank(role_id), band.currency), {})
        kind = ladder.track_kind(role_id)
        if kind not in sides or sides[kind] < band.midpoint:
            sides[kind] = band.midpoint
    levels = [level.id for level in ladder.levels]
    return tuple(
        ParityRow(family, levels[rank], currency, sides.get("technical"), sides.get("management"))
        for (family, rank, currency), sides in sorted(
            best.items(), key=lambda item: (str(item[0][0]), item[0][1], item[0][2])
        )
    )


def summary(ladder: Ladder, findings: Iterable[Finding]) -> LadderSummary:
    """Per family: technical and management ceilings, roles per level and track; the stuck
    specialists (:meth:`~ladders.Ladder.management_only_roles`); the pay parity table; and
    the number of findings by code."""
    levels = [level.id for level in ladder.levels]
    families: dict[str | None, dict[str, Counter[str]]] = {}
    top: dict[tuple[str | None, TrackKind], int] = {}
    ranks = ladder.ranks
    for role in ladder.roles.values():
        per_level = families.setdefault(role.family, {level: Counter() for level in levels})
        per_level[role.level][role.track] += 1
        key = (role.family, ladder.tracks[role.track].kind)
        top[key] = max(top.get(key, -1), ranks[role.level])
    result = []
    for family, per_level in families.items():
        tech = top.get((family, "technical"))
        mgmt = top.get((family, "management"))
        result.append(
            FamilySummary(
                family=family,
                technical_ceiling=levels[tech] if tech is not None else None,
                management_ceiling=levels[mgmt] if mgmt is not None else None,
                roles_per_level={lv: dict(sorted(c.items())) for lv, c in per_level.items()},
            )
        )
    counts = Counter(f.code for f in findings)
    return LadderSummary(
        families=tuple(result),
        findings=dict(sorted(counts.items())),
        roles=len(ladder.roles),
        moves=len(ladder.index.targets),
        stuck=tuple(ladder.management_only_roles()),
        parity=parity(ladder),
    )
