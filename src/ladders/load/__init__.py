"""Loading: files -> one merged :class:`~ladders.model.LadderData`, or LAD0xx findings.

Reading a root file follows its ``include`` list (depth first, each file once), checks
each file against the format, merges them, and resolves every reference. Problems are
findings with the file, line and column of the item they are about.

The jobs live in modules of their own: :mod:`~ladders.load.read` reads one file (decode,
parse, validate), :mod:`~ladders.load.includes` follows includes,
:mod:`~ladders.load.merge` merges the files (ids across files, references).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from ladders.collector import collector_paused
from ladders.errors import UsageError
from ladders.findings import Finding, Severity
from ladders.load.includes import Reader
from ladders.load.merge import merge
from ladders.load.read import (
    File,
    Format,
    Unsure,
    partial_model,
    read_ladder_data,
    read_ladder_text,
)
from ladders.load.sheets.layout import is_spreadsheet
from ladders.load.source import SourceMap
from ladders.load.text import LOAD_RULES, Fatal, decode, finding, problem_finding
from ladders.model import LadderData, LadderFile

__all__ = ["LOAD_RULES", "Loaded", "load_data", "load_path", "load_text", "read_ladder_text"]


@dataclass
class Loaded:
    """What loading a root produced: the ladder (if no errors), findings, files read."""

    ladder: LadderData | None
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


def load_path(path: str | os.PathLike[str]) -> Loaded:
    """Load a root file and its includes (or a spreadsheet ladder: a workbook, or a folder
    of CSV files); never raises for bad content."""
    name = os.fspath(path)
    reader = Reader(name)
    with collector_paused():
        if is_spreadsheet(name):  # a workbook or a folder of CSV tables (DESIGN §1 "Spreadsheets")
            from ladders.load.sheets import read_spreadsheet_root

            read_spreadsheet_root(reader)
        else:
            reader.read_root()
        files = [f.name for f in reader.files]
        failed = any(f.model is None for f in reader.files) or any(
            f.severity == Severity.ERROR for f in reader.findings
        )
        root = reader.files[0] if reader.files else None
        if root is None or (root.model is None and root.partial is None):
            return Loaded(None, sorted(reader.findings), files or [name])
        if failed:
            # Still merge what is valid, to report its duplicates and references too.
            readable = [f for f in reader.files if f.model is not None or f.partial is not None]
            merge(readable, reader.findings, reader.unsure)
            return Loaded(None, sorted(reader.findings), files)
        ladder = merge(reader.files, reader.findings)
    return Loaded(ladder, sorted(reader.findings), files)


def load_text(text: str | bytes, format: Format = "yaml", source: str = "<string>") -> Loaded:
    """Load a ladder from text; never raises for bad content (see :class:`Loaded`).

    ``include`` is not allowed here (there is no folder to be relative to).
    """
    if format not in ("yaml", "json"):
        raise UsageError(f"format must be 'yaml' or 'json', not {format!r}")
    with collector_paused():
        if isinstance(text, str):
            try:  # a str from Python may hold lone surrogates, which no file can
                text.encode("utf-8")
            except UnicodeEncodeError as error:
                before = text[: error.start]
                line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
                message = f"the text is not valid Unicode (U+{ord(text[error.start]):04X})"
                return Loaded(None, [finding("LAD001", message, source, line, column)], [source])
        else:
            try:
                text = decode(text)
            except Fatal as stop:
                return Loaded(None, [problem_finding(stop.problem, source)], [source])
        return _loaded(*read_ladder_text(text, source, format))


def load_data(data: Any, source: str = "<data>", *, written: str | None = None) -> Loaded:
    """Load a ladder from plain data, as a YAML or JSON reader gives it (or
    :func:`ladders.exchange.import_csv`); never raises for bad content. As
    :func:`load_text` of a text holding that data, without reading one: findings have
    no line of their own (line 1). ``written``: the YAML or JSON text ladders wrote of
    ``data``, if any (see :func:`~ladders.load.read.read_ladder_data`)."""
    with collector_paused():
        return _loaded(*read_ladder_data(data, source, written=written))


def _loaded(model: LadderFile | None, source_map: SourceMap, findings: list[Finding]) -> Loaded:
    """The rest of :func:`load_text` once its one file is read."""
    source = source_map.file
    if model is not None and model.include:
        line, column = source_map.value(("include", 0))
        findings.append(
            finding(
                "LAD007",
                "include needs a file to be relative to: use ladders.load(path)",
                source,
                line,
                column,
            )
        )
    ladder = None
    if model is not None and not findings:
        ladder = merge([File(source, source_map, model)], findings)
    elif model is None and source_map.data is not None:
        # Report the references of what is valid too, as load_path does.
        unsure = Unsure()
        partial = partial_model(source_map.data, unsure)
        if partial is not None:
            merge([File(source, source_map, None, partial)], findings, unsure)
    return Loaded(ladder, sorted(findings), [source])
