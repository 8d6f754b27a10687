"""The SVG chart: well-formed, escaped, laid out without overlaps, and snapshots."""

from __future__ import annotations

import itertools
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import ladders
from ladders import Ladder
from ladders.render import render
from ladders.render.layout import layout, wrap

from .conftest import generated

NS = {"svg": "http://www.w3.org/2000/svg"}
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"
UPDATE = os.environ.get("LADDERS_UPDATE_SNAPSHOTS") == "1"

SMALL = """\
name: Small & plain
levels: [L1, {id: L2, name: Senior}, L3]
tracks: {ic: technical, mgmt: management}
roles:
  dev: {title: Developer, track: ic, level: L1, entry: true, moves: [senior]}
  senior: {title: Senior Developer, track: ic, level: L2, moves: [lead, staff]}
  staff: {title: Staff Developer, track: ic, level: L3}
  lead: {title: Team Lead, track: mgmt, level: L3, moves: [senior]}
"""


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def roles_of(root: ET.Element) -> dict[str, ET.Element]:
    group = root.find("svg:g[@class='roles']", NS)
    assert group is not None
    return {g.attrib["data-role"]: g for g in group.findall("svg:g", NS)}


@pytest.mark.parametrize("name", ["healthy", "ceiling", "tricky"])
def test_well_formed_xml(name: str, request: pytest.FixtureRequest) -> None:
    ladder: Ladder = request.getfixturevalue(name)
    root = parse(render(ladder, "svg"))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert set(roles_of(root)) == set(ladder.roles)


def test_text_is_escaped(tricky: Ladder) -> None:
    svg = render(tricky, "svg")
    root = parse(svg)
    texts = "".join(root.itertext())
    assert 'R&D "Engineer" <b>bold</b> &amp;' in texts
    assert "<b>bold" not in svg
    assert "Tricky <ladder>" in texts


def test_long_titles_wrap(tricky: Ladder) -> None:
    box = layout(tricky).boxes["end"]
    assert len(box.lines) == 3
    assert " ".join(box.lines).startswith("A very long management title")
    assert box.lines[-1].endswith("…")


def test_wrap_keeps_short_titles_whole() -> None:
    assert wrap("Engineer") == ("Engineer",)
    assert wrap("") == ("",)


def test_moves_are_styled_by_kind_and_drawn_under_boxes(healthy: Ladder) -> None:
    root = parse(render(healthy, "svg"))
    groups = [g.attrib.get("class") for g in root.findall("svg:g", NS)]
    assert groups.index("moves") < groups.index("roles")
    moves = root.find("svg:g[@class='moves']", NS)
    assert moves is not None
    kinds = [p.attrib["class"] for p in moves.findall("svg:path", NS)]
    assert len(kinds) == sum(len(set(r.targets)) for r in healthy.roles.values())
    assert {"move technical", "move management", "move lateral"} == set(kinds)
    legend = root.find("svg:g[@class='legend']", NS)
    assert legend is not None
    labels = "".join(legend.itertext())
    assert "technical move" in labels
    assert "management move" in labels
    assert "lateral" in labels


def test_roles_with_findings_are_marked_by_severity(ceiling: Ladder) -> None:
    root = parse(render(ceiling, "svg"))
    roles = roles_of(root)
    assert "error" in roles["swe-3"].attrib["class"].split()
    assert "warning" in roles["delivery-lead"].attrib["class"].split()
    assert "error" not in roles["swe-1"].attrib["class"].split()
    tooltip = roles["swe-3"].find("svg:title", NS)
    assert tooltip is not None
    assert "LAD101" in (tooltip.text or "")


def test_highest_level_is_at_the_top(healthy: Ladder) -> None:
    chart = layout(healthy)
    assert [row.level.id for row in chart.rows] == [f"L{i}" for i in range(8, 0, -1)]
    assert chart.boxes["eng-distinguished"].y < chart.boxes["eng-1"].y


def test_columns_are_tracks_grouped_by_family(healthy: Ladder) -> None:
    chart = layout(healthy)
    assert [(c.family, c.track) for c in chart.columns] == [
        ("engineering", "ic"),
        ("engineering", "mgmt"),
        ("design", "design-ic"),
        ("design", "design-mgmt"),
    ]
    assert [band.family for band in chart.families] == ["engineering", "design"]


def test_300_roles_no_box_overlaps_and_all_inside() -> None:
    ladder = generated(300, families=3)
    chart = layout(ladder)
    boxes = list(chart.boxes.values())
    assert len(boxes) == 300
    for a, b in itertools.combinations(boxes, 2):
        apart = a.right <= b.x or b.right <= a.x or a.bottom <= b.y or b.bottom <= a.y
        assert apart, (a.role, b.role)
    for box in boxes:
        assert box.x >= 0
        assert box.right <= chart.width
        assert chart.grid_y <= box.y
        assert box.bottom <= chart.height
        row = next(r for r in chart.rows if r.level.id == ladder.roles[box.role].level)
        assert row.y <= box.y
        assert box.bottom <= row.y + row.height
    parse(render(ladder, "svg"))


@pytest.mark.parametrize(
    ("name", "source"),
    [("small", SMALL), ("healthy", "examples/healthy.yaml")],
)
def test_snapshot(name: str, source: str) -> None:
    """A change to the drawing shows here; look at it, then regenerate with
    ``LADDERS_UPDATE_SNAPSHOTS=1 pytest tests/render``."""
    root = Path(__file__).resolve().parents[2]
    ladder = ladders.load(root / source) if source.endswith(".yaml") else ladders.loads(source)
    svg = render(ladder, "svg")
    snapshot = SNAPSHOTS / f"{name}.svg"
    if UPDATE or not snapshot.exists():
        snapshot.write_text(svg, encoding="utf-8")
    assert svg == snapshot.read_text(encoding="utf-8")
