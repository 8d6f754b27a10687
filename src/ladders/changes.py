"""What changed between two versions of a ladder, and whether anyone lost a way forward.

>>> from ladders import diff, loads
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
...   senior: {title: Senior Engineer, track: ic, level: L2}
...   lead: {title: Team Lead, track: mgmt, level: L2}
... ''')
>>> change = diff(old, new)
>>> change.moves_removed
(('dev', 'senior'),)
>>> [str(c) for c in change.role_changes["senior"]]
['title: "Senior Developer" -> "Senior Engineer"']
>>> [(r.role, r.before, r.after) for r in change.regressions]
[('dev', 'L2', None)]

Findings are matched between the versions by what they are about, not by their text:
the same code on the same role at the same kind of place (the role's key, one of its
moves, one of its ``ignore`` entries, or the file), so that a finding whose message was
reworded, or whose line moved, is neither introduced nor resolved.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from ladders.findings import Finding
    from ladders.ladder import Ladder
    from ladders.model import Role

__all__ = ["FieldChange", "LadderDiff", "Regression", "diff", "finding_key"]

_MOVE_FIELDS = ("kind", "criteria", "metadata", "implied")


def _plain(value: Any) -> Any:
    """``value`` as JSON-ready data: models as their fields, tuples as lists.

    >>> _plain(("a", {"b": (1, None)}))
    ['a', {'b': [1, None]}]
    """
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    dump = getattr(value, "model_dump", None)
    if callable(dump):
        return _plain(dump(mode="json", exclude_defaults=True))
    return str(value)


def _show(value: Any) -> str:
    """A value as a reviewer reads it: text quoted, nothing as ``none``."""
    import json

    if value is None:
        return "none"
    return json.dumps(_plain(value), ensure_ascii=False)


@dataclass(frozen=True)
class FieldChange:
    """One field of a role or a move that differs: its name, and its old and new value.

    ``str()`` says it in a line: ``title: "Staff" -> "Staff Engineer"`` for a value,
    ``criteria: added "Leads a team", removed "Asks"`` for a list, and the keys added,
    removed and changed for a mapping (``ignore``, ``metadata``).

    >>> str(FieldChange("criteria", ("Asks",), ("Asks", "Leads a team")))
    'criteria: added "Leads a team"'
    >>> str(FieldChange("ignore", {"LAD101": "agreed"}, None))
    'ignore: removed LAD101'
    """

    field: str
    old: Any
    new: Any

    @property
    def added(self) -> tuple[Any, ...]:
        """Items (of a list) or keys (of a mapping) in the new value and not the old."""
        old, new = self._items(self.old), self._items(self.new)
        return tuple(item for item in new if item not in old)

    @property
    def removed(self) -> tuple[Any, ...]:
        """Items (of a list) or keys (of a mapping) in the old value and not the new."""
        old, new = self._items(self.old), self._items(self.new)
        return tuple(item for item in old if item not in new)

    @property
    def collection(self) -> bool:
        """Whether the field holds a list or a mapping (shown as items added and removed)."""
        kinds = (list, tuple, Mapping)
        values = [v for v in (self.old, self.new) if v is not None]
        return bool(values) and all(isinstance(v, kinds) for v in values)

    @staticmethod
    def _items(value: Any) -> tuple[Any, ...]:
        if value is None:
            return ()
        if isinstance(value, Mapping):
            return tuple(value)
        return tuple(value)

    def __str__(self) -> str:
        if not self.collection:
            return f"{self.field}: {_show(self.old)} -> {_show(self.new)}"
        parts: list[str] = []
        if isinstance(self.old or self.new, Mapping):
            old: Mapping[Any, Any] = self.old or {}
            new: Mapping[Any, Any] = self.new or {}
            parts += [f"added {key}: {_show(new[key])}" for key in self.added]
            parts += [f"removed {key}" for key in self.removed]
            parts += [
                f"changed {key}: {_show(old[key])} -> {_show(new[key])}"
                for key in new
                if key in old and old[key] != new[key]
            ]
        else:
            parts += [f"added {_show(item)}" for item in self.added]
            parts += [f"removed {_show(item)}" for item in self.removed]
            if not parts:  # the same items in another order, or one listed twice more
                return f"{self.field}: {_show(self.old)} -> {_show(self.new)}"
        return f"{self.field}: {', '.join(parts)}"

    def to_dict(self) -> dict[str, Any]:
        """``{"field", "old", "new"}`` as JSON-ready data."""
        return {"field": self.field, "old": _plain(self.old), "new": _plain(self.new)}


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
    """Roles and moves added, removed and changed; findings introduced, resolved and
    reworded; and progression regressions."""

    roles_added: tuple[str, ...] = ()
    roles_removed: tuple[str, ...] = ()
    #: role id -> each field that changed, with its old and new value
    role_changes: Mapping[str, tuple[FieldChange, ...]] = field(default_factory=dict)
    moves_added: tuple[tuple[str, str], ...] = ()
    moves_removed: tuple[tuple[str, str], ...] = ()
    #: (from, to) -> each move field that changed (kind, criteria, metadata)
    move_changes: Mapping[tuple[str, str], tuple[FieldChange, ...]] = field(default_factory=dict)
    findings_introduced: tuple[Finding, ...] = ()
    findings_resolved: tuple[Finding, ...] = ()
    #: (old, new): the same finding (code, role, place) whose message changed
    findings_reworded: tuple[tuple[Finding, Finding], ...] = ()
    regressions: tuple[Regression, ...] = ()

    @property
    def roles_changed(self) -> dict[str, tuple[str, ...]]:
        """Role id -> the names of the fields that changed."""
        return {role: tuple(c.field for c in found) for role, found in self.role_changes.items()}

    @property
    def moves_changed(self) -> dict[tuple[str, str], tuple[str, ...]]:
        """(from, to) -> the names of the move fields that changed."""
        return {move: tuple(c.field for c in found) for move, found in self.move_changes.items()}

    @property
    def changed(self) -> bool:
        """Whether anything differs in roles or moves."""
        return bool(
            self.roles_added
            or self.roles_removed
            or self.role_changes
            or self.moves_added
            or self.moves_removed
            or self.move_changes
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (the ``ladders diff --format json`` document).

        ``roles.changed`` maps a role id to ``{"fields": [...], "old": {...}, "new":
        {...}}``; each item of ``moves.changed`` has ``from``, ``to``, ``fields``, ``old``
        and ``new``; ``old`` and ``new`` hold only the fields that changed.
        """
        return {
            "roles": {
                "added": list(self.roles_added),
                "removed": list(self.roles_removed),
                "changed": {
                    role: _changed_item(changes) for role, changes in self.role_changes.items()
                },
            },
            "moves": {
                "added": [list(m) for m in self.moves_added],
                "removed": [list(m) for m in self.moves_removed],
                "changed": [
                    {"from": a, "to": b, **_changed_item(changes)}
                    for (a, b), changes in self.move_changes.items()
                ],
            },
            "findings": {
                "introduced": [f.to_dict() for f in self.findings_introduced],
                "resolved": [f.to_dict() for f in self.findings_resolved],
                "reworded": [
                    {"old": old.to_dict(), "new": new.to_dict()}
                    for old, new in self.findings_reworded
                ],
            },
            "regressions": [
                {"role": r.role, "before": r.before, "after": r.after, "message": r.message}
                for r in self.regressions
            ],
        }


