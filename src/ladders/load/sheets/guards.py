"""Opening a workbook's zip archive with care: zip bombs, macros, formulas, merged cells."""

from __future__ import annotations

import os
import re
import zipfile

from ladders.findings import cell_name
from ladders.load.sheets.builder import _Builder
from ladders.load.sheets.layout import _MACROS, _OTHER_BOOKS
from ladders.load.sheets.reading import _Unreadable

__all__ = [
    "_MAX_INFLATED",
    "_MAX_RATIO",
    "_refuse_archive",
    "_scan_sheet",
]

# A zip member that inflates past this, more than _MAX_RATIO times its packed size, is a
# zip bomb (DESIGN §1); a large member that packs normally is a large workbook, and fine.
_MAX_INFLATED = 50 * 1024 * 1024
_MAX_RATIO = 100


_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_MAYBE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:f|mergeCell)[\s/>]")


def _refuse_archive(name: str, real: str, builder: _Builder) -> zipfile.ZipFile | None:
    """Open the workbook's zip archive, or report why it is refused (and return None)."""
    suffix = os.path.splitext(name)[1].lower()
    where = (name, 1, 1)
    if suffix in _MACROS:
        builder.report(
            "LAD005",
            f"{name} is a macro-enabled workbook: ladders never opens macros; "
            "save it as an Excel workbook (.xlsx)",
            where,
        )
        return None
    if suffix in _OTHER_BOOKS:
        builder.report(
            "LAD001",
            f"ladders reads .xlsx workbooks, not {suffix}: save it as an Excel workbook (.xlsx)",
            where,
        )
        return None
    try:
        archive = zipfile.ZipFile(real)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        builder.report(
            "LAD001",
            f"{name} is not an .xlsx workbook (it cannot be opened as one: {reason})",
            where,
        )
        return None
    for info in archive.infolist():
        packed = max(info.compress_size, 1)
        if info.file_size > _MAX_INFLATED and info.file_size > _MAX_RATIO * packed:
            builder.report(
                "LAD005",
                f"{name} is refused: its part {info.filename!r} would inflate from "
                f"{info.compress_size} to {info.file_size} bytes (more than {_MAX_RATIO}:1), "
                "as a zip bomb does",
                where,
            )
            archive.close()
            return None
        if info.filename.lower().endswith("vbaproject.bin"):
            builder.report(
                "LAD005",
                f"{name} holds macros ({info.filename}): ladders never opens macros; "
                "save it as an Excel workbook without macros",
                where,
            )
            archive.close()
            return None
    return archive


def _scan_sheet(
    archive: zipfile.ZipFile, member: str, file: str, label: str, builder: _Builder
) -> None:
    """Report formulas without a saved value and merged cells, from the sheet's XML.

    Reading values only (as ladders does) cannot see either, so the XML is scanned: first
    a quick pass over the raw bytes; only a sheet that has a formula or a merge at all is
    parsed, streamed, to find where.
    """
    import xml.etree.ElementTree as ET

    try:
        with archive.open(member) as stream:
            tail = b""
            while chunk := stream.read(1 << 20):
                if _MAYBE.search(tail + chunk):
                    break
                tail = chunk[-64:]
            else:
                return
        with archive.open(member) as stream:
            row = column = 0  # where a cell without an ``r`` is: after the one before
            for event, element in ET.iterparse(stream, ("start", "end")):
                tag = element.tag.rpartition("}")[2]
                if event == "start":
                    if tag == "row":
                        row = _number_or(element.get("r"), row + 1)
                        column = 0
                    continue
                if tag == "c":
                    ref = element.get("r")
                    row, column = _cell_position(ref) if ref else (row, column + 1)
                    parts = {e.tag.rpartition("}")[2]: e for e in element}
                    formula, value = parts.get("f"), parts.get("v", parts.get("is"))
                    saved = value is not None and (bool(value.text) or len(value) > 0)
                    if formula is not None and not saved:
                        text = f" (={formula.text})" if formula.text else ""
                        builder.report(
                            "LAD002",
                            f"cell {cell_name(row, column)} of {label} holds a formula "
                            f"with no saved value{text}: ladders reads values, not "
                            "formulas; open and save the workbook in a spreadsheet "
                            "program, or type the value",
                            (file, row, column),
                        )
                    element.clear()
                elif tag == "row":
                    element.clear()
                elif tag == "mergeCell":
                    ref = element.get("ref", "A1")
                    first = ref.split(":")[0]
                    line, left = _cell_position(first)
                    builder.report(
                        "LAD002",
                        f"cells {ref} of {label} are merged: ladders reads one value per "
                        f"cell (only {first} has it); unmerge them",
                        (file, line, left),
                    )
    except (ET.ParseError, zipfile.BadZipFile, OSError, KeyError, EOFError) as error:
        raise _Unreadable(f"{label} cannot be read: {error}") from None


def _number_or(text: str | None, default: int) -> int:
    return int(text) if text is not None and text.isdigit() else default


def _cell_position(ref: str) -> tuple[int, int]:
    """(row, column) of a cell name such as ``AB12``.

    >>> _cell_position("AB12"), _cell_position("$C$3")
    ((12, 28), (3, 3))
    """
    match = re.fullmatch(r"\$?([A-Za-z]{1,3})\$?(\d+)", ref.strip())
    if match is None:
        return 1, 1
    column = 0
    for letter in match.group(1).upper():
        column = column * 26 + ord(letter) - 64
    return int(match.group(2)), column
