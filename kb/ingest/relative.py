"""Rule *a date's relative clause*: the figure told of the thing a later date belongs to.

A sentence with several dates is one event of its first date unless a clause
boundary separates them (:meth:`kb.ingest.extract.Extractor._clauses`).  But a
relative clause ("that ...", "which ...", "where ...", "who ...") right after a
later date, or after the noun phrase that date ends, tells what happened at
*that* date, and a figure in it counts that happening, not the first date's:

* "The strike of May 2021 was shorter than the walkout in March 2016 that
  closed 300 schools": the 300 schools are the walkout's (March 2016);
* "Turnout in 2014 beat the referendum of June 2005, which drew 2 million
  voters": the 2 million voted in June 2005.

:func:`relative_dates` gives, for each such date, a small event of its own: the
noun phrase the date belongs to ("the walkout in March 2016", back over a
preposition and up to :data:`NP_WORDS` words to a determiner) with its relative
clause (to the next clause end, date or the end of the sentence).  It is made
only when the relative clause holds a figure (what the rule is for); the
figures in it are that event's alone (the first date's event does not hold
them), and its passage is itself.  A date after a verb of saying ("said in
January 2018 that 140 ...") is the date of the saying, not of a noun phrase:
no event.
"""

from __future__ import annotations

import re
from bisect import bisect_left

#: at most this many words of a noun phrase before its date ("the nationwide uprising in")
NP_WORDS = 5

_PRONOUN = re.compile(r"(?:\s+[a-z][\w’'-]*){0,3}?\s*,?\s+(?:that|which|where|who)\s+(?=\w)")
_PREP = re.compile(r"\b(?:in|of|on|during|from)\s+$", re.IGNORECASE)
_DETERMINER = frozenset("the a an its their his her our this that these those".split())
_STOP = frozenset("after before than since and but or to at by with as when while until because "
                  "happened was were is are had has have".split())
_SAYING = re.compile(r"(?:\b(?:said|says|say|told|wrote|announced|reported|stated|claimed|warned|added)|ed)\s*$",
                     re.IGNORECASE)
_REL_END = re.compile(r"[;:!?]|\.(?:\s|$)|\s[–—]\s|,\s+(?:and|but|while|whereas)\s")
_WORD = re.compile(r"[A-Za-z][\w’'-]*")


def relative_dates(text: str, seg_start: int, seg_end: int, seg_dates: list, heads: set[int],
                   fig_starts: list[int]) -> list[tuple[int, int, object, tuple[int, int]]]:
    """``(start, end, span, date offsets)`` of each event of a later date of a sentence
    whose relative clause holds a figure (module docstring).  ``seg_dates``: the sentence's
    dates ``(start, end, span)`` in order; ``heads``: the starts of those that already date
    a clause of their own; ``fig_starts``: where the document's figures begin, in order."""
    out = []
    for i, (s, e, span) in enumerate(seg_dates):
        if i == 0 or s in heads:
            continue
        m = _PRONOUN.match(text, e, seg_end)
        if m is None or any(w.group(0).lower() in _STOP for w in _WORD.finditer(text, e, m.end())):
            continue
        nxt = seg_dates[i + 1][0] if i + 1 < len(seg_dates) else seg_end
        stop = _REL_END.search(text, m.end(), nxt)
        end = stop.start() if stop else nxt
        k = bisect_left(fig_starts, m.end())
        if not (k < len(fig_starts) and fig_starts[k] < end):
            continue            # no figure in the relative clause: nothing to place
        start = _np_start(text, seg_start, s)
        if start is not None:
            out.append((start, end, span, (s, e)))
    return out


def _np_start(text: str, lo: int, s: int) -> int | None:
    """Where the noun phrase that the date at ``s`` belongs to begins, or None (a date of a
    saying, or no noun before it)."""
    prep = _PREP.search(text, max(lo, s - 12), s)
    at = prep.start() if prep else s
    if prep and _SAYING.search(text, max(lo, at - 30), at):
        return None
    words = list(_WORD.finditer(text, max(lo, at - 80), at))[-NP_WORDS:]
    start, nxt = None, at
    for w in reversed(words):
        low = w.group(0).lower()
        if text[w.end():nxt].strip() or low in _STOP:
            break       # a comma, a dash, a word that ends no noun phrase
        start = nxt = w.start()
        if low in _DETERMINER:
            return start
    return start if prep and start is not None else None
