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

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import compress

__all__ = ["Samples", "kaplan_meier", "median_time"]


@dataclass(frozen=True)
class Samples:
    """Subjects counted by distinct time (time in role is whole days, so there are few
    distinct times however many people there are); samples of several roles add up."""

    #: event time -> events then
    deaths: Counter[float]
    #: time -> subjects whose observation ends then (event or censored)
    ends: Counter[float]
    #: entry time -> subjects entering then; None when every subject enters at 0
    starts: Counter[float] | None = None

    @classmethod
    def of(
        cls,
        times: Sequence[float],
        events: Sequence[bool],
        entries: Sequence[float] | None = None,
    ) -> Samples:
        """Samples from one list per subject."""
        if len(times) != len(events) or (entries is not None and len(entries) != len(times)):
            raise ValueError("times, events and entries must have the same length")
        return cls(
            Counter(compress(times, events)),
            Counter(times),
            Counter(entries) if entries is not None else None,
        )

    def __add__(self, other: Samples) -> Samples:
        starts = None
        if self.starts is not None and other.starts is not None:
            starts = self.starts + other.starts
        elif self.starts is not None or other.starts is not None:
            raise ValueError("samples with and without entry times cannot be added")
        return Samples(self.deaths + other.deaths, self.ends + other.ends, starts)

    def steps(self) -> Iterator[tuple[float, float]]:
        """``(t, S(t))`` at each distinct event time, in time order, lazily."""
        starts = self.starts
        entered = 0 if starts is not None else self.ends.total()
        gone = 0  # subjects whose time is before the current one
        survival = 1.0
        times = self.ends.keys() | (starts.keys() if starts is not None else set())
        for t in sorted(times):
            if starts is not None:
                entered += starts.get(t, 0)
            died = self.deaths.get(t, 0)
            at_risk = entered - gone  # entered at or before t, and not gone before t
            if died and at_risk > 0:
                survival *= 1 - died / at_risk
                yield t, survival
            gone += self.ends.get(t, 0)

    def curve(self) -> list[tuple[float, float]]:
        """``[(t, S(t)), ...]`` at each distinct event time, in time order."""
        return list(self.steps())

    def median(self) -> float | None:
        """The first event time at which the estimate falls to 0.5 or below; ``None``
        when it never does (the median is not reached)."""
        return next((t for t, survival in self.steps() if survival <= 0.5 + 1e-12), None)


def kaplan_meier(
    times: Sequence[float],
    events: Sequence[bool],
    entries: Sequence[float] | None = None,
) -> list[tuple[float, float]]:
    """``[(t, S(t)), ...]`` at each distinct event time, in time order."""
    return Samples.of(times, events, entries).curve()


def median_time(
    times: Sequence[float],
    events: Sequence[bool],
    entries: Sequence[float] | None = None,
) -> float | None:
    """The median: the first event time at which the estimate falls to 0.5 or below;
    ``None`` when it never does (the median is not reached)."""
    return Samples.of(times, events, entries).median()
