"""The public surface: one curated ``__all__``, and ``import ladders`` stays light."""

from __future__ import annotations

import subprocess
import sys

import pytest

import ladders


def test_all_is_sorted_and_exactly_the_public_names() -> None:
    # `annotations` is the __future__ import every module opens with, not API
    public = {n for n in dir(ladders) if not n.startswith("_")} - {"annotations"}
    modules = {name for name in public if type(getattr(ladders, name)).__name__ == "module"}
    assert ladders.__all__ == sorted(set(ladders.__all__))
    assert set(ladders.__all__) - {"__version__"} == public - modules


def test_every_exception_derives_from_ladders_error() -> None:
    assert issubclass(ladders.LoadError, ladders.LaddersError)
    assert issubclass(ladders.UsageError, ladders.LaddersError)


def test_version_is_the_package_version() -> None:
    from importlib.metadata import version

    assert ladders.__version__ == version("ladders")


def test_import_ladders_does_not_import_the_cli_stack() -> None:
    code = (
        "import sys, ladders\n"
        "heavy = [m for m in ('click', 'typer', 'ladders.cli', 'ladders.report', 'hypothesis',"
        " 'jsonschema') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_load_error_message_names_the_first_finding() -> None:
    with pytest.raises(ladders.LoadError) as caught:
        ladders.loads("levels: [L1]\ntracks: {}\nroles: {d: {title: D, track: x, level: L1}}\n")
    assert str(caught.value).startswith("<string>:3:")
    assert "LAD004" in str(caught.value)
    assert caught.value.findings[0].code == "LAD004"


def test_check_file_never_raises_for_bad_content(tmp_path: object) -> None:
    from pathlib import Path

    path = Path(str(tmp_path)) / "bad.yaml"
    path.write_bytes(b"\xff\xfe\x00garbage: [")
    findings = ladders.check_file(path)
    assert [f.code for f in findings] == ["LAD001"]


def test_findings_are_sorted_by_file_line_column_code() -> None:
    a = ladders.Finding("LAD203", "duplicate-move", "warning", "m", "b.yaml", 1, 1)
    b = ladders.Finding("LAD101", "management-only-progression", "error", "m", "a.yaml", 9, 1)
    c = ladders.Finding("LAD101", "management-only-progression", "error", "m", "a.yaml", 2, 5)
    d = ladders.Finding("LAD004", "unknown-reference", "error", "m", "a.yaml", 2, 5)
    assert sorted([a, b, c, d]) == [d, c, b, a]


def test_all_is_the_documented_surface() -> None:
    assert set(ladders.__all__) >= {
        "Ladder", "load", "loads", "check", "check_file", "dump", "diff", "Finding",
        "Severity", "LaddersError", "LoadError", "UsageError", "ConfigError", "CsvError",
        "HistoryError", "observe", "project", "Observation", "Projection", "StuckRole",
        "Band", "ParityRow", "progression",
    }  # fmt: skip
    for name in ladders.__all__:
        assert getattr(ladders, name) is not None


def test_import_ladders_stays_light() -> None:
    import subprocess
    import sys

    code = (
        "import sys, ladders; print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'click', 'networkx', 'numpy', 'openpyxl', 'hypothesis', 'iso4217'}), "
        "sorted(m for m in sys.modules if m.startswith(('ladders.cli', 'ladders.report', "
        "'ladders.observe.'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[] []"
