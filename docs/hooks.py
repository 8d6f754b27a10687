"""MkDocs hooks: the reference pages, generated from the code at every build.

Nothing generated here is committed; ``mkdocs build`` writes it into the site:

- ``reference/format-keys.md``: every key of every object of the file format, from
  :func:`ladders.schema.json_schema`;
- ``reference/rules/index.md`` and ``reference/rules/<CODE>.md``: the rule reference, from
  :data:`ladders.rules.RULES` (each rule module's docstring is its documentation);
- the "Rules" entry of ``nav`` is expanded into the index and one page per rule.

The failing examples of the loading rules (LAD0xx, which have no module of their own) are
kept here and checked against ``ladders`` at every build: a build fails if one of them no
longer produces its code.

:class:`SphinxRoles` is a Griffe extension (named in ``mkdocs.yml``) that turns the
reStructuredText roles of the docstrings (``:class:`~ladders.Finding```) into links.
"""

from __future__ import annotations

import inspect
import json
import re
import tempfile
import textwrap
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

__all__ = ["LOAD_RULE_EXAMPLES", "SphinxRoles", "generated_pages", "on_files", "rule_markdown"]

RULES_DIR = "reference/rules"
FORMAT_KEYS = "reference/format-keys.md"

# ---------------------------------------------------------------------------------------
# Loading rules: failing and passing examples (checked at build time)
# ---------------------------------------------------------------------------------------

_BASE = """\
levels: [L1, L2]
tracks: {ic: technical}
roles:
"""

#: code -> (why it matters, failing files, passing file). Failing files are {name: text};
#: the first one is the root.
LOAD_RULE_EXAMPLES: dict[str, tuple[str, dict[str, str], str]] = {
    "LAD001": (
        "A file that is not valid YAML or JSON, or not UTF-8, cannot be read at all. The "
        "finding points at the line and column where reading stopped.",
        {
            "org.yaml": _BASE
            + "  dev: {title: Developer, track: ic, level: L1   # LAD001: no closing brace\n"
        },
        _BASE + "  dev: {title: Developer, track: ic, level: L1}\n",
    ),
    "LAD002": (
        "Keys and values must have the shapes of the [file format](../format-keys.md). An "
        "unknown key is an error, with a did-you-mean when a known key is close: `titel:` "
        "is a typo, not data. An empty file and a `version` other than 1 are LAD002 too.",
        {"org.yaml": _BASE + "  dev: {titel: Developer, track: ic, level: L1}   # LAD002\n"},
        _BASE + "  dev: {title: Developer, track: ic, level: L1}\n",
    ),
    "LAD003": (
        "Most YAML readers keep the last of two equal keys, so a role pasted twice would "
        "silently lose the first copy and its moves. ladders reports every duplicate key, "
        "an id defined in two included files, and `levels` given in two files.",
        {
            "org.yaml": _BASE
            + "  dev: {title: Developer, track: ic, level: L1}\n"
            + "  dev: {title: Senior Developer, track: ic, level: L2}   # LAD003\n"
        },
        _BASE
        + "  dev: {title: Developer, track: ic, level: L1, moves: [senior]}\n"
        + "  senior: {title: Senior Developer, track: ic, level: L2}\n",
    ),
    "LAD004": (
        "Every track, level and move target a role names must exist. The message suggests "
        "the closest existing id.",
        {
            "org.yaml": _BASE
            + "  dev: {title: Developer, track: ic, level: L1, moves: [senoir]}   # LAD004\n"
            + "  senior: {title: Senior Developer, track: ic, level: L2}\n"
        },
        _BASE
        + "  dev: {title: Developer, track: ic, level: L1, moves: [senior]}\n"
        + "  senior: {title: Senior Developer, track: ic, level: L2}\n",
    ),
    "LAD005": (
        "Nothing in a ladder file is ever executed or built as an object: a tag outside "
        "YAML's core schema, aliases that would expand past 100,000 nodes, nesting deeper "
        "than 64 and a stream of several documents are refused. Size alone is never an "
        "error.",
        {"org.yaml": _BASE + "  dev: !!python/object:os.system {title: Developer}   # LAD005\n"},
        _BASE + "  dev: {title: Developer, track: ic, level: L1}\n",
    ),
    "LAD007": (
        "`include` paths are relative to the file that names them and must stay inside "
        "the folder of the root file; a missing file, an escaping path and a cycle are "
        "errors.",
        {
            "org.yaml": "include: [../shared/roles.yaml]   # LAD007: outside the root's folder\n"
            + _BASE
            + "  dev: {title: Developer, track: ic, level: L1}\n"
        },
        "include: [roles.yaml]   # beside org.yaml, or in a folder below it\n"
        + _BASE
        + "  dev: {title: Developer, track: ic, level: L1}\n",
    ),
}


