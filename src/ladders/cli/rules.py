"""``ladders rules`` and ``ladders schema``: the rules' and the format's documentation."""

from __future__ import annotations

import inspect
import json
import re

import click

from ladders.cli.app import Stop, cli

__all__ = ["plain_text", "rules_command", "schema_command"]

# :class:`~ladders.findings.Finding`, :mod:`ladders.check`, :ref:`the rules <rules>`
_ROLE = re.compile(r":[a-z]+(?::[a-z]+)?:`(?:([^`<]*?)\s*<[^`>]*>|~?([^`]*))`")
_LITERAL = re.compile(r"``(.+?)``")
_INTERPRETED = re.compile(r"(?<![`\w])`([^`]+)`(?![`\w])")


def _inline(text: str) -> str:
    """reStructuredText inline markup of one line as plain text."""

    def role(match: re.Match[str]) -> str:
        if match.group(1) is not None:
            return match.group(1)
        target = match.group(2)
        # `~a.b.Name` shows the last name only, as Sphinx does
        return target.rsplit(".", 1)[-1] if match.group(0).count("~") else target

    text = _ROLE.sub(role, text)
    text = _LITERAL.sub(r"\1", text)
    return _INTERPRETED.sub(r"\1", text)


def plain_text(doc: str) -> str:
    """A rule's reStructuredText documentation as plain text for a terminal: ``::``
    before a literal block becomes ``:`` (or goes, after a space or alone on its line),
    inline markup (````code````, ``:role:`target```) loses its marks, and literal blocks
    are kept as written.

    >>> print(plain_text('''Options: ``max-step``. In ``pyproject.toml``::
    ...
    ...     max-step = 2  # ``kept``
    ...
    ... See :class:`~ladders.findings.Finding`.'''))
    Options: max-step. In pyproject.toml:
    <BLANKLINE>
        max-step = 2  # ``kept``
    <BLANKLINE>
    See Finding.
    """
    out: list[str] = []
    literal_indent: int | None = None  # inside a literal block: the indent of its intro
    starts_literal, starts_indent = False, 0  # the line before ended in `::`, at this indent
    for line in inspect.cleandoc(doc).splitlines():
        indent = len(line) - len(line.lstrip())
        if literal_indent is not None:
            if not line.strip() or indent > literal_indent:
                out.append(line)
                continue
            literal_indent = None
        if starts_literal and line.strip():
            if indent > starts_indent:
                literal_indent = starts_indent
                starts_literal = False
                out.append(line)
                continue
            starts_literal = False
        if line.rstrip().endswith("::"):
            starts_literal, starts_indent = True, indent
            stripped = line.rstrip()[:-2]
            if not stripped.strip():
                continue  # a lone `::` introduces the block and shows nothing
            line = stripped.rstrip() if stripped.endswith(" ") else stripped + ":"
        if line.lstrip().startswith(".. ") and "::" in line:
            continue  # a directive (code-block, ...): its content follows, indented
        out.append(_inline(line))
    return "\n".join(out).strip("\n")


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
        rows = [(r.code, r.name, str(r.severity), plain_text(r.summary)) for r in RULES.values()]
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
    click.echo(plain_text(rule.doc) if rule.doc.strip() else rule.summary)
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
