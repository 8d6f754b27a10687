"""A role below the top of its track that cannot progress at all.

Someone in this role has nowhere to go: no route from it reaches a higher level, though
its family's roles of the same track kind go higher. Usually a move was forgotten.

Fires on role r when: rank(r) < ceiling(family(r), kind of r's track) and r cannot
progress at all.

Failing::

    levels: [L1, L2]
    tracks: {ic: technical}
    roles:
      dev: {title: Developer, track: ic, level: L1}       # LAD103: no moves
      senior: {title: Senior Developer, track: ic, level: L2}

Passing::

    levels: [L1, L2]
    tracks: {ic: technical}
    roles:
      dev: {title: Developer, track: ic, level: L1, moves: [senior]}
      senior: {title: Senior Developer, track: ic, level: L2}

Suppress it for one role with ``ignore: {LAD103: <reason>}`` on that role.
"""

from __future__ import annotations

from collections.abc import Iterator

from ladders.findings import Finding, Severity
from ladders.rules.context import Context

CODE = "LAD103"
NAME = "dead-end"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, object] = {}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per role below its track's ceiling that cannot progress."""
    facts, index = context.facts, context.index
    rank, management, family = index.rank, index.management, index.family
    dead = facts.dead_ends
    for i in facts.stuck:
        if i not in dead:
            continue
        kind = "management" if management[i] else "technical"
        kind_top = index.ceilings[family[i], bool(management[i])]
        count = index.offsets[i + 1] - index.offsets[i]
        how = (
            "it has no moves"
            if count == 0
            else f"none of its {count} move{'s' if count != 1 else ''} leads, by any route, "
            f"above {context.level(rank[i])}"
        )
        yield context.report(
            i,
            f"{context.describe(i)} is a dead end: {how}, though "
            f"{context.family_phrase(family[i])} has {kind} roles up to "
            f"{context.level(kind_top)}; add a move toward a higher role",
        )
