"""Writing output files whole or not at all, and never over a file that was read.

Every file ladders writes goes through :func:`open_output` (or :func:`write_bytes`,
:func:`write_text`):

* the content goes to a temporary file in the target's folder, which is renamed over the
  target only once it is complete, so a crash or ``kill -9`` mid-write leaves the old
  file whole (a symbolic link to the target stays a link: the file it names is replaced);
* an existing target that is not a regular file (``/dev/null``, ``/dev/stdout``, a FIFO),
  and any path under ``/dev`` or ``/proc``, is written directly and never replaced: a
  device is never renamed over, even by root;
* ``exclusive=True`` never replaces anything: the target is created, atomically, only if
  no file, folder or link (a dangling one too) has that name;
* ``inputs`` names the files that were read: a target that is one of them, by any name
  (``..``, a symbolic link, a hard link), is refused with a
  :class:`~ladders.errors.UsageError` before anything is written.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from ladders.errors import UsageError

__all__ = ["open_output", "refuse_inputs", "write_bytes", "write_text"]

# Paths of the kernel's own files: written in place, whatever they resolve to.
_SPECIAL = ("/dev/", "/proc/")


def refuse_inputs(path: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Raise :class:`~ladders.errors.UsageError` if ``path`` is one of ``inputs``.

    Files are compared by device and inode, so every name of a file is caught. A path
    that does not exist is no input; neither is anything that is not a regular file.
    """
    try:
        target = os.stat(path)
    except (OSError, ValueError):
        return
    if not stat.S_ISREG(target.st_mode):
        return
    for name in inputs:
        try:
            source = os.stat(name)
        except (OSError, ValueError):
            continue
        if (source.st_dev, source.st_ino) == (target.st_dev, target.st_ino):
            shown, read = os.fspath(path), os.fspath(name)
            same = "" if shown == read else f" (it is {read})"
            raise UsageError(
                f"{shown} is a file this command reads{same}; ladders never writes over "
                "its input: choose another output"
            )


@contextlib.contextmanager
def open_output(
    path: str | os.PathLike[str],
    *,
    exclusive: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Iterator[BinaryIO]:
    """A binary file to write the output at ``path`` into (see the module docstring).

    The target is replaced when the ``with`` block ends without an exception; an
    exception leaves it as it was. Raises :class:`FileExistsError` (``exclusive``),
    :class:`~ladders.errors.UsageError` (``inputs``) or another :class:`OSError`.
    """
    target = os.fspath(path)
    refuse_inputs(target, inputs)
    try:
        status: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        status = None
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise IsADirectoryError(21, "it is a folder", target)
    if exclusive and os.path.lexists(target) and (status is None or stat.S_ISREG(status.st_mode)):
        # A file, or a link (a dangling one too): never written over, never through.
        raise FileExistsError(17, "it exists; ladders never overwrites a file", target)
    direct = os.path.abspath(target).startswith(_SPECIAL)
    if direct or (status is not None and not stat.S_ISREG(status.st_mode)):
        # A device, a pipe, /dev/stdout: write in place. O_NOCTTY: never adopt a terminal.
        flags = os.O_WRONLY | os.O_TRUNC | getattr(os, "O_NOCTTY", 0)
        if status is None:
            flags |= os.O_CREAT | (os.O_EXCL if exclusive else 0)
        with os.fdopen(os.open(target, flags, 0o666), "wb") as device:
            yield device
        return
    final = target if exclusive else os.path.realpath(target)
    folder = os.path.dirname(os.path.abspath(final))
    temporary, handle = _temporary(folder, os.path.basename(final))
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
            if status is not None:
                _same_owner_and_mode(handle.fileno(), status)
        if exclusive:
            _link_exclusively(temporary, final)
        else:
            os.replace(temporary, final)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _temporary(folder: str, name: str) -> tuple[str, BinaryIO]:
    """A new file in ``folder``, created with the mode a new file gets (umask applies)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        temporary = os.path.join(folder, f".{name}.{secrets.token_hex(4)}.tmp")
        try:
            descriptor = os.open(temporary, flags, 0o666)
        except FileExistsError:
            continue
        return temporary, os.fdopen(descriptor, "wb")
    raise FileExistsError(17, "cannot create a temporary file", folder)  # pragma: no cover


def _same_owner_and_mode(descriptor: int, status: os.stat_result) -> None:
    """Give the new file the mode (and, when allowed, the owner) of the one it replaces."""
    with contextlib.suppress(OSError):
        os.fchown(descriptor, status.st_uid, status.st_gid)
    os.fchmod(descriptor, stat.S_IMODE(status.st_mode))


def _link_exclusively(temporary: str, final: str) -> None:
    """Give the complete ``temporary`` the name ``final`` unless that name exists."""
    try:
        os.link(temporary, final, follow_symlinks=False)
    except FileExistsError:
        raise FileExistsError(17, "it exists; ladders never overwrites a file", final) from None
    except OSError:
        # No hard links here (some network and FAT file systems): O_EXCL is exclusive too.
        with open(temporary, "rb") as source:
            data = source.read()
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        with os.fdopen(os.open(final, flags, 0o666), "wb") as handle:
            handle.write(data)
    os.unlink(temporary)


def write_bytes(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    exclusive: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Write ``data`` to ``path`` whole or not at all (see the module docstring)."""
    with open_output(path, exclusive=exclusive, inputs=inputs) as handle:
        handle.write(data)


def write_text(
    path: str | os.PathLike[str],
    text: str,
    *,
    exclusive: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Write ``text`` as UTF-8 to ``path`` whole or not at all (see :func:`write_bytes`).

    The text is encoded before anything is opened, so text that cannot be written
    (a lone surrogate) leaves the target untouched.
    """
    write_bytes(path, text.encode("utf-8"), exclusive=exclusive, inputs=inputs)