#: code -> why it matters, for the loading codes that only a workbook can raise (no YAML
#: example can show them); their pages point at the spreadsheet docs instead
WORKBOOK_RULES: dict[str, str] = {
    "LAD008": (
        "A workbook ladder has a hidden sheet that ladders reads. People who open the "
        "workbook do not see it, so a table that checks clean may hold rows nobody "
        "reviews. The sheet is still read and checked; the warning says so. Unhide the "
        "sheet, or move what it holds out of the workbook. See "
        "[Spreadsheets](../../spreadsheets.md)."
    ),
}


def load_example_codes(files: Mapping[str, str]) -> set[str]:
    """The codes ``ladders check`` reports for these files (the first one is the root)."""
    from ladders import check_file

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder, "root")
        for name, text in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return {finding.code for finding in check_file(root / next(iter(files)))}


def _check_load_examples() -> None:
    for code, (_, failing, passing) in LOAD_RULE_EXAMPLES.items():
        found = load_example_codes(failing)
        if code not in found:
            raise RuntimeError(f"docs/hooks.py: the failing example of {code} gives {found}")
        passing_files = {"org.yaml": passing}
        if code == "LAD007":
            passing_files["roles.yaml"] = "roles: {}\n"
        found = load_example_codes(passing_files)
        if found:
            raise RuntimeError(f"docs/hooks.py: the passing example of {code} gives {found}")


# ---------------------------------------------------------------------------------------
# Rule pages
# ---------------------------------------------------------------------------------------

_LITERAL = re.compile(r"^(?P<indent> *)(?P<text>.*?)(?P<space> ?)::$")


def _language(block: str) -> str:
    """A guess at the language of a literal block, for highlighting."""
    try:
        tomllib.loads(block)
    except tomllib.TOMLDecodeError:
        pass
    else:
        return "toml"
    try:
        data = yaml.safe_load(block)
    except yaml.YAMLError:
        data = None
    if data is None or isinstance(data, (dict, list)):  # None: comments only
        return "yaml"
    return "python"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def rst_to_markdown(doc: str) -> str:
    r"""A docstring (reStructuredText-ish) as Markdown.

    A paragraph ending in ``::`` (``Failing::``, ``In pyproject.toml::``) ends with ``:``
    and the indented lines after it become a fenced block; a doctest (lines from ``>>>``
    to the next blank line) becomes a ``pycon`` block; ``code`` spans are Markdown
    already. Roles such as ``:class:`` are left to :func:`sphinx_roles`.

    >>> print(rst_to_markdown("Failing::\n\n    roles: {}\n\nDone."), end="")
    Failing:
    <BLANKLINE>
    ```yaml
    roles: {}
    ```
    <BLANKLINE>
    Done.
    """
    lines = inspect.cleandoc(doc).splitlines()
    out: list[str] = []
    fenced = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if fenced:
            out.append(line)
            i += 1
            continue
        if line.lstrip().startswith(">>>"):
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i])
                i += 1
            code = textwrap.dedent("\n".join(block))
            out += ["", f"{' ' * _indent(line)}```pycon"]
            out += [f"{' ' * _indent(line)}{b}" for b in code.splitlines()]
            out += [f"{' ' * _indent(line)}```", ""]
            continue
        match = _LITERAL.match(line)
        if not match:
            out.append(line)
            i += 1
            continue
        indent = len(match["indent"])
        text = match["text"]
        out.append(f"{match['indent']}{text}:" if text else "")
        i += 1
        block = []
        while i < len(lines) and (not lines[i].strip() or _indent(lines[i]) > indent):
            block.append(lines[i])
            i += 1
        code = textwrap.dedent("\n".join(block)).strip("\n")
        pad = match["indent"]
        out += ["", f"{pad}```{_language(code)}", *(pad + c for c in code.splitlines())]
        out += [f"{pad}```", ""]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip() + "\n"


