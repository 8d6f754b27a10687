"""Where things go on a ladder chart: levels as rows, (family, track) as columns.

The layout is pure geometry, computed once and shared by the SVG chart and the HTML
report. It is deterministic: the same scene always gives the same layout.

- Rows are levels, the highest at the top; a row is as tall as its fullest cell.
- Columns are tracks grouped by family (families in the order their first role is
  written, or ``families_first`` first; in a family, technical tracks first, then in the
  order tracks are written). Roles outside the view (``--family``) get a column of their
  own at the right.
- A cell (one level of one column) holds its roles as boxes, in file order, wrapped
  ``across`` boxes a line; ``across`` is chosen per column from its fullest cell.
- Every box has the same size; titles wrap to at most :data:`MAX_LINES` lines, and a
  box whose title another role also has shows its id on a line below.
- Moves are routed around the boxes (:mod:`ladders.render.routing`): through the gaps
  between lines of boxes and between columns, which widen to fit the routes they carry.

>>> import ladders
>>> from ladders.render.scene import build_scene
>>> ladder = ladders.loads('''
... levels: [L1, L2]
... tracks: {ic: technical, mgmt: management}
... roles:
...   dev: {title: Developer, track: ic, level: L1, moves: [lead, senior]}
...   senior: {title: Senior Developer, track: ic, level: L2}
...   lead: {title: Team Lead, track: mgmt, level: L2}
... ''')
>>> chart = layout(build_scene(ladder))
>>> [(c.track, c.kind) for c in chart.columns]
[('ic', 'technical'), ('mgmt', 'management')]
>>> [row.level.id for row in chart.rows]  # highest first
['L2', 'L1']
>>> [(m.source, m.target, m.kind) for m in chart.moves]
[('dev', 'lead', 'management'), ('dev', 'senior', 'technical')]
>>> chart.boxes["senior"].y < chart.boxes["dev"].y
True
>>> dev, senior = chart.boxes["dev"], chart.boxes["senior"]
>>> route = chart.routes[1]  # up from the top of dev, into the bottom of senior
>>> route[0][1] == dev.y, route[-1][1] == senior.bottom
(True, True)
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ladders.model import Level, TrackKind
from ladders.render.routing import Slot, place, plan_routes
from ladders.render.scene import Scene, ShownMove, family_label

__all__ = [
    "BASE_LEGEND",
    "BOX_WIDTH",
    "MAX_LINES",
    "Box",
    "Chart",
    "Column",
    "FamilyBand",
    "LegendItem",
    "Point",
    "Row",
    "family_label",
    "layout",
    "legend_entries",
    "wrap",
]

#: box size and text metrics (pixels); text width is estimated, not measured
BOX_WIDTH = 168
BOX_PAD = 7
FONT_SIZE = 12
LINE_HEIGHT = 15
#: a title wraps to at most this many lines; the rest is cut with an ellipsis
MAX_LINES = 3
#: the estimated advance of one character, as a fraction of the font size
CHAR_WIDTH = 0.6
CHARS_PER_LINE = int((BOX_WIDTH - 2 * BOX_PAD) / (FONT_SIZE * CHAR_WIDTH))

GAP = 12  # between boxes of one cell
CELL_PAD = 14  # around the boxes of a cell, left and right
ROW_PAD = 22  # above and below the boxes of a row: room for the arrows
COLUMN_GAP = 18
FAMILY_GAP = 34
MARGIN = 16
LABEL_WIDTH = 132  # the level labels on the left
TITLE_HEIGHT = 34
LEGEND_LINE_HEIGHT = 22
FAMILY_HEADER_HEIGHT = 24
TRACK_HEADER_HEIGHT = 36

#: routes: a track keeps STUB from the boxes either side of its gap (room for a bend
#: and an arrowhead); parallel tracks are TRACK_GAP apart, closer only in a gap that
#: would otherwise grow past MAX_GAP; ports keep PORT_MARGIN from a box's corners
STUB = 12
TRACK_GAP = 4
MAX_GAP = 150
PORT_MARGIN = 14

Point = tuple[int, int]


@dataclass(frozen=True, slots=True)
class LegendItem:
    """One legend entry: the CSS classes of its sample, its label, where it goes."""

    css: str
    label: str
    x: int
    y: int


@dataclass(frozen=True, slots=True)
class Box:
    """A role's box: top-left corner, size, its title as wrapped lines, and a note
    line (the role's id where titles repeat, its family for a role outside the view)."""

    role: str
    x: int
    y: int
    width: int
    height: int
    lines: tuple[str, ...]
    note: str | None = None
    outside: bool = False

    @property
    def cx(self) -> int:
        """The horizontal centre."""
        return self.x + self.width // 2

    @property
    def bottom(self) -> int:
        return self.y + self.height

    @property
    def right(self) -> int:
        return self.x + self.width


@dataclass(frozen=True, slots=True)
class Column:
    """One track of one family: a column of cells (``kind`` ``None``: the roles
    outside the view)."""

    family: str | None
    track: str
    kind: TrackKind | None
    name: str
    x: int
    width: int
    across: int


@dataclass(frozen=True, slots=True)
class FamilyBand:
    """The columns of one family, side by side, under one header."""

    family: str | None
    x: int
    width: int
    label: str


@dataclass(frozen=True, slots=True)
class Row:
    """One level: a horizontal band of the chart."""

    rank: int
    level: Level
    y: int
    height: int


@dataclass(frozen=True, slots=True)
class Chart:
    """The whole layout: canvas size, headers, rows, columns, boxes and routed moves."""

    width: int
    height: int
    #: where the title goes (its baseline), or None when the chart has no heading
    title_y: int | None
    legend: tuple[LegendItem, ...]
    family_y: int
    track_y: int
    grid_y: int
    columns: tuple[Column, ...]
    families: tuple[FamilyBand, ...]
    rows: tuple[Row, ...]
    boxes: Mapping[str, Box]
    moves: tuple[ShownMove, ...]
    #: each move's path: corners from the edge of its source box to the edge of its target
    routes: tuple[tuple[Point, ...], ...]


def wrap(text: str, width: int = CHARS_PER_LINE, max_lines: int = MAX_LINES) -> tuple[str, ...]:
    """Wrap text at spaces into lines of at most ``width`` characters.

    A word longer than a line is cut; text beyond ``max_lines`` ends in an ellipsis.

    >>> wrap("Senior Principal Software Engineer", 20)
    ('Senior Principal', 'Software Engineer')
    >>> wrap("Supercalifragilisticexpialidocious", 10, 2)
    ('Supercalif', 'ragilisti…')
    """
    words = text.split()
    lines: list[str] = []
    line = ""
    for word in words:
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line = f"{line} {word}"
        else:
            lines.append(line)
            line = word
    if line or not lines:
        lines.append(line)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        lines = lines[:max_lines]
        lines[-1] = (last if len(last) < width else last[: width - 1]) + "…"
    return tuple(lines)


#: the legend entries every chart has: (CSS classes of the sample, label)
BASE_LEGEND: tuple[tuple[str, str], ...] = (
    ("move technical", "technical move (up)"),
    ("move management", "management move (up)"),
    ("move lateral", "lateral move or step back"),
    ("role technical", "technical track role"),
    ("role management", "management track role"),
    ("role technical error", "role with an error"),
    ("role technical warning", "role with a warning"),
)


def legend_entries(scene: Scene) -> list[tuple[str, str]]:
    """The legend of a scene: the base entries, then the styles only some charts use."""
    entries = list(BASE_LEGEND)
    if any(m.implied for m in scene.moves):
        entries.insert(3, ("move technical implied", "implied move (progression)"))
    if any(m.cross_family for m in scene.moves):
        entries.insert(3, ("move technical cross-family", "move to another family (dot at start)"))
    if scene.outside:
        entries.append(("role outside", "role outside this view"))
    if scene.focus is not None:
        entries.append(("role technical focus", "the role in focus"))
    return entries


def _legend_places(entries: Sequence[tuple[str, str]], width: int, top: int) -> list[LegendItem]:
    """Legend items left to right, wrapping to a new line at the chart's width."""
    places: list[LegendItem] = []
    x, y = MARGIN, top
    for css, label in entries:
        item = 34 + int(len(label) * 11 * CHAR_WIDTH) + 22
        if x > MARGIN and x + item > width - MARGIN:
            x, y = MARGIN, y + LEGEND_LINE_HEIGHT
        places.append(LegendItem(css, label, x, y))
        x += item
    return places


_OUTSIDE = object()  # the family key of the roles outside the view


def _ordered_columns(
    scene: Scene, families_first: Sequence[str | None]
) -> list[tuple[object, str | None]]:
    """(family, track) pairs that have roles, in the chart's left-to-right order; the
    roles outside the view come last, in one column (track ``None``)."""
    ladder = scene.ladder
    track_order = {track_id: i for i, track_id in enumerate(ladder.tracks)}
    tracks = ladder.tracks
    families: dict[str | None, set[str]] = {}
    for role_id in scene.roles:
        role = ladder.roles[role_id]
        families.setdefault(role.family, set()).add(role.track)
    first = [f for f in dict.fromkeys(families_first) if f in families]
    ordered: list[tuple[object, str | None]] = []
    for family in first + [f for f in families if f not in first]:
        for track in sorted(
            families[family],
            key=lambda t: (tracks[t].kind == "management", track_order.get(t, 0)),
        ):
            ordered.append((family, track))
    if scene.outside:
        ordered.append((_OUTSIDE, None))
    return ordered


def _across(fullest: int) -> int:
    """Boxes per line in a column whose fullest cell holds ``fullest`` roles: cells
    come out about twice as wide as tall (boxes are wider than tall)."""
    if fullest <= 2:
        return 1
    return min(fullest, math.ceil(math.sqrt(fullest * 0.75)))


def _tracks(start: float, size: float, count: int) -> list[float]:
    """Where ``count`` tracks go in a gap from ``start`` of ``size``: centred, TRACK_GAP
    apart (closer if the gap is at its cap), STUB from either side."""
    if count <= 0:
        return []
    step = TRACK_GAP if count == 1 else min(TRACK_GAP, (size - 2 * STUB) / (count - 1))
    middle = start + size / 2
    return [middle + (t - (count - 1) / 2) * step for t in range(count)]


def _gap(base: int, tracks: int) -> int:
    """How wide (or tall) a gap of ``base`` must be to carry ``tracks`` tracks."""
    if tracks <= 0:
        return base
    return max(base, min(MAX_GAP, math.ceil(2 * STUB + (tracks - 1) * TRACK_GAP)))


def layout(
    scene: Scene,
    *,
    heading: bool = True,
    legend: bool = True,
    families_first: Sequence[str | None] = (),
) -> Chart:
    """Lay out a scene as a chart (see the module documentation).

    ``heading``: leave room for the title above the legend; ``families_first``: these
    families' columns come first, in this order.
    """
    ladder = scene.ladder
    ranks = ladder.ranks
    tracks = ladder.tracks
    roles = ladder.roles
    order = _ordered_columns(scene, families_first)
    column_index = {key: i for i, key in enumerate(order)}
    levels = len(ladder.levels)
    outside = set(scene.outside)
    # cells[column][rank] -> role ids, in file order
    cells: list[list[list[str]]] = [[[] for _ in range(levels)] for _ in order]
    for role_id in scene.everyone:
        role = roles[role_id]
        key = (_OUTSIDE, None) if role_id in outside else (role.family, role.track)
        cells[column_index[key]][ranks[role.level]].append(role_id)

    wrapped: dict[str, tuple[str, ...]] = {}
    notes: dict[str, str] = {}
    for role_id in scene.everyone:
        title = roles[role_id].title
        if title not in wrapped:
            wrapped[title] = wrap(title)
        note = [role_id] if role_id in scene.repeated_titles else []
        if role_id in outside:
            note.append(family_label(roles[role_id].family))
        if note:
            notes[role_id] = " · ".join(note)
    lines_needed = max(
        (len(wrapped[roles[r].title]) + (r in notes) for r in scene.everyone), default=1
    )
    box_height = 2 * BOX_PAD + lines_needed * LINE_HEIGHT

    # The grid, abstractly: each box's column, slot and line (lines counted from the top).
    across = [_across(max(len(cell) for cell in column)) for column in cells]
    row_lines = [
        max((math.ceil(len(cells[c][rank]) / across[c]) for c in range(len(order))), default=1) or 1
        for rank in range(levels)
    ]
    first_line = [0] * levels
    line = 0
    for rank in range(levels - 1, -1, -1):
        first_line[rank] = line
        line += row_lines[rank]
    total_lines = line
    slots: dict[str, Slot] = {}
    for c, column_cells in enumerate(cells):
        for rank, cell in enumerate(column_cells):
            for i, role_id in enumerate(cell):
                down, place_in_line = divmod(i, across[c])
                slots[role_id] = Slot(c, place_in_line, first_line[rank] + down)
    drawn = list(slots)
    number = {role_id: i for i, role_id in enumerate(drawn)}
    plan = plan_routes(
        [slots[r] for r in drawn],
        [(number[m.source], number[m.target]) for m in scene.moves],
        columns=len(order),
        lines=total_lines,
        slots=across,
        boundaries=[0, total_lines, *first_line],
    )

    # Columns, left to right: each channel as wide as its tracks need.
    x = MARGIN + LABEL_WIDTH
    columns: list[Column] = []
    bands: list[FamilyBand] = []
    channel_x: list[list[float]] = []
    band_start = x
    for i, (family, track) in enumerate(order):
        if i == 0:
            base = CELL_PAD
        elif order[i - 1][0] != family:
            base = 2 * CELL_PAD + FAMILY_GAP
        else:
            base = 2 * CELL_PAD + COLUMN_GAP
        # channel i runs from the boxes of the column before to the boxes of this one
        channel = _gap(base, plan.channel_tracks[i])
        channel_start = x - CELL_PAD if i else x
        channel_x.append(_tracks(channel_start, channel, plan.channel_tracks[i]))
        x = channel_start + channel - CELL_PAD  # the left edge of the column
        if i and order[i - 1][0] != family:
            previous = order[i - 1][0]
            bands.append(_band(previous, band_start, columns[-1].x + columns[-1].width))
            band_start = x
        width = across[i] * BOX_WIDTH + (across[i] - 1) * GAP + 2 * CELL_PAD
        if track is None:
            columns.append(Column(None, "", None, "outside this view", x, width, across[i]))
        else:
            kind = tracks[track].kind
            name = tracks[track].name or track
            named = family if isinstance(family, str) else None
            columns.append(Column(named, track, kind, name, x, width, across[i]))
        x += width
    last = len(order)
    channel = _gap(CELL_PAD, plan.channel_tracks[last])
    channel_start = x - CELL_PAD
    channel_x.append(_tracks(channel_start, channel, plan.channel_tracks[last]))
    if order:
        bands.append(_band(order[-1][0], band_start, x))
        x = channel_start + channel
    width = max(x + MARGIN, 480)

    # Header: title, legend, family and track headers.
    title_y = MARGIN + 20 if heading else None
    legend_y = MARGIN + (TITLE_HEIGHT if heading else 0)
    places = _legend_places(legend_entries(scene), width, legend_y) if legend else []
    legend_height = places[-1].y + LEGEND_LINE_HEIGHT + 8 - legend_y if places else 0
    family_y = legend_y + legend_height
    track_y = family_y + FAMILY_HEADER_HEIGHT
    grid_y = track_y + TRACK_HEADER_HEIGHT

    # Lanes (the gaps above, between and below lines of boxes) and rows, top to bottom.
    row_starts = {first_line[rank]: rank for rank in range(levels)}
    lane_y: list[list[float]] = []
    line_y: list[int] = []
    rows: list[Row] = []
    y = grid_y
    row_top = grid_y
    for lane in range(total_lines + 1):
        if lane == 0 or lane == total_lines:
            base = ROW_PAD
        elif lane in row_starts:
            base = 2 * ROW_PAD
        else:
            base = GAP
        size = _gap(base, plan.lane_tracks[lane])
        lane_y.append(_tracks(y, size, plan.lane_tracks[lane]))
        if lane in row_starts and lane:
            # the row above ends in the middle of the gap between two rows
            middle = y + size // 2
            rank = row_starts[lane] + 1
            rows.append(Row(rank, ladder.levels[rank], row_top, middle - row_top))
            row_top = middle
        y += size
        if lane < total_lines:
            line_y.append(y)
            y += box_height
    if levels:
        rows.append(Row(0, ladder.levels[0], row_top, y - row_top))
    height = y + MARGIN

    boxes: dict[str, Box] = {}
    step_x = BOX_WIDTH + GAP
    for role_id in drawn:
        slot = slots[role_id]
        boxes[role_id] = Box(
            role_id,
            columns[slot.column].x + CELL_PAD + slot.slot * step_x,
            line_y[slot.line],
            BOX_WIDTH,
            box_height,
            wrapped[roles[role_id].title],
            notes.get(role_id),
            role_id in outside,
        )
    ordered_boxes = {role_id: boxes[role_id] for role_id in scene.everyone}

    # Routes in whole pixels: each box as (top, bottom, where its ports start, their span).
    ends = {
        r: (b.y, b.y + b.height, b.x + PORT_MARGIN, b.width - 2 * PORT_MARGIN)
        for r, b in boxes.items()
    }
    lanes = [[round(y) for y in tracks] for tracks in lane_y]
    channels = [[round(x) for x in tracks] for tracks in channel_x]
    routes = [
        place(route, ends[move.source], ends[move.target], lanes, channels)
        for move, route in zip(scene.moves, plan.routes, strict=True)
    ]

    return Chart(
        width=width,
        height=height,
        title_y=title_y,
        legend=tuple(places),
        family_y=family_y,
        track_y=track_y,
        grid_y=grid_y,
        columns=tuple(columns),
        families=tuple(bands),
        rows=tuple(rows),
        boxes=ordered_boxes,
        moves=scene.moves,
        routes=tuple(routes),
    )


def _band(family: object, start: int, end: int) -> FamilyBand:
    if family is _OUTSIDE:
        return FamilyBand(None, start, end - start, "other families")
    name = family if isinstance(family, str) else None
    return FamilyBand(name, start, end - start, family_label(name))
