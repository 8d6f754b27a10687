"""Slow, obviously correct versions of the analysis and rules: one search per role.

Written from DESIGN §1-§3 directly, sharing no code with ``ladders.analysis``,
``ladders.rules``, ``ladders.index`` or ``LadderData.implied_moves``, so that the
property tests compare two independent readings. Only the ladder's data is read here:
its levels, tracks and roles, each role's written moves, and the ``progression`` keys.

A finding is a :class:`Found`: its code, the role it is about, and what about the role
(``about``): the role itself, one of its moves (a written list item or an implied
move), or one of its ``ignore`` entries (LAD006).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, NamedTuple

from ladders import Ladder

RULE_CODES = {
    "LAD006", "LAD101", "LAD102", "LAD103", "LAD104",
    "LAD201", "LAD202", "LAD203", "LAD204",
    "LAD301", "LAD302", "LAD303", "LAD304", "LAD305",
}  # fmt: skip
LOAD_CODES = {f"LAD00{i}" for i in range(1, 8)}
#: people-data codes: their entries are judged by ``ladders observe``, not by a check
OBSERVE_CODES = {"LAD401", "LAD402", "LAD403"}
#: the codes an ``ignore`` entry on a move can silence: findings about that list item
MOVE_CODES = {"LAD201", "LAD202", "LAD203", "LAD204", "LAD304"}
#: DESIGN §3 defaults
TOLERANCES = {"LAD303": 0.05, "LAD304": 0, "LAD305": 0.05}


def exact(value: int | float) -> Fraction:
    """A band bound as an exact number: a float means the decimal its text shows."""
    return Fraction(value) if isinstance(value, int) else Fraction(repr(value))


@dataclass(frozen=True)
class Move:
    """One move out of ``source``: a written list item (``item`` its position), or
    (``item is None``) a move ``setting`` implies, decided by the role's own
    ``progression`` key (``own``) or the ladder's."""

    source: str
    target: str
    item: int | None
    declared: str | None = None
    ignore: Mapping[str, str] = field(default_factory=dict)
    setting: str | None = None
    own: bool = False


class Found(NamedTuple):
    """A finding: ``about`` is ``("role",)``, ``("move", item, target)`` for a written
    move, ``("implied", target, own)`` for an implied one, or ``("ignore", item, code)``
    for the ignore entry ``code`` of the role (``item`` None) or of its move ``item``."""

    code: str
    role: str
    about: tuple[Any, ...]


