"""The SVG chart: well-formed, escaped, laid out without overlaps, moves routed around
the boxes, and snapshots."""

from __future__ import annotations

import itertools
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import ladders
from ladders import Ladder
from ladders.render import render
from ladders.render.layout import layout, wrap
from ladders.render.scene import build_scene
from ladders.strategies import ladders as ladder_strategy

from .conftest import COMPACT_IMPLIED, generated

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

# Crowded cells (several lines of boxes in one cell), skips over a level, moves within
# a cell and between families: the hard cases for routing.
CROWDED = """\
levels: [L1, L2, L3, L4]
tracks: {ic: technical, mgmt: management}
roles:
  a1: {title: A1, track: ic, level: L1, family: f, moves: [a5, b1, c1, a2]}
  a2: {title: A2, track: ic, level: L1, family: f, moves: [a3, a6]}
  a3: {title: A3, track: ic, level: L1, family: f, moves: [a4, m1]}
  a4: {title: A4, track: ic, level: L1, family: f, moves: [a1, d1]}
  a5: {title: A5, track: ic, level: L2, family: f, moves: [a6, a1, m1]}
  a6: {title: A6, track: ic, level: L2, family: f, moves: [a7, d1]}
  a7: {title: A7, track: ic, level: L2, family: f, moves: [a5, m2]}
  a8: {title: A8, track: ic, level: L2, family: f, moves: [a1, b1]}
  a9: {title: A9, track: ic, level: L2, family: f, moves: [d1]}
  b1: {title: B1, track: ic, level: L3, family: f, moves: [d1, a9]}
  c1: {title: C1, track: ic, level: L4, family: f}
  m1: {title: M1, track: mgmt, level: L3, family: f, moves: [c1, a1]}
  m2: {title: M2, track: mgmt, level: L2, family: f, moves: [m1, a8]}
  d1: {title: D1, track: ic, level: L4, family: g, moves: [a1, m1]}
  d2: {title: D2, track: ic, level: L1, family: g, moves: [d1, a4, m2]}
"""


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def roles_of(root: ET.Element) -> dict[str, ET.Element]:
    group = root.find("svg:g[@class='roles']", NS)
    assert group is not None
    return {g.attrib["data-role"]: g for g in group.findall("svg:g", NS)}


def moves_of(root: ET.Element) -> list[ET.Element]:
    group = root.find("svg:g[@class='moves']", NS)
    assert group is not None
    return group.findall("svg:g", NS)


# --- routing: every move around the boxes ----------------------------------------

Rect = tuple[float, float, float, float]
Point = tuple[float, float]


def rects_of(root: ET.Element) -> dict[str, Rect]:
    """Each role's box, as drawn: (left, top, right, bottom)."""
    found = {}
    for role, group in roles_of(root).items():
        rect = group.find("svg:rect", NS)
        assert rect is not None
        x, y = float(rect.attrib["x"]), float(rect.attrib["y"])
        found[role] = (x, y, x + float(rect.attrib["width"]), y + float(rect.attrib["height"]))
    return found


def segments_of(d: str) -> list[tuple[Point, Point]]:
    """The segments of a path of M, L, H, V and Q commands (absolute): for a curve, the
    two legs of its control polygon and its chord (the curve lies in that triangle)."""
    tokens = re.findall(r"[MLHVQ]|-?\d+(?:\.\d+)?", d)
    segments: list[tuple[Point, Point]] = []
    at: Point | None = None
    i = 0
    while i < len(tokens):
        command = tokens[i]
        if command == "M":
            at = (float(tokens[i + 1]), float(tokens[i + 2]))
            i += 3
        elif command == "L":
            assert at is not None
            to = (float(tokens[i + 1]), float(tokens[i + 2]))
            segments.append((at, to))
            at, i = to, i + 3
        elif command in "HV":
            assert at is not None
            value = float(tokens[i + 1])
            to = (value, at[1]) if command == "H" else (at[0], value)
            segments.append((at, to))
            at, i = to, i + 2
        elif command == "Q":
            assert at is not None
            control = (float(tokens[i + 1]), float(tokens[i + 2]))
            to = (float(tokens[i + 3]), float(tokens[i + 4]))
            segments += [(at, control), (control, to), (at, to)]
            at, i = to, i + 5
        else:  # pragma: no cover - the pattern only yields these
            raise AssertionError(command)
    return segments


def crosses(segment: tuple[Point, Point], rect: Rect) -> bool:
    """Whether a segment enters the inside of a rectangle (Liang-Barsky clipping;
    running along an edge is not entering)."""
    (x1, y1), (x2, y2) = segment
    left, top, right, bottom = rect
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in ((-dx, x1 - left), (dx, right - x1), (-dy, y1 - top), (dy, bottom - y1)):
        if p == 0:
            if q <= 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low >= high:
            return False
    return True


