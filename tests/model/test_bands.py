"""Pay bands (format 1.1): resolution (DESIGN §2), validation, and LAD303-LAD305."""

from __future__ import annotations

from fractions import Fraction

import pytest

import ladders
from ladders.check import CheckConfig
from ladders.load import load_text

BANDED = """\
levels:
  - {id: L1, band: {min: 40000, max: 60000, currency: EUR}}
  - {id: L2, band: {min: 60000, max: 80000, currency: EUR}}
tracks:
  ic: technical
  mgmt:
    kind: management
    bands:
      L2: {min: 70000, max: 90000, currency: EUR}
roles:
  dev: {title: Developer, track: ic, level: L1, moves: [senior, lead]}
  senior: {title: Senior Developer, track: ic, level: L2}
  lead: {title: Team Lead, track: mgmt, level: L2, moves: [senior]}
  architect:
    title: Architect
    track: ic
    level: L2
    band: {min: 75000, max: 95000, currency: EUR}
"""


def test_a_band_resolves_role_then_track_then_level() -> None:
    ladder = ladders.loads(BANDED)
    assert ladder.band("architect").min == 75000  # its own
    assert ladder.band("lead").min == 70000  # its track's at its level
    assert ladder.band("senior").min == 60000  # its level's
    assert ladder.band("dev").midpoint == Fraction(50000)
    assert ladder.graph.nodes["lead"]["band"] == {"min": 70000, "max": 90000, "currency": "EUR"}


def test_lad303_fires_once_per_technical_role_behind_a_manager_of_its_level() -> None:
    found = [f for f in ladders.check(ladders.loads(BANDED)) if f.code == "LAD303"]
    assert [f.role for f in found] == ["senior"]  # 70,000 vs 80,000: 14.3% more
    assert "band midpoint 70,000 vs 80,000 EUR (14.3% more for management" in found[0].message


def test_a_gap_of_exactly_the_tolerance_does_not_fire() -> None:
    text = """\
levels: [L1]
tracks: {ic: technical, mgmt: management}
roles:
  a: {title: A, track: ic, level: L1, band: {min: 100, max: 100, currency: EUR}}
  m: {title: M, track: mgmt, level: L1, band: {min: 105, max: 105, currency: EUR}}
"""
    assert not [f for f in ladders.check(ladders.loads(text)) if f.code == "LAD303"]
    over = text.replace("min: 105, max: 105", "min: 105, max: 105.5")
    assert [f.role for f in ladders.check(ladders.loads(over)) if f.code == "LAD303"] == ["a"]


def test_decimal_bounds_are_exact() -> None:
    # 0.1 + 0.2 is not 0.3 in floating point; the midpoints here differ by exactly 5%.
    text = """\
levels: [L1]
tracks: {ic: technical, mgmt: management}
roles:
  a: {title: A, track: ic, level: L1, band: {min: 0.1, max: 0.3, currency: EUR}}
  m: {title: M, track: mgmt, level: L1, band: {min: 0.11, max: 0.31, currency: EUR}}
"""
    assert ladders.loads(text).band("m").midpoint == Fraction(21, 100)
    assert not [f for f in ladders.check(ladders.loads(text)) if f.code == "LAD303"]


def test_bands_in_other_currencies_are_not_compared() -> None:
    text = BANDED.replace("L2: {min: 70000, max: 90000, currency: EUR}", "L2: {min: 70000, "
                          "max: 990000, currency: USD}")  # fmt: skip
    codes = {f.code for f in ladders.check(ladders.loads(text))}
    assert not codes & {"LAD303", "LAD305"}


def test_tolerance_is_an_option() -> None:
    ladder = ladders.loads(BANDED)
    config = CheckConfig(options={"LAD303": {"tolerance": 0.2}})
    assert not [f for f in ladders.check(ladder, config) if f.code == "LAD303"]


