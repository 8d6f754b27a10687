"""Holding a ladder against what people did: :func:`observe` and its :class:`Observation`.

The definitions are DESIGN §7's, exactly:

- a **move** is one person's spell in role r followed by their next spell in a role
  t != r (a spell after an ``exit`` is a re-hire, not a move); it counts when its later
  spell starts inside the window; moves into or out of a role value that is not a role
  of the ladder are counted under ``unknown`` only;
- a move is **declared** when the ladder has it (written or implied: an edge of
  ``ladder.graph``); ``declared_share`` is declared moves over moves;
- a person **rose from** r if, after their first spell in r (held in the window) and
  before any exit, they later held a role of higher rank than r; **without management**
  if none of their spells after that spell in r, up to and including the first
  higher-ranked one, is on a management track;
- **time in role** runs from a spell's start in r to the start of the first later spell
  at a higher rank, censored at an exit or at ``until``; its Kaplan-Meier median is in
  months of 30.4375 days;
- the window: ``until`` defaults to the last date of the history and ``since`` to the
  first; rows after ``until`` are cut; a spell is held in the window when it has not
  ended before ``since``.

>>> import ladders
>>> from ladders.observe.history import History
>>> ladder = ladders.loads('''
... levels: [L1, L2]
... tracks: {ic: technical, mgmt: management}
... roles:
...   dev: {title: Developer, track: ic, level: L1, moves: [senior]}
...   senior: {title: Senior Developer, track: ic, level: L2}
...   lead: {title: Team Lead, track: mgmt, level: L2}
... ''')
>>> rows = [(f"p{i}", "2020-01-01", "dev") for i in range(6)]
>>> rows += [(f"p{i}", "2021-01-01", "lead") for i in range(6)]
>>> seen = observe(ladder, History.from_rows(rows))
>>> seen.people, seen.moves, seen.declared_share
(6, 6, Fraction(0, 1))
>>> [(m.source, m.target, m.kind, m.people) for m in seen.undeclared]
[('dev', 'lead', 'management', 6)]
>>> [f.code for f in seen.findings]
['LAD401', 'LAD402']
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ladders.errors import UsageError
from ladders.observe.figures import _observation
from ladders.observe.history import History, read_history
from ladders.observe.inputs import as_date, resolve_roles, title_map
from ladders.observe.privacy import NO_FAMILY, share_fraction
from ladders.observe.replay import Notes
from ladders.observe.result import (
    DAYS_PER_MONTH,
    FORMAT_VERSION,
    FamilyReturns,
    LevelFigures,
    MoveCount,
    Observation,
    RoleFigures,
    TrackFigures,
    UnknownFigures,
    UnknownValue,
    summary,
)
from ladders.observe.tally import Shape, _replay

if TYPE_CHECKING:
    from ladders.ladder import Ladder

__all__ = [
    "DAYS_PER_MONTH",
    "FORMAT_VERSION",
    "NO_FAMILY",
    "FamilyReturns",
    "LevelFigures",
    "MoveCount",
    "Observation",
    "RoleFigures",
    "Shape",
    "TrackFigures",
    "UnknownFigures",
    "UnknownValue",
    "as_date",
    "observe",
    "resolve_roles",
    "share_fraction",
    "summary",
    "title_map",
]


def observe(
    ladder: Ladder,
    history: History | str | os.PathLike[str],
    *,
    since: date | str | None = None,
    until: date | str | None = None,
    titles: Mapping[str, str] | str | os.PathLike[str] | None = None,
    min_people: int = 5,
    min_share: Fraction | float | str = Fraction(1, 10),
    sheet: str | None = None,
    rule_options: Mapping[str, Mapping[str, Any]] | None = None,
) -> Observation:
    """Hold ``ladder`` against ``history`` (a :class:`History`, or a CSV or workbook path).

    ``titles`` maps job titles to role ids (a ``title,role`` CSV path, or a mapping);
    ``min_people`` is the smallest count shown, and the threshold of LAD401-LAD403;
    ``min_share`` is LAD401's; ``rule_options`` may set ``min-people``/``min-share`` per
    rule code. Raises :class:`~ladders.observe.history.HistoryError` for a history that
    cannot be read and :class:`~ladders.UsageError` for bad arguments.
    """
    if isinstance(min_people, bool) or not isinstance(min_people, int) or min_people < 1:
        raise UsageError(f"min-people must be a whole number of at least 1, not {min_people!r}")
    share = share_fraction(min_share, "min-share")
    if not isinstance(history, History):
        history = read_history(history, sheet=sheet)
    since_date, until_date = as_date(since, "since"), as_date(until, "until")
    until_date = until_date or history.last_date
    since_date = since_date or history.first_date
    if since_date > until_date:
        raise UsageError(
            f"the window is empty: since {since_date.isoformat()} is after "
            f"until {until_date.isoformat()}"
        )
    mapped, _ = title_map(titles, ladder)
    codes, unknown_values, title_notes = resolve_roles(ladder, history, mapped)
    shape = Shape.of(ladder)
    notes = Notes()
    tally = _replay(
        ladder, shape, history, codes, since_date.toordinal(), until_date.toordinal(), notes
    )
    return _observation(
        ladder,
        shape,
        history,
        since_date,
        until_date,
        min_people,
        share,
        tally,
        unknown_values,
        [*notes.lines(history.name), *title_notes],
        rule_options or {},
    )
