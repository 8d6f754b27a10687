"""Run the rules on a ladder and apply the configuration: select, ignore, severity,
per-rule options, and the ``ignore`` entries written on roles and moves.

Selection works as flake8's: for each code, the longest selector of ``select`` and of
``ignore`` that names it is found, and the longer one wins (``select=LAD101,
ignore=LAD1`` keeps LAD101; a tie is ignored). A rule name counts as the full code.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ladders.analysis import Facts
from ladders.collector import collector_paused
from ladders.errors import UsageError
from ladders.findings import Finding, Severity
from ladders.hints import did_you_mean
from ladders.index import LadderIndex
from ladders.load import Loaded, load_path
from ladders.model import LadderData
from ladders.rules import RULES, Rule
from ladders.rules.context import Context

__all__ = [
    "CheckConfig",
    "CheckResult",
    "check_file",
    "check_loaded",
    "check_paths",
    "matches",
    "names_a_rule",
    "run",
]

UNUSED_IGNORE = "LAD006"
#: the order findings are reported in (as a key: much faster than comparing findings)
_ORDER = Finding.sort_key


def _names() -> dict[str, str]:
    return {rule.name: rule.code for rule in RULES.values()}


def _specificity(code: str, selector: str, names: Mapping[str, str] | None = None) -> int:
    """How specifically ``selector`` names ``code``: the length of the matched prefix
    (a rule name counts as the whole code, ``ALL`` as 0), or -1 if it does not."""
    wanted = selector.strip()
    upper = wanted.upper()
    if upper == "ALL":
        return 0
    if (names if names is not None else _names()).get(wanted.lower()) == code:
        return len(code)
    return len(upper) if upper and code.startswith(upper) else -1


def _best(code: str, selectors: Iterable[str]) -> int:
    names = _names()
    return max((_specificity(code, s, names) for s in selectors), default=-1)


def matches(code: str, patterns: Iterable[str]) -> bool:
    """Whether a code is named by any pattern: a full code, a prefix such as ``LAD1``,
    a rule name, or ``ALL``.

    >>> matches("LAD101", ["LAD1"]), matches("LAD202", ["level-skip"]), matches("LAD3", [])
    (True, True, False)
    """
    return _best(code, patterns) >= 0


def names_a_rule(selector: str) -> bool:
    """Whether ``selector`` names at least one rule: ``ALL``, a code, a code prefix such
    as ``LAD1``, or a rule name.

    >>> names_a_rule("LAD1"), names_a_rule("level-skip"), names_a_rule("LAD9")
    (True, True, False)
    """
    names = _names()
    return bool(selector.strip()) and any(
        _specificity(code, selector, names) >= 0 for code in RULES
    )


@dataclass(frozen=True)
class CheckConfig:
    """Which rules run and how findings are reported.

    ``select``: codes, prefixes or names to run (``None``: all). ``ignore``: the ones not
    to report. ``severity``: code -> severity overrides. ``options``: code -> rule options,
    such as ``{"LAD202": {"max-step": 2}}``. Mistakes raise :class:`~ladders.UsageError`.

    >>> config = CheckConfig(select=("LAD101",), ignore=("LAD1",))
    >>> config.enabled("LAD101"), config.enabled("LAD102"), config.enabled("LAD202")
    (True, False, False)
    """

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    _decisions: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        # Mistakes here would silently check less: refuse them, as the command line does.
        for name in ("select", "ignore"):
            value = getattr(self, name)
            if isinstance(value, str):
                value = (value,)
                object.__setattr__(self, name, value)
            for selector in value or ():
                if not names_a_rule(selector):
                    hint = did_you_mean(selector, [*RULES, *_names()])
                    raise UsageError(
                        f"{name}: {selector!r} is not a rule code, prefix or name{hint}"
                    )
        for code in self.severity:
            if code not in RULES:
                raise UsageError(f"severity: no rule {code!r}{did_you_mean(code, RULES)}")
        for code, options in self.options.items():
            rule = RULES.get(code)
            if rule is None:
                raise UsageError(f"options: no rule {code!r}{did_you_mean(code, RULES)}")
            for option, value in options.items():
                spec = rule.option_specs.get(option)
                if spec is None:
                    known = ", ".join(rule.option_specs) or "none"
                    raise UsageError(
                        f"options: {code} has no option {option!r}"
                        f"{did_you_mean(option, rule.option_specs)} (options: {known})"
                    )
                problem = spec.problem(value)
                if problem is not None:
                    raise UsageError(
                        f"options: {code} option {option} must be {problem}, not {value!r}"
                    )

    def enabled(self, code: str) -> bool:
        """Whether findings of ``code`` are reported (the longest selector wins)."""
        decision = self._decisions.get(code)
        if decision is None:
            selected = 0 if self.select is None else _best(code, self.select)
            decision = selected >= 0 and _best(code, self.ignore) < selected
            self._decisions[code] = decision
        return decision

    def options_for(self, rule: Rule) -> dict[str, Any]:
        """The rule's options: its defaults updated with the configured ones."""
        return {**rule.options, **self.options.get(rule.code, {})}

    def stamp(self, finding: Finding) -> Finding:
        """The finding with its configured severity."""
        severity = self.severity.get(finding.code)
        if severity is None or severity == finding.severity:
            return finding
        from dataclasses import replace

        return replace(finding, severity=Severity(severity))


