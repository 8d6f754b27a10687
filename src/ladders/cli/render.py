"""``ladders render``: draw the ladder (SVG, HTML, Mermaid, DOT)."""

from __future__ import annotations

import click

from ladders.cli.app import cli, load_ladder, write_text
from ladders.config import load_config

__all__ = ["render_command"]


@cli.command("render")
@click.argument("file")
@click.option(
    "--format",
    "format_name",
    type=click.Choice(("svg", "html", "mermaid", "dot")),
    default="svg",
    show_default=True,
)
@click.option("-o", "--output", metavar="FILE", help="File to write (default: stdout).")
@click.option("--config", "config_path", metavar="FILE", help="Read settings from FILE.")
def render_command(file: str, format_name: str, output: str | None, config_path: str | None) -> int:
    """Draw the ladder: an SVG chart, a self-contained HTML report (chart, findings,
    ceilings; click a role to see where it can go), Mermaid or Graphviz DOT text.

    \b
    Examples:
      ladders render org.yaml -o ladder.svg
      ladders render org.yaml --format html -o ladder.html
      ladders render org.yaml --format mermaid
    """
    from ladders.ladder import check
    from ladders.render import render

    ladder = load_ladder(file)
    settings = load_config(config_path).check_config()
    text = render(ladder, format_name, findings=check(ladder, settings))
    write_text(text if text.endswith("\n") else text + "\n", output, inputs=ladder.files)
    return 0
