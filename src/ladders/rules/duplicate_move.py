"""A role that lists the same move target more than once.

Each item under ``moves`` is a move of its own, so a target listed twice is two moves:
usually a copy-and-paste slip, or two sets of criteria that should be one. The finding
is on the second and later listings. A move that ``progression`` implies and the role
also writes is not a duplicate: the written move stands.

Failing::

    levels: [L1, L2]
    tracks: {ic: technical}
    roles:
      dev: {title: Developer, track: ic, level: L1, moves: [senior, senior]}   # LAD203
      senior: {title: Senior Developer, track: ic, level: L2}

Passing::

    levels: [L1, L2]
    tracks: {ic: technical}
    roles:
      dev: {title: Developer, track: ic, level: L1, moves: [senior]}
      senior: {title: Senior Developer, track: ic, level: L2}

Suppress it for one move with ``ignore: {LAD203: <reason>}`` on the repeated move.
"""

from __future__ import annotations

from collections.abc import Iterator

from ladders.findings import Finding, Severity
from ladders.rules.context import Context

CODE = "LAD203"
NAME = "duplicate-move"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, object] = {}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per repeated move target, at the repeat."""
    index = context.index
    offsets, targets = index.offsets, index.targets
    # Only written moves repeat a target: implied moves never repeat any move's target.
    for edge, first in index.repeats():
        if index.item_of(edge) < 0:
            continue
        role = index.source_of(edge)
        yield context.report_move(
            edge,
            f"{context.describe(role)} lists the move to {context.describe(targets[edge])} "
            f"more than once (moves {first - offsets[role] + 1} and {edge - offsets[role] + 1}); "
            "remove the repeat",
        )
