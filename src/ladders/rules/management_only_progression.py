"""A technical role whose only route up goes through management.

The promise of a dual-track ladder is that nobody has to become a manager to progress.
This rule finds technical roles below the top of their family's technical track that
*can* progress, but only by a route that passes through a management role. A route may
step back a level, move laterally or cross families before it rises: any
non-managerial route to a higher level is enough to pass.

Fires on role r when: r is on a technical track, rank(r) < ceiling(family(r),
technical), r can progress, and r cannot progress without management.

Failing::

    levels: [L3, L4, L5]
    tracks: {ic: technical, mgmt: management}
    roles:
      senior:                  # LAD101: only way up is Tech Lead Manager
        title: Senior Engineer
        track: ic
        level: L4
        moves: [tlm]
      tlm: {title: Tech Lead Manager, track: mgmt, level: L5}
      staff: {title: Staff Engineer, track: ic, level: L5}

Passing::

      senior:
        title: Senior Engineer
        track: ic
        level: L4
        moves: [tlm, staff]    # a technical move up as well

Suppress it for one role with ``ignore: {LAD101: <reason>}`` on that role.
"""

from __future__ import annotations

from collections.abc import Iterator

from ladders.findings import Finding, Severity
from ladders.rules import Context, _facts, get

CODE = "LAD101"
NAME = "management-only-progression"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, object] = {}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per technical role that can rise only through management."""
    index = _facts.index(context)
    progression = _facts.progression(context)
    top = _facts.ceilings(context)
    rule = get(CODE)
    rank, management, family = index.rank, index.management, index.family
    for i in _facts.stuck(context):
        if management[i] or rank[i] >= top[family[i], False]:
            continue
        if progression.highest[i] <= rank[i]:
            continue  # cannot progress at all: LAD103
        route = progression.route_numbers(i)
        manager = next(j for j in route[1:] if management[j])
        role_id = index.ids[i]
        yield context.finding(
            rule,
            f"{index.describe(i)} can only progress through {index.describe(manager)} "
            f"(management); add a technical or lateral move toward a higher technical role "
            f"({_facts.family_phrase(context, family[i])} has technical roles up to "
            f"{_facts.level(context, top[family[i], False])})",
            context.role_location(role_id),
            role_id,
        )
