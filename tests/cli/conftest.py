"""Fixtures for driving the installed ``ladders`` command as a user's shell would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

#: a small ladder with no findings
GOOD = """\
levels: [L1, L2]
tracks: {ic: technical}
roles:
  dev: {title: Developer, track: ic, level: L1, moves: [senior]}
  senior: {title: Senior Developer, track: ic, level: L2}
"""

#: the same ladder with one error: a move from dev to itself (LAD204, line 4)
BAD = """\
levels: [L1, L2]
tracks: {ic: technical}
roles:
  dev: {title: Developer, track: ic, level: L1, moves: [senior, dev]}
  senior: {title: Senior Developer, track: ic, level: L2}
"""

# Variables that change what the command prints; tests set them explicitly when needed.
_NOISY = ("GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR", "TERM")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "precommit: runs pre-commit itself (installs a hook environment; slow)"
    )


def ladders_executable() -> str:
    """The ``ladders`` entry point installed beside the running interpreter."""
    found = shutil.which("ladders", path=os.path.dirname(sys.executable))
    if found is None:
        pytest.fail("the ladders entry point is not installed: pip install -e .")
    return found


@dataclass(frozen=True)
class Result:
    """What one run of the command did."""

    code: int
    stdout: str
    stderr: str


RunLine = Callable[..., Result]


@pytest.fixture
def run_line(tmp_path: Path) -> RunLine:
    """Run ``ladders ARGS...`` as a process, in ``tmp_path`` unless ``cwd`` is given.

    ``env`` adds variables to a copy of the environment without the ones that change the
    output (GITHUB_ACTIONS, NO_COLOR, FORCE_COLOR, TERM).
    """
    executable = ladders_executable()

    def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Result:
        environ = {k: v for k, v in os.environ.items() if k not in _NOISY}
        environ.update(env or {})
        done = subprocess.run(
            [executable, *args],
            cwd=cwd or tmp_path,
            env=environ,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    return run


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write a file under ``tmp_path`` (folders made as needed); returns its path."""

    def write_file(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write_file


@pytest.fixture
def good() -> str:
    """The text of a ladder without findings."""
    return GOOD


@pytest.fixture
def bad() -> str:
    """The text of a ladder with one LAD204 error, on line 4."""
    return BAD
