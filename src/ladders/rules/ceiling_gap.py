"""A management role that ranks above every technical role of its family.

If a family's management track goes higher than its technical track, the most senior
levels can only be reached by managing: the dual track is not tall enough on the
technical side. The rule looks only at families that have both track kinds (a family of
managers only is not a gap), and fires once per management role above the family's
technical ceiling.

Fires on management role r when: family(r) has a technical role and rank(r) >
ceiling(family(r), technical).

Failing::

    levels: [L5, L6, L7]
    tracks: {ic: technical, mgmt: management}
    roles:
      staff: {title: Staff Engineer, track: ic, level: L6, family: eng}
      director: {title: Director, track: mgmt, level: L7, family: eng}   # LAD301

Passing::

      staff: {title: Staff Engineer, track: ic, level: L6, family: eng, moves: [principal]}
      principal: {title: Principal Engineer, track: ic, level: L7, family: eng}
      director: {title: Director, track: mgmt, level: L7, family: eng}

Suppress it for one role with ``ignore: {LAD301: <reason>}`` on that role, for instance
``LAD301: Single executive seat, agreed by the board``.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress

from ladders.findings import Finding, Severity
from ladders.rules import Context, _facts, get

CODE = "LAD301"
NAME = "ceiling-gap"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, object] = {}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per management role above its family's technical ceiling."""
    index = _facts.index(context)
    top = _facts.ceilings(context)
    rule = get(CODE)
    rank, family = index.rank, index.family
    for i in compress(range(len(index)), index.management):
        technical_top = top.get((family[i], False))
        if technical_top is None or rank[i] <= technical_top:
            continue
        role_id = index.ids[i]
        yield context.finding(
            rule,
            f"{index.describe(i)} ranks above every technical role of "
            f"{_facts.family_phrase(context, family[i])} (the highest is at "
            f"{index.levels[technical_top]}); add a technical role at "
            f"{index.levels[rank[i]]} so the technical track is as tall",
            context.role_location(role_id),
            role_id,
        )
