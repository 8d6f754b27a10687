"""An ``ignore`` entry on a role that silences nothing.

An ignore entry records an accepted exception: "this role may break rule X, because...".
When the ladder changes so that X no longer fires on the role, the entry is stale and
would silently hide the next real problem; an entry whose code is not a rule code at all
(a typo such as ``LAD11``) never silenced anything. Both are reported, at the entry's key.

Failing::

    roles:
      staff:
        title: Staff Engineer
        track: ic
        level: L5
        moves: [principal]
        ignore:
          LAD103: Temporary, until the principal role exists   # LAD006: no longer fires

Passing::

      staff:
        title: Staff Engineer
        track: ic
        level: L5
        moves: [principal]

An ``LAD006`` entry on a role silences this rule for that role's other entries (and is
itself reported if there is nothing to silence). The check engine runs this rule last,
with the option ``used``: the (role, code) pairs whose entry silenced a finding.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ladders.findings import Finding, Severity
from ladders.rules import Context, get

CODE = "LAD006"
NAME = "unused-ignore"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, object] = {}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per ignore entry that silenced no finding of its role."""
    from ladders.rules import RULES  # the registry is still being built when this is imported

    used = context.options.get("used", frozenset())
    rule = get(CODE)
    for role_id, role in context.ladder.roles.items():
        if not role.ignore:
            continue
        reports: list[tuple[str, str]] = []
        for code in role.ignore:
            if code == CODE:
                continue
            if code not in RULES:
                reports.append((code, _not_a_rule(code)))
            elif (role_id, code) not in used:
                reports.append((code, f"{code} ({RULES[code].name}) did not fire on this role"))
        if CODE in role.ignore:
            if reports:
                continue  # the LAD006 entry silences them
            reports.append((CODE, "no other ignore entry of this role is unused"))
        for code, why in reports:
            yield context.finding(
                rule,
                f"the ignore entry {code} on {role.title} ({role_id}, {role.level}) is unused: "
                f"{why}; remove the entry",
                context.ignore_location(role_id, code),
                role_id,
            )


def _not_a_rule(code: str) -> str:
    from ladders.rules import RULES

    names = {rule.name: rule.code for rule in RULES.values()}
    close = difflib.get_close_matches(code.upper(), list(RULES), n=1, cutoff=0.6)
    close = close or [names[n] for n in difflib.get_close_matches(code.lower(), names, n=1)]
    hint = f" (did you mean {close[0]}?)" if close else ""
    return f"{code!r} is not a rule code{hint}"
