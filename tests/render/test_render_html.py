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

from .conftest import COMPACT_IMPLIED

# The first family is clean, the second has findings: the report shows the second first.
FINDINGS_LATER = """\
name: Clean first
levels: [L1, L2, L3]
tracks: {ic: technical, mgmt: management}
roles:
  dev: {title: Developer, track: ic, level: L1, family: alpha, entry: true, moves: [senior]}
  senior: {title: Senior Developer, track: ic, level: L2, family: alpha, moves: [staff]}
  staff: {title: Staff Developer, track: ic, level: L3, family: alpha}
  agent: {title: Agent, track: ic, level: L1, family: beta, entry: true}
  lead: {title: Lead, track: mgmt, level: L3, family: beta}
"""


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


def open_report(browser: Any, path: Path, width: int = 1280) -> Iterator[Opened]:
    page = browser.new_page(viewport={"width": width, "height": 900})
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


# The middle of a path, on its stroke (the middle of its box is off it where it turns),
# scrolled into view, in the page's coordinates.
MIDDLE = """path => {
  path.scrollIntoView({block: "center", inline: "center"});
  const at = path.getPointAtLength(path.getTotalLength() / 2);
  const screen = new DOMPoint(at.x, at.y).matrixTransform(path.getScreenCTM());
  return [screen.x, screen.y];
}"""


def point_at(page: Any, path: Any) -> None:
    """Move the mouse onto a move's line, as a person pointing at it would."""
    x, y = path.evaluate(MIDDLE)
    page.mouse.move(x, y)


def open_text(browser: Any, tmp_path: Path, text: str) -> Iterator[Opened]:
    """Open a report written from ``text`` (for one ``for`` loop: closed after it)."""
    path = tmp_path / "report.html"
    path.write_text(text, encoding="utf-8")
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


