"""The facts a check shares, computed for every role at once, equal the per-role answers."""

from __future__ import annotations

from hypothesis import given
from test_rules_match_brute_force import ANY, bounded

from ladders import Ladder
from ladders.analysis import Facts, dead_end
from ladders.index import LadderIndex


@bounded(150)
@given(ANY)
def test_bands_equal_each_role_s_band(ladder: Ladder) -> None:
    bands = Facts(LadderIndex(ladder)).bands
    want = {i: ladder.band(r) for i, r in enumerate(ladder.roles) if ladder.band(r) is not None}
    assert bands == want
    assert list(bands) == sorted(bands)  # in role order: rules break ties by it


@bounded(150)
@given(ANY)
def test_entries_and_dead_ends_equal_each_role_s(ladder: Ladder) -> None:
    facts = Facts(LadderIndex(ladder))
    index = facts.index
    assert index.entries == [i for i, r in enumerate(ladder.roles) if ladder.is_entry(r)]
    everyone = range(len(index))
    assert facts.dead_ends == {i for i in everyone if dead_end(index, facts.progression, i)}
