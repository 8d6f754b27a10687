"""A technical or management move that rises more than one level at a time.

A move that jumps several levels usually means an intermediate role is missing from the
ladder, or the move points at the wrong role. How far a move may rise is the option
``max-step`` (default 1 level).

Options: ``max-step`` (whole number, at least 1). In ``pyproject.toml``::

    [tool.ladders.rules.LAD202]
    max-step = 2

Failing::

    levels: [L1, L2, L3]
    tracks: {ic: technical}
    roles:
      dev: {title: Developer, track: ic, level: L1, moves: [staff]}   # LAD202: rises 2
      senior: {title: Senior Developer, track: ic, level: L2}
      staff: {title: Staff Developer, track: ic, level: L3}

Passing::

      dev: {title: Developer, track: ic, level: L1, moves: [senior]}
      senior: {title: Senior Developer, track: ic, level: L2, moves: [staff]}

Suppress it for one role with ``ignore: {LAD202: <reason>}`` on that role.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress, repeat
from operator import lt, sub
from typing import Any

from ladders.errors import UsageError
from ladders.findings import Finding, Severity
from ladders.rules import Context, _facts, get

CODE = "LAD202"
NAME = "level-skip"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, Any] = {"max-step": 1}


def _up_to(levels: list[str], low: int, max_step: int) -> str:
    """The levels a move from rank ``low`` may rise to: ``L2`` or ``L2 to L3``."""
    if max_step == 1:
        return levels[low + 1]
    return f"{levels[low + 1]} to {levels[low + max_step]}"


def _max_step(options: Any) -> int:
    value = options.get("max-step", OPTIONS["max-step"])
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise UsageError(
            f"{CODE} option max-step must be a whole number of at least 1, got {value!r}"
        )
    return value


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per move rising more than ``max-step`` ranks."""
    max_step = _max_step(context.options)
    index = _facts.index(context)
    rule = get(CODE)
    rank, sources, targets = index.rank, index.sources, index.targets
    rises = map(sub, map(rank.__getitem__, targets), map(rank.__getitem__, sources))
    for edge in compress(range(len(targets)), map(lt, repeat(max_step), rises)):
        source, target = sources[edge], targets[edge]
        low, high = rank[source], rank[target]
        role_id = index.ids[source]
        kind = "management" if index.management[target] else "technical"
        yield context.finding(
            rule,
            f"the {kind} move from {index.describe(source)} to {index.describe(target)} rises "
            f"{high - low} levels ({index.levels[low]} to {index.levels[high]}), more than "
            f"max-step {max_step}; move to a role at {_up_to(index.levels, low, max_step)} "
            "instead, or add the roles in between",
            context.move_location(role_id, edge - index.offsets[source]),
            role_id,
        )
