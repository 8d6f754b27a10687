"""``ladders paths`` and ``ladders explain``: asking the ladder about one role."""

from __future__ import annotations

import itertools
import json
import os
from fractions import Fraction
from typing import TYPE_CHECKING

import click

from ladders.cli.app import cli, load_ladder
from ladders.config import load_config

if TYPE_CHECKING:
    from ladders.ladder import Ladder
    from ladders.query import Route

__all__ = ["COUNT_BOUND", "explain_command", "paths_command", "require_known_role"]

#: how many routes ``paths`` counts at most to say how many there are in all
COUNT_BOUND = 200  # routes counted for "20 of N": each costs up to a search per role on it


_LADDER_SUFFIXES = (".yaml", ".yml", ".json")


def _ladder_and_role(
    args: tuple[str, ...], config_path: str | None, command: str
) -> tuple[Ladder, str]:
    """``[FILE] ROLE``: the ladder of FILE, or of the configured roots, holding ROLE."""
    if len(args) == 2:
        path, role = args
        ladder = load_ladder(path)
        require_known_role(ladder, role)
        return ladder, role
    if len(args) != 1:
        raise click.UsageError("give a ROLE, or a FILE and a ROLE")
    (role,) = args
    if os.path.isfile(role):
        raise click.UsageError(
            f"a ROLE is missing: ladders {command} {role} ROLE (the id of the role to ask about)"
        )
    roots = load_config(config_path).roots()
    if not roots:
        if role.lower().endswith(_LADDER_SUFFIXES):
            raise click.UsageError(
                f"a ROLE is missing: ladders {command} FILE ROLE ({role}: no such file)"
            )
        raise click.UsageError(
            f"no ladder file: name one (ladders {command} org.yaml {role}) or list it in "
            "`files` of the configuration"
        )
    ladders_read = []
    for root in roots:
        ladder = load_ladder(root)
        if role in ladder.roles:
            return ladder, role
        ladders_read.append(ladder)
    require_known_role(ladders_read[0], role)  # raises, with a did-you-mean
    raise AssertionError  # pragma: no cover


def require_known_role(ladder: Ladder, role: str, what: str = "role") -> None:
    """Raise :class:`~ladders.UsageError` unless ``role`` is a role of ``ladder``: with
    a did-you-mean, or saying it is a track or a level when it names one."""
    from ladders.errors import UsageError
    from ladders.hints import did_you_mean

    if role in ladder.roles:
        return
    if role in ladder.tracks:
        on = [r for r, item in ladder.roles.items() if item.track == role]
        raise UsageError(
            f"no {what} {role!r} in the ladder: {role} is a track; give a role id, such as "
            f"{_some(on)}"
        )
    levels = {level.id for level in ladder.levels}
    if role in levels:
        at = [r for r, item in ladder.roles.items() if item.level == role]
        raise UsageError(
            f"no {what} {role!r} in the ladder: {role} is a level; give a role id, such as "
            f"{_some(at)}"
        )
    raise UsageError(f"no {what} {role!r} in the ladder{did_you_mean(role, list(ladder.roles))}")


def _some(roles: list[str]) -> str:
    if not roles:
        return "one listed under `roles`"
    shown = ", ".join(repr(r) for r in roles[:3])
    return shown + (", ..." if len(roles) > 3 else "")


def _role_name(ladder: Ladder, role: str) -> str:
    item = ladder.roles[role]
    return f"{item.title} ({role}, {item.level})"


def _route_text(ladder: Ladder, route: Route) -> str:
    parts = [route.start]
    for step in route.moves:
        implied = " (implied)" if step.implied else ""
        parts.append(f"-[{step.kind}{implied}]-> {step.target}")
    return " ".join(parts)


def _route_data(ladder: Ladder, route: Route) -> dict[str, object]:
    return {
        "roles": list(route.roles),
        "reaches": ladder.roles[route.end].level,
        "moves": [
            {
                "from": s.source,
                "to": s.target,
                "kind": s.kind,
                "criteria": list(s.criteria),
                "implied": s.implied,
            }
            for s in route.moves
        ],
    }


