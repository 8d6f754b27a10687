"""The ladder as one self-contained HTML report: chart, findings, family ceilings.

Everything is inline (styles, script, data, the SVG chart): the file opens from disk
with no network. The chart starts fitted to the page width, with zoom buttons (and the
keys ``+``, ``-``, ``0``); families with findings come first. Clicking a role (or
focusing it and pressing Enter) highlights where it can go: green for roles reachable
on a route that never enters a management track after the first role, orange for roles
reachable only through management. Escape or a click on the background clears it.
Pointing at a move frames the two roles it joins and names them under the buttons.

>>> import ladders
>>> from ladders.render.html import render_html
>>> ladder = ladders.loads('''
... levels: [L1, L2]
... tracks: {ic: technical, mgmt: management}
... roles:
...   dev: {title: Developer, track: ic, level: L1, family: eng, moves: [lead]}
...   lead: {title: Team Lead, track: mgmt, level: L2, family: eng}
... ''')
>>> page = render_html(ladder, findings=())
>>> page.startswith("<!DOCTYPE html>") and "<svg" in page and "http://" not in page.replace(
...     'xmlns="http://www.w3.org/2000/svg"', "")
True
>>> [(c.family, c.technical, c.management) for c in family_ceilings(ladder)]
[('eng', 0, 1)]
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from html import escape

from ladders.findings import Finding
from ladders.ladder import Ladder
from ladders.render.layout import layout
from ladders.render.scene import Scene, build_scene, family_label
from ladders.render.svg import findings_by_role, svg_chart

__all__ = ["FamilyCeilings", "families_with_findings", "family_ceilings", "render_html"]


@dataclass(frozen=True, slots=True)
class FamilyCeilings:
    """A family's ceilings (DESIGN §2): the highest rank of its roles on each track
    kind, ``None`` where it has no role of that kind."""

    family: str | None
    roles: int
    technical: int | None
    management: int | None


def family_ceilings(ladder: Ladder) -> list[FamilyCeilings]:
    """Each family's ceilings, families in the order their first role is written."""
    ranks = ladder.ranks
    tracks = ladder.tracks
    seen: dict[str | None, list[int]] = {}  # family -> [roles, technical, management]
    for role in ladder.roles.values():
        entry = seen.setdefault(role.family, [0, -1, -1])
        entry[0] += 1
        slot = 2 if tracks[role.track].kind == "management" else 1
        entry[slot] = max(entry[slot], ranks[role.level])
    return [
        FamilyCeilings(
            family,
            count,
            technical if technical >= 0 else None,
            management if management >= 0 else None,
        )
        for family, (count, technical, management) in seen.items()
    ]


