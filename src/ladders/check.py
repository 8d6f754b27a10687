"""Run the rules on a ladder and apply the configuration: select, ignore, severity,
per-rule options, and the ``ignore`` entries written on roles.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import compress
from operator import attrgetter
from typing import Any

from ladders.collector import collector_paused
from ladders.errors import UsageError
from ladders.findings import Finding, Severity
from ladders.hints import did_you_mean
from ladders.load import Loaded, load_path
from ladders.model import Ladder
from ladders.rules import RULES, Context, Rule

__all__ = [
    "CheckConfig",
    "CheckResult",
    "check",
    "check_file",
    "check_paths",
    "matches",
    "names_a_rule",
]

UNUSED_IGNORE = "LAD006"


def matches(code: str, patterns: Iterable[str]) -> bool:
    """Whether a code is named by any pattern: a full code, a prefix such as ``LAD1``,
    a rule name, or ``ALL``.

    >>> matches("LAD101", ["LAD1"]), matches("LAD202", ["level-skip"]), matches("LAD3", [])
    (True, True, False)
    """
    for pattern in patterns:
        wanted = pattern.strip()
        if wanted.upper() == "ALL" or code.startswith(wanted.upper()):
            return True
        rule = RULES.get(code)
        if rule is not None and rule.name == wanted.lower():
            return True
    return False


def names_a_rule(selector: str) -> bool:
    """Whether ``selector`` names at least one rule: ``ALL``, a code, a code prefix such
    as ``LAD1``, or a rule name.

    >>> names_a_rule("LAD1"), names_a_rule("level-skip"), names_a_rule("LAD9")
    (True, True, False)
    """
    wanted = selector.strip()
    upper = wanted.upper()
    return bool(wanted) and (
        upper == "ALL"
        or any(code.startswith(upper) for code in RULES)
        or any(rule.name == wanted.lower() for rule in RULES.values())
    )


@dataclass(frozen=True)
class CheckConfig:
    """Which rules run and how findings are reported.

    ``select``: codes, prefixes or names to run (``None``: all). ``ignore``: the ones not
    to report. ``severity``: code -> severity overrides. ``options``: code -> rule options,
    such as ``{"LAD202": {"max-step": 2}}``.
    """

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Mistakes here would silently check less: refuse them, as the command line does.
        for name in ("select", "ignore"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, (value,))
                value = (value,)
            for selector in value or ():
                if not names_a_rule(selector):
                    hint = did_you_mean(selector, [*RULES, *(r.name for r in RULES.values())])
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
            for option in options:
                if option not in rule.options:
                    known = ", ".join(rule.options) or "none"
                    raise UsageError(
                        f"options: {code} has no option {option!r}"
                        f"{did_you_mean(option, rule.options)} (options: {known})"
                    )

    def enabled(self, code: str) -> bool:
        """Whether findings of ``code`` are reported."""
        if self.select is not None and not matches(code, self.select):
            return False
        return not matches(code, self.ignore)

    def options_for(self, rule: Rule) -> dict[str, Any]:
        """The rule's options: its defaults updated with the configured ones."""
        return {**rule.options, **self.options.get(rule.code, {})}

    def stamp(self, finding: Finding) -> Finding:
        """The finding with its configured severity."""
        severity = self.severity.get(finding.code)
        if severity is None or severity == finding.severity:
            return finding
        return Finding(
            finding.code,
            finding.name,
            severity,
            finding.message,
            finding.file,
            finding.line,
            finding.column,
            finding.role,
        )


@dataclass
class CheckResult:
    """The findings of one or more roots, and every file read for them."""

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def _role_ignores(ladder: Ladder) -> dict[str, Mapping[str, str]]:
    ignores = list(map(_IGNORE, ladder.roles.values()))
    return dict(compress(zip(ladder.roles, ignores, strict=True), ignores))


_IGNORE = attrgetter("ignore")


def check(ladder: Ladder, config: CheckConfig | None = None) -> list[Finding]:
    """Run every enabled rule on a loaded ladder; findings sorted by file, line, column, code.

    >>> from ladders.load import loads
    >>> ladder = loads('''
    ... levels: [L1]
    ... tracks: {ic: technical}
    ... roles: {dev: {title: Developer, track: ic, level: L1, moves: [dev]}}
    ... ''')
    >>> [(f.code, f.line) for f in check(ladder)]
    [('LAD204', 4)]
    """
    config = config or CheckConfig()
    with collector_paused():
        return _check(ladder, config)


def _check(ladder: Ladder, config: CheckConfig) -> list[Finding]:
    ignores = _role_ignores(ladder)
    ignored_codes = {code for entries in ignores.values() for code in entries}
    used: set[tuple[str, str]] = set()
    findings: list[Finding] = []
    memo: dict[str, Any] = {}  # facts shared by the rules of this check
    for rule in RULES.values():
        if rule.module is None or rule.code == UNUSED_IGNORE:
            continue
        # A rule off by configuration still runs when a role ignores it, so that its
        # ignore entries are not reported as unused.
        if not config.enabled(rule.code) and rule.code not in ignored_codes:
            continue
        context = Context(ladder, config.options_for(rule), memo)
        for finding in rule.check(context):
            role_ignores = ignores.get(finding.role or "")
            if role_ignores and finding.code in role_ignores:
                used.add((finding.role or "", finding.code))
                continue
            if config.enabled(finding.code):
                findings.append(config.stamp(finding))
    if config.enabled(UNUSED_IGNORE) and UNUSED_IGNORE in RULES:
        rule = RULES[UNUSED_IGNORE]
        context = Context(ladder, {**config.options_for(rule), "used": frozenset(used)}, memo)
        findings.extend(config.stamp(f) for f in rule.check(context))
    return sorted(findings)


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
        findings.extend(check(loaded.ladder, config))
    return sorted(findings)


def check_file(path: str | os.PathLike[str], config: CheckConfig | None = None) -> list[Finding]:
    """Load and check a root file. Never raises for bad content: LAD0xx become findings."""
    return check_loaded(load_path(path), config)


def check_paths(
    paths: Iterable[str | os.PathLike[str]], config: CheckConfig | None = None
) -> CheckResult:
    """Check several roots; ``files`` lists every file read, includes too, as given."""
    result = CheckResult()
    seen: set[str] = set()
    for path in paths:
        real = os.path.realpath(path)
        if real in seen:  # the same root named twice (org.yaml ./org.yaml): check it once
            continue
        seen.add(real)
        loaded = load_path(path)
        result.findings.extend(check_loaded(loaded, config))
        result.files.extend(f for f in loaded.files if f not in result.files)
    result.findings.sort()
    return result
