"""ladders.diff: what changed between two versions, and progression regressions."""

from __future__ import annotations

import ladders

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
