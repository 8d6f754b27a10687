"""The example history: its seeded generator makes exactly the committed file, and it
tells the story docs/observe.md walks through."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import ladders
from ladders.observe import observe, project

ROOT = Path(__file__).resolve().parents[2]
LADDER = ROOT / "examples" / "healthy.yaml"
HISTORY = ROOT / "examples" / "history" / "healthy.csv"


def test_the_generator_makes_the_committed_history(tmp_path: Path) -> None:
    out = tmp_path / "healthy.csv"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "examples" / "history" / "generate.py"),
            str(LADDER),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == HISTORY.read_bytes()


def test_the_example_history_tells_the_story_of_the_docs() -> None:
    ladder = ladders.load(LADDER)
    assert ladders.check(ladder) == []  # clean on paper...
    seen = observe(ladder, HISTORY)  # ...but not in practice
    found = sorted((f.code, f.role or "") for f in seen.findings)
    assert found == [
        ("LAD401", "eng-senior"),
        ("LAD402", "designer-senior"),
        ("LAD402", "eng-3"),
        ("LAD403", "director-eng"),
        ("LAD403", "em"),
        ("LAD403", "senior-em"),
        ("LAD403", "vp-eng"),
    ]
    assert (seen.people, seen.moves) == (500, 581)
    assert seen.returns["design"].returned > 0
    docs = (ROOT / "docs" / "observe.md").read_text(encoding="utf-8")
    assert "People: 500    Moves: 581    Declared by the ladder: 97.6%" in docs
    reach = project(ladder, HISTORY).roles["eng-senior"].reach["L5"]
    assert reach is not None
    assert reach < 0.1
