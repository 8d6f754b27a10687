"""A technical role whose only way up is management: the stuck specialist.

The promise of a dual-track ladder is that nobody has to become a manager to progress.
This rule finds each technical role that cannot progress without management while its
family's ladder goes on above it, in one of three shapes, each named in the message:

- **through management**: higher technical roles of its family exist, but every route
  to them (or to any higher level) passes through a management role;
- **the track ends**: the family's technical track ends at the role's level while the
  family's management roles go higher (Principal is the top, Director is not);
- **another family**: the role's only way up is a management role of another family.

A route may step back a level, move laterally or cross families before it rises: any
non-managerial route to a higher level is enough to pass. A role that cannot progress at
all below its family's technical ceiling is a dead end (LAD103) instead. Put managers in
the family of the people they manage, so that the comparison is made.

Fires on role r when: r is on a technical track, r cannot progress without management,
LAD103 does not fire on r, and either r can progress (so only through management) or
some role of r's family ranks above r.

Failing::

    levels: [L3, L4, L5]
    tracks: {ic: technical, mgmt: management}
    roles:
      senior:                  # LAD101: the only way up is Tech Lead Manager
        title: Senior Engineer
        track: ic
        level: L4
        moves: [tlm]
      tlm: {title: Tech Lead Manager, track: mgmt, level: L5, moves: [staff]}
      staff: {title: Staff Engineer, track: ic, level: L5}

Passing::

    levels: [L3, L4, L5]
    tracks: {ic: technical, mgmt: management}
    roles:
      senior:
        title: Senior Engineer
        track: ic
        level: L4
        moves: [tlm, staff]    # a technical move up as well
      tlm: {title: Tech Lead Manager, track: mgmt, level: L5, moves: [staff]}
      staff: {title: Staff Engineer, track: ic, level: L5}

Suppress it for one role with ``ignore: {LAD101: <reason>}`` on that role.
"""

from __future__ import annotations

from collections.abc import Iterator

from ladders.findings import Finding, Severity
from ladders.rules.context import Context

CODE = "LAD101"
NAME = "management-only-progression"
SEVERITY = Severity.ERROR
OPTIONS: dict[str, object] = {}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per stuck technical role (see the module documentation)."""
    index = context.index
    top = index.ceilings
    for stuck in context.facts.management_only:
        i = index.position[stuck.role]
        family = index.family[i]
        phrase = context.family_phrase(family)
        technical_top = context.level(top[family, False])
        via = index.position[stuck.via] if stuck.via is not None else None
        through = f"through {context.describe(via)}" if via is not None else ""
        if stuck.reason == "through-management":
            message = (
                f"{context.describe(i)} can only progress {through} (management): "
                f"{phrase} has technical roles up to {technical_top}, but no route reaches "
                "them without management; add a technical or lateral move toward a higher "
                "technical role"
            )
        elif stuck.reason == "track-ends":
            management_top = context.level(top[family, True])
            how = (
                f"its only way up is {through} (management)"
                if via is not None
                else ("it has no way up")
            )
            message = (
                f"{context.describe(i)} is at the top of the technical track of {phrase} "
                f"({technical_top}) while its management roles go up to {management_top}: "
                f"{how}; add a technical role above {technical_top} and a move to it"
            )
        else:
            higher = any(
                rank > index.rank[i] for (_, management), rank in top.items() if not management
            )
            fix = (
                "add a technical or lateral move toward a higher technical role"
                if higher
                else f"add a technical role above {context.level(index.rank[i])} and a move to it"
            )
            message = (
                f"{context.describe(i)} can only progress {through}, a management role of "
                "another family: no technical route leads above "
                f"{context.level(index.rank[i])}; {fix}"
            )
        yield context.report(i, message)
