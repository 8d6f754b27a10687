"""From the counts of one pass to an :class:`Observation`: figures, medians, findings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from fractions import Fraction
from itertools import chain
from typing import TYPE_CHECKING, Any

from ladders.observe.history import History
from ladders.observe.inputs import _suggestion
from ladders.observe.privacy import NO_FAMILY
from ladders.observe.result import (
    DAYS_PER_MONTH,
    FamilyReturns,
    LevelFigures,
    MoveCount,
    Observation,
    RoleFigures,
    TrackFigures,
    UnknownFigures,
    UnknownValue,
)
from ladders.observe.survival import Samples
from ladders.observe.tally import Shape, _Tally

if TYPE_CHECKING:
    from ladders.ladder import Ladder

__all__ = [
    "_observation",
]


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
