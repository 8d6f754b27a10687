"""ladders: check dual-track career ladders.

Does every role have a route forward that does not require becoming a manager?

A script starts with :func:`load` (or :func:`loads`), asks the :class:`Ladder`, runs
:func:`check`, and may write a changed ladder with :func:`dump`:

>>> import ladders
>>> ladder = ladders.loads('''
... levels: [L1, L2]
... tracks: {ic: technical}
... roles:
...   dev: {title: Developer, track: ic, level: L1, moves: [senior]}
...   senior: {title: Senior Developer, track: ic, level: L2}
... ''')
>>> ladders.check(ladder)
[]
"""

from __future__ import annotations

from typing import TYPE_CHECKING as _TYPE_CHECKING

from ladders._version import __version__
from ladders.analysis import Progression, RoleProgress, StuckRole
from ladders.check import CheckConfig, check_file
from ladders.errors import (
    ConfigError,
    CsvError,
    HistoryError,
    LaddersError,
    LoadError,
    UsageError,
)
from ladders.findings import Finding, Location, Severity
from ladders.ladder import Ladder, check, diff, dump, load, loads, progression
from ladders.model import (
    Band,
    LadderFile,
    Level,
    Move,
    ProgressionSettings,
    Role,
    Track,
    infer_kind,
)
from ladders.observe import observe, project

__all__ = [
    "Band",
    "Ceiling",
    "CheckConfig",
    "ConfigError",
    "CsvError",
    "FamilySummary",
    "Finding",
    "History",
    "HistoryError",
    "Ladder",
    "LadderDiff",
    "LadderFile",
    "LadderSummary",
    "LaddersError",
    "Level",
    "LoadError",
    "Location",
    "Move",
    "Observation",
    "ParityRow",
    "Progression",
    "ProgressionSettings",
    "Projection",
    "Regression",
    "Role",
    "RoleProgress",
    "Route",
    "Severity",
    "Step",
    "StuckRole",
    "Track",
    "UsageError",
    "__version__",
    "check",
    "check_file",
    "diff",
    "dump",
    "infer_kind",
    "load",
    "loads",
    "observe",
    "progression",
    "project",
    "read_history",
]


# These load on first use, so ``import ladders`` (and ``ladders check``) stays light.
_LAZY = {
    "History": "ladders.observe",
    "Observation": "ladders.observe",
    "Projection": "ladders.observe",
    "read_history": "ladders.observe",
    "LadderDiff": "ladders.changes",
    "Regression": "ladders.changes",
    "Ceiling": "ladders.query",
    "FamilySummary": "ladders.query",
    "LadderSummary": "ladders.query",
    "ParityRow": "ladders.query",
    "Route": "ladders.query",
    "Step": "ladders.query",
}

if _TYPE_CHECKING:
    from ladders.changes import LadderDiff, Regression
    from ladders.observe import History, Observation, Projection, read_history
    from ladders.query import Ceiling, FamilySummary, LadderSummary, ParityRow, Route, Step


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ladders' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
