"""TimeML-style mentions of dates in running text: :func:`tag_dates` (``kb tag``).

The rules of :mod:`kb.dates.registry` (``kb/resources/dates/rules.txt``) are
scanned over the text (:mod:`kb.dates.scan`); each match goes to its builder
(:mod:`kb.dates.forms`), which reads it in its sentence and against the anchor
(:mod:`kb.dates.context`) or refuses it.  A mention's extent is the rule's
match, as TimeML marks it: no leading preposition ("in August" is "August"),
but a determiner or a modifier that belongs to the expression stays ("the
third quarter", "early next year").
"""

from __future__ import annotations

import re
from datetime import date

from .context import Ctx
from .mention import Mention, make
from .span import DateSpan


def tag_dates(text: str, anchor: date | None = None) -> list[Mention]:
    """Every date, time, duration and set in ``text``, in text order.  Without an
    anchor, expressions that need one ("Friday", "last year") are left out."""
    from .forms_relative import BUILDERS
    from .scan import scanner

    out: list[Mention] = []

    def accept(hit) -> bool:
        ctx = Ctx(text, hit.start, hit.end, anchor, out)
        try:
            got = BUILDERS[hit.rule.builder](hit.groups, ctx, *hit.rule.args)
        except (LookupError, ValueError, OverflowError):
            return False        # needs an anchor, or names no real day ("Feb. 30")
        if got is None:
            return False
        start = hit.start + got.trim
        words = text[start:hit.end]
        used = anchor if ctx.used_anchor else None
        span = None
        if got.days is not None:
            span = DateSpan(words, *got.days, anchor=used, rule=hit.rule.name)
        out.append(make(start, hit.end, words, got.kind, got.value, hit.rule.name, used, got.mod, span))
        return True

    for _hit in scanner().finditer(text, accept):
        pass
    return out


_DATELINE = re.compile(r"\A\s*(?:[A-Z][A-Za-z.'-]*(?:[ -][A-Z][A-Za-z.'-]*)*,\s+){1,2}(?:\(?[A-Z]{2,}\)?\s+)?"
                       r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?)\s*(?:\(|--|-|—|–|/|:|$)", re.M)


DATELINE_LINES = 4


def dateline(text: str, near: date | None = None) -> DateSpan | None:
    """The date of an article's dateline ("WASHINGTON, August 11 (Xinhua) --", "TEHRAN,
    Iran, Aug. 11, 1998 (AP)"), the article's date: with its year, that day; without
    it, the such day nearest ``near`` (a date the document gives elsewhere, a file's
    time), else None.  The dateline opens the article's first paragraph: the first
    :data:`DATELINE_LINES` lines that hold words are read (a headline or a byline may
    come before it), each only at its start."""
    m = None
    for first in [ln for ln in text[:1000].split("\n") if ln.strip()][:DATELINE_LINES]:
        m = _DATELINE.match(first[:200])
        if m:
            break
    if not m:
        return None
    found = [x for x in tag_dates(m.group("date"), near or date(2000, 1, 1)) if x.rule == "month-day"]
    if not found or found[0].span is None or (near is None and not re.search(r"\d{4}", m.group("date"))):
        return None
    d = found[0].span.start
    return DateSpan(m.group("date"), d, d, "day", d.isoformat(), near if near else None, "dateline")
