"""Where things go on a ladder chart: levels as rows, (family, track) as columns.

The layout is pure geometry in whole pixels, computed once and shared by the SVG chart
and the HTML report. It is deterministic: the same ladder always gives the same layout.

- Rows are levels, the highest at the top; a row is as tall as its fullest cell.
- Columns are tracks grouped by family (families in the order their first role is
  written; in a family, technical tracks first, then in the order tracks are written).
- A cell (one level of one column) holds its roles as boxes, in file order, wrapped
  ``across`` boxes a line; ``across`` is chosen per column from its fullest cell.
- Every box has the same size; titles wrap to at most :data:`MAX_LINES` lines.

>>> import ladders
>>> ladder = ladders.loads('''
... levels: [L1, L2]
... tracks: {ic: technical, mgmt: management}
... roles:
...   dev: {title: Developer, track: ic, level: L1, moves: [lead, senior]}
...   senior: {title: Senior Developer, track: ic, level: L2}
...   lead: {title: Team Lead, track: mgmt, level: L2}
... ''')
>>> chart = layout(ladder)
>>> [(c.track, c.kind) for c in chart.columns]
[('ic', 'technical'), ('mgmt', 'management')]
>>> [row.level.id for row in chart.rows]  # highest first
['L2', 'L1']
>>> [(m.source, m.target, m.kind) for m in chart.moves]
[('dev', 'lead', 'management'), ('dev', 'senior', 'technical')]
>>> chart.boxes["senior"].y < chart.boxes["dev"].y
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from ladders.ladder import Ladder
from ladders.model import Level, MoveKind, TrackKind, move_kind

__all__ = [
    "BOX_WIDTH",
    "LEGEND",
    "MAX_LINES",
    "Box",
    "Chart",
    "Column",
    "FamilyBand",
    "Row",
    "ShownMove",
    "chart_moves",
    "family_label",
    "layout",
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

#: the legend: (CSS classes of the sample, label)
LEGEND: tuple[tuple[str, str], ...] = (
    ("move technical", "technical move (up)"),
    ("move management", "management move (up)"),
    ("move lateral", "lateral move or step back"),
    ("role technical", "technical track role"),
    ("role management", "management track role"),
    ("role technical error", "role with an error"),
    ("role technical warning", "role with a warning"),
)


@dataclass(frozen=True, slots=True)
class Box:
    """A role's box: top-left corner, size, and its title as wrapped lines."""

    role: str
    x: int
    y: int
    width: int
    height: int
    lines: tuple[str, ...]

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
    """One track of one family: a column of cells."""

    family: str | None
    track: str
    kind: TrackKind
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


@dataclass(frozen=True, slots=True)
class Row:
    """One level: a horizontal band of the chart."""

    rank: int
    level: Level
    y: int
    height: int


@dataclass(frozen=True, slots=True)
class ShownMove:
    """A move as drawn: from one role to another, with its inferred kind."""

    source: str
    target: str
    kind: MoveKind


@dataclass(frozen=True, slots=True)
class Chart:
    """The whole layout: canvas size, headers, rows, columns, boxes and moves."""

    width: int
    height: int
    legend_y: int
    #: where each legend item goes (left, top), in the order of :data:`LEGEND`
    legend: tuple[tuple[int, int], ...]
    family_y: int
    track_y: int
    grid_y: int
    columns: tuple[Column, ...]
    families: tuple[FamilyBand, ...]
    rows: tuple[Row, ...]
    boxes: Mapping[str, Box]
    moves: tuple[ShownMove, ...]


def chart_moves(ladder: Ladder) -> list[ShownMove]:
    """The moves to draw, each once, with its kind inferred from the two roles.

    Moves to unknown roles, to the role itself, and repeated moves are left out: the
    rules report those, a chart has nothing sensible to draw for them.
    """
    roles = ladder.roles
    ranks = ladder.ranks
    tracks = ladder.tracks
    rank_of = {role_id: ranks[role.level] for role_id, role in roles.items()}
    shown: list[ShownMove] = []
    for source, role in roles.items():
        if not role.move_specs:
            continue
        rank = rank_of[source]
        seen: set[str] = set()
        for target in role.targets:
            if target == source or target in seen or target not in roles:
                continue
            seen.add(target)
            to_management = tracks[roles[target].track].kind == "management"
            shown.append(ShownMove(source, target, move_kind(rank, rank_of[target], to_management)))
    return shown


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


def _legend_places(width: int, top: int) -> list[tuple[int, int]]:
    """Legend items left to right, wrapping to a new line at the chart's width."""
    places: list[tuple[int, int]] = []
    x, y = MARGIN, top
    for _, label in LEGEND:
        item = 34 + int(len(label) * 11 * CHAR_WIDTH) + 22
        if x > MARGIN and x + item > width - MARGIN:
            x, y = MARGIN, y + LEGEND_LINE_HEIGHT
        places.append((x, y))
        x += item
    return places


