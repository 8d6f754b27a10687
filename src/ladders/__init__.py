"""ladders: check dual-track career ladders.

Does every role have a route forward that does not require becoming a manager?

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

from ladders.analysis import Progression, RoleProgress, progression
from ladders.changes import LadderDiff, Regression, diff
from ladders.check import CheckConfig, check, check_file
from ladders.errors import LaddersError, LoadError, UsageError
from ladders.findings import Finding, Location, Severity
from ladders.graph import infer_kind
from ladders.load import load, loads
from ladders.model import Ladder, LadderFile, Level, Move, Role, Track
from ladders.query import Ceiling, FamilySummary, LadderSummary, Route, Step

from ladders._version import __version__

__all__ = [
    "Ceiling",
    "CheckConfig",
    "FamilySummary",
    "Finding",
    "Ladder",
    "LadderDiff",
    "LadderFile",
    "LadderSummary",
    "LaddersError",
    "Level",
    "LoadError",
    "Location",
    "Move",
    "Progression",
    "Regression",
    "Role",
    "RoleProgress",
    "Route",
    "Severity",
    "Step",
    "Track",
    "UsageError",
    "__version__",
    "check",
    "check_file",
    "diff",
    "infer_kind",
    "load",
    "loads",
    "progression",
]
