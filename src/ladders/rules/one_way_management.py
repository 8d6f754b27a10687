"""A management role with no way back to a rising technical career.

Managers should be able to return to the technical track and keep progressing there.
This rule finds management roles below the top of their family's technical track from
which no non-managerial route (a route whose roles after the first are all technical)
reaches a higher level. A manager who moves back laterally to a technical role that can
itself progress passes.

Fires on management role r when: ceiling(family(r), technical) exists and rank(r) is
below it, r cannot progress without management, and LAD103 (dead end) does not fire on r.

Failing::

    levels: [L4, L5]
    tracks: {ic: technical, mgmt: management}
    roles:
      em:                      # LAD102: no move back to the technical track
        title: Engineering Manager
        track: mgmt
        level: L4
        moves: [director]
      director: {title: Director, track: mgmt, level: L5}
      senior: {title: Senior Engineer, track: ic, level: L4, moves: [staff]}
      staff: {title: Staff Engineer, track: ic, level: L5}

Passing::

      em:
        title: Engineering Manager
        track: mgmt
        level: L4
        moves: [director, senior]   # back to the technical track, which rises

Suppress it for one role with ``ignore: {LAD102: <reason>}`` on that role.
"""

from __future__ import annotations

from collections.abc import Iterator

from ladders.findings import Finding, Severity
from ladders.rules import Context, _facts, get

CODE = "LAD102"
NAME = "one-way-management"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, object] = {}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per management role that cannot progress without management."""
    index = _facts.index(context)
    top = _facts.ceilings(context)
    rule = get(CODE)
    rank, management, family = index.rank, index.management, index.family
    for i in _facts.stuck(context):
        if not management[i]:
            continue
        technical_top = top.get((family[i], False))
        if technical_top is None or rank[i] >= technical_top:
            continue
        if rank[i] < top[family[i], True] and _facts.progression(context).highest[i] <= rank[i]:
            continue  # a dead end: LAD103
        role_id = index.ids[i]
        yield context.finding(
            rule,
            f"{index.describe(i)} cannot progress without management: no route back to the "
            f"technical track leads above {index.levels[rank[i]]}; add a lateral move to a "
            f"technical role that can progress ({_facts.family_phrase(context, family[i])} "
            f"has technical roles up to {index.levels[technical_top]})",
            context.role_location(role_id),
            role_id,
        )
