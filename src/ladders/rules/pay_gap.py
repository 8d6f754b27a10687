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

from ladders.findings import Finding, Severity
from ladders.rules.context import Context, amount, tolerance

CODE = "LAD303"
NAME = "pay-gap"
SEVERITY = Severity.WARNING
OPTIONS = {"tolerance": tolerance(0.05)}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per technical role paid less than a manager at its level."""
    index = context.index
    allowed = Fraction(repr(context.options["tolerance"]))
    # (family, rank, currency) -> the management role with the highest midpoint there
    managers: dict[tuple[int, int, str], tuple[Fraction, int]] = {}
    bands = context.bands
    for i, band in bands.items():
        if index.management[i]:
            key = (index.family[i], index.rank[i], band.currency)
            if key not in managers or managers[key][0] < band.midpoint:
                managers[key] = (band.midpoint, i)
    if not managers:
        return
    for i, band in bands.items():
        if index.management[i]:
            continue
        best = managers.get((index.family[i], index.rank[i], band.currency))
        if best is None:
            continue
        midpoint, manager = best
        if midpoint - band.midpoint <= allowed * band.midpoint:
            continue
        gap = (midpoint - band.midpoint) / band.midpoint if band.midpoint else None
        more = f"{float(gap):.1%} more" if gap is not None else "more"
        yield context.report(
            i,
            f"{context.describe(i)} is paid less than {context.describe(manager)} at the same "
            f"level: band midpoint {amount(band.midpoint)} vs {amount(midpoint)} "
            f"{band.currency} ({more} for management; tolerance {float(allowed):.0%}); "
            "raise the technical band to match",
        )
