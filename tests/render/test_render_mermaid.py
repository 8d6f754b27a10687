"""Mermaid output, parsed and drawn by the real Mermaid library in headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from ladders import Ladder
from ladders.render import render
from ladders.render.mermaid import label, node_ids

from .conftest import MERMAID_JS, MISSING, generated

PAGE = '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><div id="out"></div></body></html>'

# Parse, then draw, and return the text of each node's label in the drawing.
DRAW = """async (text) => {
  try {
    await mermaid.parse(text);
    const { svg } = await mermaid.render("chart" + Math.floor(Math.random() * 1e9), text);
    const out = document.getElementById("out");
    out.innerHTML = svg;
    const labels = Array.from(out.querySelectorAll("g.node")).map(
      (node) => node.textContent.replace(/\\s+/g, " ").trim());
    const edges = out.querySelectorAll(".edgePaths path, path.flowchart-link").length;
    return { ok: true, labels, edges };
  } catch (error) {
    return { ok: false, error: String(error && error.message || error) };
  }
}"""


@pytest.fixture(scope="module")
def mermaid_page(browser: Any) -> Iterator[Any]:
    if not MERMAID_JS.exists():
        pytest.fail(f"{MERMAID_JS} {MISSING}")
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_content(PAGE)
    page.add_script_tag(path=str(MERMAID_JS))
    page.evaluate(
        "mermaid.initialize({startOnLoad: false, securityLevel: 'strict', maxEdges: 5000,"
        " maxTextSize: 1000000})"
    )
    yield page
    page.close()
    assert errors == []


def draw(page: Any, text: str) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(DRAW, text)
    assert result["ok"], result.get("error")
    return result


@pytest.mark.parametrize("name", ["healthy", "ceiling", "tricky"])
def test_mermaid_parses_and_draws_every_role(
    name: str, mermaid_page: Any, request: pytest.FixtureRequest
) -> None:
    ladder: Ladder = request.getfixturevalue(name)
    result = draw(mermaid_page, render(ladder, "mermaid"))
    labels = result["labels"]
    for role in ladder.roles.values():
        # the drawn label is the title, as written, then the level
        assert any(text.startswith(" ".join(role.title.split())) for text in labels), (
            role.title,
            labels,
        )
    assert result["edges"] >= 1


def test_mermaid_rejects_what_it_should(mermaid_page: Any) -> None:
    """The parser is real: broken text fails (so passing means something)."""
    result = mermaid_page.evaluate(DRAW, 'flowchart BT\n  a["unclosed --> b')
    assert not result["ok"]


def test_mermaid_on_a_generated_ladder(mermaid_page: Any) -> None:
    draw(mermaid_page, render(generated(60, families=2), "mermaid"))


def test_ids_are_safe_and_unique() -> None:
    ids = node_ids(["a.b", "a-b", "a_b", "end", "1x"])
    assert list(ids.values()) == ["a_b", "a_b_2", "a_b_3", "end_", "1x"]


def test_labels_are_quoted_with_entity_codes() -> None:
    assert label('say "hi"') == '"say #quot;hi#quot;"'
    assert label("a\nb") == '"a b"'


def test_kinds_are_link_styles(healthy: Ladder) -> None:
    text = render(healthy, "mermaid", findings=())
    assert "eng_1 --> eng_2" in text
    assert "eng_senior ==> em" in text
    assert "eng_staff -.-> em" in text
    assert text.count("linkStyle") == 3
