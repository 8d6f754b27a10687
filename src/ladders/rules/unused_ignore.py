"""An ``ignore`` entry, on a role or on a move, that silences nothing.

An ignore entry records an accepted exception: "this role may break rule X, because...".
When the ladder changes so that X no longer fires there, the entry is stale and would
silently hide the next real problem; an entry whose code is not a rule code at all (a
typo such as ``LAD11``) never silenced anything. Both are reported, at the entry's key.
An entry on a move can only silence the findings about that move (LAD201 to LAD204 and
LAD304). Entries for the people-data rules (LAD4xx) are judged by ``ladders observe``.

Failing::

    levels: [L1, L2]
    tracks: {ic: technical}
    roles:
      dev:
        title: Developer
        track: ic
        level: L1
        moves: [senior]
        ignore:
          LAD103: Temporary, until the senior role exists   # LAD006: LAD103 no longer fires
      senior: {title: Senior Developer, track: ic, level: L2}

Passing::

    levels: [L1, L2]
    tracks: {ic: technical}
    roles:
      dev: {title: Developer, track: ic, level: L1, moves: [senior]}
      senior: {title: Senior Developer, track: ic, level: L2}

An ``LAD006`` entry on a role silences this rule for that role's other entries. The engine
runs this rule last, once it knows which entries silenced a finding.
"""

from __future__ import annotations

from collections.abc import Iterator

from ladders.findings import Finding, Severity
from ladders.rules.context import Context

CODE = "LAD006"
NAME = "unused-ignore"
#: the codes whose findings are about one move, which an entry on a move can silence
MOVE_CODES = frozenset({"LAD201", "LAD202", "LAD203", "LAD204", "LAD304"})
SEVERITY = Severity.WARNING
OPTIONS: dict[str, object] = {}


def check(context: Context) -> Iterator[Finding]:
    """Yield one finding per ignore entry that silenced no finding there.

    The engine passes, as options, ``used`` (the (role, code, move item or -1) of every
    entry that silenced a finding) and ``known`` (rule code -> (name, stage)). An LAD006
    entry on a role is handled here: it silences the role's other reports, and is itself
    reported when there is nothing to silence."""
    used: frozenset[tuple[str, str, int]] = context.options["used"]
    known: dict[str, tuple[str, str]] = context.options["known"]
    roles, ids = context.ladder.roles, context.index.ids
    for role_id in map(ids.__getitem__, context.index.ignoring):
        role = roles[role_id]
        entries = [(code, -1) for code in role.ignore or ()]
        for item, move in enumerate(role.move_specs):
            if move.__class__ is not str and move.ignore:  # type: ignore[union-attr]
                entries.extend((code, item) for code in move.ignore)  # type: ignore[union-attr]
        if not entries:
            continue
        reports: list[tuple[str, int, str]] = []
        for code, item in entries:
            if code == CODE and item < 0:
                continue
            place = "this role" if item < 0 else f"move {item + 1} of this role"
            if code not in known:
                reports.append((code, item, _not_a_rule(code, known)))
            elif item >= 0 and code not in MOVE_CODES:
                why = (
                    f"{code} ({known[code][0]}) is not about one move; write the entry on the role"
                )
                reports.append((code, item, why))
            elif known[code][1] != "observe" and (role_id, code, item) not in used:
                reports.append((code, item, f"{code} ({known[code][0]}) did not fire on {place}"))
        if role.ignore and CODE in role.ignore:
            if reports:
                continue  # the LAD006 entry silences them
            reports.append((CODE, -1, "no other ignore entry of this role is unused"))
        for code, item, why in reports:
            on = "" if item < 0 else f"move {item + 1} of "
            yield context.report_ignore(
                role_id,
                code,
                f"the ignore entry {code} on {on}{role.title} ({role_id}, {role.level}) is "
                f"unused: {why}; remove the entry",
                None if item < 0 else item,
            )


def _not_a_rule(code: str, known: dict[str, tuple[str, str]]) -> str:
    import difflib

    names = {name: rule_code for rule_code, (name, _) in known.items()}
    close = difflib.get_close_matches(code.upper(), list(known), n=1, cutoff=0.6)
    close = close or [names[n] for n in difflib.get_close_matches(code.lower(), names, n=1)]
    hint = f" (did you mean {close[0]}?)" if close else ""
    return f"{code!r} is not a rule code{hint}"
