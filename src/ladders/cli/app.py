"""The ``ladders`` command group and what its commands share: :func:`main`, the exit codes
of DESIGN §5, one-line errors, and reading and writing files.

:func:`main` runs the command line and returns the exit code: 0 when no finding is at or
above ``--fail-on``, 1 when one is, 2 for a usage error, a missing or unreadable file, a
bad configuration or an internal error, always with one line on stderr and no traceback.
Nothing below :func:`main` calls :func:`sys.exit`.

Inputs and outputs: :func:`check_readable` says which roots can be read (``-`` is
standard input; a device or a FIFO is refused, except a pipe named ``/dev/stdin`` or
``/dev/fd/N``); :func:`load_root` and :func:`load_ladder` read one; :func:`write_text`
and :func:`write_bytes` write an output whole or not at all (``-`` is standard output),
never over a file the command read (see :mod:`ladders.exchange.write`).
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NoReturn, TextIO

import click

from ladders._version import __version__
from ladders.config import ConfigError
from ladders.errors import LaddersError
from ladders.findings import Finding, Severity

if TYPE_CHECKING:
    from ladders.check import CheckConfig, CheckResult
    from ladders.ladder import Ladder
    from ladders.load import Loaded

__all__ = [
    "STDIN",
    "Stop",
    "check_readable",
    "check_roots",
    "cli",
    "error_line",
    "exit_code",
    "load_ladder",
    "load_root",
    "main",
    "run",
    "write_bytes",
    "write_text",
]

#: the name findings give a ladder read from standard input (``-``)
STDIN = "<stdin>"


class Stop(Exception):
    """Stop with exit code 2 and this one-line message (a file that cannot be read, ...)."""


_CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


#: command -> the module of ``ladders.cli`` that defines it (loaded when the command runs,
#: or when help lists the commands: ``ladders check`` does not pay for ``render``)
COMMANDS = {
    "check": "check",
    "diff": "diff",
    "explain": "ask",
    "export": "exchange",
    "import-csv": "exchange",
    "init": "init",
    "observe": "observe",
    "paths": "ask",
    "project": "observe",
    "render": "render",
    "rules": "rules",
    "schema": "rules",
}


class _Commands(click.Group):
    """The ``ladders`` group: each command's module is imported when it is asked for."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is not None and cmd_name not in self.commands:
            import importlib

            importlib.import_module(f"ladders.cli.{module}")
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMANDS})


@click.group(cls=_Commands, context_settings=_CONTEXT)
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


# Pipes the shell hands over by name: ``<(cat org.yaml)``, ``/dev/stdin``.
_PIPE_NAME = re.compile(r"/dev/stdin|/dev/fd/[0-9]+|/proc/(self|[0-9]+)/fd/[0-9]+")


def check_readable(path: str) -> None:
    """A named root that cannot be read is a usage error (exit 2), not a finding.

    ``-`` (standard input) is always readable. A device or a FIFO is refused (reading
    ``/dev/zero`` never ends, a FIFO may never be written), except a pipe given as
    ``/dev/stdin`` or ``/dev/fd/N``, which is read once.
    """
    if path == "-":
        return
    if "\0" in path:
        raise Stop(f"{path!r}: a file name cannot contain a NUL character")
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise Stop(f"{path}: no such file") from None
    except (OSError, ValueError) as error:
        raise Stop(f"cannot read {path}: {getattr(error, 'strerror', None) or error}") from None
    if stat.S_ISDIR(mode):
        _folder_root(path)
        return
    if stat.S_ISFIFO(mode) and _PIPE_NAME.fullmatch(path):
        return
    if not stat.S_ISREG(mode):
        from ladders.load.read import file_kind

        raise Stop(f"{path} is {file_kind(mode)}, not a ladder file")
    try:
        with open(path, "rb"):
            pass
    except OSError as error:
        raise Stop(f"cannot read {path}: {error.strerror or error}") from None


def _folder_root(path: str) -> None:
    """A folder named as a ladder: the one place that decides what that means.

    A folder is a ladder kept as CSV files (``levels.csv``, ``tracks.csv``, ``roles.csv``,
    ...; DESIGN §1 "Spreadsheets"): loading reads it, and reports what is missing.
    """
    try:
        os.listdir(path)
    except OSError as error:
        raise Stop(f"cannot read {path}: {error.strerror or error}") from None


