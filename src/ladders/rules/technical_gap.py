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

from ladders.findings import Finding, Severity
from ladders.rules.context import Context

CODE = "LAD302"
NAME = "technical-gap"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, object] = {}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per management role at a level with no technical counterpart."""
    index = context.index
    top = index.ceilings
    rank, family, management = index.rank, index.family, index.management
    technical_levels: set[tuple[int, int]] | None = None
    for i in compress(range(len(index)), management):
        technical_top = top.get((family[i], False))
        if technical_top is None or rank[i] >= technical_top:
            continue
        if technical_levels is None:
            technical_levels = {
                (f, r) for f, r, m in zip(family, rank, management, strict=True) if not m
            }
        if (family[i], rank[i]) in technical_levels:
            continue
        yield context.report(
            i,
            f"{context.describe(i)} has no technical counterpart: "
            f"{context.family_phrase(family[i])} has no technical role at "
            f"{context.level(rank[i])}, though its technical roles go up to "
            f"{context.level(technical_top)}; add a technical role at {context.level(rank[i])}",
        )