def _suppress_section(code: str, name: str, load: bool) -> str:
    if load:
        per_role = (
            "A loading finding cannot be ignored on a role: until the file loads there is "
            "no ladder to check, and the other rules do not run. Fix the file."
        )
        run = (
            f"`ladders check --ignore {code} org.yaml` (or `--ignore {name}`) hides the "
            "finding from the report and the exit status, but the ladder still does not "
            "load, so no other rule runs on it."
        )
    else:
        per_role = textwrap.dedent(
            f"""\
            **On one role, with a reason** (the usual way: the exception is recorded where
            it applies, and reviewed with the file). The reason must not be empty:

            ```yaml
            roles:
              senior:
                title: Senior Engineer
                track: ic
                level: L4
                ignore:
                  {code}: <why this role is an accepted exception>
            ```

            An entry that stops silencing anything is reported as
            [LAD006 unused-ignore](LAD006.md), so exceptions do not outlive their reason."""
        )
        run = f"`ladders check --ignore {code} org.yaml` (or `--ignore {name}`)."
    return textwrap.dedent(
        f"""\
        ## Suppressing it

        {{per_role}}

        **For one run**, on the command line: {{run}} `--ignore` takes codes, code prefixes
        (`LAD1`) and names, separated by commas.

        **For the repository**, in the configuration (`[tool.ladders]` in `pyproject.toml`,
        or the top level of `ladders.toml`; see [CI](../../ci.md)):

        ```toml
        [tool.ladders]
        ignore = ["{code}"]

        # or keep it, but as a warning that does not fail the check:
        [tool.ladders.severity]
        {code} = "warning"
        ```
        """
    ).format(per_role=per_role, run=run)


def rule_markdown(rule: Any) -> str:
    """The page of one rule (a :class:`ladders.rules.Rule`)."""
    load = rule.module is None
    head = [
        f"# {rule.code} {rule.name}",
        "",
        "| code | name | default severity | source |",
        "|---|---|---|---|",
        f"| `{rule.code}` | `{rule.name}` | {rule.severity} | "
        + ("loading (`ladders.load`)" if load else f"`{rule.module.__name__}`")
        + " |",
        "",
    ]
    if load and rule.code in WORKBOOK_RULES:
        body = [f"**{rule.summary}**", "", WORKBOOK_RULES[rule.code], ""]
    elif load:
        why, failing, passing = LOAD_RULE_EXAMPLES[rule.code]
        root, text = next(iter(failing.items()))
        body = [
            f"**{rule.summary}**",
            "",
            why,
            "",
            f"Failing (`{root}`):",
            "",
            "```yaml",
            text.rstrip("\n"),
            "```",
            "",
            "Passing:",
            "",
            "```yaml",
            passing.rstrip("\n"),
            "```",
            "",
        ]
    else:
        doc = rst_to_markdown(rule.doc)
        summary, _, rest = doc.partition("\n")
        body = [f"**{summary.strip()}**", "", rest.strip(), ""]
    if rule.options:
        body += [
            "## Options",
            "",
            "| option | default |",
            "|---|---|",
            *(f"| `{k}` | `{json.dumps(v)}` |" for k, v in rule.options.items()),
            "",
            "```toml",
            f"[tool.ladders.rules.{rule.code}]",
            *(f"{k} = {json.dumps(v)}" for k, v in rule.options.items()),
            "```",
            "",
        ]
    body.append(_suppress_section(rule.code, rule.name, load))
    body.append(f"`ladders rules {rule.code}` prints this documentation in a terminal.\n")
    return "\n".join([*head, *body])


