"""Kaplan-Meier survival estimates: how long people stay in a role before the next level.

Each subject is observed from ``entry`` (0 unless they were already in the role when
observation began: left truncation) to ``time``, when either the event happened
(``event`` true) or observation stopped (censored). At each event time t, the survival
estimate is multiplied by ``1 - d / n``: ``d`` events at t, ``n`` subjects at risk at t
(entered at or before t and not yet gone before t; a subject censored at t is still at
risk at t).

The 6-MP arm of the Freireich et al. (1963) leukaemia trial, the worked example of
Kleinbaum & Klein, *Survival Analysis*, ch. 2 (weeks in remission; ``False`` = censored):

>>> times = [6, 6, 6, 7, 10, 13, 16, 22, 23, 6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35]
>>> events = [True] * 9 + [False] * 12
>>> [(t, round(s, 4)) for t, s in kaplan_meier(times, events)]
[(6, 0.8571), (7, 0.8067), (10, 0.7529), (13, 0.6902), (16, 0.6275), (22, 0.5378), (23, 0.4482)]
>>> median_time(times, events)
23
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from itertools import compress

__all__ = ["kaplan_meier", "median_time"]


def kaplan_meier(
    times: Sequence[float],
    events: Sequence[bool],
    entries: Sequence[float] | None = None,
) -> list[tuple[float, float]]:
    """``[(t, S(t)), ...]`` at each distinct event time, in time order."""
    if len(times) != len(events) or (entries is not None and len(entries) != len(times)):
        raise ValueError("times, events and entries must have the same length")
    deaths = Counter(compress(times, events))  # event time -> how many events then
    ends = sorted(times)
    starts = sorted(entries) if entries is not None else None
    survival = 1.0
    curve: list[tuple[float, float]] = []
    for t in sorted(deaths):
        # at risk at t: entered at or before t, and not gone before t
        entered = bisect_right(starts, t) if starts is not None else len(ends)
        gone = bisect_left(ends, t)
        at_risk = entered - gone
        if at_risk <= 0:
            continue
        survival *= 1 - deaths[t] / at_risk
        curve.append((t, survival))
    return curve


def median_time(
    times: Sequence[float],
    events: Sequence[bool],
    entries: Sequence[float] | None = None,
) -> float | None:
    """The median: the first event time at which the estimate falls to 0.5 or below;
    ``None`` when it never does (the median is not reached)."""
    for t, survival in kaplan_meier(times, events, entries):
        if survival <= 0.5 + 1e-12:
            return t
    return None
