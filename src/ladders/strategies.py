"""Hypothesis strategies for ladders, for your own property-based tests.

Import this module explicitly (``import ladders`` does not import Hypothesis)::

    from hypothesis import given
    from ladders.strategies import ladders

    @given(ladders(max_roles=30, families=3, healthy=True))
    def test_my_hr_report_handles_any_ladder(ladder):
        report = my_report(ladder)
        ...

``ladders()`` draws :class:`~ladders.Ladder` objects; ``ladder_data()`` draws the same
ladders as plain file data (what ``json.dump`` would write); ``roles()`` and ``moves()``
draw single roles and moves. Options are keyword-only and checked when the strategy is
created, raising :class:`hypothesis.errors.InvalidArgument`, as Hypothesis's own do.

By default the ladders use the 0.1.0 format only. Format 1.1 comes option by option:
``progression`` (implied moves), ``entry_levels`` (``entry`` on levels), ``bands`` (pay
bands on levels, tracks and roles) and ``move_ignores`` (``ignore`` on moves).

With Hypothesis installed, ``st.from_type(Ladder)`` uses :func:`ladders` (the package
registers it through the ``hypothesis`` entry point).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any


def _hypothesis_setup_hook() -> None:
    """Called by Hypothesis (``hypothesis`` entry point): ``st.from_type(Ladder)`` works.

    Hypothesis runs it while it is being imported, which may be by the import below, with
    this module half-read: so it is defined first, and :func:`ladders` is looked up only
    when a ladder is asked for.
    """
    from hypothesis import strategies as st

    from ladders.ladder import Ladder

    st.register_type_strategy(Ladder, lambda _: ladders())


from hypothesis import strategies as st  # noqa: E402 (after the hook: see its docstring)
from hypothesis.errors import InvalidArgument  # noqa: E402

from ladders.ladder import Ladder  # noqa: E402
from ladders.model import Move, MoveKind, Role, move_kind  # noqa: E402

__all__ = ["ladder_data", "ladders", "moves", "roles"]

_KINDS: tuple[MoveKind, ...] = ("lateral", "technical", "management")
#: codes an unhealthy ladder's role ``ignore`` entries are drawn from (LAD999 is no rule)
_IGNORE_CODES = (
    "LAD006", "LAD101", "LAD102", "LAD103", "LAD104", "LAD201", "LAD202", "LAD203",
    "LAD204", "LAD301", "LAD302", "LAD999",
)  # fmt: skip
#: the pay rules, added to the role codes above when the ladder has bands
_BAND_CODES = ("LAD303", "LAD304", "LAD305")
#: codes of ``ignore`` entries on moves: the move rules, and two a move cannot silence
_MOVE_IGNORE_CODES = ("LAD201", "LAD202", "LAD203", "LAD204", "LAD304", "LAD101", "LAD999")
#: the tracks of every drawn ladder: id -> kind
TRACKS = {"ic": "technical", "staff-ic": "technical", "mgmt": "management"}
#: the currencies of drawn pay bands (most are in the first)
CURRENCIES = ("EUR", "USD")


def _check_int(name: str, value: object, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgument(f"{name}={value!r} must be an integer")
    if value < minimum:
        raise InvalidArgument(f"{name}={value!r} must be at least {minimum}")
    return value


def _check_range(low_name: str, low: int, high_name: str, high: int) -> None:
    if low > high:
        raise InvalidArgument(f"{low_name}={low!r} must not be greater than {high_name}={high!r}")


def _check_bool(name: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise InvalidArgument(f"{name}={value!r} must be True or False")
    return value


def moves(*, targets: Sequence[str], declared_kinds: bool = True) -> st.SearchStrategy[str | Move]:
    """A move to one of ``targets``: a bare id, or (``declared_kinds``) a written move.

    A written move may declare any kind, so it may disagree with the inferred kind
    (LAD201): use :func:`ladders` with ``healthy=True`` for consistent kinds.

    >>> moves(targets=[])
    Traceback (most recent call last):
    hypothesis.errors.InvalidArgument: targets=[] must name at least one role
    """
    targets = list(targets)
    if not targets:
        raise InvalidArgument(f"targets={targets!r} must name at least one role")
    _check_bool("declared_kinds", declared_kinds)
    bare = st.sampled_from(targets)
    if not declared_kinds:
        return bare
    written = st.builds(
        Move,
        to=st.sampled_from(targets),
        kind=st.none() | st.sampled_from(_KINDS),
        criteria=st.lists(st.sampled_from(["Mentors", "Leads a project", "Ships"]), max_size=2).map(
            tuple
        ),
    )
    return bare | written


def roles(
    *,
    tracks: Sequence[str] = ("ic",),
    levels: Sequence[str] = ("L1",),
    families: Sequence[str | None] = (None,),
    targets: Sequence[str] = (),
    max_moves: int = 3,
) -> st.SearchStrategy[Role]:
    """A role on one of ``tracks`` at one of ``levels``, with up to ``max_moves`` moves.

    >>> roles(tracks=[])
    Traceback (most recent call last):
    hypothesis.errors.InvalidArgument: tracks=[] must name at least one track
    """
    tracks, levels, families = list(tracks), list(levels), list(families)
    for name, values in (("tracks", tracks), ("levels", levels), ("families", families)):
        if not values:
            raise InvalidArgument(f"{name}={values!r} must name at least one {name[:-1]}")
    _check_int("max_moves", max_moves, 0)
    move_lists: st.SearchStrategy[list[str | Move]] = (
        st.lists(moves(targets=targets), max_size=max_moves) if targets else st.just([])
    )
    return st.builds(
        lambda title, track, level, family, entry, specs: Role.model_validate(
            {
                "title": title,
                "track": track,
                "level": level,
                "family": family,
                "entry": entry,
                "moves": specs,
            }
        ),
        st.sampled_from(["Engineer", "Senior Engineer", "Manager", "Director"]),
        st.sampled_from(tracks),
        st.sampled_from(levels),
        st.sampled_from(families),
        st.booleans(),
        move_lists,
    )


def ladder_data(
    *,
    min_roles: int = 1,
    max_roles: int = 12,
    min_levels: int = 1,
    max_levels: int = 5,
    families: int = 1,
    max_moves: int = 4,
    healthy: bool = False,
    declared_kinds: bool = False,
    ignores: bool = False,
    progression: bool = False,
    entry_levels: bool = False,
    bands: bool = False,
    move_ignores: bool = False,
) -> st.SearchStrategy[dict[str, Any]]:
    """Ladders as plain file data (format version 1), ready for ``json.dump``.

    ``families``: how many job families roles are drawn from (1: no ``family`` keys).
    ``healthy=True`` guarantees a ladder on which :func:`ladders.check` finds nothing: a
    technical role at every level up to each family's technical ceiling, technical moves
    one level up, a lateral move back to the technical track for every manager, entry
    roles at the bottom, no level skips, repeats or self-moves (a role may then have
    more than ``max_moves`` moves where that is needed), and pay bands (``bands``) that
    rise with the level and pay technical roles at least as well as managers.
    ``healthy=False`` (the default) draws anything the format allows: step-backs,
    lateral cycles, cross-family moves, dead ends, managers with no way back, and
    (``declared_kinds``) wrong declared kinds, and (``ignores``) role ``ignore``
    entries, used or not.

    Format 1.1, each off by default: ``progression`` draws a file-level and per-role
    ``progression`` (``promote``/``switch``, explicit ``false`` overrides included);
    ``entry_levels`` draws ``entry`` on levels, with roles' ``entry`` overriding it
    both ways; ``bands`` draws pay bands on levels, tracks' ``bands`` at levels and
    roles' own, in EUR or USD, whole numbers and decimals (steps of 0.5 and 0.1);
    ``move_ignores`` draws ``ignore`` entries on moves (not with ``healthy``).

    >>> ladder_data(min_roles=5, max_roles=2)
    Traceback (most recent call last):
    hypothesis.errors.InvalidArgument: min_roles=5 must not be greater than max_roles=2
    >>> ladder_data(healthy=True, ignores=True)
    Traceback (most recent call last):
    hypothesis.errors.InvalidArgument: ignores=True cannot be combined with healthy=True: \
