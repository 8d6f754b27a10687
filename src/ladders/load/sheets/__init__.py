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

from ladders.load.sheets.builder import Tables
from ladders.load.sheets.cells import _date_text as _date_text  # the tests read these
from ladders.load.sheets.cells import _number_text as _number_text
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
