"""The release artefacts: sdist and wheel build, pass `twine check`, and the wheel works
when installed into a fresh virtual environment."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return out


def test_sdist_and_wheel_pass_twine_check(dist: Path) -> None:
    files = sorted(p.name for p in dist.iterdir())
    assert any(name.endswith(".whl") for name in files), files
    assert any(name.endswith(".tar.gz") for name in files), files
    result = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, dist.iterdir())],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_wheel_carries_the_typing_marker_licence_and_version(dist: Path) -> None:
    import ladders

    (wheel,) = dist.glob("*.whl")
    assert wheel.name.startswith(f"ladders-{ladders.__version__}-")
    names = zipfile.ZipFile(wheel).namelist()
    assert "ladders/py.typed" in names
    assert any(n.endswith("licenses/LICENSE") for n in names), names


def test_wheel_installed_in_a_fresh_venv_checks_an_example(dist: Path, tmp_path: Path) -> None:
    env = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env)
    python = env / "bin" / "python"
    (wheel,) = dist.glob("*.whl")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    example = tmp_path / "healthy.yaml"
    shutil.copy(ROOT / "examples" / "healthy.yaml", example)
    clean = subprocess.run(
        [str(env / "bin" / "ladders"), "check", str(example)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert clean.returncode == 0, clean.stdout + clean.stderr
    shutil.copy(ROOT / "examples" / "senior-ceiling.yaml", example)
    failing = subprocess.run(
        [str(env / "bin" / "ladders"), "check", str(example)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert failing.returncode == 1
    assert "LAD301" in failing.stdout
