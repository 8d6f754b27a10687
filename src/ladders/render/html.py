"""The ladder as one self-contained HTML report: chart, findings, family ceilings.

Everything is inline (styles, script, data, the SVG chart): the file opens from disk
with no network. Clicking a role (or focusing it and pressing Enter) highlights where
it can go: green for roles reachable on a route that never enters a management track
after the first role, orange for roles reachable only through management. Escape or a
click on the background clears it.

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
from html import escape

from ladders.findings import Finding
from ladders.ladder import Ladder
from ladders.render.layout import family_label, layout
from ladders.render.svg import findings_by_role, svg_chart

__all__ = ["FamilyCeilings", "family_ceilings", "render_html"]


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
#chart svg { display: block; }
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
#chart svg.selecting .moves .move.route-free { opacity: 1; stroke-width: 2.6px; }
#chart svg.selecting .moves .move.route-mgmt { opacity: 0.75; stroke-width: 2px; }
table { border-collapse: collapse; margin: 4px 0 16px; }
th, td { border: 1px solid #D0D7DE; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #F6F8FA; }
td.error { color: #CF222E; font-weight: bold; }
td.warning { color: #9A6700; font-weight: bold; }
footer { color: #57606A; padding: 8px 24px 24px; }
"""

# The click behaviour. Data comes from the JSON block; text goes in with textContent only.
_SCRIPT = """\
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ladder-data").textContent);
  var svg = document.querySelector("#chart svg");
  var roleEls = svg.querySelectorAll("g.roles > g.role");
  var moveEls = svg.querySelectorAll("g.moves > path.move");
  var panel = document.getElementById("route");
  var roles = data.roles, moves = data.moves, levels = data.levels;
  var n = roles.length, index = {}, out = [], i;
  for (i = 0; i < n; i++) { index[roles[i].id] = i; out.push([]); }
  for (i = 0; i < moves.length; i++) { out[moves[i][0]].push(moves[i][1]); }

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
    var button = el("button", roles[j].title + " (" + levels[roles[j].rank] + ")");
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

  roleEls.forEach(function (node, j) {
    node.addEventListener("click", function (event) { event.stopPropagation(); select(j, false); });
    node.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") { event.preventDefault(); select(j, false); }
    });
  });
  svg.addEventListener("click", clear);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { clear(); }
  });
  document.querySelectorAll("button[data-role]").forEach(function (button) {
    var j = index[button.getAttribute("data-role")];
    if (j !== undefined) { button.addEventListener("click", function () { select(j, true); }); }
  });
  clear();
}());
"""


def _level_text(ladder: Ladder, rank: int | None) -> str:
    if rank is None:
        return "—"
    level = ladder.levels[rank]
    return f"{level.id} - {level.name}" if level.name else level.id


def _findings_table(findings: Sequence[Finding], ladder: Ladder) -> str:
    if not findings:
        return "<p>No findings.</p>"
    rows = []
    for f in findings:
        if f.role is not None and f.role in ladder.roles:
            role = (
                f'<button type="button" data-role="{escape(f.role)}">'
                f"{escape(ladder.roles[f.role].title)}</button>"
            )
        else:
            role = escape(f.role or "—")
        rows.append(
            f'<tr><td class="{escape(str(f.severity))}">{escape(str(f.severity))}</td>'
            f"<td>{escape(f.code)} {escape(f.name)}</td><td>{role}</td>"
            f"<td>{escape(f.message)}</td>"
            f"<td>{escape(f.file)}:{f.line}:{f.column}</td></tr>"
        )
    return (
        "<table><thead><tr><th>severity</th><th>rule</th><th>role</th><th>message</th>"
        "<th>where</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _ceilings_table(ladder: Ladder) -> str:
    rows = []
    for c in family_ceilings(ladder):
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


def _data(ladder: Ladder, roles: Sequence[str], moves: Sequence[tuple[int, int]]) -> str:
    """The JSON the script reads, safe inside a <script> element."""
    ranks = ladder.ranks
    tracks = ladder.tracks
    role_data = []
    for role_id in roles:
        role = ladder.roles[role_id]
        role_data.append(
            {
                "id": role_id,
                "title": role.title,
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
    ladder: Ladder, *, findings: Sequence[Finding] = (), title: str | None = None
) -> str:
    """The ladder as a self-contained HTML page (text)."""
    heading = title or ladder.name or "Career ladder"
    chart = layout(ladder)
    svg = svg_chart(ladder, chart, findings_by_role(findings), heading, interactive=True)
    roles = list(chart.boxes)
    position = {role_id: i for i, role_id in enumerate(roles)}
    moves = [(position[m.source], position[m.target]) for m in chart.moves]
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = len(findings) - errors
    description = (
        f'<p class="description">{escape(ladder.description)}</p>' if ladder.description else ""
    )
    summary = (
        f"{len(ladder.roles)} roles on {len(ladder.tracks)} tracks at {len(ladder.levels)} "
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
        "Escape or a click on the background clears it.</p>\n"
        '<div id="route" aria-live="polite"></div>\n'
        f'<div id="chart">\n{svg}</div>\n</section>\n'
        f'<section id="findings"><h2>Findings ({len(findings)})</h2>\n'
        f"{_findings_table(findings, ladder)}\n</section>\n"
        '<section id="ceilings"><h2>Ceilings per family</h2>\n'
        '<p class="hint">The highest level of each family on each kind of track.</p>\n'
        f"{_ceilings_table(ladder)}\n</section>\n"
        "<footer>Drawn by ladders.</footer>\n"
        f'<script type="application/json" id="ladder-data">{_data(ladder, roles, moves)}'
        "</script>\n"
        f"<script>\n{_SCRIPT}</script>\n</body>\n</html>\n"
    )
