"""A technical role with a technical route up that people rise from only through management.

Found by ``ladders observe LADDER HISTORY`` (people data), not by
``ladders check``: the ladder gives technical role r a non-managerial route to a higher
level, at least ``min-people`` people rose from r, and fewer than ``min-share`` of them
rose without management. This is the dual track that works only on paper: the specialist
who wants to grow has, in practice, to become a manager.

A person *rose from* r if, after their first spell in r and before any exit, they later
held a role of higher rank than r; *without management* if none of their spells after
that spell in r, up to and including the first higher one, is on a management track.
The share is exact: 1 of 10 is not under a ``min-share`` of 0.1.

Failing (the ladder, ``org.yaml``)::

    levels: [L1, L2]
    tracks: {ic: technical, mgmt: management}
    roles:
      dev: {title: Developer, track: ic, level: L1, entry: true, moves: [senior, lead]}
      senior: {title: Senior Developer, track: ic, level: L2}
      lead: {title: Team Lead, track: mgmt, level: L2}

and the history (``history.csv``): six developers, every one promoted into management::

    person,date,role
    9f2c41d07a,2019-03-01,dev
    9f2c41d07a,2021-05-01,lead
    0b77e3aa15,2019-06-01,dev
    0b77e3aa15,2021-02-01,lead
    5e0d9c2f88,2019-09-01,dev
    5e0d9c2f88,2022-01-01,lead
    c4a1b6e903,2020-01-01,dev
    c4a1b6e903,2022-03-01,lead
    71d8f0b2ce,2020-04-01,dev
    71d8f0b2ce,2022-09-01,lead
    e35a9c7d41,2020-07-01,dev
    e35a9c7d41,2023-01-01,lead

``ladders observe org.yaml history.csv`` reports LAD401 on ``dev``: of the 6 people who
rose from it, 0 did so without management.

Passing: the same ladder, and a history in which some developers become senior
developers (3 of 6 without management, over the ``min-share``)::

    person,date,role
    9f2c41d07a,2019-03-01,dev
    9f2c41d07a,2021-05-01,senior
    0b77e3aa15,2019-06-01,dev
    0b77e3aa15,2021-02-01,senior
    5e0d9c2f88,2019-09-01,dev
    5e0d9c2f88,2022-01-01,senior
    c4a1b6e903,2020-01-01,dev
    c4a1b6e903,2022-03-01,lead
    71d8f0b2ce,2020-04-01,dev
    71d8f0b2ce,2022-09-01,lead
    e35a9c7d41,2020-07-01,dev
    e35a9c7d41,2023-01-01,lead

Options: ``min-people`` (default 5) and ``min-share`` (default 0.1), set for every
observe rule in ``[tool.ladders.observe]``, or for this rule alone in
``[tool.ladders.rules.LAD401]``. Suppress it for one role with
``ignore: {LAD401: <reason>}`` on that role; such an entry is reported as LAD006 when
LAD401 does not fire there in an observation.
"""

from __future__ import annotations

from ladders.findings import Severity
from ladders.rules.context import Option

__all__ = ["CODE", "NAME", "OPTIONS", "SEVERITY"]

CODE = "LAD401"
NAME = "technical-route-unused"
SEVERITY = Severity.WARNING


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


OPTIONS = {
    "min-people": Option(5, "a whole number of at least 1", _whole),
    "min-share": Option(
        0.1,
        "a number from 0 to 1",
        lambda value: (
            isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 1
        ),
    ),
}
