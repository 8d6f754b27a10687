"""A move from a role to the role itself.

A move is a change of role; a move back to the same role is always a mistake in the
file, usually a copied line whose target was not changed.

Failing::

    roles:
      senior:
        title: Senior Engineer
        track: ic
        level: L4
        moves: [senior]        # LAD204

Passing::

    roles:
      senior:
        title: Senior Engineer
        track: ic
        level: L4
        moves: [staff]

Suppress it for one role with ``ignore: {LAD204: <reason>}`` on that role.
"""

from __future__ import annotations

from collections.abc import Iterator

from ladders.findings import Finding, Severity
from ladders.rules import Context, get

CODE = "LAD204"
NAME = "self-move"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, object] = {}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per move whose target is the role itself."""
    ladder = context.ladder
    rule = get(CODE)
    for role_id, role in ladder.roles.items():
        for index, target in enumerate(role.targets):
            if target == role_id:
                level = role.level
                where = context.move_location(role_id, index)
                yield context.finding(
                    rule,
                    f"{role.title} ({level}) has a move to itself; remove it or point it at "
                    "another role",
                    where,
                    role_id,
                )
