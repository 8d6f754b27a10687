"""Routing moves around role boxes: orthogonal paths through the gaps of the chart grid.

A chart's boxes sit on a grid: every box of one column slot has the same ``x`` (in all
rows), every box of one line has the same ``y`` (in all columns). So the gaps between
lines of boxes (*lanes*) are box-free from the left edge of the chart to the right, and
the gaps between slots (*channels*, used here: the ones between columns and at both
sides) are box-free from top to bottom. A route that leaves its box vertically into
the lane next to it, runs along lanes and channels only, and enters its target box
vertically from the lane next to that one, crosses no box. That is what this module
plans:

- *direct*: source and target face the same lane (the next level up, or a move within
  a level): up or down into it, along it, and into the target (three segments; one
  when the two ports line up);
- *via a channel*: along the source's lane to a channel between columns, along the
  channel to the target's lane, along that to the target (five segments).

Planning is in abstract units (lane and channel numbers, and an ``x`` order of ports
and channels); tracks are given out per lane and per channel by interval packing, so
parallel routes do not run on top of each other, and the counts tell the layout how
wide each gap must be. :func:`place` then turns a plan into points once the layout has
placed the gaps.

>>> plan = plan_routes(
...     [Slot(0, 0, 1), Slot(0, 0, 0), Slot(1, 0, 0)],  # two roles in a column, one beside
...     [(0, 1), (0, 2)], columns=2, lines=2, slots=[1, 1])
>>> [(r.source_lane, r.target_lane, r.channel) for r in plan.routes]
[(1, 1, None), (1, 1, None)]
>>> plan.lane_tracks
[0, 1, 0]
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Plan", "PlannedRoute", "Slot", "place", "plan_routes", "port_order"]


@dataclass(frozen=True, slots=True)
class Slot:
    """Where a box sits on the grid: its column, its slot in the column (0 for the
    leftmost box of a cell) and its line (0 for the top line of the chart)."""

    column: int
    slot: int
    line: int


@dataclass(slots=True)
class PlannedRoute:
    """One move's route in abstract units.

    ``source_top`` / ``target_top``: which side of each box the route uses.
    ``source_lane`` / ``target_lane``: the lanes next to those sides (lane ``i`` is
    above line ``i``). ``channel``: ``None`` for a direct route, else the channel
    number (channel ``k`` is left of column ``k``). ``*_port``: the port's place among
    the ports of its box side, as a fraction of the side. ``*_track``: the track in
    the lane or channel (``-1`` where none is needed).
    """

    source_top: bool
    target_top: bool
    source_lane: int
    target_lane: int
    channel: int | None
    source_port: float = 0.5
    target_port: float = 0.5
    source_track: int = -1
    target_track: int = -1
    channel_track: int = -1


@dataclass(frozen=True, slots=True)
class Plan:
    """Routes (in the order of the moves) and the tracks each lane and channel needs."""

    routes: tuple[PlannedRoute, ...]
    lane_tracks: list[int]
    channel_tracks: list[int]


def _pack(intervals: list[tuple[float, float, int, int]], plan: list[PlannedRoute]) -> int:
    """Give each interval (low, high, route, which end) the lowest-numbered free track,
    left to right; two intervals on one track never touch. Returns the track count
    (the most intervals over any point: interval packing is optimal)."""
    intervals.sort()
    free: list[int] = []  # tracks whose last interval ended, smallest first
    busy: list[tuple[float, int]] = []  # (high, track) of the intervals open
    count = 0
    for low, high, route, which in intervals:
        while busy and busy[0][0] < low:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            track = heapq.heappop(free)
        else:
            track = count
            count += 1
        heapq.heappush(busy, (high, track))
        if which == 0:
            plan[route].source_track = track
        elif which == 1:
            plan[route].target_track = track
        else:
            plan[route].channel_track = track
    return count


def port_order(keys: Sequence[tuple[float, int]]) -> list[float]:
    """Fractions along a box side for ports with these sort keys (what the port leads
    to, left to right): evenly spread, in key order.

    >>> port_order([(5.0, 0), (1.0, 1)])
    [0.6666666666666666, 0.3333333333333333]
    """
    order = sorted(range(len(keys)), key=keys.__getitem__)
    fractions = [0.0] * len(keys)
    for place, i in enumerate(order):
        fractions[i] = (place + 1) / (len(keys) + 1)
    return fractions


#: ports on one box side stay at least this fraction of the side apart when lined up
_PORT_SPACING = 0.06


def _line_up(
    plan: Sequence[PlannedRoute],
    moves: Sequence[tuple[int, int]],
    boxes: Sequence[Slot],
    placed: dict[int, list[tuple[float, int, int]]],
) -> None:
    """Straighten direct routes between boxes stacked in one slot: move one end's port
    in line with the other's, where that keeps the order of the ports on its side and
    their spacing. (A straight line needs no track and reads best.)"""
    where: dict[tuple[int, int], tuple[int, int]] = {}
    for side, ports in placed.items():
        for i, (_, r, which) in enumerate(ports):
            where[r, which] = (side, i)

    def fits(side: int, i: int, fraction: float) -> bool:
        ports = placed[side]
        low = ports[i - 1][0] + _PORT_SPACING if i else _PORT_SPACING
        high = ports[i + 1][0] - _PORT_SPACING if i + 1 < len(ports) else 1 - _PORT_SPACING
        return low <= fraction <= high

    for number, route in enumerate(plan):
        s, t = moves[number]
        if route.channel is not None:
            continue
        a, b = boxes[s], boxes[t]
        if a.column != b.column or a.slot != b.slot:
            continue
        source_side, i = where[number, 0]
        target_side, j = where[number, 1]
        fs, ft = placed[source_side][i][0], placed[target_side][j][0]
        if fs == ft:
            continue
        if fits(target_side, j, fs):
            placed[target_side][j] = (fs, number, 1)
        elif fits(source_side, i, ft):
            placed[source_side][i] = (ft, number, 0)


def plan_routes(
    boxes: Sequence[Slot],
    moves: Sequence[tuple[int, int]],
    *,
    columns: int,
    lines: int,
    slots: Sequence[int],
    boundaries: Iterable[int] = (),
) -> Plan:
    """Plan a route for each move (source box, target box: indices into ``boxes``).

    ``columns`` and ``lines`` count the grid's columns and lines of boxes; ``slots``
    is each column's number of slots; ``boundaries`` are the lanes between rows (and
    above and below them all), which routes prefer: they are the wide ones.
    """
    width = max(slots, default=1) + 2
    count = len(boxes)
    line = [box.line for box in boxes]
    column = [box.column for box in boxes]
    centre = [box.column * width + 1.5 + box.slot for box in boxes]

    # The gaps between rows nearest to each lane, looking up (lower numbers) and down.
    row_gaps = set(boundaries)
    gap_up = [-1] * (lines + 1)
    gap_down = [lines + 1] * (lines + 1)
    nearest = -1
    for lane in range(lines + 1):
        if lane in row_gaps:
            nearest = lane
        gap_up[lane] = nearest
    nearest = lines + 1
    for lane in range(lines, -1, -1):
        if lane in row_gaps:
            nearest = lane
        gap_down[lane] = nearest

    # A port's stub may run on past empty places of its slot to farther lanes: how far
    # each box's top reaches up, and its bottom down; and the lane each would pick alone
    # (the gap between rows nearest it, if it reaches one).
    top_far = [0] * count
    bottom_far = [lines] * count
    by_slot: dict[tuple[int, int], list[int]] = {}
    for b, box in enumerate(boxes):
        by_slot.setdefault((box.column, box.slot), []).append(b)
    for members in by_slot.values():
        members.sort(key=line.__getitem__)
        for above, below in itertools.pairwise(members):
            bottom_far[above] = line[below]
            top_far[below] = line[above] + 1
    top_pick = [g if (g := gap_up[line[b]]) >= top_far[b] else line[b] for b in range(count)]
    bottom_pick = [
        g if (g := gap_down[line[b] + 1]) <= bottom_far[b] else line[b] + 1 for b in range(count)
    ]

    plan: list[PlannedRoute] = []
    channel_load = [0] * (columns + 1)
    # box * 2 + (1 for its top side) -> [(sort key, route, which end)]
    sides: dict[int, list[tuple[float, int, int]]] = {}
    for number, (s, t) in enumerate(moves):
        source_line, target_line = line[s], line[t]
        up = target_line < source_line
        source_top = up or target_line == source_line
        target_top = not up
        # the lanes each end reaches, as (nearest to the box, farthest)
        if source_top:
            source_near, source_far = source_line, top_far[s]
        else:
            source_near, source_far = source_line + 1, bottom_far[s]
        if target_top:
            target_near, target_far = target_line, top_far[t]
        else:
            target_near, target_far = target_line + 1, bottom_far[t]
        low = max(min(source_near, source_far), min(target_near, target_far))
        high = min(max(source_near, source_far), max(target_near, target_far))
        channel: int | None = None
        if low <= high:  # both ends reach a common lane: a direct route
            # a gap between rows if one is in reach, the nearest to the source first
            if target_line > source_line:
                lane = g if (g := gap_down[low]) <= high else low
            else:
                lane = g if (g := gap_up[high]) >= low else high
            source_lane = target_lane = lane
            towards_target, towards_source = centre[t], centre[s]
        else:
            source_lane = top_pick[s] if source_top else bottom_pick[s]
            target_lane = top_pick[t] if target_top else bottom_pick[t]
            a, b = column[s], column[t]
            if a != b:
                if abs(a - b) == 1:
                    channel = max(a, b)
                else:
                    # nearest the target first: the long run is along the source's lane
                    candidates = sorted(
                        range(min(a, b) + 1, max(a, b) + 1), key=lambda k: abs(k - b - 0.5)
                    )
                    channel = min(candidates, key=channel_load.__getitem__)
            else:
                lean = boxes[s].slot + boxes[t].slot - (slots[a] - 1)
                if lean < 0:
                    channel = a
                elif lean > 0:
                    channel = a + 1
                else:
                    channel = a + 1 if channel_load[a + 1] <= channel_load[a] else a
            channel_load[channel] += 1
            towards_target = towards_source = channel * width
        plan.append(PlannedRoute(source_top, target_top, source_lane, target_lane, channel))
        sides.setdefault(s * 2 + source_top, []).append((towards_target, number, 0))
        sides.setdefault(t * 2 + target_top, []).append((towards_source, number, 1))

    # Ports: spread along each box side, ordered by where they lead.
    placed: dict[int, list[tuple[float, int, int]]] = {}
    for side, ports in sides.items():
        fractions = port_order([(key, r) for key, r, _ in ports])
        placed[side] = sorted(
            (fraction, r, which) for (_, r, which), fraction in zip(ports, fractions, strict=True)
        )
    _line_up(plan, moves, boxes, placed)
    ports_x: list[list[float]] = [[0.0, 0.0] for _ in plan]
    for side, ports in placed.items():
        box = boxes[side // 2]
        for fraction, r, which in ports:
            if which == 0:
                plan[r].source_port = fraction
            else:
                plan[r].target_port = fraction
            ports_x[r][which] = box.column * width + 1 + box.slot + fraction

    # Tracks: per lane, the horizontal runs; per channel, the vertical runs.
    lane_runs: list[list[tuple[float, float, int, int]]] = [[] for _ in range(lines + 1)]
    channel_runs: list[list[tuple[float, float, int, int]]] = [[] for _ in range(columns + 1)]
    for number, route in enumerate(plan):
        sx, tx = ports_x[number]
        if route.channel is None:
            if sx != tx:
                lane_runs[route.source_lane].append((min(sx, tx), max(sx, tx), number, 0))
            continue
        cx = route.channel * width
        lane_runs[route.source_lane].append((min(sx, cx), max(sx, cx), number, 0))
        lane_runs[route.target_lane].append((min(tx, cx), max(tx, cx), number, 1))
        low, high = sorted((route.source_lane, route.target_lane))
        channel_runs[route.channel].append((low, high, number, 2))
    lane_tracks = [_pack(runs, plan) for runs in lane_runs]
    channel_tracks = [_pack(runs, plan) for runs in channel_runs]
    for route in plan:
        if route.channel is None and route.source_track >= 0:
            route.target_track = route.source_track
    return Plan(tuple(plan), lane_tracks, channel_tracks)


Point = tuple[int, int]


def place(
    route: PlannedRoute,
    source: tuple[int, int, int, float],
    target: tuple[int, int, int, float],
    lane_y: Sequence[Sequence[int]],
    channel_x: Sequence[Sequence[int]],
) -> tuple[Point, ...]:
    """The corners of a planned route, from the source box's edge to the target's, in
    whole pixels.

    ``source`` and ``target`` are boxes as (top, bottom, left end of the ports, length
    of the row of ports); ``lane_y[i][t]`` is the ``y`` of track ``t`` of lane ``i``,
    ``channel_x[k][t]`` the ``x`` of track ``t`` of channel ``k``.
    """
    top1, bottom1, left1, span1 = source
    top2, bottom2, left2, span2 = target
    sx = round(left1 + span1 * route.source_port)
    tx = round(left2 + span2 * route.target_port)
    sy = top1 if route.source_top else bottom1
    ty = top2 if route.target_top else bottom2
    channel = route.channel
    if channel is None:
        if route.source_track < 0:
            return ((sx, sy), (tx, ty))
        y = lane_y[route.source_lane][route.source_track]
        return ((sx, sy), (sx, y), (tx, y), (tx, ty))
    ya = lane_y[route.source_lane][route.source_track]
    yb = lane_y[route.target_lane][route.target_track]
    x = channel_x[channel][route.channel_track]
    return ((sx, sy), (sx, ya), (x, ya), (x, yb), (tx, yb), (tx, ty))
