"""The did-you-mean index answers as the plain way of ranking its shortlist would."""

from __future__ import annotations

import difflib
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from ladders import hints
from ladders.hints import Suggester, did_you_mean


def plain_hint(word: str, choices: list[str]) -> str:
    """The shortlist ranked by sorting every choice sharing a trigram, then difflib over it."""
    if len(choices) <= hints._SMALL:
        return did_you_mean(word, choices)
    index: dict[str, list[int]] = {}
    for number, choice in enumerate(choices):
        for gram in hints._trigrams(choice):
            index.setdefault(gram, []).append(number)
    shared: Counter[int] = Counter()
    budget = 20 * hints._SMALL
    for gram in sorted(hints._trigrams(word), key=lambda g: len(index.get(g, ()))):
        posting = index.get(gram, ())
        if shared and len(posting) > budget:
            break
        shared.update(posting)
        budget -= len(posting)
    low, high = len(word) * 3 / 7, len(word) * 7 / 3
    ranked = sorted(
        (n for n in shared if low <= len(choices[n]) <= high),
        key=lambda n: (-shared[n], abs(len(choices[n]) - len(word))),
    )
    shortlist = [choices[n] for n in ranked[: hints._SHORTLIST]]
    close = difflib.get_close_matches(word, shortlist, n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


_ALPHABET = "abcr0123-"


@st.composite
def ids_and_words(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    """Hundreds of ids much alike (as a large ladder's are), and words near some of them."""
    size = draw(st.integers(301, 900))
    width = draw(st.integers(3, 6))
    stem = draw(st.sampled_from(["r", "eng-", "ab"]))
    padded = draw(st.booleans())  # unpadded numbers: ids of many lengths, ties broken by it
    ids = [
        f"{stem}{n:0{width}}" if padded else f"{stem}{n}"
        for n in draw(st.sets(st.integers(0, 10**width - 1), min_size=size, max_size=size))
    ]
    words = []
    for _ in range(draw(st.integers(1, 6))):
        word = list(draw(st.sampled_from(ids)))
        for _ in range(draw(st.integers(0, 3))):
            at = draw(st.integers(0, len(word)))
            change = draw(st.sampled_from(["insert", "delete", "replace"]))
            letter = draw(st.sampled_from(_ALPHABET))
            if change == "insert":
                word.insert(at, letter)
            elif word and at < len(word):
                if change == "delete":
                    del word[at]
                else:
                    word[at] = letter
        words.append("".join(word) or "x")
    words.append(draw(st.text(_ALPHABET, min_size=1, max_size=9)))
    return ids, words


@settings(max_examples=60, derandomize=True, deadline=None)
@given(ids_and_words())
def test_the_index_gives_the_hint_of_the_plain_ranking(case: tuple[list[str], list[str]]) -> None:
    ids, words = case
    suggester = Suggester(ids)
    for word in words:
        assert suggester.hint(word) == plain_hint(word, ids), word


@settings(max_examples=200, derandomize=True, deadline=None)
@given(
    st.text("abcde", min_size=1, max_size=8), st.lists(st.text("abcde", max_size=8), max_size=80)
)
def test_the_closest_choice_is_difflibs(word: str, choices: list[str]) -> None:
    expected = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    assert hints._closest(word, choices) == expected
