"""Fixtures for the observe tests: run the command line in-process or as a process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from ladders.cli import main


@dataclass(frozen=True)
class Result:
    code: int
    stdout: str
    stderr: str


Run = Callable[..., Result]


@pytest.fixture
def run(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """``ladders ARGS...`` in-process, in ``tmp_path``, without CI or colour variables."""
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_ACTIONS", "NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)

    def go(*args: str) -> Result:
        capsys.readouterr()
        code = main(list(args))
        out = capsys.readouterr()
        return Result(code, out.out, out.err)

    return go


@pytest.fixture
def process(tmp_path: Path) -> Run:
    """``ladders ARGS...`` as a process, in ``tmp_path``."""
    executable = shutil.which("ladders", path=os.path.dirname(sys.executable))
    assert executable is not None, "the ladders entry point is not installed"

    def go(*args: str) -> Result:
        environ = {
            k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "FORCE_COLOR")
        }
        done = subprocess.run(
            [executable, *args],
            cwd=tmp_path,
            env=environ,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    return go
