"""Reading and writing ladders in other formats: normalised file data (YAML, JSON),
spreadsheet tables (CSV), workbooks, GraphML, the networkx graph; one module each.

The names below load their module on first use, so that importing one exchange module
(the graph's attribute names, say) does not import them all.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ladders.exchange.data import ladder_data, ladder_text
    from ladders.exchange.graphml import export_graphml
    from ladders.exchange.tables import (
        MOVE_COLUMNS,
        ROLE_COLUMNS,
        CsvError,
        export_csv,
        import_csv,
    )

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

_MODULES = {
    "ladder_data": "data",
    "ladder_text": "data",
    "export_graphml": "graphml",
    "MOVE_COLUMNS": "tables",
    "ROLE_COLUMNS": "tables",
    "CsvError": "tables",
    "export_csv": "tables",
    "import_csv": "tables",
}


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module 'ladders.exchange' has no attribute {name!r}")
    return getattr(importlib.import_module(f"ladders.exchange.{module}"), name)


def __dir__() -> list[str]:
    return sorted({*globals(), *_MODULES})
