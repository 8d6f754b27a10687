"""Facts about the ladder that several rules need, computed once per check.

Each is kept in the :class:`~ladders.rules.Context` ``memo`` that every rule of one
check shares, so the ladder's arrays and progression sweeps are built once however many
rules use them.
"""

from __future__ import annotations

from itertools import compress
from operator import le
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ladders.analysis import LadderIndex, Progression
    from ladders.rules import Context

__all__ = ["ceilings", "family_phrase", "index", "level", "progression", "stuck"]


def index(context: Context) -> LadderIndex:
    """The ladder as integer arrays."""
    return progression(context).index


def progression(context: Context) -> Progression:
    """Progression of every role: the ladder's own (cached on it; sweeps run on first use)."""
    return context.ladder.progression


def ceilings(context: Context) -> dict[tuple[int, bool], int]:
    """(family number, is management) -> the highest rank of such a role."""
    found = context.memo.get("ceilings")
    if found is None:
        found = context.memo["ceilings"] = index(context).ceilings()
    assert isinstance(found, dict)
    return found


def stuck(context: Context) -> list[int]:
    """The roles that cannot progress without management, by number."""
    found = context.memo.get("stuck")
    if found is None:
        ladder = index(context)
        highest = progression(context).highest_without_management
        found = context.memo["stuck"] = list(
            compress(range(len(ladder)), map(le, highest, ladder.rank))
        )
    assert isinstance(found, list)
    return found


def level(context: Context, rank: int) -> str:
    """The level id of a rank."""
    return index(context).levels[rank]


def family_phrase(context: Context, family: int) -> str:
    """How messages name a family: ``family 'eng'``; for the roles without a family,
    ``the ladder`` when no role has one, else ``the unnamed family``."""
    families = index(context).families
    name = families[family]
    if name is not None:
        return f"family {name!r}"
    return "the ladder" if len(families) == 1 else "the unnamed family"
