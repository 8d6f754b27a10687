"""`ladders diff`: old and new values, findings matched by place, the three formats, and
REV:path read from git safely (as git reads the path, one blob at a time, nothing given
as a revision reaching git as an option, symbolic links handled)."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ladders.cli import main

from .conftest import RunLine

LADDER = """\
levels: [L3, L4, L5]
tracks: {ic: technical, mgmt: management}
roles:
  engineer: {title: Engineer, track: ic, level: L3, entry: true, moves: [senior]}
  senior: {title: Senior Engineer, track: ic, level: L4, moves: [{to: tlm, criteria: [Asks]}, staff]}
  tlm: {title: Tech Lead Manager, track: mgmt, level: L5, moves: [staff]}
  staff: {title: Staff, track: ic, level: L5}
"""
#: staff renamed, a criterion added, and the technical route from senior gone
CHANGED = LADDER.replace("title: Staff,", "title: Staff Engineer,").replace(
    "criteria: [Asks]}, staff]", "criteria: [Asks, Leads a team]}]"
)


def git(repo: Path, *args: str) -> str:
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
    """A repository with ladders/org.yaml (and its include) committed, then changed."""
    repo = tmp_path / "repo"
    (repo / "ladders" / "teams").mkdir(parents=True)
    head, rest = LADDER.split("roles:\n")
    (repo / "ladders" / "org.yaml").write_text(head + "include: [teams/roles.yaml]\n")
    (repo / "ladders" / "teams" / "roles.yaml").write_text("roles:\n" + rest)
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "ladder")
    (repo / "ladders" / "teams" / "roles.yaml").write_text(
        "roles:\n" + CHANGED.split("roles:\n")[1]
    )
    return repo


@pytest.fixture
def in_repo(repo: Path) -> Iterator[Path]:
    """Run in-process commands from the repository's root."""
    before = os.getcwd()
    os.chdir(repo)
    try:
        yield repo
    finally:
        os.chdir(before)


def test_text_shows_old_and_new_values(run_line: RunLine, tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text(LADDER)
    (tmp_path / "new.yaml").write_text(CHANGED)
    result = run_line("diff", "old.yaml", "new.yaml")
    assert result.code == 1, result.stderr
    lines = result.stdout.splitlines()
    assert '~ role staff: title: "Staff" -> "Staff Engineer"' in lines
    assert '~ move senior -> tlm: criteria: added "Leads a team"' in lines
    assert "- move senior -> staff" in lines
    assert any(line.startswith("+ finding LAD101 ") for line in lines)
    assert lines[-1] == "2 progression regressions."


def test_json_keeps_its_keys_and_gives_old_and_new(run_line: RunLine, tmp_path: Path) -> None:
    (tmp_path / "old.yaml").write_text(LADDER)
    (tmp_path / "new.yaml").write_text(CHANGED)
    data = json.loads(run_line("diff", "old.yaml", "new.yaml", "--format", "json").stdout)
    assert set(data) == {"version", "old", "new", "roles", "moves", "findings", "regressions"}
    assert data["version"] == 1
    assert set(data["roles"]) == {"added", "removed", "changed"}
    assert set(data["moves"]) == {"added", "removed", "changed"}
    assert set(data["findings"]) == {"introduced", "resolved", "reworded"}
    assert data["roles"]["changed"]["staff"] == {
        "fields": ["title"],
        "old": {"title": "Staff"},
        "new": {"title": "Staff Engineer"},
    }
    (move,) = data["moves"]["changed"]
    assert move["old"] == {"criteria": ["Asks"]}
    assert move["new"] == {"criteria": ["Asks", "Leads a team"]}
    assert data["moves"]["removed"] == [["senior", "staff"]]
    assert {r["role"] for r in data["regressions"]} == {"engineer", "senior"}
    (introduced,) = data["findings"]["introduced"]
    assert introduced["file"] == "new.yaml"
    assert set(introduced) == {
        "code",
        "name",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "role",
    }


def test_a_moved_and_reworded_finding_is_not_introduced_or_resolved(
    run_line: RunLine, tmp_path: Path
) -> None:
    ceiling = (
        "levels: [L1, L2, L3, L4]\ntracks: {ic: technical, mgmt: management}\nroles:\n"
        "  dev: {title: Developer, track: ic, level: L1, moves: [senior, lead]}\n"
        "  senior: {title: Senior, track: ic, level: L2}\n"
        "  lead: {title: Lead, track: mgmt, level: L2, moves: [director]}\n"
        "  director: {title: Director, track: mgmt, level: L4}\n"
    )
    taller = ceiling.replace(
        "level: L2}\n",
        "level: L2, moves: [staff]}\n  staff: {title: Staff, track: ic, level: L3}\n",
        1,
    )
    (tmp_path / "old.yaml").write_text(ceiling)
    (tmp_path / "new.yaml").write_text(taller)
    result = run_line("diff", "old.yaml", "new.yaml")
    assert "+ finding LAD301" not in result.stdout
    assert "- finding LAD301" not in result.stdout
    assert "~ finding LAD301 reworded: " in result.stdout


def test_markdown_has_regressions_changes_and_linked_findings(
    run_line: RunLine, repo: Path
) -> None:
    base = git(repo, "rev-parse", "HEAD")
    env = {
        "GITHUB_SERVER_URL": "https://github.example",
        "GITHUB_REPOSITORY": "acme/hr",
        "GITHUB_SHA": "headsha",
        "GITHUB_WORKSPACE": str(repo),
    }
    result = run_line(
        "diff",
        "HEAD:ladders/org.yaml",
        "ladders/org.yaml",
        "--format",
        "markdown",
        cwd=repo,
        env=env,
    )
    assert result.code == 1, result.stderr
    out = result.stdout
    assert out.startswith("### ladders diff: `HEAD:ladders/org.yaml` → `ladders/org.yaml`\n")
    assert ":x: **2 progression regressions**" in out
    assert '| changed | role staff | title: "Staff" -&gt; "Staff Engineer" |' in out
    assert "#### Findings introduced: 1" in out
    assert (
        "[ladders/teams/roles.yaml:3:3](https://github.example/acme/hr/blob/headsha/"
        "ladders/teams/roles.yaml#L3)"
    ) in out
    # backwards, from the change to the base: the finding is resolved, and links to the
    # commit the old version was read at
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "changed")
    result = run_line(
        "diff",
        "HEAD:ladders/org.yaml",
        f"{base}:ladders/org.yaml",
        "--format",
        "markdown",
        cwd=repo,
        env=env,
    )
    assert result.code == 0, result.stderr
    assert "#### Findings resolved: 1" in result.stdout
    head = git(repo, "rev-parse", "HEAD")
    assert f"https://github.example/acme/hr/blob/{head}/ladders/teams/roles.yaml#L3" in (
        result.stdout
    )


