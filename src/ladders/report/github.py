"""The ``github`` format: GitHub Actions workflow commands, shown as annotations on the
pull request. Chosen automatically when ``GITHUB_ACTIONS=true`` and no ``--format`` is
given.

>>> import io
>>> from ladders.findings import Finding
>>> out = io.StringIO()
>>> GithubReporter(out).handle(Finding("LAD204", "self-move", "error", "50% off", "o.yaml", 3, 5))
>>> out.getvalue()
'::error file=o.yaml,line=3,col=5,title=LAD204 self-move::50%25 off\\n'
"""

from __future__ import annotations

from ladders.findings import Finding
from ladders.report.base import Reporter, relative_path

__all__ = ["GithubReporter", "escape_data", "escape_property"]


def escape_data(text: str) -> str:
    """Escape a command's message as the Actions toolkit does (``escapeData``).

    >>> escape_data("100%\\nsure")
    '100%25%0Asure'
    """
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property's value (``escapeProperty``): data escapes plus ``:``, ``,``.

    >>> escape_property("a:b,c")
    'a%3Ab%2Cc'
    """
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    """One ``::error`` or ``::warning`` command per finding."""

    name = "github"

    def handle(self, finding: Finding) -> None:
        super().handle(finding)
        properties = ",".join(
            f"{key}={escape_property(value)}"
            for key, value in (
                ("file", relative_path(finding.file)),
                ("line", str(finding.line)),
                ("col", str(finding.column)),
                ("title", f"{finding.code} {finding.name}"),
            )
        )
        # An annotation points at the file and line (the row); a workbook's also names its
        # sheet and cell in the message.
        message = f"{finding.cell}: {finding.message}" if finding.cell else finding.message
        self.stream.write(f"::{finding.severity} {properties}::{escape_data(message)}\n")
