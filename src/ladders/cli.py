"""The command line: ``ladders check``, ``rules``, ``schema``, ``paths``, ``explain``,
``diff``, ``export``, ``import-csv`` and ``render``.

:func:`main` runs it and returns the exit code (DESIGN §5): 0 when no finding is at or
above ``--fail-on``, 1 when one is, 2 for a usage error, a missing or unreadable file, a
bad configuration or an internal error, always with one line on stderr and no traceback.
Nothing below :func:`main` calls :func:`sys.exit`.
"""

from __future__ import annotations

import contextlib
import inspect
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Literal, TextIO

import click

from ladders import __version__
from ladders.config import FAIL_ON, Config, ConfigError, load_config, parse_selectors
from ladders.errors import LaddersError
from ladders.findings import Finding, Severity
from ladders.report import FORMATS

if TYPE_CHECKING:
    from ladders.model import Ladder
    from ladders.query import Route

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
      ladders paths org.yaml senior          routes forward from a role
      ladders explain org.yaml senior        what a role can reach, with and without management
      ladders diff main:org.yaml org.yaml    what a change does; exit 1 on a regression
      ladders export org.yaml --format csv -o tables/
      ladders render org.yaml --format html -o ladder.html
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
    from ladders.hints import did_you_mean
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


# -- asking the ladder ------------------------------------------------------------------


def _ladder_and_role(args: tuple[str, ...], config_path: str | None) -> tuple[Ladder, str]:
    """``[FILE] ROLE``: the ladder of FILE, or of the configured roots, holding ROLE."""
    from ladders.load import load
    from ladders.query import require_role

    if len(args) == 2:
        path, role = args
        _check_readable(path)
        ladder = load(path)
        require_role(ladder, role)
        return ladder, role
    if len(args) != 1:
        raise click.UsageError("give a ROLE, or a FILE and a ROLE")
    (role,) = args
    roots = load_config(config_path).roots()
    if not roots:
        raise click.UsageError(
            "no ladder file: name one (ladders paths org.yaml ROLE) or list it in `files` "
            "of the configuration"
        )
    ladders_read = []
    for root in roots:
        _check_readable(root)
        ladder = load(root)
        if role in ladder.roles:
            return ladder, role
        ladders_read.append(ladder)
    require_role(ladders_read[0], role)  # raises, with a did-you-mean
    raise AssertionError  # pragma: no cover


def _role_name(ladder: Ladder, role: str) -> str:
    item = ladder.roles[role]
    return f"{item.title} ({role}, {item.level})"


def _route_text(ladder: Ladder, route: Route) -> str:
    parts = [route.start]
    for step in route.moves:
        parts.append(f"-[{step.kind}]-> {step.target}")
    return " ".join(parts)


def _route_data(ladder: Ladder, route: Route) -> dict[str, object]:
    return {
        "roles": list(route.roles),
        "reaches": ladder.roles[route.end].level,
        "moves": [
            {"from": s.source, "to": s.target, "kind": s.kind, "criteria": list(s.criteria)}
            for s in route.moves
        ],
    }


_ASK_FORMATS = ("text", "json")


@cli.command("paths")
@click.argument("args", nargs=-1, required=True, metavar="[FILE] ROLE")
@click.option("--to", "target", metavar="ROLE", help="Only routes that end at this role.")
@click.option(
    "--no-management",
    is_flag=True,
    help="Only routes that never pass through a management-track role.",
)
@click.option("--max-moves", type=click.IntRange(min=0), help="Only routes of at most N moves.")
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=20,
    show_default=True,
    help="Show at most N routes (they are listed shortest first).",
)
@click.option("--format", "format_name", type=click.Choice(_ASK_FORMATS), default="text")
@click.option("--config", "config_path", metavar="FILE", help="Read settings from FILE.")
def paths_command(
    args: tuple[str, ...],
    target: str | None,
    no_management: bool,
    max_moves: int | None,
    limit: int,
    format_name: str,
    config_path: str | None,
) -> int:
    """Routes forward from ROLE, shortest first: to every higher level, or --to a role.
    FILE defaults to the `files` of the configuration.

    \b
    Examples:
      ladders paths org.yaml senior
      ladders paths org.yaml senior --no-management
      ladders paths org.yaml senior --to principal --format json
    """
    import itertools

    ladder, role = _ladder_and_role(args, config_path)
    routes = list(
        itertools.islice(
            ladder.routes(role, target, avoid_management=no_management, max_moves=max_moves),
            limit,
        )
    )
    if format_name == "json":
        data = {
            "role": role,
            "to": target,
            "no_management": no_management,
            "routes": [_route_data(ladder, r) for r in routes],
        }
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    how = " without management" if no_management else ""
    goal = f" to {_role_name(ladder, target)}" if target else " to a higher level"
    if not routes:
        click.echo(f"No route{how} from {_role_name(ladder, role)}{goal}.")
        return 0
    click.echo(f"Routes{how} from {_role_name(ladder, role)}{goal}, shortest first:")
    for number, route in enumerate(routes, start=1):
        end = ladder.roles[route.end]
        click.echo(f"{number:>3}. {_route_text(ladder, route)}   ({end.title}, {end.level})")
    return 0


