"""A technical role paid less than a management role of its family at the same level.

Equal levels mean equal pay: a technical track that pays less at the same level still
pushes people into management. This rule compares each technical role's band midpoint
with the management roles of its family at the same level (bands in the same currency;
a role's band is its own, else its track's at its level, else its level's).

Fires on technical role r (once) when: r has a band, and some management role of
family(r) at rank(r) has a band in the same currency whose midpoint exceeds r's by more
than ``tolerance`` (default 0.05) of r's midpoint. Exact arithmetic: a gap of exactly
the tolerance does not fire.

Options: ``tolerance`` (a number, at least 0). In ``pyproject.toml``::

    [tool.ladders.rules.LAD303]
    tolerance = 0.1

Failing::

    levels: [L1, L2]
    tracks: {ic: technical, mgmt: management}
    roles:
      dev: {title: Engineer, track: ic, level: L1, moves: [senior, em]}
      senior:                                            # LAD303: midpoint 90,000
        title: Senior Engineer
        track: ic
        level: L2
        band: {min: 70000, max: 110000, currency: EUR}
      em:                                                # midpoint 105,000
        title: Engineering Manager
        track: mgmt
        level: L2
        band: {min: 100000, max: 110000, currency: EUR}
        moves: [senior]

Passing::

    levels: [L1, L2]
    tracks: {ic: technical, mgmt: management}
    roles:
      dev: {title: Engineer, track: ic, level: L1, moves: [senior, em]}
      senior:
        title: Senior Engineer
        track: ic
        level: L2
        band: {min: 70000, max: 110000, currency: EUR}
      em:
        title: Engineering Manager
        track: mgmt
        level: L2
        band: {min: 76000, max: 110000, currency: EUR}
        moves: [senior]

Suppress it for one role with ``ignore: {LAD303: <reason>}`` on that role.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from itertools import compress
from operator import not_

from ladders.findings import Finding, Severity
from ladders.rules.context import Context, amount, distinct, places, tolerance

CODE = "LAD303"
NAME = "pay-gap"
SEVERITY = Severity.WARNING
OPTIONS = {"tolerance": tolerance(0.05)}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per technical role paid less than a manager at its level."""
    bands = context.bands
    if not bands:
        return
    index = context.index
    family, rank, management = index.family, index.rank, index.management
    allowed = Fraction(repr(context.options["tolerance"]))
    # Exactly, as whole numbers: a manager's midpoint m fires on a technical midpoint t
    # when m > t x (1 + tolerance), so each midpoint and each midpoint x (1 + tolerance)
    # is placed in one order.
    objects = distinct(bands)
    midpoint = {key: band.midpoint for key, band in objects.items()}
    raised = {key: value * (1 + allowed) for key, value in midpoint.items()}
    place = places([*midpoint.values(), *raised.values()])
    # (family, rank, currency) -> (place of the highest midpoint, the manager paid it)
    managers: dict[tuple[int, int, str], tuple[int, int]] = {}
    for i in filter(bands.__contains__, index.managers()):
        band = bands[i]
        key = (family[i], rank[i], band.currency)
        at = place[midpoint[id(band)]]
        best = managers.get(key)
        if best is None or best[0] < at:
            managers[key] = (at, i)
    if not managers:
        return
    technical = compress(bands.items(), map(not_, map(management.__getitem__, bands)))
    for i, band in technical:
        best = managers.get((family[i], rank[i], band.currency))
        if best is None or best[0] <= place[raised[id(band)]]:
            continue
        manager = best[1]
        own, theirs = midpoint[id(band)], midpoint[id(bands[manager])]
        gap = (theirs - own) / own if own else None
        more = f"{float(gap):.1%} more" if gap is not None else "more"
        yield context.report(
            i,
            f"{context.describe(i)} is paid less than {context.describe(manager)} at the same "
            f"level: band midpoint {amount(own)} vs {amount(theirs)} "
            f"{band.currency} ({more} for management; tolerance {float(allowed):.0%}); "
            "raise the technical band to match",
        )