class Reading:
    """The ladder as the brute force reads it: ranks, kinds, families, entry roles,
    bands, and every move of every role (written, then implied)."""

    def __init__(self, ladder: Ladder) -> None:
        self.ladder = ladder
        self.roles = dict(ladder.roles)
        level_rank = {level.id: i for i, level in enumerate(ladder.levels)}
        self.rank = {r: level_rank[role.level] for r, role in self.roles.items()}
        self.kind = {r: ladder.tracks[role.track].kind for r, role in self.roles.items()}
        self.family = {r: role.family for r, role in self.roles.items()}
        self.implied = implied_moves(ladder)
        self.moves: dict[str, list[Move]] = {r: [] for r in self.roles}
        for r, role in self.roles.items():
            for item, written in enumerate(role.moves):
                ignore = dict(written.ignore or {})
                self.moves[r].append(Move(r, written.to, item, written.kind, ignore))
        for implied in self.implied:
            self.moves[implied.source].append(implied)

    def management(self, role: str) -> bool:
        return self.kind[role] == "management"

    def targets(self, role: str) -> list[str]:
        return [move.target for move in self.moves[role]]

    def reachable(self, start: str, may_visit: Callable[[str], bool]) -> set[str]:
        """Roles at the end of a route (one or more moves) from ``start`` whose roles
        after the first all satisfy ``may_visit``: a plain breadth-first search."""
        seen: set[str] = set()
        queue = [start]
        while queue:
            role = queue.pop(0)
            for target in self.targets(role):
                if may_visit(target) and target not in seen:
                    seen.add(target)
                    queue.append(target)
        return seen

    def highest(self, role: str, *, without_management: bool) -> int:
        """The highest rank a route from ``role`` reaches; -1 if it has no route."""
        if without_management:
            ends = self.reachable(role, lambda r: not self.management(r))
        else:
            ends = self.reachable(role, lambda r: True)
        return max((self.rank[r] for r in ends), default=-1)

    def can_progress(self, role: str, *, without_management: bool = False) -> bool:
        return self.highest(role, without_management=without_management) > self.rank[role]

    def ceilings(self) -> dict[tuple[str | None, bool], int]:
        """(family, is management) -> the highest rank of such a role (DESIGN §2)."""
        top: dict[tuple[str | None, bool], int] = {}
        for r in self.roles:
            key = (self.family[r], self.management(r))
            top[key] = max(top.get(key, -1), self.rank[r])
        return top

    def is_entry(self, role: str) -> bool:
        own = self.roles[role].entry
        if own is not None:
            return own
        level = self.ladder.levels[self.rank[role]]
        return bool(level.entry)

    def band(self, role: str) -> tuple[Fraction, Fraction, str] | None:
        """(min, max, currency) of the role's band: its own, else its track's at its
        level, else its level's (DESIGN §2)."""
        item = self.roles[role]
        band = item.band
        if band is None:
            bands = self.ladder.tracks[item.track].bands or {}
            band = bands.get(item.level)
        if band is None:
            band = self.ladder.levels[self.rank[role]].band
        if band is None:
            return None
        return exact(band.min), exact(band.max), band.currency

    def midpoint(self, role: str) -> tuple[Fraction, str] | None:
        band = self.band(role)
        return None if band is None else ((band[0] + band[1]) / 2, band[2])

    def inferred(self, move: Move) -> str:
        if self.rank[move.target] <= self.rank[move.source]:
            return "lateral"
        return "management" if self.management(move.target) else "technical"

    def dead_end(self, role: str) -> bool:
        """LAD103's condition."""
        top = self.ceilings()[self.family[role], self.management(role)]
        return self.rank[role] < top and not self.can_progress(role)

    def management_only(self, role: str) -> bool:
        """LAD101's condition (revised in 1.1)."""
        if self.management(role) or self.can_progress(role, without_management=True):
            return False
        if self.dead_end(role):
            return False
        higher = any(
            self.rank[other] > self.rank[role]
            for other in self.roles
            if self.family[other] == self.family[role]
        )
        return self.can_progress(role) or higher


def setting(ladder: Ladder, role: str, name: str) -> tuple[bool, bool]:
    """(on, own): the role's own ``progression`` key, else the ladder's, else off."""
    own = ladder.roles[role].progression
    if own is not None and getattr(own, name) is not None:
        return getattr(own, name), True
    root = ladder.progression_settings
    if root is not None and getattr(root, name) is not None:
        return getattr(root, name), False
    return False, False


def implied_moves(ladder: Ladder) -> list[Move]:
    """Every implied move, read from DESIGN §1 word by word, one role at a time."""
    level_rank = {level.id: i for i, level in enumerate(ladder.levels)}
    roles = ladder.roles
    found: list[Move] = []
    for r, role in roles.items():
        rank = level_rank[role.level]
        written = {move.to for move in role.moves}
        on, own = setting(ladder, r, "promote")
        if on:
            # every role of r's family on r's track at the lowest rank above rank(r)
            # where that track has a role of that family
            same_track = [
                t
                for t, other in roles.items()
                if other.family == role.family and other.track == role.track
            ]
            above = [level_rank[roles[t].level] for t in same_track]
            above = [k for k in above if k > rank]
            if above:
                for t in same_track:
                    if level_rank[roles[t].level] == min(above) and t not in written:
                        found.append(Move(r, t, None, setting="promote", own=own))
        on, own = setting(ladder, r, "switch")
        if on:
            kind = ladder.tracks[role.track].kind
            for t, other in roles.items():
                if (
                    other.family == role.family
                    and level_rank[other.level] == rank
                    and ladder.tracks[other.track].kind != kind
                    and t not in written
                ):
                    found.append(Move(r, t, None, setting="switch", own=own))
    return found


