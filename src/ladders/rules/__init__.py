"""The rule registry: every rule ladders checks, by code; an explicit list, built once.

A rule is a module with ``CODE``, ``NAME``, ``SEVERITY`` (the default), ``OPTIONS`` (name
-> :class:`~ladders.rules.context.Option`, declared once), a docstring that is its user
documentation (what it finds, why it matters, a complete failing and a complete passing
ladder, how to suppress it), and ``check(context)`` yielding the findings it makes with
``context.report(...)``. Rules import only :mod:`ladders.findings` and
:mod:`ladders.rules.context`, never this registry. The LAD0xx codes come from loading and
the LAD4xx codes from ``ladders observe``; they are listed here too, so that ``ladders
rules`` documents every code.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType, ModuleType
from typing import TYPE_CHECKING, Any, Literal, Protocol

from ladders.errors import UsageError
from ladders.findings import Finding, Severity
from ladders.hints import did_you_mean
from ladders.load import LOAD_RULES
from ladders.load.text import LOAD_WARNINGS
from ladders.rules import (
    ceiling_gap,
    dead_end,
    duplicate_move,
    kind_mismatch,
    level_skip,
    management_only_progression,
    no_way_back,
    one_way_management,
    pay_ceiling,
    pay_cut_promotion,
    pay_gap,
    self_move,
    technical_gap,
    technical_route_unused,
    undeclared_move,
    unreachable,
    unused_ignore,
)

if TYPE_CHECKING:
    from ladders.rules.context import Context, Option

__all__ = ["RULES", "Rule", "Stage", "lookup"]

#: When a rule runs: while loading, on a loaded ladder, or in ``ladders observe``
Stage = Literal["load", "ladder", "observe"]


class _RuleModule(Protocol):
    CODE: str
    NAME: str
    SEVERITY: Severity
    OPTIONS: Mapping[str, Option]

    def check(self, context: Context) -> Iterator[Finding]: ...


@dataclass(frozen=True)
class Rule:
    """A rule: code, kebab-case name, default severity, options, documentation, stage."""

    code: str
    name: str
    severity: Severity
    option_specs: Mapping[str, Option]
    doc: str
    stage: Stage
    module: ModuleType | None = None

    @property
    def options(self) -> dict[str, Any]:
        """Option name -> default value."""
        return {name: option.default for name, option in self.option_specs.items()}

    @property
    def summary(self) -> str:
        """The first line of the documentation."""
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name

    def check(self, context: Context) -> Iterator[Finding]:
        """Run the rule on a loaded ladder (other stages yield nothing here)."""
        if self.stage != "ladder" or self.module is None:
            return iter(())
        checker: _RuleModule = self.module
        return checker.check(context)


_LADDER_RULES = (
    unused_ignore,
    management_only_progression,
    one_way_management,
    dead_end,
    unreachable,
    kind_mismatch,
    level_skip,
    duplicate_move,
    self_move,
    ceiling_gap,
    technical_gap,
    pay_gap,
    pay_cut_promotion,
    pay_ceiling,
)
_OBSERVE_RULES = (technical_route_unused, undeclared_move, no_way_back)


def _from_module(module: ModuleType, stage: Stage) -> Rule:
    return Rule(
        code=module.CODE,
        name=module.NAME,
        severity=Severity(module.SEVERITY),
        option_specs=MappingProxyType(dict(getattr(module, "OPTIONS", {}))),
        doc=module.__doc__ or "",
        stage=stage,
        module=module,
    )


def _registry() -> dict[str, Rule]:
    rules: dict[str, Rule] = {
        code: Rule(
            code,
            name,
            Severity.WARNING if code in LOAD_WARNINGS else Severity.ERROR,
            MappingProxyType({}),
            f"{summary.capitalize()}.\n",
            "load",
        )
        for code, (name, summary) in LOAD_RULES.items()
    }
    for modules, stage in ((_LADDER_RULES, "ladder"), (_OBSERVE_RULES, "observe")):
        for module in modules:
            rule = _from_module(module, stage)  # type: ignore[arg-type]
            if rule.code in rules:  # pragma: no cover - a programming error
                raise AssertionError(f"two rules with code {rule.code}")
            rules[rule.code] = rule
    return dict(sorted(rules.items()))


#: every rule by code, in code order
RULES: dict[str, Rule] = _registry()


def lookup(text: str) -> Rule:
    """The rule with this code or kebab-case name (any case); :class:`~ladders.UsageError`
    with a did-you-mean if none. The one place a rule is looked up by what a user typed.

    >>> lookup("LAD204").name, lookup("Level-Skip").code
    ('self-move', 'LAD202')
    """
    wanted = text.strip()
    by_name = {rule.name: rule for rule in RULES.values()}
    rule = RULES.get(wanted.upper()) or by_name.get(wanted.lower())
    if rule is not None:
        return rule
    hint = did_you_mean(wanted, [*RULES, *by_name])
    raise UsageError(f"{text!r} is not a rule code or name{hint}")