a healthy ladder has no findings, so every ignore entry would be unused (LAD006)
    """
    _check_int("min_roles", min_roles, 1)
    _check_int("max_roles", max_roles, 1)
    _check_range("min_roles", min_roles, "max_roles", max_roles)
    _check_int("min_levels", min_levels, 1)
    _check_int("max_levels", max_levels, 1)
    _check_range("min_levels", min_levels, "max_levels", max_levels)
    _check_int("families", families, 1)
    _check_int("max_moves", max_moves, 0)
    flags = {
        "healthy": healthy,
        "declared_kinds": declared_kinds,
        "ignores": ignores,
        "progression": progression,
        "entry_levels": entry_levels,
        "bands": bands,
        "move_ignores": move_ignores,
    }
    for name, value in flags.items():
        _check_bool(name, value)
    for name in ("ignores", "move_ignores"):
        if healthy and flags[name]:
            raise InvalidArgument(
                f"{name}=True cannot be combined with healthy=True: a healthy ladder has no "
                "findings, so every ignore entry would be unused (LAD006)"
            )
    options = _Options(
        min_roles=min_roles,
        max_roles=max_roles,
        min_levels=min_levels,
        max_levels=max_levels,
        families=families,
        max_moves=max_moves,
        declared_kinds=declared_kinds,
        ignores=ignores,
        progression=progression,
        entry_levels=entry_levels,
        bands=bands,
        move_ignores=move_ignores,
    )
    if healthy:
        return _healthy(options)
    return _anything(options)


def ladders(
    *,
    min_roles: int = 1,
    max_roles: int = 12,
    min_levels: int = 1,
    max_levels: int = 5,
    families: int = 1,
    max_moves: int = 4,
    healthy: bool = False,
    declared_kinds: bool = False,
    ignores: bool = False,
    progression: bool = False,
    entry_levels: bool = False,
    bands: bool = False,
    move_ignores: bool = False,
) -> st.SearchStrategy[Ladder]:
    """:class:`~ladders.Ladder` objects (built with :meth:`~ladders.Ladder.from_data`);
    the options are those of :func:`ladder_data`.

    >>> from hypothesis import given
    >>> import ladders as lib
    >>> @given(ladders(max_roles=8, families=2, healthy=True, bands=True))
    ... def test(ladder):
    ...     assert lib.check(ladder) == []
    >>> test()
    """
    return ladder_data(
        min_roles=min_roles,
        max_roles=max_roles,
        min_levels=min_levels,
        max_levels=max_levels,
        families=families,
        max_moves=max_moves,
        healthy=healthy,
        declared_kinds=declared_kinds,
        ignores=ignores,
        progression=progression,
        entry_levels=entry_levels,
        bands=bands,
        move_ignores=move_ignores,
    ).map(Ladder.from_data)


@dataclass(frozen=True)
class _Options:
    min_roles: int
    max_roles: int
    min_levels: int
    max_levels: int
    families: int
    max_moves: int
    declared_kinds: bool
    ignores: bool
    progression: bool
    entry_levels: bool
    bands: bool
    move_ignores: bool


def _family_name(options: _Options, number: int) -> str | None:
    return None if options.families == 1 else f"f{number}"


def _skeleton(levels: int) -> dict[str, Any]:
    return {
        "version": 1,
        "levels": [{"id": f"L{i + 1}"} for i in range(levels)],
        "tracks": {track: {"kind": kind} for track, kind in TRACKS.items()},
        "roles": {},
    }


def _role(title: str, track: str, rank: int, family: str | None) -> dict[str, Any]:
    role: dict[str, Any] = {"title": title, "track": track, "level": f"L{rank + 1}"}
    if family is not None:
        role["family"] = family
    return role


#: a ``progression`` mapping: each of promote and switch left out, true or false
_SETTINGS = st.fixed_dictionaries({}, optional={"promote": st.booleans(), "switch": st.booleans()})
#: the file-level ``progression``: none, the usual ones, or any
_LADDER_SETTINGS = (
    st.sampled_from((None, {"promote": True}, {"promote": True, "switch": True}, {"switch": True}))
    | _SETTINGS
)


def _number(value: Fraction) -> int | float:
    """A band bound as file data: an integer, or the float whose shortest text is the
    decimal ``value`` (halves and tenths only, so the text is exact)."""
    if value.denominator == 1:
        return value.numerator
    return value.numerator / value.denominator


def _band(low: Fraction, high: Fraction, currency: str) -> dict[str, Any]:
    return {"min": _number(low), "max": _number(high), "currency": currency}


def _draw_band(draw: st.DrawFn, scale: int) -> dict[str, Any]:
    # Small numbers on a coarse grid, so that equal midpoints and gaps of exactly a
    # tolerance (10 against 10.5 is 5%) are common.
    step = draw(st.sampled_from((1, 2, 10)))
    low, high = sorted(draw(st.integers(0, 20 * step)) for _ in range(2))
    currency = CURRENCIES[1] if draw(st.integers(0, 3)) == 0 else CURRENCIES[0]
    return _band(Fraction(low * scale, step), Fraction(high * scale, step), currency)


def _anything(options: _Options) -> st.SearchStrategy[dict[str, Any]]:
    @st.composite
    def draw_ladder(draw: st.DrawFn) -> dict[str, Any]:
        levels = draw(st.integers(options.min_levels, options.max_levels))
        count = draw(st.integers(options.min_roles, options.max_roles))
        data = _skeleton(levels)
        level_ids = [level["id"] for level in data["levels"]]
        if options.progression:
            settings = draw(_LADDER_SETTINGS)
            if settings is not None:
                data["progression"] = settings
        if options.entry_levels:
            for level in data["levels"]:
                entry = draw(st.sampled_from((None, None, True, False)))
                if entry is not None:
                    level["entry"] = entry
        scale = draw(st.sampled_from((1, 1000))) if options.bands else 1
        if options.bands:
            for level in data["levels"]:
                if draw(st.booleans()):
                    level["band"] = _draw_band(draw, scale)
            for track in data["tracks"].values():
                if draw(st.integers(0, 2)) == 0:
                    at = draw(st.lists(st.sampled_from(level_ids), min_size=1, unique=True))
                    track["bands"] = {level: _draw_band(draw, scale) for level in at}
        role_codes = _IGNORE_CODES + (_BAND_CODES if options.bands else ())
        ids = [f"r{i}" for i in range(count)]
        for role_id in ids:
            track = draw(st.sampled_from(sorted(TRACKS)))
            rank = draw(st.integers(0, levels - 1))
            family = _family_name(options, draw(st.integers(0, options.families - 1)))
            role = _role(f"Role {role_id}", track, rank, family)
            if options.entry_levels:
                entry = draw(st.sampled_from((None, None, True, False)))
                if entry is not None:
                    role["entry"] = entry
            elif draw(st.integers(0, 3)) == 0:
                role["entry"] = True
            if options.bands and draw(st.integers(0, 3)) == 0:
                role["band"] = _draw_band(draw, scale)
            if options.progression and draw(st.integers(0, 2)) == 0:
                role["progression"] = draw(_SETTINGS)
            specs: list[Any] = []
            for target in draw(st.lists(st.sampled_from(ids), max_size=options.max_moves)):
                spec: dict[str, Any] = {"to": target}
                if options.declared_kinds and draw(st.booleans()):
                    spec["kind"] = draw(st.sampled_from(_KINDS))
                if options.move_ignores and draw(st.integers(0, 2)) == 0:
                    codes = draw(
                        st.sets(st.sampled_from(_MOVE_IGNORE_CODES), min_size=1, max_size=2)
                    )
                    spec["ignore"] = dict.fromkeys(sorted(codes), "Published exception")
                specs.append(spec if len(spec) > 1 else target)
            if specs:
                role["moves"] = specs
            if options.ignores and draw(st.integers(0, 2)) == 0:
                codes = draw(st.sets(st.sampled_from(role_codes), min_size=1, max_size=2))
                role["ignore"] = dict.fromkeys(sorted(codes), "Accepted for now")
            data["roles"][role_id] = role
        return data

    return draw_ladder()


class _HealthyBands:
    """Pay bands no pay rule fires on: one currency; level bands that rise with the level,
    midpoints ``step`` apart; technical bands at or above their level's, management bands
    at or below it, by at most ``spread`` (``step >= 2 * spread``, so every move up a
    level keeps or raises the midpoint, and the top technical band is the family's highest)."""

    def __init__(self, draw: st.DrawFn) -> None:
        self.draw = draw
        self.currency = draw(st.sampled_from(CURRENCIES))
        unit = Fraction(draw(st.sampled_from((1, 1000))), draw(st.sampled_from((1, 2, 10))))
        self.unit = unit
        self.spread = draw(st.integers(0, 4))
        self.step = 2 * self.spread + draw(st.integers(0, 10))
        self.width = draw(st.integers(0, 10))
        self.base = self.spread + draw(st.integers(0, 20))

    def band(self, rank: int, kind: str | None = None) -> dict[str, Any]:
        """The level band at ``rank``, or one for a track of ``kind`` shifted from it."""
        low = self.base + rank * self.step
        shift = 0 if kind is None else self.draw(st.integers(0, self.spread))
        if kind == "management":
            shift = -shift
        low += shift
        return _band(low * self.unit, (low + self.width) * self.unit, self.currency)


#: (family, track, rank) of each role of a healthy ladder, by role number
_Slots = list[tuple[int, str, int]]


def _implied(
    slots: _Slots, ladder: dict[str, bool], own: list[dict[str, bool] | None]
) -> list[list[int]]:
    """The targets ``progression`` implies for each role of a healthy ladder (DESIGN §1;
    targets it also writes are kept, which changes no route)."""
    implied: list[list[int]] = [[] for _ in slots]
    for i, (family, track, rank) in enumerate(slots):
        mine = own[i] or {}
        if mine.get("promote", ladder.get("promote", False)):
            higher = [r for f, t, r in slots if (f, t) == (family, track) and r > rank]
            if higher:
                step = (family, track, min(higher))
                implied[i] += [j for j, slot in enumerate(slots) if slot == step]
        if mine.get("switch", ladder.get("switch", False)):
            implied[i] += [
                j
                for j, (f, t, r) in enumerate(slots)
                if (f, r) == (family, rank) and TRACKS[t] != TRACKS[track]
            ]
    return implied


def _stuck_specialists(
    slots: _Slots, moves: list[list[int]], implied: list[list[int]]
) -> list[int]:
    """The technical roles that can progress, but only through management."""

    def rises(start: int, without_management: bool) -> bool:
        seen: set[int] = set()
        todo = [start]
        while todo:
            role = todo.pop()
            for target in moves[role] + implied[role]:
                if target in seen:
                    continue
                if without_management and TRACKS[slots[target][1]] == "management":
                    continue
                if slots[target][2] > slots[start][2]:
                    return True
                seen.add(target)
                todo.append(target)
        return False

    return [
        i
        for i, (_, track, _) in enumerate(slots)
        if TRACKS[track] == "technical" and rises(i, False) and not rises(i, True)
    ]


def _healthy(options: _Options) -> st.SearchStrategy[dict[str, Any]]:
    @st.composite
    def draw_ladder(draw: st.DrawFn) -> dict[str, Any]:
        levels = draw(st.integers(options.min_levels, options.max_levels))
        count = draw(st.integers(options.min_roles, options.max_roles))
        data = _skeleton(levels)
        # Each family gets a technical role at every rank up to its technical ceiling.
        family_count = draw(st.integers(1, min(options.families, count)))
        tops = [0] * family_count
        spare = count - family_count
        for f in range(family_count):
            grow = draw(st.integers(0, min(levels - 1, spare)))
            tops[f], spare = grow, spare - grow
        # (family, track, rank) of every role; the first ones are the mandatory ones
        slots = [(f, "ic", r) for f in range(family_count) for r in range(tops[f] + 1)]
        for _ in range(spare):
            f = draw(st.integers(0, family_count - 1))
            track = draw(st.sampled_from(sorted(TRACKS)))
            slots.append((f, track, draw(st.integers(0, tops[f]))))
        ids = [f"r{i}" for i in range(len(slots))]
        technical: dict[tuple[int, int], list[int]] = {}
        for i, (f, track, rank) in enumerate(slots):
            if TRACKS[track] == "technical":
                technical.setdefault((f, rank), []).append(i)
        moves: list[list[int]] = [[] for _ in slots]

        def add(source: int, target: int) -> None:
            if target != source and target not in moves[source]:
                moves[source].append(target)

        for i, (f, track, rank) in enumerate(slots):
            if TRACKS[track] == "technical":
                if rank < tops[f]:  # a technical move one level up
                    add(i, draw(st.sampled_from(technical[f, rank + 1])))
                if rank > 0:  # reachable from below
                    add(draw(st.sampled_from(technical[f, rank - 1])), i)
            else:
                add(i, draw(st.sampled_from(technical[f, rank])))  # back to technical
                below = technical[f, max(rank - 1, 0)]
                add(draw(st.sampled_from(below)), i)  # reachable
        # A few more moves anywhere, rising at most one level.
        for i, (_, _, rank) in enumerate(slots):
            room = options.max_moves - len(moves[i])
            candidates = [j for j, slot in enumerate(slots) if slot[2] <= rank + 1]
            for j in draw(st.lists(st.sampled_from(candidates), max_size=max(room, 0))):
                add(i, j)
        # Implied moves only add routes, rise one used level at most and never repeat a
        # written move: any progression settings keep the ladder healthy, once the
        # routes they open are non-managerial too (below).
        settings: list[dict[str, bool] | None] = [None] * len(slots)
        if options.progression:
            ladder_settings = draw(_LADDER_SETTINGS)
            if ladder_settings is not None:
                data["progression"] = ladder_settings
            for i in range(len(slots)):
                if draw(st.integers(0, 2)) == 0:
                    settings[i] = draw(_SETTINGS)
            implied = _implied(slots, ladder_settings or {}, settings)
        else:
            implied = [[] for _ in slots]
        # A move across to another family, or an implied switch, can give a technical
        # role at its family's ceiling a way up through management only (LAD101): give
        # each such role a technical move one level up, until there is none.
        while stuck := _stuck_specialists(slots, moves, implied):
            for i in stuck:
                rank = slots[i][2]
                above = [
                    j
                    for j, (_, track, other) in enumerate(slots)
                    if TRACKS[track] == "technical" and other == rank + 1
                ]
                add(i, draw(st.sampled_from(above)))
        # The technical roles at the bottom are entry roles (by their level or their own
        # key); every role is reachable from them, so other entry roles do no harm.
        bottom_entry = options.entry_levels and draw(st.booleans())
        if options.entry_levels:
            for rank, level in enumerate(data["levels"]):
                entry = True if rank == 0 and bottom_entry else None
                if entry is None:
                    entry = draw(st.sampled_from((None, True, False)))
                if entry is not None:
                    level["entry"] = entry
        pay = _HealthyBands(draw) if options.bands else None
        if pay is not None:
            for rank, level in enumerate(data["levels"]):
                level["band"] = pay.band(rank)
            for track_id, track in data["tracks"].items():
                if draw(st.booleans()):
                    at = draw(st.lists(st.integers(0, levels - 1), min_size=1, unique=True))
                    kind = TRACKS[track_id]
                    track["bands"] = {f"L{rank + 1}": pay.band(rank, kind) for rank in sorted(at)}
        for i, (f, track, rank) in enumerate(slots):
            role = _role(f"Role {ids[i]}", track, rank, _family_name(options, f))
            if TRACKS[track] == "technical" and rank == 0:
                if not bottom_entry or draw(st.booleans()):
                    role["entry"] = True
            elif options.entry_levels:
                entry = draw(st.sampled_from((None, None, True, False)))
                if entry is not None:
                    role["entry"] = entry
            if pay is not None and draw(st.integers(0, 3)) == 0:
                role["band"] = pay.band(rank, TRACKS[track])
            if settings[i] is not None:
                role["progression"] = settings[i]
            specs: list[Any] = []
            for j in moves[i]:
                if options.declared_kinds and draw(st.booleans()):
                    to_management = TRACKS[slots[j][1]] == "management"
                    specs.append(
                        {"to": ids[j], "kind": move_kind(rank, slots[j][2], to_management)}
                    )
                else:
                    specs.append(ids[j])
            if specs:
                role["moves"] = specs
            data["roles"][ids[i]] = role
        return data

    return draw_ladder()
