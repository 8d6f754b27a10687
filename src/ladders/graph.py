"""The ladder as a :class:`networkx.DiGraph`, and the inference of move kinds.

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
========================  =====================================================

========================  =====================================================
edge attribute            value
========================  =====================================================
:data:`KIND`              the inferred move kind: lateral, technical, management
:data:`CRITERIA`          the move's criteria (a tuple of text, maybe empty)
========================  =====================================================

>>> from ladders.load import loads
>>> ladder = loads('''
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
>>> graph.edges["lead", "senior"][KIND]
'lateral'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ladders.errors import UsageError

if TYPE_CHECKING:
    import networkx as nx

    from ladders.model import Ladder, MoveKind

__all__ = [
    "CRITERIA",
    "EDGE_ATTRIBUTES",
    "FAMILY",
    "KIND",
    "LEVEL",
    "NODE_ATTRIBUTES",
    "RANK",
    "TITLE",
    "TRACK",
    "TRACK_KIND",
    "build_graph",
    "infer_kind",
    "move_kind",
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
#: edge attribute: the inferred kind of the move
KIND = "kind"
#: edge attribute: the move's criteria, a tuple of text
CRITERIA = "criteria"

#: every node attribute, in the order above
NODE_ATTRIBUTES = (TITLE, TRACK, TRACK_KIND, LEVEL, RANK, FAMILY)
#: every edge attribute
EDGE_ATTRIBUTES = (KIND, CRITERIA)


def move_kind(from_rank: int, to_rank: int, to_management: bool) -> MoveKind:
    """The kind of a move between ranks (DESIGN §1), ``to_management`` for the target's track.

    >>> move_kind(3, 4, False), move_kind(3, 4, True), move_kind(3, 3, True), move_kind(3, 1, False)
    ('technical', 'management', 'lateral', 'lateral')
    """
    if to_rank <= from_rank:
        return "lateral"
    return "management" if to_management else "technical"


def infer_kind(ladder: Ladder, from_role: str, to_role: str) -> MoveKind:
    """The kind of a move from ``from_role`` to ``to_role``, inferred from the two roles.

    A move up a level onto a management track is ``management``; up a level onto a
    technical track, ``technical``; to the same level or lower, ``lateral``. Raises
    :class:`~ladders.UsageError` for an unknown role id.

    >>> from ladders.load import loads
    >>> ladder = loads('''
    ... levels: [L1, L2]
    ... tracks: {ic: technical, mgmt: management}
    ... roles:
    ...   dev: {title: Developer, track: ic, level: L1}
    ...   lead: {title: Team Lead, track: mgmt, level: L2}
    ... ''')
    >>> infer_kind(ladder, "dev", "lead"), infer_kind(ladder, "lead", "dev")
    ('management', 'lateral')
    """
    for role in (from_role, to_role):
        if role not in ladder.roles:
            raise UsageError(f"no role {role!r} in the ladder")
    return move_kind(
        ladder.rank(from_role), ladder.rank(to_role), ladder.track_kind(to_role) == "management"
    )


def build_graph(ladder: Ladder) -> nx.DiGraph[str]:
    """The ladder as a directed graph: a node per role, an edge per move (see above).

    A role that lists the same target twice gives one edge (with the first move's
    criteria); a move to the role itself is a self-loop. Raises
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
            }
            graph.add_edge(role_id, target, **attributes)
    return graph
