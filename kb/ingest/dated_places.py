"""The places inside dates that the figure finder passes over (:func:`kb.ingest.figures._figures`).

A figure that begins inside a date is dropped (the date's numbers count nothing), so
the finder need not match one there, but a match also ends the stretch the finder has
read: the places it covers are not tried.  :func:`passed_over` says when leaving out
the match at a digit inside a date changes nothing: when every place to try within
its reach (:data:`DIGIT_REACH`, which reaches at least as far as any figure that
begins with a digit) is a digit inside a date too.  Those places are left out alike
(each has the same reach: the reach is read a character or a word at a time, and a
digit is one of its steps), and the first place beyond the reach is tried either way,
as no match of those could have covered it.  "On June 1, 1970 the council met": the
"1" and the "1970" are passed over, where the "1" was matched and its figure dropped.
"""

from __future__ import annotations

import re

from ..dates.lazy import lazy

# what a figure that begins with a digit can hold (digits, a range's dash or "to", a scale
# word, a share), read greedily: it reaches at least as far as such a figure
DIGIT_REACH = lazy(r"(?:[\d,.%–—-]|\s|to|hundred|thousand|million|billion|per|cent)*", re.IGNORECASE)


def passed_over(text: str, p: int, where: list[int], j: int, dated) -> bool:
    """Whether the figure finder may leave out the digit at ``p``, inside a date, and try
    no match there (module docstring): the places to try after it, ``where[j:]`` (in order),
    hold none but digits inside dates (``dated(q)``) up to where a match at ``p`` could reach."""
    reach = DIGIT_REACH.match(text, p).end()
    n = len(where)
    while j < n and where[j] < reach:
        q = where[j]
        if not (text[q].isdigit() and dated(q)):
            return False
        j += 1
    return True
