"""The ladder as compact integer arrays: what the rules and the analysis run on.

Role ``i`` is the ``i``-th role of ``ladder.roles``; ``ids[i]`` is its id. Its moves are
``targets[offsets[i]:offsets[i + 1]]``: first the moves it writes, in file order, then the
moves ``progression`` implies (DESIGN §1). A move's *edge number* is its position in
``targets``; ``sources[e]`` is the role edge ``e`` leaves, ``items[e]`` its position in the
role's ``moves`` list (``-1`` for an implied move, whose origin is ``implied[e]``).

The searches over every move (:meth:`LadderIndex.rising_edges`, :meth:`~LadderIndex.repeats`
and those of :mod:`ladders.analysis`) run on these lists at C speed; a ladder of
:data:`LARGE` moves or more runs them on numpy arrays instead (:class:`Arrays`), with the
same results.

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

from bisect import bisect_right
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import accumulate, chain, compress, repeat
from operator import attrgetter, eq, is_not, itemgetter, lt, sub
from typing import TYPE_CHECKING, Any

from ladders.errors import UsageError

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from ladders.model import Band, ImpliedMove, LadderData, Move, MoveKind, Role

    #: role, move or step numbers: int32 where they are data (half the memory traffic of
    #: int64), the platform's intp where numpy makes them (sorts, offsets)
    Ints = NDArray[np.integer[Any]]

__all__ = ["LARGE", "Arrays", "LadderIndex", "consume"]

#: A ladder with at least this many moves is searched with numpy (imported only then):
#: below it, numpy's import costs more than it saves.
LARGE = 200_000


def consume(iterator: Iterator[object]) -> None:
    """Run an iterator of side effects to the end, at C speed (``deque(maxlen=0)``)."""
    deque(iterator, maxlen=0)


#: the fields of a role the index reads, in the order :func:`_columns` gives them
_FIELDS = ("level", "track", "family", "move_specs", "entry", "ignore", "band")
_ROW = attrgetter(*_FIELDS)
_PICK = [itemgetter(k) for k in range(len(_FIELDS))]
#: roles read at a time by :func:`_columns`
_CHUNK = 4096
#: (a role's own ``entry``, its level's) -> whether the role is an entry role
_IS_ENTRY = {
    (own, level): level if own is None else own
    for own in (None, True, False)
    for level in (True, False)
}


class LadderIndex:
    """The ladder as integer arrays, built in one pass over the roles (see the module doc).

    Raises :class:`~ladders.UsageError` if a role refers to a track, level or role the
    ladder does not have (loading reports those as LAD004; only a ladder built by hand
    can have them).
    """

    __slots__ = (
        "_arrays",
        "_by_rank",
        "_ceilings",
        "_counts",
        "_entries",
        "_ignoring",
        "_items",
        "_own_bands",
        "_placements",
        "_predecessors",
        "_role_ignoring",
        "_sources",
        "families",
        "family",
        "ids",
        "implied",
        "ladder",
        "levels",
        "management",
        "management_tracks",
        "offsets",
        "position",
        "rank",
        "targets",
        "track",
        "tracks",
        "written_moves",
    )

    def __init__(self, ladder: LadderData) -> None:
        self.ladder = ladder
        roles = ladder.roles
        count = len(roles)
        given = ladder._columns  # what the fast reader had at hand, if it was this ladder
        targets: list[int] | None = None
        ignore: list[Any] | None = None
        band: list[Any] | None = None
        if given is not None and len(given.specs) == count:
            object.__setattr__(ladder, "_columns", None)  # taken: an index keeps what it needs
            levels, tracks, names, entry = given.levels, given.tracks, given.families, given.entries
            specs, targets = (
                given.specs,
                given.targets,
            )  # plain roles: no ignore, no band, every move a bare id
        else:
            levels, tracks, names, specs, entry, ignore, band = _columns(list(roles.values()))
        if given is not None and len(given.specs) == count:
            #: role ids, in file order
            self.ids: list[str] = given.ids
            #: role id -> its number
            self.position: dict[str, int] = given.numbers
        else:
            self.ids = list(roles)
            self.position = dict(zip(self.ids, range(count), strict=True))
        #: level ids, by rank
        self.levels: list[str] = [level.id for level in ladder.levels]
        #: track ids, by number
        self.tracks: list[str] = list(ladder.tracks)
        track_numbers = dict(zip(self.tracks, range(len(self.tracks)), strict=True))
        try:
            #: rank of each role's level
            self.rank: list[int] = list(map(dict(ladder.ranks).__getitem__, levels))
            #: each role's track number (an index into ``tracks``)
            self.track: list[int] = list(map(track_numbers.__getitem__, tracks))
        except KeyError:
            self._raise_unknown_reference()
            raise  # pragma: no cover (the line above always raises)
        #: 1 where the track (by number) is a management track
        self.management_tracks = bytearray(
            track.kind == "management" for track in ladder.tracks.values()
        )
        #: 1 where the role is on a management track
        self.management = bytearray(map(self.management_tracks.__getitem__, self.track))
        numbers = {name: i for i, name in enumerate(dict.fromkeys(names))}
        #: each role's family number (an index into ``families``)
        self.family: list[int] = list(map(numbers.__getitem__, names))
        #: family names by number (``None`` for roles without a family)
        self.families: list[str | None] = list(numbers)
        everyone = range(count)
        at_level = [bool(level.entry) for level in ladder.levels]
        entries = map(at_level.__getitem__, self.rank)
        if _any_set(entry):
            # (own entry, level's entry) -> whether the role is an entry role
            entries = map(_IS_ENTRY.__getitem__, zip(entry, entries, strict=True))
        self._entries = list(compress(everyone, entries))
        self._role_ignoring = (
            list(compress(everyone, ignore)) if ignore is not None and _any_set(ignore) else []
        )
        self._own_bands: dict[int, Band] = {}
        if band is not None and _any_set(band):
            self._own_bands = {i: b for i, b in enumerate(band) if b is not None}
        #: (edge, move) of every move written as a mapping (not a bare role id), in order
        self.written_moves: list[tuple[int, Move]] = []
        #: edge -> the implied move behind it (only implied edges are keys)
        self.implied: dict[int, ImpliedMove] = {}
        written = self._resolve(specs) if targets is None else targets
        #: how many moves each role writes
        self._counts = counts = list(map(len, specs))
        self._items: list[int] | None = None
        implied = ladder.implied_moves
        if not implied:
            self.targets: list[int] = written
            self.offsets: list[int] = list(accumulate(counts, initial=0))
        else:
            self._add_implied(written, counts, implied)
        self._sources: list[int] | None = None
        self._ignoring: list[int] | None = None
        self._predecessors: list[list[int]] | None = None
        self._arrays: Arrays | None = None
        self._by_rank: list[set[int]] | None = None
        self._ceilings: dict[tuple[int, bool], int] | None = None
        self._placements: set[tuple[int, int, int]] | None = None

    @property
    def sources(self) -> list[int]:
        """The role each move leaves, by edge (built on first use; :meth:`source_of`
        answers for one edge without it)."""
        if self._sources is None:
            offsets = self.offsets
            self._sources = list(
                chain.from_iterable(
                    map(repeat, range(len(self.ids)), map(sub, offsets[1:], offsets))
                )
            )
        return self._sources

    def source_of(self, edge: int) -> int:
        """The role move ``edge`` leaves."""
        if self._sources is not None:
            return self._sources[edge]
        return bisect_right(self.offsets, edge) - 1

    @property
    def items(self) -> list[int]:
        """Each move's position in its role's ``moves`` list, by edge (``-1``: implied)."""
        if self._items is None:
            self._items = list(chain.from_iterable(map(range, self._counts)))
        return self._items

    def item_of(self, edge: int) -> int:
        """Move ``edge``'s position in its role's ``moves`` list (``-1``: implied)."""
        if self._items is not None:
            return self._items[edge]
        # Without implied moves (or items would be built), every move is written.
        return edge - self.offsets[self.source_of(edge)]

    @property
    def entries(self) -> list[int]:
        """The entry roles: a role's own ``entry``, else its level's (the rule of
        :meth:`LadderData.is_entry <ladders.model.LadderData.is_entry>`, for every role
        at once)."""
        return self._entries

    @property
    def ignoring(self) -> list[int]:
        """The roles with an ``ignore`` entry, on the role or on one of its moves, in order."""
        if self._ignoring is None:
            roles = {self.source_of(edge) for edge, move in self.written_moves if move.ignore}
            self._ignoring = (
                sorted(roles.union(self._role_ignoring)) if roles else self._role_ignoring
            )
        return self._ignoring

    @property
    def own_bands(self) -> dict[int, Band]:
        """Role number -> the role's own ``band``, for the roles that have one."""
        return self._own_bands

    @property
    def declared(self) -> list[tuple[int, MoveKind]]:
        """(edge, declared kind) of every move written with a ``kind``, in order."""
        return [(edge, move.kind) for edge, move in self.written_moves if move.kind is not None]

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
        start = 0
        for role, count in enumerate(counts):
            targets.extend(written[start : start + count])
            items.extend(range(count))
            start += count
            for move in extra.get(role, ()):
                self.implied[len(targets)] = move
                targets.append(position[move.target])
                items.append(-1)
            offsets.append(len(targets))
        if self.written_moves:
            # a written move's flat position -> its edge: moved on by the implied moves before it
            flat = list(accumulate(counts, initial=0))
            roles = [bisect_right(flat, e) - 1 for e, _ in self.written_moves]
            self.written_moves = [
                (e - flat[role] + offsets[role], move)
                for role, (e, move) in zip(roles, self.written_moves, strict=True)
            ]
        self.targets, self._items, self.offsets = targets, items, offsets

    def _resolve(self, specs: list[tuple[str | Move, ...]]) -> list[int]:
        """Role numbers of the written move targets, end to end (bare ids at C speed,
        then the rest)."""
        position = self.position
        try:
            return list(map(position.__getitem__, chain.from_iterable(specs)))  # type: ignore[arg-type]
        except (KeyError, TypeError):
            pass
        moves = list(chain.from_iterable(specs))
        objects = self.written_moves
        for e, move in enumerate(moves):
            if move.__class__ is str:
                continue
            assert not isinstance(move, str)
            objects.append((e, move))
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

    @property
    def arrays(self) -> Arrays | None:
        """The index as numpy arrays when the ladder has :data:`LARGE` moves or more
        (built on first use), else ``None``: the searches then run on the lists."""
        if self._arrays is None and len(self.targets) >= LARGE:
            self._arrays = Arrays(self)
        return self._arrays

    def rising_edges(self, more_than: int) -> list[int]:
        """The moves whose target ranks more than ``more_than`` above their source, in order."""
        arrays = self.arrays
        if arrays is not None:
            import numpy as np

            rise = arrays.rank[arrays.targets] - arrays.rank[arrays.sources]
            found: list[int] = np.flatnonzero(rise > more_than).tolist()
            return found
        rank, sources = self.rank.__getitem__, self.sources
        rises = map(sub, map(rank, self.targets), map(rank, sources))
        return list(compress(range(len(sources)), map(more_than.__lt__, rises)))

    def self_edges(self) -> list[int]:
        """The moves from a role to itself, in order."""
        arrays = self.arrays
        if arrays is not None:
            import numpy as np

            found: list[int] = np.flatnonzero(arrays.targets == arrays.sources).tolist()
            return found
        sources = self.sources
        return list(compress(range(len(sources)), map(eq, sources, self.targets)))

    def repeats(self) -> list[tuple[int, int]]:
        """(move, the first move of the same role to the same target) for every move that
        repeats an earlier move's target, in order."""
        offsets = self.offsets
        everyone = range(len(self))
        arrays = self.arrays
        if arrays is not None:
            import numpy as np

            # (source, target) as one number, sorted: repeats are neighbours. The moves
            # are in role order already, so the sort has only each role's moves to order.
            pairs = arrays.sources.astype(np.int64)
            pairs *= len(self)
            pairs += arrays.targets
            pairs.sort(kind="stable")
            repeated = pairs[1:][pairs[1:] == pairs[:-1]]
            roles: Iterable[int] = np.unique(repeated // len(self)).tolist()
        else:
            # the roles whose moves have fewer distinct targets than moves, at C speed
            distinct = map(len, map(set, self.moves_of(everyone)))
            roles = compress(everyone, map(lt, distinct, map(sub, offsets[1:], offsets)))
        targets = self.targets
        found: list[tuple[int, int]] = []
        for role in roles:
            first: dict[int, int] = {}
            for edge in range(offsets[role], offsets[role + 1]):
                earlier = first.setdefault(targets[edge], edge)
                if earlier != edge:
                    found.append((edge, earlier))
        return found

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
            management = self.management_tracks
            for family, track, rank in self.placements:
                key = (family, management[track] == 1)
                if top.get(key, -1) < rank:
                    top[key] = rank
            self._ceilings = top
        return self._ceilings

    def family_tops(self, management: bool, default: int) -> list[int]:
        """Each family's ceiling (by family number) for one track kind; ``default`` for a
        family without a role of that kind."""
        top = self.ceilings
        return [top.get((family, management), default) for family in range(len(self.families))]

    def managers(self) -> list[int]:
        """The roles on a management track, in order."""
        return list(compress(range(len(self.ids)), self.management))

    @property
    def placements(self) -> set[tuple[int, int, int]]:
        """(family, track, rank) numbers of every role, each once: where the ladder has
        roles."""
        if self._placements is None:
            self._placements = set(zip(self.family, self.track, self.rank, strict=True))
        return self._placements

    def family_phrase(self, family: int) -> str:
        """How messages name a family: ``family 'eng'``; for the roles without a family,
        ``the ladder`` when no role has one, else ``the unnamed family``."""
        name = self.families[family]
        if name is not None:
            return f"family {name!r}"
        return "the ladder" if len(self.families) == 1 else "the unnamed family"


class Arrays:
    """A large ladder's index as numpy arrays, for the searches to run at C speed.

    ``targets``, ``sources``, ``offsets``, ``rank`` and ``management`` are the index's
    lists; ``predecessors[predecessor_offsets[v]:predecessor_offsets[v + 1]]`` are the
    roles with a move to ``v``; ``by_rank[rank_offsets[r]:rank_offsets[r + 1]]`` the
    roles of rank ``r``.
    """

    __slots__ = (
        "by_rank",
        "management",
        "offsets",
        "predecessor_offsets",
        "predecessors",
        "rank",
        "rank_offsets",
        "scratch",
        "sources",
        "targets",
    )

    def __init__(self, index: LadderIndex) -> None:
        import numpy as np

        count = len(index)
        self.targets: Ints = np.fromiter(index.targets, dtype=np.int32, count=len(index.targets))
        self.offsets: Ints = np.fromiter(index.offsets, dtype=np.intp, count=count + 1)
        self.sources: Ints = np.repeat(np.arange(count, dtype=np.int32), np.diff(self.offsets))
        self.rank: Ints = np.fromiter(index.rank, dtype=np.int32, count=count)
        self.management: NDArray[np.bool_] = np.frombuffer(index.management, dtype=np.uint8) != 0
        self.predecessors: Ints = self.sources[_stable_order(self.targets, count)]
        self.predecessor_offsets: Ints = _offsets(np.bincount(self.targets, minlength=count))
        self.by_rank: Ints = _stable_order(self.rank, len(index.levels))
        self.rank_offsets: Ints = _offsets(np.bincount(self.rank, minlength=len(index.levels)))
        #: work space for :meth:`unique`
        self.scratch: Ints = np.empty(count, dtype=np.int32)

    def gather(self, flat: Ints, offsets: Ints, rows: Ints) -> Ints:
        """``flat[offsets[r]:offsets[r + 1]]`` for each of ``rows``, end to end."""
        import numpy as np

        starts = offsets[rows]
        lengths = offsets[rows + 1] - starts
        ends = np.cumsum(lengths)
        total = int(ends[-1]) if ends.size else 0
        steps = np.repeat(starts - (ends - lengths), lengths)
        steps += np.arange(total, dtype=np.intp)
        found: Ints = flat[steps]
        return found

    def unique(self, roles: Ints) -> Ints:
        """``roles`` without repeats (in no particular order), in O(len(roles))."""
        import numpy as np

        scratch = self.scratch
        places = np.arange(roles.size, dtype=np.int32)
        scratch[roles] = places
        found: Ints = roles[scratch[roles] == places]
        return found


def _any_set(column: list[Any]) -> bool:
    """Whether any value of ``column`` is not ``None`` (by identity, at C speed)."""
    return any(map(is_not, column, repeat(None)))


def _columns(values: list[Role]) -> list[list[Any]]:
    """The :data:`_FIELDS` of every role, a list per field. Each role is visited once for
    all of them (roles are far apart in memory: one visit per field costs several times
    more), a chunk of roles at a time so that the rows stay in the cache."""
    columns: list[list[Any]] = [[] for _ in _FIELDS]
    pairs = list(zip(columns, _PICK, strict=True))
    for start in range(0, len(values), _CHUNK):
        rows = list(map(_ROW, values[start : start + _CHUNK]))
        for column, pick in pairs:
            column.extend(map(pick, rows))
    return columns


def _stable_order(values: Ints, bound: int) -> Ints:
    """``numpy.argsort(values, kind="stable")`` for values in ``range(bound)``, by radix
    sorts of 16 bits (several times faster than a comparison sort)."""
    import numpy as np

    if bound > 1 << 32:  # pragma: no cover (four billion roles)
        order: Ints = np.argsort(values, kind="stable")
        return order
    if bound <= 1 << 16:
        order = np.argsort(values.astype(np.uint16), kind="stable")
        return order
    low = np.argsort((values & 0xFFFF).astype(np.uint16), kind="stable")
    high = np.argsort((values[low] >> 16).astype(np.uint16), kind="stable")
    order = low[high]
    return order


def _offsets(counts: Ints) -> Ints:
    import numpy as np

    offsets: Ints = np.zeros(counts.size + 1, dtype=np.intp)
    np.cumsum(counts, out=offsets[1:])
    return offsets


def describe(ladder: LadderData, role: str) -> str:
    """A role as every message names it: ``Title (id, level)``."""
    item = ladder.roles[role]
    return f"{item.title} ({role}, {item.level})"
