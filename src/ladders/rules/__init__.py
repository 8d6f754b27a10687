"""The rule registry: every rule ladders checks, by code.

A rule is a module with ``CODE``, ``NAME``, ``SEVERITY`` (the default), ``OPTIONS`` (its
per-rule options and their defaults), a docstring that is its user documentation (what
it finds, why it matters, a failing and a passing ladder, how to suppress it), and
``check(context)`` yielding :class:`~ladders.findings.Finding` objects. Rules do not
decide their final severity: :mod:`ladders.check` stamps it from the configuration.

The LAD0xx codes come from loading (:data:`ladders.load.LOAD_RULES`) and are listed
here too so that ``ladders rules`` documents every code.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

from ladders.findings import Finding, Severity

if TYPE_CHECKING:
    from ladders.model import Ladder

__all__ = ["RULES", "Context", "Rule", "get"]


@dataclass(frozen=True)
class Context:
    """What a rule's ``check`` receives: the ladder and the rule's own options.

    ``memo`` is shared by every rule of one check, so that facts several rules need
    (the ladder's arrays, progression, ceilings: see ``ladders.rules._facts``) are
    computed once.
    """

    ladder: Ladder
    options: Mapping[str, Any]
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def finding(
        self,
        rule: Rule,
        message: str,
        where: tuple[str, int, int],
        role: str | None = None,
    ) -> Finding:
        """A finding of ``rule`` at ``where`` = (file, line, column), default severity."""
        file, line, column = where
        return Finding(rule.code, rule.name, rule.severity, message, file, line, column, role)

    def _where(self, role: str, *path: str | int, key: bool = True) -> tuple[str, int, int]:
        sources = self.ladder.sources
        if sources is None:  # a ladder built in Python, not read from a file
            name = self.ladder.files[0] if self.ladder.files else "<ladder>"
            return (name, 1, 1)
        if not path:
            return sources.role(role)
        return sources.role_field(role, *path) if key else sources.role_value(role, *path)

    def role_location(self, role: str) -> tuple[str, int, int]:
        """(file, line, column) of a role's key."""
        return self._where(role)

    def move_location(self, role: str, index: int) -> tuple[str, int, int]:
        """(file, line, column) of the ``index``-th move of a role (its list item)."""
        return self._where(role, "moves", index, key=False)

    def ignore_location(self, role: str, code: str) -> tuple[str, int, int]:
        """(file, line, column) of a role's ``ignore`` entry for ``code``."""
        return self._where(role, "ignore", code)


class _RuleModule(Protocol):
    CODE: str
    NAME: str
    SEVERITY: Severity
    OPTIONS: Mapping[str, Any]

    def check(self, context: Context) -> Iterator[Finding]: ...


@dataclass(frozen=True)
class Rule:
    """A rule: code, kebab-case name, default severity, options, documentation."""

    code: str
    name: str
    severity: Severity
    options: Mapping[str, Any]
    doc: str
    module: ModuleType | None = None  # None for the LAD0xx codes of loading

    @property
    def summary(self) -> str:
        """The first line of the documentation."""
        return self.doc.strip().splitlines()[0] if self.doc.strip() else self.name

    def check(self, context: Context) -> Iterator[Finding]:
        """Run the rule (LAD0xx rules run as part of loading and yield nothing here)."""
        if self.module is None:
            return iter(())
        checker: _RuleModule = self.module
        return checker.check(context)


def _from_module(module: ModuleType) -> Rule:
    return Rule(
        code=module.CODE,
        name=module.NAME,
        severity=Severity(module.SEVERITY),
        options=dict(getattr(module, "OPTIONS", {})),
        doc=module.__doc__ or "",
        module=module,
    )


def _load_rules() -> dict[str, Rule]:
    from ladders.load import LOAD_RULES
    from ladders.rules import (
        ceiling_gap,
        dead_end,
        duplicate_move,
        kind_mismatch,
        level_skip,
        management_only_progression,
        one_way_management,
        self_move,
        technical_gap,
        unreachable,
        unused_ignore,
    )

    rules: dict[str, Rule] = {
        code: Rule(code, name, Severity.ERROR, {}, f"{summary.capitalize()}.\n")
        for code, (name, summary) in LOAD_RULES.items()
    }
    for module in (
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
    ):
        rule = _from_module(module)
        rules[rule.code] = rule
    return dict(sorted(rules.items()))


def get(code: str) -> Rule:
    """The rule with this code or kebab-case name; :class:`KeyError` with a hint if none.

    >>> get("LAD204").name
    'self-move'
    """
    wanted = code.strip()
    rule = RULES.get(wanted.upper())
    if rule is not None:
        return rule
    for rule in RULES.values():
        if rule.name == wanted.lower():
            return rule
    raise KeyError(f"no rule {code!r}; rules are {', '.join(RULES)}")


#: every rule by code, in code order
RULES: dict[str, Rule] = _load_rules()
