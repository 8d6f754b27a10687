"""A move whose declared ``kind`` is not the kind its two roles make it.

Move kinds are inferred: a move up a level onto a management track is ``management``, up
a level onto a technical track ``technical``, and to the same level or lower
``lateral``. Writing ``kind`` is optional; when it is written it must agree, so that a
reader of the file is not misled (the usual cause is a role moved to another level or
track without updating its moves).

Failing::

    levels: [L3, L4]
    tracks: {ic: technical, mgmt: management}
    roles:
      senior:
        title: Senior Engineer
        track: ic
        level: L3
        moves:
          - to: em
            kind: lateral      # LAD201: L3 -> L4 on a management track is management
      em: {title: Engineering Manager, track: mgmt, level: L4}

Passing::

        moves:
          - to: em
            kind: management

Suppress it for one role with ``ignore: {LAD201: <reason>}`` on that role.
"""

from __future__ import annotations

from collections.abc import Iterator

from ladders.findings import Finding, Severity
from ladders.graph import move_kind
from ladders.rules import Context, _facts, get

CODE = "LAD201"
NAME = "kind-mismatch"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, object] = {}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per move whose declared kind differs from the inferred one."""
    index = _facts.index(context)
    rule = get(CODE)
    rank, management = index.rank, index.management
    for edge, declared in index.declared:
        source, target = index.sources[edge], index.targets[edge]
        inferred = move_kind(rank[source], rank[target], bool(management[target]))
        if declared == inferred:
            continue
        track = "management" if management[target] else "technical"
        role_id = index.ids[source]
        yield context.finding(
            rule,
            f"the move from {index.describe(source)} to {index.describe(target)} is declared "
            f"{declared} but is {inferred} ({index.levels[rank[source]]} to "
            f"{index.levels[rank[target]]}, onto a {track} track); write kind: {inferred} "
            "or leave kind out",
            context.move_location(role_id, edge - index.offsets[source]),
            role_id,
        )
