"""``ladders init``: write a starter ladder (YAML, an Excel workbook or a CSV folder)."""

from __future__ import annotations

import os
from typing import Any

import click

from ladders.cli.app import Stop, cli, write_bytes

__all__ = ["STARTER", "init_command", "starter_data"]

#: The starter ladder: small, healthy (it checks clean), dual track, with moves implied by
#: ``progression`` and one written exception; every table of a spreadsheet ladder is used.
STARTER = """\
# A starter dual-track ladder. `ladders check` finds nothing wrong with it: change it into
# your own, and check it again. Every key is described in the file format documentation.
version: 1
name: Engineering ladder
description: A small dual-track ladder to start from.
# Moves the ladder implies, so that only the exceptions need writing:
progression:
  promote: true  # up to the next level of the same track and family
  switch: true   # across to the other kind of track, at the same level and family
levels:          # lowest first
  - id: L1
    name: Engineer
    entry: true  # people are hired into the roles at this level
    band: {min: 50000, max: 70000, currency: EUR}
  - id: L2
    name: Senior
    band: {min: 65000, max: 90000, currency: EUR}
  - id: L3
    name: Staff
    band: {min: 85000, max: 115000, currency: EUR}
  - id: L4
    name: Principal
    band: {min: 105000, max: 140000, currency: EUR}
tracks:
  ic: {kind: technical, name: Individual contributor}
  mgmt: {kind: management, name: People management}
roles:
  engineer: {title: Engineer, track: ic, level: L1, family: engineering}
  senior: {title: Senior Engineer, track: ic, level: L2, family: engineering}
  staff:
    title: Staff Engineer
    track: ic
    level: L3
    family: engineering
    moves:       # written moves: the exceptions, or moves with criteria
      - to: manager
        criteria: [Has led a team of three or more for six months]
  principal: {title: Principal Engineer, track: ic, level: L4, family: engineering}
  manager: {title: Engineering Manager, track: mgmt, level: L3, family: engineering}
  senior-manager:
    title: Senior Engineering Manager
    track: mgmt
    level: L4
    family: engineering
"""

_SUFFIXES = {".xlsx": "xlsx", ".yaml": "yaml", ".yml": "yaml", ".json": "yaml"}


def starter_data() -> dict[str, Any]:
    """The starter ladder as ladder file data."""
    from ladders.load.yaml import read_yaml

    data, _, _ = read_yaml(STARTER)
    assert isinstance(data, dict)
    return data


@cli.command("init")
@click.argument("path")
@click.option(
    "--format",
    "format_name",
    type=click.Choice(("yaml", "xlsx", "csv")),
    help="yaml: a ladder file; xlsx: an Excel workbook; csv: a folder of CSV tables "
    "[default: by PATH's suffix (.xlsx, .yaml, .yml, .json), else yaml].",
)
def init_command(path: str, format_name: str | None) -> int:
    """Write a starter ladder to PATH: a small, healthy dual-track ladder, with every
    table and column, to change into your own. An existing PATH is never overwritten.

    \b
    Examples:
      ladders init ladder.yaml
      ladders init --format xlsx ladder.xlsx     then open it, and: ladders check ladder.xlsx
      ladders init --format csv ladder/          then: ladders check ladder/
    """
    suffix = os.path.splitext(path.rstrip("/\\"))[1].lower()
    implied = _SUFFIXES.get(suffix)
    chosen = format_name or implied or "yaml"
    if implied is not None and implied != chosen:
        raise click.UsageError(f"--format {chosen} does not go with {path!r} (a {suffix} file)")
    if path == "-":
        raise click.UsageError("init writes a file: give its path")
    if os.path.lexists(path):
        raise Stop(f"{path} exists; ladders never overwrites it: choose another name")
    if chosen == "yaml":
        text = STARTER
        if suffix == ".json":
            from ladders.exchange.data import ladder_text

            text = ladder_text(starter_data(), "json")
        write_bytes(text.encode("utf-8"), path, exclusive=True)
    elif chosen == "xlsx":
        from ladders.exchange.xlsx import workbook_bytes

        write_bytes(workbook_bytes(starter_data()), path, exclusive=True)
    else:
        from ladders.exchange.tables import csv_texts

        try:
            os.mkdir(path)
        except FileExistsError:
            raise Stop(f"{path} exists; ladders never overwrites it: choose another name") from None
        except OSError as error:
            raise Stop(f"cannot create {path}: {error.strerror or error}") from None
        for name, table in csv_texts(starter_data()).items():
            write_bytes(table.encode("utf-8"), os.path.join(path, name), exclusive=True)
    click.echo(f"Wrote a starter ladder to {path}; check it with: ladders check {path}")
    return 0