def test_rev_path_is_relative_to_the_repository_root(run_line: RunLine, repo: Path) -> None:
    here = repo / "ladders"
    assert run_line("diff", "HEAD:ladders/org.yaml", "org.yaml", cwd=here).code == 1
    assert run_line("diff", "HEAD:./org.yaml", "org.yaml", cwd=here).code == 1
    assert run_line("diff", "HEAD:ladders/org.yaml", "ladders/org.yaml", cwd=repo).code == 1
    wrong = run_line("diff", "HEAD:org.yaml", "org.yaml", cwd=here)
    assert wrong.code == 2
    assert wrong.stderr.strip().splitlines() == [
        "ladders: HEAD:org.yaml: org.yaml does not exist at HEAD (the path is relative to the "
        "repository root, as in git: HEAD:ladders/org.yaml or HEAD:./org.yaml)"
    ]
    outside = run_line("diff", "HEAD:../../x.yaml", "org.yaml", cwd=here)
    assert outside.code == 2
    assert "outside the git repository" in outside.stderr


def test_findings_read_at_rev_are_named_by_their_repository_path(
    run_line: RunLine, repo: Path
) -> None:
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "changed")
    data = json.loads(
        run_line(
            "diff",
            "HEAD~1:ladders/org.yaml",
            "HEAD:ladders/org.yaml",
            "--format",
            "json",
            cwd=repo,
        ).stdout
    )
    (finding,) = data["findings"]["introduced"]
    assert finding["file"] == "ladders/teams/roles.yaml"


@pytest.mark.parametrize("rev", ["--output=stolen.txt", "-p", "--end-of-options"])
def test_a_revision_starting_with_a_dash_is_refused(
    run_line: RunLine, repo: Path, rev: str
) -> None:
    result = run_line("diff", "--", f"{rev}:ladders/org.yaml", "ladders/org.yaml", cwd=repo)
    assert result.code == 2
    assert result.stderr.strip() == (
        f"ladders: {rev}:ladders/org.yaml: a revision cannot start with '-'"
    )
    assert not (repo / "stolen.txt").exists()


