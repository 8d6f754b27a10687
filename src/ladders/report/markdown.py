"""The ``markdown`` format: a pull-request comment or a GitHub job summary.

A heading with the counts, whether the check passes ``--fail-on``, and a table of the
findings (severity, rule, where, role, message). Past 50 rows the rest of the table is
folded into a ``<details>`` block, and past 1,000 rows it stops with a count, so that a
summary stays readable and under GitHub's size limit for one step (1 MiB). Each location
links to its line on GitHub when ``GITHUB_SERVER_URL``, ``GITHUB_REPOSITORY`` and
``GITHUB_SHA`` are set, as they are on GitHub Actions. Text from the ladder (messages,
role ids, file names) is escaped, so that no title can break the table, start HTML,
mention a person or a team, or link an issue.

``ladders diff --format markdown`` uses the same pieces (:func:`diff_markdown`).

>>> import io
>>> from ladders.findings import Finding
>>> out = io.StringIO()
>>> reporter = MarkdownReporter(out, environ={})
>>> reporter.start(["org.yaml"])
>>> reporter.handle(Finding("LAD204", "self-move", "error", "a|b", "org.yaml", 4, 3, "dev"))
>>> reporter.stop()
>>> print(out.getvalue())  # doctest: +NORMALIZE_WHITESPACE
### ladders: 1 error in 1 file
<BLANKLINE>
:x: Fails: 1 finding at or above `error`.
<BLANKLINE>
| Severity | Rule | Location | Role | Message |
| --- | --- | --- | --- | --- |
| error | `LAD204` self-move | org.yaml:4:3 | dev | a\\|b |
<BLANKLINE>
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO
from urllib.parse import quote

from ladders.findings import Finding, Severity
from ladders.report.base import Reporter, relative_path

if TYPE_CHECKING:
    from ladders.changes import LadderDiff

__all__ = [
    "FOLD_AFTER",
    "MAX_ROWS",
    "Links",
    "MarkdownReporter",
    "diff_markdown",
    "escape",
    "findings_table",
]

#: rows shown before the rest of a table is folded into ``<details>``
FOLD_AFTER = 50
#: rows written at most; past it, a count of the rows left out
MAX_ROWS = 1000

# Backslash escapes work on every ASCII punctuation mark in CommonMark; these are the
# ones that mean something inside a table cell (emphasis, code, links, the cell border,
# strikethrough, an issue reference).
_MARKUP = str.maketrans({c: "\\" + c for c in "\\`*_[]|~#!"})
_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "@": "&#64;"})
_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F] if c not in (0x0A, 0x0D)}
_CONTROLS[0x09] = " "


def escape(text: str) -> str:
    """``text`` safe inside a Markdown table cell: markup and HTML escaped, ``@`` kept from
    mentioning anyone, line breaks as ``<br>``, control characters as ``\\xNN``.

    >>> escape("a|b <i>`x`</i> @team")
    'a\\\\|b &lt;i&gt;\\\\`x\\\\`&lt;/i&gt; &#64;team'
    >>> escape("two\\nlines")
    'two<br>lines'
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br>".join(
        line.translate(_CONTROLS).translate(_MARKUP).translate(_ENTITIES) for line in lines
    )


