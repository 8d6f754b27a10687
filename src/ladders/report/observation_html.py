"""Self-contained HTML reports (inline SVG and CSS, no script, no network) of an
observation and of a projection.

The observation's chart is the ladder (levels as rows, each family's tracks as columns)
with every move drawn as wide as the people who took it; a flow of fewer than
``min-people`` people is drawn exactly as wide as one of ``min-people``, so the picture
shows no more than the tables. Undeclared moves are dashed, declared moves nobody took
dotted. The projection's chart is the expected headcount per level, technical and
management side by side, over the years projected.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from ladders.observe.privacy import shown

if TYPE_CHECKING:
    from ladders.observe.observation import Observation
    from ladders.observe.projection import Projection

__all__ = ["observation_html", "projection_html"]

_BOX_W, _BOX_H = 184, 48
_GAP_X, _GAP_Y = 46, 44
_MARGIN = 24
_LEFT = 70
_MAX_WIDTH = 14.0
_PALETTE = (
    "#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b83280", "#2c7a7b", "#975a16", "#4a5568",
)  # fmt: skip

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1a202c}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em}
table{border-collapse:collapse;margin:.4em 0}
th,td{border:1px solid #cbd5e0;padding:3px 8px;text-align:left;font-size:.9em}
td.n{text-align:right;font-variant-numeric:tabular-nums}
th{background:#edf2f7}
.note{color:#4a5568;font-size:.9em}
svg text{font-family:system-ui,-apple-system,"Segoe UI",sans-serif}
.legend span{display:inline-block;margin-right:1.4em;font-size:.9em}
.warning{color:#975a16}.error{color:#c53030}
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _cell(value: object, digits: int | None = None) -> str:
    if value is None:
        return '<td class="n">-</td>'
    if isinstance(value, float) and digits is not None:
        return f'<td class="n">{value:.{digits}f}</td>'
    if isinstance(value, int | float) or (isinstance(value, str) and value.startswith("<")):
        return f'<td class="n">{_e(value)}</td>'
    return f"<td>{_e(value)}</td>"


def _table(header: Sequence[str], rows: Sequence[Sequence[object]], digits: int = 1) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(_cell(v, digits) for v in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{_e(title)}</title><style>{_STYLE}</style></head><body>{body}</body></html>\n"
    )


def _short(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


# ---------------------------------------------------------------------------------------
# The observation's ladder chart


def _layout(observation: Observation, ladder_levels: Sequence[str]) -> dict[str, Any]:
    """Box positions: role -> (x, y), and the column headings."""
    titles = observation.role_titles
    levels = observation.role_levels
    tracks = observation.role_tracks
    families = observation.role_families
    columns: dict[tuple[str, str], dict[str, list[str]]] = {}
    for role in titles:
        column = columns.setdefault((families.get(role) or "", tracks.get(role, "")), {})
        column.setdefault(levels[role], []).append(role)
    rank = {level: i for i, level in enumerate(ladder_levels)}
    top = len(ladder_levels) - 1
    boxes: dict[str, tuple[float, float]] = {}
    headings: list[tuple[float, float, str]] = []
    x = float(_LEFT)
    for (family, track), cells in columns.items():
        slots = max(len(roles) for roles in cells.values())
        width = slots * _BOX_W + (slots - 1) * 10
        headings.append((x, width, f"{family} · {track}" if family else track))
        for level, roles in cells.items():
            y = _MARGIN + 30 + (top - rank[level]) * (_BOX_H + _GAP_Y)
            for i, role in enumerate(roles):
                boxes[role] = (x + i * (_BOX_W + 10), float(y))
        x += width + _GAP_X
    height = _MARGIN + 30 + len(ladder_levels) * (_BOX_H + _GAP_Y)
    return {"boxes": boxes, "headings": headings, "width": x, "height": height, "rank": rank}


def _path(a: tuple[float, float], b: tuple[float, float], bend: float) -> str:
    ax, ay = a[0] + _BOX_W / 2, a[1] + _BOX_H / 2
    bx, by = b[0] + _BOX_W / 2, b[1] + _BOX_H / 2
    if abs(ay - by) < 1:  # same level: leave by the side
        if bx > ax:
            ax, bx = a[0] + _BOX_W, b[0]
        else:
            ax, bx = a[0], b[0] + _BOX_W
        lift = -(18 + bend)
        return (
            f"M{ax:.1f},{ay:.1f} C{ax:.1f},{ay + lift:.1f} {bx:.1f},{by + lift:.1f} "
            f"{bx:.1f},{by:.1f}"
        )
    if by < ay:  # up
        ay, by = a[1], b[1] + _BOX_H
    else:
        ay, by = a[1] + _BOX_H, b[1]
    mid = (ay + by) / 2
    return (
        f"M{ax + bend:.1f},{ay:.1f} C{ax + bend:.1f},{mid:.1f} {bx + bend:.1f},{mid:.1f} "
        f"{bx + bend:.1f},{by:.1f}"
    )


def _chart(observation: Observation, levels: Sequence[str]) -> str:
    k = observation.min_people
    layout = _layout(observation, levels)
    boxes = layout["boxes"]
    biggest = max([k, *(m.people for m in observation.taken)])

    def width(people: int) -> float:
        # fewer than k people are drawn exactly as k: the picture hides what the tables hide
        return 1.5 + (_MAX_WIDTH - 1.5) * math.sqrt(max(people, k) / biggest)

    undeclared = {(m.source, m.target) for m in observation.undeclared}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{layout["width"]:.0f}" '
        f'height="{layout["height"]:.0f}" viewBox="0 0 {layout["width"]:.0f} '
        f'{layout["height"]:.0f}" role="img" aria-label="The ladder with the moves people made">',
        "<defs>"
        '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="9" '
        'markerHeight="9" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" fill="#4a5568"/></marker></defs>',
    ]
    for x, w, label in layout["headings"]:
        parts.append(
            f'<text x="{x + w / 2:.1f}" y="{_MARGIN + 8}" text-anchor="middle" '
            f'font-size="12" font-weight="600" fill="#2d3748">{_e(_short(label, 40))}</text>'
        )
    for level, rank in layout["rank"].items():
        y = _MARGIN + 30 + (len(levels) - 1 - rank) * (_BOX_H + _GAP_Y) + _BOX_H / 2 + 4
        parts.append(f'<text x="12" y="{y:.1f}" font-size="12" fill="#4a5568">{_e(level)}</text>')
    # declared moves nobody took, thin and dotted, under everything else
    for a, b in observation.unused:
        if a in boxes and b in boxes and a != b:
            parts.append(
                f'<path d="{_path(boxes[a], boxes[b], 0)}" fill="none" stroke="#a0aec0" '
                f'stroke-width="1" stroke-dasharray="2 3" marker-end="url(#arrow)">'
                f"<title>{_e(a)} → {_e(b)}: declared, nobody took it</title></path>"
            )
    for move in sorted(observation.taken, key=lambda m: -m.people):
        a, b = move.source, move.target
        if a not in boxes or b not in boxes:
            continue
        odd = (a, b) in undeclared
        colour = "#dd6b20" if odd else "#2b6cb0"
        dash = ' stroke-dasharray="7 4"' if odd else ""
        what = "undeclared" if odd else "declared"
        parts.append(
            f'<path d="{_path(boxes[a], boxes[b], 6 if b < a else -6)}" fill="none" '
            f'stroke="{colour}" stroke-opacity="0.6" stroke-width="{width(move.people):.1f}"'
            f'{dash} marker-end="url(#arrow)"><title>{_e(a)} → {_e(b)} ({move.kind}, {what}): '
            f"{_e(shown(move.people, k))} people</title></path>"
        )
    figures = observation.roles
    for role, (x, y) in boxes.items():
        f = figures[role]
        management = observation.role_kinds.get(role) == "management"
        fill = "#fefcbf" if management else "#ebf8ff"
        if f.held == 0:
            fill = "#f7fafc"
        title = observation.role_titles[role]
        parts.append(
            f"<g><title>{_e(title)} ({_e(role)}): held by {_e(shown(f.held, k))}, "
            f"{_e(shown(f.now, k))} now</title>"
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{_BOX_W}" height="{_BOX_H}" rx="6" '
            f'fill="{fill}" stroke="#4a5568" stroke-width="1"/>'
            f'<text x="{x + 8:.1f}" y="{y + 17:.1f}" font-size="12" fill="#1a202c">'
            f"{_e(_short(title, 28))}</text>"
            f'<text x="{x + 8:.1f}" y="{y + 34:.1f}" font-size="9.5" fill="#4a5568">'
            f"{_e(_short(role, 18))} · held {_e(shown(f.held, k))} · now {_e(shown(f.now, k))}"
            "</text></g>"
        )
    parts.append("</svg>")
    return "".join(parts)


def observation_html(observation: Observation, document: dict[str, Any]) -> str:
    """The observation as one HTML page (``document`` is its ``to_dict()``)."""
    d = document
    k = d["min_people"]
    share = d["conformance"]["declared_share"]
    share_text = share if isinstance(share, str) or share is None else f"{share:.1%}"
    levels = list(d["levels"])
    body = [
        "<h1>Is our dual track real?</h1>",
        f"<p><b>{_e(d['history'])}</b> against <b>{_e(d['ladder'] or 'the ladder')}</b>, "
        f"{_e(d['window']['since'])} to {_e(d['window']['until'])}: "
        f"<b>{_e(d['people'])}</b> people, <b>{_e(d['moves'])}</b> moves, "
        f"<b>{_e(share_text if share_text is not None else '-')}</b> of them declared by the "
        "ladder.</p>",
        f'<p class="note">Counts of fewer than {k} people are shown as &lt;{k}, and their '
        f"flows are drawn as wide as {k} people.</p>",
        '<p class="legend"><span style="color:#2b6cb0">━ declared move taken</span>'
        '<span style="color:#dd6b20">╍ undeclared move taken</span>'
        '<span style="color:#718096">┈ declared, nobody took it</span>'
        "<span>width: people</span></p>",
        _chart(observation, levels),
        f"<h2>Findings ({len(d['findings'])})</h2>",
    ]
    if d["findings"]:
        body.append(
            "<ul>"
            + "".join(
                f'<li><span class="{_e(f["severity"])}">{_e(f["code"])} {_e(f["name"])}</span> '
                f"<code>{_e(f['file'])}:{f['line']}:{f['column']}</code> {_e(f['message'])}</li>"
                for f in d["findings"]
            )
            + "</ul>"
        )
    else:
        body.append("<p>None.</p>")
    undeclared = d["conformance"]["undeclared"]
    body.append(f"<h2>Undeclared moves taken ({len(undeclared)})</h2>")
    body.append(
        _table(
            ("from", "to", "kind", "people"),
            [(m["from"], m["to"], m["kind"], m["people"]) for m in undeclared],
        )
        if undeclared
        else "<p>None.</p>"
    )
    unused = d["conformance"]["unused"]
    body.append(f"<h2>Declared moves nobody took ({len(unused)})</h2>")
    body.append(
        _table(("from", "to"), [(m["from"], m["to"]) for m in unused]) if unused else "<p>None.</p>"
    )
    body.append("<h2>Progression in practice</h2>")
    body.append(
        _table(
            (
                "role",
                "title",
                "level",
                "held",
                "now",
                "up",
                "up without management",
                "median months to next level",
            ),
            [
                (
                    role,
                    observation.role_titles.get(role, ""),
                    observation.role_levels.get(role, ""),
                    f["held"],
                    f["now"],
                    f["up"],
                    f["up_without_management"],
                    f["median_months_to_next_level"],
                )
                for role, f in d["roles"].items()
            ],
        )
    )
    body.append("<h2>By level</h2>")
    body.append(
        _table(
            ("level", "held", "up", "up without management"),
            [(lv, f["held"], f["up"], f["up_without_management"]) for lv, f in d["levels"].items()],
        )
    )
    body.append("<h2>Time to the next level, by track (Kaplan-Meier median)</h2>")
    body.append(
        _table(
            ("track", "kind", "held", "median months"),
            [
                (t, f["kind"], f["held"], f["median_months_to_next_level"])
                for t, f in d["tracks"].items()
            ],
        )
    )
    if d["returns"]:
        body.append("<h2>Management → technical returns</h2>")
        body.append(
            _table(
                ("family", "managers", "returned", "moves", "way back declared"),
                [
                    (fam, f["managers"], f["returned"], f["moves"], _yes(f["way_back_declared"]))
                    for fam, f in d["returns"].items()
                ],
            )
        )
    if d["never_held"]:
        body.append(
            "<h2>Roles never held</h2><p>" + ", ".join(_e(r) for r in d["never_held"]) + "</p>"
        )
    unknown = d["unknown"]
    if unknown["people"] or unknown["values"] or unknown["other_values"]:
        body.append("<h2>Role values that are not roles of the ladder</h2>")
        body.append(
            f"<p>{_e(unknown['people'])} people, {_e(unknown['moves'])} moves (left out of "
            "the moves above).</p>"
        )
        if unknown["values"]:
            body.append(
                _table(
                    ("value", "people", "did you mean"),
                    [(v["value"], v["people"], v["suggestion"] or "") for v in unknown["values"]],
                )
            )
        if unknown["other_values"]:
            body.append(
                f"<p>and {_e(unknown['other_values'])} other values, each held by fewer than "
                f"{k} people (not listed).</p>"
            )
    if d["notes"]:
        body.append(
            "<h2>Notes</h2><ul>" + "".join(f"<li>{_e(n)}</li>" for n in d["notes"]) + "</ul>"
        )
    return _page("ladders observe", "".join(body))


# ---------------------------------------------------------------------------------------
# The projection's headcount chart


def _lines_chart(
    title: str,
    years: Sequence[int],
    series: dict[str, list[float]],
    top: float,
    order: Sequence[str],
) -> str:
    w, h = 420, 260
    left, right, up, down = 48, 70, 28, 30
    span = max(len(years) - 1, 1)

    def px(i: int) -> float:
        return left + (w - left - right) * (i / span if len(years) > 1 else 0.5)

    def py(v: float) -> float:
        return h - down - (h - up - down) * (v / top if top > 0 else 0)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
        f'viewBox="0 0 {w} {h}" role="img" aria-label="{_e(title)}">',
        f'<text x="{left}" y="16" font-size="13" font-weight="600">{_e(title)}</text>',
        f'<line x1="{left}" y1="{h - down}" x2="{w - right}" y2="{h - down}" stroke="#a0aec0"/>',
        f'<line x1="{left}" y1="{up}" x2="{left}" y2="{h - down}" stroke="#a0aec0"/>',
    ]
    for tick in range(5):
        value = top * tick / 4
        parts.append(
            f'<text x="{left - 6}" y="{py(value) + 4:.1f}" font-size="10" text-anchor="end" '
            f'fill="#4a5568">{value:.0f}</text>'
        )
    for i, year in enumerate(years):
        parts.append(
            f'<text x="{px(i):.1f}" y="{h - down + 16}" font-size="10" text-anchor="middle" '
            f'fill="#4a5568">{year}</text>'
        )
    for n, level in enumerate(order):
        values = series.get(level)
        if not values:
            continue
        colour = _PALETTE[n % len(_PALETTE)]
        points = " ".join(f"{px(i):.1f},{py(v):.1f}" for i, v in enumerate(values))
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2">'
            f"<title>{_e(level)}: {', '.join(f'{v:.1f}' for v in values)}</title></polyline>"
        )
        parts.append(
            f'<text x="{px(len(values) - 1) + 6:.1f}" y="{py(values[-1]) + 4:.1f}" '
            f'font-size="10" fill="{colour}">{_e(level)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def projection_html(projection: Projection, document: dict[str, Any]) -> str:
    """The projection as one HTML page (``document`` is its ``to_dict()``)."""
    d = document
    k = d["min_people"]
    by_level = projection.headcount_by_level()
    years = [year for year, _ in by_level]
    order = list(dict.fromkeys(lv for lv, _ in projection.places.values()))
    charts = []
    top = max([1.0, *(v for _, totals in by_level for v in totals.values())])
    for kind in ("technical", "management"):
        series = {
            level: [totals.get((level, kind), 0.0) for _, totals in by_level]
            for level in order
            if any((level, kind) in totals for _, totals in by_level)
        }
        charts.append(
            _lines_chart(
                f"{kind.capitalize()} track: expected headcount per level",
                years,
                series,
                top,
                order,
            )
        )
    reach_rows = []
    for role, item in d["roles"].items():
        levels = list(item["reach"])
        reach_rows.append(
            (
                role,
                item["people"],
                item["reach_top_technical"],
                ", ".join(f"{lv}: {_fig(item['reach'][lv], 2)}" for lv in levels) or "-",
                ", ".join(f"{lv}: {_fig(item['years_to'][lv], 1)}" for lv in levels) or "-",
            )
        )
    marked = set(d["few_people"])
    headcount_rows = [
        (
            role + (" *" if role in marked else ""),
            d["now"].get(role, 0),
            *(e["roles"][role] for e in d["headcount"]),
        )
        for role in (d["headcount"][0]["roles"] if d["headcount"] else {})
    ]
    body = [
        "<h1>Where are we heading?</h1>",
        f"<p>Rates seen in <b>{_e(d['history'])}</b> from {_e(d['window']['since'])} to "
        f"{_e(d['window']['until'])}, against <b>{_e(d['ladder'] or 'the ladder')}</b>, "
        f"projected {d['years']} years ahead at the same hiring.</p>",
        f'<p class="note">{_e(d["note"])} Figures resting on fewer than {k} people are '
        f"shown as &lt;{k}.</p>",
        '<div style="display:flex;gap:24px;flex-wrap:wrap">' + "".join(charts) + "</div>",
        "<h2>Reaching higher technical levels without management</h2>",
        '<p class="note">reach: the probability of ever holding a technical role at that '
        "level or above without entering management first; years: the expected years "
        "among those who get there.</p>",
        _table(("role", "people", "reach top", "reach by level", "years by level"), reach_rows, 2),
        f"<h2>Expected headcount per role, the next {d['years']} years</h2>",
        _table(("role", "now", *(str(y) for y in years)), headcount_rows, 1),
    ]
    if marked:
        body.append(f'<p class="note">* rates resting on fewer than {k} people</p>')
    if d["notes"]:
        body.append(
            "<h2>Notes</h2><ul>" + "".join(f"<li>{_e(n)}</li>" for n in d["notes"]) + "</ul>"
        )
    return _page("ladders project", "".join(body))


def _fig(value: object, digits: int) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _yes(value: object) -> str:
    return "yes" if value else "no"
