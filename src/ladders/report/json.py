"""The ``json`` format: one stable, versioned document (DESIGN §5).

>>> import io
>>> from ladders.findings import Finding
>>> from ladders.report.base import report
>>> out = io.StringIO()
>>> report(JsonReporter(out), ["org.yaml"], [])
>>> document = json.loads(out.getvalue())
>>> document["version"], document["files"], document["findings"], document["summary"]
(1, ['org.yaml'], [], {'error': 0, 'warning': 0})
"""

from __future__ import annotations

import json
from typing import Any

from ladders._version import __version__
from ladders.report.base import Reporter

__all__ = ["FORMAT_VERSION", "JsonReporter"]

#: the version of the JSON document's layout; raised only for incompatible changes
FORMAT_VERSION = 1


class JsonReporter(Reporter):
    """Every file read and every finding, with a count by severity."""

    name = "json"

    def document(self) -> dict[str, Any]:
        """The report as plain data."""
        return {
            "version": FORMAT_VERSION,
            "tool": {"name": "ladders", "version": __version__},
            "files": self.files,
            "findings": [finding.to_dict() for finding in self.findings],
            "summary": self.counts(),
        }

    def stop(self) -> None:
        json.dump(self.document(), self.stream, ensure_ascii=False)
        self.stream.write("\n")