def _changed_item(changes: Sequence[FieldChange]) -> dict[str, Any]:
    return {
        "fields": [c.field for c in changes],
        "old": {c.field: _plain(c.old) for c in changes},
        "new": {c.field: _plain(c.new) for c in changes},
    }


def _role_fields(role: Role) -> tuple[str, ...]:
    # Every field of the model but the moves (compared one by one), so that a field the
    # format gains (bands, ...) is compared without being listed here.
    return tuple(name for name in type(role).model_fields if name != "move_specs")


class _MoveView(NamedTuple):
    """A move as diff compares it: cheap to make for a bare id (no pydantic object)."""

    to: str
    kind: str | None = None
    criteria: tuple[str, ...] = ()
    metadata: Any = None
    implied: bool = False


def _implied(ladder: Ladder) -> dict[str, list[str]]:
    """Role id -> the targets of its implied moves."""
    found: dict[str, list[str]] = {}
    for move in ladder.implied_moves:
        found.setdefault(move.source, []).append(move.target)
    return found


def _moves(role: Role, implied: Sequence[str] = ()) -> dict[str, _MoveView]:
    """Every move out of a role by target: written ones first (the first listing of a
    target), then implied ones (``implied=True``)."""
    moves: dict[str, _MoveView] = {}
    for move in role.move_specs:
        if isinstance(move, str):
            moves.setdefault(move, _MoveView(move))
        else:
            moves.setdefault(move.to, _MoveView(move.to, move.kind, move.criteria, move.metadata))
    for target in implied:
        moves.setdefault(target, _MoveView(target, implied=True))
    return moves