def about_move(move: Move) -> tuple[Any, ...]:
    if move.item is None:
        return ("implied", move.target, move.own)
    return ("move", move.item, move.target)


def raw_findings(
    ladder: Ladder, max_step: int = 1, tolerance: Mapping[str, float] | None = None
) -> list[Found]:
    """Every LAD1xx-3xx finding, before ignore entries."""
    tolerances = {code: exact(value) for code, value in {**TOLERANCES, **(tolerance or {})}.items()}
    reading = Reading(ladder)
    return list(_rules(reading, max_step, tolerances))


def _rules(reading: Reading, max_step: int, tolerance: dict[str, Fraction]) -> Iterator[Found]:
    roles, rank, family = reading.roles, reading.rank, reading.family
    top = reading.ceilings()
    entries = [r for r in roles if reading.is_entry(r)]
    from_entries: set[str] = set(entries)
    for entry in entries:
        from_entries |= reading.reachable(entry, lambda r: True)
    for r in roles:
        manager = reading.management(r)
        technical_top = top.get((family[r], False))
        if reading.dead_end(r):
            yield Found("LAD103", r, ("role",))
        if reading.management_only(r):
            yield Found("LAD101", r, ("role",))
        if manager and technical_top is not None and rank[r] < technical_top:
            if not reading.can_progress(r, without_management=True) and not reading.dead_end(r):
                yield Found("LAD102", r, ("role",))
            technical_ranks = {
                rank[o] for o in roles if family[o] == family[r] and not reading.management(o)
            }
            if rank[r] not in technical_ranks:
                yield Found("LAD302", r, ("role",))
        if manager and technical_top is not None and rank[r] > technical_top:
            yield Found("LAD301", r, ("role",))
        if entries and r not in from_entries:
            yield Found("LAD104", r, ("role",))
        yield from _pay_gap(reading, r, tolerance["LAD303"])
        seen: set[str] = set()
        for move in reading.moves[r]:
            about = about_move(move)
            kind = reading.inferred(move)
            if move.declared is not None and move.declared != kind:
                yield Found("LAD201", r, about)
            if kind != "lateral":
                t = move.target
                used = {
                    rank[o]
                    for o in roles
                    if family[o] == family[t] and roles[o].track == roles[t].track
                }
                passed = [k for k in range(rank[r] + 1, rank[t] + 1) if k in used]
                if len(passed) > max_step:
                    yield Found("LAD202", r, about)
                low, high = reading.midpoint(r), reading.midpoint(t)
                if (
                    low is not None
                    and high is not None
                    and low[1] == high[1]
                    and high[0] < low[0] * (1 - tolerance["LAD304"])
                ):
                    yield Found("LAD304", r, about)
            if move.item is not None:
                if move.target in seen:
                    yield Found("LAD203", r, about)
                seen.add(move.target)
                if move.target == r:
                    yield Found("LAD204", r, about)
    yield from _pay_ceiling(reading, tolerance["LAD305"])


def _pay_gap(reading: Reading, r: str, tolerance: Fraction) -> Iterator[Found]:
    """LAD303 on technical role r, once."""
    mine = reading.midpoint(r)
    if reading.management(r) or mine is None:
        return
    for m in reading.roles:
        theirs = reading.midpoint(m)
        if (
            reading.management(m)
            and reading.family[m] == reading.family[r]
            and reading.rank[m] == reading.rank[r]
            and theirs is not None
            and theirs[1] == mine[1]
            and theirs[0] - mine[0] > tolerance * mine[0]
        ):
            yield Found("LAD303", r, ("role",))
            return


