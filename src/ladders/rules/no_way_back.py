"""A family whose ladder lets managers go back to the technical track, but nobody does.

Found by ``ladders observe LADDER HISTORY`` (people data), not by
``ladders check``: the ladder declares moves from management roles of a family back to
technical roles of that family, at least ``min-people`` people held the family's
management roles, and none of them made such a move. A way back that nobody takes is
often a way back that is not really open (it costs pay, title or standing), and managers
who would rather be specialists again stay stuck. It fires on each management role of
the family that declares a move to a technical role of the family.

Failing (the ladder, ``org.yaml``)::

    levels: [L1, L2]
    tracks: {ic: technical, mgmt: management}
    roles:
      dev: {title: Developer, track: ic, level: L1, entry: true, moves: [senior]}
      senior: {title: Senior Developer, track: ic, level: L2, entry: true, moves: [lead]}
      lead: {title: Team Lead, track: mgmt, level: L2, entry: true, moves: [senior]}

and the history (``history.csv``): five team leads, none of whom went back::

    person,date,role
    a7e2c9f104,2019-01-01,lead
    38b1d6e0fa,2019-04-01,lead
    f05c3a8e27,2020-02-01,lead
    6d9e2b7c13,2020-11-01,lead
    c2f8a0e5d9,2021-06-01,lead

``ladders observe org.yaml history.csv`` reports LAD403 on ``lead``.

Passing: the same ladder, and a history in which one of them went back::

    person,date,role
    a7e2c9f104,2019-01-01,lead
    a7e2c9f104,2022-01-01,senior
    38b1d6e0fa,2019-04-01,lead
    f05c3a8e27,2020-02-01,lead
    6d9e2b7c13,2020-11-01,lead
    c2f8a0e5d9,2021-06-01,lead

Option: ``min-people`` (default 5), set for every observe rule in
``[tool.ladders.observe]``, or for this rule alone in ``[tool.ladders.rules.LAD403]``.
Suppress it for one role with ``ignore: {LAD403: <reason>}`` on that management role; such
an entry is reported as LAD006 when LAD403 does not fire there in an observation.
"""

from __future__ import annotations

from ladders.findings import Severity
from ladders.rules.context import Option

__all__ = ["CODE", "NAME", "OPTIONS", "SEVERITY"]

CODE = "LAD403"
NAME = "no-way-back"
SEVERITY = Severity.WARNING


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


OPTIONS = {"min-people": Option(5, "a whole number of at least 1", _whole)}
