"""People data (DESIGN §7): does the dual track work in practice?

:func:`observe` holds a ladder against a history of job spells (who held which role from
when) and reports conformance, progression in practice, time in role, occupancy and the
findings LAD401-LAD403; :func:`project` estimates yearly transition rates from the same
history and projects them forward as a Markov chain. Both are plain functions of a loaded
ladder and a :class:`History`; numpy and openpyxl are imported only when they run.

>>> import ladders
>>> from ladders.observe import History, observe
>>> ladder = ladders.loads('''
... levels: [L1, L2]
... tracks: {ic: technical}
... roles:
...   dev: {title: Developer, track: ic, level: L1, moves: [senior]}
...   senior: {title: Senior Developer, track: ic, level: L2}
... ''')
>>> history = History.from_rows(
...     [(f"k{i}", "2020-01-01", "dev") for i in range(8)]
...     + [(f"k{i}", "2021-07-01", "senior") for i in range(3)]
... )
>>> seen = observe(ladder, history)
>>> figures = seen.to_dict()["roles"]["dev"]
>>> figures["held"], figures["now"], figures["up"], figures["median_months_to_next_level"]
(8, 5, '<5', None)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ladders.errors import HistoryError

if TYPE_CHECKING:
    from ladders.ladder import Ladder
    from ladders.observe.history import History, read_history, read_titles
    from ladders.observe.observation import Observation
    from ladders.observe.projection import Projection

__all__ = [
    "History",
    "HistoryError",
    "Observation",
    "Projection",
    "observe",
    "project",
    "read_history",
    "read_titles",
]

# ``import ladders`` stays light: the modules behind these names load on first use.
_LAZY = {
    "History": "ladders.observe.history",
    "read_history": "ladders.observe.history",
    "read_titles": "ladders.observe.history",
    "Observation": "ladders.observe.observation",
    "Projection": "ladders.observe.projection",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ladders.observe' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


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
    """Hold ``ladder`` against ``history`` (a :class:`History`, or a CSV or workbook path):
    conformance, progression in practice, time in role, occupancy and LAD401-LAD403
    (see :func:`ladders.observe.observation.observe`)."""
    from ladders.observe.observation import observe as run

    return run(
        ladder,
        history,
        since=since,
        until=until,
        titles=titles,
        min_people=min_people,
        min_share=min_share,
        sheet=sheet,
        rule_options=rule_options,
    )


def project(
    ladder: Ladder,
    history: History | str | os.PathLike[str],
    *,
    years: int = 3,
    since: date | str | None = None,
    until: date | str | None = None,
    titles: Mapping[str, str] | str | os.PathLike[str] | None = None,
    min_people: int = 5,
    sheet: str | None = None,
) -> Projection:
    """Estimate yearly transition rates from ``history`` and project them forward as a
    Markov chain (see :func:`ladders.observe.projection.project`)."""
    from ladders.observe.projection import project as run

    return run(
        ladder,
        history,
        years=years,
        since=since,
        until=until,
        titles=titles,
        min_people=min_people,
        sheet=sheet,
    )
