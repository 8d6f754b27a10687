"""``ladders rules`` and ``ladders schema``: the rules' and the format's documentation."""

from __future__ import annotations

import inspect
import json

import click

from ladders.cli.app import Stop, cli

__all__ = ["rules_command", "schema_command"]


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
    from ladders.errors import UsageError
    from ladders.rules import RULES, lookup

    if code is None:
        rows = [(r.code, r.name, str(r.severity), r.summary) for r in RULES.values()]
        header = ("CODE", "NAME", "SEVERITY", "SUMMARY")
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(3)]
        for row in [header, *rows]:
            cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
            click.echo("  ".join([*cells, row[3]]).rstrip())
        return 0
    try:
        rule = lookup(code)
    except UsageError as error:
        raise Stop(f"{error} (see 'ladders rules')") from None
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
