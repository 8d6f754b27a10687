"""The ladder as GraphML, for yEd or Gephi: written directly, one line per item.

The graph is the one of :mod:`ladders.exchange.networkx` (a node per role, an edge per
move, written or implied), with the same attribute names; lists and bands become JSON
text, ``None`` values are left out. It is written straight from the ladder's data,
without building a networkx graph or an XML tree, so export costs about what reading
the ladder did.

>>> import ladders
>>> ladder = ladders.loads('''
... levels: [L1, L2]
... tracks: {ic: technical}
... roles:
...   dev: {title: Dev & Co, track: ic, level: L1, moves: [senior]}
...   senior: {title: Senior, track: ic, level: L2}
... ''')
>>> node = next(line for line in export_graphml(ladder).splitlines() if "<node" in line)
>>> node.split("><")[:2]
['    <node id="dev"', 'data key="n0">Dev &amp; Co</data']
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ladders.exchange.networkx import (
    BAND,
    CRITERIA,
    FAMILY,
    IMPLIED,
    KIND,
    LEVEL,
    RANK,
    TITLE,
    TRACK,
    TRACK_KIND,
)
from ladders.model import move_kind

if TYPE_CHECKING:
    from ladders.model import LadderData

__all__ = ["export_graphml"]

_HEAD = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
)
#: (key id, for, attribute name, GraphML type), in the order data is written
_NODE_KEYS = (
    ("n0", TITLE, "string"),
    ("n1", TRACK, "string"),
    ("n2", TRACK_KIND, "string"),
    ("n3", LEVEL, "string"),
    ("n4", RANK, "long"),
    ("n5", FAMILY, "string"),
    ("n6", BAND, "string"),
)
_EDGE_KEYS = (("e0", KIND, "string"), ("e1", CRITERIA, "string"), ("e2", IMPLIED, "boolean"))


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def _text(value: str) -> str:
    """XML text (and attribute values: quotes escaped too)."""
    return value.translate(_ESCAPES)


def quoteattr(value: str) -> str:
    """An XML attribute value, quoted."""
    return f'"{_text(value)}"'


def export_graphml(ladder: LadderData) -> str:
    """GraphML of the ladder's graph; list and band values become JSON text."""
    lines = [_HEAD]
    for key, name, kind in _NODE_KEYS:
        lines.append(f'  <key id="{key}" for="node" attr.name="{name}" attr.type="{kind}" />')
    for key, name, kind in _EDGE_KEYS:
        lines.append(f'  <key id="{key}" for="edge" attr.name="{name}" attr.type="{kind}" />')
    name = f" id={quoteattr(ladder.name)}" if ladder.name else ""
    lines.append(f'  <graph edgedefault="directed"{name}>')
    ranks, tracks = ladder.ranks, ladder.tracks
    rank_of: dict[str, int] = {}
    management: dict[str, bool] = {}
    for role_id, role in ladder.roles.items():
        rank = rank_of[role_id] = ranks[role.level]
        kind = tracks[role.track].kind
        management[role_id] = kind == "management"
        data = [
            f'<data key="n0">{_text(role.title)}</data>',
            f'<data key="n1">{_text(role.track)}</data>',
            f'<data key="n2">{kind}</data>',
            f'<data key="n3">{_text(role.level)}</data>',
            f'<data key="n4">{rank}</data>',
        ]
        if role.family is not None:
            data.append(f'<data key="n5">{_text(role.family)}</data>')
        band = ladder.band(role_id)
        if band is not None:
            data.append(f'<data key="n6">{_text(_json(band.model_dump()))}</data>')
        lines.append(f"    <node id={quoteattr(role_id)}>{''.join(data)}</node>")
    for role_id, role in ladder.roles.items():
        seen: set[str] = set()
        for move in role.move_specs:
            target = move if isinstance(move, str) else move.to
            if target in seen:
                continue  # one edge per target, the first move's criteria
            seen.add(target)
            criteria = () if isinstance(move, str) else move.criteria
            lines.append(_edge(role_id, target, rank_of, management, criteria, False))
    for implied in ladder.implied_moves:
        lines.append(_edge(implied.source, implied.target, rank_of, management, (), True))
    lines.append("  </graph>")
    lines.append("</graphml>")
    return "\n".join(lines) + "\n"


def _edge(
    source: str,
    target: str,
    rank_of: dict[str, int],
    management: dict[str, bool],
    criteria: tuple[str, ...],
    implied: bool,
) -> str:
    kind = move_kind(rank_of[source], rank_of[target], management[target])
    return (
        f"    <edge source={quoteattr(source)} target={quoteattr(target)}>"
        f'<data key="e0">{kind}</data>'
        f'<data key="e1">{_text(_json(list(criteria)))}</data>'
        f'<data key="e2">{"true" if implied else "false"}</data></edge>'
    )


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)