def _changes(old: Any, new: Any, fields: Sequence[str]) -> tuple[FieldChange, ...]:
    return tuple(
        FieldChange(name, getattr(old, name), getattr(new, name))
        for name in fields
        if getattr(old, name) != getattr(new, name)
    )


def finding_key(ladder: Ladder, finding: Finding) -> tuple[Any, ...]:
    """What a finding is about, the same in two versions of a ladder: its code, its role,
    and the kind of place it is at with what names that place (the role's key; the n-th
    listing of a move target; an ``ignore`` entry's code; else the file, relative to the
    root's folder). Lines and messages are left out: they change with unrelated edits.
    """
    role = finding.role
    where = (finding.file, finding.line, finding.column)
    sources = ladder.sources
    if role is not None and role in ladder.roles:
        if sources is None:  # built in Python: every finding sits at the same place
            return (finding.code, role, "role")
        if sources.role(role) == where:
            return (finding.code, role, "role")
        item = ladder.roles[role]
        listed: Counter[str] = Counter()
        for index, move in enumerate(item.moves):
            listed[move.to] += 1
            if sources.move(role, index) == where:
                return (finding.code, role, "move", move.to, listed[move.to])
        for code in item.ignore or {}:
            if sources.role_field(role, "ignore", code) == where:
                return (finding.code, role, "ignore", code)
        return (finding.code, role, "role item")
    folder = posixpath.dirname(ladder.files[0].replace("\\", "/")) if ladder.files else ""
    file = finding.file.replace("\\", "/")
    relative = posixpath.relpath(file, folder or ".") if file and not file.startswith("<") else file
    return (finding.code, role, "file", relative)


def _match(
    old: Ladder, new: Ladder, old_findings: Sequence[Finding], new_findings: Sequence[Finding]
) -> tuple[list[Finding], list[Finding], list[tuple[Finding, Finding]]]:
    """Findings only in the new version, only in the old, and in both but reworded."""
    waiting: dict[tuple[Any, ...], list[Finding]] = {}
    for finding in old_findings:
        waiting.setdefault(finding_key(old, finding), []).append(finding)
    introduced: list[Finding] = []
    reworded: list[tuple[Finding, Finding]] = []
    for finding in new_findings:
        before = waiting.get(finding_key(new, finding))
        if not before:
            introduced.append(finding)
            continue
        # Among findings with one key, prefer the one that says the same thing.
        at = next((i for i, f in enumerate(before) if f.message == finding.message), 0)
        same = before.pop(at)
        if same.message != finding.message:
            reworded.append((same, finding))
    left = {id(f) for found in waiting.values() for f in found}
    resolved = [f for f in old_findings if id(f) in left]
    return introduced, resolved, reworded


