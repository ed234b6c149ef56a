"""Timeline bounds: FROM and TO as a user types them, turned into days.

ISO forms (``1979``, ``1979-07``, ``1979-07-15``) and EDTF's unspecified digits
(``19XX``, a century; ``1985-04-XX``) are read here without the date grammar, so
most timelines start fast; anything else (``July 1988``,
``the fall of 1976``) goes to :func:`kb.dates.parse_bound`.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from ..errors import KbError


def parse_range(bounds: list[str]) -> tuple[date, date]:
    """FROM and TO as given to ``kb timeline``: see the README for the forms.

    ``..`` (or an empty string) is an open end; one argument may hold both ends
    as ``1979..1988`` or ``1979/1988``; one bound alone means that period.
    """
    if len(bounds) == 1 and (".." in bounds[0] or "/" in bounds[0]):
        # an EDTF interval splits on its "/" first: its open end is ".." (1988/.., ../1988)
        sep = "/" if "/" in bounds[0] else ".."
        whole = bounds[0]
        bounds = whole.split(sep, 1)
        if sep in bounds[1]:
            raise KbError(f"timeline: {whole!r} holds more than two bounds")
    if len(bounds) > 2:
        raise KbError("timeline takes at most two bounds, FROM and TO")
    spans = []
    for b in bounds:
        b = b.strip()
        if b in ("", "..", "*", "open"):
            spans.append(None)
            continue
        quick = _iso_bound(b)
        if quick:
            spans.append(quick)
            continue
        from ..dates import DateError, parse_bound  # the full grammar: costly to load

        try:
            spans.append(parse_bound(b))
        except DateError as e:
            raise KbError(f"timeline: {e}") from None
    first = spans[0] if spans else None
    last = spans[-1] if spans else None
    lo = first.start if first else date.min
    hi = last.end if last else date.max
    if hi < lo:
        raise KbError(f"timeline: TO ({hi}) is before FROM ({lo})")
    return lo, hi


_ISO_BOUND = re.compile(r"(\d{4})(?:-(0[1-9]|1[0-2])(?:-(\d\d))?)?")  # years 0001 to 9999, as everywhere in kb
# EDTF's unspecified digits (ISO 8601-2): the last one to three digits of a year (198X a decade,
# 19XX a century, 1XXX a millennium), and a month or day of XX once all before it are given.
# An EDTF qualifier after it (~ approximate, ? uncertain, % both) keeps the bounds, as for 1988~.
# A pattern, compiled on first use (re caches it): most bounds are plain ISO and never need it.
_UNSPECIFIED = r"(?:(\d{1,3})(X{1,3})|(\d{4})-(?:XX(?:-XX)?|(0[1-9]|1[0-2])-XX))[~?%]?"


class _Span:
    __slots__ = ("start", "end")

    def __init__(self, start: date, end: date):
        self.start, self.end = start, end


def _iso_bound(text: str) -> _Span | None:
    """``1979``, ``1979-07`` or ``1979-07-15`` read without loading the date grammar.

    Same bounds as :func:`kb.dates.parse_bound`; anything else (or an
    impossible day such as ``1988-07-00``, for its error message) returns None.
    """
    m = _ISO_BOUND.fullmatch(text)
    if not m:
        return _unspecified(text)
    y, mo, d = int(m[1]), m[2] and int(m[2]), m[3] and int(m[3])
    if y == 0:                      # no year 0000: parse_bound says so
        return None
    try:
        if m[3] is not None:        # a day 00 is no day, not the whole month
            day = date(y, mo, d)
            return _Span(day, day)
        if m[2] is not None:
            nxt = date(y + (mo == 12), mo % 12 + 1, 1)
            return _Span(date(y, mo, 1), nxt - timedelta(days=1))
    except ValueError:
        return None
    return _Span(date(y, 1, 1), date(y, 12, 31))


def _unspecified(text: str) -> _Span | None:
    """An EDTF date with unspecified digits (``19XX``, ``1985-XX``, ``1985-04-XX``, ``1985-XX-XX``,
    qualified or not: ``19XX~``): the period they leave open, from its first day to its last
    (years from 0001); None for anything else."""
    m = re.fullmatch(_UNSPECIFIED, text)
    if not m:
        return None
    if m[1] is not None:
        if len(m[1]) + len(m[2]) != 4:
            return None
        step = 10 ** len(m[2])
        first = int(m[1]) * step
        return _Span(date(max(first, 1), 1, 1), date(first + step - 1, 12, 31))
    y = int(m[3])
    if y == 0:
        return None
    if m[4] is None:
        return _Span(date(y, 1, 1), date(y, 12, 31))
    mo = int(m[4])
    last = date(y, 12, 31) if mo == 12 else date(y, mo + 1, 1) - timedelta(days=1)
    return _Span(date(y, mo, 1), last)
