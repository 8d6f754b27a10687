"""What the readers share: decoding bytes, and the problems they report."""

from __future__ import annotations

import codecs
from typing import NamedTuple

from ladders.findings import Finding, Severity

__all__ = [
    "LOAD_RULES",
    "LOAD_WARNINGS",
    "MAX_DEPTH",
    "Fatal",
    "Problem",
    "decode",
    "fatal",
    "finding",
    "problem_finding",
]

#: deepest nesting of mappings and sequences (or objects and arrays) before LAD005
MAX_DEPTH = 64

#: code -> (name, one-line summary) of the findings loading can produce
LOAD_RULES: dict[str, tuple[str, str]] = {
    "LAD001": ("syntax-error", "the file cannot be parsed or decoded"),
    "LAD002": ("schema-error", "structure or type is wrong; unknown key; empty file; version"),
    "LAD003": ("duplicate-definition", "a key or id is defined twice"),
    "LAD004": ("unknown-reference", "a track, level or move target that does not exist"),
    "LAD005": ("unsafe-yaml", "alias expansion or nesting over the bounds; non-core tag"),
    "LAD007": ("include-error", "an include is missing, outside the root folder, or cyclic"),
    "LAD008": (
        "hidden-sheet",
        "a sheet of a spreadsheet ladder is hidden (it is read all the same)",
    ),
}
#: the loading codes that are warnings (the others are errors: the ladder does not load)
LOAD_WARNINGS = frozenset({"LAD008"})


def finding(
    code: str, message: str, file: str, line: int, column: int, role: str | None = None
) -> Finding:
    """A loading finding (an error, but for :data:`LOAD_WARNINGS`) at a 1-based line and
    column of ``file``."""
    severity = Severity.WARNING if code in LOAD_WARNINGS else Severity.ERROR
    return Finding(code, LOAD_RULES[code][0], severity, message, file, line, column, role)


class Problem(NamedTuple):
    """A reading problem at a 0-based line and column of the file being read."""

    code: str
    message: str
    line: int = 0
    column: int = 0
    role: str | None = None  # the role the problem is about, when there is one
    #: the file the position is in, when it is not the file being read: a table of a
    #: spreadsheet ladder (for a workbook a SheetFile, which names the sheet too)
    file: str | None = None


class Fatal(Exception):
    """Reading stopped: the problem makes the rest of the file unusable or unsafe."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def fatal(code: str, message: str, line: int = 0, column: int = 0) -> Fatal:
    """A :class:`Fatal` ready to raise."""
    return Fatal(Problem(code, message, line, column))


def problem_finding(problem: Problem, file: str) -> Finding:
    """The finding for a reading problem of ``file`` (0-based positions become 1-based);
    in the problem's own ``file`` when it names one."""
    return finding(
        problem.code,
        problem.message,
        problem.file or file,
        problem.line + 1,
        problem.column + 1,
        problem.role,
    )


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
