"""Mermaid output, parsed and drawn by the real Mermaid library in headless Chromium."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

import ladders
from ladders import Ladder
from ladders.render import render
from ladders.render.mermaid import node_ids

from .conftest import COMPACT_IMPLIED, MERMAID_JS, generated, missing

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
    const edgeLabels = Array.from(out.querySelectorAll(".edgeLabel")).map(
      (node) => node.textContent.trim()).filter((text) => text);
    const links = Array.from(out.querySelectorAll("path.flowchart-link")).map(
      (path) => [path.id, path.getAttribute("style") || ""]);
    return { ok: true, labels, edges, edgeLabels, links };
  } catch (error) {
    return { ok: false, error: String(error && error.message || error) };
  }
}"""


@pytest.fixture(scope="module")
def mermaid_page(browser: Any) -> Iterator[Any]:
    if not MERMAID_JS.exists():
        missing(str(MERMAID_JS))
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


def test_role_ids_never_take_the_ids_of_subgraphs_or_the_legend(mermaid_page: Any) -> None:
    ladder = ladders.loads(
        """
levels: [L1, L2]
tracks: {ic: technical}
roles:
  family_0: {title: Family, track: ic, level: L1, moves: [legend_0]}
  legend_0: {title: Legend, track: ic, level: L2}
"""
    )
    text = render(ladder, "mermaid", findings=())
    assert "family_0_2 --> legend_0_2" in text
    result = draw(mermaid_page, text)
    assert any(text.startswith("Family") for text in result["labels"])


def test_implied_moves_have_their_own_line_and_a_legend_entry(
    mermaid_page: Any, compact: Ladder
) -> None:
    text = render(compact, "mermaid", findings=())
    lines = text.splitlines()
    # Mermaid numbers the links in the order they are written
    links = [
        (re.match(r"\s*(\w+)", line).group(1), re.search(r"(\w+)(\[[^]]*\])?$", line).group(1))  # type: ignore[union-attr]
        for line in lines
        if re.search(r" (-->|==>|-\.->)", line)
    ]
    dashed: set[int] = set()
    for line in lines:
        if line.strip().startswith("linkStyle") and "stroke-dasharray:9 3 2 3" in line:
            dashed |= {int(n) for n in line.split()[1].split(",")}
    implied = {
        number
        for number, (source, target) in enumerate(links)
        if (source, target) in COMPACT_IMPLIED
    }
    assert len(implied) == len(COMPACT_IMPLIED)
    legend = links.index(("legend_3", "legend_3_to"))
    assert dashed == implied | {legend}
    assert "implied move (progression)" in text
    result = draw(mermaid_page, text)
    assert "implied move (progression)" in result["edgeLabels"]
    # each drawn link's id names its two ends: L_source_target_0
    styles = {link_id.split("-L_", 1)[1]: style for link_id, style in result["links"]}
    assert len(styles) == len(links)
    for number, (source, target) in enumerate(links):
        style = styles[f"{source}_{target}_0"]
        assert ("stroke-opacity:0.45" in style) == (number in implied | {legend}), (source, target)
    plain = render(ladders.load("examples/healthy.yaml"), "mermaid", findings=())
    assert "implied" not in plain


def related(ladder: Ladder, focus: str) -> set[str]:
    """A plain search: the role, what it reaches, what reaches it."""
    forward: dict[str, set[str]] = {r: set(role.targets) for r, role in ladder.roles.items()}
    backward: dict[str, set[str]] = {r: set() for r in ladder.roles}
    for source, targets in forward.items():
        for target in targets:
            backward[target].add(source)
    found = {focus}
    for edges in (forward, backward):
        todo, seen = [focus], {focus}
        while todo:
            for other in edges[todo.pop()] - seen:
                seen.add(other)
                todo.append(other)
        found |= seen
    return found


def test_a_focus_view(mermaid_page: Any, healthy: Ladder) -> None:
    expected = related(healthy, "eng-senior")
    assert 1 < len(expected) < len(healthy.roles)
    text = render(healthy, "mermaid", focus="eng-senior")
    result = draw(mermaid_page, text)
    drawn = [text for text in result["labels"] if text]
    assert len(drawn) == len(expected)
    for role_id in expected:
        role = healthy.roles[role_id]
        assert f"{role.title}{role.level}" in drawn
    assert "class eng_senior focus" in text
