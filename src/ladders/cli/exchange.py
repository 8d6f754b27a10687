"""``ladders export`` and ``ladders import-csv``: the ladder in other formats."""

from __future__ import annotations

import collections
import csv
import io
import os
import sys
from typing import Literal

import click

from ladders.cli.app import (
    Stop,
    _isatty,
    check_readable,
    cli,
    error_line,
    load_ladder,
    write_bytes,
    write_text,
)

__all__ = ["export_command", "import_csv_command"]


@cli.command("export")
@click.argument("file")
@click.option(
    "--format",
    "format_name",
    type=click.Choice(("json", "graphml", "csv", "xlsx")),
    required=True,
    help="json: the ladder normalised; graphml: for yEd or Gephi; csv: tables for "
    "spreadsheets (a folder); xlsx: an Excel workbook with the tables, a chart and the findings.",
)
@click.option(
    "-o",
    "--output",
    metavar="PATH",
    help="File to write (default: stdout); for csv, a folder (ladder.csv, levels.csv, "
    "tracks.csv, roles.csv, moves.csv, bands.csv).",
)
@click.option(
    "--explicit",
    is_flag=True,
    help="Write every move `progression` implies out as a written move (and no progression): "
    "the same ladder, for tools that do not know implied moves.",
)
def export_command(file: str, format_name: str, output: str | None, explicit: bool) -> int:
    """Export a ladder (with its includes merged) as normalised JSON, GraphML, CSV tables
    or an Excel workbook. The tables and the workbook read back as the same ladder
    (`ladders check tables/`, `ladders check org.xlsx`).

    \b
    Examples:
      ladders export org.yaml --format json > org.json
      ladders export org.yaml --format graphml -o org.graphml
      ladders export org.yaml --format csv -o tables/
      ladders export org.yaml --format xlsx -o org.xlsx
      ladders export org.yaml --format json --explicit > explicit.json
    """
    from ladders.exchange import export_graphml, ladder_data, ladder_text
    from ladders.exchange.tables import csv_texts

    ladder = load_ladder(file)
    if format_name == "xlsx":
        from ladders.config import load_config
        from ladders.exchange.xlsx import workbook_bytes
        from ladders.ladder import check

        if output in (None, "-") and _isatty(sys.stdout):
            raise click.UsageError("--format xlsx writes a workbook: give a file with -o")
        findings = check(ladder, load_config(None).check_config())
        data = workbook_bytes(ladder, findings, explicit=explicit)
        write_bytes(data, output, inputs=ladder.files)
        return 0
    if format_name == "csv":
        if output is None or output == "-":
            raise click.UsageError("--format csv writes several files: give a folder with -o")
        tables = csv_texts(ladder, explicit=explicit)
        try:
            os.makedirs(output, exist_ok=True)
        except OSError as error:
            raise Stop(f"cannot write {output}: {error.strerror or error}") from None
        for name, text in tables.items():
            write_text(text, os.path.join(output, name), inputs=ladder.files)
        return 0
    text = (
        ladder_text(ladder_data(ladder, explicit=explicit), "json")
        if format_name == "json"
        else export_graphml(ladder)
    )
    write_text(text, output, inputs=ladder.files)
    return 0


