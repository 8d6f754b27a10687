"""The ladder as compact integer arrays: what the rules and the analysis run on.

Role ``i`` is the ``i``-th role of ``ladder.roles``; ``ids[i]`` is its id. Its moves are
``targets[offsets[i]:offsets[i + 1]]``: first the moves it writes, in file order, then the
moves ``progression`` implies (DESIGN §1). A move's *edge number* is its position in
``targets``; ``sources[e]`` is the role edge ``e`` leaves, ``items[e]`` its position in the
role's ``moves`` list (``-1`` for an implied move, whose origin is ``implied[e]``).

>>> import ladders
>>> ladder = ladders.loads('''
... levels: [L1, L2]
... tracks: {ic: technical}
... roles:
...   dev: {title: Developer, track: ic, level: L1, moves: [senior, {to: senior}]}
...   senior: {title: Senior Developer, track: ic, level: L2}
... ''')
>>> index = LadderIndex(ladder)
>>> index.ids, index.rank, index.targets, index.offsets, index.sources, index.items
(['dev', 'senior'], [0, 1], [1, 1], [0, 2, 2], [0, 0], [0, 1])
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from itertools import accumulate, chain, compress, repeat
from operator import attrgetter, sub
from typing import TYPE_CHECKING

from ladders.errors import UsageError

if TYPE_CHECKING:
    from ladders.model import ImpliedMove, LadderData, Move, MoveKind

__all__ = ["LadderIndex", "consume"]


def consume(iterator: Iterator[object]) -> None:
    """Run an iterator of side effects to the end, at C speed (``deque(maxlen=0)``)."""
    deque(iterator, maxlen=0)


_LEVEL = attrgetter("level")
_TRACK = attrgetter("track")
_FAMILY = attrgetter("family")
_MOVE_SPECS = attrgetter("move_specs")


class LadderIndex:
    """The ladder as integer arrays, built in one pass over the roles (see the module doc).

    Raises :class:`~ladders.UsageError` if a role refers to a track, level or role the
    ladder does not have (loading reports those as LAD004; only a ladder built by hand
    can have them).
    """

    __slots__ = (
        "_by_rank",
        "_ceilings",
        "_predecessors",
        "declared",
        "entries",
        "families",
        "family",
        "ids",
        "implied",
        "items",
        "ladder",
        "levels",
        "management",
        "offsets",
        "position",
        "rank",
        "sources",
        "targets",
    )

    def __init__(self, ladder: LadderData) -> None:
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
        #: the entry roles (their own ``entry``, else their level's)
        self.entries: list[int] = [i for i, role in enumerate(self.ids) if ladder.is_entry(role)]
        #: (edge, declared kind) of every move written with a ``kind``
        self.declared: list[tuple[int, MoveKind]] = []
        #: edge -> the implied move behind it (only implied edges are keys)
        self.implied: dict[int, ImpliedMove] = {}
        specs = list(map(_MOVE_SPECS, values))
        written = self._resolve(list(chain.from_iterable(specs)))
        counts = list(map(len, specs))
        implied = ladder.implied_moves
        if not implied:
            self.targets: list[int] = written
            self.offsets: list[int] = list(accumulate(counts, initial=0))
            self.items: list[int] = list(chain.from_iterable(map(range, counts)))
        else:
            self._add_implied(written, counts, implied)
        #: the role each move leaves
        self.sources: list[int] = list(
            chain.from_iterable(map(repeat, range(count), map(sub, self.offsets[1:], self.offsets)))
        )
        self._predecessors: list[list[int]] | None = None
        self._by_rank: list[set[int]] | None = None
        self._ceilings: dict[tuple[int, bool], int] | None = None

    def _add_implied(
        self, written: list[int], counts: list[int], implied: tuple[ImpliedMove, ...]
    ) -> None:
        """Interleave each role's implied moves after its written ones."""
        position = self.position
        extra: dict[int, list[ImpliedMove]] = {}
        for move in implied:
            extra.setdefault(position[move.source], []).append(move)
        targets: list[int] = []
        items: list[int] = []
        offsets = [0]
        declared_at = dict(self.declared)
        declared: list[tuple[int, MoveKind]] = []
        start = 0
        for role, count in enumerate(counts):
            base = len(targets)
            for item in range(count):
                kind = declared_at.get(start + item)
                if kind is not None:
                    declared.append((base + item, kind))
            targets.extend(written[start : start + count])
            items.extend(range(count))
            start += count
            for move in extra.get(role, ()):
                self.implied[len(targets)] = move
                targets.append(position[move.target])
                items.append(-1)
            offsets.append(len(targets))
        self.targets, self.items, self.offsets, self.declared = targets, items, offsets, declared

    def _resolve(self, moves: list[str | Move]) -> list[int]:
        """Role numbers of the written move targets (bare ids at C speed, then the rest)."""
        position = self.position
        try:
            return list(map(position.__getitem__, moves))  # type: ignore[arg-type]
        except (KeyError, TypeError):
            pass
        for e, move in enumerate(moves):
            if move.__class__ is str:
                continue
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
            # predecessors[target].append(source) for every edge, at C speed
            consume(map(list.append, map(predecessors.__getitem__, self.targets), self.sources))
            self._predecessors = predecessors
        return self._predecessors

    @property
    def by_rank(self) -> list[set[int]]:
        """The roles of each rank, lowest rank first."""
        if self._by_rank is None:
            by_rank: list[set[int]] = [set() for _ in self.levels]
            # by_rank[rank[i]].add(i) for every role, at C speed
            consume(map(set.add, map(by_rank.__getitem__, self.rank), range(len(self.ids))))
            self._by_rank = by_rank
        return self._by_rank

    def moves_of(self, roles: Iterable[int]) -> Iterator[list[int]]:
        """The targets of each of ``roles`` (written and implied)."""
        targets, offsets = self.targets, self.offsets
        return (targets[offsets[i] : offsets[i + 1]] for i in roles)

    def written_edges(self) -> Iterator[int]:
        """The edges of written moves (list items), in order."""
        return compress(range(len(self.items)), map((-1).__lt__, self.items))

    def describe(self, i: int) -> str:
        """A role as messages name it: ``Title (id, level)``."""
        return describe(self.ladder, self.ids[i])

    @property
    def ceilings(self) -> dict[tuple[int, bool], int]:
        """Family ceilings (DESIGN §2): (family number, is management) -> the highest rank
        of such a role. The one place they are computed."""
        if self._ceilings is None:
            top: dict[tuple[int, bool], int] = {}
            for family, management, rank in set(
                zip(self.family, self.management, self.rank, strict=True)
            ):
                key = (family, bool(management))
                if top.get(key, -1) < rank:
                    top[key] = rank
            self._ceilings = top
        return self._ceilings

    def family_phrase(self, family: int) -> str:
        """How messages name a family: ``family 'eng'``; for the roles without a family,
        ``the ladder`` when no role has one, else ``the unnamed family``."""
        name = self.families[family]
        if name is not None:
            return f"family {name!r}"
        return "the ladder" if len(self.families) == 1 else "the unnamed family"


def describe(ladder: LadderData, role: str) -> str:
    """A role as every message names it: ``Title (id, level)``."""
    item = ladder.roles[role]
    return f"{item.title} ({role}, {item.level})"
