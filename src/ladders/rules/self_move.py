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
from itertools import compress
from operator import eq

from ladders.findings import Finding, Severity
from ladders.rules import Context, _facts, get

CODE = "LAD204"
NAME = "self-move"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, object] = {}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per move whose target is the role itself."""
    index = _facts.index(context)
    rule = get(CODE)
    sources = index.sources
    for edge in compress(range(len(sources)), map(eq, sources, index.targets)):
        source = sources[edge]
        role_id = index.ids[source]
        yield context.finding(
            rule,
            f"{index.describe(source)} has a move to itself; remove it or point it at another role",
            context.move_location(role_id, edge - index.offsets[source]),
            role_id,
        )