def diff(
    old: Ladder,
    new: Ladder,
    *,
    old_findings: Sequence[Finding],
    new_findings: Sequence[Finding],
) -> LadderDiff:
    """Compare two versions of a ladder.

    ``ladders.diff`` passes the findings of :func:`ladders.check`. A finding is the same in
    both versions when its code, role and place are (see :func:`finding_key`), whatever
    its line and message; one whose message changed is in ``findings_reworded``.
    """
    old_ids, new_ids = old.roles.keys(), new.roles.keys()
    roles_added = tuple(r for r in new.roles if r not in old_ids)
    roles_removed = tuple(r for r in old.roles if r not in new_ids)
    role_changes: dict[str, tuple[FieldChange, ...]] = {}
    moves_added: list[tuple[str, str]] = []
    moves_removed: list[tuple[str, str]] = []
    move_changes: dict[tuple[str, str], tuple[FieldChange, ...]] = {}
    old_implied, new_implied = _implied(old), _implied(new)
    for role_id, new_role in new.roles.items():
        old_role = old.roles.get(role_id)
        if (
            old_role is not None
            and old_role.__dict__ == new_role.__dict__  # every field the same, at C speed
            and old_implied.get(role_id) == new_implied.get(role_id)
        ):
            continue  # most roles: nothing of them changed
        new_moves = _moves(new_role, new_implied.get(role_id, ()))
        if old_role is None:
            moves_added.extend((role_id, target) for target in new_moves)
            continue
        changes = _changes(old_role, new_role, _role_fields(new_role))
        if changes:
            role_changes[role_id] = changes
        old_moves = _moves(old_role, old_implied.get(role_id, ()))
        moves_added.extend((role_id, t) for t in new_moves if t not in old_moves)
        moves_removed.extend((role_id, t) for t in old_moves if t not in new_moves)
        for target, move in new_moves.items():
            before = old_moves.get(target)
            if before is not None:
                changed = _changes(before, move, _MOVE_FIELDS)
                if changed:
                    move_changes[(role_id, target)] = changed
    for role_id in roles_removed:
        moves_removed.extend(
            (role_id, target) for target in _moves(old.roles[role_id], old_implied.get(role_id, ()))
        )

    introduced, resolved, reworded = _match(old, new, old_findings, new_findings)
    return LadderDiff(
        roles_added=roles_added,
        roles_removed=roles_removed,
        role_changes=role_changes,
        moves_added=tuple(moves_added),
        moves_removed=tuple(moves_removed),
        move_changes=move_changes,
        findings_introduced=tuple(introduced),
        findings_resolved=tuple(resolved),
        findings_reworded=tuple(reworded),
        regressions=_regressions(old, new),
    )


def _regressions(old: Ladder, new: Ladder) -> tuple[Regression, ...]:
    before, after = old.progression, new.progression
    old_ranks, new_ranks = old.ranks, new.ranks
    old_index, new_index = before.index, after.index
    # The highest levels reached without management, read from the sweeps' arrays (no
    # witness routes are built: most roles did not change).
    old_top, new_top = before.highest_without_management, after.highest_without_management
    old_levels, new_levels = old_index.levels, new_index.levels
    found = []
    for role_id, role in new.roles.items():
        i = old_index.position.get(role_id)
        if i is None:
            continue
        j = new_index.position[role_id]
        if old_top[i] <= old_index.rank[i]:
            continue  # could not progress without management before
        was_level = old_levels[old_top[i]]
        if new_top[j] <= new_index.rank[j]:
            found.append(Regression(role_id, role.title, was_level, None))
            continue
        now_level = new_levels[new_top[j]]
        # Compare on the new ladder's levels when the old level still exists there.
        was_rank = new_ranks.get(was_level, old_ranks[was_level])
        if new_ranks[now_level] < was_rank:
            found.append(Regression(role_id, role.title, was_level, now_level))
    return tuple(found)
