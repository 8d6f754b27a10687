"""Reports of an observation or a projection: text, json, markdown, html, and for an
observation sarif and github (its findings handed to :data:`ladders.report.REPORTERS`).

Every report is made from the ``to_dict()`` document, where counts of fewer than
``min-people`` people are already ``"<K"``: no format can show more than the JSON does,
and none ever holds a person key (a history's person keys are never kept).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ladders.findings import Finding

if TYPE_CHECKING:
    from ladders.observe.observation import Observation
    from ladders.observe.projection import Projection

__all__ = [
    "OBSERVE_FORMATS",
    "PROJECT_FORMATS",
    "observation_report",
    "projection_report",
]

#: the ``--format`` choices of ``ladders observe``
OBSERVE_FORMATS = ("text", "json", "html", "markdown", "sarif", "github")
#: the ``--format`` choices of ``ladders project``
PROJECT_FORMATS = ("text", "json", "html", "markdown")

# Control characters in a title (a line break, a terminal escape) would break a table.
_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(0x20), 0x7F]}
_CONTROLS.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})


def _clean(value: object) -> str:
    return str(value).translate(_CONTROLS)


def _figure(value: object, digits: int | None = None) -> str:
    """A figure as text: ``-`` for none, a string (``<5``) as is."""
    if value is None:
        return "-"
    if isinstance(value, float) and digits is not None:
        return f"{value:.{digits}f}"
    return str(value)


def _share(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    return f"{float(value):.1%}"  # type: ignore[arg-type]


def _table(
    header: Sequence[str], rows: Sequence[Sequence[object]], indent: str = "  "
) -> list[str]:
    """Aligned columns; numbers right-aligned."""
    cells = [[_clean(c) for c in header], *([_clean(c) for c in row] for row in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    numeric = [
        all(_numeric(row[i]) for row in cells[1:]) and bool(rows) for i in range(len(header))
    ]
    out = []
    for row in cells:
        parts = [
            cell.rjust(width) if numeric[i] else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        out.append((indent + "  ".join(parts)).rstrip())
    return out


def _numeric(text: str) -> bool:
    return text == "-" or text.startswith("<") or text.replace(".", "", 1).lstrip("-").isdigit()


def _findings_text(findings: Sequence[Finding], files: Sequence[str], color: bool) -> str:
    from ladders.report.base import report
    from ladders.report.text import TextReporter

    out = io.StringIO()
    report(TextReporter(out, color=color), files, findings)
    return out.getvalue()


# ---------------------------------------------------------------------------------------
# Observation


def _observation_text(
    document: dict[str, Any], findings: Sequence[Finding], files: Sequence[str], color: bool
) -> str:
    d = document
    k = d["min_people"]
    window = d["window"]
    lines = [
        f"Observed {_clean(d['history'])} against {_clean(d['ladder'] or 'the ladder')}, "
        f"{window['since']} to {window['until']}",
        f"(counts of fewer than {k} people are shown as <{k})",
        "",
        f"People: {d['people']}    Moves: {d['moves']}    "
        f"Declared by the ladder: {_share(d['conformance']['declared_share'])}",
    ]
    undeclared = d["conformance"]["undeclared"]
    lines += ["", f"Undeclared moves taken ({len(undeclared)})"]
    if undeclared:
        lines += _table(
            ("FROM", "TO", "KIND", "PEOPLE"),
            [(m["from"], m["to"], m["kind"], m["people"]) for m in undeclared],
        )
    else:
        lines.append("  none: every move people made is one the ladder declares")
    unused = d["conformance"]["unused"]
    lines += ["", f"Declared moves nobody took ({len(unused)})"]
    lines += [f"  {_clean(m['from'])} -> {_clean(m['to'])}" for m in unused] or ["  none"]
    lines += ["", "Progression in practice, by role"]
    lines += _table(
        ("ROLE", "LEVEL", "HELD", "NOW", "UP", "UP W/O MGMT", "MEDIAN MONTHS TO NEXT LEVEL"),
        [
            (
                role,
                d["_levels_of"].get(role, ""),
                f["held"],
                f["now"],
                f["up"],
                f["up_without_management"],
                _figure(f["median_months_to_next_level"], 1),
            )
            for role, f in d["roles"].items()
        ],
    )
    lines += ["", "By level"]
    lines += _table(
        ("LEVEL", "HELD", "UP", "UP W/O MGMT"),
        [(lv, f["held"], f["up"], f["up_without_management"]) for lv, f in d["levels"].items()],
    )
    lines += ["", "Time to the next level, by track (Kaplan-Meier median)"]
    lines += _table(
        ("TRACK", "KIND", "HELD", "MEDIAN MONTHS"),
        [
            (t, f["kind"], f["held"], _figure(f["median_months_to_next_level"], 1))
            for t, f in d["tracks"].items()
        ],
    )
    if d["returns"]:
        lines += ["", "Management -> technical returns, by family"]
        lines += _table(
            ("FAMILY", "MANAGERS", "RETURNED", "MOVES", "WAY BACK DECLARED"),
            [
                (fam, f["managers"], f["returned"], f["moves"], _yes(f["way_back_declared"]))
                for fam, f in d["returns"].items()
            ],
        )
    never = d["never_held"]
    lines += ["", f"Roles never held ({len(never)})"]
    lines.append("  " + (", ".join(_clean(r) for r in never) if never else "none"))
    unknown = d["unknown"]
    if unknown["people"] or unknown["other_values"] or unknown["values"]:
        lines += [
            "",
            f"Role values that are not roles of the ladder: {unknown['people']} people, "
            f"{unknown['moves']} moves (left out of the moves above)",
        ]
        for v in unknown["values"]:
            hint = f"; did you mean {v['suggestion']}?" if v["suggestion"] else ""
            lines.append(f"  {_clean(repr(v['value']))}: {v['people']} people{_clean(hint)}")
        if unknown["other_values"]:
            lines.append(
                f"  and {unknown['other_values']} other values, each held by fewer than "
                f"{k} people (not listed)"
            )
    if d["notes"]:
        lines += ["", "Notes"]
        lines += [f"  {_clean(n)}" for n in d["notes"]]
    lines += ["", "Findings"]
    return "\n".join(lines) + "\n" + _findings_text(findings, files, color)


def _md(text: object) -> str:
    """Free text for a Markdown table cell."""
    out = _clean(text).replace("\\", "\\\\").replace("|", "\\|")
    for char in "<>*_[]`":
        out = out.replace(char, "\\" + char)
    return out


def _md_figure(value: object, digits: int | None = None) -> str:
    return _figure(value, digits)  # figures are digits, "-" or "<K": nothing to escape


def _md_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    return [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


def _observation_markdown(document: dict[str, Any]) -> str:
    d = document
    k = d["min_people"]
    window = d["window"]
    lines = [
        "## Is our dual track real?",
        "",
        f"`{_clean(d['history'])}` against `{_clean(d['ladder'] or 'the ladder')}`, "
        f"{window['since']} to {window['until']}. Counts of fewer than {k} people are "
        f"shown as <{k}.",
        "",
        f"**{d['people']}** people, **{d['moves']}** moves, "
        f"**{_share(d['conformance']['declared_share'])}** of them declared by the ladder.",
        "",
    ]
    findings = d["findings"]
    lines += [f"### Findings ({len(findings)})", ""]
    if findings:
        lines += _md_table(
            ("code", "role", "message", "where"),
            [
                (
                    f"{f['code']} {f['name']}",
                    f"`{_clean(f['role'])}`" if f["role"] else "",
                    _md(f["message"]),
                    f"`{_clean(f['file'])}:{f['line']}`",
                )
                for f in findings
            ],
        )
    else:
        lines.append("None.")
    undeclared = d["conformance"]["undeclared"]
    lines += ["", f"### Undeclared moves taken ({len(undeclared)})", ""]
    if undeclared:
        lines += _md_table(
            ("from", "to", "kind", "people"),
            [
                (f"`{_clean(m['from'])}`", f"`{_clean(m['to'])}`", m["kind"], str(m["people"]))
                for m in undeclared
            ],
        )
    else:
        lines.append("None.")
    unused = d["conformance"]["unused"]
    lines += ["", f"### Declared moves nobody took ({len(unused)})", ""]
    lines += [f"- `{_clean(m['from'])}` → `{_clean(m['to'])}`" for m in unused] or ["None."]
    lines += ["", "### Progression in practice", ""]
    lines += _md_table(
        ("role", "level", "held", "now", "up", "up without management", "median months"),
        [
            (
                f"`{_clean(role)}`",
                _md(d["_levels_of"].get(role, "")),
                *(str(f[key]) for key in ("held", "now", "up", "up_without_management")),
                _md_figure(f["median_months_to_next_level"], 1),
            )
            for role, f in d["roles"].items()
        ],
    )
    lines += ["", "### By level", ""]
    lines += _md_table(
        ("level", "held", "up", "up without management"),
        [
            (_md(lv), str(f["held"]), str(f["up"]), str(f["up_without_management"]))
            for lv, f in d["levels"].items()
        ],
    )
    lines += ["", "### Time to the next level, by track", ""]
    lines += _md_table(
        ("track", "kind", "held", "median months (Kaplan-Meier)"),
        [
            (
                f"`{_clean(t)}`",
                f["kind"],
                str(f["held"]),
                _md_figure(f["median_months_to_next_level"], 1),
            )
            for t, f in d["tracks"].items()
        ],
    )
    if d["returns"]:
        lines += ["", "### Management → technical returns", ""]
        lines += _md_table(
            ("family", "managers", "returned", "moves", "way back declared"),
            [
                (
                    _md(fam),
                    str(f["managers"]),
                    str(f["returned"]),
                    str(f["moves"]),
                    str(_yes(f["way_back_declared"])),
                )
                for fam, f in d["returns"].items()
            ],
        )
    if d["never_held"]:
        lines += ["", "### Roles never held", ""]
        lines.append(", ".join(f"`{_clean(r)}`" for r in d["never_held"]))
    unknown = d["unknown"]
    if unknown["people"] or unknown["values"] or unknown["other_values"]:
        lines += [
            "",
            "### Role values that are not roles of the ladder",
            "",
            f"{unknown['people']} people, {unknown['moves']} moves (left out of the moves above).",
            "",
        ]
        for v in unknown["values"]:
            hint = f" (did you mean `{_clean(v['suggestion'])}`?)" if v["suggestion"] else ""
            lines.append(f"- {_md(v['value'])}: {v['people']} people{hint}")
        if unknown["other_values"]:
            lines.append(
                f"- and {unknown['other_values']} other values, each held by fewer than {k} people"
            )
    if d["notes"]:
        lines += ["", "### Notes", ""]
        lines += [f"- {_md(n)}" for n in d["notes"]]
    return "\n".join(lines) + "\n"


def _with_levels(observation: Observation, document: dict[str, Any]) -> dict[str, Any]:
    # The reports show each role's level; the JSON document does not repeat it.
    document = dict(document)
    document["_levels_of"] = observation.role_levels
    return document


def observation_report(
    observation: Observation,
    format_name: str,
    *,
    files: Sequence[str] = (),
    color: bool = False,
    findings: Sequence[Finding] | None = None,
) -> str:
    """The observation in one of :data:`OBSERVE_FORMATS`, as text to write whole.

    ``files`` are the ladder files read (for sarif and github); ``findings``, when
    given, replace the observation's (the command line applies its configuration).
    """
    from ladders.observe.observation import summary

    document = observation.to_dict()
    found = sorted(observation.findings if findings is None else findings)
    document["findings"] = [f.to_dict() for f in found]
    document["summary"] = summary(found)
    files = list(files) or ([observation.ladder] if observation.ladder else [])
    if format_name == "json":
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if format_name in ("sarif", "github"):
        from ladders.report import REPORTERS
        from ladders.report.base import report

        out = io.StringIO()
        report(REPORTERS[format_name](out), files, found)
        return out.getvalue()
    document = _with_levels(observation, document)
    if format_name == "text":
        return _observation_text(document, found, files, color)
    if format_name == "markdown":
        return _observation_markdown(document)
    if format_name == "html":
        from ladders.report.observation_html import observation_html

        return observation_html(observation, document)
    raise ValueError(f"no format {format_name!r}; formats are {', '.join(OBSERVE_FORMATS)}")


# ---------------------------------------------------------------------------------------
# Projection


def _reach_rows(document: dict[str, Any], cell: Callable[[object], str]) -> list[list[str]]:
    rows = []
    for role, item in document["roles"].items():
        levels = list(item["reach"])
        reach = ", ".join(f"{lv} {_figure(item['reach'][lv], 2)}" for lv in levels) or "-"
        years = ", ".join(f"{lv} {_figure(item['years_to'][lv], 1)}" for lv in levels) or "-"
        rows.append(
            [
                cell(role),
                str(item["people"]),
                _figure(item["reach_top_technical"], 2),
                reach,
                years,
            ]
        )
    return rows


def _headcount_rows(
    document: dict[str, Any], cell: Callable[[object], str]
) -> tuple[list[str], list[list[str]]]:
    years = [str(entry["year"]) for entry in document["headcount"]]
    marked = set(document["few_people"])
    roles = list(document["headcount"][0]["roles"]) if document["headcount"] else []
    rows = [
        [
            cell(role) + (" *" if role in marked else ""),
            str(document["_now"].get(role, 0)),
            *(f"{entry['roles'][role]:.1f}" for entry in document["headcount"]),
        ]
        for role in roles
    ]
    return ["ROLE", "NOW", *years], rows


def _projection_text(document: dict[str, Any]) -> str:
    d = document
    k = d["min_people"]
    window = d["window"]
    lines = [
        f"Projected from {_clean(d['history'])} against {_clean(d['ladder'] or 'the ladder')}, "
        f"rates seen {window['since']} to {window['until']}",
        d["note"],
        f"(figures resting on fewer than {k} people are shown as <{k})",
        "",
        "Reaching higher technical levels without management (reach: probability; years: "
        "expected, among those who get there)",
    ]
    lines += _table(
        ("ROLE", "PEOPLE", "REACH TOP", "REACH BY LEVEL", "YEARS BY LEVEL"),
        _reach_rows(d, _clean),
    )
    header, rows = _headcount_rows(d, _clean)
    lines += ["", f"Expected headcount per role, the next {d['years']} years, at the same hiring"]
    lines += _table(header, rows)
    if d["few_people"]:
        lines.append(f"  * rates resting on fewer than {k} people")
    if d["notes"]:
        lines += ["", "Notes"]
        lines += [f"  {_clean(n)}" for n in d["notes"]]
    return "\n".join(lines) + "\n"


def _projection_markdown(document: dict[str, Any]) -> str:
    d = document
    k = d["min_people"]
    window = d["window"]
    lines = [
        "## Where are we heading?",
        "",
        f"Rates seen in `{_clean(d['history'])}` from {window['since']} to {window['until']}, "
        f"against `{_clean(d['ladder'] or 'the ladder')}`. {d['note']} Figures resting on "
        f"fewer than {k} people are shown as <{k}.",
        "",
        "### Reaching higher technical levels without management",
        "",
    ]
    lines += _md_table(
        ("role", "people", "reach top", "reach by level", "years by level"),
        _reach_rows(d, lambda role: f"`{_clean(role)}`"),
    )
    header, rows = _headcount_rows(d, lambda role: f"`{_clean(role)}`")
    lines += ["", f"### Expected headcount, the next {d['years']} years", ""]
    lines += _md_table([h.lower() for h in header], rows)
    if d["few_people"]:
        lines += ["", f"\\* rates resting on fewer than {k} people"]
    if d["notes"]:
        lines += ["", "### Notes", ""]
        lines += [f"- {_md(n)}" for n in d["notes"]]
    return "\n".join(lines) + "\n"


def projection_report(projection: Projection, format_name: str) -> str:
    """The projection in one of :data:`PROJECT_FORMATS`, as text to write whole."""
    document = projection.to_dict()
    if format_name == "json":
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    document["_now"] = document["now"]
    if format_name == "text":
        return _projection_text(document)
    if format_name == "markdown":
        return _projection_markdown(document)
    if format_name == "html":
        from ladders.report.observation_html import projection_html

        return projection_html(projection, document)
    raise ValueError(f"no format {format_name!r}; formats are {', '.join(PROJECT_FORMATS)}")


def _yes(value: object) -> str:
    return "yes" if value else "no"
