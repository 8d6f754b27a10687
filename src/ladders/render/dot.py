"""The ladder as Graphviz DOT text: ``dot -Tsvg ladder.dot > ladder.svg``.

Levels are ranks (``rank=same`` per level, held in order by an axis of level labels on
the left), each family is a cluster, move kinds differ in colour and line style, and
roles with findings have a thick red or amber frame and the findings as a tooltip.

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

from ladders.findings import Finding
from ladders.ladder import Ladder
from ladders.render.layout import chart_moves, family_label
from ladders.render.svg import COLOURS, findings_by_role

__all__ = ["quote", "render_dot"]

_EDGE_STYLES = {
    "technical": f'color="{COLOURS["technical"]}", style=solid',
    "management": f'color="{COLOURS["management"]}", style=dashed',
    "lateral": f'color="{COLOURS["lateral"]}", style=dotted',
}


def quote(text: str) -> str:
    r"""Text as a DOT quoted string. Backslashes are doubled, so a title holding ``\N``
    or ``\G`` is not read as Graphviz's escapes; line breaks become ``\n``.

    >>> print(quote('say "hi" \\N'))
    "say \"hi\" \\N"
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n") + '"'


def render_dot(
    ladder: Ladder, *, findings: Sequence[Finding] = (), title: str | None = None
) -> str:
    """The ladder as a DOT digraph (text)."""
    heading = title or ladder.name or "Career ladder"
    tracks = ladder.tracks
    ranks = ladder.ranks
    about = findings_by_role(findings)
    newline = "\n"
    lines = [
        f"digraph {quote(heading)} {{",
        f"  graph [rankdir=BT, newrank=true, label={quote(heading)}, labelloc=t,"
        ' fontname="Helvetica", fontsize=16, nodesep=0.25, ranksep=0.45];',
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11];',
        "  edge [arrowsize=0.7];",
        "  // the level axis, lowest first: it holds the rows in order",
        '  node [shape=plaintext, style="", fontsize=12];',
    ]
    levels = [f"level:{level.id}" for level in ladder.levels]
    for level, node in zip(ladder.levels, levels, strict=True):
        text = level.id + (f"\n{level.name}" if level.name else "")
        lines.append(f"  {quote(node)} [label={quote(text)}];")
    if len(levels) > 1:
        lines.append("  " + " -> ".join(quote(n) for n in levels) + " [style=invis];")
    lines.append('  node [shape=box, style="rounded,filled", fontsize=11];')

    families: dict[str | None, list[str]] = {}
    for role_id, role in ladder.roles.items():
        families.setdefault(role.family, []).append(role_id)
    # Each family's roles of one level are rank=same inside its cluster (rank=same
    # groups that cross clusters make dot 2.43 loop with newrank); invisible edges
    # from the level axis pin every group between the levels below and above it.
    pins: list[str] = []
    for f, (family, members) in enumerate(families.items()):
        lines.append(f"  subgraph {quote(f'cluster_{f}')} {{")
        lines.append(
            f'    label={quote(family_label(family))}; style=rounded; color="#8C959F";'
            ' fontname="Helvetica";'
        )
        per_level: dict[int, list[str]] = {}
        for role_id in members:
            role = ladder.roles[role_id]
            per_level.setdefault(ranks[role.level], []).append(role_id)
            kind = tracks[role.track].kind
            text = f"{role.title}\n{role.level}"
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
            attrs.append(f"tooltip={quote(newline.join(tip))}")
            lines.append(f"    {quote(role_id)} [{', '.join(attrs)}];")
        for rank, group in sorted(per_level.items()):
            lines.append("    { rank=same; " + "; ".join(quote(m) for m in group) + "; }")
            first = quote(group[0])
            if rank > 0:
                pins.append(f"  {quote(levels[rank - 1])} -> {first} [style=invis];")
            if rank + 1 < len(levels):
                pins.append(f"  {first} -> {quote(levels[rank + 1])} [style=invis];")
        lines.append("  }")
    lines += pins
    for move in chart_moves(ladder):
        style = _EDGE_STYLES[move.kind]
        down = ranks[ladder.roles[move.target].level] < ranks[ladder.roles[move.source].level]
        extra = ", constraint=false" if down else ""
        lines.append(
            f"  {quote(move.source)} -> {quote(move.target)}"
            f' [{style}, class="move {move.kind}"{extra}];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"
