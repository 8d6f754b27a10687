"""The exceptions ladders raises.

Every exception derives from :class:`LaddersError`::

    LaddersError
     ├── LoadError        a ladder file could not be loaded; ``.findings`` says why and where
     ├── UsageError       a caller asked for something that does not exist (unknown role, ...)
     ├── ConfigError      the configuration file or a command-line option is wrong
     ├── CsvError         spreadsheet tables cannot be turned into a ladder (file, row, column)
     └── HistoryError     a people history cannot be read (row and column, never a person)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ladders.findings import Finding

__all__ = ["ConfigError", "CsvError", "HistoryError", "LaddersError", "LoadError", "UsageError"]


class LaddersError(Exception):
    """Base class of every error ladders raises on purpose."""


class LoadError(LaddersError):
    """A ladder could not be loaded.

    ``findings`` holds the LAD0xx findings (with file, line and column) that stopped it.
    """

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings: tuple[Finding, ...] = tuple(findings)
        errors = [f for f in self.findings if f.severity == "error"] or list(self.findings)
        if errors:
            first = errors[0]
            more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
            text = f"{first.file}:{first.line}:{first.column}: {first.code} {first.message}{more}"
        else:
            text = "the ladder could not be loaded"
        super().__init__(text)


class UsageError(LaddersError, ValueError):
    """The caller asked for something that does not exist (an unknown role id, format or
    option). It is also a :class:`ValueError`."""


class ConfigError(LaddersError):
    """The configuration file or a command-line option is wrong; the message says where."""


class CsvError(LaddersError):
    """A CSV table cannot be turned into a ladder: says which file, row and column."""


class HistoryError(LaddersError):
    """A history (or a ``--map`` file) cannot be read; the message names the row and column
    (never the person cell)."""
