"""The ladder as Mermaid flowchart text, for GitHub markdown and pull-request comments.

Levels flow upward (``flowchart BT``); each family is a subgraph holding one subgraph
per track. Node ids are made safe (role ids may hold ``.`` and ``-``), every label is
quoted with Mermaid's entity codes for the characters that would end or change it, and
move kinds differ in arrow shape as well as colour: technical ``-->``, management
``==>``, lateral ``-.->``.

>>> import ladders
>>> from ladders.render.mermaid import render_mermaid
>>> ladder = ladders.loads('''
... levels: [L1, L2]
... tracks: {ic: technical}
... roles:
...   dev.1: {title: 'Dev "one"', track: ic, level: L1, moves: [dev-2]}
...   dev-2: {title: Senior Dev, track: ic, level: L2}
... ''')
>>> text = render_mermaid(ladder, findings=())
>>> print(text.split("\\n")[7])
      dev_1["Dev #quot;one#quot;<br/>L1"]
>>> "dev_1 --> dev_2" in text
True
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from ladders.findings import Finding
from ladders.ladder import Ladder
from ladders.render.layout import chart_moves, family_label
from ladders.render.svg import COLOURS, findings_by_role

__all__ = ["label", "node_ids", "render_mermaid"]

_ENTITIES = {
    '"': "#quot;",
    "#": "#35;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    "`": "#96;",
}
_SPECIAL = re.compile('["#&<>`]')
_UNSAFE = re.compile(r"[^A-Za-z0-9_]")
_ARROWS = {"technical": "-->", "management": "==>", "lateral": "-.->"}
_LINK_STYLES = {
    "technical": f"stroke:{COLOURS['technical']},stroke-width:2px",
    "management": f"stroke:{COLOURS['management']},stroke-width:2px",
    "lateral": f"stroke:{COLOURS['lateral']},stroke-width:1.5px",
}
_CLASS_DEFS = {
    "technical": f"fill:{COLOURS['technical-fill']},stroke:{COLOURS['technical-frame']},"
    "color:#1F2328",
    "management": f"fill:{COLOURS['management-fill']},stroke:{COLOURS['management-frame']},"
    "color:#1F2328",
    "error": f"stroke:{COLOURS['error']},stroke-width:3px",
    "warning": f"stroke:{COLOURS['warning']},stroke-width:3px",
}


def label(text: str) -> str:
    """Text as a quoted Mermaid label: ``"`` and the characters Mermaid would read as
    markup become entity codes, line breaks become spaces.

    >>> label('R&D "lead" <#1>')
    '"R#amp;D #quot;lead#quot; #lt;#35;1#gt;"'
    """
    flat = " ".join(text.split())
    return '"' + _SPECIAL.sub(lambda m: _ENTITIES[m.group()], flat) + '"'


def node_ids(role_ids: Sequence[str]) -> dict[str, str]:
    """A Mermaid-safe, unique node id for each role id.

    >>> node_ids(["a.b", "a-b", "end"])
    {'a.b': 'a_b', 'a-b': 'a_b_2', 'end': 'end_'}
    """
    ids: dict[str, str] = {}
    used: set[str] = set()
    for role_id in role_ids:
        base = _UNSAFE.sub("_", role_id)
        if base.lower() in {"end", "graph", "subgraph", "flowchart", "style", "class"}:
            base += "_"
        node, n = base, 1
        while node in used:
            n += 1
            node = f"{base}_{n}"
        used.add(node)
        ids[role_id] = node
    return ids


def render_mermaid(
    ladder: Ladder, *, findings: Sequence[Finding] = (), title: str | None = None
) -> str:
    """The ladder as a Mermaid flowchart (text)."""
    heading = title or ladder.name or "Career ladder"
    ids = node_ids(list(ladder.roles))
    tracks = ladder.tracks
    # JSON strings are YAML double-quoted strings: the front matter stays valid YAML.
    lines = ["---", f"title: {json.dumps(' '.join(heading.split()))}", "---", "flowchart BT"]

    groups: dict[str | None, dict[str, list[str]]] = {}
    for role_id, role in ladder.roles.items():
        groups.setdefault(role.family, {}).setdefault(role.track, []).append(role_id)
    for f, (family, by_track) in enumerate(groups.items()):
        lines.append(f"  subgraph family_{f}[{label(family_label(family))}]")
        lines.append("    direction BT")
        for t, (track, members) in enumerate(by_track.items()):
            name = f"{tracks[track].name or track} ({tracks[track].kind})"
            lines.append(f"    subgraph family_{f}_track_{t}[{label(name)}]")
            for role_id in members:
                role = ladder.roles[role_id]
                text = label(role.title)[:-1] + "<br/>" + label(role.level)[1:]
                lines.append(f"      {ids[role_id]}[{text}]")
            lines.append("    end")
        lines.append("  end")

    kinds: dict[str, list[str]] = {"technical": [], "management": [], "lateral": []}
    for i, move in enumerate(chart_moves(ladder)):
        lines.append(f"  {ids[move.source]} {_ARROWS[move.kind]} {ids[move.target]}")
        kinds[move.kind].append(str(i))
    for kind, numbers in kinds.items():
        if numbers:
            lines.append(f"  linkStyle {','.join(numbers)} {_LINK_STYLES[kind]}")

    for name, style in _CLASS_DEFS.items():
        lines.append(f"  classDef {name} {style}")
    by_class: dict[str, list[str]] = {"technical": [], "management": []}
    for role_id, role in ladder.roles.items():
        by_class[tracks[role.track].kind].append(ids[role_id])
    about = findings_by_role(findings)
    for severity in ("warning", "error"):
        by_class[severity] = [
            ids[role_id]
            for role_id, found in about.items()
            if role_id in ids and max(str(f.severity) for f in found) == severity
        ]
    for name, members in by_class.items():
        if members:
            lines.append(f"  class {','.join(members)} {name}")
    return "\n".join(lines) + "\n"
