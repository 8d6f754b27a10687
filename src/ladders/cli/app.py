"""The ``ladders`` command group and what its commands share: :func:`main`, the exit codes
of DESIGN §5, one-line errors, and reading and writing files.

:func:`main` runs the command line and returns the exit code: 0 when no finding is at or
above ``--fail-on``, 1 when one is, 2 for a usage error, a missing or unreadable file, a
bad configuration or an internal error, always with one line on stderr and no traceback.
Nothing below :func:`main` calls :func:`sys.exit`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TextIO

import click

from ladders._version import __version__
from ladders.config import ConfigError
from ladders.errors import LaddersError
from ladders.findings import Finding, Severity

__all__ = ["Stop", "check_readable", "cli", "error_line", "exit_code", "main", "write_text"]


class Stop(Exception):
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
      ladders paths org.yaml senior          routes forward from a role
      ladders explain org.yaml senior        what a role can reach, with and without management
      ladders diff main:org.yaml org.yaml    what a change does; exit 1 on a regression
      ladders export org.yaml --format csv -o tables/
      ladders render org.yaml --format html -o ladder.html
    """


def check_readable(path: str) -> None:
    """A named root that cannot be read is a usage error (exit 2), not a finding."""
    if os.path.isdir(path):
        raise Stop(f"{path} is a folder; name the ladder files in it")
    try:
        with open(path, "rb"):
            pass
    except FileNotFoundError:
        raise Stop(f"{path}: no such file") from None
    except OSError as error:
        raise Stop(f"cannot read {path}: {error.strerror or error}") from None


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def exit_code(findings: Sequence[Finding], fail_on: str) -> int:
    if fail_on == "never":
        return 0
    threshold = Severity(fail_on).rank
    return 1 if any(Severity(f.severity).rank >= threshold for f in findings) else 0


def write_text(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        with open(output, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as error:
        raise Stop(f"cannot write {output}: {error.strerror or error}") from None


def error_line(message: str) -> None:
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
        error_line("a command is needed: check, rules, schema, paths, explain, diff, export, ...")
        return 2
    except click.UsageError as error:
        hint = f" (see '{error.ctx.command_path} --help')" if error.ctx is not None else ""
        error_line(f"{error.format_message()}{hint}")
        return 2
    except click.ClickException as error:
        error_line(error.format_message())
        return 2
    except (LaddersError, Stop) as error:
        prefix = "bad config: " if isinstance(error, ConfigError) else ""
        error_line(f"{prefix}{error}")
        return 2
    except click.exceptions.Abort:
        error_line("interrupted")
        return 130
    except BrokenPipeError:
        # The reader went away (``ladders check ... | head``): say nothing more to it.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 2
    except Exception as error:
        error_line(f"internal error: {type(error).__name__}: {error}")
        return 2
    return result if isinstance(result, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