def test_report_fits_the_page_width_and_zooms(healthy_report: Opened, artifacts: Path) -> None:
    page = healthy_report.page
    sizes = "() => [document.documentElement.scrollWidth, window.innerWidth]"

    def chart_width() -> float:
        box = page.locator("#chart svg").bounding_box()
        assert box is not None
        return float(box["width"])

    natural = float(page.eval_on_selector("#chart svg", "svg => svg.viewBox.baseVal.width"))
    frame = page.locator("#chart").bounding_box()
    assert frame is not None
    page_width, viewport = page.evaluate(sizes)
    assert page_width <= viewport  # nothing sticks out of the page
    fitted = chart_width()
    assert fitted <= frame["width"]
    assert fitted == pytest.approx(min(natural, frame["width"] - 2), abs=2)
    assert page.get_attribute("#zoom-fit", "aria-pressed") == "true"
    page.click("#zoom-in")
    assert chart_width() == pytest.approx(fitted * 1.25, abs=2)
    assert page.get_attribute("#zoom-fit", "aria-pressed") == "false"
    page.click("#zoom-actual")
    assert chart_width() == pytest.approx(natural, abs=1)
    assert page.inner_text("#zoom-level") == "100%"
    page.keyboard.press("-")
    assert chart_width() == pytest.approx(natural / 1.25, abs=2)
    assert page.evaluate(sizes)[0] <= viewport  # zoomed in, the chart scrolls in its frame
    page.click("#zoom-fit")
    assert chart_width() == pytest.approx(fitted, abs=1)
    page.set_viewport_size({"width": 900, "height": 900})
    page.wait_for_timeout(100)
    assert chart_width() < fitted  # fitting follows the window
    assert page.evaluate(sizes)[0] <= 900
    page.screenshot(path=str(artifacts / "report-healthy-900px.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_title_is_shown_once(healthy_report: Opened) -> None:
    page = healthy_report.page
    text = page.inner_text("body")
    assert text.count("Northwind product organisation") == 1
    assert page.locator("#chart svg text.heading").count() == 0


def test_hovering_a_cross_family_move_frames_both_ends(healthy_report: Opened) -> None:
    page = healthy_report.page
    move = page.locator('#chart g.move.cross-family[data-from="eng-3"][data-to="designer-2"]')
    assert move.count() == 1
    point_at(page, move.locator("path.line"))
    assert healthy_report.classes("end") == {"eng-3", "designer-2"}
    hover = page.inner_text("#hover")
    assert "Software Engineer II (eng-3, engineering)" in hover
    assert "Product Designer (designer-2, design)" in hover
    assert "to another family" in hover
    page.mouse.move(2, 2)
    assert healthy_report.classes("end") == set()
    assert page.inner_text("#hover") == ""


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
    assert page.locator("#chart g.move.route-free").count() >= 4
    panel = page.inner_text("#route")
    assert "Senior Software Engineer" in panel
    assert "can progress without management" in panel
    page.screenshot(path=str(artifacts / "report-healthy.png"), full_page=True)

    page.keyboard.press("Escape")
    assert healthy_report.classes("selected") == set()
    assert healthy_report.classes("on-free") == set()
    assert healthy_report.errors == []


def test_findings_table_selects_the_role(
    ceiling_report: Opened, ceiling: Ladder, artifacts: Path
) -> None:
    page = ceiling_report.page
    assert ceiling_report.errors == []
    rows = page.locator("#findings tbody tr")
    assert rows.count() == len(ladders.check(ceiling)) >= 6
    page.click('#findings button[data-role="swe-3"]')
    assert ceiling_report.classes("selected") == {"swe-3"}
    assert "cannot progress without management" in page.inner_text("#route")
    assert "team-lead" in ceiling_report.classes("on-mgmt")
    assert ceiling_report.classes("error") >= {"swe-3", "em", "director", "support-agent"}
    ceilings = page.inner_text("#ceilings")
    assert "management goes higher than the technical track" in ceilings
    page.screenshot(path=str(artifacts / "report-senior-ceiling.png"), full_page=True)
    assert ceiling_report.errors == []


def test_families_with_findings_come_first(browser: Any, tmp_path: Path) -> None:
    ladder = ladders.loads(FINDINGS_LATER)
    assert {f.role for f in ladders.check(ladder)} <= {"agent", "lead"}
    for opened in open_text(browser, tmp_path, render(ladder, "html")):
        families = opened.page.eval_on_selector_all(
            "#chart text.family", "nodes => nodes.map(n => n.textContent)"
        )
        assert families == ["beta", "alpha"]
        first_ceiling = opened.page.inner_text("#ceilings tbody tr:first-child td:first-child")
        assert first_ceiling == "beta"
        assert opened.errors == []
    svg = render(ladder, "svg")  # the plain chart keeps the file's order
    assert svg.index(">alpha<") < svg.index(">beta<")


def test_implied_moves_in_the_report(browser: Any, tmp_path: Path, compact: Ladder) -> None:
    for opened in open_text(browser, tmp_path, render(compact, "html")):
        page = opened.page
        implied = page.eval_on_selector_all(
            "#chart g.moves > g.move.implied",
            "nodes => nodes.map(n => n.dataset.from + '>' + n.dataset.to)",
        )
        assert set(implied) == {f"{source}>{target}" for source, target in COMPACT_IMPLIED}
        assert "implied move" in (page.text_content("#chart g.legend") or "")
        point_at(page, page.locator('#chart g.move[data-from="dev"] path.line'))
        assert "implied" in page.inner_text("#hover")
        assert opened.errors == []


def test_a_family_and_a_focus_view(browser: Any, tmp_path: Path, healthy: Ladder) -> None:
    text = render(healthy, "html", family="design")
    for opened in open_text(browser, tmp_path, text):
        page = opened.page
        drawn = set(
            page.eval_on_selector_all("#chart g.roles > g.role", "n => n.map(x => x.dataset.role)")
        )
        design = {r for r, role in healthy.roles.items() if role.family == "design"}
        outside = opened.classes("outside")
        assert drawn == design | outside
        leaving = {t for r in design for t in healthy.roles[r].targets if t not in design}
        assert outside == leaving
        assert leaving
        assert "family design" in page.inner_text("h1")
        page.click('#chart g.role[data-role="designer-senior"]')
        assert "eng-staff" in opened.classes("on-free")
        assert opened.errors == []


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


def test_the_report_has_a_pay_parity_table() -> None:
    ladder = ladders.load(Path(__file__).resolve().parents[2] / "examples" / "compact.yaml")
    page = render(ladder, "html")
    section = page[page.index('<section id="parity">') :]
    section = section[: section.index("</section>")]
    assert "<th>technical midpoint</th><th>management midpoint</th><th>gap</th>" in section
    assert "<td>engineering</td><td>L4</td><td>EUR</td><td>105,000</td><td>105,000</td>" in section
    no_bands = ladders.loads(
        "levels: [L1]\ntracks: {ic: technical}\nroles: {a: {title: A, track: ic, level: L1}}\n"
    )
    assert 'id="parity"' not in render(no_bands, "html")
