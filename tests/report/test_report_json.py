"""The json reporter: exactly the document of DESIGN §5."""

from __future__ import annotations

import json
from collections.abc import Callable

import ladders
from ladders.findings import Finding

Render = Callable[..., str]


def test_document_is_the_documented_one(render: Render, findings: list[Finding]) -> None:
    document = json.loads(render("json", ["org.yaml", "teams/design.yaml"], findings))
    assert document == {
        "version": 1,
        "tool": {"name": "ladders", "version": ladders.__version__},
        "files": ["org.yaml", "teams/design.yaml"],
        "findings": [f.to_dict() for f in findings],
        "summary": {"error": 2, "warning": 1},
    }
    assert document["findings"][0] == {
        "code": "LAD204",
        "name": "self-move",
        "severity": "error",
        "message": "Developer (L1) moves to itself",
        "file": "org.yaml",
        "line": 4,
        "column": 3,
        "role": "dev",
    }
    assert document["findings"][2]["role"] is None


def test_empty_report_still_counts_both_severities(render: Render) -> None:
    document = json.loads(render("json", ["org.yaml"], []))
    assert document["findings"] == []
    assert document["summary"] == {"error": 0, "warning": 0}


def test_text_outside_ascii_is_kept(render: Render) -> None:
    finding = Finding("LAD204", "self-move", "error", "Ingénieure → itself", "é.yaml", 1, 1)
    assert "Ingénieure → itself" in render("json", ["é.yaml"], [finding])
