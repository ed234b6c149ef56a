"""Runs of letters in a text, found by one search: :func:`runs` (the figure finder's places).

A run is a stretch of ASCII letters (:data:`LETTERS`); :func:`runs` gives where
the runs that a test accepts begin, testing each distinct run once and finding
them all by one search of a pattern of the runs kept.  That pattern is written
as a tree (:func:`trie_alternation`: "report", "reported" and "reporter" as
``report(?:e(?:d|r))?``), so that the engine reads each place of the text a
letter at a time once, where an alternation of thousands of words written one
after the other is tried word by word at every place: the same matches, in a
fraction of the time and of the compile.
"""

from __future__ import annotations

import re

from ..dates.lazy import lazy

LETTERS = lazy(r"[A-Za-z]+")
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


def runs(text: str, start: int, end: int, keep, distinct: set[str] | None = None) -> list[int]:
    """Where the runs of letters of ``text[start:end]`` that ``keep`` (a test of a run as
    written) accepts begin, in order: each distinct run is tested once, and the runs kept
    are found by one search (:func:`trie_alternation`), so a long text costs about a pass
    of the regular expression engine, not a step of Python a word.  ``distinct``: the
    runs, when already known."""
    if distinct is None:
        distinct = set(LETTERS.findall(text, start, end))
    kept = [w for w in distinct if keep(w)]
    if not kept:
        return []
    pattern = re.compile(trie_alternation(kept) + "(?![A-Za-z])")
    return [p for p in map(re.Match.start, pattern.finditer(text, start, end))
            if p == start or text[p - 1] not in LETTER]


def starts_word(text: str, start: int, p: int) -> bool:
    """Whether a word (as ``finditer`` of the figure finder's word pattern from ``start``
    gives them) begins at the letter at ``p``: the apostrophes and hyphens before it do not
    follow a letter."""
    q = p - 1
    while q >= start and text[q] in "’'-":
        q -= 1
    return q < start or text[q] not in LETTER