_PAGE_STYLE = """\
:root { color-scheme: light; }
body { font: 14px/1.45 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #1F2328;
  margin: 0; background: #FFFFFF; }
header, section { padding: 0 24px; }
header { padding-top: 16px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 24px 0 8px; }
.description, .hint { color: #57606A; margin: 4px 0; }
.summary { margin: 4px 0 0; }
#route { position: sticky; top: 0; z-index: 2; background: #FFFFFF; border: 1px solid #D0D7DE;
  border-radius: 6px; padding: 8px 12px; margin: 8px 0; min-height: 1.5em; }
#route .routes { margin: 4px 0 0; }
#route button, td button { font: inherit; color: #0969DA; background: none; border: 0;
  padding: 0; cursor: pointer; text-decoration: underline; }
.key { display: inline-block; padding: 0 6px; border-radius: 4px; border: 2px solid; }
.key.free { background: #DAFBE1; border-color: #1A7F37; }
.key.mgmt { background: #FFF1E5; border-color: #D55E00; }
#chart { overflow: auto; border: 1px solid #D0D7DE; border-radius: 6px; max-height: 85vh; }
#chart svg { display: block; height: auto; }
.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin: 8px 0; }
.toolbar button { font: inherit; padding: 2px 10px; border: 1px solid #D0D7DE;
  border-radius: 6px; background: #F6F8FA; color: #1F2328; cursor: pointer; }
.toolbar button[aria-pressed="true"] { background: #DDF4FF; border-color: #54AEFF; }
#zoom-level { min-width: 4em; color: #57606A; }
#hover { color: #57606A; min-height: 1.45em; flex: 1 1 20em; }
#chart .roles .role { cursor: pointer; }
#chart .roles .role:focus { outline: none; }
#chart .roles .role:focus rect { stroke: #0969DA; stroke-width: 3px; }
#chart svg.selecting .roles .role { opacity: 0.3; }
#chart svg.selecting .roles .role.selected,
#chart svg.selecting .roles .role.on-free,
#chart svg.selecting .roles .role.on-mgmt { opacity: 1; }
#chart .roles .role.selected rect { stroke: #1F2328; stroke-width: 4px; }
#chart .roles .role.on-free rect { fill: #DAFBE1; stroke: #1A7F37; stroke-width: 3px; }
#chart .roles .role.on-mgmt rect { fill: #FFF1E5; stroke: #D55E00; stroke-width: 3px; }
#chart svg.selecting .moves { opacity: 1; }
#chart svg.selecting .moves .move { opacity: 0.05; }
#chart svg.selecting .moves .move.route-free { opacity: 1; }
#chart svg.selecting .moves .move.route-free .line { stroke-width: 2.6px; }
#chart svg.selecting .moves .move.route-mgmt { opacity: 0.75; }
#chart svg.hovering .moves { opacity: 1; }
#chart svg.hovering .moves .move { opacity: 0.12; }
#chart svg .moves .move.hovered { opacity: 1; }
#chart .moves .move.hovered .line { stroke-width: 3px; }
#chart .moves .move.implied.hovered .line { stroke-width: 5px; }
#chart .roles .role.end rect { stroke: #8250DF; stroke-width: 4px; }
#chart svg.hovering .roles .role.end { opacity: 1; }
table { border-collapse: collapse; margin: 4px 0 16px; }
th, td { border: 1px solid #D0D7DE; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #F6F8FA; }
td.error { color: #CF222E; font-weight: bold; }
td.warning { color: #9A6700; font-weight: bold; }
td.error, td.warning { white-space: nowrap; }
td.message, td.where { overflow-wrap: anywhere; }
footer { color: #57606A; padding: 8px 24px 24px; }
"""

