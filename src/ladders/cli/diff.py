"""``ladders diff``: what a change to a ladder does, files or ``REV:path`` from git.

``REV:path`` is read as git reads it (``git show main:ladders/org.yaml``): the path is
relative to the repository root, or to the working directory when it starts with
``./`` or ``../``. Only the files the ladder needs are read at REV, one blob at a time:
the root, then what its ``include`` lists name, inside the root's folder. A revision
that starts with ``-`` is refused, so that nothing given as a revision reaches git as an
option.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import posixpath
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import click

from ladders.cli.app import Stop, check_readable, cli
from ladders.cli.check import include_list
from ladders.config import load_config
from ladders.errors import LoadError

if TYPE_CHECKING:
    from ladders.changes import LadderDiff
    from ladders.findings import Finding
    from ladders.ladder import Ladder

__all__ = ["DIFF_FORMATS", "diff_command"]

DIFF_FORMATS = ("text", "json", "markdown")

# Bounds on what one REV:path may make diff read: files, and symbolic links in a row.
_MAX_FILES = 10_000
_MAX_LINKS = 40
_LINK_MODE = "120000"
_FILE_MODES = ("100644", "100755")


@cli.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "format_name", type=click.Choice(DIFF_FORMATS), default="text")
@click.option("--config", "config_path", metavar="FILE", help="Read settings from FILE.")
def diff_command(old: str, new: str, format_name: str, config_path: str | None) -> int:
    """Compare two versions of a ladder: roles and moves added, removed and changed
    (with the old and new values), findings introduced and resolved, and progression
    regressions. OLD and NEW are files, or REV:path read from git, with the path
    relative to the repository root as in `git show REV:path` (only the root and the
    files it includes are read at REV).

    Findings are matched by rule, role and place, not by their text: a finding whose
    message was reworded or whose line moved is neither introduced nor resolved.

    Exits 1 when a role that could progress without management no longer can, or
    reaches a lower level that way, so a pull request that takes away the last
    technical route forward fails CI.

    \b
    Examples:
      ladders diff old.yaml org.yaml
      ladders diff origin/main:ladders/org.yaml ladders/org.yaml
      ladders diff main:ladders/org.yaml ladders/org.yaml --format markdown
    """
    from ladders.ladder import diff

    settings = load_config(config_path).check_config()
    with _ladder_version(old) as before, _ladder_version(new) as after:
        from ladders.ladder import check

        change = diff(
            before.ladder,
            after.ladder,
            old_findings=check(before.ladder, settings),
            new_findings=check(after.ladder, settings),
        )
        change = _named(change, before.rename, after.rename)
    if format_name == "json":
        data = {"version": 1, "old": old, "new": new, **change.to_dict()}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    elif format_name == "markdown":
        from ladders.report.markdown import Links, diff_markdown

        links = Links.from_environ()
        click.echo(
            diff_markdown(
                change,
                old,
                new,
                old_links=links.at(before.commit) if before.commit else links,
                new_links=links.at(after.commit) if after.commit else links,
            ),
            nl=False,
        )
    else:
        for line in diff_lines(change):
            click.echo(line)
    return 1 if change.regressions else 0


def diff_lines(change: LadderDiff) -> list[str]:
    """The ``text`` format of a diff, one change a line."""
    lines = [f"+ role {r}" for r in change.roles_added]
    lines += [f"- role {r}" for r in change.roles_removed]
    lines += [f"~ role {r}: {c}" for r, found in change.role_changes.items() for c in found]
    lines += [f"+ move {a} -> {b}" for a, b in change.moves_added]
    lines += [f"- move {a} -> {b}" for a, b in change.moves_removed]
    lines += [
        f"~ move {a} -> {b}: {c}" for (a, b), found in change.move_changes.items() for c in found
    ]
    if not lines:
        lines.append("no changes to roles or moves")
    lines += [f"+ finding {f.code} {f.message} ({_at(f)})" for f in change.findings_introduced]
    lines += [f"- finding {f.code} {f.message} ({_at(f)})" for f in change.findings_resolved]
    lines += [
        f"~ finding {b.code} reworded: {b.message} (was: {a.message})"
        for a, b in change.findings_reworded
    ]
    lines += [f"REGRESSION: {r.message}" for r in change.regressions]
    count = len(change.regressions)
    if count:
        lines.append(f"{count} progression regression{'s' if count != 1 else ''}.")
    return lines


def _at(finding: Finding) -> str:
    return f"{finding.file}:{finding.line}:{finding.column}"


def _named(
    change: LadderDiff, old_name: Callable[[str], str], new_name: Callable[[str], str]
) -> LadderDiff:
    """The diff with each finding's file named as the user knows it (not a temporary
    folder's path)."""

    def renamed(finding: Finding, name: Callable[[str], str]) -> Finding:
        return dataclasses.replace(finding, file=name(finding.file), message=name(finding.message))

    return dataclasses.replace(
        change,
        findings_introduced=tuple(renamed(f, new_name) for f in change.findings_introduced),
        findings_resolved=tuple(renamed(f, old_name) for f in change.findings_resolved),
        findings_reworded=tuple(
            (renamed(a, old_name), renamed(b, new_name)) for a, b in change.findings_reworded
        ),
    )


