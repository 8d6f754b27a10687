"""One pass over the people: the ladder's :class:`Shape` and the counts of what they did."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ladders.observe.history import History
from ladders.observe.replay import Notes, replay

if TYPE_CHECKING:
    from ladders.ladder import Ladder

__all__ = [
    "Shape",
    "_Tally",
    "_replay",
]


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
