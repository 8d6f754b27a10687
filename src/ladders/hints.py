"""Hints for people: the did-you-mean added to messages about a misspelt name."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["did_you_mean"]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` when a choice is close to ``word``, else ``""``.

    >>> did_you_mean("titel", ["title", "track"])
    "; did you mean 'title'?"
    >>> did_you_mean("zzz", ["title"])
    ''
    """
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""