@dataclass(frozen=True)
class _Version:
    """One side of a diff: the ladder, how to name its files, and its commit (from git)."""

    ladder: Ladder
    rename: Callable[[str], str]
    commit: str | None = None


def _same(text: str) -> str:
    return text


@contextlib.contextmanager
def _ladder_version(spec: str) -> Iterator[_Version]:
    """The ladder named by a file path, or by ``REV:path`` read from git."""
    from ladders.ladder import load

    if os.path.exists(spec) or ":" not in spec:
        check_readable(spec)
        yield _Version(load(spec), _same)
        return
    rev, _, path = spec.partition(":")
    if not rev or not path:
        raise Stop(f"{spec}: expected a file or REV:path")
    if rev.startswith("-"):
        raise Stop(f"{spec}: a revision cannot start with '-'")
    tree = _GitTree(spec, rev)
    repo_path = tree.repository_path(path)
    with tempfile.TemporaryDirectory(prefix="ladders-diff-") as folder:
        local_root = tree.extract(repo_path, os.path.join(folder, "tree"))
        local_folder = os.path.dirname(local_root) + os.sep
        repo_folder = posixpath.dirname(repo_path)

        def rename(text: str) -> str:
            # the loader names files from the root's path in the temporary folder
            return text.replace(local_folder, f"{repo_folder}/" if repo_folder else "")

        try:
            ladder = load(local_root)
        except LoadError as error:
            raise Stop(f"{spec} (at {rev}): {rename(str(error))}{tree.links_note()}") from None
        yield _Version(ladder, rename, tree.commit)


