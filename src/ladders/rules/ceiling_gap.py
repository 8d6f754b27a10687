"""A management role above the top of its family's technical track.

A technical track as tall as the management track is what makes the two equals. When a
family's management roles rank above every technical role of the family, specialists
must become managers to reach those levels. Reported once per management role above the
technical ceiling. (The technical roles at the top get LAD101 "the track ends".)

Fires on management role r when: its family has roles of both track kinds and
rank(r) > ceiling(family(r), technical).

Failing::

    levels: [L1, L2, L3]
    tracks: {ic: technical, mgmt: management}
    roles:
      dev: {title: Developer, track: ic, level: L1, moves: [senior]}
      senior: {title: Senior Developer, track: ic, level: L2, moves: [director]}
      director: {title: Director, track: mgmt, level: L3}    # LAD301

Passing::

    levels: [L1, L2, L3]
    tracks: {ic: technical, mgmt: management}
    roles:
      dev: {title: Developer, track: ic, level: L1, moves: [senior]}
      senior: {title: Senior Developer, track: ic, level: L2, moves: [director, principal]}
      director: {title: Director, track: mgmt, level: L3}
      principal: {title: Principal Developer, track: ic, level: L3}

Suppress it for one role with ``ignore: {LAD301: <reason>}`` on that role.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress
from operator import gt

from ladders.findings import Finding, Severity
from ladders.rules.context import Context

CODE = "LAD301"
NAME = "ceiling-gap"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, object] = {}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per management role above its family's technical ceiling."""
    index = context.index
    rank, family = index.rank, index.family
    # a family without technical roles has no technical ceiling to rank above
    tops = index.family_tops(False, len(index.levels))
    managers = index.managers()
    ranks = map(rank.__getitem__, managers)
    above = map(gt, ranks, map(tops.__getitem__, map(family.__getitem__, managers)))
    for i in compress(managers, above):
        technical_top = tops[family[i]]
        yield context.report(
            i,
            f"{context.describe(i)} ranks above every technical role of "
            f"{context.family_phrase(family[i])} (the highest is at "
            f"{context.level(technical_top)}); add a technical role at "
            f"{context.level(rank[i])} so the technical track is as tall",
        )
