"""Reading what observing is given: dates, a ``--map`` of titles, role values as roles."""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

from ladders.errors import UsageError
from ladders.hints import did_you_mean
from ladders.observe.history import History, HistoryError, read_titles

if TYPE_CHECKING:
    from ladders.ladder import Ladder

__all__ = [
    "_suggestion",
    "as_date",
    "resolve_roles",
    "title_map",
]


def as_date(value: date | str | None, what: str) -> date | None:
    """A ``--since``/``--until`` value as a date (ISO 8601 text or a date); None stays None."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{what}: {value!r} is not an ISO 8601 date (YYYY-MM-DD)") from None


def title_map(
    titles: Mapping[str, str] | str | os.PathLike[str] | None, ladder: Ladder
) -> tuple[dict[str, str], str]:
    """A ``--map`` (a ``title,role`` file, or a mapping) as case-folded title -> role id,
    checked against the ladder's roles, and its name for messages."""
    if titles is None:
        return {}, "--map"
    if isinstance(titles, Mapping):
        mapped, name = {k.strip().casefold(): v for k, v in titles.items()}, "titles"
    else:
        mapped, name = read_titles(titles), os.fspath(titles)
    for title, role in mapped.items():
        if role not in ladder.roles:
            raise HistoryError(
                f"{name}: the title {title!r} is mapped to {role!r}, which is not a role of "
                f"the ladder{did_you_mean(role, ladder.roles)}"
            )
    return mapped, name


def resolve_roles(
    ladder: Ladder, history: History, titles: Mapping[str, str]
) -> tuple[list[int], list[str], list[str]]:
    """Role code of each role value (known roles 0..R-1, unknown values R+u), the unknown
    values, and notes on titles shared by several roles."""
    ids = list(ladder.roles)
    index = {role: i for i, role in enumerate(ids)}
    by_title: dict[str, list[str]] = defaultdict(list)
    for role_id, item in ladder.roles.items():
        by_title[item.title.strip().casefold()].append(role_id)
    codes: list[int] = []
    unknown: list[str] = []
    notes: list[str] = []
    for value in history.values:
        role = value if value in index else None
        if role is None:
            key = value.casefold()
            holders = by_title.get(key, [])
            if len(holders) == 1:
                role = holders[0]
            elif key in titles:
                role = titles[key]
            elif holders:
                notes.append(
                    f"the title {value!r} is shared by the roles {', '.join(holders)}: "
                    "map it to one with --map"
                )
        if role is None:
            codes.append(len(ids) + len(unknown))
            unknown.append(value)
        else:
            codes.append(index[role])
    return codes, unknown, notes


def _suggestion(value: str, ladder: Ladder) -> str | None:
    import difflib

    titles = {role.title.casefold(): role_id for role_id, role in ladder.roles.items()}
    close = difflib.get_close_matches(value, list(ladder.roles), n=1, cutoff=0.6)
    if close:
        return close[0]
    close = difflib.get_close_matches(value.casefold(), list(titles), n=1, cutoff=0.6)
    return titles[close[0]] if close else None
