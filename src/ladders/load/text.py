"""What the readers share: decoding bytes, and the problems they report."""

from __future__ import annotations

import codecs
from typing import NamedTuple

__all__ = ["Fatal", "Problem", "decode", "fatal"]


class Problem(NamedTuple):
    """A reading problem at a 0-based line and column of the file being read."""

    code: str
    message: str
    line: int = 0
    column: int = 0
    role: str | None = None  # the role the problem is about, when there is one


class Fatal(Exception):
    """Reading stopped: the problem makes the rest of the file unusable or unsafe."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def fatal(code: str, message: str, line: int = 0, column: int = 0) -> Fatal:
    """A :class:`Fatal` ready to raise."""
    return Fatal(Problem(code, message, line, column))


def decode(data: bytes) -> str:
    """Decode a ladder file: UTF-8, with or without a byte order mark.

    Raises :class:`Fatal` (LAD001) with the position of the first bad byte.

    >>> decode(codecs.BOM_UTF8 + "level: ün".encode())
    'level: ün'
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        good = data[: error.start].decode("utf-8")
        line = good.count("\n")
        column = len(good) - (good.rfind("\n") + 1)
        raise fatal(
            "LAD001",
            f"the file is not valid UTF-8 (byte 0x{data[error.start]:02x} at offset "
            f"{error.start}); save it as UTF-8",
            line,
            column,
        ) from None
