"""ladders.diff: what changed between two versions, and progression regressions."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st
from test_routes import SEARCHED

import ladders
from ladders.exchange.data import ladder_data
from ladders.strategies import ladders as ladder_strategy

OLD = """\
levels: [L1, L2, L3]
tracks: {ic: technical, mgmt: management}
roles:
  dev: {title: Developer, track: ic, level: L1, moves: [senior, lead]}
  senior: {title: Senior Developer, track: ic, level: L2, moves: [staff]}
  staff: {title: Staff Developer, track: ic, level: L3}
  lead: {title: Team Lead, track: mgmt, level: L2, moves: [{to: senior, criteria: [Asks]}]}
"""


def test_identical_ladders_have_no_changes() -> None:
    change = ladders.diff(ladders.loads(OLD), ladders.loads(OLD))
    assert not change.changed
    assert change.regressions == ()
    assert change.findings_introduced == ()


def test_roles_and_moves_added_removed_changed() -> None:
    new = (
        OLD.replace("title: Staff Developer", "title: Staff Engineer")
        .replace("criteria: [Asks]", "criteria: [Asks nicely]")
        .replace("moves: [senior, lead]", "moves: [lead, principal]")
        + "  principal: {title: Principal, track: ic, level: L3}\n"
    )
    change = ladders.diff(ladders.loads(OLD), ladders.loads(new))
    assert change.roles_added == ("principal",)
    assert change.roles_removed == ()
    assert change.roles_changed == {"staff": ("title",)}
    assert change.moves_added == (("dev", "principal"),)
    assert change.moves_removed == (("dev", "senior"),)
    assert change.moves_changed == {("lead", "senior"): ("criteria",)}
    assert change.changed


def test_removing_the_last_technical_route_is_a_regression() -> None:
    new = OLD.replace("moves: [senior, lead]", "moves: [lead]")
    change = ladders.diff(ladders.loads(OLD), ladders.loads(new))
    (regression,) = change.regressions
    assert (regression.role, regression.before, regression.after) == ("dev", "L3", None)
    assert "cannot progress without management" in regression.message
    assert any(f.code == "LAD101" and f.role == "dev" for f in change.findings_introduced)


def test_a_lower_reach_without_management_is_a_regression() -> None:
    new = OLD.replace("moves: [staff]}", "moves: []}")
    change = ladders.diff(ladders.loads(OLD), ladders.loads(new))
    by_role = {r.role: (r.before, r.after) for r in change.regressions}
    assert by_role["dev"] == ("L3", "L2")
    assert by_role["senior"] == ("L3", None)


def test_an_added_route_is_not_a_regression_and_resolves_findings() -> None:
    broken = OLD.replace("moves: [senior, lead]", "moves: [lead]")
    change = ladders.diff(ladders.loads(broken), ladders.loads(OLD))
    assert change.regressions == ()
    assert any(f.code == "LAD101" for f in change.findings_resolved)


def test_removed_role_lists_its_moves_as_removed() -> None:
    new = OLD.replace(
        "  lead: {title: Team Lead, track: mgmt, level: L2, moves: [{to: senior, criteria: [Asks]}]}\n",
        "",
    ).replace("[senior, lead]", "[senior]")
    change = ladders.diff(ladders.loads(OLD), ladders.loads(new))
    assert change.roles_removed == ("lead",)
    assert set(change.moves_removed) == {("dev", "lead"), ("lead", "senior")}


def test_to_dict_is_json_ready() -> None:
    import json

    new = OLD.replace("moves: [senior, lead]", "moves: [lead]")
    data = ladders.diff(ladders.loads(OLD), ladders.loads(new)).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["regressions"][0]["role"] == "dev"
    assert data["moves"]["removed"] == [["dev", "senior"]]


def test_every_change_has_its_old_and_new_value() -> None:
    new = (
        OLD.replace("title: Staff Developer", "title: Staff Engineer")
        .replace("criteria: [Asks]", "criteria: [Asks, Leads a team]")
        .replace("level: L3}", "level: L3, family: platform}")
    )
    change = ladders.diff(ladders.loads(OLD), ladders.loads(new))
    (title, family) = change.role_changes["staff"]
    assert (title.field, title.old, title.new) == ("title", "Staff Developer", "Staff Engineer")
    assert str(title) == 'title: "Staff Developer" -> "Staff Engineer"'
    assert str(family) == 'family: none -> "platform"'
    (criteria,) = change.move_changes[("lead", "senior")]
    assert criteria.added == ("Leads a team",)
    assert criteria.removed == ()
    assert str(criteria) == 'criteria: added "Leads a team"'
    swapped = OLD.replace("criteria: [Asks]", "criteria: [Leads a team]")
    (criteria,) = ladders.diff(ladders.loads(OLD), ladders.loads(swapped)).move_changes[
        ("lead", "senior")
    ]
    assert str(criteria) == 'criteria: added "Leads a team", removed "Asks"'
    data = change.to_dict()
    assert data["roles"]["changed"]["staff"] == {
        "fields": ["title", "family"],
        "old": {"title": "Staff Developer", "family": None},
        "new": {"title": "Staff Engineer", "family": "platform"},
    }
    assert data["moves"]["changed"] == [
        {
            "from": "lead",
            "to": "senior",
            "fields": ["criteria"],
            "old": {"criteria": ["Asks"]},
            "new": {"criteria": ["Asks", "Leads a team"]},
        }
    ]


def test_a_mapping_change_names_the_keys_added_removed_and_changed() -> None:
    old = OLD.replace("level: L3}", "level: L3, metadata: {grade: 7, band: B}}")
    new = OLD.replace("level: L3}", "level: L3, metadata: {grade: 8, code: S3}}")
    (metadata,) = ladders.diff(ladders.loads(old), ladders.loads(new)).role_changes["staff"]
    assert str(metadata) == 'metadata: added code: "S3", removed band, changed grade: 7 -> 8'


# LAD301 names the technical ceiling: adding a technical role below the director
# rewords it ("the highest is at L2" -> "L3") without changing what it is about.
CEILING = """\
levels: [L1, L2, L3, L4]
tracks: {ic: technical, mgmt: management}
roles:
  dev: {title: Developer, track: ic, level: L1, moves: [senior, lead]}
  senior: {title: Senior, track: ic, level: L2}
  lead: {title: Lead, track: mgmt, level: L2, moves: [director]}
  director: {title: Director, track: mgmt, level: L4}
