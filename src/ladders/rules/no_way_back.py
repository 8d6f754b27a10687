"""Placeholder: the people-data rule LAD403 (written with ladders observe)."""

from __future__ import annotations

from ladders.findings import Severity

CODE = "LAD403"
NAME = "no-way-back"
SEVERITY = Severity.WARNING
OPTIONS: dict[str, object] = {}