def rules_index(rules: Mapping[str, Any]) -> str:
    """The index of every rule: code, name, default severity, summary."""
    rows = [
        f"| [{r.code}]({r.code}.md) | `{r.name}` | {r.severity} | {_inline(r.summary)} |"
        for r in rules.values()
    ]
    return "\n".join(
        [
            "# Rules",
            "",
            "Every finding has a rule code, a name and a severity. `LAD0xx` findings come "
            "from reading the file; when a file does not load, the other rules do not run. "
            "`LAD1xx` are about progression, `LAD2xx` about single moves, `LAD3xx` about "
            "the shape of the two tracks. A code is never reused for another meaning.",
            "",
            "| code | name | default severity | summary |",
            "|---|---|---|---|",
            *rows,
            "",
            "Change a rule's severity with `[tool.ladders.severity]`, select rules with "
            "`--select`, and silence one for a role with `ignore: {CODE: reason}` on the "
            "role (each rule's page shows how). `ladders rules` prints this table.",
            "",
        ]
    )


def _inline(text: str) -> str:
    return text.replace("|", "\\|")


# ---------------------------------------------------------------------------------------
# File format reference, from the JSON Schema
# ---------------------------------------------------------------------------------------

#: Descriptions for keys whose model field has none (the schema's own description wins).
_KEY_NOTES: dict[tuple[str, str], str] = {
    ("Ladder file", "name"): "The ladder's name, for people.",
    ("Ladder file", "description"): "What the ladder covers, for people.",
    ("Role", "title"): "The role's title, as people know it (not empty).",
    ("Role", "family"): "The job family; roles without one form one family together.",
    ("Role", "entry"): "Whether people are hired into this role (`true` or `false`).",
    ("Role", "description"): "What the role is, for people.",
    ("Role", "metadata"): "Free-form data for your own tools; preserved, never checked.",
    ("Move", "kind"): "If given, it must equal the kind inferred from the two roles (LAD201).",
    ("Move", "criteria"): "What someone must show to make the move.",
    ("Move", "metadata"): "Free-form data for your own tools; preserved, never checked.",
    ("Level", "id"): "The level's id; its rank is its position in `levels`.",
    ("Level", "name"): "The level's name, for people.",
    ("Level", "description"): "What the level means, for people.",
    ("Track", "kind"): "What the track is: `technical` or `management`.",
    ("Track", "name"): "The track's name, for people.",
    ("Track", "description"): "What the track covers, for people.",
}


def _type(schema: Mapping[str, Any], id_pattern: str) -> str:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "const" in schema:
        return f"`{json.dumps(schema['const'])}`"
    if "enum" in schema:
        return " \\| ".join(f"`{v}`" for v in schema["enum"])
    if "anyOf" in schema:
        parts = list(dict.fromkeys(_type(s, id_pattern) for s in schema["anyOf"]))
        if "text" in parts or "id" in parts:  # a plain scalar in YAML is text as written
            parts = [p for p in parts if p not in ("number", "boolean")]
        return " \\| ".join(parts)
    kind = schema.get("type")
    if kind == "string":
        return "id" if schema.get("pattern", "").strip("^$") == id_pattern.strip("^$") else "text"
    if kind == "array":
        item = _type(schema.get("items", {}), id_pattern)
        return f"list of ({item})" if "\\|" in item else f"list of {item}"
    if kind == "object":
        value = schema.get("additionalProperties", True)
        if value is True or value == {}:
            return "mapping (free-form)"
        key = "id" if "propertyNames" in schema else "text"
        return f"mapping of {key} → {_type(value, id_pattern)}"
    return str(kind) if kind else "any"


def format_keys_markdown(schema: Mapping[str, Any]) -> str:
    """Tables of every key of every object of the file format, from the JSON Schema."""
    from ladders.model import ID_PATTERN

    objects = {"Ladder file": schema, **schema.get("$defs", {})}
    order = ["Ladder file", "Role", "Move", "Level", "Track"]
    names = [n for n in order if n in objects] + [n for n in objects if n not in order]
    out = [
        "# File format: every key",
        "",
        "Generated at build time from `ladders.schema.json_schema()` (what `ladders "
        "schema` prints), so it always matches the code. The [file format](../format.md) "
        "page explains the reading rules: why `no` stays text, why duplicate keys fail, "
        "how includes merge.",
        "",
        "Types: **id** is text matching `" + ID_PATTERN + "`; **text** is any plain "
        "scalar, taken exactly as written (`no`, `1.10` and `007` stay text; an integer "
        "level id in JSON is its decimal text). Unknown keys are an error (LAD002).",
        "",
    ]
    for name in names:
        obj = objects[name]
        required = set(obj.get("required", ()))
        out += [f"## {name}", ""]
        if obj.get("description"):
            out += [_inline(obj["description"]), ""]
        out += ["| key | type | required | description |", "|---|---|---|---|"]
        for key, prop in obj.get("properties", {}).items():
            description = prop.get("description") or _KEY_NOTES.get((name, key), "")
            out.append(
                f"| `{key}` | {_type(prop, ID_PATTERN)} | "
                f"{'yes' if key in required else 'no'} | {_inline(description)} |"
            )
        out.append("")
    out += [
        "## The JSON Schema",
        "",
        "Draft 2020-12, as `ladders schema` prints it:",
        "",
        "```json",
        json.dumps(schema, indent=2),
        "```",
        "",
    ]
    return "\n".join(out)


