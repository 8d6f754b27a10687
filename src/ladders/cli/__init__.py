"""The command line: ``ladders check``, ``rules``, ``schema``, ``paths``, ``explain``,
``diff``, ``export``, ``import-csv`` and ``render``; one module per command group.

``ladders.cli.main(argv) -> int`` runs it (see :mod:`ladders.cli.app`).
"""

from __future__ import annotations

from ladders.cli import ask, check, diff, exchange, init, observe, render, rules
from ladders.cli.app import cli, main

__all__ = ["ask", "check", "cli", "diff", "exchange", "init", "main", "observe", "render", "rules"]
