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
from itertools import compress, repeat
from operator import and_, eq, lt

from ladders.findings import Finding, Severity
from ladders.rules.context import Context, amount, distinct, per_role, places, tolerance

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
    # Exactly, as whole numbers: a move fires when the place of its target's midpoint is
    # below the place of its source's midpoint x keep, among all of them.
    objects = distinct(bands)
    midpoint = {key: band.midpoint for key, band in objects.items()}
    place = places([*midpoint.values(), *(value * keep for value in midpoint.values())])
    high = per_role(bands, {key: place[value] for key, value in midpoint.items()})
    low = per_role(bands, {key: place[value * keep] for key, value in midpoint.items()})
    currency = per_role(bands, {key: band.currency for key, band in objects.items()})
    edges = index.rising_edges(0)
    sources = list(map(index.sources.__getitem__, edges))
    targets = list(map(index.targets.__getitem__, edges))
    # a role without a band is below nothing (the place past the last) and nothing is
    # below it (the place before the first)
    below = map(lt, map(high.get, targets, repeat(len(place))), map(low.get, sources, repeat(-1)))
    same = map(eq, map(currency.get, sources), map(currency.get, targets))
    for edge, source, target in compress(
        zip(edges, sources, targets, strict=True), map(and_, below, same)
    ):
        low_band, high_band = bands[source], bands[target]
        yield context.report_move(
            edge,
            f"the {context.kind(edge)} move from {context.describe(source)} to "
            f"{context.describe(target)} cuts pay: band midpoint "
            f"{amount(midpoint[id(high_band)])} {high_band.currency} is below "
            f"{amount(midpoint[id(low_band)])}; raise the band of "
            f"{index.ids[target]} or lower that of {index.ids[source]}",
        )