@cli.command("explain")
@click.argument("args", nargs=-1, required=True, metavar="[FILE] ROLE")
@click.option("--format", "format_name", type=click.Choice(_ASK_FORMATS), default="text")
@click.option("--config", "config_path", metavar="FILE", help="Read settings from FILE.")
def explain_command(args: tuple[str, ...], format_name: str, config_path: str | None) -> int:
    """What someone in ROLE can reach with and without management, its next steps, its
    peers on the other track, and the findings about it, in plain words.

    \b
    Example:
      ladders explain org.yaml senior
    """
    ladder, role = _ladder_and_role(args, config_path)
    item = ladder.roles[role]
    kind = ladder.track_kind(role)
    with_mgmt = ladder.ceiling(role, avoid_management=False)
    without = ladder.ceiling(role, avoid_management=True)
    steps = ladder.next_steps(role)
    peers = ladder.equivalents(role)
    check = load_config(config_path).check_config()
    from ladders.check import check as run_check

    findings = [f for f in run_check(ladder, check) if f.role == role]
    if format_name == "json":
        data = {
            "role": role,
            "title": item.title,
            "track": item.track,
            "track_kind": kind,
            "level": item.level,
            "family": item.family,
            "ceiling": {"level": with_mgmt.level, "route": list(with_mgmt.route.roles)},
            "ceiling_without_management": {
                "level": without.level,
                "route": list(without.route.roles),
            },
            "next_steps": {k: [s.target for s in v] for k, v in steps.items()},
            "equivalents": list(peers),
            "findings": [f.to_dict() for f in findings],
        }
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    names = {level.id: level.name or level.id for level in ladder.levels}

    def level(level_id: str) -> str:
        named = names[level_id]
        return level_id if named == level_id else f"{level_id} ({named})"

    family = f", family {item.family}" if item.family else ""
    click.echo(
        f"{item.title} ({role}): {kind} track {item.track}, level {level(item.level)}{family}"
    )
    for ceiling, how in ((with_mgmt, "With management"), (without, "Without management")):
        if ceiling.rises:
            click.echo(
                f"{how}: can reach {level(ceiling.level)}, "
                f"e.g. {_route_text(ladder, ceiling.route)}"
            )
        else:
            click.echo(f"{how}: cannot rise above {level(item.level)}")
    for move_kind, found in steps.items():
        listed = ", ".join(_role_name(ladder, s.target) for s in found) or "none"
        click.echo(f"Next {move_kind} moves: {listed}")
    listed = ", ".join(_role_name(ladder, p) for p in peers) or "none"
    click.echo(f"Peers on the other track: {listed}")
    if findings:
        click.echo("Findings:")
        for f in findings:
            click.echo(f"  {f.file}:{f.line}:{f.column}: {f.code} [{f.severity}] {f.message}")
    else:
        click.echo("Findings: none")
    return 0


@cli.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "format_name", type=click.Choice(_ASK_FORMATS), default="text")
def diff_command(old: str, new: str, format_name: str) -> int:
    """Compare two versions of a ladder: roles and moves added, removed and changed,
    findings introduced and resolved, and progression regressions. OLD and NEW are files,
    or REV:path read from git (the root's whole folder at REV, so includes work).

    Exits 1 when a role that could progress without management no longer can, or
    reaches a lower level that way, so a pull request that takes away the last
    technical route forward fails CI.

    \b
    Examples:
      ladders diff old.yaml org.yaml
      ladders diff origin/main:ladders/org.yaml ladders/org.yaml
    """
    from ladders.changes import diff

    with _ladder_version(old) as before, _ladder_version(new) as after:
        change = diff(before, after)
    if format_name == "json":
        data = {"old": old, "new": new, **change.to_dict()}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return 1 if change.regressions else 0
    lines = []
    lines += [f"+ role {r}" for r in change.roles_added]
    lines += [f"- role {r}" for r in change.roles_removed]
    lines += [f"~ role {r}: {', '.join(f)} changed" for r, f in change.roles_changed.items()]
    lines += [f"+ move {a} -> {b}" for a, b in change.moves_added]
    lines += [f"- move {a} -> {b}" for a, b in change.moves_removed]
    lines += [
        f"~ move {a} -> {b}: {', '.join(f)} changed" for (a, b), f in change.moves_changed.items()
    ]
    lines += [f"+ finding {f.code} {f.message}" for f in change.findings_introduced]
    lines += [f"- finding {f.code} {f.message}" for f in change.findings_resolved]
    for line in lines or ["no changes to roles or moves"]:
        click.echo(line)
    for regression in change.regressions:
        click.echo(f"REGRESSION: {regression.message}")
    count = len(change.regressions)
    if count:
        click.echo(f"{count} progression regression{'s' if count != 1 else ''}.")
    return 1 if change.regressions else 0