# ---------------------------------------------------------------------------------------
# MkDocs events
# ---------------------------------------------------------------------------------------


def generated_pages() -> dict[str, str]:
    """Every generated page: path under ``docs/`` -> Markdown."""
    from ladders.rules import RULES
    from ladders.schema import json_schema

    missing = sorted(
        code
        for code, rule in RULES.items()
        if rule.module is None and code not in LOAD_RULE_EXAMPLES and code not in WORKBOOK_RULES
    )
    if missing:
        raise RuntimeError(f"docs/hooks.py: no examples for the loading rules {missing}")
    pages = {FORMAT_KEYS: format_keys_markdown(json_schema())}
    changelog = Path(__file__).resolve().parent.parent / "CHANGELOG.md"
    pages["changelog.md"] = changelog.read_text(encoding="utf-8")
    pages[f"{RULES_DIR}/index.md"] = rules_index(RULES)
    for code, rule in RULES.items():
        pages[f"{RULES_DIR}/{code}.md"] = rule_markdown(rule)
    return pages


def _expand_rules_nav(nav: list[Any], codes: list[str]) -> None:
    """Turn the nav entry ``reference/rules/index.md`` into the index plus a page per rule."""
    index = f"{RULES_DIR}/index.md"
    for i, entry in enumerate(nav):
        if isinstance(entry, dict):
            ((title, value),) = entry.items()
            if value == index:
                nav[i] = {title: [{"All rules": index}, *(f"{RULES_DIR}/{c}.md" for c in codes)]}
            elif isinstance(value, list):
                _expand_rules_nav(value, codes)


def on_files(files: Any, config: Any) -> Any:
    """Add the generated pages to the build."""
    from mkdocs.structure.files import File

    from ladders.rules import RULES

    _check_load_examples()
    for path, text in generated_pages().items():
        files.append(File.generated(config, path, content=text))
    if config.get("nav"):
        _expand_rules_nav(config["nav"], list(RULES))
    return files


# ---------------------------------------------------------------------------------------
# Griffe extension: reStructuredText roles in docstrings -> links
# ---------------------------------------------------------------------------------------

_ROLE = re.compile(r":(?:class|func|meth|mod|data|attr|exc|obj):`(?P<tilde>~?)(?P<target>[^`]+)`")


def _autoref(match: re.Match[str]) -> str:
    target = match["target"].strip()
    shown = target.rsplit(".", 1)[-1] if match["tilde"] else target
    # ``optional``: a target that no page documents stays plain code, without a warning
    return f'<autoref identifier="{target}" optional><code>{shown}</code></autoref>'


def sphinx_roles(text: str) -> str:
    """``:class:`~ladders.Finding``` -> an optional cross-reference shown as ``Finding``.

    >>> sphinx_roles(":func:`ladders.load`")
    '<autoref identifier="ladders.load" optional><code>ladders.load</code></autoref>'
    """
    return _ROLE.sub(_autoref, text)


def _griffe_extension_base() -> type:
    try:
        from griffe import Extension
    except ImportError:  # pragma: no cover (griffe comes with mkdocstrings[python])
        return object
    return Extension


class SphinxRoles(_griffe_extension_base()):  # type: ignore[misc]
    """Griffe extension: rewrite the reStructuredText roles of every docstring."""

    def on_instance(self, *, obj: Any, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = sphinx_roles(rst_to_markdown(obj.docstring.value))
