"""The command line: ``ladders check``, ``rules``, ``schema``, ``paths``, ``explain``,
``diff``, ``export``, ``import-csv`` and ``render``; one module per command group.

``ladders.cli.main(argv) -> int`` runs it (see :mod:`ladders.cli.app`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ladders.cli.app import cli, main, run

if TYPE_CHECKING:
    from ladders.cli import ask, check, diff, exchange, init, observe, render, rules

__all__ = [
    "ask",
    "check",
    "cli",
    "diff",
    "exchange",
    "init",
    "main",
    "observe",
    "render",
    "rules",
    "run",
]

_MODULES = frozenset(("ask", "check", "diff", "exchange", "init", "observe", "render", "rules"))


def __getattr__(name: str) -> object:
    # The command modules load when their command runs (see ``app.COMMANDS``).
    if name in _MODULES:
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
