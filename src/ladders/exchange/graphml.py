"""The ladder as GraphML, for yEd or Gephi."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ladders.model import LadderData as Ladder

__all__ = ["export_graphml"]


def export_graphml(ladder: Ladder) -> str:
    """GraphML (for yEd or Gephi) of :attr:`Ladder.graph`; list values become JSON text."""
    import networkx as nx

    from ladders.exchange.networkx import build_graph

    source_graph = build_graph(ladder)
    graph: nx.DiGraph[str] = nx.DiGraph()
    for node, attrs in source_graph.nodes(data=True):
        graph.add_node(node, **{k: _graphml_value(v) for k, v in attrs.items() if v is not None})
    for source, target, attrs in source_graph.edges(data=True):
        graph.add_edge(
            source, target, **{k: _graphml_value(v) for k, v in attrs.items() if v is not None}
        )
    return "\n".join(nx.generate_graphml(graph)) + "\n"


def _graphml_value(value: Any) -> Any:
    if isinstance(value, str | int | float | bool):
        return value
    return json.dumps(list(value) if isinstance(value, tuple) else value, ensure_ascii=False)
