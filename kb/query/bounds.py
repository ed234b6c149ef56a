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
    """An EDTF date with unspecified digits (``19XX``, ``1985-XX``, ``1985-04-XX``, qualified or
    not: ``19XX~``) as :mod:`kb.dates.unspecified` reads it; None for anything else."""
    from ..dates.unspecified import unspecified

    got = unspecified(text)
    return _Span(got[0], got[1]) if got else None
