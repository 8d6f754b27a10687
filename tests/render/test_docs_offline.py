"""The documentation site works offline: nothing in it is fetched from another host.

The readthedocs theme loads highlight.js from a CDN unless ``highlightjs`` is off. This
builds a small site with the project's own ``theme``, ``markdown_extensions`` and search
plugin from ``mkdocs.yml`` (the reference pages need the whole build, which ``make docs``
does) and scans every page, script and style sheet it writes.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]

#: a script, style sheet, image or frame taken from another host
EXTERNAL = re.compile(
    r"<(?:script|img|iframe)\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//"
    r"|<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//"
    r"|@import\s+(?:url\()?[\"']?(?:https?:)?//",
    re.IGNORECASE,
)


def test_the_pattern_finds_what_it_should() -> None:
    assert EXTERNAL.search('<script src="https://cdn.example/x.js"></script>')
    assert EXTERNAL.search("<link rel=stylesheet href=//cdn.example/x.css>")
    assert EXTERNAL.search('@import url("https://fonts.example/css")')
    assert not EXTERNAL.search('<script src="js/theme.js"></script>')
    assert not EXTERNAL.search('<a href="https://github.com/">source</a>')  # a link, not a load


def test_the_theme_does_not_load_highlight_js() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["name"] == "readthedocs"
    assert config["theme"].get("highlightjs") is False


def test_the_built_site_fetches_nothing(tmp_path: Path) -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(
        "# Offline\n\n```yaml\nlevels: [L1, L2]\n```\n\n```python\nimport ladders\n```\n",
        encoding="utf-8",
    )
    site = {
        "site_name": "offline",
        "docs_dir": str(docs),
        "site_dir": str(tmp_path / "site"),
        "theme": config["theme"],
        "markdown_extensions": config.get("markdown_extensions", []),
        "plugins": ["search"],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(site), encoding="utf-8")
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert build.returncode == 0, build.stderr
    written = [
        path for path in (tmp_path / "site").rglob("*") if path.suffix in {".html", ".js", ".css"}
    ]
    assert any(path.name == "index.html" for path in written)
    for path in written:
        text = path.read_text(encoding="utf-8", errors="replace")
        found = EXTERNAL.search(text)
        assert found is None, f"{path.relative_to(tmp_path)} loads {found.group(0)!r}"
