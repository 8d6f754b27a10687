"""Slow, obviously correct versions of the analysis and rules: one search per role.

Written from DESIGN §2 and §3 directly, sharing no code with ``ladders.analysis`` or
``ladders.rules``, so that the property tests compare two independent readings.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from ladders import Ladder

RULE_CODES = {
    "LAD006", "LAD101", "LAD102", "LAD103", "LAD104",
    "LAD201", "LAD202", "LAD203", "LAD204", "LAD301", "LAD302",
}  # fmt: skip


def reachable(ladder: Ladder, start: str, may_visit: Callable[[str], bool]) -> set[str]:
    """Roles at the end of a route (one or more moves) from ``start`` whose roles after
    the first all satisfy ``may_visit``: a plain breadth-first search."""
    seen: set[str] = set()
    queue = [start]
    while queue:
        role = queue.pop(0)
        for target in ladder.roles[role].targets:
            if may_visit(target) and target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def is_management(ladder: Ladder, role: str) -> bool:
    return ladder.track_kind(role) == "management"


def highest(ladder: Ladder, role: str, *, without_management: bool) -> int:
    """The highest rank a route from ``role`` reaches; -1 if it has no route."""
    if without_management:
        ends = reachable(ladder, role, lambda r: not is_management(ladder, r))
    else:
        ends = reachable(ladder, role, lambda r: True)
    return max((ladder.rank(r) for r in ends), default=-1)


def ceilings(ladder: Ladder) -> dict[tuple[str | None, bool], int]:
    top: dict[tuple[str | None, bool], int] = {}
    for role_id, role in ladder.roles.items():
        key = (role.family, is_management(ladder, role_id))
        top[key] = max(top.get(key, -1), ladder.rank(role_id))
    return top


def inferred(ladder: Ladder, source: str, target: str) -> str:
    if ladder.rank(target) <= ladder.rank(source):
        return "lateral"
    return "management" if is_management(ladder, target) else "technical"


def raw_findings(ladder: Ladder, max_step: int = 1) -> Counter[tuple[str, str]]:
    """(code, role) of every LAD1xx-3xx finding, before ignore entries."""
    found: Counter[tuple[str, str]] = Counter()
    top = ceilings(ladder)
    entries = [r for r, role in ladder.roles.items() if role.entry]
    from_entries: set[str] = set(entries)
    for entry in entries:
        from_entries |= reachable(ladder, entry, lambda r: True)
    for role_id, role in ladder.roles.items():
        rank, family = ladder.rank(role_id), role.family
        manager = is_management(ladder, role_id)
        can = highest(ladder, role_id, without_management=False) > rank
        can_without = highest(ladder, role_id, without_management=True) > rank
        technical_top = top.get((family, False))
        dead_end = rank < top[family, manager] and not can
        if dead_end:
            found["LAD103", role_id] += 1
        if not manager and rank < top[family, False] and can and not can_without:
            found["LAD101", role_id] += 1
        if manager and technical_top is not None and rank < technical_top:
            if not can_without and not dead_end:
                found["LAD102", role_id] += 1
            technical_ranks = {
                ladder.rank(r)
                for r, other in ladder.roles.items()
                if other.family == family and not is_management(ladder, r)
            }
            if rank not in technical_ranks:
                found["LAD302", role_id] += 1
        if manager and technical_top is not None and rank > technical_top:
            found["LAD301", role_id] += 1
        if entries and role_id not in from_entries:
            found["LAD104", role_id] += 1
        seen: set[str] = set()
        for move in role.moves:
            kind = inferred(ladder, role_id, move.to)
            if move.kind is not None and move.kind != kind:
                found["LAD201", role_id] += 1
            if kind != "lateral" and ladder.rank(move.to) - rank > max_step:
                found["LAD202", role_id] += 1
            if move.to in seen:
                found["LAD203", role_id] += 1
            seen.add(move.to)
            if move.to == role_id:
                found["LAD204", role_id] += 1
    return found


def findings(ladder: Ladder, max_step: int = 1) -> Counter[tuple[str, str]]:
    """(code, role) of every finding ``ladders.check`` should report, ignores applied."""
    raw = raw_findings(ladder, max_step)
    reported: Counter[tuple[str, str]] = Counter()
    for (code, role_id), count in raw.items():
        if code not in (ladder.roles[role_id].ignore or {}):
            reported[code, role_id] += count
    all_codes = RULE_CODES | {f"LAD00{i}" for i in range(1, 8)}
    for role_id, role in ladder.roles.items():
        ignore = role.ignore or {}
        unused = [
            code
            for code in ignore
            if code != "LAD006" and (code not in all_codes or (code, role_id) not in raw)
        ]
        if "LAD006" in ignore:
            unused = [] if unused else ["LAD006"]
        reported["LAD006", role_id] += len(unused)
    return +reported
