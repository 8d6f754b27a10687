"""LAD401-LAD403: the findings of an observation, located at roles of the ladder file.

The rules' documentation is in their modules (:mod:`ladders.rules.technical_route_unused`,
:mod:`ladders.rules.undeclared_move`, :mod:`ladders.rules.no_way_back`), which declare
their code, name, default severity and options; this module decides and stamps them.
An ``ignore: {LAD40x: reason}`` entry on a role silences that code for that role; an
entry that silenced nothing is LAD006 (unused-ignore), judged here only, since only an
observation knows whether LAD40x fired.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ladders.findings import Finding, Severity

if TYPE_CHECKING:
    from ladders.ladder import Ladder
    from ladders.observe.observation import Observation, Shape

__all__ = ["OBSERVE_CODES", "findings", "rule_modules"]

#: the codes an observation reports (LAD006 too, for their ignore entries)
OBSERVE_CODES = ("LAD401", "LAD402", "LAD403")
_UNUSED_IGNORE = ("LAD006", "unused-ignore", Severity.WARNING)


def rule_modules() -> tuple[ModuleType, ...]:
    """The rule modules of LAD401, LAD402 and LAD403, in code order."""
    from ladders.rules import no_way_back, technical_route_unused, undeclared_move

    return (technical_route_unused, undeclared_move, no_way_back)


def _where(ladder: Ladder, role: str, *entry: str) -> tuple[str, int, int]:
    sources = ladder.sources
    if sources is None:  # a ladder built in Python
        return (ladder.files[0] if ladder.files else "<ladder>", 1, 1)
    if entry:
        try:
            return sources.role_field(role, *entry)
        except (AttributeError, KeyError, TypeError):
            pass
    return sources.role(role)


def _describe(ladder: Ladder, role: str) -> str:
    item = ladder.roles[role]
    return f"{item.title} ({role}, {item.level})"


def _option(
    module: ModuleType, name: str, default: Any, options: Mapping[str, Mapping[str, Any]]
) -> Any:
    return options.get(module.CODE, {}).get(name, default)


def _route_up(ladder: Ladder, shape: Shape, start: int) -> str | None:
    """A role of higher rank that a non-managerial route from ``start`` reaches, if any."""
    graph = ladder.graph
    index = {r: i for i, r in enumerate(shape.ids)}
    here = shape.rank[start]
    seen = {start}
    stack = [start]
    while stack:
        role = stack.pop()
        for target in graph.successors(shape.ids[role]):
            j = index[target]
            if shape.management[j] or j in seen:
                continue
            if shape.rank[j] > here:
                return target
            seen.add(j)
            stack.append(j)
    return None


def findings(
    ladder: Ladder,
    shape: Shape,
    observation: Observation,
    options: Mapping[str, Mapping[str, Any]],
) -> list[Finding]:
    """The LAD401-LAD403 findings of ``observation`` (and LAD006 for their unused ignore
    entries), sorted; ``options`` may set ``min-people``/``min-share`` per code."""
    from ladders.observe.privacy import NO_FAMILY, share_fraction

    lad401, lad402, lad403 = rule_modules()
    k = observation.min_people
    count = observation.count
    raw: list[Finding] = []

    def finding(module: ModuleType, role: str, message: str) -> Finding:
        file, line, column = _where(ladder, role)
        return Finding(module.CODE, module.NAME, module.SEVERITY, message, file, line, column, role)

    need = int(_option(lad401, "min-people", k, options))
    share = share_fraction(
        _option(lad401, "min-share", observation.min_share, options), "min-share"
    )
    for i, role in enumerate(shape.ids):
        if shape.management[i]:
            continue
        figures = observation.roles[role]
        if figures.up < need or Fraction(figures.up_without_management, figures.up) >= share:
            continue
        target = _route_up(ladder, shape, i)
        if target is None:
            continue
        raw.append(
            finding(
                lad401,
                role,
                f"{_describe(ladder, role)}: of the {count(figures.up)} people who rose from "
                f"it, {count(figures.up_without_management)} did so without management "
                f"(min-share {float(share):.0%}), though the ladder gives it a technical "
                f"route up (to {_describe(ladder, target)}); the technical track is not "
                "used in practice",
            )
        )

    need = int(_option(lad402, "min-people", k, options))
    for move in observation.undeclared:
        if move.people < need:
            continue
        raw.append(
            finding(
                lad402,
                move.source,
                f"{count(move.people)} people moved from {_describe(ladder, move.source)} to "
                f"{_describe(ladder, move.target)}, a {move.kind} move the ladder does not "
                f"declare; declare it (moves: [{move.target}]) or find out why it happens",
            )
        )

    need = int(_option(lad403, "min-people", k, options))
    index = {r: i for i, r in enumerate(shape.ids)}
    for number, name in enumerate(shape.families):
        key = name if name is not None else NO_FAMILY
        returns = observation.returns.get(key)
        if returns is None or not returns.declared:
            continue
        if returns.managers < need or returns.returned:
            continue
        phrase = f"family {name!r}" if name is not None else "the roles without a family"
        for a, b in sorted(ladder.graph.edges):
            i, j = index[a], index[b]
            if not (
                shape.family[i] == number == shape.family[j]
                and shape.management[i]
                and not shape.management[j]
            ):
                continue
            if raw and raw[-1].code == lad403.CODE and raw[-1].role == a:
                continue  # once per management role
            raw.append(
                finding(
                    lad403,
                    a,
                    f"{_describe(ladder, a)}: the ladder declares moves from the management "
                    f"roles of {phrase} back to its technical track (such as to "
                    f"{_describe(ladder, b)}), but none of the {count(returns.managers)} "
                    "people who held those management roles made one",
                )
            )

    kept: list[Finding] = []
    used: set[tuple[str, str]] = set()
    for item in raw:
        role = item.role or ""
        ignore = ladder.roles[role].ignore or {}
        if item.code in ignore:
            used.add((role, item.code))
        else:
            kept.append(item)
    code, name, severity = _UNUSED_IGNORE
    for role, described in ladder.roles.items():
        ignore = described.ignore or {}
        if code in ignore:
            continue  # an LAD006 entry silences this rule for the role's other entries
        for entry in ignore:
            if entry in OBSERVE_CODES and (role, entry) not in used:
                rule = {m.CODE: m.NAME for m in (lad401, lad402, lad403)}[entry]
                file, line, column = _where(ladder, role, "ignore", entry)
                kept.append(
                    Finding(
                        code,
                        name,
                        severity,
                        f"the ignore entry {entry} on {_describe(ladder, role)} is unused: "
                        f"{entry} ({rule}) did not fire on this role in this history; "
                        "remove the entry",
                        file,
                        line,
                        column,
                        role,
                    )
                )
    return sorted(kept)
