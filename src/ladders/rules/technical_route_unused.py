"""Placeholder: the people-data rule LAD401 (written with ladders observe)."""

from __future__ import annotations

from ladders.findings import Severity

CODE = "LAD401"
NAME = "technical-route-unused"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, object] = {}
