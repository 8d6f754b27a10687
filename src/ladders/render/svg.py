"""The ladder chart as a standalone SVG image.

Levels are rows (highest at the top, labelled on the left), tracks are columns grouped
by family, roles are boxes with their titles, moves are arrows routed around the boxes:
technical solid blue, management dashed orange, lateral dotted grey (shapes differ as
well as colours, so the chart reads in greyscale too). An implied move (format 1.1) is
a hollow double line of its kind; a move to another family starts with a dot and names
both ends in its tooltip. A role with findings has a red (error) or amber (warning)
frame and a badge, and its tooltip lists the findings; where titles repeat, a box shows
its role id. All text is escaped; nothing is fetched.

>>> import ladders
>>> from ladders.render.svg import render_svg
>>> ladder = ladders.loads('''
... levels: [L1, L2]
... tracks: {ic: technical}
... roles:
...   dev: {title: "R&D <Developer>", track: ic, level: L1, moves: [senior]}
...   senior: {title: Senior Developer, track: ic, level: L2}
... ''')
>>> svg = render_svg(ladder, findings=())
>>> svg.startswith("<svg") and "R&amp;D &lt;Developer&gt;" in svg
True
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from html import escape

from ladders.findings import Finding
from ladders.ladder import Ladder
from ladders.render.layout import (
    BOX_PAD,
    FONT_SIZE,
    LINE_HEIGHT,
    MARGIN,
    Chart,
    LegendItem,
    Point,
    layout,
    wrap,
)
from ladders.render.scene import Scene, ShownMove, build_scene

__all__ = [
    "COLOURS",
    "STYLE",
    "findings_by_role",
    "move_label",
    "path_data",
    "render_svg",
    "svg_chart",
]

#: colours shared by every format (Okabe-Ito blue and vermillion: safe for colour blindness)
COLOURS = {
    "technical": "#0072B2",
    "management": "#D55E00",
    "lateral": "#6E7781",
    "technical-fill": "#E7F0FA",
    "technical-frame": "#4A7FB5",
    "management-fill": "#FCEBDF",
    "management-frame": "#C0703C",
    "outside-fill": "#F6F8FA",
    "outside-frame": "#8C959F",
    "focus": "#1F2328",
    "error": "#CF222E",
    "warning": "#BF8700",
}

#: how far the white middle of an implied move's double line stops short of its end
#: (so it does not cut the arrowhead)
ARROW_LENGTH = 8

STYLE = f"""\
.ladder-chart {{ font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }}
.ladder-chart .heading {{ font-size: 18px; font-weight: bold; fill: #1F2328; }}
.ladder-chart .band {{ fill: #F6F8FA; }}
.ladder-chart .level-id {{ font-size: 13px; font-weight: bold; fill: #1F2328; }}
.ladder-chart .level-name {{ font-size: 11px; fill: #57606A; }}
.ladder-chart .column.technical {{ fill: {COLOURS["technical"]}; fill-opacity: 0.035; }}
.ladder-chart .column.management {{ fill: {COLOURS["management"]}; fill-opacity: 0.035; }}
.ladder-chart .column.outside {{ fill: #8C959F; fill-opacity: 0.06; }}
.ladder-chart .family {{ font-size: 13px; font-weight: bold; fill: #1F2328; }}
.ladder-chart .family-rule {{ stroke: #8C959F; stroke-width: 1.5; }}
.ladder-chart .track {{ font-size: 11px; fill: #1F2328; }}
.ladder-chart .track-kind {{ font-size: 10px; fill: #57606A; font-style: italic; }}
.ladder-chart .legend-label {{ font-size: 11px; fill: #1F2328; }}
.ladder-chart .move path {{ fill: none; stroke-width: 1.5; stroke-linejoin: round; }}
.ladder-chart .move.technical path {{ stroke: {COLOURS["technical"]}; }}
.ladder-chart .move.management path {{ stroke: {COLOURS["management"]}; stroke-dasharray: 7 4; }}
.ladder-chart .move.lateral path {{ stroke: {COLOURS["lateral"]}; stroke-dasharray: 2 3; }}
.ladder-chart .move.technical .line {{ marker-end: url(#arrow-technical); }}
.ladder-chart .move.management .line {{ marker-end: url(#arrow-management); }}
.ladder-chart .move.lateral .line {{ marker-end: url(#arrow-lateral); }}
.ladder-chart .move.implied .line {{ stroke-width: 4.2; }}
.ladder-chart .move.implied.lateral path {{ stroke-dasharray: 3 3; }}
.ladder-chart .move path.gap {{ stroke: #FFFFFF; stroke-width: 1.6; }}
.ladder-chart .move.cross-family.technical .line {{ marker-start: url(#start-technical); }}
.ladder-chart .move.cross-family.management .line {{ marker-start: url(#start-management); }}
.ladder-chart .move.cross-family.lateral .line {{ marker-start: url(#start-lateral); }}
.ladder-chart .move path.hit {{ stroke: transparent; stroke-width: 9; stroke-dasharray: none; }}
.ladder-chart .role rect {{ stroke-width: 1.2; }}
.ladder-chart .role.technical rect {{ fill: {COLOURS["technical-fill"]};\
 stroke: {COLOURS["technical-frame"]}; }}
.ladder-chart .role.management rect {{ fill: {COLOURS["management-fill"]};\
 stroke: {COLOURS["management-frame"]}; }}
.ladder-chart .role.outside rect {{ fill: {COLOURS["outside-fill"]};\
 stroke: {COLOURS["outside-frame"]}; stroke-dasharray: 5 3; }}
.ladder-chart .role.error rect {{ stroke: {COLOURS["error"]}; stroke-width: 3; }}
.ladder-chart .role.warning rect {{ stroke: {COLOURS["warning"]}; stroke-width: 3; }}
.ladder-chart .role.focus rect {{ stroke: {COLOURS["focus"]}; stroke-width: 4; }}
.ladder-chart .role text {{ font-size: {FONT_SIZE}px; fill: #1F2328; text-anchor: middle; }}
.ladder-chart .role .note {{ font-size: 10px; fill: #57606A; }}
.ladder-chart .badge text {{ font-size: 10px; font-weight: bold; text-anchor: middle; }}
.ladder-chart .badge.error circle {{ fill: {COLOURS["error"]}; }}
.ladder-chart .badge.error text {{ fill: #FFFFFF; }}
.ladder-chart .badge.warning circle {{ fill: #F2C744; stroke: {COLOURS["warning"]}; }}
.ladder-chart .badge.warning text {{ fill: #1F2328; }}
"""

_MARKERS = "".join(
    f'<marker id="arrow-{kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7"'
    f' markerHeight="7" markerUnits="userSpaceOnUse" orient="auto">'
    f'<path d="M0,0 L10,5 L0,10 z" fill="{COLOURS[kind]}"/></marker>'
    f'<marker id="start-{kind}" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="8"'
    f' markerHeight="8" markerUnits="userSpaceOnUse">'
    f'<circle cx="5" cy="5" r="4.5" fill="{COLOURS[kind]}"/></marker>'
    for kind in ("technical", "management", "lateral")
)

_SEVERITY_ORDER = {"warning": 0, "error": 1}


def findings_by_role(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """The findings about each role (findings about no role are left out)."""
    by_role: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.role is not None:
            by_role.setdefault(finding.role, []).append(finding)
    return by_role


def _worst(findings: Sequence[Finding]) -> str:
    return max((str(f.severity) for f in findings), key=_SEVERITY_ORDER.__getitem__)


def _text(x: int, y: int, css: str, text: str, anchor: str | None = None) -> str:
    anchor_attr = f' text-anchor="{anchor}"' if anchor else ""
    return f'<text x="{x}" y="{y}" class="{css}"{anchor_attr}>{escape(text)}</text>'


def path_data(points: Sequence[Point]) -> str:
    """An SVG path through ``points`` (whole pixels; each segment vertical or horizontal,
    the first vertical, as routes are), in the short form of ``V`` and ``H`` commands.

    >>> path_data([(0, 0), (0, 10), (10, 10), (10, 20)])
    'M0,0V10H10V20'
    """
    if len(points) == 6:  # the usual route, via a channel: written out, it is the hot path
        (a, b), (_, c), (d, _), (_, e), (f, _), (_, g) = points
        return f"M{a},{b}V{c}H{d}V{e}H{f}V{g}"
    x, y = points[0]
    parts = [f"M{x},{y}"]
    vertical = True
    for x, y in points[1:]:
        parts.append(f"V{y}" if vertical else f"H{x}")
        vertical = not vertical
    return "".join(parts)


def _short_of_the_end(points: Sequence[Point], length: int) -> list[Point]:
    """The route without its last ``length`` pixels (or most of its last segment)."""
    (ax, ay), (bx, by) = points[-2], points[-1]
    last = abs(bx - ax) + abs(by - ay)
    cut = min(length, last * 4 // 5)
    dx = (bx > ax) - (bx < ax)
    dy = (by > ay) - (by < ay)
    return [*points[:-1], (bx - dx * cut, by - dy * cut)]


def move_label(ladder: Ladder, move: ShownMove) -> str:
    """A move in words, naming both ends: for tooltips and the HTML report.

    >>> import ladders
    >>> ladder = ladders.loads('''
    ... levels: [L1, L2]
    ... tracks: {ic: technical}
    ... roles:
    ...   a: {title: Analyst, track: ic, level: L1, family: data, moves: [b]}
    ...   b: {title: Engineer, track: ic, level: L2, family: eng}
    ... ''')
    >>> move_label(ladder, ShownMove("a", "b", "technical", cross_family=True))
    'Analyst (a, data) → Engineer (b, eng): technical move, to another family'
    """
    roles = ladder.roles

    def end(role_id: str) -> str:
        family = roles[role_id].family
        where = f"{role_id}, {family}" if move.cross_family and family else role_id
        return f"{roles[role_id].title} ({where})"

    what = [f"{move.kind} move"]
    if move.implied:
        what.append("implied")
    if move.cross_family:
        what.append("to another family")
    return f"{end(move.source)} → {end(move.target)}: {', '.join(what)}"


def _move_group(
    css: str,
    points: Sequence[Point],
    attributes: str = "",
    tooltip: str | None = None,
    hit: bool = False,
) -> str:
    line = path_data(points)
    inner = f"<title>{escape(tooltip)}</title>" if tooltip else ""
    inner += f'<path class="line" d="{line}"/>'
    if " implied" in css:
        inner += f'<path class="gap" d="{path_data(_short_of_the_end(points, ARROW_LENGTH))}"/>'
    if hit:
        inner += f'<path class="hit" d="{line}"/>'
    return f'<g class="{css}"{attributes}>{inner}</g>'


@functools.cache
def _css(kind: str, implied: bool, cross_family: bool, leaves: bool) -> str:
    css = f"move {kind}"
    if implied:
        css += " implied"
    if cross_family:
        css += " cross-family"
    if leaves:
        css += " leaves"
    return css


def _move_css(move: ShownMove) -> str:
    return _css(move.kind, move.implied, move.cross_family, move.leaves)


def _legend(items: Sequence[LegendItem]) -> list[str]:
    parts = ['<g class="legend">']
    for item in items:
        x, y = item.x, item.y
        if item.css.startswith("move"):
            sample = _move_group(item.css, [(x + 4, y + 8), (x + 4, y + 8), (x + 28, y + 8)])
        else:
            sample = (
                f'<g class="{item.css}"><rect x="{x + 2}" y="{y + 1}" width="24" height="14"'
                ' rx="3"/></g>'
            )
        parts.append(sample + _text(x + 34, y + 12, "legend-label", item.label))
    parts.append("</g>")
    return parts


def _role_tooltip(ladder: Ladder, role_id: str, findings: Sequence[Finding]) -> str:
    role = ladder.roles[role_id]
    level = ladder.levels[ladder.ranks[role.level]]
    track = ladder.tracks[role.track]
    lines = [
        f"{role.title} ({role_id})",
        f"level {level.id}" + (f" - {level.name}" if level.name else ""),
        f"track {track.name or role.track} ({track.kind})"
        + (f", family {role.family}" if role.family else ""),
    ]
    lines += [f"{f.code} {f.severity}: {f.message}" for f in findings]
    return escape("\n".join(lines))


def svg_chart(
    scene: Scene,
    chart: Chart,
    findings: Mapping[str, Sequence[Finding]],
    title: str,
    *,
    interactive: bool = False,
) -> str:
    """Draw a laid-out scene. ``interactive`` (for the HTML report) makes role boxes
    keyboard-focusable and widens the area that a pointer finds a move to another
    family by; the drawing is the same. Each move names its two roles in ``data-from``
    and ``data-to``."""
    ladder = scene.ladder
    # an image to assistive technology, unless its boxes are controls
    aria = f' aria-label="{escape(title)}"' if interactive else ' role="img"'
    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ladder-chart"{aria}'
        f' width="{chart.width}" height="{chart.height}"'
        f' viewBox="0 0 {chart.width} {chart.height}">',
    ]
    if not interactive:
        parts.append(f"<title>{escape(title)}</title>")
    parts += [
        f"<defs><style>{STYLE}</style>{_MARKERS}</defs>",
        f'<rect width="{chart.width}" height="{chart.height}" fill="#FFFFFF"/>',
    ]
    if chart.title_y is not None:
        parts.append(_text(MARGIN, chart.title_y, "heading", title))
    right = chart.width - MARGIN
    grid_bottom = chart.rows[-1].y + chart.rows[-1].height if chart.rows else chart.grid_y

    # Level rows: alternate bands, labels on the left.
    parts.append('<g class="levels">')
    for i, row in enumerate(chart.rows):
        if i % 2 == 0:
            parts.append(
                f'<rect class="band" x="{MARGIN}" y="{row.y}" width="{right - MARGIN}"'
                f' height="{row.height}"/>'
            )
        mid = row.y + row.height // 2
        name_lines = wrap(row.level.name, 19, 2) if row.level.name else ()
        top = mid - (len(name_lines) * 13) // 2
        parts.append(_text(MARGIN + 8, top, "level-id", row.level.id))
        for j, name_line in enumerate(name_lines):
            parts.append(_text(MARGIN + 8, top + 15 + j * 13, "level-name", name_line))
    parts.append("</g>")

    # Columns and their headers.
    parts.append('<g class="columns">')
    for column in chart.columns:
        kind = column.kind or "outside"
        parts.append(
            f'<rect class="column {kind}" x="{column.x}" y="{chart.grid_y}"'
            f' width="{column.width}" height="{grid_bottom - chart.grid_y}"/>'
        )
        centre = column.x + column.width // 2
        chars = max(8, (column.width - 8) // 7)
        parts.append(
            _text(centre, chart.track_y + 14, "track", wrap(column.name, chars, 1)[0], "middle")
        )
        if column.kind is not None:
            parts.append(_text(centre, chart.track_y + 28, "track-kind", column.kind, "middle"))
    for band in chart.families:
        chars = max(8, (band.width - 8) // 8)
        label = wrap(band.label, chars, 1)[0]
        parts.append(
            _text(band.x + band.width // 2, chart.family_y + 15, "family", label, "middle")
        )
        parts.append(
            f'<path class="family-rule" d="M{band.x},{chart.family_y + 21}H{band.x + band.width}"/>'
        )
    parts.append("</g>")

    if chart.legend:
        parts += _legend(chart.legend)

    # Moves under the boxes; fainter when there are many of them.
    count = len(chart.moves)
    opacity = "0.9" if count <= 100 else "0.6" if count <= 1000 else "0.4"
    parts.append(f'<g class="moves" opacity="{opacity}">')
    safe = {role_id: escape(role_id) for role_id in chart.boxes}
    for move, points in zip(chart.moves, chart.routes, strict=True):
        ends = f' data-from="{safe[move.source]}" data-to="{safe[move.target]}"'
        css = _move_css(move)
        if move.cross_family or move.implied:
            # the report names a move's ends on hover; a plain image, in a tooltip; in
            # the report, a move to another family is easier to point at (a wider stroke)
            tooltip = move_label(ladder, move) if move.cross_family and not interactive else None
            hit = interactive and move.cross_family
            parts.append(_move_group(css, points, ends, tooltip, hit=hit))
        else:  # the plain move, most of them: written out here, it is the hot path
            parts.append(f'<g class="{css}"{ends}><path class="line" d="{path_data(points)}"/></g>')
    parts.append("</g>")

    # Role boxes.
    parts.append('<g class="roles">')
    tracks = ladder.tracks
    roles = ladder.roles
    focus = ' tabindex="0"' if interactive else ""
    for role_id, box in chart.boxes.items():
        role = roles[role_id]
        about = findings.get(role_id, ())
        css = "outside" if box.outside else tracks[role.track].kind
        if about:
            css = f"{css} {_worst(about)}"
        if role_id == scene.focus:
            css += " focus"
        lines = box.lines
        shown = len(lines) + (box.note is not None)
        first = box.y + (box.height - shown * LINE_HEIGHT) // 2 + 11
        cx = box.cx
        spans = "".join(
            f'<tspan x="{cx}" y="{first + i * LINE_HEIGHT}">{escape(line)}</tspan>'
            for i, line in enumerate(lines)
        )
        if box.note is not None:
            y = first + len(lines) * LINE_HEIGHT - 1
            spans += f'<tspan class="note" x="{cx}" y="{y}">{escape(box.note)}</tspan>'
        badge = ""
        if about:
            worst = _worst(about)
            mark = "!" if len(about) == 1 else str(min(len(about), 99))
            bx, by = box.right - BOX_PAD + 3, box.y - 1
            badge = (
                f'<g class="badge {worst}"><circle cx="{bx}" cy="{by}" r="8"/>'
                f'<text x="{bx}" y="{by + 4}">{mark}</text></g>'
            )
        parts.append(
            f'<g class="role {css}" data-role="{escape(role_id)}"{focus}>'
            f"<title>{_role_tooltip(ladder, role_id, about)}</title>"
            f'<rect x="{box.x}" y="{box.y}" width="{box.width}" height="{box.height}" rx="5"/>'
            f"<text>{spans}</text>{badge}</g>"
        )
    parts.append("</g></svg>")
    return "\n".join(parts) + "\n"


def render_svg(
    ladder: Ladder,
    *,
    findings: Sequence[Finding] = (),
    title: str | None = None,
    scene: Scene | None = None,
) -> str:
    """The ladder chart (or the part of it that ``scene`` shows) as an SVG document."""
    scene = scene or build_scene(ladder)
    chart = layout(scene)
    return svg_chart(scene, chart, findings_by_role(findings), scene.heading(title))
