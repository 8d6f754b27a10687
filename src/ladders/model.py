"""The ladder's data: pydantic models of the file format (1.1), and the merged ladder.

Data only. A file is read into a :class:`LadderFile`; the files of one root are merged
into one :class:`LadderData`, which also answers the facts that follow from the data
alone: a level's rank, a move's kind (DESIGN §1), the moves that ``progression`` implies,
a role's pay band (DESIGN §2). Everything that analyses the ladder sits above this module.

>>> LadderFile.model_validate({"levels": ["L1"], "tracks": {"ic": "technical"},
...     "roles": {"dev": {"title": "Developer", "track": "ic", "level": "L1"}}}).tracks["ic"].kind
'technical'
>>> move_kind(3, 4, False), move_kind(3, 4, True), move_kind(3, 3, True)
('technical', 'management', 'lateral')
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Iterator, Mapping
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Annotated, Any, Literal, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    model_validator,
)

if TYPE_CHECKING:
    from ladders.load.source import Sources

__all__ = [
    "ID_PATTERN",
    "Band",
    "ImpliedMove",
    "LadderData",
    "LadderFile",
    "Level",
    "Move",
    "MoveKind",
    "ProgressionSettings",
    "Role",
    "Track",
    "TrackKind",
    "currencies",
    "infer_kind",
    "move_kind",
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

# Validators are built on first use (``defer_build``): a valid file is read without them
# (:mod:`ladders.load.fast`), so a check that finds no schema error never builds them.
_STRICT = ConfigDict(extra="forbid", frozen=True, defer_build=True)


@functools.cache
def currencies() -> frozenset[str]:
    """The ISO 4217 currency codes (from the maintained ``iso4217`` package)."""
    import iso4217  # here: 30 ms, needed only when a file has a band

    return frozenset(currency.value for currency in iso4217.Currency)


def _currency(code: str) -> str:
    if code not in currencies():
        raise ValueError(f"{code!r} is not an ISO 4217 currency code{_currency_hint(code)}")
    return code


def _currency_hint(code: str) -> str:
    """A did-you-mean for a currency: a code in the same case, else one of the same
    country (the first two letters: ``EUX`` -> ``EUR``), else the closest spelling."""
    from ladders.hints import did_you_mean

    known = sorted(currencies())
    upper = code.upper()
    if upper in currencies():
        return f"; did you mean {upper!r}?"
    same_country = [c for c in known if len(upper) >= 2 and c[:2] == upper[:2]]
    if same_country:
        return did_you_mean(upper, same_country) or f"; did you mean {same_country[0]!r}?"
    return did_you_mean(upper, known)


def _amount(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"a band bound must be a number, not {value!r}")
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"a band bound must be a finite number, not {value!r}")
    if value < 0:
        raise ValueError(f"a band bound cannot be negative ({value!r})")
    return value


Amount = Annotated[int | float, BeforeValidator(_amount, json_schema_input_type=float)]


def exact(value: int | float) -> Fraction:
    """A band bound as an exact fraction: a float is its shortest decimal text (``0.1`` is
    1/10), so comparisons never round."""
    return Fraction(value) if isinstance(value, int) else Fraction(repr(value))


class Band(BaseModel):
    """A pay band: ``min`` and ``max`` (non-negative numbers, ``min <= max``) in a currency."""

    model_config = _STRICT

    min: Amount = Field(description="The lowest pay of the band.")
    max: Amount = Field(description="The highest pay of the band.")
    currency: Annotated[str, AfterValidator(_currency)] = Field(
        description="An ISO 4217 currency code, such as EUR."
    )

    @model_validator(mode="after")
    def _ordered(self) -> Band:
        if exact(self.min) > exact(self.max):
            raise ValueError(f"min ({self.min}) is above max ({self.max})")
        return self

    @property
    def midpoint(self) -> Fraction:
        """(min + max) / 2, exactly."""
        return (exact(self.min) + exact(self.max)) / 2


class ProgressionSettings(BaseModel):
    """Which moves are implied (format 1.1): ``promote`` up a level on the same track,
    ``switch`` across to the other kind of track at the same level. ``None``: inherit."""

    model_config = _STRICT

    promote: StrictBool | None = Field(
        None, description="Move to the next level of the same track and family."
    )
    switch: StrictBool | None = Field(
        None, description="Move across to the other kind of track, same level and family."
    )


class Level(BaseModel):
    """A level of the ladder. Levels are ordered; a level's rank is its index."""

    model_config = _STRICT

    id: LevelId = Field(description="The level id, unique among levels.")
    name: Text | None = Field(None, description="A display name, such as 'Senior'.")
    description: str | None = Field(None, description="What the level means.")
    entry: StrictBool | None = Field(
        None, description="Every role at this level is an entry role (unless it says otherwise)."
    )
    band: Band | None = Field(None, description="The pay band of the level.")


