"""``ladders render``: draw the ladder (SVG, HTML, Mermaid, DOT)."""

from __future__ import annotations

import click

from ladders.cli.app import Stop, cli, load_ladder, write_text
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
@click.option(
    "--family",
    metavar="FAMILY",
    help="Draw only this family's roles and the moves among them, with a stub for each "
    "move leaving it ('(no family)': the roles without one).",
)
@click.option(
    "--focus",
    metavar="ROLE",
    help="Draw only ROLE, every role it can reach and every role that can reach it.",
)
def render_command(
    file: str,
    format_name: str,
    output: str | None,
    config_path: str | None,
    family: str | None,
    focus: str | None,
) -> int:
    """Draw the ladder: an SVG chart, a self-contained HTML report (chart, findings,
    ceilings; click a role to see where it can go), Mermaid or Graphviz DOT text.

    \b
    Examples:
      ladders render org.yaml -o ladder.svg
      ladders render org.yaml --format html -o ladder.html
      ladders render org.yaml --format mermaid
      ladders render org.yaml --family engineering -o engineering.svg
      ladders render org.yaml --focus senior --format html -o senior.html
    """
    from ladders.errors import UsageError
    from ladders.ladder import check
    from ladders.render import render

    ladder = load_ladder(file)
    settings = load_config(config_path).check_config()
    findings = check(ladder, settings)
    try:
        text = render(ladder, format_name, findings=findings, family=family, focus=focus)
    except UsageError as error:  # an unknown family or role, with a did-you-mean
        raise Stop(str(error)) from None
    write_text(text if text.endswith("\n") else text + "\n", output, inputs=ladder.files)
    return 0
