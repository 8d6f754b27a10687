"""Reading and writing ladders in other formats: normalised file data (YAML, JSON),
spreadsheet tables (CSV), GraphML; one module each.
"""

from __future__ import annotations

from ladders.exchange.data import ladder_data, ladder_text
from ladders.exchange.graphml import export_graphml
from ladders.exchange.tables import MOVE_COLUMNS, ROLE_COLUMNS, CsvError, export_csv, import_csv

__all__ = [
    "MOVE_COLUMNS",
    "ROLE_COLUMNS",
    "CsvError",
    "export_csv",
    "export_graphml",
    "import_csv",
    "ladder_data",
    "ladder_text",
]
