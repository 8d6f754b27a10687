"""The technical track's pay tops out below the management track's.

Even with equal pay level by level, a family whose best-paid technical role earns less
than its best-paid manager tells specialists that the money is in management. This rule
compares, per family and currency, the highest band maximum of each track kind.

Fires on each technical role holding its family's technical maximum (in a currency)
when: the family's highest management band max in that currency exceeds it by more than
``tolerance`` (default 0.05): management max > technical max x (1 + tolerance).

Options: ``tolerance`` (a number, at least 0).

Failing::

    levels: [L1, L2]
    tracks: {ic: technical, mgmt: management}
    roles:
      dev: {title: Engineer, track: ic, level: L1, moves: [senior, em]}
      senior:                                    # LAD305: technical pay tops out at 120,000
        title: Senior Engineer
        track: ic
        level: L2
        band: {min: 90000, max: 120000, currency: EUR}
      em:
        title: Engineering Manager
        track: mgmt
        level: L2
        band: {min: 80000, max: 140000, currency: EUR}
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
        band: {min: 90000, max: 120000, currency: EUR}
      em:
        title: Engineering Manager
        track: mgmt
        level: L2
        band: {min: 80000, max: 125000, currency: EUR}
        moves: [senior]

Suppress it for one role with ``ignore: {LAD305: <reason>}`` on that role.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

from ladders.findings import Finding, Severity
from ladders.rules.context import Context, amount, exact, tolerance

CODE = "LAD305"
NAME = "pay-ceiling"
SEVERITY = Severity.WARNING
OPTIONS = {"tolerance": tolerance(0.05)}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per technical role at its family's technical pay maximum, when
    management pays more at the top."""
    index = context.index
    allowed = 1 + Fraction(repr(context.options["tolerance"]))
    # (family, currency, is management) -> (highest max, roles holding it)
    tops: dict[tuple[int, str, bool], tuple[Fraction, list[int]]] = {}
    for i, band in context.bands.items():
        key = (index.family[i], band.currency, bool(index.management[i]))
        high = exact(band.max)
        best = tops.get(key)
        if best is None or best[0] < high:
            tops[key] = (high, [i])
        elif best[0] == high:
            best[1].append(i)
    for (family, currency, management), (technical_max, holders) in sorted(tops.items()):
        if management:
            continue
        other = tops.get((family, currency, True))
        if other is None or other[0] <= technical_max * allowed:
            continue
        for i in holders:
            yield context.report(
                i,
                f"the technical pay of {context.family_phrase(family)} tops out at "
                f"{amount(technical_max)} {currency} ({context.describe(i)}), below the "
                f"management maximum {amount(other[0])} {currency} "
                f"(tolerance {float(allowed - 1):.0%}); raise the top technical band",
            )
