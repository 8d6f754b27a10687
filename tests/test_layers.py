"""The import structure of DESIGN §6, checked from the source itself.

import-linter's contract (``pyproject.toml``, run by ``make test``) keeps the layers;
this test reads every module's imports independently (with the ``ast`` module, imports
inside functions included, ``TYPE_CHECKING`` blocks left out) and checks what the
layers imply: no cycle anywhere, ``model.py`` at the bottom, rules that see only
findings and their context, and nothing inside the package importing its root.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "ladders"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports(path: Path, modules: set[str]) -> set[str]:
    """The ``ladders`` modules a file imports at run time (anywhere in it)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    todo: list[ast.AST] = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and _type_checking(node):
            todo.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "ladders")
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.level == 0
            and node.module.split(".")[0] == "ladders"
        ):
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                found.add(full if full in modules else node.module)
        todo.extend(ast.iter_child_nodes(node))
    return found


def import_graph() -> nx.DiGraph[str]:
    files = {module_name(p): p for p in SRC.rglob("*.py")}
    graph: nx.DiGraph[str] = nx.DiGraph()
    graph.add_nodes_from(files)
    for name, path in files.items():
        for target in imports(path, set(files)):
            if target != name:
                graph.add_edge(name, target)
    return graph


GRAPH = import_graph()


def test_there_is_no_import_cycle() -> None:
    cycles = list(nx.simple_cycles(GRAPH))
    assert cycles == []


def test_model_imports_nothing_above_it() -> None:
    allowed = {"ladders.errors", "ladders.hints", "ladders.findings"}
    assert set(GRAPH.successors("ladders.model")) <= allowed


@pytest.mark.parametrize(
    "rule",
    sorted(m for m in GRAPH if m.startswith("ladders.rules.") and m != "ladders.rules.context"),
)
def test_a_rule_imports_only_findings_and_its_context(rule: str) -> None:
    assert set(GRAPH.successors(rule)) <= {"ladders.findings", "ladders.rules.context"}


def test_no_module_imports_the_package_root() -> None:
    importers = [m for m in GRAPH if m != "ladders" and GRAPH.has_edge(m, "ladders")]
    assert importers == []
