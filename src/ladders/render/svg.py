"""The ladder chart as a standalone SVG image.

Levels are rows (highest at the top, labelled on the left), tracks are columns grouped
by family, roles are boxes with their titles, moves are arrows: technical solid blue,
management dashed orange, lateral dotted grey (shapes differ as well as colours, so the
chart reads in greyscale too). Arrows are drawn under the boxes, so they never hide
one; a role with findings has a red (error) or amber (warning) frame and a badge, and
its tooltip lists the findings. All text is escaped; nothing is fetched.

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

from collections.abc import Iterable, Mapping, Sequence
from html import escape

from ladders.findings import Finding
from ladders.ladder import Ladder
from ladders.render.layout import (
    BOX_PAD,
    FONT_SIZE,
    LEGEND,
    LINE_HEIGHT,
    MARGIN,
    Chart,
    family_label,
    layout,
    wrap,
)

__all__ = ["STYLE", "findings_by_role", "render_svg", "svg_chart"]

#: colours shared by every format (Okabe-Ito blue and vermillion: safe for colour blindness)
COLOURS = {
    "technical": "#0072B2",
    "management": "#D55E00",
    "lateral": "#6E7781",
    "technical-fill": "#E7F0FA",
    "technical-frame": "#4A7FB5",
    "management-fill": "#FCEBDF",
    "management-frame": "#C0703C",
    "error": "#CF222E",
    "warning": "#BF8700",
}

STYLE = f"""\
.ladder-chart {{ font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }}
.ladder-chart .heading {{ font-size: 18px; font-weight: bold; fill: #1F2328; }}
.ladder-chart .band {{ fill: #F6F8FA; }}
.ladder-chart .level-id {{ font-size: 13px; font-weight: bold; fill: #1F2328; }}
.ladder-chart .level-name {{ font-size: 11px; fill: #57606A; }}
.ladder-chart .column.technical {{ fill: {COLOURS["technical"]}; fill-opacity: 0.035; }}
.ladder-chart .column.management {{ fill: {COLOURS["management"]}; fill-opacity: 0.035; }}
.ladder-chart .family {{ font-size: 13px; font-weight: bold; fill: #1F2328; }}
.ladder-chart .family-rule {{ stroke: #8C959F; stroke-width: 1.5; }}
.ladder-chart .track {{ font-size: 11px; fill: #1F2328; }}
.ladder-chart .track-kind {{ font-size: 10px; fill: #57606A; font-style: italic; }}
.ladder-chart .legend-label {{ font-size: 11px; fill: #1F2328; }}
.ladder-chart .move {{ fill: none; stroke-width: 1.5; }}
.ladder-chart .move.technical {{ stroke: {COLOURS["technical"]};\
 marker-end: url(#arrow-technical); }}
.ladder-chart .move.management {{ stroke: {COLOURS["management"]}; stroke-dasharray: 7 4;\
 marker-end: url(#arrow-management); }}
.ladder-chart .move.lateral {{ stroke: {COLOURS["lateral"]}; stroke-dasharray: 2 3;\
 marker-end: url(#arrow-lateral); }}
.ladder-chart .role rect {{ stroke-width: 1.2; }}
.ladder-chart .role.technical rect {{ fill: {COLOURS["technical-fill"]};\
 stroke: {COLOURS["technical-frame"]}; }}
.ladder-chart .role.management rect {{ fill: {COLOURS["management-fill"]};\
 stroke: {COLOURS["management-frame"]}; }}
.ladder-chart .role.error rect {{ stroke: {COLOURS["error"]}; stroke-width: 3; }}
.ladder-chart .role.warning rect {{ stroke: {COLOURS["warning"]}; stroke-width: 3; }}
.ladder-chart .role text {{ font-size: {FONT_SIZE}px; fill: #1F2328; text-anchor: middle; }}
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


# A box as the arrows see it: x, y, right, bottom, horizontal centre, rank.
_Ends = tuple[int, int, int, int, int, int]


def _move_path(source: _Ends, target: _Ends) -> str:
    """An arrow's path: from the edge of one box to the edge of the other.

    Upward moves leave the top and enter the bottom, downward ones the reverse, with
    vertical tangents so they run through the gaps between rows; moves within a level
    bridge over the tops (or, between boxes stacked in one cell, around the side).
    """
    x1, y1, right1, bottom1, cx1, rank1 = source
    x2, y2, right2, bottom2, cx2, rank2 = target
    w = right1 - x1
    if rank2 != rank1:
        reach = w // 2 - 12
        lean = max(-reach, min(reach, (cx2 - cx1) // 6))
        sx, tx = cx1 + lean, cx2 - lean
        if rank2 > rank1:
            bend = max(18, (y1 - bottom2) * 9 // 20)
            return f"M{sx},{y1}C{sx},{y1 - bend} {tx},{bottom2 + 1 + bend} {tx},{bottom2 + 1}"
        # a step back runs beside the move up between the same two roles, not on it
        sx, tx = sx + 16, tx + 16
        bend = max(18, (y2 - bottom1) * 9 // 20)
        return f"M{sx},{bottom1}C{sx},{bottom1 + bend} {tx},{y2 - 1 - bend} {tx},{y2 - 1}"
    if abs(cx2 - cx1) < w:
        # stacked in one cell: round the right-hand side
        sy, ty = (y1 + bottom1) // 2, (y2 + bottom2) // 2
        out = right1 + 18 + min(30, abs(ty - sy) // 6)
        return f"M{right1},{sy}C{out},{sy} {out},{ty} {right2 + 1},{ty}"
    if cx2 > cx1:
        sx, tx = x1 + w * 3 // 4, x2 + w // 4
    else:
        sx, tx = x1 + w // 4, x2 + w * 3 // 4
    # the bridge's peak (3/4 of the lift) stays within the gap above the row
    top = min(y1, y2) - 14 - min(abs(tx - sx) // 20, 14)
    return f"M{sx},{y1}C{sx},{top} {tx},{top} {tx},{y2 - 1}"


def _legend(chart: Chart) -> list[str]:
    parts = ['<g class="legend">']
    for (css, label), (x, y) in zip(LEGEND, chart.legend, strict=True):
        if css.startswith("move"):
            sample = f'<path class="{css}" d="M{x},{y + 8}H{x + 28}"/>'
        else:
            sample = (
                f'<g class="{css}"><rect x="{x + 2}" y="{y + 1}" width="24" height="14"'
                ' rx="3"/></g>'
            )
        parts.append(sample + _text(x + 34, y + 12, "legend-label", label))
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
    ladder: Ladder,
    chart: Chart,
    findings: Mapping[str, Sequence[Finding]],
    title: str,
    *,
    interactive: bool = False,
) -> str:
    """Draw a laid-out ladder. ``interactive`` makes role boxes keyboard-focusable
    (for the HTML report); the drawing is the same."""
    # an image to assistive technology, unless its boxes are controls
    aria = "" if interactive else ' role="img"'
    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ladder-chart"{aria}'
        f' width="{chart.width}" height="{chart.height}"'
        f' viewBox="0 0 {chart.width} {chart.height}">',
        f"<title>{escape(title)}</title>",
        f"<defs><style>{STYLE}</style>{_MARKERS}</defs>",
        f'<rect width="{chart.width}" height="{chart.height}" fill="#FFFFFF"/>',
        _text(MARGIN, MARGIN + 20, "heading", title),
    ]
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
        parts.append(
            f'<rect class="column {column.kind}" x="{column.x}" y="{chart.grid_y}"'
            f' width="{column.width}" height="{grid_bottom - chart.grid_y}"/>'
        )
        centre = column.x + column.width // 2
        chars = max(8, (column.width - 8) // 7)
        parts.append(
            _text(centre, chart.track_y + 14, "track", wrap(column.name, chars, 1)[0], "middle")
        )
        parts.append(_text(centre, chart.track_y + 28, "track-kind", column.kind, "middle"))
    for band in chart.families:
        chars = max(8, (band.width - 8) // 8)
        label = wrap(family_label(band.family), chars, 1)[0]
        parts.append(
            _text(band.x + band.width // 2, chart.family_y + 15, "family", label, "middle")
        )
        parts.append(
            f'<path class="family-rule" d="M{band.x},{chart.family_y + 21}H{band.x + band.width}"/>'
        )
    parts.append("</g>")

    if chart.legend:
        parts += _legend(chart)

    # Moves under the boxes; fainter when there are many of them.
    boxes = chart.boxes
    ranks = ladder.ranks
    roles = ladder.roles
    ends = {
        role_id: (b.x, b.y, b.right, b.bottom, b.cx, ranks[roles[role_id].level])
        for role_id, b in boxes.items()
    }
    count = len(chart.moves)
    opacity = "0.9" if count <= 100 else "0.5" if count <= 1000 else "0.3"
    parts.append(f'<g class="moves" opacity="{opacity}">')
    for move in chart.moves:
        path = _move_path(ends[move.source], ends[move.target])
        parts.append(f'<path class="move {move.kind}" d="{path}"/>')
    parts.append("</g>")

    # Role boxes.
    parts.append('<g class="roles">')
    tracks = ladder.tracks
    focus = ' tabindex="0"' if interactive else ""
    for role_id, box in boxes.items():
        role = roles[role_id]
        about = findings.get(role_id, ())
        css: str = tracks[role.track].kind
        if about:
            css = f"{css} {_worst(about)}"
        lines = box.lines
        first = box.y + (box.height - len(lines) * LINE_HEIGHT) // 2 + 11
        cx = box.cx
        if len(lines) == 1:
            text = f'<text x="{cx}" y="{first}">{escape(lines[0])}</text>'
        else:
            spans = "".join(
                f'<tspan x="{cx}" y="{first + i * LINE_HEIGHT}">{escape(line)}</tspan>'
                for i, line in enumerate(lines)
            )
            text = f"<text>{spans}</text>"
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
            f"{text}{badge}</g>"
        )
    parts.append("</g></svg>")
    return "\n".join(parts) + "\n"


def render_svg(
    ladder: Ladder, *, findings: Sequence[Finding] = (), title: str | None = None
) -> str:
    """The ladder chart as an SVG document (text)."""
    chart = layout(ladder)
    heading = title or ladder.name or "Career ladder"
    return svg_chart(ladder, chart, findings_by_role(findings), heading)
