"""Spreadsheet ladders: a workbook (``.xlsx``) or a folder of CSV files, read as ladder data.

HR teams keep ladders in spreadsheets, so a ladder may be one (DESIGN §1 "Spreadsheets"):
one sheet (or ``NAME.csv`` file) per table, a header row, one item per row. The tables
are turned into the same plain data a YAML file gives, with a mark for every key, value
and item at its cell, and then validated and merged as any ladder file is: the findings
are the same, located at cells (``line`` is the row, ``column`` the column; for a
workbook the file is a :class:`~ladders.findings.SheetFile` that names the sheet too).

The layout (:data:`COLUMNS`; only :data:`REQUIRED` columns must be there, in any order):

======== ===================================================================================
ladder   ``key,value``: ``name``, ``description``, ``version``, ``promote``, ``switch``
levels   ``id,name,description,entry``, lowest level first
tracks   ``id,kind,name,description``
roles    ``id,title,track,level,family,entry,description,promote,switch,ignore,metadata``
moves    ``from,to,kind,criteria,ignore,metadata``
bands    ``level,track,role,min,max,currency``
======== ===================================================================================

Cells: blank means "not given"; text is read as a person sees it (a number shown as
``1.10`` is ``"1.10"``, a date as its format shows it); booleans are boolean cells or the
text true/false in any case; ``ignore`` is one ``CODE: reason`` per line, ``criteria``
one criterion per line; ``metadata`` is JSON text. Text a spreadsheet would run as a
formula is written with a ``'`` in front (:func:`protect`), which reading drops again
(:func:`unprotect`).

Workbooks are zip archives and are opened with care: a member that inflates more than
100 times its size to more than 50 MB is refused (LAD005), as are macros (``.xlsm``,
``vbaProject.bin``; never run); a formula without a saved value and merged cells are
found by scanning the sheet's XML, and reported at their cells.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ladders.load.sheets.builder import Tables
    from ladders.load.sheets.cells import (
        decode_cell_text,
        encode_cell_text,
        protect,
        unprotect,
    )
    from ladders.load.sheets.csvfolder import read_tables
    from ladders.load.sheets.layout import (
        COLUMNS,
        DERIVED,
        LADDER_KEYS,
        REQUIRED,
        REQUIRED_TABLES,
        TABLES,
        is_spreadsheet,
    )
    from ladders.load.sheets.spreadsheet import read_spreadsheet, read_spreadsheet_root

# Each name loads its module on first use: loading a YAML or JSON ladder asks only
# ``layout.is_spreadsheet``, and must not pay for the readers (``import ladders`` stays light).
_WHERE = {
    "Tables": "builder",
    "_date_text": "cells",
    "_number_text": "cells",
    "decode_cell_text": "cells",
    "encode_cell_text": "cells",
    "protect": "cells",
    "unprotect": "cells",
    "read_tables": "csvfolder",
    "COLUMNS": "layout",
    "DERIVED": "layout",
    "LADDER_KEYS": "layout",
    "REQUIRED": "layout",
    "REQUIRED_TABLES": "layout",
    "TABLES": "layout",
    "is_spreadsheet": "layout",
    "read_spreadsheet": "spreadsheet",
    "read_spreadsheet_root": "spreadsheet",
}


def __getattr__(name: str) -> object:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})


__all__ = [
    "COLUMNS",
    "DERIVED",
    "LADDER_KEYS",
    "REQUIRED",
    "REQUIRED_TABLES",
    "TABLES",
    "Tables",
    "decode_cell_text",
    "encode_cell_text",
    "is_spreadsheet",
    "protect",
    "read_spreadsheet",
    "read_spreadsheet_root",
    "read_tables",
    "unprotect",
]
