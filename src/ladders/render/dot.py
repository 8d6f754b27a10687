"""The ladder as Graphviz DOT text: ``dot -Tsvg ladder.dot > ladder.svg``.

Levels are ranked rows: one ``rank=same`` group per level holds the level's label (in a
column of labels at the left, kept there by an invisible edge to the first role of
each family in the row) and every role at that level. Each family is a cluster; move
kinds differ in colour and line style, an implied move is a double line, a move to
another family starts with a dot; roles with findings have a thick red or amber frame
and the findings as a tooltip. The graph's label is the title and a legend.

A move within one level between two families is drawn through an invisible point in
the row above: Graphviz 2.43 loops forever on such edges drawn directly.

>>> import ladders
>>> from ladders.render.dot import render_dot
>>> ladder = ladders.loads('''
... levels: [L1, L2]
... tracks: {ic: technical}
... roles:
...   dev: {title: 'Dev "one"', track: ic, level: L1, moves: [senior]}
...   senior: {title: Senior Dev, track: ic, level: L2}
... ''')
>>> text = render_dot(ladder, findings=())
>>> '"dev" [label="Dev \\\\"one\\\\"\\\\nL1"' in text, '"dev" -> "senior"' in text
(True, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ladders.findings import Finding
from ladders.ladder import Ladder
from ladders.render.scene import Scene, ShownMove, build_scene, family_label
from ladders.render.svg import COLOURS, findings_by_role

__all__ = ["LEGEND", "quote", "render_dot"]

_LINE_STYLES = {"technical": "solid", "management": "dashed", "lateral": "dotted"}

#: the legend in the graph's label: (sample text, colour, label), and when it is shown
LEGEND: tuple[tuple[str, str, str, str], ...] = (
    ("───▶", COLOURS["technical"], "technical move (up)", "always"),
    ("╌╌╌▶", COLOURS["management"], "management move (up)", "always"),
    ("┈┈┈▶", COLOURS["lateral"], "lateral move or step back", "always"),
    ("═══▶", COLOURS["technical"], "implied move (progression): a double line", "implied"),
    ("●──▶", COLOURS["technical"], "move to another family: a dot at its start", "cross"),
    ("▭", COLOURS["outside-frame"], "role outside this view (dashed frame)", "outside"),
)


def quote(text: str) -> str:
    r"""Text as a DOT quoted string. Backslashes are doubled, so a title holding ``\N``
    or ``\G`` is not read as Graphviz's escapes; line breaks become ``\n``.

    >>> print(quote('say "hi" \\N'))
    "say \"hi\" \\N"
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n") + '"'


def _html(text: str) -> str:
    """Text inside a Graphviz HTML-like label."""
    return "<br/>".join(escape(line) for line in text.splitlines() or [""])


def _label(scene: Scene, heading: str) -> str:
    """The graph's label: the title, then the legend (the entries this graph uses)."""
    shown = {"always"}
    if any(m.implied for m in scene.moves):
        shown.add("implied")
    if any(m.cross_family for m in scene.moves):
        shown.add("cross")
    if scene.outside:
        shown.add("outside")
    rows = [f'<tr><td colspan="2"><font point-size="16">{_html(heading)}</font></td></tr>']
    for sample, colour, text, when in LEGEND:
        if when in shown:
            rows.append(
                f'<tr><td align="right"><font color="{colour}">{sample}</font></td>'
                f'<td align="left">{escape(text)}</td></tr>'
            )
    return '<<table border="0" cellborder="0" cellspacing="1">' + "".join(rows) + "</table>>"


def _edge_attributes(
    move: ShownMove, constrained: bool = True, head: bool = True, tail: bool = True
) -> str:
    colour = COLOURS[move.kind]
    attrs = [
        f'color="{colour}:{colour}"' if move.implied else f'color="{colour}"',
        f"style={_LINE_STYLES[move.kind]}",
        'class="move '
        + move.kind
        + " implied" * move.implied
        + " cross-family" * move.cross_family
        + '"',
    ]
    if move.cross_family and tail:
        attrs.append("dir=both, arrowtail=dot")
    if not head:
        attrs.append("arrowhead=none")
    if not constrained:
        attrs.append("constraint=false")
    return ", ".join(attrs)


