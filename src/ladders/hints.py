"""Hints for people: the did-you-mean added to messages about a misspelt name.

:func:`did_you_mean` compares a word with every choice (difflib, cutoff 0.6), which is
fine for a few dozen keys. For the ids of a large ladder, :class:`Suggester` indexes the
choices once, by trigram, so that a hint costs about the same whatever the ladder's size:
only the choices sharing the word's rarer trigrams are compared.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from operator import itemgetter

__all__ = ["Suggester", "did_you_mean"]

_CUTOFF = 0.6
#: below this many choices, compare with every one
_SMALL = 300
#: how many of the best-sharing choices difflib ranks
_SHORTLIST = 60


def _phrase(close: list[str]) -> str:
    return f"; did you mean {close[0]!r}?" if close else ""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'x'?"`` when a choice is close to ``word``, else ``""``.

    >>> did_you_mean("titel", ["title", "track"])
    "; did you mean 'title'?"
    >>> did_you_mean("zzz", ["title"])
    ''
    """
    import difflib  # here: only a message with a hint needs it

    return _phrase(difflib.get_close_matches(word, list(choices), n=1, cutoff=_CUTOFF))


def _trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


class Suggester:
    """Did-you-mean over a fixed set of choices, indexed once.

    >>> ids = [f"engineer-{n}" for n in range(5000)] + ["principal"]
    >>> hints = Suggester(ids)
    >>> hints.hint("principle"), hints.hint("engineer-4999x"), hints.hint("zzz")
    ("; did you mean 'principal'?", "; did you mean 'engineer-4999'?", '')
    """

    __slots__ = ("_choices", "_hints", "_index")

    def __init__(self, choices: Iterable[str]) -> None:
        self._choices = list(dict.fromkeys(choices))
        self._index: dict[str, list[int]] | None = None
        self._hints: dict[str, str] = {}  # a word asked about again costs a lookup

    def _posting(self) -> dict[str, list[int]]:
        if self._index is None:
            index: defaultdict[str, list[int]] = defaultdict(list)
            for number, choice in enumerate(self._choices):
                padded = f"  {choice} "
                # each trigram of the choice once (as _trigrams gives them)
                for gram in {padded[i : i + 3] for i in range(len(padded) - 2)}:
                    index[gram].append(number)
            self._index = dict(index)
        return self._index

    def hint(self, word: str) -> str:
        """``"; did you mean 'x'?"`` or ``""``, as :func:`did_you_mean` would say."""
        found = self._hints.get(word)
        if found is None:
            found = self._hints[word] = self._hint(word)
        return found

    def _hint(self, word: str) -> str:
        choices = self._choices
        if len(choices) <= _SMALL:
            return did_you_mean(word, choices)
        index = self._posting()
        grams = sorted(_trigrams(word), key=lambda g: len(index.get(g, ())))
        shared: Counter[int] = Counter()
        budget = 20 * _SMALL  # posting entries read at most: the rarest grams first
        for gram in grams:
            posting = index.get(gram, ())
            if shared and len(posting) > budget:
                break
            shared.update(posting)
            budget -= len(posting)
        low, high = len(word) * 3 / 7, len(word) * 7 / 3  # lengths a 0.6 ratio allows
        size = len(word)
        # The choices sharing the most trigrams, the closest in length first among equals
        # (and, among those, in the order they were met): counts sorted at C speed, then
        # read only until the shortlist is full and the count drops below its last one's,
        # as nothing after that could be on it.
        candidates: list[tuple[int, int, int]] = []
        floor = -1
        for number, count in sorted(shared.items(), key=itemgetter(1), reverse=True):
            if count < floor:
                break
            length = len(choices[number])
            if low <= length <= high:
                candidates.append((-count, abs(length - size), number))
                if len(candidates) == _SHORTLIST:
                    floor = count
        candidates.sort(key=itemgetter(0, 1))  # stable: ties keep the order they were met
        return _phrase(_closest(word, [choices[c[2]] for c in candidates[:_SHORTLIST]]))


def _closest(word: str, possibilities: list[str]) -> list[str]:
    """``difflib.get_close_matches(word, possibilities, n=1, cutoff=0.6)``, the same
    answer (the greatest ``(ratio, choice)`` at or above the cutoff), with the full ratio
    computed for as few choices as can tell it: the choices are taken by their upper
    bound (``quick_ratio``), highest first, so that once a ratio is known every choice
    whose bound is lower (or equal, with a smaller choice) loses to it."""
    import difflib

    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    bounds: list[tuple[float, str]] = []
    for choice in possibilities:
        matcher.set_seq1(choice)
        if matcher.real_quick_ratio() >= _CUTOFF:
            bound = matcher.quick_ratio()
            if bound >= _CUTOFF:
                bounds.append((bound, choice))
    bounds.sort(reverse=True)  # the highest bound first; among equal ones, the greatest choice
    best: tuple[float, str] | None = None
    for bound, choice in bounds:
        if best is not None and (bound, choice) <= best:
            break  # no ratio is above its bound: this choice and every one after lose
        matcher.set_seq1(choice)
        score = matcher.ratio()
        if score >= _CUTOFF and (best is None or (score, choice) > best):
            best = (score, choice)
    return [] if best is None else [best[1]]