def _level_shorthand(value: Any) -> Any:
    return {"id": value} if isinstance(value, str | int) and not isinstance(value, bool) else value


class Track(BaseModel):
    """A track: a column of the ladder, technical or management."""

    model_config = _STRICT

    kind: TrackKind = Field(description="technical or management.")
    name: Text | None = Field(None, description="A display name, such as 'People management'.")
    description: str | None = Field(None, description="What the track is.")
    bands: dict[LevelRef, Band] | None = Field(
        None, description="This track's pay band at a level: level id -> band."
    )


def _track_shorthand(value: Any) -> Any:
    return {"kind": value} if isinstance(value, str) else value


#: Accepted exceptions: rule code -> the reason (not empty).
Ignores = dict[str, Text]


class Move(BaseModel):
    """A career move out of a role. ``kind``, when given, must equal the inferred kind."""

    model_config = _STRICT

    to: str = Field(description="The id of the role moved to.")
    kind: MoveKind | None = Field(
        None,
        description="lateral, technical or management; if given, must equal the inferred kind.",
    )
    criteria: tuple[str, ...] = Field((), description="What someone needs to make this move.")
    ignore: Ignores | None = Field(
        None, description="Accepted exceptions for this move: rule code -> the reason."
    )
    metadata: dict[str, Any] | None = Field(None, description="Free-form, preserved.")


class Role(BaseModel):
    """A role: a title on one track at one level, and the moves out of it.

    ``moves`` are :class:`Move` objects in file order; ``model_dump()`` gives the file's
    keys (a move written as a bare id stays a bare id):

    >>> role = Role.model_validate({"title": "Dev", "track": "ic", "level": "L1",
    ...                             "moves": ["senior", {"to": "lead", "kind": "management"}]})
    >>> [m.to for m in role.moves], role.model_dump(exclude_defaults=True)["moves"]
    (['senior', 'lead'], ('senior', {'to': 'lead', 'kind': 'management'}))
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        serialize_by_alias=True,
        validate_by_name=True,
        defer_build=True,
    )

    title: Text = Field(description="The role's title, such as 'Senior Engineer'.")
    track: str = Field(description="The id of the role's track.")
    level: LevelRef = Field(description="The id of the role's level.")
    family: Text | None = Field(None, description="The job family; roles without one form one.")
    entry: StrictBool | None = Field(
        None, description="Whether people are hired into this role (default: its level's entry)."
    )
    description: str | None = Field(None, description="What the role is.")
    band: Band | None = Field(None, description="The role's own pay band.")
    progression: ProgressionSettings | None = Field(
        None, description="This role's own promote/switch settings (override the ladder's)."
    )
    # Bare ids are kept as text here (cheap for a million moves) and turned into Move
    # objects on first use of ``moves``.
    move_specs: tuple[str | Move, ...] = Field(
        default=(), alias="moves", description="Where someone in this role can go next."
    )
    ignore: Ignores | None = Field(
        None, description="Accepted exceptions: rule code -> the reason (not empty)."
    )
    metadata: dict[str, Any] | None = Field(None, description="Free-form, preserved.")

    def __eq__(self, other: object) -> bool:
        """Roles are equal when their fields are; a move written as a bare id equals the
        same move written as a mapping with only ``to`` (``senior`` == ``{to: senior}``)."""
        if not isinstance(other, Role):
            return NotImplemented
        if self.move_specs != other.move_specs and tuple(map(_move_key, self.move_specs)) != (
            tuple(map(_move_key, other.move_specs))
        ):
            return False
        return all(
            getattr(self, name) == getattr(other, name)
            for name in type(self).model_fields
            if name != "move_specs"
        )

    def __hash__(self) -> int:
        return hash((self.title, self.track, self.level, self.family))

    @functools.cached_property
    def moves(self) -> tuple[Move, ...]:
        """The moves written out of this role, in file order, each as a :class:`Move`."""
        return tuple(Move(to=m) if isinstance(m, str) else m for m in self.move_specs)

    @functools.cached_property
    def targets(self) -> tuple[str, ...]:
        """The ids of the roles this role's written moves go to, in file order."""
        return tuple([m if m.__class__ is str else m.to for m in self.move_specs])  # type: ignore[union-attr]


def _move_key(move: str | Move) -> tuple[Any, ...]:
    if isinstance(move, str):
        return (move, None, (), None, None)
    return (move.to, move.kind, move.criteria, move.ignore, move.metadata)


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
    progression: ProgressionSettings | None = Field(
        None, description="Moves implied for every role: promote and switch (default off)."
    )
    levels: (
        tuple[Annotated[Level, BeforeValidator(_level_shorthand, json_schema_input_type=Any)], ...]
        | None
    ) = None
    tracks: dict[Id, Annotated[Track, BeforeValidator(_track_shorthand)]] = Field(
        default_factory=dict
    )
    roles: dict[Id, Role] = Field(default_factory=dict)


