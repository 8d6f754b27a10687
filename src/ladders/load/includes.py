"""Includes: reading a root file and every file it includes, each once.

The ``include`` lists are followed depth first, in the order written, with an explicit
stack (a chain of includes thousands deep is fine). Problems with an include (missing,
not a regular file, outside the root's folder, cyclic) are LAD007 at its ``include``
entry. A file is known by its inode, so one reached through a symbolic or a hard link
and by its own name is read once; what a file includes is relative to the file read
(behind any symbolic link), and is named so.
"""

from __future__ import annotations

import os
import stat
from typing import NamedTuple

from ladders.findings import Finding
from ladders.load.read import (
    File,
    Unsure,
    file_kind,
    format_of,
    partial_model,
    raw_includes,
    read_bytes,
    read_ladder_text,
)
from ladders.load.source import SourceMap
from ladders.load.text import Fatal, decode, finding, problem_finding

__all__ = ["Reader"]


_Identity = tuple[int, int]  # (st_dev, st_ino): one file, whatever its names


class _Pending(NamedTuple):
    """An ``include`` entry still to follow."""

    source: SourceMap  # the including file
    parent_real: str  # its real path
    entry: int  # the entry's index in its ``include`` list
    include: str  # the path as written
    chain: tuple[_Identity, ...]  # the files that include it, root first


class Reader:
    """Reads a root and its includes; ``files`` and ``findings`` hold what was read."""

    def __init__(self, root_name: str) -> None:
        self.root_name = root_name
        self.root_dir = _realpath(os.path.dirname(os.path.abspath(root_name)))
        self.files: list[File] = []
        self.findings: list[Finding] = []
        self.unsure = Unsure()
        self.done: set[_Identity] = set()

    def read_root(self) -> None:
        """Read the root and, depth first, everything it includes."""
        todo: list[_Pending] = []
        name = self.root_name
        try:
            identity = _identity(os.stat(name))
        except (OSError, ValueError):
            identity = (-1, -1)  # reading it will say why
        # The root is read by the name given, so that a pipe (/dev/fd/N) works too.
        self._read(name, name, _realpath(name), identity, (), todo)
        while todo:
            self._include(todo.pop(), todo)

    def _read(
        self,
        name: str,
        path: str,
        real: str,
        identity: _Identity,
        chain: tuple[_Identity, ...],
        todo: list[_Pending],
    ) -> None:
        self.done.add(identity)
        try:
            raw = read_bytes(path, pipes=not chain)
        except (OSError, ValueError) as error:
            code = "LAD007" if chain else "LAD001"  # an include, or the root itself
            reason = (error.strerror if isinstance(error, OSError) else None) or str(error)
            self.findings.append(finding(code, f"cannot read {name}: {reason}", name, 1, 1))
            self.unsure.anything()
            return
        try:
            text = decode(raw)
        except Fatal as stop:
            self.findings.append(problem_finding(stop.problem, name))
            self.unsure.anything()
            return
        del raw  # the text is what is read: the bytes (as large) need not stay meanwhile
        model, source, findings = read_ladder_text(text, name, format_of(name, text))
        self.findings.extend(findings)
        partial = None
        if model is None and source.data is not None:
            partial = partial_model(source.data, self.unsure)
        elif model is None:
            self.unsure.anything()
        self.files.append(File(name, source, model, partial))
        # Follow the includes even when this file has errors elsewhere, so that one run
        # reports the problems of every file. Pushed last first: the first is read next.
        includes = model.include if model is not None else raw_includes(source.data)
        below = (*chain, identity)
        for index in range(len(includes) - 1, -1, -1):
            todo.append(_Pending(source, real, index, includes[index], below))

    def _include(self, pending: _Pending, todo: list[_Pending]) -> None:
        source, parent_real, entry, include, chain = pending
        parent = source.file
        line, column = source.value(("include", entry))

        def fail(message: str, unread: bool = True) -> None:
            self.findings.append(finding("LAD007", message, parent, line, column))
            if unread:  # what that file defines is not known: refer to it freely
                self.unsure.anything()

        if "\0" in include:
            fail(f"include {include!r}: a path cannot contain a NUL character")
            return
        real = os.path.realpath(os.path.join(os.path.dirname(parent_real), include))
        if os.path.isabs(include) or os.path.commonpath([self.root_dir, real]) != self.root_dir:
            fail(
                f"include {include!r} is outside the folder of {self.root_name}; "
                "included files must stay inside it"
            )
            return
        name = self._name(parent, include, real)
        try:
            status = os.stat(real)
        except OSError:
            fail(f"include {include!r}: no such file ({name})")
            return
        if not stat.S_ISREG(status.st_mode):
            fail(f"include {include!r}: {name} is {file_kind(status.st_mode)}, not a file")
            return
        identity = _identity(status)
        if identity in chain:
            fail(
                f"include {include!r} makes a cycle: {parent} is included by it, directly or not",
                unread=False,
            )
            return
        if identity in self.done:
            return  # included twice through different files or names: read once
        self._read(name, real, real, identity, chain, todo)

    def _name(self, parent: str, include: str, real: str) -> str:
        """How to name an included file: relative to its parent's name, as written, when
        that names the file read; else (the parent was read through a symbolic link to
        another folder) by the path of the file read, from the root's folder."""
        name = os.path.normpath(os.path.join(os.path.dirname(parent), include))
        if os.path.realpath(name) == real:
            return name
        base = os.path.dirname(self.root_name)
        return os.path.normpath(os.path.join(base, os.path.relpath(real, self.root_dir)))


def _realpath(path: str) -> str:
    """``os.path.realpath``, or the absolute path of a name no file can have (a NUL)."""
    try:
        return os.path.realpath(path)
    except ValueError:
        return os.path.abspath(path.replace("\0", ""))


def _identity(status: os.stat_result) -> _Identity:
    return status.st_dev, status.st_ino
