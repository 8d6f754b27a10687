"""Reporters: one output format each, chosen by name (``--format``).

Each reporter is a class with ``start``/``handle``/``stop`` hooks (see :mod:`.base`).
:data:`REPORTERS` maps a format name to its class and imports a reporter's module only
when that format is asked for, so that running ``ladders check`` pays for one format:

>>> sorted(REPORTERS)
['github', 'json', 'junit', 'markdown', 'sarif', 'text']
>>> REPORTERS["json"].__name__
'JsonReporter'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, TextIO, cast

if TYPE_CHECKING:
    from ladders.report.base import Reporter

__all__ = ["FORMATS", "REPORTERS", "make_reporter"]

# format name -> (module under ladders.report, class name)
_WHERE: dict[str, tuple[str, str]] = {
    "text": ("text", "TextReporter"),
    "json": ("json", "JsonReporter"),
    "sarif": ("sarif", "SarifReporter"),
    "junit": ("junit", "JunitReporter"),
    "github": ("github", "GithubReporter"),
    "markdown": ("markdown", "MarkdownReporter"),
}

#: the format names, in the order ``--help`` lists them
FORMATS: tuple[str, ...] = tuple(_WHERE)

# The formats whose output depends on ``--fail-on``: junit (what is a failed test case)
# and markdown (the verdict it states). Their reporters take a ``fail_on`` keyword.
_TAKES_FAIL_ON = frozenset({"junit", "markdown"})


class _Reporters(Mapping[str, "type[Reporter]"]):
    """Format name -> reporter class; a reporter's module is imported on first use."""

    def __getitem__(self, name: str) -> type[Reporter]:
        module_name, class_name = _WHERE[name]
        module = importlib.import_module(f"ladders.report.{module_name}")
        reporter: type[Reporter] = getattr(module, class_name)
        return reporter

    def __iter__(self) -> Iterator[str]:
        return iter(_WHERE)

    def __len__(self) -> int:
        return len(_WHERE)


#: every reporter by format name
REPORTERS: Mapping[str, type[Reporter]] = _Reporters()


def make_reporter(
    name: str, stream: TextIO, *, color: bool = False, fail_on: str = "error"
) -> Reporter:
    """The reporter of format ``name`` writing to ``stream``; ``fail_on`` (error, warning
    or never) reaches the formats whose output depends on it.

    >>> import io
    >>> make_reporter("junit", io.StringIO(), fail_on="warning").fail_on
    'warning'
    """
    reporter_class = REPORTERS[name]
    if name in _TAKES_FAIL_ON:
        make = cast("Callable[..., Reporter]", reporter_class)
        return make(stream, color=color, fail_on=fail_on)
    return reporter_class(stream, color=color)
