"""Pydantic models of the ladder file format (format version 1); data only.

A file is read into a :class:`LadderFile`; the files of one root (with its includes) are
merged into one :class:`Ladder`. Shorthands of the file format are accepted on input:

>>> LadderFile.model_validate({"levels": ["L1"], "tracks": {"ic": "technical"},
...     "roles": {"dev": {"title": "Developer", "track": "ic", "level": "L1"}}}).tracks["ic"].kind
'technical'
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    StrictBool,
    StrictInt,
    StringConstraints,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    import networkx as nx

    from ladders.analysis import Progression
    from ladders.findings import Finding
    from ladders.load.source import Sources
    from ladders.query import Ceiling, LadderSummary, Route, Step

__all__ = [
    "ID_PATTERN",
    "Ladder",
    "LadderFile",
    "Level",
    "Move",
    "MoveKind",
    "Role",
    "Track",
    "TrackKind",
]

#: What a level, track or role id must look like.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$"
ID_RE = re.compile(ID_PATTERN)

TrackKind = Literal["technical", "management"]
MoveKind = Literal["lateral", "technical", "management"]

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1)]


def _level_text(value: Any) -> Any:
    """Level ids are text; an integer (as JSON writes it) is its decimal text."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


#: A level id, or a reference to one: text, or an integer written as its decimal text.
LevelRef = Annotated[str, BeforeValidator(_level_text, json_schema_input_type=str | int)]
LevelId = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN),
    BeforeValidator(_level_text, json_schema_input_type=str | int),
]

_STRICT = ConfigDict(extra="forbid", frozen=True)


class Level(BaseModel):
    """A level of the ladder. Levels are ordered; a level's rank is its index."""

    model_config = _STRICT

    id: LevelId = Field(description="The level id, unique among levels.")
    name: Text | None = Field(None, description="A display name, such as 'Senior'.")
    description: str | None = Field(None, description="What the level means.")


def _level_shorthand(value: Any) -> Any:
    return {"id": value} if isinstance(value, str | int) and not isinstance(value, bool) else value


class Track(BaseModel):
    """A track: a column of the ladder, technical or management."""

    model_config = _STRICT

    kind: TrackKind = Field(description="technical or management.")
    name: Text | None = Field(None, description="A display name, such as 'People management'.")
    description: str | None = Field(None, description="What the track is.")


def _track_shorthand(value: Any) -> Any:
    return {"kind": value} if isinstance(value, str) else value


class Move(BaseModel):
    """A career move out of a role. ``kind``, when given, must equal the inferred kind."""

    model_config = _STRICT

    to: str = Field(description="The id of the role moved to.")
    kind: MoveKind | None = Field(
        None,
        description="lateral, technical or management; if given, must equal the inferred kind.",
    )
    criteria: tuple[str, ...] = Field((), description="What someone needs to make this move.")
    metadata: dict[str, Any] | None = Field(None, description="Free-form, preserved.")


class Role(BaseModel):
    """A role: a title on one track at one level, and the moves out of it."""

    model_config = _STRICT

    title: Text = Field(description="The role's title, such as 'Senior Engineer'.")
    track: str = Field(description="The id of the role's track.")
    level: LevelRef = Field(description="The id of the role's level.")
    family: Text | None = Field(None, description="The job family; roles without one form one.")
    entry: StrictBool = Field(False, description="Whether people are hired into this role.")
    description: str | None = Field(None, description="What the role is.")
    # Bare ids are kept as text here (cheap for a million moves) and turned into Move
    # objects on first use of ``moves``.
    move_specs: tuple[str | Move, ...] = Field(
        default=(), alias="moves", description="Where someone in this role can go next."
    )
    ignore: dict[str, Text] | None = Field(
        None, description="Accepted exceptions: rule code -> the reason (not empty)."
    )
    metadata: dict[str, Any] | None = Field(None, description="Free-form, preserved.")

    @functools.cached_property
    def moves(self) -> tuple[Move, ...]:
        """The moves out of this role, in file order, each as a :class:`Move`."""
        return tuple(Move(to=m) if isinstance(m, str) else m for m in self.move_specs)

    @functools.cached_property
    def targets(self) -> tuple[str, ...]:
        """The ids of the roles this role can move to, in file order."""
        return tuple([m if m.__class__ is str else m.to for m in self.move_specs])  # type: ignore[union-attr]