class _Recorder:
    """Records every git command ``ladders diff`` runs, and runs it."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []
        self.real = subprocess.run

    def __call__(self, args: list[str], *rest: Any, **options: Any) -> Any:
        self.calls.append(list(args))
        return self.real(args, *rest, **options)


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> _Recorder:
    record = _Recorder()
    monkeypatch.setattr("ladders.cli.diff.subprocess.run", record)
    return record


def test_git_reads_only_the_ladder_files_one_blob_at_a_time(
    in_repo: Path, recorder: _Recorder
) -> None:
    # beside the ladder: other files of the folder, a big one, and one outside it that
    # an include tries to reach
    (in_repo / "ladders" / "notes.txt").write_text("not a ladder\n" * 10000)
    (in_repo / "secret.yaml").write_text("roles: {}\n")
    org = in_repo / "ladders" / "org.yaml"
    org.write_text(
        org.read_text().replace("[teams/roles.yaml]", "[teams/roles.yaml, ../secret.yaml]")
    )
    git(in_repo, "add", ".")
    git(in_repo, "commit", "-qm", "more")
    assert main(["diff", "HEAD:ladders/org.yaml", "ladders/org.yaml"]) == 2  # ../ is LAD007
    commands = [call[1] for call in recorder.calls]
    assert "archive" not in commands
    listed = [call[-1] for call in recorder.calls if call[1] == "ls-tree"]
    assert listed == ["ladders/org.yaml", "ladders/teams/roles.yaml"]
    blobs = [call for call in recorder.calls if call[1] == "cat-file"]
    assert len(blobs) == 2
    for call in recorder.calls:
        assert call[0] == "git"
        if call[1] in ("rev-parse", "ls-tree", "cat-file") and "--show-prefix" not in call:
            # every revision or object given after --end-of-options
            assert "--end-of-options" in call, call


def test_a_committed_symbolic_link_does_not_crash_it(run_line: RunLine, repo: Path) -> None:
    teams = repo / "ladders" / "teams"
    (teams / "roles.yaml").rename(teams / "all-roles.yaml")
    (teams / "roles.yaml").symlink_to("all-roles.yaml")  # inside the root's folder: followed
    (repo / "ladders" / "up.yaml").symlink_to("../README")  # leads outside: never read
    (repo / "README").write_text("secret\n")
    (repo / "ladders" / "loop.yaml").symlink_to("loop.yaml")
    (repo / "ladders" / "root-link.yaml").symlink_to("org.yaml")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "links")
    followed = run_line("diff", "HEAD:ladders/org.yaml", "ladders/org.yaml", cwd=repo)
    assert followed.code == 0, followed.stderr
    assert followed.stdout == "no changes to roles or moves\n"
    org = repo / "ladders" / "org.yaml"
    for include in ("up.yaml", "loop.yaml"):
        org.write_text(
            org.read_text().replace("[teams/roles.yaml", f"[{include}, teams/roles.yaml")
        )
        git(repo, "commit", "-qam", include)
        result = run_line("diff", "HEAD:ladders/org.yaml", "ladders/org.yaml", cwd=repo)
        assert result.code == 2
        (line,) = result.stderr.splitlines()
        assert "LAD007" in line
        assert "Traceback" not in result.stderr
        assert "secret" not in line
        git(repo, "revert", "--no-edit", "HEAD")
    root = run_line("diff", "HEAD:ladders/root-link.yaml", "ladders/org.yaml", cwd=repo)
    assert root.code == 2
    assert root.stderr.strip() == (
        "ladders: HEAD:ladders/root-link.yaml: ladders/root-link.yaml is a symbolic link "
        "(to org.yaml) at HEAD; name the file it points to"
    )


def test_not_a_repository_or_not_a_revision_is_one_line(run_line: RunLine, tmp_path: Path) -> None:
    (tmp_path / "org.yaml").write_text(LADDER)
    outside = run_line(
        "diff", "HEAD:org.yaml", "org.yaml", env={"GIT_CEILING_DIRECTORIES": str(tmp_path)}
    )
    assert outside.code == 2
    assert outside.stderr.strip() == (
        "ladders: HEAD:org.yaml: REV:path needs a git repository, and this is not one"
    )


def test_an_unknown_revision_is_one_line(run_line: RunLine, repo: Path) -> None:
    result = run_line("diff", "nope:ladders/org.yaml", "ladders/org.yaml", cwd=repo)
    assert result.code == 2
    assert result.stderr.strip() == "ladders: nope:ladders/org.yaml: nope is not a commit here"
