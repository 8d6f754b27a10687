"""The ladder as Mermaid flowchart text, for GitHub markdown and pull-request comments.

Levels flow upward (``flowchart BT``); each family is a subgraph holding one subgraph
per track (roles outside the view, with ``--family``, in one more). Node ids are made
safe (role ids may hold ``.`` and ``-``), every label is quoted with Mermaid's entity
codes for the characters that would end or change it, and move kinds differ in arrow
shape as well as colour: technical ``-->``, management ``==>``, lateral ``-.->``; an
implied move is a broad, pale, dash-dotted line. A legend subgraph shows the move styles.

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
from collections.abc import Iterable, Sequence

from ladders.findings import Finding
from ladders.ladder import Ladder
from ladders.render.scene import Scene, build_scene, family_label
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
#: an implied move's line, whatever its kind (the arrow keeps the kind's shape): broad,
#: pale and dash-dotted (Mermaid 12 redraws the dashes of a link that jumps another,
#: so the width and paleness must tell it alone there)
_IMPLIED = ",stroke-width:4px,stroke-opacity:0.45,stroke-dasharray:9 3 2 3"
_LEGEND = (
    ("technical", False, "technical move (up)"),
    ("management", False, "management move (up)"),
    ("lateral", False, "lateral move or step back"),
    ("technical", True, "implied move (progression)"),
)
_CLASS_DEFS = {
    "technical": f"fill:{COLOURS['technical-fill']},stroke:{COLOURS['technical-frame']},"
    "color:#1F2328",
    "management": f"fill:{COLOURS['management-fill']},stroke:{COLOURS['management-frame']},"
    "color:#1F2328",
    "error": f"stroke:{COLOURS['error']},stroke-width:3px",
    "warning": f"stroke:{COLOURS['warning']},stroke-width:3px",
    "outside": f"fill:{COLOURS['outside-fill']},stroke:{COLOURS['outside-frame']},"
    "stroke-dasharray:5 3,color:#57606A",
    "focus": f"stroke:{COLOURS['focus']},stroke-width:4px",
    "legend": "fill:none,stroke:none",
}


def label(text: str) -> str:
    """Text as a quoted Mermaid label: ``"`` and the characters Mermaid would read as
    markup become entity codes, line breaks become spaces.

    >>> label('R&D "lead" <#1>')
    '"R#amp;D #quot;lead#quot; #lt;#35;1#gt;"'
    """
    flat = " ".join(text.split())
    return '"' + _SPECIAL.sub(lambda m: _ENTITIES[m.group()], flat) + '"'


def node_ids(role_ids: Sequence[str], *, reserved: Iterable[str] = ()) -> dict[str, str]:
    """A Mermaid-safe, unique node id for each role id, none of them ``reserved``.

    >>> node_ids(["a.b", "a-b", "end", "legend"], reserved=["legend"])
    {'a.b': 'a_b', 'a-b': 'a_b_2', 'end': 'end_', 'legend': 'legend_2'}
    """
    ids: dict[str, str] = {}
    used: set[str] = set(reserved)
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
    ladder: Ladder,
    *,
    findings: Sequence[Finding] = (),
    title: str | None = None,
    scene: Scene | None = None,
) -> str:
    """The ladder (or the part of it that ``scene`` shows) as a Mermaid flowchart (text)."""
    scene = scene or build_scene(ladder)
    heading = scene.heading(title)
    everyone = scene.everyone
    tracks = ladder.tracks
    roles = ladder.roles
    outside = set(scene.outside)
    # JSON strings are YAML double-quoted strings: the front matter stays valid YAML.
    lines = ["---", f"title: {json.dumps(' '.join(heading.split()))}", "---", "flowchart BT"]

    groups: dict[object, dict[str, list[str]]] = {}
    for role_id in everyone:
        role = roles[role_id]
        key: object = "outside" if role_id in outside else (role.family,)
        groups.setdefault(key, {}).setdefault(role.track, []).append(role_id)
    # the ids of subgraphs and legend nodes are not given to roles
    reserved = [f"legend_{i}{end}" for i in range(len(_LEGEND)) for end in ("", "_to")]
    for f, by_track in enumerate(groups.values()):
        reserved += [f"family_{f}", *(f"family_{f}_track_{t}" for t in range(len(by_track)))]
    ids = node_ids(list(everyone), reserved=reserved)
    for f, (key, by_track) in enumerate(groups.items()):
        first = next(iter(by_track.values()))[0]
        name = "other families" if key == "outside" else family_label(roles[first].family)
        lines.append(f"  subgraph family_{f}[{label(name)}]")
        lines.append("    direction BT")
        for t, (track, members) in enumerate(by_track.items()):
            track_name = tracks[track].name or track
            if key != "outside":
                track_name = f"{track_name} ({tracks[track].kind})"
            lines.append(f"    subgraph family_{f}_track_{t}[{label(track_name)}]")
            for role_id in members:
                role = roles[role_id]
                below = role.level
                if role_id in scene.repeated_titles:
                    below = f"{role_id} · {below}"
                if role_id in outside:
                    below = f"{below} · {family_label(role.family)}"
                text = label(role.title)[:-1] + "<br/>" + label(below)[1:]
                lines.append(f"      {ids[role_id]}[{text}]")
            lines.append("    end")
        lines.append("  end")

    styles: dict[str, list[str]] = {}
    number = 0
    for move in scene.moves:
        lines.append(f"  {ids[move.source]} {_ARROWS[move.kind]} {ids[move.target]}")
        style = _LINK_STYLES[move.kind] + (_IMPLIED if move.implied else "")
        styles.setdefault(style, []).append(str(number))
        number += 1
    if scene.moves:
        implied = any(m.implied for m in scene.moves)
        lines.append('  subgraph legend["Legend"]')
        lines.append("    direction LR")
        for i, (kind, is_implied, text) in enumerate(_LEGEND):
            if is_implied and not implied:
                continue
            lines.append(f'    legend_{i}[" "] {_ARROWS[kind]}|{label(text)}| legend_{i}_to[" "]')
            style = _LINK_STYLES[kind] + (_IMPLIED if is_implied else "")
            styles.setdefault(style, []).append(str(number))
            number += 1
        lines.append("  end")
    for style, numbers in styles.items():
        lines.append(f"  linkStyle {','.join(numbers)} {style}")

    for name, style in _CLASS_DEFS.items():
        lines.append(f"  classDef {name} {style}")
    by_class: dict[str, list[str]] = {"technical": [], "management": [], "outside": []}
    for role_id in everyone:
        kind = "outside" if role_id in outside else tracks[roles[role_id].track].kind
        by_class[kind].append(ids[role_id])
    about = findings_by_role(findings)
    for severity in ("warning", "error"):
        by_class[severity] = [
            ids[role_id]
            for role_id, found in about.items()
            if role_id in ids and max(str(f.severity) for f in found) == severity
        ]
    if scene.focus is not None:
        by_class["focus"] = [ids[scene.focus]]
    if scene.moves:
        by_class["legend"] = [
            f"legend_{i}{end}"
            for i, (_, is_implied, _) in enumerate(_LEGEND)
            if not is_implied or any(m.implied for m in scene.moves)
            for end in ("", "_to")
        ]
    for name, members in by_class.items():
        if members:
            lines.append(f"  class {','.join(members)} {name}")
    return "\n".join(lines) + "\n"
