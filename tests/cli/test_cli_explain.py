"""``ladders explain`` and ``paths`` on format 1.1 ladders: implied moves, the stuck
specialist, bands and pay parity."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from .conftest import RunLine

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_explain_names_why_a_role_is_stuck(run_line: RunLine) -> None:
    result = run_line("explain", str(EXAMPLES / "senior-ceiling.yaml"), "senior")
    assert result.code == 0, result.stderr
    assert (
        "Only through management: the technical track of its family ends here while "
        "management goes higher (via Engineering Manager (em, L5))" in result.stdout
    )
    data = json.loads(
        run_line(
            "explain", str(EXAMPLES / "senior-ceiling.yaml"), "senior", "--format", "json"
        ).stdout
    )
    assert data["management_only"] == {"reason": "track-ends", "via": "em"}


def test_explain_shows_band_parity_and_implied_moves(run_line: RunLine) -> None:
    result = run_line("explain", str(EXAMPLES / "compact.yaml"), "staff")
    assert result.code == 0, result.stderr
    assert "Band: 90,000-120,000 EUR (midpoint 105,000)" in result.stdout
    assert "Pay parity at L4: technical midpoint 105,000, management 105,000 EUR" in result.stdout
    assert "Next technical moves: Principal Engineer (principal, L5) (implied)" in result.stdout
    assert "Only through management" not in result.stdout
    data = json.loads(
        run_line("explain", str(EXAMPLES / "compact.yaml"), "staff", "--format", "json").stdout
    )
    assert data["band"] == {"min": 90000, "max": 120000, "currency": "EUR"}
    assert data["parity"] == [
        {"currency": "EUR", "technical_midpoint": 105000, "management_midpoint": 105000, "gap": 0}
    ]
    assert data["management_only"] is None


def test_paths_marks_implied_moves(run_line: RunLine, write: Callable[[str, str], Path]) -> None:
    result = run_line("paths", str(EXAMPLES / "compact.yaml"), "senior", "--format", "json")
    routes = json.loads(result.stdout)["routes"]
    first = next(r for r in routes if r["roles"] == ["senior", "staff"])
    assert first["moves"][0]["implied"] is True
    text = run_line("paths", str(EXAMPLES / "compact.yaml"), "senior").stdout
    assert "senior -[technical (implied)]-> staff" in text
