"""Generate synthetic career ladders for benchmarks.

A generated ladder has the structure of a ladder file (format version 1, see
DESIGN.md §1) as plain data: ``version``, ``name``, ``levels``, ``tracks`` and
``roles``. Roles are grouped in job families (about one per 1,000 roles); each
family has a technical and a management track, shared with the other families
of its discipline. Moves are a realistic mix: mostly one level up on the same
track, lateral moves between the tracks, a few step-backs and cross-family
moves. The same arguments always give the same ladder.

With ``healthy=True`` the ladder is clean under the progression rules: every
technical role below its family's technical ceiling has a technical move one
level up in its family, every manager has a lateral move back to the technical
track, the management track is never taller than the technical one, every role
is reachable from an entry role, and there are no level skips, self-moves or
duplicate targets. With ``healthy=False`` a few of those guarantees are broken
on purpose, so that every progression rule has something to report.

This module uses the standard library only; it does not import ``ladders``.

Usage::

    python benchmarks/generate.py --roles 10000 --format yaml --out ladder.yaml
    python benchmarks/generate.py --all               # into benchmarks/data/

>>> ladder = generate_ladder(30, seed=1)
>>> len(ladder["roles"]), [level["id"] for level in ladder["levels"]][:3]
(30, ['L1', 'L2', 'L3'])
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import re
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

__all__ = ["generate_ladder", "main", "write_json", "write_yaml"]

DEFAULT_DATA_DIR = Path(__file__).resolve().parent / "data"
ALL_SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}

# (discipline, track id prefix, technical noun, management noun)
_DISCIPLINES = (
    ("engineering", "eng", "Software Engineer", "Engineering"),
    ("design", "design", "Product Designer", "Design"),
    ("data", "data", "Data Scientist", "Data Science"),
    ("product", "product", "Product Manager", "Product"),
    ("research", "research", "Research Scientist", "Research"),
    ("security", "sec", "Security Engineer", "Security"),
)
_LEVEL_NAMES = (
    "Associate",
    "Intermediate",
    "Experienced",
    "Senior",
    "Staff",
    "Senior Staff",
    "Principal",
    "Senior Principal",
    "Distinguished",
    "Fellow",
)
_TECHNICAL_TITLES = (
    "Associate {noun}",
    "{noun}",
    "{noun} II",
    "Senior {noun}",
    "Staff {noun}",
    "Senior Staff {noun}",
    "Principal {noun}",
    "Senior Principal {noun}",
    "Distinguished {noun}",
    "{noun} Fellow",
)
_MANAGEMENT_TITLES = (
    "{area} Team Lead",
    "{area} Team Lead",
    "{area} Team Lead",
    "{area} Team Lead",
    "{area} Manager",
    "Senior {area} Manager",
    "Director of {area}",
    "Senior Director of {area}",
    "VP of {area}",
    "SVP of {area}",
)

TECHNICAL, MANAGEMENT = 0, 1


def generate_ladder(
    roles: int,
    *,
    moves_per_role: int = 5,
    families: int | None = None,
    levels: int = 10,
    seed: int = 0,
    healthy: bool = True,
) -> dict[str, Any]:
    """Return a synthetic ladder of ``roles`` roles as plain data.

    ``families`` defaults to one per 1,000 roles (at least one). Each role gets
    about ``moves_per_role`` moves; a healthy ladder may give a role one or two
    more when that is needed to keep every role reachable.

    >>> ladder = generate_ladder(200, families=2, levels=6)
    >>> sorted(ladder["tracks"])
    ['design-ic', 'design-mgmt', 'eng-ic', 'eng-mgmt']
    >>> all(1 <= len(role["moves"]) for role in ladder["roles"].values())
    True
    """
    if roles < 1:
        raise ValueError(f"roles must be at least 1, got {roles}")
    if levels < 1:
        raise ValueError(f"levels must be at least 1, got {levels}")
    if moves_per_role < 0:
        raise ValueError(f"moves_per_role must be 0 or more, got {moves_per_role}")
    if families is None:
        families = max(1, round(roles / 1000))
    if not 1 <= families <= roles:
        raise ValueError(f"families must be between 1 and roles ({roles}), got {families}")
    with _gc_paused():
        return _Generator(roles, moves_per_role, families, levels, seed, healthy).ladder()


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: building millions of small acyclic
    objects otherwise triggers collections that take half of the run time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Generator:
    """One generation run: roles are integers until the final conversion."""

    def __init__(
        self,
        roles: int,
        moves_per_role: int,
        families: int,
        levels: int,
        seed: int,
        healthy: bool,
    ) -> None:
        self.roles = roles
        self.moves_per_role = moves_per_role
        self.families = families
        self.levels = levels
        self.seed = seed
        self.healthy = healthy
        self.rng = random.Random(seed)
        # groups[family][kind][level] -> role numbers, in creation order
        self.groups: list[tuple[list[list[int]], list[list[int]]]] = []
        self.role_family: list[int] = []
        self.role_kind: list[int] = []
        self.role_level: list[int] = []
        self.entry: list[bool] = []
        self.moves: list[list[int]] = []

    def ladder(self) -> dict[str, Any]:
        base, extra = divmod(self.roles, self.families)
        for family in range(self.families):
            self._add_family(family, base + (1 if family < extra else 0))
        for family in range(self.families):
            self._add_required_moves(family)
        self._add_other_moves()
        if not self.healthy:
            self._add_defects()
        return self._to_data()

    # --- roles ---------------------------------------------------------------

    def _add_family(self, family: int, size: int) -> None:
        """Create the roles of one family: one technical role on every level of
        its height, one manager on every management level, the rest spread over
        the levels with more people low down."""
        rng = self.rng
        levels = self.levels
        height = min(levels, size)
        first_management = max(1, height // 3)
        management_levels = list(range(first_management, height))
        technical_levels = list(range(height))
        if not self.healthy and height >= 5 and family % 4 == 3:
            technical_levels = technical_levels[: height // 2]  # a "senior ceiling"
        elif not self.healthy and height >= 5 and family % 4 == 2:
            technical_levels.remove(first_management)  # a gap in the technical track
        if size - len(technical_levels) < len(management_levels):
            management_levels = []
        technical: list[list[int]] = [[] for _ in range(levels)]
        management: list[list[int]] = [[] for _ in range(levels)]
        self.groups.append((technical, management))

        placed: list[tuple[int, int]] = [(TECHNICAL, level) for level in technical_levels]
        placed += [(MANAGEMENT, level) for level in management_levels]
        rest = size - len(placed)
        if rest > 0:
            slots = [(TECHNICAL, level) for level in technical_levels]
            weights = [(level + 1) * 0.6**level for level in technical_levels]
            if management_levels:
                share = 0.25 * sum(weights) / len(management_levels)
                slots += [(MANAGEMENT, level) for level in management_levels]
                weights += [
                    share * 0.8 ** (level - first_management) for level in management_levels
                ]
            placed += rng.choices(slots, weights=weights, k=rest)
        placed.sort()
        for kind, level in placed:
            role = len(self.role_kind)
            self.role_family.append(family)
            self.role_kind.append(kind)
            self.role_level.append(level)
            # Everyone starts at the bottom; some are hired in higher up.
            self.entry.append(level == 0 or rng.random() < 0.03)
            self.moves.append([])
            (technical if kind == TECHNICAL else management)[level].append(role)

    # --- moves ---------------------------------------------------------------

    def _add_required_moves(self, family: int) -> None:
        """The moves that make the ladder healthy: a technical move up for every
        technical role below the ceiling (and into every technical role above
        the bottom), a way in to every manager, a way back for every manager."""
        technical, management = self.groups[family]
        moves = self.moves
        rng = self.rng
        for level in range(self.levels - 1):
            self._cover(technical[level], technical[level + 1])
        for level in range(self.levels):
            managers = management[level]
            if not managers:
                continue
            for sources in (
                technical[level],
                management[level - 1] if level else [],
                technical[level - 1] if level else [],
            ):
                if sources:
                    self._cover(sources, managers)
                    break
            else:
                for manager in managers:
                    self.entry[manager] = True
            peers = technical[level]
            if peers:
                for manager in managers:
                    moves[manager].append(peers[int(rng.random() * len(peers))])
            above = management[level + 1] if level + 1 < self.levels else []
            if above:
                for manager in managers:
                    moves[manager].append(above[int(rng.random() * len(above))])

    def _cover(self, sources: list[int], targets: list[int]) -> None:
        """Add moves so that every source has one and every target gets one.

        Pairs (i mod s, i mod t) for i below max(s, t) are all distinct, so no
        role gets the same target twice."""
        if not sources or not targets:
            return
        moves = self.moves
        s, t = len(sources), len(targets)
        offset = int(self.rng.random() * t)
        for i in range(max(s, t)):
            moves[sources[i % s]].append(targets[(i + offset) % t])

    def _add_other_moves(self) -> None:
        """Top every role up to about ``moves_per_role`` moves with a mix of
        promotions, lateral moves, step-backs and cross-family moves."""
        rng = self.rng
        random_ = rng.random
        groups = self.groups
        families = self.families
        top = self.levels - 1
        wanted = self.moves_per_role
        family_of, kind_of, level_of = self.role_family, self.role_kind, self.role_level
        for role, moves in enumerate(self.moves):
            missing = wanted - len(moves)
            if missing <= 0:
                continue
            family, kind, level = family_of[role], kind_of[role], level_of[role]
            own = groups[family]
            for _ in range(missing + 5):  # spare tries for collisions
                if missing <= 0:
                    break
                u = random_()
                if u < 0.45:  # promotion on the same track
                    group = own[kind][level + 1] if level < top else own[kind][level]
                elif u < 0.60:  # promotion onto the other track
                    group = own[1 - kind][level + 1] if level < top else own[1 - kind][level]
                elif u < 0.80:  # lateral: the other track, or a peer role
                    group = own[1 - kind][level] if u < 0.72 else own[kind][level]
                elif u < 0.88:  # a step back
                    group = own[kind if u < 0.84 else 1 - kind][level - 1 if level else level]
                else:  # another family, same level or one up
                    other = groups[int(random_() * families)]
                    up = level < top and u >= 0.95
                    group = other[kind if u < 0.92 or u >= 0.98 else 1 - kind][level + up]
                if not group:
                    group = own[kind][level]
                target = group[int(random_() * len(group))]
                if target != role and target not in moves:
                    moves.append(target)
                    missing -= 1

    def _add_defects(self) -> None:
        """Break the guarantees for a few roles (``healthy=False``)."""
        rng = self.rng
        groups = self.groups
        for role, moves in enumerate(self.moves):
            u = rng.random()
            level = self.role_level[role]
            if u < 0.03 and self.role_kind[role] == TECHNICAL:
                # The only way up is to manage.
                moves[:] = [target for target in moves if self.role_kind[target] == MANAGEMENT]
                above = groups[self.role_family[role]][MANAGEMENT]
                if not moves and level + 1 < self.levels and above[level + 1]:
                    moves.append(above[level + 1][0])
            elif u < 0.035:
                moves.clear()  # a dead end
            elif u < 0.045:
                skip = groups[self.role_family[role]][self.role_kind[role]]
                if level + 2 < self.levels and skip[level + 2]:
                    moves.append(skip[level + 2][0])  # a level skip
            elif u < 0.05 and moves:
                moves.append(moves[0])  # a duplicate move
            elif u < 0.052:
                moves.append(role)  # a self-move

    # --- output --------------------------------------------------------------

    def _to_data(self) -> dict[str, Any]:
        width = max(6, len(str(self.roles - 1)))
        ids = [f"r{role:0{width}d}" for role in range(self.roles)]
        level_ids = [f"L{level + 1}" for level in range(self.levels)]
        used = sorted({family % len(_DISCIPLINES) for family in range(self.families)})
        tracks: dict[str, Any] = {}
        for index in used:
            _, prefix, noun, area = _DISCIPLINES[index]
            tracks[f"{prefix}-ic"] = {"kind": "technical", "name": f"{noun} track"}
            tracks[f"{prefix}-mgmt"] = {"kind": "management", "name": f"{area} management"}
        # Build each title once per family and share it: a million distinct but
        # equal strings would cost memory and time for nothing.
        shape: list[tuple[list[str], list[str], str]] = []
        for family in range(self.families):
            discipline, prefix, noun, area = _DISCIPLINES[family % len(_DISCIPLINES)]
            titles = [
                _title(_TECHNICAL_TITLES, level, noun=noun, area=area)
                for level in range(self.levels)
            ]
            manager_titles = [
                _title(_MANAGEMENT_TITLES, level, noun=noun, area=area)
                for level in range(self.levels)
            ]
            name = f"{discipline}-{family // len(_DISCIPLINES) + 1}"
            shape.append((titles, manager_titles, name))
        prefixes = [_DISCIPLINES[family % len(_DISCIPLINES)][1] for family in range(self.families)]
        track_ids = [(f"{prefix}-ic", f"{prefix}-mgmt") for prefix in prefixes]
        roles: dict[str, Any] = {}
        family_of, kind_of, level_of, entry = (
            self.role_family,
            self.role_kind,
            self.role_level,
            self.entry,
        )
        for role, moves in enumerate(self.moves):
            family, kind, level = family_of[role], kind_of[role], level_of[role]
            titles, manager_titles, family_name = shape[family]
            roles[ids[role]] = {
                "title": manager_titles[level] if kind else titles[level],
                "track": track_ids[family][kind],
                "level": level_ids[level],
                "family": family_name,
                "entry": entry[role],
                "moves": [ids[target] for target in moves],
            }
        health = "healthy" if self.healthy else "with defects"
        families = f"{self.families} {'family' if self.families == 1 else 'families'}"
        return {
            "version": 1,
            "name": f"Synthetic ladder ({self.roles} roles, seed {self.seed})",
            "description": (
                f"Generated by benchmarks/generate.py: {families}, "
                f"{self.levels} levels, about {self.moves_per_role} moves per role, {health}."
            ),
            "levels": [
                {"id": level_id, "name": _level_name(level)}
                for level, level_id in enumerate(level_ids)
            ],
            "tracks": tracks,
            "roles": roles,
        }


def _level_name(level: int) -> str:
    return _LEVEL_NAMES[level] if level < len(_LEVEL_NAMES) else f"Level {level + 1}"


def _title(patterns: Sequence[str], level: int, *, noun: str, area: str) -> str:
    """The title of a role at ``level``; levels past the named ones get a number."""
    if level < len(patterns):
        return patterns[level].format(noun=noun, area=area)
    return f"{patterns[-1].format(noun=noun, area=area)} {level + 1 - len(patterns) + 1}"


# --- writing -----------------------------------------------------------------

# A string is written plain only when every YAML reader takes it back as the same
# string: it starts with a letter, uses no indicator characters, and is not one of
# YAML 1.1's booleans or nulls.
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_.\-/()]*(?: [A-Za-z0-9_.\-/()]+)*\Z")
_RESERVED = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})
# Characters a YAML reader would drop or fold inside a double-quoted string.
_ESCAPED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _scalar(value: object) -> str:
    """One scalar as YAML: plain when safe, else a double-quoted string."""
    if isinstance(value, str):
        if _PLAIN.match(value) and value.lower() not in _RESERVED:
            return value
        quoted = json.dumps(value, ensure_ascii=False)
        return _ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return json.dumps(value)
    raise TypeError(f"cannot write {type(value).__name__} as a YAML scalar")


def _flow(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_scalar(k)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    return _scalar(value)


def _is_nested(value: object) -> bool:
    """Whether a value needs block style: a non-empty mapping or a list of mappings."""
    if isinstance(value, dict):
        return bool(value)
    return isinstance(value, list) and any(isinstance(item, dict) for item in value)


def _block(value: object, indent: str, out: list[str]) -> None:
    """Write a mapping or list in block style; lists of scalars go in flow style."""
    if isinstance(value, dict):
        for key, item in value.items():
            if _is_nested(item):
                out.append(f"{indent}{_scalar(key)}:\n")
                _block(item, indent + "  ", out)
            else:
                out.append(f"{indent}{_scalar(key)}: {_flow(item)}\n")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and item:
                lines: list[str] = []
                _block(item, indent + "  ", lines)
                lines[0] = f"{indent}- {lines[0][len(indent) + 2 :]}"
                out.extend(lines)
            else:
                out.append(f"{indent}- {_flow(item)}\n")
    else:
        out.append(f"{indent}{_flow(value)}\n")


def _write_roles_yaml(roles: dict[str, Any], file: TextIO) -> None:
    """The fast path for ``roles``: one block mapping per role, moves in flow style."""
    cache: dict[str, str] = {}

    def text(value: str) -> str:
        written = cache.get(value)
        if written is None:
            written = cache[value] = _scalar(value)
        return written

    chunk: list[str] = []
    for role_id, role in roles.items():
        chunk.append(f"  {text(role_id)}:\n")
        for key, item in role.items():
            if key == "moves" and all(isinstance(target, str) for target in item):
                chunk.append("    moves: [" + ", ".join([text(target) for target in item]) + "]\n")
            elif isinstance(item, str):
                chunk.append(f"    {key}: {text(item)}\n")
            elif isinstance(item, bool):
                chunk.append(f"    {key}: {'true' if item else 'false'}\n")
            else:
                _block({key: item}, "    ", chunk)
        if len(chunk) > 50_000:
            file.write("".join(chunk))
            chunk.clear()
    file.write("".join(chunk))


def write_yaml(data: dict[str, Any], path: str | Path) -> None:
    """Write a ladder as block-style YAML, one mapping per role.

    Strings are written plain unless YAML would read them as something else,
    so the file loads back equal to ``data`` with any YAML 1.1 or 1.2 reader.
    """
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        head = {key: value for key, value in data.items() if key != "roles"}
        lines: list[str] = []
        _block(head, "", lines)
        file.write("".join(lines))
        if "roles" in data:
            roles = data["roles"]
            if isinstance(roles, dict) and roles:
                file.write("roles:\n")
                _write_roles_yaml(roles, file)
            else:
                file.write(f"roles: {_flow(roles)}\n")


def write_json(data: dict[str, Any], path: str | Path) -> None:
    """Write a ladder as JSON, with one line per role and per level."""
    dump = json.dumps
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        items = list(data.items())
        file.write("{\n")
        for index, (key, value) in enumerate(items):
            comma = "," if index < len(items) - 1 else ""
            if isinstance(value, dict) and value:
                file.write(f"  {dump(key)}: {{\n")
                chunk: list[str] = []
                last = len(value) - 1
                for n, (sub_key, sub_value) in enumerate(value.items()):
                    separator = "," if n < last else ""
                    text = dump(sub_value, ensure_ascii=False)
                    chunk.append(f"    {dump(sub_key)}: {text}{separator}\n")
                    if len(chunk) > 50_000:
                        file.write("".join(chunk))
                        chunk.clear()
                file.write("".join(chunk))
                file.write(f"  }}{comma}\n")
            elif isinstance(value, list) and value:
                file.write(f"  {dump(key)}: [\n")
                file.write(",\n".join(f"    {dump(item, ensure_ascii=False)}" for item in value))
                file.write(f"\n  ]{comma}\n")
            else:
                file.write(f"  {dump(key)}: {dump(value, ensure_ascii=False)}{comma}\n")
        file.write("}\n")


# --- command line ------------------------------------------------------------


def _write(data: dict[str, Any], path: Path, form: str) -> None:
    (write_json if form == "json" else write_yaml)(data, path)


def _report(path: Path, data: dict[str, Any], generated: float, written: float) -> None:
    roles = data["roles"]
    moves = sum(len(role["moves"]) for role in roles.values())
    size = path.stat().st_size / 1e6
    print(
        f"{path}: {len(roles)} roles, {moves} moves, {size:.1f} MB; "
        f"generated in {generated:.2f} s, written in {written:.2f} s",
        file=sys.stderr,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = argparse.ArgumentParser(
        prog="generate.py",
        description="Generate synthetic career ladders for benchmarks.",
    )
    parser.add_argument("--roles", type=int, help="number of roles")
    parser.add_argument("--format", choices=("yaml", "json"), help="default: from --out, else yaml")
    parser.add_argument("--out", type=Path, help="file to write")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--moves-per-role", type=int, default=5)
    parser.add_argument("--families", type=int, help="default: one per 1,000 roles")
    parser.add_argument("--levels", type=int, default=10)
    parser.add_argument("--unhealthy", action="store_true", help="add defects to find")
    parser.add_argument(
        "--all",
        nargs="?",
        const=DEFAULT_DATA_DIR,
        type=Path,
        metavar="DIR",
        help=f"write ladder-{{1k,10k,100k}}.{{yaml,json}} into DIR (default {DEFAULT_DATA_DIR})",
    )
    args = parser.parse_args(argv)
    options: dict[str, Any] = {
        "moves_per_role": args.moves_per_role,
        "families": args.families,
        "levels": args.levels,
        "seed": args.seed,
        "healthy": not args.unhealthy,
    }
    try:
        if args.all is not None:
            if args.roles is not None or args.out is not None:
                parser.error("--all takes no --roles or --out")
            args.all.mkdir(parents=True, exist_ok=True)
            for label, count in ALL_SIZES.items():
                start = time.perf_counter()
                data = generate_ladder(count, **options)
                generated = time.perf_counter() - start
                for form in ("yaml", "json"):
                    path = args.all / f"ladder-{label}.{form}"
                    start = time.perf_counter()
                    _write(data, path, form)
                    _report(path, data, generated, time.perf_counter() - start)
            return 0
        if args.roles is None or args.out is None:
            parser.error("give --roles and --out, or --all")
        form = args.format or ("json" if args.out.suffix == ".json" else "yaml")
        start = time.perf_counter()
        data = generate_ladder(args.roles, **options)
        generated = time.perf_counter() - start
        start = time.perf_counter()
        _write(data, args.out, form)
        _report(args.out, data, generated, time.perf_counter() - start)
    except (ValueError, OSError) as error:
        print(f"generate.py: error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
