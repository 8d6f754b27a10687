"""``ladders check``: check ladder files and report the findings."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Sequence
from dataclasses import replace
from typing import TextIO

import click

from ladders.cli.app import (
    Stop,
    _isatty,
    check_readable,
    check_roots,
    cli,
    error_line,
    exit_code,
    write_text,
)
from ladders.config import FAIL_ON, Config, ConfigError, load_config, parse_selectors
from ladders.findings import Finding
from ladders.report import FORMATS

__all__ = ["check_command", "include_list", "included_roots"]


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
    fragments = included_roots(roots)
    for including, included in _by_root(fragments).items():
        note(
            f"{_and(included)} {'is' if len(included) == 1 else 'are'} included by "
            f"{including}: checked through it, not on {'its' if len(included) == 1 else 'their'}"
            " own"
        )
    result = check_roots([root for root in roots if root not in fragments], settings)
    if format_name is None:
        format_name = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    fail_on = fail_on or config.fail_on
    _write_report(format_name, output, result.files, result.findings, fail_on)
    return exit_code(result.findings, fail_on)


def note(message: str) -> None:
    """A one-line note on stderr that changes nothing about the exit status."""
    error_line(f"note: {message}")


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _by_root(fragments: dict[str, str]) -> dict[str, list[str]]:
    by_root: dict[str, list[str]] = {}
    for fragment, root in fragments.items():
        by_root.setdefault(root, []).append(fragment)
    return by_root


def include_list(text: str) -> list[str]:
    """The ``include`` list of a ladder file's text, read leniently (the file's problems
    are the check's to report): empty when it has none or cannot be parsed.

    >>> include_list("include: [teams/design.yaml]\\nlevels: [L1]\\n")
    ['teams/design.yaml']
    """
    if "include" not in text:  # most files: no parse needed
        return []
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(text, Loader=loader)  # a safe loader: plain data only
    except (yaml.YAMLError, RecursionError, ValueError):
        return []
    includes = data.get("include") if isinstance(data, dict) else None
    if not isinstance(includes, list):
        return []
    return [entry for entry in includes if isinstance(entry, str) and "\0" not in entry]


def _includes(path: str) -> list[str]:
    from ladders.load.read import read_bytes

    try:  # read_bytes: never waits on a FIFO, never reads a device
        return include_list(read_bytes(path).decode("utf-8-sig"))
    except (OSError, ValueError):
        return []


def included_roots(roots: Sequence[str]) -> dict[str, str]:
    """The roots that another of ``roots`` includes, directly or not, each with one root
    that includes it: such a file is a fragment, checked through that root. Two roots
    that include each other (a cycle, LAD007) both stay roots.
    """
    files = [root for root in roots if root != "-"]  # standard input includes nothing
    if len(files) < 2:
        return {}
    by_real = {os.path.realpath(root): root for root in files}
    reaches: dict[str, set[str]] = {}
    for root in dict.fromkeys(by_real.values()):
        real_root = os.path.realpath(root)
        folder = os.path.dirname(real_root)
        seen, todo = {real_root}, [real_root]
        while todo:
            path = todo.pop()
            for include in _includes(path):
                target = os.path.realpath(os.path.join(os.path.dirname(path), include))
                if target in seen or os.path.commonpath([folder, target]) != folder:
                    continue
                seen.add(target)
                todo.append(target)
        reaches[root] = {by_real[real] for real in seen if real in by_real} - {root}
    fragments: dict[str, str] = {}
    for root, included in reaches.items():
        for fragment in included:
            if root not in reaches[fragment] and fragment not in fragments:
                fragments[fragment] = root
    return {root: fragments[root] for root in roots if root in fragments}


def _no_files_message(config: Config) -> str:
    where = f" of {config.path.name}" if config.path is not None else " [tool.ladders]"
    return (
        f"no ladder files to check: name them (ladders check org.yaml) or list them "
        f"in `files`{where}"
    )


def _write_report(
    format_name: str,
    output: str | None,
    files: Sequence[str],
    findings: Sequence[Finding],
    fail_on: str = "error",
) -> None:
    from ladders.report import make_reporter
    from ladders.report.base import report, use_color

    if output is None or output == "-":
        stream: TextIO = sys.stdout
        color = use_color(os.environ, _isatty(stream))
        report(make_reporter(format_name, stream, color=color, fail_on=fail_on), files, findings)
        stream.flush()
        return
    text = io.StringIO()  # written whole, never over a file the check read
    report(make_reporter(format_name, text, fail_on=fail_on), files, findings)
    write_text(text.getvalue(), output, inputs=files)