"""


def test_a_reworded_finding_is_neither_introduced_nor_resolved() -> None:
    new = CEILING.replace(
        "  senior: {title: Senior, track: ic, level: L2}\n",
        "  senior: {title: Senior, track: ic, level: L2, moves: [staff]}\n"
        "  staff: {title: Staff, track: ic, level: L3}\n",
    )
    old_ladder, new_ladder = ladders.loads(CEILING), ladders.loads(new)
    change = ladders.diff(old_ladder, new_ladder)
    assert "LAD301" not in {f.code for f in change.findings_introduced}
    assert "LAD301" not in {f.code for f in change.findings_resolved}
    ((before, after),) = change.findings_reworded
    assert before.code == after.code == "LAD301"
    assert "(the highest is at L2)" in before.message
    assert "(the highest is at L3)" in after.message
    assert before.line != after.line  # the role moved down a line too
    assert change.to_dict()["findings"]["reworded"][0]["new"]["message"] == after.message


def test_findings_on_two_moves_of_one_role_are_told_apart() -> None:
    # The same code on the same role, at two different moves: each is its own finding.
    one = CEILING.replace("moves: [director]", "moves: [director, lead]")
    two = CEILING.replace("moves: [director]", "moves: [lead, director, lead]")
    change = ladders.diff(ladders.loads(one), ladders.loads(two))
    introduced = [(f.code, f.role) for f in change.findings_introduced]
    # the self-move to lead is listed twice now: one LAD204 stays, one is new, and the
    # second listing is a LAD203
    assert sorted(introduced) == [("LAD203", "lead"), ("LAD204", "lead")]
    assert change.findings_resolved == ()


def test_finding_key_uses_the_place_not_the_line_or_message() -> None:
    from ladders.changes import finding_key

    # head uses L3 on the management track, so lead -> director skips a used level (LAD202)
    text = CEILING.replace(
        "  director:", "  head: {title: Head, track: mgmt, level: L3}\n  director:"
    )
    ladder = ladders.loads(text)
    found = ladders.check(ladder)
    by_code = {(f.code, f.role): f for f in found}
    assert finding_key(ladder, by_code["LAD301", "director"]) == ("LAD301", "director", "role")
    assert finding_key(ladder, by_code["LAD202", "lead"]) == (
        "LAD202",
        "lead",
        "move",
        "director",
        1,
    )
    moved = ladders.loads("# a comment moves every line\n" + text)
    assert {finding_key(moved, f) for f in ladders.check(moved)} == {
        finding_key(ladder, f) for f in found
    }


def test_an_ignore_entry_finding_is_keyed_by_its_code() -> None:
    from ladders.changes import finding_key

    stale = CEILING.replace(
        "level: L4}", "level: L4, ignore: {LAD301: agreed, LAD104: nothing to hide}}"
    )
    ladder = ladders.loads(stale)
    (unused,) = [f for f in ladders.check(ladder) if f.code == "LAD006"]
    assert finding_key(ladder, unused) == ("LAD006", "director", "ignore", "LAD104")


def test_implied_moves_are_moves_in_a_diff() -> None:
    compact = """\
