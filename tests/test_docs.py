"""The documentation: generated reference pages, and the commands of the pages replayed.

The site itself is built by ``make docs`` (``mkdocs build --strict``); these tests check
what a strict build cannot: that the outputs the tutorial and the other pages show are
the real ones, printed by this tree's code (``python -m ladders``).
"""

from __future__ import annotations

import doctest
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from ladders.rules import RULES
from ladders.schema import json_schema

DOCS = Path(__file__).resolve().parent.parent / "docs"
SRC = DOCS.parent / "src"


@pytest.fixture(scope="module")
def hooks() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ladders_docs_hooks", DOCS / "hooks.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_hooks_doctests(hooks: ModuleType) -> None:
    result = doctest.testmod(hooks)
    assert result.failed == 0


def test_every_rule_has_a_page_with_examples_and_suppression(hooks: ModuleType) -> None:
    pages = hooks.generated_pages()
    index = pages["reference/rules/index.md"]
    for code, rule in RULES.items():
        page = pages[f"reference/rules/{code}.md"]
        assert page.startswith(f"# {code} {rule.name}\n")
        if code in hooks.WORKBOOK_RULES:  # only a workbook can raise it: no YAML example
            assert "[Spreadsheets](../../spreadsheets.md)" in page
        else:
            assert "Failing" in page
            assert "Passing" in page
            assert "```yaml" in page
        assert "## Suppressing it" in page
        assert f"--ignore {code}" in page
        assert f'ignore = ["{code}"]' in page
        if rule.module is not None:
            assert f"  {code}: <why" in page  # the per-role ignore, with a reason
        assert f"[{code}]({code}.md) | `{rule.name}` | {rule.severity} |" in index


def test_format_keys_page_lists_every_key(hooks: ModuleType) -> None:
    page = hooks.generated_pages()["reference/format-keys.md"]
    schema = json_schema()
    for definition in [schema, *schema["$defs"].values()]:
        for key in definition["properties"]:
            assert re.search(rf"^\| `{re.escape(key)}` \| .+ \| (yes|no) \| .+ \|$", page, re.M), (
                key
            )
    assert "| `title` | text | yes |" in page
    assert "| `entry` | boolean | no |" in page


@pytest.mark.parametrize("code", ["LAD001", "LAD002", "LAD003", "LAD004", "LAD005", "LAD007"])
def test_loading_rule_examples_fire(hooks: ModuleType, code: str) -> None:
    _, failing, _ = hooks.LOAD_RULE_EXAMPLES[code]
    assert code in hooks.load_example_codes(failing)


_STEP = re.compile(
    r"^```(?P<lang>\w+)\n(?P<body>.*?)^```$"
    r"|^<!-- tutorial: (?P<action>replace|append) (?P<args>.*?) -->$",
    re.M | re.S,
)
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _strings(args: str) -> list[str]:
    return [json.loads(f'"{s}"') for s in _STRING.findall(args)]


@pytest.fixture(scope="module")
def tree_bin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a ``ladders`` command that runs ``python -m ladders`` of this tree (not
    whatever ``ladders`` script is installed), so the tutorial replays the code under test."""
    folder = tmp_path_factory.mktemp("bin")
    script = folder / "ladders"
    script.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m ladders "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    return folder


def _run(command: str, folder: Path, last: int, tree_bin: Path) -> tuple[str, int]:
    if command == "echo $?":
        return f"{last}\n", last
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
    # This tree's package first, for `ladders` and for scripts the tutorial runs (`python ask.py`).
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), *filter(None, [env.get("PYTHONPATH")])])
    path = [str(tree_bin), str(Path(sys.executable).parent), env.get("PATH", "")]
    env["PATH"] = os.pathsep.join(path)
    done = subprocess.run(
        ["bash", "-c", command],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
        timeout=120,
    )
    return done.stdout, done.returncode


def _replay(page: str, folder: Path, tree_bin: Path) -> int:
    """Replay a page: write the files it lists, make its edits, run its commands and
    assert each prints what the page shows. Returns the number of commands run.

    A listing whose first line is ``# PATH`` writes that file (or, if the page has built it
    already, must equal it); ``<!-- tutorial: replace "old" "new" in PATH -->`` and
    ``<!-- tutorial: append "text" to PATH -->`` edit it; a ``console`` block runs each
    ``$ command`` in the folder. A listing of a file of ``examples/`` must show (after its
    name line) that file of the repository, so the page shows the example as it is.
    """
    text = (DOCS / page).read_text(encoding="utf-8")
    last = 0
    ran = 0
    for step in _STEP.finditer(text):
        if step["action"]:
            args = _strings(step["args"])
            path = folder / step["args"].rsplit(" ", 1)[-1]
            content = path.read_text(encoding="utf-8")
            if step["action"] == "replace":
                old, new = args
                assert content.count(old) == 1, f"{old!r} in {path.name}"
                content = content.replace(old, new)
            else:
                content += args[0]
            path.write_text(content, encoding="utf-8")
            continue
        body = step["body"]
        if step["lang"] == "console":
            commands = re.split(r"^\$ ", body, flags=re.M)[1:]
            for block in commands:
                command, _, expected = block.partition("\n")
                output, last = _run(command, folder, last, tree_bin)
                assert output == expected, f"{page}: $ {command}"
                ran += 1
            continue
        first = body.partition("\n")[0]
        header = re.fullmatch(r"# (\S+)", first)
        if header and step["lang"] in ("yaml", "toml", "python"):
            if header[1].startswith("examples/"):
                example = DOCS.parent / header[1]
                shown = body.partition("\n")[2]  # the file's text after the name line
                assert example.read_text(encoding="utf-8") == shown, f"{page}: {header[1]}"
            path = folder / header[1]
            if path.exists():  # a full listing of a file the page built step by step
                assert path.read_text(encoding="utf-8") == body, f"{page}: {header[1]}"
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(body, encoding="utf-8")
    return ran


def test_tutorial_commands_print_what_the_tutorial_shows(tmp_path: Path, tree_bin: Path) -> None:
    assert _replay("tutorial.md", tmp_path, tree_bin) >= 10


@pytest.mark.parametrize("page", ["format.md", "families.md", "pay.md"])
def test_page_commands_print_what_the_page_shows(page: str, tmp_path: Path, tree_bin: Path) -> None:
    assert _replay(page, tmp_path, tree_bin) >= 3