@cli.command("import-csv")
@click.argument("roles_csv", metavar="ROLES.csv")
@click.argument("moves_csv", metavar="MOVES.csv")
@click.option("--levels", "levels_csv", metavar="LEVELS.csv", help="Level order and names.")
@click.option("--tracks", "tracks_csv", metavar="TRACKS.csv", help="Track kinds and names.")
@click.option(
    "--ladder", "ladder_csv", metavar="LADDER.csv", help="Name, description, promote, switch."
)
@click.option("--bands", "bands_csv", metavar="BANDS.csv", help="Pay bands.")
@click.option("--name", help="The ladder's name (over the one in LADDER.csv).")
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Ladder file to write (.yaml, .yml or .json; default: YAML on stdout). An existing "
    "file is never overwritten.",
)
def import_csv_command(
    roles_csv: str,
    moves_csv: str,
    levels_csv: str | None,
    tracks_csv: str | None,
    ladder_csv: str | None,
    bands_csv: str | None,
    name: str | None,
    output: str | None,
) -> int:
    """Write a ladder file from spreadsheet tables (the tables `ladders export --format
    csv` writes; without --levels, levels come from the roles' level_rank, and without
    --tracks, track kinds from their track_kind). The result is checked: exit 1 if it has
    findings at error level. A folder of these tables is a ladder itself: `ladders check
    tables/` checks it as it is.

    \b
    Example:
      ladders import-csv roles.csv moves.csv --levels levels.csv --tracks tracks.csv -o org.yaml
    """
    from ladders.check import check_loaded
    from ladders.exchange import import_csv, ladder_text
    from ladders.load import load_data

    def read(path: str | None) -> str | None:
        if path is None:
            return None
        check_readable(path)
        try:
            with open(path, encoding="utf-8-sig", newline="") as handle:
                text = handle.read()
        except UnicodeDecodeError:
            raise Stop(f"{path} is not UTF-8 text; save it as CSV UTF-8") from None
        except OSError as error:
            raise Stop(f"cannot read {path}: {error.strerror or error}") from None
        check_table(text, path)
        return text

    roles_text, moves_text = read(roles_csv) or "", read(moves_csv) or ""
    paths = (roles_csv, moves_csv, levels_csv, tracks_csv, ladder_csv, bands_csv)
    try:
        data = import_csv(
            roles_text,
            moves_text,
            levels=read(levels_csv),
            tracks=read(tracks_csv),
            ladder=read(ladder_csv),
            bands=read(bands_csv),
            name=name,
        )
    except (csv.Error, RecursionError) as error:  # check_table should have said where
        names = ", ".join(p for p in paths if p)
        raise Stop(f"{names}: cannot read the tables: {error}") from None
    fmt: Literal["yaml", "json"] = "yaml"
    if output is not None and output.lower().endswith(".json"):
        fmt = "json"
    from ladders.collector import collector_paused

    with collector_paused():  # many small objects, no cycles: the collector would only cost
        text = ladder_text(data, fmt)
    inputs = [p for p in paths if p]
    write_text(text, output, inputs=inputs, exclusive=True)
    where = "<stdout>" if output in (None, "-") else output
    # The findings of what was written, from the data it was written from (they are
    # printed without positions, so the text need not be parsed again).
    problems = check_loaded(load_data(data, where, written=text))
    for finding in problems:
        error_line(f"{finding.code} [{finding.severity}] {finding.message}")
    return 1 if any(f.severity == "error" for f in problems) else 0


# As deep as a ladder file may nest (LAD005): deeper JSON in a cell is refused.
_MAX_CELL_DEPTH = 64


def check_table(text: str, path: str) -> None:
    """Raise :class:`Stop` naming ``path`` and the line when a CSV table cannot be read:
    a cell over the CSV reader's size limit, or JSON in a cell nested too deep. A table
    with no ``[`` or ``{`` (no cell of it can hold JSON) is read row by row at C speed,
    its cells not looked at one by one."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        if "[" not in text and "{" not in text:
            collections.deque(reader, maxlen=0)  # only what the CSV reader refuses
            return
        for row in reader:
            for cell in row:
                if cell[:1] in ("[", "{") and _nesting(cell) > _MAX_CELL_DEPTH:
                    raise Stop(
                        f"{path} line {reader.line_num}: a cell nests deeper than "
                        f"{_MAX_CELL_DEPTH} levels"
                    )
    except csv.Error as error:
        raise Stop(f"{path} line {reader.line_num}: {error}") from None


def _nesting(text: str) -> int:
    """How deep the brackets of JSON text nest (outside strings).

    >>> _nesting('{"a": [1, {"b": "[[["}]}')
    3
    """
    depth = deepest = 0
    in_string = escaped = False
    for character in text:
        if in_string:
            if escaped:
                escaped = False
            elif character == "\\":
                escaped = True
            elif character == '"':
                in_string = False
        elif character == '"':
            in_string = True
        elif character in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif character in "]}":
            depth -= 1
    return deepest
