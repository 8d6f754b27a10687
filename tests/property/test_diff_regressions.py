"""``ladders.diff`` regressions equal a brute-force reading of DESIGN: a role of both
versions that could progress without management and no longer can, or reaches a lower
level that way."""

from __future__ import annotations

import brute_force
from hypothesis import given, settings
from hypothesis import strategies as st

import ladders
from ladders import Ladder
from ladders.strategies import ladders as ladder_strategy


def expected(old: Ladder, new: Ladder) -> set[tuple[str, str | None, str | None]]:
    found = set()
    before, after = brute_force.Reading(old), brute_force.Reading(new)
    for role in new.roles:
        if role not in old.roles:
            continue
        was = before.highest(role, without_management=True)
        now = after.highest(role, without_management=True)
        if was <= old.rank(role):
            continue
        was_level = old.levels[was].id
        if now <= new.rank(role):
            found.add((role, was_level, None))
        elif now < new.ranks.get(was_level, was):
            found.add((role, was_level, new.levels[now].id))
    return found


@settings(max_examples=80, derandomize=True, deadline=None)
@given(ladder_strategy(max_roles=10, families=2, max_moves=3, progression=True), st.data())
def test_regressions_equal_brute_force(ladder: Ladder, data: st.DataObject) -> None:
    written = [(r, m.to) for r, role in ladder.roles.items() for m in role.moves]
    changed = ladder
    for source, target in (
        data.draw(st.lists(st.sampled_from(written), max_size=3)) if written else []
    ):
        changed = changed.without_move(source, target)
    change = ladders.diff(ladder, changed, old_findings=[], new_findings=[])
    got = {(r.role, r.before, r.after) for r in change.regressions}
    assert got == expected(ladder, changed)