def render_dot(
    ladder: Ladder,
    *,
    findings: Sequence[Finding] = (),
    title: str | None = None,
    scene: Scene | None = None,
) -> str:
    """The ladder (or the part of it that ``scene`` shows) as a DOT digraph (text)."""
    scene = scene or build_scene(ladder)
    heading = scene.heading(title)
    tracks = ladder.tracks
    ranks = ladder.ranks
    roles = ladder.roles
    about = findings_by_role(findings)
    outside = set(scene.outside)
    newline = "\n"
    lines = [
        f"digraph {quote(heading)} {{",
        f"  graph [rankdir=BT, newrank=true, label={_label(scene, heading)}, labelloc=t,"
        ' fontname="Helvetica", fontsize=11, nodesep=0.25, ranksep=0.45];',
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11];',
        "  edge [arrowsize=0.7];",
    ]

    # Families as clusters (the roles outside the view as one more).
    lines, header = [], lines
    clusters: dict[object, list[str]] = {}
    for role_id in scene.everyone:
        key: object = "outside" if role_id in outside else (roles[role_id].family,)
        clusters.setdefault(key, []).append(role_id)
    cluster_of: dict[str, int] = {}
    per_level: dict[int, list[str]] = {}
    first_of_cluster: dict[int, list[str]] = {}
    for c, (key, members) in enumerate(clusters.items()):
        name = "other families" if key == "outside" else family_label(roles[members[0]].family)
        lines.append(f"  subgraph {quote(f'cluster_{c}')} {{")
        lines.append(
            f'    label={quote(name)}; style=rounded; color="#8C959F"; fontname="Helvetica";'
        )
        seen_ranks: set[int] = set()
        for role_id in members:
            role = roles[role_id]
            rank = ranks[role.level]
            cluster_of[role_id] = c
            per_level.setdefault(rank, []).append(role_id)
            if rank not in seen_ranks:
                seen_ranks.add(rank)
                first_of_cluster.setdefault(rank, []).append(role_id)
            shown_id = f"{role_id} · " if role_id in scene.repeated_titles else ""
            text = f"{role.title}\n{shown_id}{role.level}"
            if role_id in outside:
                text += f"\n{family_label(role.family)}"
                attrs = [
                    f"label={quote(text)}",
                    f'fillcolor="{COLOURS["outside-fill"]}"',
                    f'color="{COLOURS["outside-frame"]}"',
                    'style="rounded,filled,dashed"',
                    'class="role outside"',
                ]
            else:
                kind = tracks[role.track].kind
                attrs = [
                    f"label={quote(text)}",
                    f'fillcolor="{COLOURS[kind + "-fill"]}"',
                    f'color="{COLOURS[kind + "-frame"]}"',
                    f'class="role {kind}"',
                ]
            found = about.get(role_id)
            tip = [f"{role.title} ({role_id}), {role.level}, track {role.track}"]
            if found:
                worst = "error" if any(f.severity == "error" for f in found) else "warning"
                attrs[2] = f'color="{COLOURS[worst]}", penwidth=3'
                tip += [f"{f.code} {f.severity}: {f.message}" for f in found]
            if role_id == scene.focus:
                attrs[2] = f'color="{COLOURS["focus"]}", penwidth=4'
            attrs.append(f"tooltip={quote(newline.join(tip))}")
            lines.append(f"    {quote(role_id)} [{', '.join(attrs)}];")
        lines.append("  }")

    # Moves; a move within a level between two clusters bends through a point above.
    levels = [f"level:{level.id}" for level in ladder.levels]
    bridges = 0
    edges: list[str] = []
    for move in scene.moves:
        source, target = move.source, move.target
        from_rank, to_rank = ranks[roles[source].level], ranks[roles[target].level]
        if to_rank == from_rank and cluster_of[source] != cluster_of[target]:
            point = f"bridge:{bridges}"
            bridges += 1
            per_level.setdefault(from_rank + 1, []).append(point)
            edges.append(
                f'  {quote(point)} [shape=point, width=0.01, height=0.01, label="", style=invis];'
            )
            edges.append(
                f"  {quote(source)} -> {quote(point)} [{_edge_attributes(move, head=False)}];"
            )
            edges.append(
                f"  {quote(point)} -> {quote(target)}"
                f" [{_edge_attributes(move, constrained=False, tail=False)}];"
            )
            continue
        # a step back does not pull its target's row up
        edge = _edge_attributes(move, constrained=to_rank >= from_rank)
        edges.append(f"  {quote(source)} -> {quote(target)} [{edge}];")

    # The level axis, lowest first (a blank row above the top one, for bridges there).
    if len(ladder.levels) in per_level:
        levels.append("level:")
    axis = ["  // the level axis, lowest first: it holds the rows in order"]
    axis.append('  node [shape=plaintext, style="", fontsize=12];')
    for i, node in enumerate(levels):
        if i < len(ladder.levels):
            level = ladder.levels[i]
            text = level.id + (f"\n{level.name}" if level.name else "")
        else:
            text = ""
        axis.append(f"  {quote(node)} [label={quote(text)}];")
    if len(levels) > 1:
        axis.append("  " + " -> ".join(quote(n) for n in levels) + " [style=invis];")
    axis.append('  node [shape=box, style="rounded,filled", fontsize=11];')
    # declared before the clusters, the axis is laid out at the left
    rows = []
    for rank, node in enumerate(levels):
        members = per_level.get(rank, [])
        rows.append("  { rank=same; " + "; ".join(quote(m) for m in [node, *members]) + "; }")
        for first in first_of_cluster.get(rank, []):
            rows.append(f"  {quote(node)} -> {quote(first)} [style=invis];")
    return "\n".join([*header, *axis, *lines, *rows, *edges, "}"]) + "\n"
