"""Rule *no number, no figure*: whether a text may hold a figure at all (:func:`may_hold`).

The figure finder (:func:`kb.ingest.figures.find_figures`) reads a text's clause ends,
sentence ends, cue words and places to try before it finds its first figure; a long
text with no number in it (a page of words, a list of dated lines whose only digits
are their dates) holds none, and is told so by C loops before any of that is read.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import compress

from ..dates.lazy import lazy
from .letter_runs import LETTERS

# the letters that match an ASCII letter when case is ignored (İ, ı, ſ, the Kelvin sign)
_FOLDS_TO_ASCII = lazy("[\u0130\u0131\u017f\u212a]")


def may_hold(text: str, start: int, end: int, runs, spans: list, all_dated, digits: list[int],
             number_words: frozenset[str], units: frozenset[str]) -> bool:
    """Rule *no number, no figure*: whether ``text[start:end]`` may hold a figure.  Every
    figure holds a number, and a match of :data:`kb.ingest.figures.FIGURE` begins its
    number at a place to try: a digit (``digits``: where one may begin a figure) or a run
    of letters of ``number_words`` (:data:`kb.ingest.figures._NUMBER_WORDS`; a figure of
    words: "seven", "a dozen", "a third of", "tens of thousands", "a day").  A figure that
    begins inside a date (``spans``; ``all_dated(places)``: whether all are inside one),
    or holds the start of one, is dropped, so a number inside a date makes none; but a
    unit of time (``units``, of ``number_words``) counted by "a" is no part of its figure
    ("a" before a date's "day").  When no such place is left, no figure is there, and
    nothing else of the text need be read.  Found by C loops: the number words of a long
    text among the runs of its distinct stretches between white space (its words
    repeat), else among its runs (``runs()``: the :class:`Runs`, made once); a number
    word that no date holds is outside them.  Exact only where no letter outside ASCII
    matches one inside it (``ſ`` is ``s`` to the engine: "ſeven"): then true."""
    if _FOLDS_TO_ASCII.search(text, start, end) is not None:
        return True
    if digits and (all_dated is None or not all_dated(digits)):
        return True
    distinct = set(LETTERS.findall(" ".join(set(text[start:end].split())))) if end - start > LONG_TEXT \
        else runs().distinct
    # (written in lower case, as a title or in capitals, found by one intersection of sets)
    present = distinct & _as_written(number_words) or set(
        compress(distinct, map(number_words.__contains__, map(str.lower, distinct))))
    if not present or all_dated is None or not units.isdisjoint(map(str.lower, present)):
        return bool(present)
    if not present <= set(LETTERS.findall(" ".join(text[a:b] for a, b in spans))):
        return True
    return not all_dated(runs().kept_by(number_words.__contains__)[0])


@lru_cache(maxsize=4)
def _as_written(words: frozenset[str]) -> frozenset[str]:
    """``words`` (lower case) as they are written most often: so, as titles, in capitals."""
    return words | {w.title() for w in words} | {w.upper() for w in words}


#: the length of text from which its distinct stretches are read rather than its every run
LONG_TEXT = 1 << 16