def test_lad304_is_about_the_move_and_fires_below_the_source_midpoint() -> None:
    text = """\
levels: [L1, L2]
tracks: {ic: technical}
roles:
  dev:
    title: Developer
    track: ic
    level: L1
    band: {min: 60000, max: 80000, currency: EUR}
    moves: [senior, {to: peer, ignore: {LAD304: a known exception}}]
  senior: {title: Senior, track: ic, level: L2, band: {min: 50000, max: 70000, currency: EUR}}
  peer: {title: Peer, track: ic, level: L2, band: {min: 50000, max: 70000, currency: EUR}}
"""
    found = [f for f in ladders.check(ladders.loads(text, source="org.yaml")) if f.code == "LAD304"]
    assert [(f.role, f.line, f.column) for f in found] == [("dev", 9, 13)]
    assert "cuts pay: band midpoint 60,000 EUR is below 70,000" in found[0].message


def test_lad305_is_on_each_technical_role_holding_the_technical_maximum() -> None:
    text = """\
levels: [L1, L2]
tracks: {ic: technical, mgmt: management}
roles:
  a: {title: A, track: ic, level: L2, band: {min: 1, max: 100, currency: EUR}}
  b: {title: B, track: ic, level: L2, band: {min: 1, max: 100, currency: EUR}}
  c: {title: C, track: ic, level: L1, band: {min: 1, max: 50, currency: EUR}}
  m: {title: M, track: mgmt, level: L2, band: {min: 1, max: 106, currency: EUR}}
"""
    found = [f for f in ladders.check(ladders.loads(text)) if f.code == "LAD305"]
    assert sorted(f.role for f in found) == ["a", "b"]
    at_tolerance = text.replace("max: 106", "max: 105")
    assert not [f for f in ladders.check(ladders.loads(at_tolerance)) if f.code == "LAD305"]


@pytest.mark.parametrize(
    ("band", "column", "message"),
    [
        ("{min: -1, max: 5, currency: EUR}", 24, "cannot be negative"),
        ("{min: 70k, max: 5, currency: EUR}", 24, "must be a number"),
        ('{min: "70000", max: 80000, currency: EUR}', 24, "must be a number"),
        ("{min: 9, max: 5, currency: EUR}", 18, "min (9) is above max (5)"),
        ("{min: 1, max: 5}", 18, "missing the required key 'currency'"),
        ("{min: 1, max: 5, currency: EURO}", 42, "did you mean 'EUR'"),
        ("{min: 1, max: 5, currency: eur}", 42, "did you mean 'EUR'"),
    ],
)
def test_bad_bands_are_lad002_at_the_value(band: str, column: int, message: str) -> None:
    text = f"levels: [L1]\ntracks: {{ic: technical}}\nroles:\n  a: {{band: {band}, title: A, "
    text += "track: ic, level: L1}\n"
    loaded = load_text(text, source="org.yaml")
    assert loaded.ladder is None
    (found,) = loaded.findings
    assert (found.code, found.line) == ("LAD002", 4)
    assert message in found.message
    assert found.column >= 12


def test_a_bands_key_that_is_not_a_level_is_lad004_at_the_key() -> None:
    text = """\
levels: [L1, L2]
tracks:
  mgmt:
    kind: management
    bands:
      L22: {min: 1, max: 2, currency: EUR}
roles:
  a: {title: A, track: mgmt, level: L1}
"""
    loaded = load_text(text, source="org.yaml")
    (found,) = loaded.findings
    assert (found.code, found.line, found.column) == ("LAD004", 6, 7)
    assert "level 'L22', which is not defined; did you mean 'L2'?" in found.message


def test_the_summary_has_a_parity_table() -> None:
    summary = ladders.loads(BANDED).summary()
    row = next(r for r in summary.parity if r.level == "L2")
    assert (row.technical, row.management, row.currency) == (85000, 80000, "EUR")
    assert row.gap == Fraction(80000 - 85000, 85000)


def test_a_currency_hint_prefers_the_same_country() -> None:
    text = "levels: [L1]\ntracks: {ic: technical}\nroles:\n  a: {title: A, track: ic, level: L1, "
    text += "band: {min: 1, max: 2, currency: EUX}}\n"
    (found,) = load_text(text, source="org.yaml").findings
    assert found.message.endswith("'EUX' is not an ISO 4217 currency code; did you mean 'EUR'?")
    assert "Value error" not in found.message
