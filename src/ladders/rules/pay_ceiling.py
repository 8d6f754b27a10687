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
from ladders.rules.context import Context, amount, distinct, exact, places, tolerance

CODE = "LAD305"
NAME = "pay-ceiling"
SEVERITY = Severity.WARNING
OPTIONS = {"tolerance": tolerance(0.05)}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per technical role at its family's technical pay maximum, when
    management pays more at the top."""
    bands = context.bands
    if not bands:
        return
    index = context.index
    family, management = index.family, index.management
    allowed = 1 + Fraction(repr(context.options["tolerance"]))
    # band maxima compared exactly, as their places in increasing order
    objects = distinct(bands)
    maximum = {key: exact(band.max) for key, band in objects.items()}
    place = places(maximum.values())
    value = sorted(place, key=place.__getitem__)  # place -> the maximum
    top = {key: place[high] for key, high in maximum.items()}
    # (family, currency, is management) -> (place of the highest max, roles holding it)
    tops: dict[tuple[int, str, bool], tuple[int, list[int]]] = {}
    for i, band in bands.items():
        key = (family[i], band.currency, management[i] == 1)
        high = top[id(band)]
        best = tops.get(key)
        if best is None or best[0] < high:
            tops[key] = (high, [i])
        elif best[0] == high:
            best[1].append(i)
    for (family_number, currency, is_management), (high, holders) in sorted(tops.items()):
        if is_management:
            continue
        other = tops.get((family_number, currency, True))
        technical_max = value[high]
        if other is None or value[other[0]] <= technical_max * allowed:
            continue
        for i in holders:
            yield context.report(
                i,
                f"the technical pay of {context.family_phrase(family_number)} tops out at "
                f"{amount(technical_max)} {currency} ({context.describe(i)}), below the "
                f"management maximum {amount(value[other[0]])} {currency} "
                f"(tolerance {float(allowed - 1):.0%}); raise the top technical band",
            )
