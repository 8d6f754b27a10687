"""A move from a role to itself.

A move is a change of role; a move to the role itself goes nowhere, and is usually a
typo for another role's id.

Failing::

    levels: [L1, L2]
    tracks: {ic: technical}
    roles:
      dev: {title: Developer, track: ic, level: L1, moves: [senior, dev]}   # LAD204
      senior: {title: Senior Developer, track: ic, level: L2}

Passing::

    levels: [L1, L2]
    tracks: {ic: technical}
    roles:
      dev: {title: Developer, track: ic, level: L1, moves: [senior]}
      senior: {title: Senior Developer, track: ic, level: L2}

Suppress it for one move with ``ignore: {LAD204: <reason>}`` on the move.
"""

from __future__ import annotations

from collections.abc import Iterator

from ladders.findings import Finding, Severity
from ladders.rules.context import Context

CODE = "LAD204"
NAME = "self-move"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, object] = {}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per move whose target is the role itself."""
    index = context.index
    # The edges whose source is their target, at C speed (implied moves never are).
    for edge in index.self_edges():
        yield context.report_move(
            edge,
            f"{context.describe(index.targets[edge])} has a move to itself; remove it or "
            "point it at another role",
        )