ASK_FORMATS = ("text", "json")


@cli.command("paths")
@click.argument("args", nargs=-1, required=True, metavar="[FILE] ROLE")
@click.option("--to", "target", metavar="ROLE", help="Only routes that end at this role.")
@click.option(
    "--no-management",
    is_flag=True,
    help="Only routes that never pass through a management-track role.",
)
@click.option("--max-moves", type=click.IntRange(min=0), help="Only routes of at most N moves.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="Show at most N routes (they are listed shortest first).",
)
@click.option("--format", "format_name", type=click.Choice(ASK_FORMATS), default="text")
@click.option("--config", "config_path", metavar="FILE", help="Read settings from FILE.")
def paths_command(
    args: tuple[str, ...],
    target: str | None,
    no_management: bool,
    max_moves: int | None,
    limit: int,
    format_name: str,
    config_path: str | None,
) -> int:
    """Routes forward from ROLE, shortest first: to every higher level, or --to a role.
    FILE defaults to the `files` of the configuration.

    \b
    Examples:
      ladders paths org.yaml senior
      ladders paths org.yaml senior --no-management
      ladders paths org.yaml senior --to principal --format json
    """
    ladder, role = _ladder_and_role(args, config_path, "paths")
    if target is not None:
        require_known_role(ladder, target, "--to role")
    found = ladder.routes(role, target, avoid_management=no_management, max_moves=max_moves)
    routes = list(itertools.islice(found, limit))
    total: int | None = len(routes)
    if len(routes) == limit:
        # Count on, lazily and only so far, to say how many routes the list left out.
        extra = max(COUNT_BOUND - limit, 0) + 1
        rest = sum(1 for _ in itertools.islice(found, extra))
        total = limit + rest if rest < extra else None
    truncated = total is None or total > len(routes)
    shortest = None
    if not routes and max_moves is not None:
        longer = ladder.routes(role, target, avoid_management=no_management)
        shortest = next(longer, None)
    if format_name == "json":
        data: dict[str, object] = {
            "role": role,
            "to": target,
            "no_management": no_management,
            "max_moves": max_moves,
            "routes": [_route_data(ladder, r) for r in routes],
            "truncated": truncated,
        }
        if total is not None:
            data["total"] = total
        if shortest is not None:
            data["shortest_moves"] = len(shortest.moves)
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    how = " without management" if no_management else ""
    goal = f" to {_role_name(ladder, target)}" if target else " to a higher level"
    if not routes:
        within = f" within {_moves(max_moves)}" if max_moves is not None else ""
        longer_note = f" (the shortest has {_moves(len(shortest.moves))})" if shortest else ""
        click.echo(f"No route{how} from {_role_name(ladder, role)}{goal}{within}{longer_note}.")
        return 0
    within = f" within {_moves(max_moves)}" if max_moves is not None else ""
    click.echo(f"Routes{how} from {_role_name(ladder, role)}{goal}{within}, shortest first:")
    for number, route in enumerate(routes, start=1):
        end = ladder.roles[route.end]
        click.echo(f"{number:>3}. {_route_text(ladder, route)}   ({end.title}, {end.level})")
    if truncated:
        of = f"{total}" if total is not None else f"more than {COUNT_BOUND}"
        click.echo(f"{len(routes)} of {of} routes; --limit to see more")
    return 0


def _moves(count: int) -> str:
    return f"{count} move{'' if count == 1 else 's'}"


