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

from ladders.observe.history import History, HistoryError, read_history, read_titles
from ladders.observe.observation import Observation, observe
from ladders.observe.projection import Projection, project

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
