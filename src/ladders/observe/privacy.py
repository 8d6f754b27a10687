"""Privacy: counts of fewer than ``min-people`` people are shown as ``"<5"``, never exactly.

A count of 1 to ``min_people - 1`` could point at a person, so every output shows it as
``"<K"`` (K being the configured ``min-people``); 0 stays 0, larger counts are shown:

>>> shown(0, 5), shown(3, 5), shown(5, 5), shown(3, 2)
(0, '<5', 5, 3)
"""

from __future__ import annotations

from fractions import Fraction

from ladders.errors import UsageError

__all__ = ["NO_FAMILY", "few", "share_fraction", "shown"]


def few(count: int, min_people: int) -> bool:
    """Whether ``count`` is too small to show: from 1 to ``min_people - 1``."""
    return 0 < count < min_people


def shown(count: int, min_people: int) -> int | str:
    """``count`` as it may be shown: ``"<K"`` when it is from 1 to K - 1."""
    return f"<{min_people}" if few(count, min_people) else count


#: how the roles without a family are named in reports
NO_FAMILY = "(no family)"


def share_fraction(value: Fraction | float | str, what: str) -> Fraction:
    """A share from 0 to 1 as an exact fraction (``0.1`` is exactly 1/10)."""
    try:
        share = value if isinstance(value, Fraction) else Fraction(str(value))
    except (ValueError, ZeroDivisionError):
        raise UsageError(f"{what} must be a number from 0 to 1, not {value!r}") from None
    if not 0 <= share <= 1:
        raise UsageError(f"{what} must be a number from 0 to 1, not {value!r}")
    return share
