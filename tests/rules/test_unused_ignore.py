"""LAD006 unused-ignore."""

from __future__ import annotations

from collections.abc import Callable

from ladders import Finding

Lint = Callable[..., list[Finding]]


def test_fires_at_the_entry_key_when_the_code_did_not_fire(lint: Lint) -> None:
    found = lint(
        """\
  staff:
    title: Staff Engineer
    track: ic
    level: L5
    moves: [principal]
    ignore:
      LAD103: Temporary
  principal: {title: Principal, track: ic, level: L6}
""",
        "LAD006",
    )
    assert [(f.file, f.line, f.column, f.role, f.severity) for f in found] == [
        ("org.yaml", 10, 7, "staff", "warning")
    ]
    assert "LAD103 (dead-end) did not fire on this role" in found[0].message


def test_used_entry_is_not_reported(lint: Lint) -> None:
    text = """\
  staff:
    title: Staff Engineer
    track: ic
    level: L5
    ignore: {LAD103: The principal role is being created}
  principal: {title: Principal, track: ic, level: L6}
"""
    assert not lint(text, "LAD006")


def test_unknown_code_with_did_you_mean(lint: Lint) -> None:
    text = """\
  staff:
    title: Staff Engineer
    track: ic
    level: L5
    ignore: {LAD13: typo}
"""
    found = lint(text, "LAD006")
    assert len(found) == 1
    assert "'LAD13' is not a rule code (did you mean LAD103?)" in found[0].message


def test_ignore_of_a_load_code_is_unused(lint: Lint) -> None:
    text = "  a: {title: A, track: ic, level: L1, ignore: {LAD004: no}}\n"
    assert len(lint(text, "LAD006")) == 1


def test_lad006_entry_silences_the_others_and_is_reported_when_idle(lint: Lint) -> None:
    silenced = "  a: {title: A, track: ic, level: L1, ignore: {LAD103: x, LAD006: keep it}}\n"
    assert not lint(silenced, "LAD006")
    idle = "  a: {title: A, track: ic, level: L1, ignore: {LAD006: keep it}}\n"
    found = lint(idle, "LAD006")
    assert len(found) == 1
    assert "ignore entry LAD006" in found[0].message


def test_entry_for_a_rule_disabled_by_config_still_counts_as_used() -> None:
    import ladders
    from ladders.check import CheckConfig

    ladder = ladders.loads(
        """\
levels: [L1, L2]
tracks: {ic: technical}
roles:
  a: {title: A, track: ic, level: L1, ignore: {LAD103: accepted}}
  b: {title: B, track: ic, level: L2}
"""
    )
    found = ladders.check(ladder, CheckConfig(select=("LAD006",)))
    assert found == []


def test_a_role_code_written_on_a_move_says_where_it_belongs(lint: Lint) -> None:
    text = """\
  a:
    title: A
    track: ic
    level: L1
    moves: [{to: b, ignore: {LAD101: not about a move}}]
  b: {title: B, track: ic, level: L2}
"""
    (found,) = lint(text, "LAD006")
    assert "LAD101 (management-only-progression) is not about one move" in found.message
