"""The command line: ``ladders check``, ``ladders rules``, ``ladders schema``.

:func:`main` runs it and returns the exit code (DESIGN §5): 0 when no finding is at or
above ``--fail-on``, 1 when one is, 2 for a usage error, a missing or unreadable file, a
bad configuration or an internal error, always with one line on stderr and no traceback.
Nothing below :func:`main` calls :func:`sys.exit`.
"""

from __future__ import annotations

import inspect
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from typing import TextIO

import click

from ladders import __version__
from ladders.config import FAIL_ON, Config, ConfigError, load_config, parse_selectors
from ladders.errors import LaddersError
from ladders.findings import Finding, Severity
from ladders.report import FORMATS

__all__ = ["cli", "main"]


class _Stop(Exception):
    """Stop with exit code 2 and this one-line message (a file that cannot be read, ...)."""


_CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=_CONTEXT)
@click.version_option(__version__, "--version", prog_name="ladders", message="%(prog)s %(version)s")
def cli() -> None:
    """Check dual-track career ladders: does every role have a route forward that does
    not require becoming a manager?

    \b
    Examples:
      ladders check org.yaml                 check a ladder (and the files it includes)
      ladders check --format json org.yaml   machine-readable findings
      ladders rules                          every rule: code, name, severity, summary
      ladders rules LAD101                   what one rule finds, and how to fix it
      ladders schema > ladder.schema.json    JSON Schema of the file format, for editors
    """


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
    "--select", metavar="CODES", help="Only these rules: codes, prefixes or names, comma-separated."
)
@click.option(
    "--ignore", metavar="CODES", help="Not these rules: codes, prefixes or names, comma-separated."
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
    select: str | None,
    ignore: str | None,
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
    if select is not None or ignore is not None:
        try:
            settings = replace(
                settings,
                select=parse_selectors(select, "--select")
                if select is not None
                else settings.select,
                ignore=parse_selectors(ignore, "--ignore")
                if ignore is not None
                else settings.ignore,
            )
        except ConfigError as error:
            raise _Stop(str(error)) from None
    roots = list(files) or config.roots()
    if not roots:
        raise click.UsageError(_no_files_message(config))
    for root in roots:
        _check_readable(root)
    result = check_paths(roots, settings)
    if format_name is None:
        format_name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    _write_report(format_name, output, result.files, result.findings)
    return _exit_code(result.findings, fail_on or config.fail_on)


def _no_files_message(config: Config) -> str:
    where = f" of {config.path.name}" if config.path is not None else " [tool.ladders]"
    return (
        f"no ladder files to check: name them (ladders check org.yaml) or list them "
        f"in `files`{where}"
    )


def _check_readable(path: str) -> None:
    """A named root that cannot be read is a usage error (exit 2), not a finding."""
    if os.path.isdir(path):
        raise _Stop(f"{path} is a folder; name the ladder files in it")
    try:
        with open(path, "rb"):
            pass
    except FileNotFoundError:
        raise _Stop(f"{path}: no such file") from None
    except OSError as error:
        raise _Stop(f"cannot read {path}: {error.strerror or error}") from None


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
        raise _Stop(f"cannot write {output}: {error.strerror or error}") from None


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _exit_code(findings: Sequence[Finding], fail_on: str) -> int:
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    return 1 if any(Severity(f.severity).rank >= threshold for f in findings) else 0


@cli.command("rules")
@click.argument("code", required=False)
def rules_command(code: str | None) -> int:
    """Document the rules. Without CODE, a table of every rule's code, name, default
    severity and summary; with CODE (a code or a rule name), that rule's documentation.

    \b
    Examples:
      ladders rules
      ladders rules LAD101
      ladders rules level-skip
    """
    from ladders.config import did_you_mean
    from ladders.rules import RULES, get

    if code is None:
        rows = [(r.code, r.name, str(r.severity), r.summary) for r in RULES.values()]
        header = ("CODE", "NAME", "SEVERITY", "SUMMARY")
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
        for row in [header, *rows]:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            click.echo("  ".join([*cells, row[3]]).rstrip())
        return 0
    try:
        rule = get(code)
    except KeyError:
        names = [*RULES, *(r.name for r in RULES.values())]
        raise _Stop(f"no rule {code!r}{did_you_mean(code, names)} (see 'ladders rules')") from None
    click.echo(f"{rule.code} {rule.name} (default severity: {rule.severity})")
    click.echo()
    click.echo(inspect.cleandoc(rule.doc) if rule.doc.strip() else rule.summary)
    if rule.options:
        click.echo()
        click.echo("Options (in [tool.ladders.rules." + rule.code + "]):")
        for name, default in rule.options.items():
            click.echo(f"  {name} = {json.dumps(default)}")
    return 0


@cli.command("schema")
def schema_command() -> int:
    """Print the JSON Schema (draft 2020-12) of the ladder file format.

    \b
    Example:
      ladders schema > ladder.schema.json
    """
    from ladders.schema import json_schema

    click.echo(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return 0


def _error(message: str) -> None:
    line = " ".join(message.split())
    sys.stderr.write(f"ladders: {line}\n")
    sys.stderr.flush()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        result = cli.main(args=args, prog_name="ladders", standalone_mode=False)
    except click.exceptions.NoArgsIsHelpError as error:
        click.echo(error.ctx.get_help())
        _error("a command is needed: check, rules or schema")
        return 2
    except click.UsageError as error:
        hint = f" (see '{error.ctx.command_path} --help')" if error.ctx is not None else ""
        _error(f"{error.format_message()}{hint}")
        return 2
    except click.ClickException as error:
        _error(error.format_message())
        return 2
    except (LaddersError, _Stop) as error:
        prefix = "bad config: " if isinstance(error, ConfigError) else ""
        _error(f"{prefix}{error}")
        return 2
    except click.exceptions.Abort:
        _error("interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (``ladders check ... | head``): say nothing more to it.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 2
    except Exception as error:
        _error(f"internal error: {type(error).__name__}: {error}")
        return 2
    return result if isinstance(result, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
