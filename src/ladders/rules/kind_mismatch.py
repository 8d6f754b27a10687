"""A move whose declared ``kind`` differs from the kind its two roles imply.

The kind of a move follows from its roles: up a level onto a management
track is ``management``, up a level onto a technical track is ``technical``, anything
else is ``lateral``. A declared kind that disagrees is a mistake in the move or in the
roles, and hides which road the move really is.

Failing::

    levels: [L1, L2]
    tracks: {ic: technical, mgmt: management}
    roles:
      dev:
        title: Developer
        track: ic
        level: L1
        moves:
          - senior
          - {to: lead, kind: technical}     # LAD201: onto a management track
      senior: {title: Senior Developer, track: ic, level: L2}
      lead: {title: Team Lead, track: mgmt, level: L2, moves: [senior]}

Passing::

    levels: [L1, L2]
    tracks: {ic: technical, mgmt: management}
    roles:
      dev:
        title: Developer
        track: ic
        level: L1
        moves:
          - senior
          - {to: lead, kind: management}
      senior: {title: Senior Developer, track: ic, level: L2}
      lead: {title: Team Lead, track: mgmt, level: L2, moves: [senior]}

Suppress it for one move with ``ignore: {LAD201: <reason>}`` on the move, or for all the
role's moves on the role.
"""

from __future__ import annotations

from collections.abc import Iterator

from ladders.findings import Finding, Severity
from ladders.rules.context import Context

CODE = "LAD201"
NAME = "kind-mismatch"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, object] = {}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per move whose declared kind differs from the inferred one."""
    index = context.index
    rank, management = index.rank, index.management
    for edge, declared in index.declared:
        inferred = context.kind(edge)
        if declared == inferred:
            continue
        source, target = index.source_of(edge), index.targets[edge]
        track = "management" if management[target] else "technical"
        yield context.report_move(
            edge,
            f"the move from {context.describe(source)} to {context.describe(target)} is "
            f"declared {declared} but is {inferred} ({context.level(rank[source])} to "
            f"{context.level(rank[target])}, onto a {track} track); write kind: {inferred} "
            "or leave kind out",
        )
