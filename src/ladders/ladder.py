"""The ladder facade: :class:`Ladder` and the functions a script calls first.

``ladders.load``, ``ladders.loads``, ``ladders.check``, ``ladders.dump`` live here, at the
top of the library: they read with :mod:`ladders.load`, analyse with
:mod:`ladders.analysis`, check with :mod:`ladders.check`, write with
:mod:`ladders.exchange`. A :class:`Ladder` is immutable; what is derived from it (the
integer index, progression, the networkx graph) is computed once and kept.

>>> import ladders
>>> ladder = ladders.loads('''
... progression: {promote: true}
... levels: [L1, L2, L3]
... tracks: {ic: technical, mgmt: management}
... roles:
...   dev: {title: Developer, track: ic, level: L1, moves: [lead]}
...   senior: {title: Senior Developer, track: ic, level: L2}
...   lead: {title: Team Lead, track: mgmt, level: L2}
...   director: {title: Director, track: mgmt, level: L3}
... ''')
>>> [(s.target, s.kind, s.implied) for s in ladder.moves("dev")]
[('lead', 'management', False), ('senior', 'technical', True)]
>>> ladder.management_only_roles()
[StuckRole(role='senior', reason='track-ends', via=None)]
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, TYPE_CHECKING, Any, Literal

from ladders.analysis import Facts, Progression, StuckRole
from ladders.check import CheckConfig, run
from ladders.errors import LoadError, UsageError
from ladders.index import LadderIndex
from ladders.load import load_path, load_text
from ladders.model import LadderData, Level, ProgressionSettings, Role, Track

if TYPE_CHECKING:
    import networkx as nx

    from ladders.changes import LadderDiff
    from ladders.findings import Finding
    from ladders.model import MoveKind, TrackKind
    from ladders.query import Ceiling, LadderSummary, Route, Step

__all__ = ["DumpFormat", "Ladder", "check", "diff", "dump", "load", "loads", "progression"]

#: What :func:`dump` writes
DumpFormat = Literal["yaml", "json", "xlsx", "csv"]


class Ladder(LadderData):
    """A whole ladder, ready to be asked and checked: the roles, levels and tracks of
    DESIGN §1 by their names, the analysis of DESIGN §2, and ways to make changed copies.

    Build one with :func:`ladders.load`, :func:`ladders.loads` or :meth:`Ladder.build`.
    The ``with_*``/``without_*`` methods return a new ladder and leave this one as it is.
    """

    __slots__ = ("_facts", "_graph")

    _facts: Facts | None
    _graph: nx.DiGraph[str] | None

    def __init__(self, **fields: Any) -> None:
        super().__init__(**fields)
        object.__setattr__(self, "_facts", None)
        object.__setattr__(self, "_graph", None)

    @classmethod
    def of(cls, data: LadderData) -> Ladder:
        """The facade over merged ladder data (as loading produces it)."""
        if isinstance(data, Ladder):
            return data
        ladder = cls(
            name=data.name,
            description=data.description,
            levels=data.levels,
            tracks=data.tracks,
            roles=data.roles,
            progression_settings=data.progression_settings,
            files=data.files,
            sources=data.sources,
        )
        # the same roles in the same order: what the fast reader had at hand for the
        # index holds for this ladder too
        object.__setattr__(ladder, "_columns", data._columns)
        return ladder

    # -- the analysis (computed once) ---------------------------------------------------

    @property
    def facts(self) -> Facts:
        """The integer index and progression every rule and query runs on (built once)."""
        facts = self._facts
        if facts is None:
            facts = Facts(LadderIndex(self))
            object.__setattr__(self, "_facts", facts)
        return facts

    @property
    def index(self) -> LadderIndex:
        """The ladder as compact integer arrays (see :mod:`ladders.index`)."""
        return self.facts.index

    @property
    def progression(self) -> Progression:
        """How far every role can progress, with and without management (computed once):
        a mapping role id -> :class:`~ladders.RoleProgress`.

        >>> import ladders
        >>> ladder = ladders.loads('''
        ... levels: [L1, L2]
        ... tracks: {ic: technical, mgmt: management}
        ... roles:
        ...   dev: {title: Developer, track: ic, level: L1, moves: [lead]}
        ...   lead: {title: Team Lead, track: mgmt, level: L2}
        ... ''')
        >>> p = ladder.progression["dev"]
        >>> p.can_progress, p.can_progress_without_management, p.route
        (True, False, ('dev', 'lead'))
        """
        return self.facts.progression

    @property
    def graph(self) -> nx.DiGraph[str]:
        """The ladder as a :class:`networkx.DiGraph` (see :mod:`ladders.exchange.networkx`):
        a node per role, an edge per move, written or implied. Built on first use."""
        graph = self._graph
        if graph is None:
            from ladders.exchange.networkx import build_graph

            graph = build_graph(self)
            object.__setattr__(self, "_graph", graph)
        return graph

    def family_ceilings(self) -> dict[tuple[str | None, TrackKind], int]:
        """Every family ceiling (DESIGN §2): (family, track kind) -> the highest rank of a
        role of that family on a track of that kind. Roles without a family form the
        family ``None``; a pair that is absent has no role.

        >>> import ladders
        >>> ladder = ladders.loads('''
        ... levels: [L1, L2, L3]
        ... tracks: {ic: technical, mgmt: management}
        ... roles:
        ...   dev: {title: Developer, track: ic, level: L1, family: eng}
        ...   em: {title: Engineering Manager, track: mgmt, level: L3, family: eng}
        ... ''')
        >>> ladder.family_ceilings()
        {('eng', 'technical'): 0, ('eng', 'management'): 2}
        """
        index = self.index
        top = index.ceilings
        return {
            (index.families[family], "management" if management else "technical"): top[
                family, management
            ]
            for family, management in sorted(top)
        }

    def reachable_from_entries(self) -> set[str]:
        """The entry roles and every role a route from one reaches."""
        from ladders.analysis import reachable

        index = self.index
        return {index.ids[i] for i in reachable(index)}

    def unreachable_roles(self) -> list[str]:
        """Roles neither entry roles nor reachable from one, in file order (empty when no
        role is an entry role)."""
        index = self.index
        return [index.ids[i] for i in self.facts.unreachable]

    def management_only_roles(self) -> list[StuckRole]:
        """The technical roles whose only way up is management (DESIGN §4): for each, the
        ``reason`` (``through-management``, ``track-ends``, ``other-family``) and ``via``
        (the first management role on a route up, or ``None``). Facts, not findings:
        ``ignore`` entries do not apply. These are the roles LAD101 is about."""
        return list(self.facts.management_only)

    # -- questions ---------------------------------------------------------------------

    def routes(
        self,
        start: str,
        to: str | None = None,
        *,
        avoid_management: bool = False,
        max_moves: int | None = None,
    ) -> Iterator[Route]:
        """Routes from ``start``, shortest first, lazily; see :func:`ladders.query.routes`."""
        from ladders.query import routes  # the questions load on first use

        return routes(self, start, to, avoid_management=avoid_management, max_moves=max_moves)

    def ceiling(self, role: str, *, avoid_management: bool = False) -> Ceiling:
        """The highest level ``role`` can reach, with a route (any route by default;
        ``avoid_management=True`` for non-managerial routes only)."""
        from ladders.query import ceiling  # the questions load on first use

        return ceiling(self, role, avoid_management=avoid_management)

    def moves(self, role: str) -> tuple[Step, ...]:
        """Every move out of ``role``, written then implied, each with its inferred kind."""
        from ladders.query import moves  # the questions load on first use

        return moves(self, role)

    def next_steps(self, role: str) -> dict[MoveKind, tuple[Step, ...]]:
        """The moves out of ``role`` by kind; see :func:`ladders.query.next_steps`."""
        from ladders.query import next_steps  # the questions load on first use

        return next_steps(self, role)

    def equivalents(self, role: str) -> tuple[str, ...]:
        """Peers on the other track kind; see :func:`ladders.query.equivalents`."""
        from ladders.query import equivalents  # the questions load on first use

        return equivalents(self, role)

    def summary(self, findings: Iterable[Finding] | None = None) -> LadderSummary:
        """Ceilings, role counts, stuck specialists, pay parity and finding counts (of
        ``findings``, or of :func:`ladders.check` when omitted)."""
        from ladders.query import summary  # the questions load on first use

        return summary(self, check(self) if findings is None else findings)

    # -- changed copies ----------------------------------------------------------------

    @classmethod
    def build(
        cls,
        *,
        levels: Iterable[str | Level | Mapping[str, Any]],
        tracks: Mapping[str, str | Track | Mapping[str, Any]],
        roles: Mapping[str, Role | Mapping[str, Any]],
        name: str | None = None,
        description: str | None = None,
        progression: ProgressionSettings | Mapping[str, bool] | None = None,
    ) -> Ladder:
        """A ladder from Python values, checked as a file would be: raises
        :class:`~ladders.LoadError` (with LAD0xx findings) when it is not a valid ladder.

        >>> import ladders
        >>> ladder = ladders.Ladder.build(
        ...     levels=["L1", "L2"], tracks={"ic": "technical"},
        ...     roles={"dev": {"title": "Developer", "track": "ic", "level": "L1",
        ...                    "moves": ["senior"]},
        ...            "senior": {"title": "Senior Developer", "track": "ic", "level": "L2"}})
        >>> ladders.check(ladder)
        []
        """
        data: dict[str, Any] = {
            "name": name,
            "description": description,
            "progression": _plain(progression),
            "levels": [_plain(level) for level in levels],
            "tracks": {key: _plain(track) for key, track in tracks.items()},
            "roles": {key: _plain(role) for key, role in roles.items()},
        }
        return _from_data({k: v for k, v in data.items() if v is not None})

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Ladder:
        """A ladder from plain file data (what a YAML or JSON file holds), checked as a
        file would be: raises :class:`~ladders.LoadError` when it is not a valid ladder."""
        return _from_data(data)

    def _changed(self, **changes: Any) -> Ladder:
        from ladders.exchange.data import ladder_data

        data = ladder_data(self)
        data.update(changes)
        return _from_data({k: v for k, v in data.items() if v is not None})

    def replace(self, **fields: Any) -> Ladder:
        """A copy with top-level fields replaced: ``name``, ``description``,
        ``progression``, ``levels``, ``tracks`` or ``roles`` (values as :meth:`build`)."""
        allowed = {"name", "description", "progression", "levels", "tracks", "roles"}
        unknown = set(fields) - allowed
        if unknown:
            raise UsageError(f"cannot replace {', '.join(sorted(unknown))}; only {allowed}")
        plain = {key: _plain(value) for key, value in fields.items()}
        for key in ("levels",):
            if key in plain and plain[key] is not None:
                plain[key] = [_plain(v) for v in plain[key]]
        for key in ("tracks", "roles"):
            if key in plain and plain[key] is not None:
                plain[key] = {k: _plain(v) for k, v in plain[key].items()}
        return self._changed(**plain)

    def with_role(self, role_id: str, role: Role | Mapping[str, Any]) -> Ladder:
        """A copy with ``role_id`` added (or replaced by) ``role``."""
        from ladders.exchange.data import ladder_data

        roles = ladder_data(self)["roles"]
        roles[role_id] = _plain(role)
        return self._changed(roles=roles)

    def without_role(self, role_id: str) -> Ladder:
        """A copy without ``role_id`` and without the moves into it."""
        _require_role(self, role_id)
        from ladders.exchange.data import ladder_data

        roles = ladder_data(self)["roles"]
        del roles[role_id]
        for role in roles.values():
            if "moves" in role:
                kept = [m for m in role["moves"] if _target(m) != role_id]
                if kept:
                    role["moves"] = kept
                else:
                    del role["moves"]
        return self._changed(roles=roles)

    def with_move(self, source: str, target: str, **fields: Any) -> Ladder:
        """A copy with a move ``source -> target`` added (``kind``, ``criteria``,
        ``ignore``, ``metadata`` as in the file format)."""
        _require_role(self, source)
        from ladders.exchange.data import ladder_data

        roles = ladder_data(self)["roles"]
        move: str | dict[str, Any] = {"to": target, **fields} if fields else target
        roles[source].setdefault("moves", []).append(move)
        return self._changed(roles=roles)

    def without_move(self, source: str, target: str) -> Ladder:
        """A copy without the written moves ``source -> target``."""
        _require_role(self, source)
        from ladders.exchange.data import ladder_data

        roles = ladder_data(self)["roles"]
        kept = [m for m in roles[source].get("moves", []) if _target(m) != target]
        roles[source].pop("moves", None)
        if kept:
            roles[source]["moves"] = kept
        return self._changed(roles=roles)


def _target(move: Any) -> Any:
    return move["to"] if isinstance(move, dict) else move


def _plain(value: Any) -> Any:
    """Python values as file data: models become their file keys."""
    from pydantic import BaseModel

    if isinstance(value, BaseModel):
        return value.model_dump(exclude_none=True, exclude_defaults=True, mode="json")
    return value


def _from_data(data: Mapping[str, Any]) -> Ladder:
    try:
        import json

        text = json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError) as error:
        raise UsageError(f"a ladder holds file data only: {error}") from None
    loaded = load_text(text, "json", "<python>")
    if loaded.ladder is None:
        raise LoadError(loaded.findings)
    return Ladder.of(loaded.ladder)


def load(path: str | os.PathLike[str]) -> Ladder:
    """Load a ladder file (and what it includes): YAML, JSON, a workbook or a CSV folder.

    Raises :class:`~ladders.LoadError` whose ``findings`` say what is wrong and where.
    """
    loaded = load_path(path)
    if loaded.ladder is None:
        raise LoadError(loaded.findings)
    return Ladder.of(loaded.ladder)


def loads(
    text: str | bytes, format: Literal["yaml", "json"] = "yaml", source: str = "<string>"
) -> Ladder:
    """Load a ladder from text. ``include`` is not allowed here (there is no folder).

    Raises :class:`~ladders.LoadError` when the text is not a valid ladder.

    >>> ladder = loads('''
    ... levels: [L1, L2]
    ... tracks: {ic: technical}
    ... roles:
    ...   dev: {title: Developer, track: ic, level: L1, moves: [senior]}
    ...   senior: {title: Senior Developer, track: ic, level: L2}
    ... ''')
    >>> ladder.roles["dev"].moves[0].to, ladder.rank("senior")
    ('senior', 1)
    """
    loaded = load_text(text, format, source)
    if loaded.ladder is None:
        raise LoadError(loaded.findings)
    return Ladder.of(loaded.ladder)


def check(ladder: LadderData, config: CheckConfig | None = None) -> list[Finding]:
    """Run every enabled rule on a loaded ladder; findings sorted by file, line, column,
    code.

    >>> ladder = loads('''
    ... levels: [L1]
    ... tracks: {ic: technical}
    ... roles: {dev: {title: Developer, track: ic, level: L1, moves: [dev]}}
    ... ''')
    >>> [(f.code, f.line) for f in check(ladder)]
    [('LAD204', 4)]
    """
    return run(ladder, config, Ladder.of(ladder).facts if isinstance(ladder, Ladder) else None)


def diff(
    old: Ladder,
    new: Ladder,
    *,
    old_findings: list[Finding] | None = None,
    new_findings: list[Finding] | None = None,
) -> LadderDiff:
    """Compare two versions of a ladder: roles and moves added, removed and changed,
    findings introduced and resolved (those of :func:`check` unless given), and the
    progression regressions (see :func:`ladders.changes.diff`)."""
    from ladders.changes import diff as compare

    return compare(
        old,
        new,
        old_findings=check(old) if old_findings is None else old_findings,
        new_findings=check(new) if new_findings is None else new_findings,
    )


def _require_role(ladder: Ladder, role: str) -> None:
    from ladders.query import require_role

    require_role(ladder, role)


def progression(ladder: LadderData) -> Progression:
    """Whether, and how far, every role can progress, with and without management."""
    return Ladder.of(ladder).progression


def dump(
    ladder: LadderData,
    target: str | os.PathLike[str] | IO[str],
    format: DumpFormat | None = None,
    *,
    explicit: bool = False,
) -> None:
    """Write a ladder: YAML or JSON (to a path or a text stream), a workbook (``.xlsx``)
    or a CSV folder. The format comes from ``format``, else the path's suffix (a path
    with no suffix is a CSV folder). Files are written whole or not at all.
    ``load(dump(x)) == x``, comments aside; ``explicit`` writes implied moves out.
    """
    from ladders.exchange.data import ladder_data, ladder_text
    from ladders.exchange.write import write_text

    if format is None:
        if isinstance(target, io.IOBase) or hasattr(target, "write"):
            format = "yaml"
        else:
            suffix = os.path.splitext(os.fspath(target))[1].lower()
            formats: dict[str, DumpFormat] = {
                ".json": "json",
                ".xlsx": "xlsx",
                ".yaml": "yaml",
                ".yml": "yaml",
            }
            format = formats.get(suffix, "csv" if not suffix else "yaml")
    if format in ("yaml", "json"):
        text = ladder_text(ladder_data(ladder, explicit=explicit), format)
        if hasattr(target, "write"):
            target.write(text)
        else:
            write_text(target, text)
        return
    if hasattr(target, "write"):
        raise UsageError(f"{format} is written to a path, not a stream")
    path = os.fspath(target)
    if format == "xlsx":
        from ladders.exchange.xlsx import write_workbook

        write_workbook(ladder, path, explicit=explicit, fill_kinds=False)
    elif format == "csv":
        from ladders.exchange.tables import write_csv_folder

        write_csv_folder(ladder, path, explicit=explicit, fill_kinds=False)
    else:
        raise UsageError(f"format must be yaml, json, xlsx or csv, not {format!r}")
