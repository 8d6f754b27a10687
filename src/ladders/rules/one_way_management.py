"""A management role with no way back to a technical track that goes higher.

A dual-track ladder lets a manager step back to technical work. A manager below the
top of their family's technical track who cannot progress without staying in
management has no way back: trying management becomes a one-way door.

Fires on management role r when: its family has technical roles, rank(r) is below the
family's technical ceiling, r cannot progress without management, and r is not a dead
end (LAD103).

Failing::

    levels: [L1, L2, L3]
    tracks: {ic: technical, mgmt: management}
    roles:
      dev: {title: Developer, track: ic, level: L1, moves: [senior, lead]}
      lead: {title: Team Lead, track: mgmt, level: L2, moves: [head]}   # LAD102
      senior: {title: Senior Developer, track: ic, level: L2, moves: [staff]}
      staff: {title: Staff Developer, track: ic, level: L3}
      head: {title: Head of Engineering, track: mgmt, level: L3}

Passing::

    levels: [L1, L2, L3]
    tracks: {ic: technical, mgmt: management}
    roles:
      dev: {title: Developer, track: ic, level: L1, moves: [senior, lead]}
      lead: {title: Team Lead, track: mgmt, level: L2, moves: [head, senior]}  # a way back
      senior: {title: Senior Developer, track: ic, level: L2, moves: [staff]}
      staff: {title: Staff Developer, track: ic, level: L3}
      head: {title: Head of Engineering, track: mgmt, level: L3}

Suppress it for one role with ``ignore: {LAD102: <reason>}`` on that role.
"""

from __future__ import annotations

from collections.abc import Iterator

from ladders.findings import Finding, Severity
from ladders.rules.context import Context

CODE = "LAD102"
NAME = "one-way-management"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, object] = {}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per management role that cannot progress without management."""
    facts, index = context.facts, context.index
    top = index.ceilings
    rank, management, family = index.rank, index.management, index.family
    for i in facts.stuck:
        if not management[i]:
            continue
        technical_top = top.get((family[i], False))
        if technical_top is None or rank[i] >= technical_top or i in facts.dead_ends:
            continue
        yield context.report(
            i,
            f"{context.describe(i)} cannot progress without management: no route back to the "
            f"technical track leads above {context.level(rank[i])}; add a lateral move to a "
            f"technical role that can progress ({context.family_phrase(family[i])} "
            f"has technical roles up to {context.level(technical_top)})",
        )
