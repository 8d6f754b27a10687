"""A role that lists the same target more than once.

Each repeat adds nothing to the ladder and usually hides a typo: one of the two lines was
meant to name another role. The finding is at the second (and any later) occurrence.

Failing::

    roles:
      senior:
        title: Senior Engineer
        track: ic
        level: L4
        moves: [staff, staff]   # LAD203

Passing::

        moves: [staff, tlm]

Suppress it for one role with ``ignore: {LAD203: <reason>}`` on that role.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress
from operator import lt, sub

from ladders.findings import Finding, Severity
from ladders.rules import Context, _facts, get

CODE = "LAD203"
NAME = "duplicate-move"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, object] = {}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per repeated move target, at the repeat."""
    index = _facts.index(context)
    offsets, everyone = index.offsets, range(len(index))
    counts = map(sub, offsets[1:], offsets)
    distinct = map(len, map(set, index.moves_of(everyone)))
    rule = get(CODE)
    for source in compress(everyone, map(lt, distinct, counts)):
        role_id = index.ids[source]
        first: dict[int, int] = {}
        start = offsets[source]
        for number, target in enumerate(index.targets[start : offsets[source + 1]]):
            earlier = first.setdefault(target, number)
            if earlier == number:
                continue
            yield context.finding(
                rule,
                f"{index.describe(source)} lists the move to {index.describe(target)} more "
                f"than once (moves {earlier + 1} and {number + 1}); remove the repeat",
                context.move_location(role_id, number),
                role_id,
            )
