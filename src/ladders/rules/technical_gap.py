"""A management role at a level where its family has no technical role.

Within the height of the technical track, every management level should have a
technical counterpart, so that a manager can step across and a specialist is not
missing a rung the managers have. Reported once per such management role.

Fires on management role r when: rank(r) < ceiling(family(r), technical) and family(r)
has no technical role at rank(r).

Failing::

    levels: [L1, L2, L3]
    tracks: {ic: technical, mgmt: management}
    roles:
      dev: {title: Developer, track: ic, level: L1, moves: [lead, staff]}
      lead: {title: Team Lead, track: mgmt, level: L2, moves: [staff]}   # LAD302
      staff: {title: Staff Developer, track: ic, level: L3}

Passing::

    levels: [L1, L2, L3]
    tracks: {ic: technical, mgmt: management}
    roles:
      dev: {title: Developer, track: ic, level: L1, moves: [lead, senior]}
      lead: {title: Team Lead, track: mgmt, level: L2, moves: [staff]}
      senior: {title: Senior Developer, track: ic, level: L2, moves: [staff]}
      staff: {title: Staff Developer, track: ic, level: L3}

Suppress it for one role with ``ignore: {LAD302: <reason>}`` on that role.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress
from operator import lt, not_

from ladders.findings import Finding, Severity
from ladders.rules.context import Context

CODE = "LAD302"
NAME = "technical-gap"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, object] = {}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per management role at a level with no technical counterpart."""
    index = context.index
    rank, family = index.rank, index.family
    # a family without technical roles has no technical ceiling to be below
    tops = index.family_tops(False, -1)
    managers = index.managers()
    below = map(
        lt,
        map(rank.__getitem__, managers),
        map(tops.__getitem__, map(family.__getitem__, managers)),
    )
    candidates = list(compress(managers, below))
    if not candidates:
        return
    kinds = index.management_tracks
    technical_levels = {(f, r) for f, t, r in index.placements if not kinds[t]}
    levels = zip(
        map(family.__getitem__, candidates), map(rank.__getitem__, candidates), strict=True
    )
    for i in compress(candidates, map(not_, map(technical_levels.__contains__, levels))):
        technical_top = tops[family[i]]
        yield context.report(
            i,
            f"{context.describe(i)} has no technical counterpart: "
            f"{context.family_phrase(family[i])} has no technical role at "
            f"{context.level(rank[i])}, though its technical roles go up to "
            f"{context.level(technical_top)}; add a technical role at {context.level(rank[i])}",
        )