@dataclass(frozen=True)
class Links:
    """Links to a file's line on GitHub, when the repository and commit are known.

    ``root`` is the folder that paths are relative to in the repository (the checkout,
    ``GITHUB_WORKSPACE``); without it, the working directory.

    >>> links = Links("https://github.com", "acme/hr", "abc123")
    >>> links.url("ladders/org chart.yaml", 12)
    'https://github.com/acme/hr/blob/abc123/ladders/org%20chart.yaml#L12'
    >>> Links.from_environ({}).url("org.yaml", 1) is None
    True
    """

    server: str | None = None
    repository: str | None = None
    commit: str | None = None
    root: str | None = None
    #: paths are already relative to the repository root (read from git at ``commit``)
    in_repository: bool = False

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> Links:
        """The links of a GitHub Actions run, from its environment variables."""
        env = os.environ if environ is None else environ
        return cls(
            env.get("GITHUB_SERVER_URL") or None,
            env.get("GITHUB_REPOSITORY") or None,
            env.get("GITHUB_SHA") or None,
            env.get("GITHUB_WORKSPACE") or None,
        )

    def at(self, commit: str) -> Links:
        """The same repository at another commit, for paths relative to its root."""
        return Links(self.server, self.repository, commit, None, in_repository=True)

    def path(self, file: str) -> str | None:
        """``file`` relative to the repository root, or None when it is outside it."""
        if self.in_repository:
            relative = file.replace("\\", "/")
        elif self.root is not None:
            try:
                relative = os.path.relpath(os.path.abspath(file), os.path.abspath(self.root))
            except ValueError:  # another drive on Windows
                return None
            relative = relative.replace(os.sep, "/")
        else:
            relative = relative_path(file)
        relative = posixpath.normpath(relative)
        if relative.startswith("../") or relative == ".." or posixpath.isabs(relative):
            return None
        return relative

    def url(self, file: str, line: int) -> str | None:
        """The address of ``file`` at ``line``, or None when links cannot be made."""
        if not (self.server and self.repository and self.commit):
            return None
        relative = self.path(file)
        if relative is None:
            return None
        server = self.server.rstrip("/")
        return f"{server}/{self.repository}/blob/{self.commit}/{quote(relative)}#L{line}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _location(finding: Finding, links: Links) -> str:
    text = escape(f"{relative_path(finding.file)}:{finding.line}:{finding.column}")
    url = links.url(finding.file, finding.line)
    return f"[{text}]({url})" if url else text


def _row(finding: Finding, links: Links) -> str:
    cells = (
        str(finding.severity),
        f"`{finding.code}` {escape(finding.name)}",
        _location(finding, links),
        escape(finding.role) if finding.role else "",
        escape(finding.message),
    )
    return "| " + " | ".join(cells) + " |"


_HEADER = "| Severity | Rule | Location | Role | Message |\n| --- | --- | --- | --- | --- |\n"


def _table(header: str, rows: Sequence[str], what: str) -> str:
    """A table of ``rows``, folded past :data:`FOLD_AFTER`, cut past :data:`MAX_ROWS`."""
    if not rows:
        return ""
    shown, rest = rows[:FOLD_AFTER], rows[FOLD_AFTER:MAX_ROWS]
    text = header + "".join(f"{row}\n" for row in shown)
    if rest:
        text += f"\n<details><summary>{_plural(len(rest), 'more ' + what)}</summary>\n\n"
        text += header + "".join(f"{row}\n" for row in rest)
        text += "\n</details>\n"
    left_out = len(rows) - MAX_ROWS
    if left_out > 0:
        text += (
            f"\n{_plural(left_out, what)} not shown: the `json` and `sarif` formats list "
            "them all.\n"
        )
    return text


def findings_table(findings: Sequence[Finding], links: Links | None = None) -> str:
    """The Markdown table of ``findings`` (empty text when there are none)."""
    links = links or Links()
    return _table(_HEADER, [_row(f, links) for f in findings], "finding")


def _counts(findings: Iterable[Finding]) -> tuple[int, int]:
    errors = warnings = 0
    for finding in findings:
        if finding.severity == Severity.ERROR:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def _failing(findings: Iterable[Finding], fail_on: str) -> int:
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    return sum(1 for f in findings if Severity(f.severity).rank >= threshold)


