"""Reading and validating a spreadsheet ladder: a workbook or a folder of CSV files."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ladders.findings import Finding
from ladders.load.sheets.builder import _Builder, _finish
from ladders.load.sheets.csvfolder import _folder_tables
from ladders.load.sheets.workbook import _workbook_tables
from ladders.load.source import SourceMap

if TYPE_CHECKING:
    from ladders.load.includes import Reader
    from ladders.load.read import Unsure
    from ladders.model import LadderFile

__all__ = [
    "read_spreadsheet",
    "read_spreadsheet_root",
]


def read_spreadsheet(
    name: str, real: str | None = None, unsure: Unsure | None = None
) -> tuple[LadderFile | None, SourceMap, list[Finding], list[str]]:
    """Read and validate a spreadsheet ladder (a workbook, or a folder of CSV files).

    Returns what :func:`~ladders.load.read.read_ladder_text` does for a file — the model
    (None when there are errors), the positions, the findings — and the files read. What
    cannot be read at all is marked in ``unsure``, so that references to it are not
    reported as unknown.
    """
    from pydantic import ValidationError

    from ladders.load.validate import problems_from
    from ladders.model import LadderFile

    real = real if real is not None else name
    builder = _Builder(name)
    files = [name]
    if os.path.isdir(real):
        files = _folder_tables(name, real, builder) or [name]
    else:
        _workbook_tables(name, real, builder)
    tables = _finish(builder, name, files)
    findings = tables.findings
    if unsure is not None:
        unsure.levels = unsure.levels or "levels" in tables.unreadable
        unsure.all_tracks = unsure.all_tracks or "tracks" in tables.unreadable
        unsure.all_roles = unsure.all_roles or "roles" in tables.unreadable
    try:
        model: LadderFile | None = LadderFile.model_validate(tables.data)
    except ValidationError as error:
        from ladders.load.text import problem_finding

        for problem in problems_from(error, tables.data, tables.source):
            found = problem_finding(problem, name)
            # A cell reported while reading (JSON that is not, an ignore line without a
            # reason) holds its text: its validation error would say the same again.
            if (found.file, found.line, found.column) not in tables.reported:
                findings.append(found)
        model = None
    if any(f.severity == "error" for f in findings):
        model = None
    return model, tables.source, findings, files


def read_spreadsheet_root(reader: Reader) -> None:
    """Read a spreadsheet ladder named as a root into ``reader``, as its files.

    A workbook is one file. The CSV files of a folder are one source (their data is one
    ladder file's), listed as the files read: the first holds the data, the others are
    empty, so that the ladder's ``files`` name every table read.
    """
    from ladders.load.read import File, partial_model
    from ladders.model import LadderFile

    name = reader.root_name
    model, source, findings, files = read_spreadsheet(name, name, reader.unsure)
    reader.findings.extend(findings)
    partial = partial_model(source.data, reader.unsure) if model is None else None
    first, *others = files
    reader.files.append(File(first, source, model, partial))
    reader.files.extend(File(other, SourceMap(other), LadderFile()) for other in others)