def on_edge(point: Point, rect: Rect) -> bool:
    """Whether a point is on the top or bottom edge of a rectangle."""
    x, y = point
    left, top, right, bottom = rect
    return left <= x <= right and y in (top, bottom)


def assert_routed_around_boxes(ladder: Ladder, svg: str) -> int:
    """No move's path enters a box but its own two; each starts and ends on its boxes.
    Returns the number of moves checked."""
    root = parse(svg)
    rects = rects_of(root)
    # a grid of buckets, so a 300-role chart is checked in a moment
    cell = 200
    buckets: dict[tuple[int, int], list[str]] = {}
    for role, (left, top, right, bottom) in rects.items():
        for bx in range(int(left) // cell, int(right) // cell + 1):
            for by in range(int(top) // cell, int(bottom) // cell + 1):
                buckets.setdefault((bx, by), []).append(role)
    moves = moves_of(root)
    for move in moves:
        source, target = move.attrib["data-from"], move.attrib["data-to"]
        line = move.find("svg:path[@class='line']", NS)
        assert line is not None
        segments = segments_of(line.attrib["d"])
        assert on_edge(segments[0][0], rects[source]), (source, target, line.attrib["d"])
        assert on_edge(segments[-1][1], rects[target]), (source, target, line.attrib["d"])
        for segment in segments:
            (x1, y1), (x2, y2) = segment
            near: set[str] = set()
            for bx in range(int(min(x1, x2)) // cell, int(max(x1, x2)) // cell + 1):
                for by in range(int(min(y1, y2)) // cell, int(max(y1, y2)) // cell + 1):
                    near.update(buckets.get((bx, by), ()))
            for role in near - {source, target}:
                assert not crosses(segment, rects[role]), (source, target, role, segment)
    return len(moves)


def test_crosses() -> None:
    box = (10.0, 10.0, 20.0, 20.0)
    assert crosses(((0, 15), (30, 15)), box)
    assert crosses(((15, 0), (15, 12)), box)
    assert not crosses(((0, 10), (30, 10)), box)  # along the top edge
    assert not crosses(((0, 5), (30, 5)), box)
    assert not crosses(((21, 0), (21, 30)), box)
    assert crosses(((0, 0), (30, 30)), box)


@pytest.mark.parametrize("name", ["healthy", "ceiling", "tricky"])
def test_moves_never_run_under_other_boxes(name: str, request: pytest.FixtureRequest) -> None:
    ladder: Ladder = request.getfixturevalue(name)
    assert assert_routed_around_boxes(ladder, render(ladder, "svg")) >= 3


def test_moves_around_crowded_cells() -> None:
    ladder = ladders.loads(CROWDED)
    chart = layout(build_scene(ladder))
    assert max(c.across for c in chart.columns) >= 2  # the cells hold lines of boxes
    drawn = assert_routed_around_boxes(ladder, render(ladder, "svg", findings=()))
    assert drawn == sum(len(set(r.targets) - {i}) for i, r in ladder.roles.items())


def test_300_roles_moves_around_boxes() -> None:
    ladder = generated(300, families=3)
    assert assert_routed_around_boxes(ladder, render(ladder, "svg")) > 1000


@settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(ladder_strategy(max_roles=14, max_levels=4, families=2, max_moves=4))
def test_generated_ladders_route_around_boxes(ladder: Ladder) -> None:
    assert_routed_around_boxes(ladder, render(ladder, "svg", findings=()))


def test_the_svg_draws_the_layout(healthy: Ladder) -> None:
    chart = layout(build_scene(healthy))
    root = parse(render(healthy, "svg"))
    rects = rects_of(root)
    for role, box in chart.boxes.items():
        assert rects[role] == (box.x, box.y, box.right, box.bottom)
    drawn = [(m.attrib["data-from"], m.attrib["data-to"]) for m in moves_of(root)]
    assert drawn == [(m.source, m.target) for m in chart.moves]


def test_a_move_between_stacked_boxes_is_straight(healthy: Ladder) -> None:
    chart = layout(build_scene(healthy))
    index = [(m.source, m.target) for m in chart.moves].index(("eng-1", "eng-2"))
    route = chart.routes[index]
    assert len(route) == 2
    assert route[0][0] == route[1][0]


# --- what the chart shows --------------------------------------------------------


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
    box = layout(build_scene(tricky)).boxes["end"]
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
    kinds = [m.attrib["class"].split()[1] for m in moves_of(root)]
    assert len(kinds) == sum(len(set(r.targets)) for r in healthy.roles.values())
    assert {"technical", "management", "lateral"} == set(kinds)
    legend = root.find("svg:g[@class='legend']", NS)
    assert legend is not None
    labels = "".join(legend.itertext())
    assert "technical move" in labels
    assert "management move" in labels
    assert "lateral" in labels


def test_cross_family_moves_are_marked_and_name_both_ends(healthy: Ladder) -> None:
    root = parse(render(healthy, "svg"))
    crossing = [m for m in moves_of(root) if "cross-family" in m.attrib["class"].split()]
    ends = {(m.attrib["data-from"], m.attrib["data-to"]) for m in crossing}
    expected = {
        (source, target)
        for source, role in healthy.roles.items()
        for target in role.targets
        if healthy.roles[target].family != role.family
    }
    assert ends == expected
    assert expected
    for move in crossing:
        tooltip = move.find("svg:title", NS)
        assert tooltip is not None
        source, target = move.attrib["data-from"], move.attrib["data-to"]
        assert healthy.roles[source].title in (tooltip.text or "")
        assert healthy.roles[target].title in (tooltip.text or "")
        assert "to another family" in (tooltip.text or "")
    # a dot at the start of each: its own marker
    style = root.find("svg:defs/svg:style", NS)
    assert style is not None
    assert "marker-start: url(#start-technical)" in (style.text or "")
    legend = root.find("svg:g[@class='legend']", NS)
    assert legend is not None
    assert "move to another family" in "".join(legend.itertext())


def test_implied_moves_have_their_own_line_and_legend_entry(compact: Ladder) -> None:
    root = parse(render(compact, "svg", findings=()))
    implied = {
        (m.attrib["data-from"], m.attrib["data-to"])
        for m in moves_of(root)
        if "implied" in m.attrib["class"].split()
    }
    assert implied == COMPACT_IMPLIED
    written = {(m.attrib["data-from"], m.attrib["data-to"]) for m in moves_of(root)} - implied
    assert written == {("staff", "design-lead"), ("designer", "senior")}
    for move in moves_of(root):
        gap = move.find("svg:path[@class='gap']", NS)  # the white middle of a double line
        assert (gap is not None) == ("implied" in move.attrib["class"].split())
    legend = root.find("svg:g[@class='legend']", NS)
    assert legend is not None
    assert "implied move" in "".join(legend.itertext())
    assert_routed_around_boxes(compact, render(compact, "svg"))
    plain = parse(render(ladders.loads(SMALL), "svg", findings=()))
    legend = plain.find("svg:g[@class='legend']", NS)
    assert legend is not None
    assert "implied" not in "".join(legend.itertext())


def test_ids_are_shown_where_titles_repeat() -> None:
    ladder = ladders.loads(
        """
levels: [L1, L2]
tracks: {ic: technical}
roles:
  backend: {title: Engineer, track: ic, level: L1, family: eng}
  frontend: {title: " engineer", track: ic, level: L1, family: web}
  lead: {title: Lead, track: ic, level: L2, family: eng}
"""
    )
    roles = roles_of(parse(render(ladder, "svg", findings=())))
    text = {role: "".join(group.find("svg:text", NS).itertext()) for role, group in roles.items()}  # type: ignore[union-attr]
    assert "backend" in text["backend"]
    assert "frontend" in text["frontend"]
    assert text["lead"] == "Lead"


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
    chart = layout(build_scene(healthy))
    assert [row.level.id for row in chart.rows] == [f"L{i}" for i in range(8, 0, -1)]
    assert chart.boxes["eng-distinguished"].y < chart.boxes["eng-1"].y


def test_rows_hold_their_boxes(healthy: Ladder) -> None:
    chart = layout(build_scene(healthy))
    for row, below in itertools.pairwise(chart.rows):
        assert row.y + row.height == below.y
    for box in chart.boxes.values():
        row = next(r for r in chart.rows if r.level.id == healthy.roles[box.role].level)
        assert row.y <= box.y
        assert box.bottom <= row.y + row.height


def test_columns_are_tracks_grouped_by_family(healthy: Ladder) -> None:
    chart = layout(build_scene(healthy))
    assert [(c.family, c.track) for c in chart.columns] == [
        ("engineering", "ic"),
        ("engineering", "mgmt"),
        ("design", "design-ic"),
        ("design", "design-mgmt"),
    ]
    assert [band.family for band in chart.families] == ["engineering", "design"]
    first = layout(build_scene(healthy), families_first=["design"])
    assert [band.family for band in first.families] == ["design", "engineering"]


def test_300_roles_no_box_overlaps_and_all_inside() -> None:
    ladder = generated(300, families=3)
    chart = layout(build_scene(ladder))
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
    for route in chart.routes:
        for x, y in route:
            assert 0 <= x <= chart.width
            assert chart.grid_y <= y <= chart.height


@pytest.mark.parametrize(
    ("name", "source"),
    [
        ("small", SMALL),
        ("healthy", "examples/healthy.yaml"),
        ("crowded", CROWDED),
        ("compact", "examples/compact.yaml"),
    ],
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
