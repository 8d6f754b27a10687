"""The HTML report, opened in headless Chromium with the network cut off."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import ladders
from ladders import Ladder
from ladders.render import render
from ladders.render.html import family_ceilings


class Opened:
    """A report open in a page, with what the page logged and tried to fetch."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []

    def classes(self, css: str) -> set[str]:
        found: list[str] = self.page.eval_on_selector_all(
            f"#chart g.roles > g.role.{css}", "nodes => nodes.map(n => n.dataset.role)"
        )
        return set(found)


def open_report(browser: Any, path: Path) -> Iterator[Opened]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    opened = Opened(page)
    page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: opened.errors.append(str(error)))

    def only_the_file(route: Any) -> None:
        url = route.request.url
        opened.requests.append(url)
        if url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    page.route("**/*", only_the_file)
    page.goto(path.as_uri())
    yield opened
    page.close()


@pytest.fixture(scope="module")
def healthy_report(browser: Any, healthy: Ladder, tmp_path_factory: Any) -> Iterator[Opened]:
    path = tmp_path_factory.mktemp("html") / "healthy.html"
    path.write_text(render(healthy, "html"), encoding="utf-8")
    yield from open_report(browser, path)


@pytest.fixture(scope="module")
def ceiling_report(browser: Any, ceiling: Ladder, tmp_path_factory: Any) -> Iterator[Opened]:
    path = tmp_path_factory.mktemp("html") / "ceiling.html"
    path.write_text(render(ceiling, "html"), encoding="utf-8")
    yield from open_report(browser, path)


def test_no_console_errors_and_no_network(healthy_report: Opened) -> None:
    assert healthy_report.errors == []
    assert all(url.startswith("file:") for url in healthy_report.requests)
    assert len(healthy_report.requests) == 1  # the page itself, nothing else


def test_chart_is_visible(healthy_report: Opened) -> None:
    page = healthy_report.page
    assert page.is_visible("#chart svg")
    box = page.locator("#chart svg").bounding_box()
    assert box is not None
    assert box["width"] > 500
    assert box["height"] > 500
    assert page.locator("#chart g.roles > g.role").count() == 22  # every role of the file


def test_click_highlights_routes_with_and_without_management(
    healthy_report: Opened, artifacts: Path
) -> None:
    page = healthy_report.page
    page.click('#chart g.role[data-role="eng-senior"]')
    assert healthy_report.classes("selected") == {"eng-senior"}
    free = healthy_report.classes("on-free")
    through_management = healthy_report.classes("on-mgmt")
    assert {"eng-staff", "eng-senior-staff", "eng-principal", "eng-distinguished"} <= free
    assert {"em", "senior-em", "director-eng", "vp-eng", "designer-principal"} <= (
        through_management
    )
    assert not free & through_management
    assert "eng-1" not in free | through_management  # below it, not reachable
    assert page.locator("#chart path.move.route-free").count() >= 4
    panel = page.inner_text("#route")
    assert "Senior Software Engineer" in panel
    assert "can progress without management" in panel
    page.screenshot(path=str(artifacts / "report-healthy.png"), full_page=True)

    page.keyboard.press("Escape")
    assert healthy_report.classes("selected") == set()
    assert healthy_report.classes("on-free") == set()
    assert healthy_report.errors == []


def test_findings_table_selects_the_role(ceiling_report: Opened, artifacts: Path) -> None:
    page = ceiling_report.page
    assert ceiling_report.errors == []
    rows = page.locator("#findings tbody tr")
    assert rows.count() == 6
    page.click('#findings button[data-role="swe-3"]')
    assert ceiling_report.classes("selected") == {"swe-3"}
    assert "cannot progress without management" in page.inner_text("#route")
    assert "team-lead" in ceiling_report.classes("on-mgmt")
    assert ceiling_report.classes("error") >= {"swe-3", "em", "director", "support-agent"}
    ceilings = page.inner_text("#ceilings")
    assert "management goes higher than the technical track" in ceilings
    page.screenshot(path=str(artifacts / "report-senior-ceiling.png"), full_page=True)
    assert ceiling_report.errors == []


def test_report_is_self_contained_and_escaped(tricky: Ladder) -> None:
    page = render(tricky, "html")
    assert "<b>bold</b>" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page
    assert "</script>" not in page.split('id="ladder-data">', 1)[1].split("</script>", 1)[0]
    for scheme in ("https:", "http://www.w3.org/1999", "src="):
        assert scheme not in page


def test_family_ceilings() -> None:
    ladder = ladders.loads(
        """
levels: [L1, L2, L3]
tracks: {ic: technical, mgmt: management}
roles:
  a: {title: A, track: ic, level: L1, family: eng}
  b: {title: B, track: mgmt, level: L3, family: eng}
  c: {title: C, track: mgmt, level: L2}
"""
    )
    assert [(c.family, c.roles, c.technical, c.management) for c in family_ceilings(ladder)] == [
        ("eng", 2, 0, 2),
        (None, 1, None, 1),
    ]
