"""A promotion that pays less: a technical or management move to a lower band.

A move up a level should not cut pay. When the band midpoint of a move's target is
below its source's, the ladder discourages the very move it declares. Bands are compared
only in the same currency.

Fires on a technical or management move r -> t when: both roles have bands in the same
currency and t's midpoint is below r's x (1 - ``tolerance``) (default 0).

Options: ``tolerance`` (a number, at least 0).

Failing::

    levels: [L1, L2]
    tracks: {ic: technical}
    roles:
      dev:
        title: Engineer
        track: ic
        level: L1
        band: {min: 60000, max: 80000, currency: EUR}
        moves: [senior]                        # LAD304: the promotion pays less
      senior:
        title: Senior Engineer
        track: ic
        level: L2
        band: {min: 55000, max: 75000, currency: EUR}

Passing::

    levels: [L1, L2]
    tracks: {ic: technical}
    roles:
      dev:
        title: Engineer
        track: ic
        level: L1
        band: {min: 60000, max: 80000, currency: EUR}
        moves: [senior]
      senior:
        title: Senior Engineer
        track: ic
        level: L2
        band: {min: 70000, max: 95000, currency: EUR}

Suppress it for one move with ``ignore: {LAD304: <reason>}`` on the move.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from ladders.findings import Finding, Severity
from ladders.rules.context import Context, amount, tolerance

CODE = "LAD304"
NAME = "pay-cut-promotion"
SEVERITY = Severity.WARNING
OPTIONS = {"tolerance": tolerance(0)}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per move up a level to a lower band midpoint."""
    bands = context.bands
    if len(bands) < 2:
        return
    index = context.index
    keep = 1 - Fraction(repr(context.options["tolerance"]))
    rank, sources, targets = index.rank, index.sources, index.targets
    for edge in range(len(targets)):
        source, target = sources[edge], targets[edge]
        if rank[target] <= rank[source]:
            continue
        low, high = bands.get(source), bands.get(target)
        if low is None or high is None or low.currency != high.currency:
            continue
        if high.midpoint >= low.midpoint * keep:
            continue
        yield context.report_move(
            edge,
            f"the {context.kind(edge)} move from {context.describe(source)} to "
            f"{context.describe(target)} cuts pay: band midpoint {amount(high.midpoint)} "
            f"{high.currency} is below {amount(low.midpoint)}; raise the band of "
            f"{index.ids[target]} or lower that of {index.ids[source]}",
        )
