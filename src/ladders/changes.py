"""What changed between two versions of a ladder, and whether anyone lost a way forward.

>>> from ladders import loads
>>> old = loads('''
... levels: [L1, L2]
... tracks: {ic: technical, mgmt: management}
... roles:
...   dev: {title: Developer, track: ic, level: L1, moves: [senior, lead]}
...   senior: {title: Senior Developer, track: ic, level: L2}
...   lead: {title: Team Lead, track: mgmt, level: L2}
... ''')
>>> new = loads('''
... levels: [L1, L2]
... tracks: {ic: technical, mgmt: management}
... roles:
...   dev: {title: Developer, track: ic, level: L1, moves: [lead]}
...   senior: {title: Senior Developer, track: ic, level: L2}
...   lead: {title: Team Lead, track: mgmt, level: L2}
... ''')
>>> change = diff(old, new)
>>> change.moves_removed
(('dev', 'senior'),)
>>> [(r.role, r.before, r.after) for r in change.regressions]
[('dev', 'L2', None)]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ladders.findings import Finding
    from ladders.ladder import Ladder
from ladders.model import Move, Role

__all__ = ["LadderDiff", "Regression", "diff"]

_ROLE_FIELDS = ("title", "track", "level", "family", "entry", "description", "ignore", "metadata")


@dataclass(frozen=True)
class Regression:
    """A role that lost ground without management: it could progress without management
    before and cannot now, or the highest level it reaches that way dropped.

    ``before`` and ``after`` are the highest level ids reachable without management
    (``None``: it could not progress without management).
    """

    role: str
    title: str
    before: str | None
    after: str | None

    @property
    def message(self) -> str:
        """The regression in plain words."""
        if self.after is None:
            return (
                f"{self.title} ({self.role}) could progress to {self.before} without management "
                "and now cannot progress without management"
            )
        return (
            f"{self.title} ({self.role}) could reach {self.before} without management and now "
            f"only {self.after}"
        )


@dataclass(frozen=True)
class LadderDiff:
    """Roles and moves added, removed and changed; findings introduced and resolved; and
    progression regressions."""

    roles_added: tuple[str, ...] = ()
    roles_removed: tuple[str, ...] = ()
    #: role id -> the names of the fields that changed
    roles_changed: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    moves_added: tuple[tuple[str, str], ...] = ()
    moves_removed: tuple[tuple[str, str], ...] = ()
    #: (from, to) -> the names of the move fields that changed (kind, criteria, metadata)
    moves_changed: Mapping[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    findings_introduced: tuple[Finding, ...] = ()
    findings_resolved: tuple[Finding, ...] = ()
    regressions: tuple[Regression, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether anything differs in roles or moves."""
        return bool(
            self.roles_added
            or self.roles_removed
            or self.roles_changed
            or self.moves_added
            or self.moves_removed
            or self.moves_changed
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (the ``ladders diff --format json`` document)."""
        return {
            "roles": {
                "added": list(self.roles_added),
                "removed": list(self.roles_removed),
                "changed": {role: list(fields) for role, fields in self.roles_changed.items()},
            },
            "moves": {
                "added": [list(m) for m in self.moves_added],
                "removed": [list(m) for m in self.moves_removed],
                "changed": [
                    {"from": a, "to": b, "fields": list(fields)}
                    for (a, b), fields in self.moves_changed.items()
                ],
            },
            "findings": {
                "introduced": [f.to_dict() for f in self.findings_introduced],
                "resolved": [f.to_dict() for f in self.findings_resolved],
            },
            "regressions": [
                {"role": r.role, "before": r.before, "after": r.after, "message": r.message}
                for r in self.regressions
            ],
        }


def _moves(role: Role) -> dict[str, Move]:
    moves: dict[str, Move] = {}
    for move in role.moves:
        moves.setdefault(move.to, move)
    return moves


def _finding_key(finding: Finding) -> tuple[str, str | None, str]:
    # Lines move when a file is edited; a finding is the same if it says the same thing.
    return (finding.code, finding.role, finding.message)


def diff(
    old: Ladder,
    new: Ladder,
    *,
    old_findings: list[Finding],
    new_findings: list[Finding],
) -> LadderDiff:
    """Compare two versions of a ladder.

    ``ladders.diff`` passes the findings of :func:`ladders.check`; a finding is the same in both
    when its code, role and message are (its line may have moved).
    """
    old_ids, new_ids = old.roles.keys(), new.roles.keys()
    roles_added = tuple(r for r in new.roles if r not in old_ids)
    roles_removed = tuple(r for r in old.roles if r not in new_ids)
    roles_changed: dict[str, tuple[str, ...]] = {}
    moves_added: list[tuple[str, str]] = []
    moves_removed: list[tuple[str, str]] = []
    moves_changed: dict[tuple[str, str], tuple[str, ...]] = {}
    for role_id, new_role in new.roles.items():
        old_role = old.roles.get(role_id)
        new_moves = _moves(new_role)
        if old_role is None:
            moves_added.extend((role_id, target) for target in new_moves)
            continue
        fields = tuple(f for f in _ROLE_FIELDS if getattr(old_role, f) != getattr(new_role, f))
        if fields:
            roles_changed[role_id] = fields
        old_moves = _moves(old_role)
        moves_added.extend((role_id, t) for t in new_moves if t not in old_moves)
        moves_removed.extend((role_id, t) for t in old_moves if t not in new_moves)
        for target, move in new_moves.items():
            before = old_moves.get(target)
            if before is None:
                continue
            changed = tuple(
                f
                for f in ("kind", "criteria", "metadata")
                if getattr(before, f) != getattr(move, f)
            )
            if changed:
                moves_changed[(role_id, target)] = changed
    for role_id in roles_removed:
        moves_removed.extend((role_id, target) for target in _moves(old.roles[role_id]))

    old_keys = {_finding_key(f) for f in old_findings}
    new_keys = {_finding_key(f) for f in new_findings}
    return LadderDiff(
        roles_added=roles_added,
        roles_removed=roles_removed,
        roles_changed=roles_changed,
        moves_added=tuple(moves_added),
        moves_removed=tuple(moves_removed),
        moves_changed=moves_changed,
        findings_introduced=tuple(f for f in new_findings if _finding_key(f) not in old_keys),
        findings_resolved=tuple(f for f in old_findings if _finding_key(f) not in new_keys),
        regressions=_regressions(old, new),
    )


def _regressions(old: Ladder, new: Ladder) -> tuple[Regression, ...]:
    before, after = old.progression, new.progression
    old_ranks, new_ranks = old.ranks, new.ranks
    found = []
    for role_id, role in new.roles.items():
        if role_id not in old.roles:
            continue
        was, now = before[role_id], after[role_id]
        if not was.can_progress_without_management:
            continue
        if not now.can_progress_without_management:
            found.append(Regression(role_id, role.title, was.highest_without_management, None))
            continue
        was_level, now_level = was.highest_without_management, now.highest_without_management
        assert was_level is not None
        assert now_level is not None
        # Compare on the new ladder's levels when the old level still exists there.
        was_rank = new_ranks.get(was_level, old_ranks[was_level])
        if new_ranks[now_level] < was_rank:
            found.append(Regression(role_id, role.title, was_level, now_level))
    return tuple(found)
