"""A management role at a level where its family has no technical role.

Below the top of a family's technical track, every level with managers should also have
a technical role, so that a manager can move back to the technical track at the same
level (and an engineer can stay technical at that level). This rule fires once per
management role at a level, below the family's technical ceiling, where the family has
no technical role.

Fires on management role r when: ceiling(family(r), technical) exists, rank(r) is below
it, and family(r) has no technical role at rank(r).

Failing::

    levels: [L4, L5, L6]
    tracks: {ic: technical, mgmt: management}
    roles:
      senior: {title: Senior Engineer, track: ic, level: L4}
      em: {title: Engineering Manager, track: mgmt, level: L5}   # LAD302: no technical L5
      principal: {title: Principal Engineer, track: ic, level: L6}

Passing::

      staff: {title: Staff Engineer, track: ic, level: L5}   # added

Suppress it for one role with ``ignore: {LAD302: <reason>}`` on that role.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress

from ladders.findings import Finding, Severity
from ladders.rules import Context, _facts, get

CODE = "LAD302"
NAME = "technical-gap"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, object] = {}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per management role at a level with no technical counterpart."""
    index = _facts.index(context)
    top = _facts.ceilings(context)
    rule = get(CODE)
    rank, family, management = index.rank, index.family, index.management
    technical_levels: set[tuple[int, int]] | None = None
    for i in compress(range(len(index)), management):
        technical_top = top.get((family[i], False))
        if technical_top is None or rank[i] >= technical_top:
            continue
        if technical_levels is None:
            technical = management.translate(_NOT)
            technical_levels = set(compress(zip(family, rank, strict=True), technical))
        if (family[i], rank[i]) in technical_levels:
            continue
        role_id = index.ids[i]
        yield context.finding(
            rule,
            f"{index.describe(i)} has no technical counterpart: "
            f"{_facts.family_phrase(context, family[i])} has no technical role at "
            f"{index.levels[rank[i]]}, though its technical roles go up to "
            f"{index.levels[technical_top]}; add a technical role at {index.levels[rank[i]]}",
            context.role_location(role_id),
            role_id,
        )


_NOT = bytes([1]) + bytes(255)  # bytearray.translate table: 0 -> 1, anything else -> 0
