"""TimeML-style mentions of dates in running text: :func:`tag_dates` (``kb tag``).

Baseline: the mentions of :func:`kb.dates.find_dates`, without a leading
preposition, with a TimeML value derived from their bounds.
"""

from __future__ import annotations

import re
from datetime import date

from .find import find_dates
from .mention import Mention
from .span import DateSpan

_LEAD = re.compile(r"(?:(?:in|on|by|since|during|until|from|at|of|between)\s+)", re.IGNORECASE)
_SEASON = {21: "SP", 22: "SU", 23: "FA", 24: "WI"}


def _value(span: DateSpan) -> str:
    if span.precision == "day":
        return span.start.isoformat()
    if span.precision == "month":
        return span.start.isoformat()[:7]
    if span.precision == "year":
        return str(span.start.year)
    if span.precision == "decade":
        return str(span.start.year)[:3]
    if span.precision == "season":
        return f"{span.edtf[:4]}-{_SEASON[int(span.edtf[5:7])]}"
    return span.edtf


def tag_dates(text: str, anchor: date | None = None) -> list[Mention]:
    out = []
    for s, e, span in find_dates(text, anchor):
        lead = _LEAD.match(text, s)
        if lead and lead.end() < e:
            s = lead.end()
        out.append(Mention(s, e, text[s:e], "date", _value(span), span.rule or "absolute", anchor, None, span))
    return out