def move_kind(from_rank: int, to_rank: int, to_management: bool) -> MoveKind:
    """The kind of a move between ranks (DESIGN §1), ``to_management`` for the target's track.

    >>> move_kind(3, 4, False), move_kind(3, 4, True), move_kind(3, 3, True), move_kind(3, 1, False)
    ('technical', 'management', 'lateral', 'lateral')
    """
    if to_rank <= from_rank:
        return "lateral"
    return "management" if to_management else "technical"


class ImpliedMove(NamedTuple):
    """A move that ``progression`` implies: ``setting`` is ``promote`` or ``switch``;
    ``own`` is true when the role's own ``progression`` turned it on (else the ladder's)."""

    source: str
    target: str
    setting: Literal["promote", "switch"]
    own: bool


class LadderData:
    """A whole ladder, the files of one root merged: data, and facts of the data alone.

    ``roles`` and ``tracks`` are read-only mappings and every item is frozen, so what is
    derived from a ladder can be kept with it. ``levels`` are ordered lowest first.
    """

    __slots__ = (
        "_columns",
        "_implied",
        "_ranks",
        "description",
        "files",
        "levels",
        "name",
        "progression_settings",
        "roles",
        "sources",
        "tracks",
    )

    name: str | None
    description: str | None
    levels: tuple[Level, ...]
    tracks: Mapping[str, Track]
    roles: Mapping[str, Role]
    #: the file-level ``progression`` (promote, switch), if any file gives it
    progression_settings: ProgressionSettings | None
    _ranks: Mapping[str, int] | None
    _implied: tuple[ImpliedMove, ...] | None
    # what the index reads of every role, as the fast reader had it (a ladder of one
    # file whose moves are bare ids: ladders.load.fast.Columns), taken by the first index
    _columns: Any
    #: every file read for this ladder, the root first, as given
    files: tuple[str, ...]
    #: where each item was written (file, line, column), when loaded from files
    sources: Sources | None

    def __init__(
        self,
        *,
        name: str | None = None,
        description: str | None = None,
        levels: tuple[Level, ...] = (),
        tracks: Mapping[str, Track] | None = None,
        roles: Mapping[str, Role] | None = None,
        progression_settings: ProgressionSettings | None = None,
        files: tuple[str, ...] = (),
        sources: Sources | None = None,
    ) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "name", name)
        setattr_(self, "description", description)
        setattr_(self, "levels", tuple(levels))
        setattr_(self, "tracks", MappingProxyType(dict(tracks or {})))
        setattr_(self, "roles", MappingProxyType(dict(roles or {})))
        setattr_(self, "progression_settings", progression_settings)
        setattr_(self, "files", tuple(files))
        setattr_(self, "sources", sources)
        setattr_(self, "_ranks", None)
        setattr_(self, "_implied", None)
        setattr_(self, "_columns", None)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a ladder is immutable: cannot set {name!r}")

    def _same_data(self, other: LadderData) -> bool:
        return (
            self.name == other.name
            and self.description == other.description
            and self.levels == other.levels
            and dict(self.tracks) == dict(other.tracks)
            and dict(self.roles) == dict(other.roles)
            and (self.progression_settings or ProgressionSettings())
            == (other.progression_settings or ProgressionSettings())
        )

    def __eq__(self, other: object) -> bool:
        """Ladders are equal when their data is (where they were read from aside)."""
        if not isinstance(other, LadderData):
            return NotImplemented
        return self._same_data(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        name = f" {self.name!r}" if self.name else ""
        return (
            f"<{type(self).__name__}{name}: {len(self.roles)} roles, {len(self.levels)} levels, "
            f"{len(self.tracks)} tracks>"
        )

    @property
    def ranks(self) -> Mapping[str, int]:
        """Level id -> rank (0 for the lowest level)."""
        ranks = self._ranks
        if ranks is None:
            ranks = MappingProxyType({level.id: i for i, level in enumerate(self.levels)})
            object.__setattr__(self, "_ranks", ranks)
        return ranks

    def rank(self, role: str) -> int:
        """The rank of a role's level."""
        return self.ranks[self.roles[role].level]

    def track_kind(self, role: str) -> TrackKind:
        """``"technical"`` or ``"management"``: the kind of a role's track."""
        return self.tracks[self.roles[role].track].kind

    def is_entry(self, role: str) -> bool:
        """Whether a role is an entry role: its own ``entry``, else its level's, else no."""
        item = self.roles[role]
        if item.entry is not None:
            return item.entry
        rank = self.ranks.get(item.level)
        return bool(rank is not None and self.levels[rank].entry)

    def setting(self, role: str, name: Literal["promote", "switch"]) -> tuple[bool, bool]:
        """(on, own) for a role's ``promote`` or ``switch``: its own ``progression`` key by
        key, else the ladder's, else off; ``own`` says the role's own key decided."""
        own = self.roles[role].progression
        value = getattr(own, name) if own is not None else None
        if value is not None:
            return value, True
        root = self.progression_settings
        return bool(root is not None and getattr(root, name)), False

    def band(self, role: str) -> Band | None:
        """A role's pay band (DESIGN §2): its own ``band``, else its track's ``bands`` at its
        level, else its level's ``band``, else ``None``."""
        item = self.roles[role]
        if item.band is not None:
            return item.band
        track = self.tracks.get(item.track)
        if track is not None and track.bands is not None and item.level in track.bands:
            return track.bands[item.level]
        rank = self.ranks.get(item.level)
        return self.levels[rank].band if rank is not None else None

    @property
    def implied_moves(self) -> tuple[ImpliedMove, ...]:
        """Every move ``progression`` implies, role by role in file order (DESIGN §1).

        Costs O(roles + implied moves): roles are grouped once by (family, track) and by
        (family, rank, track kind).
        """
        implied = self._implied
        if implied is None:
            implied = tuple(self._expand())
            object.__setattr__(self, "_implied", implied)
        return implied

    def _expand(self) -> Iterator[ImpliedMove]:
        roles, ranks, tracks = self.roles, self.ranks, self.tracks
        root = self.progression_settings
        if (root is None or not (root.promote or root.switch)) and not any(
            map(_PROGRESSION, roles.values())
        ):
            return  # nothing turns progression on (checked at C speed)
        promoting: dict[str, bool] = {}
        switching: dict[str, bool] = {}
        for role_id in roles:
            on, own = self.setting(role_id, "promote")
            if on:
                promoting[role_id] = own
            on, own = self.setting(role_id, "switch")
            if on:
                switching[role_id] = own
        if not promoting and not switching:
            return
        # (family, track) -> rank -> roles; (family, rank, kind) -> roles
        by_track: dict[tuple[str | None, str], dict[int, list[str]]] = {}
        by_kind: dict[tuple[str | None, int, str], list[str]] = {}
        for role_id, role in roles.items():
            rank = ranks.get(role.level)
            track = tracks.get(role.track)
            if rank is None or track is None:
                continue
            by_track.setdefault((role.family, role.track), {}).setdefault(rank, []).append(role_id)
            by_kind.setdefault((role.family, rank, track.kind), []).append(role_id)
        next_rank: dict[tuple[str | None, str], dict[int, int]] = {}
        for key, at in by_track.items():
            order = sorted(at)
            next_rank[key] = dict(itertools.pairwise(order))
        for role_id, role in roles.items():
            rank = ranks.get(role.level)
            track = tracks.get(role.track)
            if rank is None or track is None:
                continue
            written = set(role.targets) if role.move_specs else ()
            if role_id in promoting:
                key = (role.family, role.track)
                higher = next_rank[key].get(rank)
                if higher is not None:
                    own = promoting[role_id]
                    for target in by_track[key][higher]:
                        if target not in written:
                            yield ImpliedMove(role_id, target, "promote", own)
            if role_id in switching:
                other = "management" if track.kind == "technical" else "technical"
                own = switching[role_id]
                for target in by_kind.get((role.family, rank, other), ()):
                    if target not in written:
                        yield ImpliedMove(role_id, target, "switch", own)


_PROGRESSION = operator.attrgetter("progression")


def infer_kind(ladder: LadderData, from_role: str, to_role: str) -> MoveKind:
    """The kind of a move from ``from_role`` to ``to_role``, inferred from the two roles.

    A move up a level onto a management track is ``management``; up a level onto a
    technical track, ``technical``; to the same level or lower, ``lateral``. Raises
    :class:`~ladders.UsageError` for an unknown role id.

    >>> import ladders
    >>> ladder = ladders.loads('''
    ... levels: [L1, L2]
    ... tracks: {ic: technical, mgmt: management}
    ... roles:
    ...   dev: {title: Developer, track: ic, level: L1}
    ...   lead: {title: Team Lead, track: mgmt, level: L2}
    ... ''')
    >>> infer_kind(ladder, "dev", "lead"), infer_kind(ladder, "lead", "dev")
    ('management', 'lateral')
    """
    for role in (from_role, to_role):
        if role not in ladder.roles:
            from ladders.errors import UsageError

            raise UsageError(f"no role {role!r} in the ladder")
    return move_kind(
        ladder.rank(from_role), ladder.rank(to_role), ladder.track_kind(to_role) == "management"
    )
