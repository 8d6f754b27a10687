"""A role nobody can get to: neither an entry role nor reachable from one.

When a ladder says where people start (``entry: true`` on roles or levels), every other
role should be reachable by some route from one of those. A role that is not is either
missing a move into it, or an entry role not marked as one. Without entry roles the rule
is off: nothing says where people start.

Fires on role r when: some role is an entry role, and r is neither an entry role nor
reachable from one.

Failing::

    levels: [L1, L2]
    tracks: {ic: technical}
    roles:
      dev: {title: Developer, track: ic, level: L1, entry: true, moves: [senior]}
      senior: {title: Senior Developer, track: ic, level: L2}
      architect: {title: Architect, track: ic, level: L2}     # LAD104: nobody gets here

Passing::

    levels: [L1, L2]
    tracks: {ic: technical}
    roles:
      dev: {title: Developer, track: ic, level: L1, entry: true, moves: [senior, architect]}
      senior: {title: Senior Developer, track: ic, level: L2}
      architect: {title: Architect, track: ic, level: L2}

Suppress it for one role with ``ignore: {LAD104: <reason>}`` on that role.
"""

from __future__ import annotations

from collections.abc import Iterator

from ladders.findings import Finding, Severity
from ladders.rules.context import Context

CODE = "LAD104"
NAME = "unreachable"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, object] = {}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per role neither an entry role nor reachable from one."""
    for i in context.facts.unreachable:
        yield context.report(
            i,
            f"{context.describe(i)} cannot be reached from any entry role; add a move into it "
            "from a role people can reach, or mark it 'entry: true'",
        )
