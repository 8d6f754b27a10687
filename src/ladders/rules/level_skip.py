"""A technical or management move that skips levels its target's track has roles at.

A move that jumps over levels where the target's track has roles of the target's family
usually means a role in between was forgotten, or the move points at the wrong role.
Only levels the track really uses count: a grade scheme that skips grades (GS-5, GS-7,
GS-9 with no GS-6 or GS-8 roles) is not a skip. How many used levels a move may pass is
the option ``max-step`` (default 1: the next used level only).

Fires on a technical or management move r -> t when: more than ``max-step`` of the ranks
in (rank(r), rank(t)] have a role of t's family on t's track.

Options: ``max-step`` (whole number, at least 1). In ``pyproject.toml``::

    [tool.ladders.rules.LAD202]
    max-step = 2

Failing::

    levels: [L1, L2, L3]
    tracks: {ic: technical}
    roles:
      dev: {title: Developer, track: ic, level: L1, moves: [senior, staff]}   # LAD202
      senior: {title: Senior Developer, track: ic, level: L2, moves: [staff]}
      staff: {title: Staff Developer, track: ic, level: L3}

Passing::

    levels: [GS-5, GS-6, GS-7, GS-8, GS-9]
    tracks: {ic: technical}
    roles:
      analyst: {title: Analyst, track: ic, level: GS-5, moves: [senior-analyst]}
      senior-analyst: {title: Senior Analyst, track: ic, level: GS-7, moves: [lead-analyst]}
      lead-analyst: {title: Lead Analyst, track: ic, level: GS-9}

Suppress it for one move (a published fast track) with ``ignore: {LAD202: <reason>}`` on
the move, or for all of a role's moves on the role.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from ladders.findings import Finding, Severity
from ladders.rules.context import Context, Option

CODE = "LAD202"
NAME = "level-skip"
SEVERITY = Severity.WARNING
OPTIONS = {
    "max-step": Option(
        1,
        "a whole number of at least 1",
        lambda value: isinstance(value, int) and not isinstance(value, bool) and value >= 1,
    )
}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per move passing more than ``max-step`` used levels."""
    max_step: int = context.options["max-step"]
    index = context.index
    rank, targets = index.rank, index.targets
    # Candidates at C speed: moves rising more than max-step ranks at all.
    candidates = index.rising_edges(max_step)
    if not candidates:
        return
    track = index.track
    used: dict[tuple[int, int], list[int]] = {}
    for family, track_number, at in index.placements:
        used.setdefault((family, track_number), []).append(at)
    for ranks in used.values():
        ranks.sort()
    for edge in candidates:
        source, target = index.source_of(edge), targets[edge]
        low, high = rank[source], rank[target]
        ranks = used[index.family[target], track[target]]
        passed = ranks[bisect_right(ranks, low) : bisect_right(ranks, high)]
        if len(passed) <= max_step:
            continue
        names = ", ".join(context.level(r) for r in passed)
        allowed = ", ".join(context.level(r) for r in passed[:max_step])
        yield context.report_move(
            edge,
            f"the {context.kind(edge)} move from {context.describe(source)} to "
            f"{context.describe(target)} passes {len(passed)} levels at which "
            f"{context.family_phrase(index.family[target])} has roles on track "
            f"{index.tracks[track[target]]!r} ({names}), more than max-step {max_step}; move to "
            f"a role at {allowed} instead, or add an ignore entry on the move if it is a fast "
            "track",
        )