class LadderFile(BaseModel):
    """The content of one ladder file, before includes are merged."""

    model_config = _STRICT

    version: Annotated[StrictInt, Field(ge=1, le=1)] | None = Field(
        None, description="The file format version: 1."
    )
    name: str | None = Field(None, description="The ladder's name.")
    description: str | None = Field(None, description="What the ladder covers.")
    include: tuple[str, ...] = Field(
        (), description="Files to merge into this ladder, relative to this file."
    )
    levels: (
        tuple[Annotated[Level, BeforeValidator(_level_shorthand, json_schema_input_type=Any)], ...]
        | None
    ) = None
    tracks: dict[Id, Annotated[Track, BeforeValidator(_track_shorthand)]] = Field(
        default_factory=dict
    )
    roles: dict[Id, Role] = Field(default_factory=dict)


def _query() -> Any:
    """The :mod:`ladders.query` module, imported on first use (it needs the graph layer)."""
    module = sys.modules.get("ladders.query")
    if module is None:
        import ladders.query as module
    return module


class Ladder(BaseModel):
    """A whole ladder: the files of one root merged, ready to be checked and asked.

    ``levels`` are ordered lowest first; ``ranks`` maps a level id to its index.
    ``graph`` is the networkx view of it (built on first use).
    """

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    name: str | None = None
    description: str | None = None
    levels: tuple[Level, ...] = ()
    tracks: dict[str, Track] = Field(default_factory=dict)
    roles: dict[str, Role] = Field(default_factory=dict)
    #: every file read for this ladder, the root first, as given
    files: tuple[str, ...] = ()

    _sources: Sources | None = PrivateAttr(default=None)

    @functools.cached_property
    def ranks(self) -> Mapping[str, int]:
        """Level id -> rank (0 for the lowest level)."""
        return {level.id: i for i, level in enumerate(self.levels)}

    def rank(self, role: str) -> int:
        """The rank of a role's level."""
        return self.ranks[self.roles[role].level]

    def track_kind(self, role: str) -> TrackKind:
        """``"technical"`` or ``"management"``: the kind of a role's track."""
        return self.tracks[self.roles[role].track].kind

    @functools.cached_property
    def graph(self) -> nx.DiGraph[str]:
        """The ladder as a :class:`networkx.DiGraph` (see :mod:`ladders.graph`)."""
        from ladders.graph import build_graph

        return build_graph(self)

    @functools.cached_property
    def progression(self) -> Progression:
        """How far every role can progress, with and without management (computed once).

        See :func:`ladders.analysis.progression`.
        """
        from ladders.analysis import progression

        return progression(self)

    def routes(
        self,
        start: str,
        to: str | None = None,
        *,
        avoid_management: bool = False,
        max_moves: int | None = None,
    ) -> Iterator[Route]:
        """Routes from ``start``, shortest first, lazily; see :func:`ladders.query.routes`."""
        found: Iterator[Route] = _query().routes(
            self, start, to, avoid_management=avoid_management, max_moves=max_moves
        )
        return found

    def ceiling(self, role: str, *, avoid_management: bool = True) -> Ceiling:
        """The highest level ``role`` can reach, with a route; see :func:`ladders.query.ceiling`."""
        top: Ceiling = _query().ceiling(self, role, avoid_management=avoid_management)
        return top

    def next_steps(self, role: str) -> dict[MoveKind, tuple[Step, ...]]:
        """The moves out of ``role`` by kind; see :func:`ladders.query.next_steps`."""
        steps: dict[MoveKind, tuple[Step, ...]] = _query().next_steps(self, role)
        return steps

    def equivalents(self, role: str) -> tuple[str, ...]:
        """Peers on the other track kind; see :func:`ladders.query.equivalents`."""
        peers: tuple[str, ...] = _query().equivalents(self, role)
        return peers

    def summary(self, findings: Iterable[Finding] | None = None) -> LadderSummary:
        """Ceilings, role counts and finding counts; see :func:`ladders.query.summary`."""
        summary: LadderSummary = _query().summary(self, findings)
        return summary

    @property
    def sources(self) -> Sources | None:
        """Where each item was written (file, line, column), when loaded from files."""
        return self._sources
