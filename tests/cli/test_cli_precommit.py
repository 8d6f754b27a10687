"""pre-commit itself runs the hooks of ``.pre-commit-hooks.yaml`` (``pre-commit try-repo``).

Slow: pre-commit builds the hook's environment once per module (pip installs ladders and
its dependencies). Deselect with ``-m "not precommit"``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.precommit

PROJECT = Path(__file__).resolve().parents[2]
PRE_COMMIT = shutil.which("pre-commit", path=os.path.dirname(sys.executable))
if PRE_COMMIT is None:  # pragma: no cover - pre-commit is in the dev extra
    pytest.skip("pre-commit is not installed (pip install -e '.[dev]')", allow_module_level=True)

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "ladders tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "ladders tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
}


def _git(cwd: Path, *args: str) -> None:
    env = {**os.environ, **GIT_IDENTITY}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository holding this project's package and hook definitions, committed."""
    repo = tmp_path_factory.mktemp("hook-repo")
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(PROJECT / name, repo / name)
    shutil.copytree(
        PROJECT / "src", repo / "src", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "ladders")
    return repo


TryRepo = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def try_repo(hook_repo: Path, pre_commit_home: Path, tmp_path: Path) -> TryRepo:
    """``try_repo(hook_id, files={name: text})``: run the hook on a fresh repository."""
    consumer = tmp_path / "consumer"
    consumer.mkdir()
    _git(consumer, "init", "-q")

    def run(hook_id: str, files: dict[str, str]) -> subprocess.CompletedProcess[str]:
        for name, text in files.items():
            path = consumer / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        _git(consumer, "add", ".")
        env = {
            **os.environ,
            **GIT_IDENTITY,
            "PRE_COMMIT_HOME": str(pre_commit_home),
            "PRE_COMMIT_COLOR": "never",
        }
        env.pop("GITHUB_ACTIONS", None)
        assert PRE_COMMIT is not None
        return subprocess.run(
            [PRE_COMMIT, "try-repo", str(hook_repo), hook_id, "--all-files"],
            cwd=consumer,
            env=env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )

    return run


def test_hook_passes_a_good_ladder_and_fails_a_bad_one(
    try_repo: TryRepo, good: str, bad: str
) -> None:
    passed = try_repo("ladders-check", {"org.yaml": good})
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "ladders check" in passed.stdout
    assert "Passed" in passed.stdout

    failed = try_repo("ladders-check", {"org.yaml": bad})
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout
    assert "org.yaml:4:" in failed.stdout
    assert "LAD204" in failed.stdout


def test_roots_hook_checks_a_split_ladder_through_its_root(try_repo: TryRepo) -> None:
    root = (
        "levels: [L1, L2]\ntracks: {ic: technical}\ninclude: [team.yaml]\n"
        "roles:\n  senior: {title: Senior, track: ic, level: L2}\n"
    )
    fragment = "roles:\n  dev: {title: Dev, track: ic, level: L1, moves: [senior]}\n"
    files = {
        "ladders.toml": 'files = ["ladders/org.yaml"]\n',
        "ladders/org.yaml": root,
        "ladders/team.yaml": fragment,
    }
    passed = try_repo("ladders-check-roots", files)
    assert passed.returncode == 0, passed.stdout + passed.stderr

    broken = fragment.replace("moves: [senior]", "moves: [senior, dev]")
    failed = try_repo("ladders-check-roots", {"ladders/team.yaml": broken})
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "team.yaml:2:" in failed.stdout
    assert "LAD204" in failed.stdout
