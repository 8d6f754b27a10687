"""``ladders diff``: what a change to a ladder does, files or ``REV:path`` from git."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import tempfile
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

import click

from ladders.cli.app import Stop, check_readable, cli
from ladders.cli.ask import ASK_FORMATS

if TYPE_CHECKING:
    from ladders.ladder import Ladder

__all__ = ["diff_command"]


@cli.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "format_name", type=click.Choice(ASK_FORMATS), default="text")
def diff_command(old: str, new: str, format_name: str) -> int:
    """Compare two versions of a ladder: roles and moves added, removed and changed,
    findings introduced and resolved, and progression regressions. OLD and NEW are files,
    or REV:path read from git (the root's whole folder at REV, so includes work).

    Exits 1 when a role that could progress without management no longer can, or
    reaches a lower level that way, so a pull request that takes away the last
    technical route forward fails CI.

    \b
    Examples:
      ladders diff old.yaml org.yaml
      ladders diff origin/main:ladders/org.yaml ladders/org.yaml
    """
    from ladders.ladder import diff

    with _ladder_version(old) as before, _ladder_version(new) as after:
        change = diff(before, after)
    if format_name == "json":
        data = {"old": old, "new": new, **change.to_dict()}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return 1 if change.regressions else 0
    lines = []
    lines += [f"+ role {r}" for r in change.roles_added]
    lines += [f"- role {r}" for r in change.roles_removed]
    lines += [f"~ role {r}: {', '.join(f)} changed" for r, f in change.roles_changed.items()]
    lines += [f"+ move {a} -> {b}" for a, b in change.moves_added]
    lines += [f"- move {a} -> {b}" for a, b in change.moves_removed]
    lines += [
        f"~ move {a} -> {b}: {', '.join(f)} changed" for (a, b), f in change.moves_changed.items()
    ]
    lines += [f"+ finding {f.code} {f.message}" for f in change.findings_introduced]
    lines += [f"- finding {f.code} {f.message}" for f in change.findings_resolved]
    for line in lines or ["no changes to roles or moves"]:
        click.echo(line)
    for regression in change.regressions:
        click.echo(f"REGRESSION: {regression.message}")
    count = len(change.regressions)
    if count:
        click.echo(f"{count} progression regression{'s' if count != 1 else ''}.")
    return 1 if change.regressions else 0


@contextlib.contextmanager
def _ladder_version(spec: str) -> Iterator[Ladder]:
    """The ladder named by a file path, or by ``REV:path`` read from git."""
    from ladders.ladder import load

    if os.path.exists(spec) or ":" not in spec:
        check_readable(spec)
        yield load(spec)
        return
    rev, _, path = spec.partition(":")
    if not rev or not path:
        raise Stop(f"{spec}: expected a file or REV:path")
    with tempfile.TemporaryDirectory(prefix="ladders-diff-") as folder:
        yield load(_git_extract(rev, path, folder))


def _git(*args: str, stdout: int | TextIO = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", *args], stdout=stdout, stderr=subprocess.PIPE, text=True, check=True
        )
    except FileNotFoundError:
        raise Stop("git is needed to read REV:path, and it is not installed") from None
    except subprocess.CalledProcessError as error:
        message = (error.stderr or "").strip().splitlines()
        raise Stop(f"git {' '.join(args)}: {message[-1] if message else 'failed'}") from None


def _git_extract(rev: str, path: str, folder: str) -> str:
    """Write the folder holding ``path`` as it is at ``rev`` into ``folder``; return the
    root file's path there. ``path`` is relative to the working directory, as in git."""
    prefix = _git("rev-parse", "--show-prefix").stdout.strip()
    repo_path = os.path.normpath(os.path.join(prefix, path)).replace(os.sep, "/")
    if repo_path.startswith("../"):
        raise Stop(f"{path} is outside the git repository")
    _git("cat-file", "-e", f"{rev}:{repo_path}")  # a clear error if it is not there
    parent = os.path.dirname(repo_path) or "."
    archive = os.path.join(folder, "tree.tar")
    top = _git("rev-parse", "--show-toplevel").stdout.strip()
    with open(archive, "w") as handle:
        _git("-C", top, "archive", "--format=tar", "-o", archive, rev, "--", parent, stdout=handle)
    import tarfile

    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    return os.path.join(folder, repo_path)