@dataclass
class CheckResult:
    """The findings of one or more roots, and every file read for them."""

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def run(
    ladder: LadderData, config: CheckConfig | None = None, facts: Facts | None = None
) -> list[Finding]:
    """Run every enabled rule on a loaded ladder; findings sorted by file, line, column,
    code. ``facts`` (the index and progression) are built once if not given."""
    config = config or CheckConfig()
    with collector_paused():
        return _run(ladder, config, facts or Facts(LadderIndex(ladder)))


def _run(ladder: LadderData, config: CheckConfig, facts: Facts) -> list[Finding]:
    index = facts.index
    roles = ladder.roles
    role_ignores: dict[str, Mapping[str, str]] = {}
    move_ignores: dict[tuple[str, int], Mapping[str, str]] = {}
    for role_id in map(index.ids.__getitem__, index.ignoring):
        role = roles[role_id]
        if role.ignore:
            role_ignores[role_id] = role.ignore
        for item, move in enumerate(role.move_specs):
            if move.__class__ is not str and move.ignore:  # type: ignore[union-attr]
                move_ignores[role_id, item] = move.ignore  # type: ignore[union-attr]
    ignored = {code for entries in role_ignores.values() for code in entries}
    ignored.update(code for entries in move_ignores.values() for code in entries)
    used: set[tuple[str, str, int]] = set()
    findings: list[Finding] = []

    def keep(context: Context, finding: Finding) -> None:
        role = finding.role or ""
        edge = context.edge_of(finding)
        item = -1 if edge is None or not move_ignores else index.item_of(edge)
        if item >= 0:
            entries = move_ignores.get((role, item))
            if entries and finding.code in entries:
                used.add((role, finding.code, item))
                # The code fired on one of the role's moves: a role entry for it is used too.
                if finding.code in role_ignores.get(role, {}):
                    used.add((role, finding.code, -1))
                return
        entries = role_ignores.get(role)
        if entries and finding.code in entries:
            used.add((role, finding.code, -1))
            return
        if config.enabled(finding.code):
            findings.append(config.stamp(finding))

    for rule in RULES.values():
        if rule.stage != "ladder" or rule.code == UNUSED_IGNORE:
            continue
        # A rule off by configuration still runs when an entry ignores it, so that the
        # entry is not reported as unused.
        if not config.enabled(rule.code) and rule.code not in ignored:
            continue
        context = _context(ladder, facts, rule, config.options_for(rule))
        if not ignored:  # the common case: no entry can silence a finding, so keep them all
            found = rule.check(context)
            findings.extend(map(config.stamp, found) if config.severity else found)
            continue
        for finding in rule.check(context):
            keep(context, finding)
    if (config.enabled(UNUSED_IGNORE) or UNUSED_IGNORE in ignored) and ignored:
        rule = RULES[UNUSED_IGNORE]
        known = {code: (r.name, r.stage) for code, r in RULES.items()}
        options = {"used": frozenset(used), "known": known}
        context = _context(ladder, facts, rule, options)
        # Not through keep(): the rule applies a role's own LAD006 entry itself.
        findings.extend(
            config.stamp(f) for f in rule.check(context) if config.enabled(UNUSED_IGNORE)
        )
    return sorted(findings, key=_ORDER)


def _context(ladder: LadderData, facts: Facts, rule: Rule, options: Mapping[str, Any]) -> Context:
    return Context(
        ladder, facts, code=rule.code, name=rule.name, severity=rule.severity, options=options
    )


def check_loaded(loaded: Loaded, config: CheckConfig | None = None) -> list[Finding]:
    """Findings of a load result: its LAD0xx findings, then the rules if it loaded.

    A file that could not be loaded is always reported, whatever ``select`` and
    ``ignore`` say (as a linter always reports a syntax error): otherwise a broken file
    would pass with no findings.
    """
    config = config or CheckConfig()
    failed = loaded.ladder is None
    findings = [config.stamp(f) for f in loaded.findings if failed or config.enabled(f.code)]
    if loaded.ladder is not None:
        checked = run(loaded.ladder, config)  # sorted already
        if not findings:
            return checked
        findings.extend(checked)
    return sorted(findings, key=_ORDER)


def check_file(path: str | os.PathLike[str], config: CheckConfig | None = None) -> list[Finding]:
    """Load and check a root file. Never raises for bad content: LAD0xx become findings."""
    return check_loaded(load_path(path), config)


def check_paths(
    paths: Iterable[str | os.PathLike[str]],
    config: CheckConfig | None = None,
    *,
    keep: list[Loaded] | None = None,
) -> CheckResult:
    """Check several roots; ``files`` lists every file read, includes too, as given.

    ``keep``: a list each load result is appended to (a command about to exit keeps them
    so that the exit, not this function, drops them: freeing a ladder of a million roles
    object by object takes a noticeable part of checking it)."""
    result = CheckResult()
    seen: set[str] = set()
    for path in paths:
        real = os.path.realpath(path)
        if real in seen:  # the same root named twice (org.yaml ./org.yaml): check it once
            continue
        seen.add(real)
        loaded = load_path(path)
        if keep is not None:
            keep.append(loaded)
        result.findings.extend(check_loaded(loaded, config))
        result.files.extend(f for f in loaded.files if f not in result.files)
    if len(seen) > 1:  # one root's findings are in order already
        result.findings.sort(key=_ORDER)
    return result
