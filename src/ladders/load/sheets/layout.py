"""The layout of a spreadsheet ladder: its tables and columns, and what files are spreadsheets."""

from __future__ import annotations

import os

__all__ = [
    "COLUMNS",
    "DERIVED",
    "LADDER_KEYS",
    "REQUIRED",
    "REQUIRED_TABLES",
    "TABLES",
    "_MACROS",
    "_OTHER_BOOKS",
    "is_spreadsheet",
]

#: the tables of a spreadsheet ladder, in reading order
TABLES = ("ladder", "levels", "tracks", "roles", "moves", "bands")
#: the tables a spreadsheet ladder must have
REQUIRED_TABLES = ("levels", "tracks", "roles")
#: each table's columns, in the order ladders writes them
COLUMNS: dict[str, tuple[str, ...]] = {
    "ladder": ("key", "value"),
    "levels": ("id", "name", "description", "entry"),
    "tracks": ("id", "kind", "name", "description"),
    "roles": (
        "id", "title", "track", "level", "family", "entry", "description",
        "promote", "switch", "ignore", "metadata",
    ),
    "moves": ("from", "to", "kind", "criteria", "ignore", "metadata"),
    "bands": ("level", "track", "role", "min", "max", "currency"),
}  # fmt: skip
#: the columns each table must have
REQUIRED: dict[str, tuple[str, ...]] = {
    "ladder": ("key", "value"),
    "levels": ("id",),
    "tracks": ("id", "kind"),
    "roles": ("id", "title", "track", "level"),
    "moves": ("from", "to"),
    "bands": (),
}
#: columns that repeat what the ladder says (for sorting and filtering); they must agree
DERIVED: dict[str, tuple[str, ...]] = {"roles": ("track_kind", "level_rank")}
#: the keys of the ``ladder`` table
LADDER_KEYS = ("name", "description", "version", "promote", "switch")

_WORKBOOK = (".xlsx",)
_MACROS = (".xlsm", ".xltm", ".xlam")
_OTHER_BOOKS = (".xls", ".xlsb", ".ods", ".numbers", ".xltx")


def is_spreadsheet(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` names a spreadsheet ladder: a workbook file, or a folder.

    >>> is_spreadsheet("org.xlsx"), is_spreadsheet("org.XLSM"), is_spreadsheet("org.yaml")
    (True, True, False)
    """
    name = os.fspath(path)
    suffix = os.path.splitext(name)[1].lower()
    return suffix in (*_WORKBOOK, *_MACROS, *_OTHER_BOOKS) or os.path.isdir(name)
