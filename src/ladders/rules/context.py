"""What a rule's ``check`` receives: the ladder, the facts built once for every rule, the
rule's own options, and ``report`` to make a finding stamped with the rule's code.

A rule never decides its final severity or whether an ``ignore`` entry silences it: the
engine (:mod:`ladders.check`) does, as yamllint's linter stamps its rules' problems.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from ladders.findings import Finding, Severity
from ladders.index import describe
from ladders.model import exact, move_kind

if TYPE_CHECKING:
    from fractions import Fraction

    from ladders.analysis import Facts, Progression
    from ladders.index import LadderIndex
    from ladders.model import Band, LadderData, MoveKind

__all__ = [
    "Context",
    "Option",
    "Where",
    "amount",
    "distinct",
    "exact",
    "locate",
    "per_role",
    "places",
    "tolerance",
]

T = TypeVar("T")

#: (file, line, column) of an item; ``sheet`` rides along in :class:`Finding` when set
Where = tuple[str, int, int]


@dataclass(frozen=True)
class Option:
    """A rule option, declared once in the rule's ``OPTIONS``: its default, what a valid
    value is (in words, for messages), and the test of a value."""

    default: Any
    expects: str
    valid: Callable[[Any], bool]

    def problem(self, value: Any) -> str | None:
        """``None`` if ``value`` is valid, else what is expected."""
        return None if self.valid(value) else self.expects


def tolerance(default: float) -> Option:
    """A ``tolerance`` option: a number, at least 0 (a share, such as 0.05 for 5%)."""
    return Option(
        default,
        "a number of at least 0",
        lambda value: isinstance(value, int | float) and not isinstance(value, bool) and value >= 0,
    )


def amount(value: Fraction) -> str:
    """An amount of money as messages show it: ``90,000`` (two decimals if not whole).

    >>> from fractions import Fraction
    >>> amount(Fraction(90000)), amount(Fraction(181, 2))
    ('90,000', '90.50')
    """
    if value.denominator == 1:
        return f"{value.numerator:,}"
    return f"{float(value):,.2f}"


def distinct(bands: Mapping[int, Band]) -> dict[int, Band]:
    """The distinct band objects among a ladder's bands, by ``id``: roles share their
    level's or their track's band, so work done per band (exact midpoints, say) is done a
    few times instead of once per role."""
    values = bands.values()
    return dict(zip(map(id, values), values, strict=True))


def per_role(bands: Mapping[int, Band], per_band: Mapping[int, T]) -> dict[int, T]:
    """Role number -> ``per_band[id(band)]``, for each role's band (see :func:`distinct`)."""
    return dict(zip(bands, map(per_band.__getitem__, map(id, bands.values())), strict=True))


def places(values: Iterable[Fraction]) -> dict[Fraction, int]:
    """Each value's place among the distinct ``values`` in increasing order: comparing
    places compares the values exactly, as whole numbers (much faster than fractions).

    >>> from fractions import Fraction
    >>> places([Fraction(3, 2), Fraction(1, 3), Fraction(3, 2)])
    {Fraction(1, 3): 0, Fraction(3, 2): 1}
    """
    return {value: place for place, value in enumerate(sorted(set(values)))}


def locate(ladder: LadderData, role: str, *path: str | int, key: bool = True) -> Where:
    """(file, line, column) of a role's key, or of an item under it (``path``): its key,
    or with ``key=False`` its value. A ladder built in Python has no positions: 1:1."""
    sources = ladder.sources
    if sources is None:
        return (ladder.files[0] if ladder.files else "<ladder>", 1, 1)
    if not path:
        return sources.role(role)
    return sources.role_field(role, *path) if key else sources.role_value(role, *path)


