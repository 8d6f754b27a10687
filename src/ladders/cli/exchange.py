"""``ladders export`` and ``ladders import-csv``: the ladder in other formats."""

from __future__ import annotations

import os
from typing import Literal

import click

from ladders.cli.app import Stop, check_readable, cli, error_line, write_text

__all__ = ["export_command", "import_csv_command"]


@cli.command("export")
@click.argument("file")
@click.option(
    "--format",
    "format_name",
    type=click.Choice(("json", "graphml", "csv")),
    required=True,
    help="json: the ladder normalised; graphml: for yEd or Gephi; csv: tables for spreadsheets.",
)
@click.option(
    "-o",
    "--output",
    metavar="PATH",
    help="File to write (default: stdout); for csv, a folder (roles.csv, moves.csv, "
    "levels.csv, tracks.csv).",
)
def export_command(file: str, format_name: str, output: str | None) -> int:
    """Export a ladder (with its includes merged) as normalised JSON, GraphML or CSV.

    \b
    Examples:
      ladders export org.yaml --format json > org.json
      ladders export org.yaml --format graphml -o org.graphml
      ladders export org.yaml --format csv -o tables/
    """
    from ladders.exchange import export_csv, export_graphml, ladder_data, ladder_text
    from ladders.ladder import load

    check_readable(file)
    ladder = load(file)
    if format_name == "csv":
        if output is None:
            raise click.UsageError("--format csv writes several files: give a folder with -o")
        try:
            os.makedirs(output, exist_ok=True)
            for name, text in export_csv(ladder).items():
                with open(os.path.join(output, name), "w", encoding="utf-8", newline="") as f:
                    f.write(text)
        except OSError as error:
            raise Stop(f"cannot write {output}: {error.strerror or error}") from None
        return 0
    text = (
        ladder_text(ladder_data(ladder), "json")
        if format_name == "json"
        else export_graphml(ladder)
    )
    write_text(text, output)
    return 0


@cli.command("import-csv")
@click.argument("roles_csv", metavar="ROLES.csv")
@click.argument("moves_csv", metavar="MOVES.csv")
@click.option("--levels", "levels_csv", metavar="LEVELS.csv", help="Level order and names.")
@click.option("--tracks", "tracks_csv", metavar="TRACKS.csv", help="Track kinds and names.")
@click.option("--name", help="The ladder's name.")
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
    name: str | None,
    output: str | None,
) -> int:
    """Write a ladder file from spreadsheet tables (the columns of `ladders export
    --format csv`). The result is checked: exit 1 if it has findings at error level.

    \b
    Example:
      ladders import-csv roles.csv moves.csv --levels levels.csv -o org.yaml
    """
    from ladders.check import check_loaded
    from ladders.exchange import import_csv, ladder_text
    from ladders.load import load_text

    def read(path: str | None) -> str | None:
        if path is None:
            return None
        check_readable(path)
        try:
            with open(path, encoding="utf-8-sig", newline="") as handle:
                return handle.read()
        except UnicodeDecodeError:
            raise Stop(f"{path} is not UTF-8 text; save it as CSV UTF-8") from None

    roles_text, moves_text = read(roles_csv) or "", read(moves_csv) or ""
    data = import_csv(
        roles_text, moves_text, levels=read(levels_csv), tracks=read(tracks_csv), name=name
    )
    fmt: Literal["yaml", "json"] = "yaml"
    if output is not None and output.lower().endswith(".json"):
        fmt = "json"
    text = ladder_text(data, fmt)
    if output is not None and os.path.exists(output):
        raise Stop(f"{output} exists; ladders never overwrites a file: choose another name")
    write_text(text, output)
    where = output or "<stdout>"
    problems = check_loaded(load_text(text, fmt, where))
    for finding in problems:
        error_line(f"{finding.code} [{finding.severity}] {finding.message}")
    return 1 if any(f.severity == "error" for f in problems) else 0