# The behaviour: zoom, where a role can go, what a move joins. Data comes from the JSON
# block; text goes in with textContent only.
_SCRIPT = """\
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ladder-data").textContent);
  var frame = document.getElementById("chart");
  var svg = frame.querySelector("svg");
  var roleEls = svg.querySelectorAll("g.roles > g.role");
  var moveEls = svg.querySelectorAll("g.moves > g.move");
  var panel = document.getElementById("route");
  var hover = document.getElementById("hover");
  var roles = data.roles, moves = data.moves, levels = data.levels;
  var n = roles.length, index = {}, out = [], i;
  for (i = 0; i < n; i++) { index[roles[i].id] = i; out.push([]); }
  for (i = 0; i < moves.length; i++) { out[moves[i][0]].push(moves[i][1]); }

  // Zoom: the chart starts fitted to the page width (never enlarged past 100%).
  var natural = svg.viewBox.baseVal.width, zoom = 1, fitting = true;
  var zoomText = document.getElementById("zoom-level");
  var fitButton = document.getElementById("zoom-fit");
  function setZoom(value, fit) {
    var left = frame.scrollLeft + frame.clientWidth / 2;
    var top = frame.scrollTop + frame.clientHeight / 2;
    var before = zoom;
    zoom = Math.min(4, Math.max(0.05, value));
    fitting = fit;
    svg.style.width = Math.round(natural * zoom) + "px";
    frame.scrollLeft = left * zoom / before - frame.clientWidth / 2;
    frame.scrollTop = top * zoom / before - frame.clientHeight / 2;
    zoomText.textContent = Math.round(zoom * 100) + "%";
    fitButton.setAttribute("aria-pressed", fit ? "true" : "false");
  }
  function fitWidth() { setZoom(Math.min(1, (frame.clientWidth - 2) / natural), true); }
  function on(id, action) { document.getElementById(id).addEventListener("click", action); }
  on("zoom-in", function () { setZoom(zoom * 1.25, false); });
  on("zoom-out", function () { setZoom(zoom / 1.25, false); });
  on("zoom-actual", function () { setZoom(1, false); });
  fitButton.addEventListener("click", fitWidth);
  window.addEventListener("resize", function () { if (fitting) { fitWidth(); } });

  // Roles reachable from start; with withoutManagement, never entering a management role.
  function reach(start, withoutManagement) {
    var seen = new Uint8Array(n), stack = [start], u, k, v;
    seen[start] = 1;
    while (stack.length) {
      u = stack.pop();
      for (k = 0; k < out[u].length; k++) {
        v = out[u][k];
        if (!seen[v] && !(withoutManagement && roles[v].management)) {
          seen[v] = 1;
          stack.push(v);
        }
      }
    }
    return seen;
  }

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function roleButton(j) {
    var button = el("button", roles[j].label + " (" + levels[roles[j].rank] + ")");
    button.type = "button";
    button.addEventListener("click", function () { select(j, true); });
    return button;
  }

  function list(label, members) {
    var line = el("div"), shown = members.slice(0, 40), k;
    line.className = "routes";
    line.appendChild(el("strong", label + " (" + members.length + "): "));
    for (k = 0; k < shown.length; k++) {
      if (k) { line.appendChild(document.createTextNode(", ")); }
      line.appendChild(roleButton(shown[k]));
    }
    if (members.length > shown.length) {
      line.appendChild(
        document.createTextNode(" and " + (members.length - shown.length) + " more"));
    }
    if (!members.length) { line.appendChild(document.createTextNode("none")); }
    return line;
  }

  function clear() {
    svg.classList.remove("selecting");
    roleEls.forEach(function (node) {
      node.classList.remove("selected", "on-free", "on-mgmt");
    });
    moveEls.forEach(function (node) { node.classList.remove("route-free", "route-mgmt"); });
    panel.textContent = "No role selected: click a role in the chart.";
  }

  function select(start, scroll) {
    var all = reach(start, false), free = reach(start, true);
    var withoutManagement = [], onlyManagement = [], higher = false, j;
    svg.classList.add("selecting");
    for (j = 0; j < n; j++) {
      var isFree = j !== start && free[j] === 1, isMgmt = j !== start && all[j] === 1 && !free[j];
      roleEls[j].classList.toggle("selected", j === start);
      roleEls[j].classList.toggle("on-free", isFree);
      roleEls[j].classList.toggle("on-mgmt", isMgmt);
      if (isFree) {
        withoutManagement.push(j);
        if (roles[j].rank > roles[start].rank) { higher = true; }
      }
      if (isMgmt) { onlyManagement.push(j); }
    }
    for (j = 0; j < moves.length; j++) {
      var from = moves[j][0], to = moves[j][1];
      var onFree = free[from] === 1 && free[to] === 1 && !roles[to].management;
      moveEls[j].classList.toggle("route-free", onFree);
      moveEls[j].classList.toggle("route-mgmt", !onFree && all[from] === 1);
    }
    var role = roles[start];
    panel.textContent = "";
    var head = el("div");
    head.appendChild(el("strong", role.title));
    head.appendChild(document.createTextNode(
      " (" + role.id + ", " + levels[role.rank] + "): " +
      (higher ? "can progress without management." : "cannot progress without management.")));
    panel.appendChild(head);
    panel.appendChild(list("Without management", withoutManagement));
    panel.appendChild(list("Only through management", onlyManagement));
    if (scroll) {
      roleEls[start].scrollIntoView({block: "center", inline: "center"});
      roleEls[start].focus({preventScroll: true});
    }
  }

  // Hovering a move names its two ends and frames them (they may be far apart).
  function moveText(j) {
    var css = moveEls[j].classList, cross = css.contains("cross-family");
    var kind = css.contains("technical") ? "technical" :
      css.contains("management") ? "management" : "lateral";
    function end(r) {
      return r.title + " (" + r.id + (cross && r.family !== null ? ", " + r.family : "") + ")";
    }
    var what = [kind + " move"];
    if (css.contains("implied")) { what.push("implied"); }
    if (cross) { what.push("to another family"); }
    return end(roles[moves[j][0]]) + " \\u2192 " + end(roles[moves[j][1]]) + ": " + what.join(", ");
  }
  function ends(j, on) {
    moveEls[j].classList.toggle("hovered", on);
    roleEls[moves[j][0]].classList.toggle("end", on);
    roleEls[moves[j][1]].classList.toggle("end", on);
    svg.classList.toggle("hovering", on);
    hover.textContent = on ? moveText(j) : "";
  }
  moveEls.forEach(function (node, j) {
    node.addEventListener("mouseenter", function () { ends(j, true); });
    node.addEventListener("mouseleave", function () { ends(j, false); });
  });

  roleEls.forEach(function (node, j) {
    node.addEventListener("click", function (event) { event.stopPropagation(); select(j, false); });
    node.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); select(j, false); }
    });
  });
  svg.addEventListener("click", clear);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { clear(); }
    else if (event.key === "+" || event.key === "=") { setZoom(zoom * 1.25, false); }
    else if (event.key === "-") { setZoom(zoom / 1.25, false); }
    else if (event.key === "0") { fitWidth(); }
  });
  document.querySelectorAll("button[data-role]").forEach(function (button) {
    var j = index[button.getAttribute("data-role")];
    if (j !== undefined) { button.addEventListener("click", function () { select(j, true); }); }
  });
  clear();
  fitWidth();
}());
"""


