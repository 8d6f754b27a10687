"""Ladders to draw, and the real consumers of the drawings: headless Chromium (with
the Mermaid library from npm) and Graphviz. ``make render-deps`` installs them.

A consumer that is missing skips the tests that need it, with the reason, on a
developer's machine (one without root cannot install them); under ``CI=true`` it fails
them instead, so a CI that lost its browser cannot pass quietly."""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest

import ladders
from ladders import Ladder

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
EXAMPLES = ROOT / "examples"
DATA = HERE / "data"
ARTIFACTS = ROOT / "test-artifacts" / "render"
MERMAID_JS = HERE / "js" / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
CHROMIUM = os.environ.get("LADDERS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING = (
    "is missing: run `make render-deps` as root (Debian's chromium and graphviz, mermaid from npm)"
)


def missing(what: str) -> NoReturn:
    """Skip a test whose consumer is missing, except under ``CI=true``: fail it there."""
    reason = f"{what} {MISSING}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI=true: a missing consumer fails the run)")
    pytest.skip(reason)


#: a format 1.1 ladder: most moves implied by ``progression``, two written ones that
#: cross into another family
COMPACT = """\
name: Compact
progression: {promote: true, switch: true}
levels: [L1, L2, L3]
tracks: {ic: technical, mgmt: management}
roles:
  dev: {title: Developer, track: ic, level: L1, family: eng}
  senior: {title: Senior Developer, track: ic, level: L2, family: eng}
  staff: {title: Staff Developer, track: ic, level: L3, family: eng, moves: [design-lead]}
  lead: {title: Team Lead, track: mgmt, level: L2, family: eng}
  head: {title: Head of Engineering, track: mgmt, level: L3, family: eng}
  designer: {title: Designer, track: ic, level: L1, family: design, moves: [senior]}
  design-lead: {title: Design Lead, track: mgmt, level: L3, family: design}
"""
#: the moves ``progression`` implies in it
COMPACT_IMPLIED = {
    ("dev", "senior"),
    ("senior", "staff"),
    ("lead", "head"),
    ("senior", "lead"),
    ("lead", "senior"),
    ("staff", "head"),
    ("head", "staff"),
}


def generated(roles: int, **options: Any) -> Ladder:
    """A ladder from the benchmarks' generator, with defects unless told otherwise."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate_ladder
    finally:
        sys.path.pop(0)
    options.setdefault("healthy", False)
    data = generate_ladder(roles, **options)
    return ladders.loads(json.dumps(data), format="json")


@pytest.fixture(scope="session")
def healthy() -> Ladder:
    return ladders.load(EXAMPLES / "healthy.yaml")


@pytest.fixture(scope="session")
def ceiling() -> Ladder:
    """The senior-ceiling example: errors and warnings on several roles."""
    return ladders.load(EXAMPLES / "senior-ceiling.yaml")


@pytest.fixture(scope="session")
def tricky() -> Ladder:
    """Titles, names and ids that need escaping in every format."""
    return ladders.load(DATA / "tricky.yaml")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """test-artifacts/render/ (gitignored): screenshots for a person to look at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def dot_program() -> str:
    found = shutil.which("dot")
    if found is None:
        missing("Graphviz `dot`")
    return found


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the whole session (page loads are the slow part)."""
    if not Path(CHROMIUM).exists():
        missing(CHROMIUM)
    from playwright.sync_api import Error, sync_playwright

    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Error as error:
            missing(f"a working {CHROMIUM} ({str(error).splitlines()[0]})")
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def compact() -> Ladder:
    """A format 1.1 ladder with implied moves (:data:`COMPACT`)."""
    ladder = ladders.loads(COMPACT)
    assert {(m.source, m.target) for m in ladder.implied_moves} == COMPACT_IMPLIED
    return ladder
