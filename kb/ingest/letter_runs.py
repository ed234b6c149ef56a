"""Runs of letters in a text: :class:`Runs` (found once), :func:`runs` (the figure finder's places).

A run is a stretch of ASCII letters (:data:`LETTERS`).  :class:`Runs` lists a
text's runs once, as two lists the regular expression engine and C loops make
(their words, where they begin); :meth:`Runs.where` gives where the runs that a
test accepts begin, testing each distinct run once and picking their places
with C loops (``itertools.compress``): a long text costs a pass of the engine
and no step of Python a word, and nothing is compiled for a text, where a
pattern of the runs kept, compiled per text, cost a document of 2 KB ~1 ms.

:func:`trie_alternation` writes a word list as a tree ("report", "reported" and
"reporter" as ``report(?:e(?:d|r))?``), so that the engine reads each place of
the text a letter at a time once, where an alternation of thousands of words
written one after the other is tried word by word at every place: the same
matches, in a fraction of the time and of the compile (the figure finder's
number words and qualifiers).
"""

from __future__ import annotations

import re
from itertools import accumulate, compress

from ..dates.lazy import lazy

LETTERS = lazy(r"[A-Za-z]+")
_RUN_SPLIT = lazy(r"([A-Za-z]+)")
LETTER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def trie_alternation(words) -> str:
    """A pattern that matches what ``(?:w1|w2|...)`` of ``words`` sorted longest first
    matches, and at each place the same word: the longest of them that the text holds
    there (and, backtracking, the next longest).  The words share their common starts
    (each letter tried once at a place); at every branch the longer words come first, so a
    word that is the start of another is tried only after it.  Case-sensitive: the words
    are matched as written (an empty word is left out)."""
    tree: dict = {}
    for w in set(words):
        if w:
            node = tree
            for ch in w:
                node = node.setdefault(ch, {})
            node[""] = {}
    return _write(tree) if tree else "(?!)"


def _write(node: dict) -> str:
    # one branch per next letter (at most one of them can match a text), the end of a word last
    alts = []
    for ch in sorted(k for k in node if k):
        child = node[ch]
        alts.append(re.escape(ch) + _write(child))
    ends = "" in node
    if not alts:
        return ""
    if len(alts) == 1 and not ends:
        return alts[0]      # a letter and what follows it: no group needed
    return "(?:" + "|".join(alts) + ")" + ("?" if ends else "")


class Runs:
    """The runs of letters of ``text[start:end]``, found once: ``words`` (each run as
    written, in order) and ``starts`` (where each begins), and ``distinct`` (the set of
    the words).  A run that ``start`` or ``end`` cuts is the part inside."""

    __slots__ = ("words", "distinct", "_parts", "_start", "_starts")

    def __init__(self, text: str, start: int = 0, end: int | None = None):
        end = len(text) if end is None else end
        # one pass of the engine: the stretches between runs and the runs in turn
        self._parts = _RUN_SPLIT.split(text if (start, end) == (0, len(text)) else text[start:end])
        self.words: list[str] = self._parts[1::2]
        self.distinct: set[str] = set(self.words)
        self._start, self._starts = start, None

    @property
    def starts(self) -> list[int]:
        """Where each run begins: the running lengths of the stretches and runs before it
        (C loops, no match object a run), summed at the first question that keeps a run."""
        if self._starts is None:
            ends = list(accumulate(map(len, self._parts), initial=self._start))
            self._starts = ends[1:-1:2]
        return self._starts

    def kept(self, keep) -> tuple[list[int], list[str]]:
        """Where the runs that ``keep`` accepts begin (:meth:`where`), and those runs."""
        kept = {w for w in self.distinct if keep(w)}
        if not kept:
            return [], []
        flags = list(map(kept.__contains__, self.words))
        return list(compress(self.starts, flags)), list(compress(self.words, flags))

    def kept_by(self, test) -> tuple[list[int], list[str]]:
        """:meth:`kept` for a test of a run lower-cased that C code calls (a set's
        ``__contains__``, a pattern's ``match``; its answer taken as true or false): each
        distinct run lower-cased and tested by C loops, no step of Python a word."""
        distinct = list(self.distinct)
        kept = set(compress(distinct, map(test, map(str.lower, distinct))))
        if not kept:
            return [], []
        flags = list(map(kept.__contains__, self.words))
        return list(compress(self.starts, flags)), list(compress(self.words, flags))

    def where(self, keep) -> list[int]:
        """Where the runs that ``keep`` (a test of a run as written) accepts begin, in
        order; each distinct run is tested once."""
        kept = {w for w in self.distinct if keep(w)}
        if not kept:
            return []
        return list(compress(self.starts, map(kept.__contains__, self.words)))


def runs(text: str, start: int, end: int, keep, found: Runs | None = None) -> list[int]:
    """Where the runs of letters of ``text[start:end]`` that ``keep`` (a test of a run as
    written) accepts begin, in order (:meth:`Runs.where`); ``found``: the :class:`Runs` of
    that stretch, when already known."""
    return (found if found is not None else Runs(text, start, end)).where(keep)


def starts_word(text: str, start: int, p: int) -> bool:
    """Whether a word (as ``finditer`` of the figure finder's word pattern from ``start``
    gives them) begins at the letter at ``p``: the apostrophes and hyphens before it do not
    follow a letter."""
    q = p - 1
    while q >= start and text[q] in "’'-":
        q -= 1
    return q < start or text[q] not in LETTER