class MarkdownReporter(Reporter):
    """A heading with the counts, the verdict of ``--fail-on``, and a table of findings."""

    name = "markdown"

    def __init__(
        self,
        stream: TextIO,
        *,
        color: bool = False,
        fail_on: str = "error",
        environ: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(stream, color=color)
        self.fail_on = fail_on
        self.links = Links.from_environ(environ)

    def stop(self) -> None:
        errors, warnings = _counts(self.findings)
        files = _plural(len(self.files), "file")
        if not self.findings:
            self.stream.write(f"### ladders: no findings in {files}\n\n")
            named = f" {escape(', '.join(self.files))}" if 0 < len(self.files) <= 10 else ""
            self.stream.write(f":white_check_mark: Checked {files}{':' if named else ''}{named}.\n")
            return
        counts = [_plural(n, word) for n, word in ((errors, "error"), (warnings, "warning")) if n]
        self.stream.write(f"### ladders: {' and '.join(counts)} in {files}\n\n")
        failing = _failing(self.findings, self.fail_on)
        if self.fail_on == "never":
            self.stream.write("Passes: `--fail-on never`.\n\n")
        elif failing:
            verdict = f"{_plural(failing, 'finding')} at or above `{self.fail_on}`"
            self.stream.write(f":x: Fails: {verdict}.\n\n")
        else:
            self.stream.write(
                f":white_check_mark: Passes: no finding at or above `{self.fail_on}`.\n\n"
            )
        self.stream.write(findings_table(self.findings, self.links))


def _spec(text: str) -> str:
    return f"`{text}`" if "`" not in text and "\n" not in text else escape(text)


def diff_markdown(
    change: LadderDiff,
    old: str,
    new: str,
    *,
    old_links: Links | None = None,
    new_links: Links | None = None,
) -> str:
    """``ladders diff --format markdown``: regressions first, then the changes to roles
    and moves with their old and new values, then the findings introduced and resolved.

    ``old_links`` place the old version's findings (at the base commit when it was read
    from git), ``new_links`` the new version's.
    """
    old_links = old_links or Links()
    new_links = new_links or Links()
    out = [f"### ladders diff: {_spec(old)} → {_spec(new)}\n\n"]
    count = len(change.regressions)
    if count:
        out.append(f":x: **{_plural(count, 'progression regression')}**\n\n")
        out += [f"- {escape(r.message)}\n" for r in change.regressions]
        out.append("\n")
    else:
        out.append(":white_check_mark: No progression regressions.\n\n")
    rows = [f"| added | role {escape(r)} | |" for r in change.roles_added]
    rows += [f"| removed | role {escape(r)} | |" for r in change.roles_removed]
    rows += [
        f"| changed | role {escape(r)} | {'<br>'.join(escape(str(c)) for c in found)} |"
        for r, found in change.role_changes.items()
    ]
    rows += [f"| added | move {escape(a)} → {escape(b)} | |" for a, b in change.moves_added]
    rows += [f"| removed | move {escape(a)} → {escape(b)} | |" for a, b in change.moves_removed]
    rows += [
        f"| changed | move {escape(a)} → {escape(b)} | "
        f"{'<br>'.join(escape(str(c)) for c in found)} |"
        for (a, b), found in change.move_changes.items()
    ]
    if rows:
        out.append(f"#### Roles and moves: {_plural(len(rows), 'change')}\n\n")
        out.append(_table("| Change | What | Old and new |\n| --- | --- | --- |\n", rows, "change"))
        out.append("\n")
    else:
        out.append("No changes to roles or moves.\n\n")
    for title, found, links in (
        ("Findings introduced", change.findings_introduced, new_links),
        ("Findings resolved", change.findings_resolved, old_links),
    ):
        if found:
            out.append(f"#### {title}: {len(found)}\n\n")
            out.append(findings_table(found, links))
            out.append("\n")
    if change.findings_reworded:
        reworded = [
            f"| `{b.code}` | {escape(b.role or '')} | {escape(a.message)} | {escape(b.message)} |"
            for a, b in change.findings_reworded
        ]
        out.append(
            f"<details><summary>{_plural(len(reworded), 'finding')} reworded "
            "(the same rule, role and place)</summary>\n\n"
        )
        out.append(
            _table(
                "| Rule | Role | Old message | New message |\n| --- | --- | --- | --- |\n",
                reworded,
                "finding",
            )
        )
        out.append("\n</details>\n")
    return "".join(out).rstrip("\n") + "\n"
