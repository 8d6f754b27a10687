"""A role nobody can get into.

When some roles are marked ``entry: true`` (people are hired into them), every other
role should be reachable by a route from an entry role; one that is not is either
missing a move into it or missing its ``entry`` mark. The rule is silent when no role is
marked ``entry``.

Failing::

    levels: [L1, L2]
    tracks: {ic: technical}
    roles:
      dev: {title: Developer, track: ic, level: L1, entry: true}
      senior: {title: Senior Developer, track: ic, level: L2}   # LAD104

Passing::

      dev: {title: Developer, track: ic, level: L1, entry: true, moves: [senior]}
      senior: {title: Senior Developer, track: ic, level: L2}

Suppress it for one role with ``ignore: {LAD104: <reason>}`` on that role.
"""

from __future__ import annotations

from collections.abc import Iterator

from ladders.analysis import reachable
from ladders.findings import Finding, Severity
from ladders.rules import Context, _facts, get

CODE = "LAD104"
NAME = "unreachable"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, object] = {}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per role neither an entry role nor reachable from one."""
    index = _facts.index(context)
    if not index.entries:
        return
    rule = get(CODE)
    seen = reachable(index)
    if len(seen) == len(index):
        return
    for i in sorted(set(range(len(index))) - seen):
        role_id = index.ids[i]
        yield context.finding(
            rule,
            f"{index.describe(i)} cannot be reached from any entry role; add a move into it "
            "from a role people can reach, or mark it 'entry: true'",
            context.role_location(role_id),
            role_id,
        )