def _level_text(ladder: Ladder, rank: int | None) -> str:
    if rank is None:
        return "—"
    level = ladder.levels[rank]
    return f"{level.id} - {level.name}" if level.name else level.id


def _role_label(scene: Scene, role_id: str) -> str:
    """A role's title, with its id where another role has the same title."""
    title = scene.ladder.roles[role_id].title
    return f"{title} ({role_id})" if role_id in scene.repeated_titles else title


def _findings_table(findings: Sequence[Finding], scene: Scene, drawn: set[str]) -> str:
    if not findings:
        return "<p>No findings.</p>"
    rows = []
    for f in findings:
        if f.role is not None and f.role in drawn:
            role = (
                f'<button type="button" data-role="{escape(f.role)}">'
                f"{escape(_role_label(scene, f.role))}</button>"
            )
        else:
            role = escape(f.role or "—")
        rows.append(
            f'<tr><td class="{escape(str(f.severity))}">{escape(str(f.severity))}</td>'
            f"<td>{escape(f.code)} {escape(f.name)}</td><td>{role}</td>"
            f'<td class="message">{escape(f.message)}</td>'
            f'<td class="where">{escape(f.file)}:{f.line}:{f.column}</td></tr>'
        )
    return (
        "<table><thead><tr><th>severity</th><th>rule</th><th>role</th><th>message</th>"
        "<th>where</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _ceilings_table(scene: Scene, first: Sequence[str | None]) -> str:
    ladder = scene.ladder
    rows = []
    drawn = {ladder.roles[r].family for r in scene.roles}
    ceilings = [c for c in family_ceilings(ladder) if c.family in drawn]
    place = {family: i for i, family in enumerate(first)}
    ceilings.sort(key=lambda c: place.get(c.family, len(place)))
    for c in ceilings:
        if c.technical is None:
            note = "no technical track"
        elif c.management is not None and c.management > c.technical:
            note = "management goes higher than the technical track"
        else:
            note = ""
        rows.append(
            f"<tr><td>{escape(family_label(c.family))}</td><td>{c.roles}</td>"
            f"<td>{escape(_level_text(ladder, c.technical))}</td>"
            f"<td>{escape(_level_text(ladder, c.management))}</td><td>{escape(note)}</td></tr>"
        )
    return (
        "<table><thead><tr><th>family</th><th>roles</th><th>technical ceiling</th>"
        "<th>management ceiling</th><th>note</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def _parity_section(scene: Scene) -> str:
    """The pay parity table (technical against management band midpoints, per family,
    level and currency), or nothing when the ladder has no bands."""
    from ladders.query import parity

    ladder = scene.ladder
    drawn = {ladder.roles[r].family for r in scene.roles}
    rows = []
    for row in parity(ladder):
        if row.family not in drawn:
            continue
        gap = "" if row.gap is None else f"{float(row.gap):+.1%}"
        rows.append(
            f"<tr><td>{escape(family_label(row.family))}</td><td>{escape(row.level)}</td>"
            f"<td>{escape(row.currency)}</td><td>{_money(row.technical)}</td>"
            f"<td>{_money(row.management)}</td><td>{escape(gap)}</td></tr>"
        )
    if not rows:
        return ""
    return (
        '<section id="parity"><h2>Pay parity</h2>\n'
        '<p class="hint">The highest band midpoint of each kind of track at each level; '
        "the gap is what management is paid above the technical track.</p>\n"
        "<table><thead><tr><th>family</th><th>level</th><th>currency</th>"
        "<th>technical midpoint</th><th>management midpoint</th><th>gap</th></tr></thead>"
        "<tbody>" + "".join(rows) + "</tbody></table>\n</section>\n"
    )


def _money(value: Fraction | None) -> str:
    if value is None:
        return "&ndash;"
    return f"{value.numerator:,}" if value.denominator == 1 else f"{float(value):,.2f}"


def families_with_findings(ladder: Ladder, findings: Sequence[Finding]) -> list[str | None]:
    """The families that findings are about: those with errors first, then those with
    warnings only; each group in the order of its first role in the file.

    >>> import ladders
    >>> ladder = ladders.loads('''
    ... levels: [L1, L2]
    ... tracks: {ic: technical}
    ... roles:
    ...   a: {title: A, track: ic, level: L1, family: one}
    ...   b: {title: B, track: ic, level: L1, family: two}
    ...   c: {title: C, track: ic, level: L2, family: three}
    ... ''')
    >>> def finding(role, severity):
    ...     return ladders.Finding("LAD103", "dead-end", severity, "...", "org.yaml", role=role)
    >>> families_with_findings(ladder, [finding("c", "warning"), finding("b", "error")])
    ['two', 'three']
    """
    worst: dict[str | None, int] = {}
    roles = ladder.roles
    for f in findings:
        if f.role is not None and f.role in roles:
            family = roles[f.role].family
            rank = 0 if f.severity == "error" else 1
            worst[family] = min(rank, worst.get(family, rank))
    order: dict[str | None, int] = {}
    for role in roles.values():
        order.setdefault(role.family, len(order))
    return sorted(worst, key=lambda family: (worst[family], order.get(family, 0)))


def _data(scene: Scene, roles: Sequence[str], moves: Sequence[tuple[int, int]]) -> str:
    """The JSON the script reads, safe inside a <script> element."""
    ladder = scene.ladder
    ranks = ladder.ranks
    tracks = ladder.tracks
    role_data = []
    for role_id in roles:
        role = ladder.roles[role_id]
        role_data.append(
            {
                "id": role_id,
                "title": role.title,
                "label": _role_label(scene, role_id),
                "family": role.family,
                "rank": ranks[role.level],
                "management": tracks[role.track].kind == "management",
            }
        )
    text = json.dumps(
        {
            "levels": [level.id for level in ladder.levels],
            "roles": role_data,
            "moves": moves,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )
    # "<" never appears raw, so neither "</script>" nor "<!--" can end the element.
    return text.replace("<", "\\u003c")


def render_html(
    ladder: Ladder,
    *,
    findings: Sequence[Finding] = (),
    title: str | None = None,
    scene: Scene | None = None,
) -> str:
    """The ladder (or the part of it that ``scene`` shows) as a self-contained HTML page."""
    scene = scene or build_scene(ladder)
    heading = scene.heading(title)
    drawn = set(scene.everyone)
    inside = set(scene.roles)
    shown = [f for f in findings if f.role is None or f.role in inside]
    first = families_with_findings(ladder, shown)
    chart = layout(scene, heading=False, families_first=first)
    svg = svg_chart(scene, chart, findings_by_role(shown), heading, interactive=True)
    roles = list(chart.boxes)
    position = {role_id: i for i, role_id in enumerate(roles)}
    moves = [(position[m.source], position[m.target]) for m in chart.moves]
    errors = sum(1 for f in shown if f.severity == "error")
    warnings = len(shown) - errors
    description = (
        f'<p class="description">{escape(ladder.description)}</p>' if ladder.description else ""
    )
    whole = len(scene.roles) == len(ladder.roles)
    drawn_roles = (
        f"{len(ladder.roles)} roles"
        if whole
        else (f"{len(scene.roles)} of {len(ladder.roles)} roles")
    )
    summary = (
        f"{drawn_roles} on {len(ladder.tracks)} tracks at {len(ladder.levels)} "
        f"levels, {len(moves)} moves; {errors} error{'s' * (errors != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)}."
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(heading)}</title>\n"
        '<link rel="icon" href="data:,">\n'
        f"<style>\n{_PAGE_STYLE}</style>\n</head>\n<body>\n"
        f"<header><h1>{escape(heading)}</h1>{description}"
        f'<p class="summary">{escape(summary)}</p></header>\n'
        '<section id="chart-section"><h2>Chart</h2>\n'
        '<p class="hint">Click a role to see where it can go: '
        '<span class="key free">reachable without management</span> '
        '<span class="key mgmt">reachable only through management</span>. '
        "Escape or a click on the background clears it. Point at a move to see "
        "the two roles it joins.</p>\n"
        '<div id="route" aria-live="polite"></div>\n'
        '<div class="toolbar" role="toolbar" aria-label="Zoom">'
        '<button type="button" id="zoom-out" aria-label="Zoom out">&minus;</button>'
        '<button type="button" id="zoom-in" aria-label="Zoom in">+</button>'
        '<button type="button" id="zoom-fit" aria-pressed="true">Fit width</button>'
        '<button type="button" id="zoom-actual">100%</button>'
        '<span id="zoom-level">100%</span><span id="hover"></span></div>\n'
        f'<div id="chart">\n{svg}</div>\n</section>\n'
        f'<section id="findings"><h2>Findings ({len(shown)})</h2>\n'
        f"{_findings_table(shown, scene, drawn)}\n</section>\n"
        '<section id="ceilings"><h2>Ceilings per family</h2>\n'
        '<p class="hint">The highest level of each family on each kind of track.</p>\n'
        f"{_ceilings_table(scene, first)}\n</section>\n"
        f"{_parity_section(scene)}"
        "<footer>Drawn by ladders.</footer>\n"
        f'<script type="application/json" id="ladder-data">{_data(scene, roles, moves)}'
        "</script>\n"
        f"<script>\n{_SCRIPT}</script>\n</body>\n</html>\n"
    )
