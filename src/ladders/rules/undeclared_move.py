"""A move that enough people made, but that the ladder does not declare.

Found by ``ladders observe LADDER HISTORY`` (people data), not by
``ladders check``: at least ``min-people`` people made the same move, from role a to a
role b != a, and the ladder has no such move, written or implied. Either the ladder is
out of date (the move is a real route, and people looking for it do not find it), or
something happens that the ladder says should not. It is located at the ``from`` role.

A *move* is a person's spell in one role followed by their next spell in another; a
spell after an ``exit`` is a re-hire, not a move.

Failing (the ladder, ``org.yaml``)::

    levels: [L1, L2]
    tracks: {ic: technical}
    roles:
      dev: {title: Developer, track: ic, level: L1, entry: true, moves: [senior]}
      qa: {title: Test Engineer, track: ic, level: L1, entry: true, moves: [senior]}
      senior: {title: Senior Developer, track: ic, level: L2}

and the history (``history.csv``): five test engineers became developers, a lateral move
the ladder does not have::

    person,date,role
    4ac9e1f0d3,2020-01-01,qa
    4ac9e1f0d3,2021-06-01,dev
    d81b7c2e95,2020-02-01,qa
    d81b7c2e95,2021-09-01,dev
    2f6e0a9b47,2020-05-01,qa
    2f6e0a9b47,2022-01-01,dev
    b3c5d7e9f1,2020-08-01,qa
    b3c5d7e9f1,2022-04-01,dev
    60a2e4c6b8,2021-01-01,qa
    60a2e4c6b8,2022-10-01,dev

``ladders observe org.yaml history.csv`` reports LAD402 on ``qa``: 5 people moved from
Test Engineer (qa, L1) to Developer (dev, L1).

Passing: the same history, with the ladder declaring the move::

    levels: [L1, L2]
    tracks: {ic: technical}
    roles:
      dev: {title: Developer, track: ic, level: L1, entry: true, moves: [senior]}
      qa: {title: Test Engineer, track: ic, level: L1, entry: true, moves: [senior, dev]}
      senior: {title: Senior Developer, track: ic, level: L2}

Option: ``min-people`` (default 5), set for every observe rule in
``[tool.ladders.observe]``, or for this rule alone in ``[tool.ladders.rules.LAD402]``.
Suppress it for one role with ``ignore: {LAD402: <reason>}`` on the ``from`` role; such an
entry is reported as LAD006 when LAD402 does not fire there in an observation.
"""

from __future__ import annotations

from ladders.findings import Severity
from ladders.rules.context import Option

__all__ = ["CODE", "NAME", "OPTIONS", "SEVERITY"]

CODE = "LAD402"
NAME = "undeclared-move"
SEVERITY = Severity.WARNING


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


OPTIONS = {"min-people": Option(5, "a whole number of at least 1", _whole)}
