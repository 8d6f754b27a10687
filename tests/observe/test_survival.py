"""Kaplan-Meier against a published worked example.

Freireich et al. (1963), the 6-MP leukaemia remission trial, as worked in Kleinbaum &
Klein, *Survival Analysis: A Self-Learning Text* (3rd ed., 2012), chapter 2: weeks of
remission for 21 patients on 6-MP (9 relapses, 12 censored) and 21 on placebo (all
relapsed). The book's table gives S(t) = 0.8571, 0.8067, 0.7529, 0.6902, 0.6275, 0.5378,
0.4482 at t = 6, 7, 10, 13, 16, 22, 23 for 6-MP, median 23 weeks; placebo median 8 weeks.
"""

from __future__ import annotations

import pytest

from ladders.observe.survival import kaplan_meier, median_time

SIX_MP_EVENTS = [6, 6, 6, 7, 10, 13, 16, 22, 23]
SIX_MP_CENSORED = [6, 9, 10, 11, 17, 19, 20, 25, 32, 32, 34, 35]
PLACEBO = [1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23]


def test_six_mp_curve_matches_the_book() -> None:
    times = SIX_MP_EVENTS + SIX_MP_CENSORED
    events = [True] * len(SIX_MP_EVENTS) + [False] * len(SIX_MP_CENSORED)
    curve = kaplan_meier(times, events)
    assert [t for t, _ in curve] == [6, 7, 10, 13, 16, 22, 23]
    assert [s for _, s in curve] == pytest.approx(
        [0.8571, 0.8067, 0.7529, 0.6902, 0.6275, 0.5378, 0.4482], abs=5e-5
    )
    assert median_time(times, events) == 23


def test_placebo_median_is_eight_weeks() -> None:
    assert median_time(PLACEBO, [True] * len(PLACEBO)) == 8


def test_the_order_of_subjects_does_not_matter() -> None:
    times = SIX_MP_EVENTS + SIX_MP_CENSORED
    events = [True] * len(SIX_MP_EVENTS) + [False] * len(SIX_MP_CENSORED)
    pairs = list(zip(times, events, strict=True))[::-1]
    assert kaplan_meier([t for t, _ in pairs], [e for _, e in pairs]) == kaplan_meier(times, events)


def test_median_not_reached_is_none() -> None:
    # one event in four, everyone else censored later: S never falls to 0.5
    assert median_time([1, 5, 5, 5], [True, False, False, False]) is None
    assert median_time([], []) is None


def test_left_truncated_subjects_join_the_risk_set_when_they_enter() -> None:
    # A enters at 0 and has the event at 2; B enters at 3 (already in the role before
    # observation) and has it at 4. Without entry times B would be at risk at 2, and
    # S(2) would be 1/2; with them only A is, so S(2) = 0, and B's event is not counted
    # at risk at time 2.
    assert kaplan_meier([2, 4], [True, True], [0, 3]) == [(2, 0.0), (4, 0.0)]
    assert kaplan_meier([2, 4], [True, True]) == [(2, 0.5), (4, 0.0)]


def test_mismatched_lengths_are_refused() -> None:
    with pytest.raises(ValueError):
        kaplan_meier([1, 2], [True])


def test_samples_of_several_roles_add_up_to_the_samples_of_all() -> None:
    from ladders.observe.survival import Samples

    times = SIX_MP_EVENTS + SIX_MP_CENSORED
    events = [True] * len(SIX_MP_EVENTS) + [False] * len(SIX_MP_CENSORED)
    half = len(times) // 2
    parts = Samples.of(times[:half], events[:half]) + Samples.of(times[half:], events[half:])
    assert parts.curve() == kaplan_meier(times, events)
    with pytest.raises(ValueError):
        _ = Samples.of([1], [True], [0]) + Samples.of([1], [True])
