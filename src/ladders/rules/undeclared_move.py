"""Placeholder: the people-data rule LAD402 (written with ladders observe)."""

from __future__ import annotations

from ladders.findings import Severity

CODE = "LAD402"
NAME = "undeclared-move"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, object] = {}
