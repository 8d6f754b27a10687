"""The README's quick start and its worked example are true (replayed here)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_quick_start_is_exactly_make_demo_and_make_test() -> None:
    block = re.search(r"## Quick start\n\n```console\n(.*?)```", README, re.S)
    assert block is not None
    commands = [line.split("#")[0].strip() for line in block.group(1).splitlines()]
    assert commands == ["make demo", "make test"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo: ", makefile, re.M)
    assert re.search(r"^test: ", makefile, re.M)
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().endswith("make test")


def test_the_example_ladder_gives_the_findings_shown(tmp_path: Path) -> None:
    ladder = re.search(r"## A ladder file\n\n```yaml\n(.*?)```", README, re.S)
    shown = re.search(
        r"```console\n\$ ladders check org.yaml\n(.*?)\$ echo \$\?\n(\d)\n", README, re.S
    )
    assert ladder is not None
    assert shown is not None
    (tmp_path / "org.yaml").write_text(ladder.group(1), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "ladders", "check", "org.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "src")},
    )
    assert done.stdout == shown.group(1)
    assert str(done.returncode) == shown.group(2)
