"""``ladders check``: check ladder files and report the findings."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from typing import TextIO

import click

from ladders.cli.app import Stop, _isatty, check_readable, cli, exit_code
from ladders.config import FAIL_ON, Config, ConfigError, load_config, parse_selectors
from ladders.findings import Finding
from ladders.report import FORMATS

__all__ = ["check_command"]


@cli.command("check")
@click.argument("files", nargs=-1, metavar="[FILES]...")
@click.option(
    "--format",
    "format_name",
    type=click.Choice(FORMATS),
    help="Output format [default: text; github when GITHUB_ACTIONS=true].",
)
@click.option("-o", "--output", metavar="FILE", help="Write the report to FILE instead of stdout.")
@click.option(
    "--select",
    metavar="CODES",
    multiple=True,
    help="Only these rules: codes, prefixes or names, comma-separated (may be repeated).",
)
@click.option(
    "--ignore",
    metavar="CODES",
    multiple=True,
    help="Not these rules: codes, prefixes or names, comma-separated (may be repeated).",
)
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    help="Exit 1 when a finding is at least this severe [default: error].",
)
@click.option(
    "--config",
    "config_path",
    metavar="FILE",
    help="Read settings from FILE (a pyproject.toml or ladders.toml) instead of searching "
    "upward from the working directory.",
)
def check_command(
    files: tuple[str, ...],
    format_name: str | None,
    output: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    config_path: str | None,
) -> int:
    """Check ladder files. Each FILE is a root ladder, checked with the files it
    includes; with no FILE, the roots are the `files` of the configuration.

    Settings come from [tool.ladders] in pyproject.toml or from ladders.toml, the first
    found upward from the working directory; options given here win.

    \b
    Exit status: 0 no finding at or above --fail-on; 1 at least one;
                 2 usage error, missing or unreadable file, bad config, internal error.

    \b
    Examples:
      ladders check org.yaml
      ladders check --select LAD1 --ignore LAD104 org.yaml
      ladders check --fail-on warning ladders/*.yaml
      ladders check --format sarif --output ladders.sarif org.yaml
      ladders check                       # the roots listed in `files` of the config
    """
    from ladders.check import check_paths

    config = load_config(config_path)
    settings = config.check_config()
    select_text = ",".join(select) if select else None
    ignore_text = ",".join(ignore) if ignore else None
    if select_text is not None or ignore_text is not None:
        try:
            settings = replace(
                settings,
                select=parse_selectors(select_text, "--select")
                if select_text is not None
                else settings.select,
                ignore=parse_selectors(ignore_text, "--ignore")
                if ignore_text is not None
                else settings.ignore,
            )
        except ConfigError as error:
            raise Stop(str(error)) from None
    roots = list(files) or config.roots()
    if not roots:
        raise click.UsageError(_no_files_message(config))
    for root in roots:
        check_readable(root)
    result = check_paths(roots, settings)
    if format_name is None:
        format_name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    _write_report(format_name, output, result.files, result.findings)
    return exit_code(result.findings, fail_on or config.fail_on)


def _no_files_message(config: Config) -> str:
    where = f" of {config.path.name}" if config.path is not None else " [tool.ladders]"
    return (
        f"no ladder files to check: name them (ladders check org.yaml) or list them "
        f"in `files`{where}"
    )


def _write_report(
    format_name: str, output: str | None, files: Sequence[str], findings: Sequence[Finding]
) -> None:
    from ladders.report import REPORTERS
    from ladders.report.base import report, use_color

    reporter_class = REPORTERS[format_name]
    if output is None:
        stream: TextIO = sys.stdout
        color = use_color(os.environ, _isatty(stream))
        report(reporter_class(stream, color=color), files, findings)
        stream.flush()
        return
    try:
        with open(output, "w", encoding="utf-8", newline="\n") as handle:
            report(reporter_class(handle), files, findings)
    except OSError as error:
        raise Stop(f"cannot write {output}: {error.strerror or error}") from None