def _pay_ceiling(reading: Reading, tolerance: Fraction) -> Iterator[Found]:
    """LAD305: per family and currency, on each technical role holding the maximum."""
    families = {reading.family[r] for r in reading.roles}
    currencies = {band[2] for r in reading.roles if (band := reading.band(r)) is not None}
    for family in families:
        for currency in currencies:
            highest: dict[bool, Fraction] = {}
            for r in reading.roles:
                band = reading.band(r)
                if reading.family[r] == family and band is not None and band[2] == currency:
                    kind = reading.management(r)
                    highest[kind] = max(highest.get(kind, band[1]), band[1])
            if False not in highest or True not in highest:
                continue
            if highest[True] > highest[False] * (1 + tolerance):
                for r in reading.roles:
                    band = reading.band(r)
                    if (
                        reading.family[r] == family
                        and not reading.management(r)
                        and band is not None
                        and band[2] == currency
                        and band[1] == highest[False]
                    ):
                        yield Found("LAD305", r, ("role",))


def findings(
    ladder: Ladder, max_step: int = 1, tolerance: Mapping[str, float] | None = None
) -> Counter[Found]:
    """Every finding ``ladders.check`` should report, ignore entries applied.

    A move's entry silences its code for findings about that list item; a role's entry
    for findings about the role and all its moves. An entry is unused (LAD006) when its
    code did not fire there (before any entry silenced it) or is not a rule code; a
    role's LAD006 entry silences the role's other LAD006 reports, and is itself
    reported when there is nothing to silence."""
    raw = raw_findings(ladder, max_step, tolerance)
    reported: Counter[Found] = Counter()
    for found in raw:
        ignore = ladder.roles[found.role].ignore or {}
        if found.about[0] == "move":
            move_ignore = ladder.roles[found.role].moves[found.about[1]].ignore or {}
            if found.code in move_ignore:
                continue
        if found.code not in ignore:
            reported[found] += 1
    fired_on_role = {(f.code, f.role) for f in raw}
    fired_on_item = {(f.code, f.role, f.about[1]) for f in raw if f.about[0] == "move"}
    all_codes = RULE_CODES | LOAD_CODES
    for r, role in ladder.roles.items():
        entries: list[tuple[int | None, str]] = [(None, code) for code in role.ignore or {}]
        for number, move in enumerate(role.moves):
            entries.extend((number, code) for code in move.ignore or {})
        unused = []
        for item, code in entries:
            if (item is None and code == "LAD006") or code in OBSERVE_CODES:
                continue
            if item is None:
                used = (code, r) in fired_on_role
            else:
                used = code in MOVE_CODES and (code, r, item) in fired_on_item
            if code not in all_codes or not used:
                unused.append(Found("LAD006", r, ("ignore", item, code)))
        if "LAD006" in (role.ignore or {}):
            unused = [] if unused else [Found("LAD006", r, ("ignore", None, "LAD006"))]
        reported.update(unused)
    return reported


def management_only_roles(ladder: Ladder) -> list[tuple[str, str]]:
    """(role, reason) of every role LAD101 is about, in file order, with the reason of
    DESIGN §3 (the first case that holds)."""
    reading = Reading(ladder)
    top = reading.ceilings()
    found = []
    for r in reading.roles:
        if not reading.management_only(r):
            continue
        family = reading.family[r]
        if reading.rank[r] < top[family, False]:
            reason = "through-management"
        elif any(
            reading.rank[o] > reading.rank[r] for o in reading.roles if reading.family[o] == family
        ):
            reason = "track-ends"
        else:
            reason = "other-family"
        found.append((r, reason))
    return found


def projected(found: Counter[Found]) -> Counter[Found]:
    """The findings as their locations tell them apart: a finding about an implied move
    is located at the ``progression`` key that implied it, the role's own or the
    ladder's, which names no target."""
    out: Counter[Found] = Counter()
    for item, count in found.items():
        if item.about[0] == "implied":
            item = item._replace(about=("implied", "own" if item.about[2] else "ladder"))
        out[item] += count
    return out
