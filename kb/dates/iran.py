"""Dates in the calendars of Iran's own sources, for :func:`kb.dates.find_dates`.

Persian-language and exile sources date events in the Solar Hijri calendar
(``30 Khordad 1360`` is 20 June 1981, ``Aban 1398`` is 23 October to 21
November 2019) and sometimes in the lunar Hijri one (``1 Muharram 1400 AH``).
The rules are those of ``kb/resources/dates/rules.txt`` whose builders read
these calendars (``solar-day``, ``solar-month``, ``solar-year``,
``lunar-date``, ``lunar-year``; month names and their transliterations in
``words/persian_months.txt`` and ``words/hijri_months.txt``); conversion is
``convertdate``'s (:mod:`kb.dates.calendar`).  A text is scanned for them only
when it holds one of those month names or an ``SH``/``AH`` marker, so other
texts pay one quick search.
"""

from __future__ import annotations

import functools
import re
from datetime import date

from .span import DateSpan

BUILDERS = ("solar", "solar_year", "lunar", "lunar_year")


@functools.cache
def _scanner():
    from .registry import rules
    from .scan import Scanner

    return Scanner(tuple(r for r in rules() if r.builder in BUILDERS))


@functools.cache
def _hint() -> tuple[re.Pattern, re.Pattern | None]:
    """The words that call for a scan, and where they can begin (:mod:`kb.dates.prefilter`)."""
    from .prefilter import starts
    from .registry import expand

    words = re.compile(expand(r"(?<!\w)(?:%Persian_months|%hijri_months|%sh|%ah)(?!\w)"), re.IGNORECASE)
    return words, starts(words)


def _hinted(text: str) -> bool:
    words, where = _hint()
    if where is None:
        return words.search(text) is not None
    return any(words.match(text, c.start()) for c in where.finditer(text))


def iran_dates(text: str, anchor: date | None = None, hinted: bool = False) -> list[tuple[int, int, DateSpan]]:
    """``(start, end, DateSpan)`` of every Solar or lunar Hijri date in ``text``;
    ``hinted``: the caller knows the text names a word of these calendars (:func:`_hinted`)."""
    if not hinted and not _hinted(text):
        return []
    from .context import Ctx
    from .forms_relative import BUILDERS as ALL

    out = []

    def accept(hit) -> bool:
        try:
            got = ALL[hit.rule.builder](hit.groups, Ctx(text, hit.start, hit.end, anchor), *hit.rule.args)
        except (LookupError, ValueError, OverflowError):
            return False
        if got is None:
            return False
        words = text[hit.start:hit.end]
        if got.days is not None:
            s, e, precision, edtf = got.days
        else:
            d = date.fromisoformat(got.value)
            s, e, precision, edtf = d, d, "day", got.value
        out.append((hit.start, hit.end, DateSpan(words, s, e, precision, edtf, None, hit.rule.name)))
        return True

    for _hit in _scanner().finditer(text, accept):
        pass
    return out