@contextlib.contextmanager
def _ladder_version(spec: str) -> Iterator[Ladder]:
    """The ladder named by a file path, or by ``REV:path`` read from git."""
    from ladders.load import load

    if os.path.exists(spec) or ":" not in spec:
        _check_readable(spec)
        yield load(spec)
        return
    rev, _, path = spec.partition(":")
    if not rev or not path:
        raise _Stop(f"{spec}: expected a file or REV:path")
    with tempfile.TemporaryDirectory(prefix="ladders-diff-") as folder:
        yield load(_git_extract(rev, path, folder))


def _git(*args: str, stdout: int | TextIO = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            ["git", *args], stdout=stdout, stderr=subprocess.PIPE, text=True, check=True
        )
    except FileNotFoundError:
        raise _Stop("git is needed to read REV:path, and it is not installed") from None
    except subprocess.CalledProcessError as error:
        message = (error.stderr or "").strip().splitlines()
        raise _Stop(f"git {' '.join(args)}: {message[-1] if message else 'failed'}") from None


def _git_extract(rev: str, path: str, folder: str) -> str:
    """Write the folder holding ``path`` as it is at ``rev`` into ``folder``; return the
    root file's path there. ``path`` is relative to the working directory, as in git."""
    prefix = _git("rev-parse", "--show-prefix").stdout.strip()
    repo_path = os.path.normpath(os.path.join(prefix, path)).replace(os.sep, "/")
    if repo_path.startswith("../"):
        raise _Stop(f"{path} is outside the git repository")
    _git("cat-file", "-e", f"{rev}:{repo_path}")  # a clear error if it is not there
    parent = os.path.dirname(repo_path) or "."
    archive = os.path.join(folder, "tree.tar")
    top = _git("rev-parse", "--show-toplevel").stdout.strip()
    with open(archive, "w") as handle:
        _git("-C", top, "archive", "--format=tar", "-o", archive, rev, "--", parent, stdout=handle)
    import tarfile

    with tarfile.open(archive) as tar:
        tar.extractall(folder, filter="data")
    return os.path.join(folder, repo_path)


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
    from ladders.load import load

    _check_readable(file)
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
            raise _Stop(f"cannot write {output}: {error.strerror or error}") from None
        return 0
    text = (
        ladder_text(ladder_data(ladder), "json")
        if format_name == "json"
        else export_graphml(ladder)
    )
    _write_text(text, output)
    return 0


def _write_text(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        with open(output, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as error:
        raise _Stop(f"cannot write {output}: {error.strerror or error}") from None


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
        _check_readable(path)
        try:
            with open(path, encoding="utf-8-sig", newline="") as handle:
                return handle.read()
        except UnicodeDecodeError:
            raise _Stop(f"{path} is not UTF-8 text; save it as CSV UTF-8") from None

    roles_text, moves_text = read(roles_csv) or "", read(moves_csv) or ""
    data = import_csv(
        roles_text, moves_text, levels=read(levels_csv), tracks=read(tracks_csv), name=name
    )
    fmt: Literal["yaml", "json"] = "yaml"
    if output is not None and output.lower().endswith(".json"):
        fmt = "json"
    text = ladder_text(data, fmt)
    if output is not None and os.path.exists(output):
        raise _Stop(f"{output} exists; ladders never overwrites a file: choose another name")
    _write_text(text, output)
    where = output or "<stdout>"
    problems = check_loaded(load_text(text, fmt, where))
    for finding in problems:
        _error(f"{finding.code} [{finding.severity}] {finding.message}")
    return 1 if any(f.severity == "error" for f in problems) else 0


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
    from ladders.check import check
    from ladders.load import load
    from ladders.render import render

    _check_readable(file)
    ladder = load(file)
    settings = load_config(config_path).check_config()
    text = render(ladder, format_name, findings=check(ladder, settings))
    _write_text(text if text.endswith("\n") else text + "\n", output)
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
        _error("a command is needed: check, rules, schema, paths, explain, diff, export, ...")
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