class _GitTree:
    """The files of one commit, read with git one blob at a time."""

    def __init__(self, spec: str, rev: str) -> None:
        self.spec = spec
        self.rev = rev
        self.commit = _git_text(
            "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}", spec=spec
        )
        self.links_left_out: list[tuple[str, str]] = []  # (link, its target)

    def repository_path(self, path: str) -> str:
        """``path`` of ``REV:path`` relative to the repository root, as git reads it."""
        path = path.replace("\\", "/")
        if path in (".", "..") or path.startswith(("./", "../")):
            prefix = _git_text("rev-parse", "--show-prefix", spec=self.spec)
            path = posixpath.join(prefix, path)
        normal = posixpath.normpath(path)
        if normal == ".." or normal.startswith("../") or posixpath.isabs(path):
            raise Stop(f"{self.spec}: {path} is outside the git repository")
        if normal == ".":
            raise Stop(f"{self.spec}: name a ladder file, not the repository's folder")
        return normal

    def entry(self, path: str) -> tuple[str, str] | None:
        """(mode, object id) of ``path`` in the commit, or None if it has no such path."""
        listed = _git_bytes(
            "ls-tree",
            "-z",
            "--full-tree",
            "--end-of-options",
            self.commit,
            "--",
            path,
            spec=self.spec,
        )
        for item in listed.split(b"\0"):
            meta, _, name = item.partition(b"\t")
            if name.decode("utf-8", "surrogateescape") == path:
                mode, _, rest = meta.decode("ascii").partition(" ")
                return mode, rest.split(" ")[-1]
        return None

    def blob(self, oid: str) -> bytes:
        return _git_bytes("cat-file", "--end-of-options", "blob", oid, spec=self.spec)

    def extract(self, repo_path: str, folder: str) -> str:
        """Write the root at ``repo_path`` and the files it includes (following their
        ``include`` lists, inside the root's folder) under ``folder``; return the root's
        path there."""
        entry = self.entry(repo_path)
        if entry is None:
            prefix = _git_text("rev-parse", "--show-prefix", spec=self.spec)
            hint = ""
            if prefix and not repo_path.startswith(prefix):
                hint = (
                    f" (the path is relative to the repository root, as in git: "
                    f"{self.rev}:{prefix}{repo_path} or {self.rev}:./{repo_path})"
                )
            raise Stop(f"{self.spec}: {repo_path} does not exist at {self.rev}{hint}")
        mode, oid = entry
        if mode == _LINK_MODE:
            target = self.blob(oid).decode("utf-8", "replace")
            raise Stop(
                f"{self.spec}: {repo_path} is a symbolic link (to {target}) at {self.rev}; "
                "name the file it points to"
            )
        if mode not in _FILE_MODES:
            raise Stop(f"{self.spec}: {repo_path} is not a file at {self.rev}")
        top = posixpath.dirname(repo_path)
        root = os.path.join(folder, posixpath.basename(repo_path))
        written: set[str] = set()
        todo = [repo_path]
        self._write(root, self.blob(oid))
        written.add(repo_path)
        while todo:
            current = todo.pop()
            with open(self._local(folder, top, current), "rb") as handle:
                text = handle.read().decode("utf-8-sig", "replace")
            for include in include_list(text):
                if posixpath.isabs(include) or os.path.isabs(include):
                    continue  # the loader reports it as outside the root's folder
                target = posixpath.normpath(posixpath.join(posixpath.dirname(current), include))
                self._fetch(folder, top, target, written, todo, 0)
        return root

    def _fetch(
        self, folder: str, top: str, path: str, written: set[str], todo: list[str], links: int
    ) -> None:
        if not _inside(top, path) or path in written:
            return  # outside: the loader reports it, and nothing outside is read
        written.add(path)
        if len(written) > _MAX_FILES:
            raise Stop(f"{self.spec}: the ladder includes more than {_MAX_FILES} files")
        entry = self.entry(path)
        if entry is None:
            return  # missing at REV: the loader reports it (LAD007)
        mode, oid = entry
        local = self._local(folder, top, path)
        if mode == _LINK_MODE:
            target = self.blob(oid).decode("utf-8", "surrogateescape")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            if posixpath.isabs(target) or not _inside(top, resolved) or links >= _MAX_LINKS:
                self.links_left_out.append((path, target))
                return
            self._fetch(folder, top, resolved, written, todo, links + 1)
            os.makedirs(os.path.dirname(local), exist_ok=True)
            relative = posixpath.relpath(resolved, posixpath.dirname(path))
            try:
                os.symlink(relative.replace("/", os.sep), local)
            except OSError:  # no symbolic links here (Windows without the right): copy
                source = self._local(folder, top, resolved)
                if os.path.isfile(source):
                    with open(source, "rb") as handle:
                        self._write(local, handle.read())
            return
        if mode in _FILE_MODES:
            self._write(local, self.blob(oid))
            todo.append(path)

    @staticmethod
    def _local(folder: str, top: str, path: str) -> str:
        relative = posixpath.relpath(path, top) if top else path
        return os.path.join(folder, *relative.split("/"))

    @staticmethod
    def _write(local: str, data: bytes) -> None:
        os.makedirs(os.path.dirname(local), exist_ok=True)
        with open(local, "wb") as handle:
            handle.write(data)

    def links_note(self) -> str:
        if not self.links_left_out:
            return ""
        link, target = self.links_left_out[0]
        return f" ({link} is a symbolic link to {target}, outside the root's folder: not read)"


def _inside(top: str, path: str) -> bool:
    """Whether repository path ``path`` is inside folder ``top`` ("" for the root)."""
    if path == ".." or path.startswith("../") or posixpath.isabs(path):
        return False
    return not top or path.startswith(top + "/")


def _run(args: list[str], spec: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], capture_output=True, check=True)
    except FileNotFoundError:
        raise Stop("git is needed to read REV:path, and it is not installed") from None
    except subprocess.CalledProcessError as error:
        lines = error.stderr.decode("utf-8", "replace").strip().splitlines()
        if any("not a git repository" in line for line in lines):
            raise Stop(f"{spec}: REV:path needs a git repository, and this is not one") from None
        if args[:2] == ["rev-parse", "--verify"]:
            raise Stop(f"{spec}: {args[-1][: -len('^{commit}')]} is not a commit here") from None
        raise Stop(f"{spec}: git {args[0]}: {lines[-1] if lines else 'failed'}") from None
    return done.stdout


def _git_bytes(*args: str, spec: str) -> bytes:
    return _run(list(args), spec)


def _git_text(*args: str, spec: str) -> str:
    return _run(list(args), spec).decode("utf-8", "replace").strip()