def _ordered_columns(ladder: Ladder) -> list[tuple[str | None, str]]:
    """(family, track) pairs that have roles, in the chart's left-to-right order."""
    track_order = {track_id: i for i, track_id in enumerate(ladder.tracks)}
    tracks = ladder.tracks
    families: dict[str | None, set[str]] = {}
    for role in ladder.roles.values():
        families.setdefault(role.family, set()).add(role.track)
    ordered: list[tuple[str | None, str]] = []
    for family, used in families.items():
        for track in sorted(
            used, key=lambda t: (tracks[t].kind == "management", track_order.get(t, 0))
        ):
            ordered.append((family, track))
    return ordered


def _across(fullest: int) -> int:
    """Boxes per line in a column whose fullest cell holds ``fullest`` roles: cells
    come out about twice as wide as tall (boxes are wider than tall)."""
    if fullest <= 2:
        return 1
    return min(fullest, math.ceil(math.sqrt(fullest * 0.75)))


def layout(ladder: Ladder, *, legend: bool = True) -> Chart:
    """Lay out a ladder as a chart (see the module documentation)."""
    ranks = ladder.ranks
    tracks = ladder.tracks
    order = _ordered_columns(ladder)
    column_index = {key: i for i, key in enumerate(order)}
    levels = len(ladder.levels)
    # cells[column][rank] -> role ids, in file order
    cells: list[list[list[str]]] = [[[] for _ in range(levels)] for _ in order]
    for role_id, role in ladder.roles.items():
        cells[column_index[(role.family, role.track)]][ranks[role.level]].append(role_id)

    wrapped: dict[str, tuple[str, ...]] = {}
    for role in ladder.roles.values():
        if role.title not in wrapped:
            wrapped[role.title] = wrap(role.title)
    lines_needed = max((len(lines) for lines in wrapped.values()), default=1)
    box_height = 2 * BOX_PAD + lines_needed * LINE_HEIGHT

    # Columns, left to right.
    x = MARGIN + LABEL_WIDTH
    columns: list[Column] = []
    bands: list[FamilyBand] = []
    band_start = x
    for i, (family, track) in enumerate(order):
        if i and order[i - 1][0] != family:
            bands.append(FamilyBand(order[i - 1][0], band_start, x - COLUMN_GAP - band_start))
            x += FAMILY_GAP
            band_start = x
        across = _across(max(len(cell) for cell in cells[i]))
        width = across * BOX_WIDTH + (across - 1) * GAP + 2 * CELL_PAD
        kind = tracks[track].kind
        columns.append(Column(family, track, kind, tracks[track].name or track, x, width, across))
        x += width + COLUMN_GAP
    if order:
        bands.append(FamilyBand(order[-1][0], band_start, x - COLUMN_GAP - band_start))
    grid_right = x - COLUMN_GAP if order else x
    width = max(grid_right + MARGIN, 480)

    # Header: title, legend, family and track headers.
    legend_y = MARGIN + TITLE_HEIGHT
    places = _legend_places(width, legend_y) if legend else []
    legend_height = places[-1][1] + LEGEND_LINE_HEIGHT + 8 - legend_y if places else 0
    family_y = legend_y + legend_height
    track_y = family_y + FAMILY_HEADER_HEIGHT
    grid_y = track_y + TRACK_HEADER_HEIGHT

    # Rows, top (highest rank) to bottom.
    rows: list[Row] = []
    row_tops: list[int] = [0] * levels
    y = grid_y
    for rank in range(levels - 1, -1, -1):
        lines_of_boxes = max(
            (
                math.ceil(len(cells[c][rank]) / columns[c].across)
                for c in range(len(columns))
                if cells[c][rank]
            ),
            default=1,
        )
        height = 2 * ROW_PAD + lines_of_boxes * box_height + (lines_of_boxes - 1) * GAP
        rows.append(Row(rank, ladder.levels[rank], y, height))
        row_tops[rank] = y
        y += height
    height = y + MARGIN

    boxes: dict[str, Box] = {}
    step_x = BOX_WIDTH + GAP
    step_y = box_height + GAP
    for c, column in enumerate(columns):
        left = column.x + CELL_PAD
        across = column.across
        for rank, cell in enumerate(cells[c]):
            top = row_tops[rank] + ROW_PAD
            for i, role_id in enumerate(cell):
                line, place = divmod(i, across)
                boxes[role_id] = Box(
                    role_id,
                    left + place * step_x,
                    top + line * step_y,
                    BOX_WIDTH,
                    box_height,
                    wrapped[ladder.roles[role_id].title],
                )

    return Chart(
        width=width,
        height=height,
        legend_y=legend_y,
        legend=tuple(places),
        family_y=family_y,
        track_y=track_y,
        grid_y=grid_y,
        columns=tuple(columns),
        families=tuple(bands),
        rows=tuple(rows),
        boxes=boxes,
        moves=tuple(chart_moves(ladder)),
    )


def family_label(family: str | None) -> str:
    """How a family is named on a chart: roles without one form '(no family)'."""
    return "(no family)" if family is None else family
