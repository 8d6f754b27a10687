"""``ladders observe`` and ``ladders project``: hold a ladder against people's real moves,
and project the rates seen (DESIGN §7)."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from ladders.cli.app import Stop, _isatty, cli, exit_code, load_ladder, write_text
from ladders.config import FAIL_ON, OBSERVE_DEFAULTS, Config, load_config

# The formats of ladders.report.observation, spelt here so that starting any ladders command
# does not import the observe package (a test keeps the two the same).
OBSERVE_FORMATS = ("text", "json", "html", "markdown", "sarif", "github")
PROJECT_FORMATS = ("text", "json", "html", "markdown")

__all__ = ["OBSERVE_FORMATS", "PROJECT_FORMATS", "observe_command", "project_command"]


def _window_options(function: Any) -> Any:
    for option in reversed(
        (
            click.option(
                "--sheet",
                metavar="NAME",
                help="For a workbook HISTORY: the sheet to read (only that sheet is read) "
                "[default: history].",
            ),
            click.option(
                "--since",
                metavar="DATE",
                help="Start of the window (YYYY-MM-DD) [default: the history's first date].",
            ),
            click.option(
                "--until",
                metavar="DATE",
                help="End of the window (YYYY-MM-DD) [default: the history's last date].",
            ),
            click.option(
                "--map",
                "map_path",
                metavar="FILE",
                help="A title,role CSV mapping the HRIS's job titles to role ids.",
            ),
            click.option(
                "--min-people",
                type=int,
                metavar="K",
                help="The smallest count shown; fewer people are shown as <K [default: 5].",
            ),
        )
    ):
        function = option(function)
    return function


def _settings(config: Config, min_people: int | None) -> int:
    value = min_people if min_people is not None else config.observe.get("min-people")
    if value is None:
        value = OBSERVE_DEFAULTS["min-people"]
    if isinstance(value, float):
        value = int(value)
    if value < 1:
        raise Stop(f"--min-people must be at least 1, not {value}")
    return int(value)


def _inputs(ladder_files: tuple[str, ...], *others: str | None) -> list[str]:
    return [*ladder_files, *(o for o in others if o and o != "-")]


def _load(path: str) -> Any:
    from ladders.errors import LoadError

    try:
        return load_ladder(path)
    except LoadError as error:
        raise Stop(f"{error}; see 'ladders check {path}'") from None


@cli.command("observe")
@click.argument("ladder_path", metavar="LADDER")
@click.argument("history_path", metavar="HISTORY")
@_window_options
@click.option(
    "--min-share",
    type=float,
    metavar="X",
    help="LAD401: the smallest share of people rising without management [default: 0.1].",
)
@click.option(
    "--format",
    "format_name",
    type=click.Choice(OBSERVE_FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("-o", "--output", metavar="FILE", help="Write the report to FILE instead of stdout.")
@click.option(
    "--fail-on",
    type=click.Choice(FAIL_ON),
    help="Exit 1 when a finding is at least this severe [default: error].",
)
@click.option(
    "--config",
    "config_path",
    metavar="FILE",
    help="Read settings from FILE (pyproject.toml or ladders.toml) instead of searching upward.",
)
def observe_command(
    ladder_path: str,
    history_path: str,
    sheet: str | None,
    since: str | None,
    until: str | None,
    map_path: str | None,
    min_people: int | None,
    min_share: float | None,
    format_name: str,
    output: str | None,
    fail_on: str | None,
    config_path: str | None,
) -> int:
    """Hold a LADDER against what people did: a HISTORY of job spells, a CSV (or a
    workbook sheet) with the columns person,date,role and optionally event
    (hire, move, exit). PERSON is a pseudonymous key; no output ever shows one, and
    counts of fewer than --min-people people are shown as <K.

    Reports conformance (the share of moves the ladder declares, undeclared moves taken,
    declared moves nobody took), progression in practice per role and level (up, up
    without management), time to the next level (Kaplan-Meier), occupancy, and the
    findings LAD401 technical-route-unused, LAD402 undeclared-move, LAD403 no-way-back.

    \b
    Exit status: 0 no finding at or above --fail-on; 1 at least one;
                 2 usage error, unreadable or unusable file, bad config.

    \b
    Examples:
      ladders observe org.yaml history.csv
      ladders observe org.yaml hris.xlsx --sheet spells --since 2022-01-01
      ladders observe org.yaml history.csv --map titles.csv --format html -o report.html
      ladders observe org.yaml history.csv --format sarif --fail-on warning
    """
    from ladders.observe import observe

    config = load_config(config_path)
    people = _settings(config, min_people)
    share = min_share if min_share is not None else config.observe.get("min-share")
    if share is None:
        share = OBSERVE_DEFAULTS["min-share"]
    if not 0 <= share <= 1:
        raise Stop(f"--min-share must be from 0 to 1, not {share}")
    ladder = _load(ladder_path)
    observation = observe(
        ladder,
        history_path,
        sheet=sheet,
        since=since,
        until=until,
        titles=map_path,
        min_people=people,
        min_share=str(share),
        rule_options=dict(config.options),
    )
    settings = config.check_config()
    findings = [settings.stamp(f) for f in observation.findings if settings.enabled(f.code)]
    from ladders.report.observation import observation_report

    color = False
    if format_name == "text" and output in (None, "-"):
        from ladders.report.base import use_color

        color = use_color(os.environ, _isatty(sys.stdout))
    text = observation_report(
        observation, format_name, files=ladder.files, color=color, findings=findings
    )
    write_text(text, output, inputs=_inputs(ladder.files, history_path, map_path))
    return exit_code(findings, fail_on or config.fail_on)


@cli.command("project")
@click.argument("ladder_path", metavar="LADDER")
@click.argument("history_path", metavar="HISTORY")
@click.option(
    "--years",
    type=click.IntRange(1, 100),
    default=3,
    show_default=True,
    help="How many years after the history's end to project the headcount for.",
)
@_window_options
@click.option(
    "--format",
    "format_name",
    type=click.Choice(PROJECT_FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("-o", "--output", metavar="FILE", help="Write the report to FILE instead of stdout.")
@click.option(
    "--config",
    "config_path",
    metavar="FILE",
    help="Read settings from FILE (pyproject.toml or ladders.toml) instead of searching upward.",
)
def project_command(
    ladder_path: str,
    history_path: str,
    years: int,
    sheet: str | None,
    since: str | None,
    until: str | None,
    map_path: str | None,
    min_people: int | None,
    format_name: str,
    output: str | None,
    config_path: str | None,
) -> int:
    """Estimate yearly transition rates from a HISTORY (as for 'ladders observe') and
    project them as a Markov chain: per technical role, the chance of reaching each
    higher level without entering management, and the expected years to get there;
    and the expected headcount per role for the next --years years at the same hiring.

    These are rates seen, not promises: every figure rests on the people behind it, and
    figures resting on fewer than --min-people people are shown as <K.

    \b
    Examples:
      ladders project org.yaml history.csv
      ladders project org.yaml history.csv --years 5 --format html -o projection.html
      ladders project org.yaml history.csv --since 2021-01-01 --format json
    """
    from ladders.observe import project
    from ladders.report.observation import projection_report

    config = load_config(config_path)
    people = _settings(config, min_people)
    ladder = _load(ladder_path)
    projection = project(
        ladder,
        history_path,
        years=years,
        sheet=sheet,
        since=since,
        until=until,
        titles=map_path,
        min_people=people,
    )
    text = projection_report(projection, format_name)
    write_text(text, output, inputs=_inputs(ladder.files, history_path, map_path))
    return 0