def load_root(path: str) -> Loaded:
    """Load a root named on the command line (``-``: standard input); never raises for
    bad content. Call :func:`check_readable` first."""
    from ladders.load import load_path, load_text

    if path != "-":
        return load_path(path)
    try:
        data = sys.stdin.buffer.read()
    except (OSError, AttributeError, ValueError) as error:
        raise Stop(f"cannot read standard input: {error}") from None
    start = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    return load_text(data, "json" if start.lstrip().startswith(b"{") else "yaml", STDIN)


# What the command loaded, left for the exit to drop: set by :func:`run`, the command
# itself (which ends with ``os._exit``); ``None`` when ``main`` runs inside a program.
_KEPT: list[Loaded] | None = None


def check_roots(roots: Sequence[str], config: CheckConfig | None = None) -> CheckResult:
    """Check the roots named on the command line (``-``: standard input, read once)."""
    from ladders.check import check_loaded, check_paths

    result = check_paths([root for root in roots if root != "-"], config, keep=_KEPT)
    if "-" in roots:
        result.findings.extend(check_loaded(load_root("-"), config))
        result.findings.sort()
        result.files.append(STDIN)
    return result


def load_ladder(path: str) -> Ladder:
    """The ladder of a root named on the command line (``-``: standard input).

    Raises :class:`Stop` if it cannot be read, :class:`~ladders.errors.LoadError` if it
    does not load.
    """
    from ladders.errors import LoadError

    check_readable(path)
    loaded = load_root(path)
    if loaded.ladder is None:
        raise LoadError(loaded.findings)
    from ladders.ladder import Ladder

    return Ladder.of(loaded.ladder)


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


def write_text(
    text: str,
    output: str | None,
    *,
    inputs: Iterable[str] = (),
    exclusive: bool = False,
) -> None:
    """Write ``text`` to ``output`` (``None`` or ``-``: standard output) as UTF-8, whole
    or not at all, never over one of ``inputs`` (the files read), and with ``exclusive``
    never over any existing file. Raises :class:`Stop` with one line if it cannot."""
    if output is None or output == "-":
        try:
            sys.stdout.write(text)
        except UnicodeEncodeError as error:
            raise Stop(f"cannot write standard output: {error.reason}") from None
        sys.stdout.flush()
        return
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise Stop(
            f"cannot write {output}: the text holds U+{ord(text[error.start]):04X}"
        ) from None
    write_bytes(data, output, inputs=inputs, exclusive=exclusive)


def write_bytes(
    data: bytes,
    output: str | None,
    *,
    inputs: Iterable[str] = (),
    exclusive: bool = False,
) -> None:
    """Write ``data`` to ``output`` (``None`` or ``-``: standard output) as
    :func:`write_text` does."""
    from ladders.exchange.write import write_bytes as write_file

    if output is None or output == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        write_file(output, data, exclusive=exclusive, inputs=inputs)
    except LaddersError as error:
        raise Stop(str(error)) from None
    except FileExistsError:
        raise Stop(
            f"{output} exists; ladders never overwrites a file: choose another name"
        ) from None
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        raise Stop(f"cannot write {output}: {reason}") from None


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


def run() -> NoReturn:
    """The ``ladders`` command: :func:`main`, then exit without tearing the interpreter
    down, as mypy does (nothing is left to clean up: outputs are written and closed; the
    teardown of every module would be a tenth of a short run). Standard output is
    flushed first: if that fails, the run fails (exit 2), with a line saying so.

    numpy (imported for large ladders) is told to start one thread for its linear
    algebra, which the command never does: a pool of idle threads would only take CPU
    time from the run (unless the environment says otherwise)."""
    global _KEPT
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    _KEPT = []  # freed by the exit, not object by object (see check_paths)
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away: as main() does, say nothing more
        os._exit(2)
    except (OSError, ValueError) as error:
        error_line(f"cannot write to standard output: {getattr(error, 'strerror', error)}")
        code = 2
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        code = code or 2
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
