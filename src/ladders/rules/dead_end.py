"""A role below the top of its track from which no route leads anywhere higher.

Someone in a dead-end role has nowhere to grow, although the ladder has higher roles of
the same family and track kind. Any route counts, management or not, through any family;
routes may step back a level before rising.

Fires on role r when: rank(r) < ceiling(family(r), kind of r's track) and r cannot
progress at all.

Failing::

    levels: [L4, L5]
    tracks: {ic: technical}
    roles:
      senior: {title: Senior Engineer, track: ic, level: L4}   # LAD103: no moves
      staff: {title: Staff Engineer, track: ic, level: L5}

Passing::

      senior: {title: Senior Engineer, track: ic, level: L4, moves: [staff]}

Suppress it for one role with ``ignore: {LAD103: <reason>}`` on that role.
"""

from __future__ import annotations

from collections.abc import Iterator

from ladders.findings import Finding, Severity
from ladders.rules import Context, _facts, get

CODE = "LAD103"
NAME = "dead-end"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, object] = {}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per role below its track's ceiling that cannot progress."""
    index = _facts.index(context)
    top = _facts.ceilings(context)
    rule = get(CODE)
    rank, management, family = index.rank, index.management, index.family
    for i in _facts.stuck(context):
        kind_top = top[family[i], bool(management[i])]
        if rank[i] >= kind_top or _facts.progression(context).highest[i] > rank[i]:
            continue
        role_id = index.ids[i]
        kind = "management" if management[i] else "technical"
        how = (
            "it has no moves"
            if index.offsets[i] == index.offsets[i + 1]
            else f"no route from it leads above {index.levels[rank[i]]}"
        )
        yield context.finding(
            rule,
            f"{index.describe(i)} is a dead end: {how}, though "
            f"{_facts.family_phrase(context, family[i])} has {kind} roles up to "
            f"{index.levels[kind_top]}; add a move toward a higher role",
            context.role_location(role_id),
            role_id,
        )