@cli.command("explain")
@click.argument("args", nargs=-1, required=True, metavar="[FILE] ROLE")
@click.option("--format", "format_name", type=click.Choice(ASK_FORMATS), default="text")
@click.option("--config", "config_path", metavar="FILE", help="Read settings from FILE.")
def explain_command(args: tuple[str, ...], format_name: str, config_path: str | None) -> int:
    """What someone in ROLE can reach with and without management, its next steps, its
    peers on the other track, and the findings about it, in plain words.

    \b
    Example:
      ladders explain org.yaml senior
    """
    ladder, role = _ladder_and_role(args, config_path, "explain")
    item = ladder.roles[role]
    kind = ladder.track_kind(role)
    with_mgmt = ladder.ceiling(role, avoid_management=False)
    without = ladder.ceiling(role, avoid_management=True)
    steps = ladder.next_steps(role)
    peers = ladder.equivalents(role)
    check = load_config(config_path).check_config()
    from ladders.ladder import check as run_check

    findings = [f for f in run_check(ladder, check) if f.role == role]
    stuck = next((s for s in ladder.management_only_roles() if s.role == role), None)
    band = ladder.band(role)
    parity = [
        row
        for row in ladder.summary(findings=()).parity
        if row.family == item.family and row.level == item.level
    ]
    if format_name == "json":
        data = {
            "role": role,
            "title": item.title,
            "track": item.track,
            "track_kind": kind,
            "level": item.level,
            "family": item.family,
            "ceiling": {"level": with_mgmt.level, "route": list(with_mgmt.route.roles)},
            "ceiling_without_management": {
                "level": without.level,
                "route": list(without.route.roles),
            },
            "next_steps": {k: [s.target for s in v] for k, v in steps.items()},
            "equivalents": list(peers),
            "management_only": None
            if stuck is None
            else {"reason": stuck.reason, "via": stuck.via},
            "band": None if band is None else band.model_dump(),
            "parity": [
                {
                    "currency": row.currency,
                    "technical_midpoint": _number(row.technical),
                    "management_midpoint": _number(row.management),
                    "gap": _number(row.gap),
                }
                for row in parity
            ],
            "findings": [f.to_dict() for f in findings],
        }
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    names = {level.id: level.name or level.id for level in ladder.levels}

    def level(level_id: str) -> str:
        named = names[level_id]
        return level_id if named == level_id else f"{level_id} ({named})"

    family = f", family {item.family}" if item.family else ""
    click.echo(
        f"{item.title} ({role}): {kind} track {item.track}, level {level(item.level)}{family}"
    )
    for ceiling, how in ((with_mgmt, "Any route"), (without, "Without management")):
        if ceiling.rises:
            click.echo(
                f"{how}: can reach {level(ceiling.level)}, "
                f"e.g. {_route_text(ladder, ceiling.route)}"
            )
        else:
            click.echo(f"{how}: cannot rise above {level(item.level)}")
    for move_kind, found in steps.items():
        listed = (
            ", ".join(
                _role_name(ladder, s.target) + (" (implied)" if s.implied else "") for s in found
            )
            or "none"
        )
        click.echo(f"Next {move_kind} moves: {listed}")
    listed = ", ".join(_role_name(ladder, p) for p in peers) or "none"
    click.echo(f"Peers on the other track: {listed}")
    if stuck is not None:
        via = f" (via {_role_name(ladder, stuck.via)})" if stuck.via else ""
        click.echo(f"Only through management: {_STUCK[stuck.reason]}{via}")
    if band is not None:
        click.echo(
            f"Band: {_money(band.min)}-{_money(band.max)} {band.currency} "
            f"(midpoint {_money(band.midpoint)})"
        )
    for row in parity:
        if row.technical is None or row.management is None or row.gap is None:
            continue
        click.echo(
            f"Pay parity at {row.level}: technical midpoint {_money(row.technical)}, "
            f"management {_money(row.management)} {row.currency} "
            f"({float(row.gap):+.1%} for management)"
        )
    if findings:
        click.echo("Findings:")
        for f in findings:
            click.echo(f"  {f.file}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}")
    else:
        click.echo("Findings: none")
    return 0


_STUCK = {
    "through-management": "higher technical roles exist, but every route to them passes "
    "through management",
    "track-ends": "the technical track of its family ends here while management goes higher",
    "other-family": "its only way up is a management role of another family",
}


def _money(value: float | Fraction) -> str:
    exact = Fraction(value) if not isinstance(value, float) else Fraction(repr(value))
    return f"{exact.numerator:,}" if exact.denominator == 1 else f"{float(exact):,.2f}"


def _number(value: Fraction | None) -> float | int | None:
    if value is None:
        return None
    return value.numerator if value.denominator == 1 else float(value)