progression: {promote: true, switch: true}
levels: [L1, L2]
tracks: {ic: technical, mgmt: management}
roles:
  dev: {title: Developer, track: ic, level: L1}
  senior: {title: Senior, track: ic, level: L2}
  lead: {title: Lead, track: mgmt, level: L2}
"""
    no_switch = compact.replace("switch: true", "switch: false")
    change = ladders.diff(ladders.loads(compact), ladders.loads(no_switch))
    assert sorted(change.moves_removed) == [("lead", "senior"), ("senior", "lead")]
    assert change.moves_added == ()
    written = compact.replace(
        "dev: {title: Developer, track: ic, level: L1}",
        "dev: {title: Developer, track: ic, level: L1, moves: [senior]}",
    )
    same = ladders.diff(ladders.loads(compact), ladders.loads(written))
    assert same.moves_added == ()
    assert same.moves_removed == ()
    (changes,) = same.move_changes.values()
    assert [(c.field, c.old, c.new) for c in changes] == [("implied", True, False)]


@settings(SEARCHED, max_examples=60)
@given(
    ladder_strategy(max_roles=8, families=2, progression=True, declared_kinds=True, bands=True),
    st.data(),
)
def test_a_diff_is_the_same_when_no_role_can_be_skipped_as_unchanged(
    ladder: ladders.Ladder, data: st.DataObject
) -> None:
    """Unchanged roles are skipped by comparing their fields at once; the diff must be
    the one worked out role by role (forced here: a role that has made its ``moves``
    holds them among its fields, so no old role's fields are those of the new one)."""
    written = ladder_data(ladder)
    changed = json.loads(json.dumps(written))
    roles = changed["roles"]
    for role_id in data.draw(st.lists(st.sampled_from(sorted(roles)), unique=True), "changed"):
        what = data.draw(st.sampled_from(["title", "moves", "family", "remove"]), role_id)
        if what == "remove" and len(roles) > 1:
            del roles[role_id]
            for role in roles.values():
                role["moves"] = [
                    m
                    for m in role.get("moves", [])
                    if m != role_id and (not isinstance(m, dict) or m.get("to") != role_id)
                ]
        elif what == "moves":
            roles[role_id]["moves"] = roles[role_id].get("moves", [])[:-1]
        elif what in roles[role_id] or what == "title":
            roles[role_id][what] = f"{roles[role_id].get(what)} (changed)"
    new = ladders.Ladder.from_data(changed)

    def fresh() -> ladders.Ladder:
        return ladders.Ladder.from_data(written)

    quick = ladders.diff(fresh(), new)
    slow_old = fresh()
    for role in slow_old.roles.values():
        assert role.moves is not None  # cached among its fields: no longer like new's
    assert ladders.diff(slow_old, new).to_dict() == quick.to_dict()
