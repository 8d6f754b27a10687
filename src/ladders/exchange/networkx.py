"""The ladder as a :class:`networkx.DiGraph`: a writer, like the other exchange formats.

Nodes are role ids; edges are moves. The attribute names are the constants below, so
code that reads the graph never spells them by hand:

========================  =====================================================
node attribute            value
========================  =====================================================
:data:`TITLE`             the role's title
:data:`TRACK`             the role's track id
:data:`TRACK_KIND`        ``"technical"`` or ``"management"``
:data:`LEVEL`             the role's level id
:data:`RANK`              the level's index in ``levels`` (0 for the lowest)
:data:`FAMILY`            the role's job family, or ``None``
:data:`BAND`              the role's pay band (DESIGN §2) as a dict, or ``None``
========================  =====================================================

========================  =====================================================
edge attribute            value
========================  =====================================================
:data:`KIND`              the inferred move kind: lateral, technical, management
:data:`CRITERIA`          the move's criteria (a tuple of text, maybe empty)
:data:`IMPLIED`           ``True`` for a move that ``progression`` implies
========================  =====================================================

>>> import ladders
>>> ladder = ladders.loads('''
... levels: [L1, L2]
... tracks: {ic: technical, mgmt: management}
... roles:
...   dev:
...     {title: Developer, track: ic, level: L1, moves: [senior, {to: lead, criteria: [Mentors]}]}
...   senior: {title: Senior Developer, track: ic, level: L2}
...   lead: {title: Team Lead, track: mgmt, level: L2, moves: [senior]}
... ''')
>>> graph = build_graph(ladder)
>>> graph.nodes["lead"][TRACK_KIND], graph.nodes["lead"][RANK]
('management', 1)
>>> graph.edges["dev", "lead"][KIND], graph.edges["dev", "lead"][CRITERIA]
('management', ('Mentors',))
>>> graph.edges["lead", "senior"][KIND], graph.edges["lead", "senior"][IMPLIED]
('lateral', False)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ladders.errors import UsageError
from ladders.model import move_kind

if TYPE_CHECKING:
    import networkx as nx

    from ladders.model import LadderData

__all__ = [
    "BAND",
    "CRITERIA",
    "EDGE_ATTRIBUTES",
    "FAMILY",
    "IMPLIED",
    "KIND",
    "LEVEL",
    "NODE_ATTRIBUTES",
    "RANK",
    "TITLE",
    "TRACK",
    "TRACK_KIND",
    "build_graph",
]

#: node attribute: the role's title
TITLE = "title"
#: node attribute: the role's track id
TRACK = "track"
#: node attribute: the kind of the role's track, ``"technical"`` or ``"management"``
TRACK_KIND = "track_kind"
#: node attribute: the role's level id
LEVEL = "level"
#: node attribute: the rank of the role's level (its index in ``levels``)
RANK = "rank"
#: node attribute: the role's job family, or ``None``
FAMILY = "family"
#: node attribute: the role's pay band, ``{"min": .., "max": .., "currency": ..}`` or ``None``
BAND = "band"
#: edge attribute: the inferred kind of the move
KIND = "kind"
#: edge attribute: the move's criteria, a tuple of text
CRITERIA = "criteria"
#: edge attribute: ``True`` when ``progression`` implies the move (it is not written)
IMPLIED = "implied"

#: every node attribute, in the order above
NODE_ATTRIBUTES = (TITLE, TRACK, TRACK_KIND, LEVEL, RANK, FAMILY, BAND)
#: every edge attribute
EDGE_ATTRIBUTES = (KIND, CRITERIA, IMPLIED)


def build_graph(ladder: LadderData) -> nx.DiGraph[str]:
    """The ladder as a directed graph: a node per role, an edge per move (see above).

    A role that lists the same target twice gives one edge (with the first move's
    criteria); a move to the role itself is a self-loop; implied moves come after a
    role's written ones, with ``implied=True``. Raises
    :class:`~ladders.UsageError` if a role refers to a track, level or role the ladder
    does not have (possible only for ladders built by hand: loading reports those as
    LAD004).
    """
    import networkx as nx  # here, not above: checking a ladder never needs networkx

    graph: nx.DiGraph[str] = nx.DiGraph(name=ladder.name or "")
    ranks = ladder.ranks
    tracks = ladder.tracks
    for role_id, role in ladder.roles.items():
        track = tracks.get(role.track)
        rank = ranks.get(role.level)
        if track is None or rank is None:
            what = f"track {role.track!r}" if track is None else f"level {role.level!r}"
            raise UsageError(f"role {role_id!r} refers to unknown {what}")
        graph.add_node(
            role_id,
            **{
                TITLE: role.title,
                TRACK: role.track,
                TRACK_KIND: track.kind,
                LEVEL: role.level,
                RANK: rank,
                FAMILY: role.family,
                BAND: _band(ladder, role_id),
            },
        )
    nodes = graph.nodes
    for role_id, role in ladder.roles.items():
        from_rank = nodes[role_id][RANK]
        for move in role.move_specs:
            target = move if isinstance(move, str) else move.to
            if target not in nodes:
                raise UsageError(f"role {role_id!r} has a move to unknown role {target!r}")
            if graph.has_edge(role_id, target):
                continue
            attributes: dict[str, Any] = {
                KIND: move_kind(
                    from_rank, nodes[target][RANK], nodes[target][TRACK_KIND] == "management"
                ),
                CRITERIA: () if isinstance(move, str) else move.criteria,
                IMPLIED: False,
            }
            graph.add_edge(role_id, target, **attributes)
    for implied in ladder.implied_moves:
        source, target = implied.source, implied.target
        if graph.has_edge(source, target):  # pragma: no cover - never implied twice
            continue
        graph.add_edge(
            source,
            target,
            **{
                KIND: move_kind(
                    nodes[source][RANK],
                    nodes[target][RANK],
                    nodes[target][TRACK_KIND] == "management",
                ),
                CRITERIA: (),
                IMPLIED: True,
            },
        )
    return graph


def _band(ladder: LadderData, role: str) -> dict[str, Any] | None:
    band = ladder.band(role)
    return None if band is None else band.model_dump()