class Context:
    """The ladder and its facts, as one rule sees them. Built by the engine per rule.

    The facts (``facts``: index, progression, stuck roles, ...) are built once and shared
    by every rule of a check. ``report(role, message)`` makes a finding about role number
    ``role`` at its key;
    ``report_move(edge, message)`` about a move, at its list item (or, for an implied
    move, at the ``progression`` key that implied it); ``report_ignore`` about an
    ``ignore`` entry. Each returns the finding, for ``check`` to yield.
    """

    __slots__ = ("_edges", "code", "facts", "ladder", "name", "options", "severity")

    def __init__(
        self,
        ladder: LadderData,
        facts: Facts,
        *,
        code: str,
        name: str,
        severity: Severity,
        options: Mapping[str, Any],
    ) -> None:
        self.ladder = ladder
        self.facts = facts
        self.code = code
        self.name = name
        self.severity = severity
        self.options = options
        self._edges: dict[int, int] = {}

    @property
    def index(self) -> LadderIndex:
        """The ladder as integer arrays."""
        return self.facts.index

    @property
    def progression(self) -> Progression:
        """How far every role can progress, with and without management."""
        return self.facts.progression

    def _finding(self, message: str, where: Where, role: str | None) -> Finding:
        file, line, column = where
        return Finding(self.code, self.name, self.severity, message, file, line, column, role)

    def report(self, role: int, message: str) -> Finding:
        """A finding about role number ``role``, located at the role's key."""
        role_id = self.index.ids[role]
        return self._finding(message, locate(self.ladder, role_id), role_id)

    def report_move(self, edge: int, message: str) -> Finding:
        """A finding about move ``edge``: at its list item, or for an implied move at the
        ``progression`` key that implied it (the role's own, else the ladder's)."""
        index = self.index
        role_id = index.ids[index.source_of(edge)]
        item = index.item_of(edge)
        if item >= 0:
            where = locate(self.ladder, role_id, "moves", item, key=False)
        else:
            where = self._implied_at(edge)
        finding = self._finding(message, where, role_id)
        self._edges[id(finding)] = edge
        return finding

    def _implied_at(self, edge: int) -> Where:
        implied = self.index.implied[edge]
        if implied.own:
            return locate(self.ladder, implied.source, "progression")
        sources = self.ladder.sources
        if sources is None:
            return locate(self.ladder, implied.source)
        return sources.ladder_key("progression")

    def report_ignore(self, role: str, code: str, message: str, item: int | None = None) -> Finding:
        """A finding about a role's ``ignore`` entry for ``code`` (or its move ``item``'s)."""
        path: tuple[str | int, ...] = ("ignore", code)
        if item is not None:
            path = ("moves", item, *path)
        return self._finding(message, locate(self.ladder, role, *path), role)

    def edge_of(self, finding: Finding) -> int | None:
        """The move a finding of :meth:`report_move` is about (taken once, by the engine)."""
        return self._edges.pop(id(finding), None)

    @property
    def bands(self) -> dict[int, Band]:
        """Role number -> its pay band (DESIGN §2), for the roles that have one."""
        return self.facts.bands

    def kind(self, edge: int) -> MoveKind:
        """The inferred kind of move ``edge`` (DESIGN §1)."""
        index = self.index
        target = index.targets[edge]
        return move_kind(
            index.rank[index.source_of(edge)], index.rank[target], bool(index.management[target])
        )

    def written(self, role: int) -> range:
        """The edges of role number ``role``'s written moves (its list items, in order)."""
        start = self.index.offsets[role]
        return range(start, start + len(self.ladder.roles[self.index.ids[role]].move_specs))

    def describe(self, role: int) -> str:
        """Role number ``role`` as messages name it: ``Title (id, level)``."""
        return describe(self.ladder, self.index.ids[role])

    def level(self, rank: int) -> str:
        """The level id of a rank."""
        return self.index.levels[rank]

    def family_phrase(self, family: int) -> str:
        """A family as messages name it (see :meth:`LadderIndex.family_phrase`)."""
        return self.index.family_phrase(family)
