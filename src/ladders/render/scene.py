"""What a picture shows: the roles, the moves among them, and the roles outside the view.

Every format draws a :class:`Scene`, so ``--family`` and ``--focus`` mean the same in
all of them:

- the whole ladder (the default);
- ``family=F``: the roles of family F, the moves among them, and a *stub* for each move
  leaving it (the role it goes to is drawn apart, marked as outside the view);
- ``focus=R``: role R, every role it can reach and every role that can reach it, and
  the moves among them (both options together: the roles of F among those).

Moves are those of :attr:`ladders.Ladder.graph`, written and implied (format 1.1): an
implied move is drawn like a written one, and says so.

>>> import ladders
>>> ladder = ladders.loads('''
... levels: [L1, L2]
... tracks: {ic: technical, mgmt: management}
... roles:
...   dev: {title: Engineer, track: ic, level: L1, family: eng, moves: [senior, pm]}
...   senior: {title: Engineer, track: ic, level: L2, family: eng}
...   pm: {title: Product Manager, track: mgmt, level: L2, family: product}
... ''')
>>> scene = build_scene(ladder, family="eng")
>>> scene.roles, scene.outside
(('dev', 'senior'), ('pm',))
>>> [(m.source, m.target, m.kind, m.cross_family) for m in scene.moves]
[('dev', 'senior', 'technical', False), ('dev', 'pm', 'management', True)]
>>> sorted(scene.repeated_titles)  # two roles titled "Engineer": their ids are shown
['dev', 'senior']
>>> build_scene(ladder, focus="seniro")
Traceback (most recent call last):
...
ladders.errors.UsageError: no role 'seniro' in the ladder; did you mean 'senior'?
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ladders.errors import UsageError
from ladders.hints import did_you_mean
from ladders.ladder import Ladder
from ladders.model import MoveKind, move_kind

__all__ = [
    "NO_FAMILY",
    "Scene",
    "ShownMove",
    "build_scene",
    "family_label",
    "family_of",
    "ladder_moves",
]

#: how roles without a family are named on a chart, and on the command line
NO_FAMILY = "(no family)"


def family_label(family: str | None) -> str:
    """How a family is named on a chart: roles without one form '(no family)'."""
    return NO_FAMILY if family is None else family


def family_of(ladder: Ladder, name: str) -> str | None:
    """The family called ``name`` ('(no family)' for roles without one).

    Raises :class:`~ladders.UsageError`, with a did-you-mean, when no role has it.
    """
    families: dict[str, str | None] = {}
    for role in ladder.roles.values():
        families.setdefault(family_label(role.family), role.family)
    if name in families:
        return families[name]
    known = ", ".join(sorted(families)) or "none"
    hint = did_you_mean(name, families)
    raise UsageError(f"no family {name!r} in the ladder{hint or f' (families: {known})'}")


@dataclass(frozen=True, slots=True)
class ShownMove:
    """A move as drawn: from one role to another, with its inferred kind.

    ``implied``: the move comes from ``progression`` (format 1.1), not from a written
    ``moves`` entry. ``cross_family``: the two roles are of different families.
    ``leaves``: the target is outside the view (drawn as a stub).
    """

    source: str
    target: str
    kind: MoveKind
    implied: bool = False
    cross_family: bool = False
    leaves: bool = False


@dataclass(frozen=True, slots=True)
class Scene:
    """The part of a ladder one picture shows.

    ``roles`` are drawn as usual, in file order; ``outside`` are roles of other families
    that moves leave to (``--family``), drawn apart; ``moves`` go between them, each once,
    in the order of the ladder's graph. ``repeated_titles`` are the drawn roles whose
    title another role of the ladder also has: their ids are shown beside the title.
    """

    ladder: Ladder
    roles: tuple[str, ...]
    outside: tuple[str, ...]
    moves: tuple[ShownMove, ...]
    repeated_titles: frozenset[str]
    family: str | None = None
    focus: str | None = None
    #: whether ``family`` was asked for (``family`` is ``None`` for '(no family)' too)
    by_family: bool = False

    @property
    def everyone(self) -> tuple[str, ...]:
        """Every role drawn: the roles of the view, then those outside it."""
        return self.roles + self.outside

    def heading(self, title: str | None = None) -> str:
        """A picture's heading: ``title``, else the ladder's name and what the view is."""
        if title:
            return title
        parts = []
        if self.by_family:
            parts.append(f"family {family_label(self.family)}")
        if self.focus is not None:
            parts.append(f"routes through {self.ladder.roles[self.focus].title} ({self.focus})")
        name = self.ladder.name or "Career ladder"
        return f"{name}: {', '.join(parts)}" if parts else name


def _titles_repeated(ladder: Ladder) -> frozenset[str]:
    """Roles whose title (spaces and case aside) another role also has."""
    seen: dict[str, list[str]] = {}
    for role_id, role in ladder.roles.items():
        seen.setdefault(" ".join(role.title.split()).casefold(), []).append(role_id)
    return frozenset(r for ids in seen.values() if len(ids) > 1 for r in ids)


def ladder_moves(ladder: Ladder) -> list[tuple[str, str, bool]]:
    """Every move once, as (source, target, implied), in the order of
    :attr:`ladders.Ladder.graph`: role by role, its written moves in file order, then
    the moves its ``progression`` implies. Self-moves and moves to roles the ladder
    lacks are left out: the rules report those; a chart has nothing to draw for them.
    """
    roles = ladder.roles
    implied: dict[str, list[str]] = {}
    for move in ladder.implied_moves:
        implied.setdefault(move.source, []).append(move.target)
    found: list[tuple[str, str, bool]] = []
    for role_id, role in roles.items():
        seen = {role_id}
        for target in role.targets:
            if target not in seen and target in roles:
                seen.add(target)
                found.append((role_id, target, False))
        for target in implied.get(role_id, ()):
            if target not in seen:
                seen.add(target)
                found.append((role_id, target, True))
    return found


def _related(moves: Sequence[tuple[str, str, bool]], focus: str) -> set[str]:
    """``focus``, every role it reaches and every role that reaches it."""
    forward: dict[str, list[str]] = {}
    backward: dict[str, list[str]] = {}
    for source, target, _ in moves:
        forward.setdefault(source, []).append(target)
        backward.setdefault(target, []).append(source)
    related = {focus}
    for step in (forward, backward):
        stack = [focus]
        seen = {focus}
        while stack:
            for other in step.get(stack.pop(), ()):
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        related |= seen
    return related


def build_scene(ladder: Ladder, *, family: str | None = None, focus: str | None = None) -> Scene:
    """The roles and moves to draw (see the module documentation).

    ``family`` is a family name as charts show it ('(no family)' for roles without
    one); ``focus`` a role id. Raises :class:`~ladders.UsageError` with a did-you-mean
    for an unknown family or role.
    """
    roles = ladder.roles
    by_family = family is not None
    wanted_family = family_of(ladder, family) if family is not None else None
    if focus is not None and focus not in roles:
        raise UsageError(f"no role {focus!r} in the ladder{did_you_mean(focus, roles)}")

    moves = ladder_moves(ladder)
    shown: Sequence[str] = list(roles)
    if by_family:
        shown = [r for r in shown if roles[r].family == wanted_family]
    if focus is not None:
        related = _related(moves, focus)
        shown = [r for r in shown if r in related]
    inside = set(shown)
    everything = len(inside) == len(roles)

    ranks = ladder.ranks
    tracks = ladder.tracks
    outside: dict[str, None] = {}
    shown_moves: list[ShownMove] = []
    for source, target, implied in moves:
        if not everything and source not in inside:
            continue
        leaves = target not in inside
        if leaves and not by_family:
            continue  # --focus alone: the related roles and the moves among them
        to_management = tracks[roles[target].track].kind == "management"
        kind = move_kind(ranks[roles[source].level], ranks[roles[target].level], to_management)
        if leaves:
            outside[target] = None
        shown_moves.append(
            ShownMove(
                source,
                target,
                kind,
                implied=implied,
                cross_family=roles[source].family != roles[target].family,
                leaves=leaves,
            )
        )
    order = {role_id: i for i, role_id in enumerate(roles)}
    return Scene(
        ladder=ladder,
        roles=tuple(shown),
        outside=tuple(sorted(outside, key=order.__getitem__)),
        moves=tuple(shown_moves),
        repeated_titles=_titles_repeated(ladder),
        family=wanted_family,
        focus=focus,
        by_family=by_family,
    )
