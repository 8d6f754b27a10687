"""The registry of reporters: every format has a class, loaded only when used."""

from __future__ import annotations

import subprocess
import sys

from ladders.report import FORMATS, REPORTERS
from ladders.report.base import Reporter


def test_every_format_has_a_reporter_named_after_it() -> None:
    assert (
        set(REPORTERS) == set(FORMATS) == {"text", "json", "sarif", "junit", "github", "markdown"}
    )
    for name in FORMATS:
        reporter = REPORTERS[name]
        assert issubclass(reporter, Reporter)
        assert reporter.name == name


def test_registry_imports_no_reporter_until_asked() -> None:
    code = (
        "import sys, ladders.report as r; before = sorted(m for m in sys.modules "
        "if m.startswith('ladders.report.')); r.REPORTERS['sarif']; "
        "after = sorted(m for m in sys.modules if m.startswith('ladders.report.')); "
        "print(before, after)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[] ['ladders.report.base', 'ladders.report.sarif']"
