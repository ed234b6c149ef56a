"""Dates in running text: :func:`find_dates` (``kb ingest``).

In running text "and" joins a range only after "between": "between 1979 and
1981" is one range, while "in November 2019 and January 2020" or "in 1979 and
1981" names two dates, found as two spans at the unit of each side (rule
``coordinated``).  Two decades ("the 1950s and 1960s") stay one range, and so
do months that follow each other ("both September and October", "April, May,
and June").  A year glued to the next word of scraped text ("July2019In")
still ends the date.

Also here: whether a bare year is a date at all (not a count, "2000 people"),
and whether it is a modifier (:func:`modifier_year`, "the 1979 revolution"); a
month or day without its year in a future-tense sentence read forward
(:func:`_forward`).
Dates counted from an earlier one are :mod:`kb.dates.referential`'s.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Iterator

from .context import tense
from .iran import iran_dates
from .grammar import REFERENTIAL_FORMS, RELATIVE_FORMS, _MON_RX, _groups, _mon, _scanner, scan_dates
from .parse import _build, _latest_month, _mk
from .referential import _referential
from .span import DateError, DateSpan, _iso_month, month_span


def find_dates(text: str, anchor: date | None = None, relative_refs: bool = True,
               matches: list[re.Match] | None = None) -> Iterator[tuple[int, int, DateSpan]]:
    """Every date in running text as ``(start_offset, end_offset, DateSpan)``, in
    text order, with the dates of Iran's calendars (:mod:`kb.dates.iran`): a
    Gregorian reading that overlaps one of those gives way to it."""
    other = iran_dates(text, anchor)
    if not other:
        yield from _find_dates(text, anchor, relative_refs, matches)
        return
    k = 0
    for found in _find_dates(text, anchor, relative_refs, matches):
        while k < len(other) and other[k][0] < found[0]:
            yield other[k]
            k += 1
        if any(s < found[1] and found[0] < e for s, e, _ in other):
            continue
        yield found
    yield from other[k:]


def _find_dates(text: str, anchor: date | None, relative_refs: bool,
                matches: list[re.Match] | None) -> Iterator[tuple[int, int, DateSpan]]:
    """The dates of the grammar in running text (:func:`find_dates`).

    Relative forms are skipped when no anchor is given.  A bare year must not
    look like a count ("2000 people"): it needs a preposition or a date word
    near it, or to stand in a heading.  Dates counted from the date before
    them use only absolute dates as their reference when ``relative_refs`` is
    false (for a page whose anchor is a guess).  ``matches`` are those of
    :func:`scan_dates` for this text, if the caller has them already.
    """
    before: list = []       # (start, end, span, is a modifier year, is relative)
    hint = None             # a counted date the text restates at once, and where
    for m in (scan_dates(text) if matches is None else matches):
        form = m.lastgroup
        if form in RELATIVE_FORMS and anchor is None:
            continue
        if form == "year" and not _year_context(text, m.start(), m.end()):
            continue
        if form == "md_noyear" and m.group("o_m").lower().rstrip(".") == "may" and not re.match(
                r"May\s", m.group()):
            continue
        if form == "dm_noyear" and m.group("dn_m").lower() == "may" and m.group("dn_m") != "May":
            continue      # "10 may be": the verb
        if form in ("month_list_y", "month_list"):
            for found in _month_list(m, form, anchor):
                before.append((*found, False, form == "month_list"))
                yield found
            continue
        if form in REFERENTIAL_FORMS:
            span = _referential(m, form, before, text, relative_refs)
            restated = _RESTATED.match(text, m.end()).end()
            if _scanner().match(text, restated):
                hint = (span, restated)   # "One week later, on July 29th": July 29th it is
            elif span is not None:
                before.append((m.start(), m.end(), span, False, False))
                yield m.start(), m.end(), span
            continue
        use_anchor = anchor
        if hint and hint[0] is not None and hint[1] == m.start() and form in _NO_YEAR:
            use_anchor = date(hint[0].end.year, 12, 31)
        try:
            span = _build(form, _groups(m), m.group().strip(), use_anchor)
        except DateError:
            continue
        if form in _NO_YEAR and use_anchor is anchor and span.end < anchor and \
                tense(text, m.start(), m.end(), strong=True) == "future":
            span = _forward(span)
        if use_anchor is not anchor:
            span = DateSpan(span.text, span.start, span.end, span.precision, span.edtf, span.anchor,
                            f"{span.rule}; restating {hint[0].text!r}")
        hint = None
        if form in _COORDINABLE and span.precision == "range":
            pair = _coordinated(m, span)
            if pair:
                before.extend((*p, False, False) for p in pair)
                yield from pair
                continue
        before.append((m.start(), m.end(), span, modifier_year(text, m.start(), m.end(), span),
                       form in RELATIVE_FORMS))
        yield m.start(), m.end(), span


_NO_YEAR = {"md_noyear", "dm_noyear", "in_month", "part_month_noyear"}
def _forward(span: DateSpan) -> DateSpan:
    """A month or day without its year in a future-tense sentence ("In September the
    board will open a college", with "will", "shall", "going to", "'ll", "next" or
    "tomorrow" the nearest tense word): not the latest one before the anchor but the
    one a year later, the first after it (:func:`kb.dates.context.tense`, strong)."""
    def later(d: date) -> date:
        return d.replace(year=d.year + 1) if (d.month, d.day) != (2, 29) else date(d.year + 1, 2, 28)
    s, e = later(span.start), later(span.end)
    if span.precision == "month":
        e = month_span(s.year, s.month)[1]
        edtf = _iso_month(s)
    elif span.precision == "day":
        edtf = s.isoformat()
    else:
        edtf = f"{s.isoformat()}/{e.isoformat()}"
    return DateSpan(span.text, s, e, span.precision, edtf, span.anchor, f"{span.rule}; future tense")
_RESTATED = re.compile(r"\s*,?\s*(?:(?:on|in|by)\s+)?")

_YEAR_ONLY = re.compile(r"\d{4}$")
_MODIFIER_BEFORE = re.compile(r"(?:\b(?:the|a|this|that|its|their|his|her)\s+|[’']s\s+|\b(?:post|pre)-)$",
                              re.IGNORECASE)
_MODIFIER_AFTER = re.compile(r"\s+(?!(?:and|or|to|through|until|till|when|that|which|as|with|in|on|"
                             r"at|by|of|for|from)\b)[A-Za-z]")


_POST_PRE = re.compile(r"\b(?:post|pre)-$", re.IGNORECASE)


def modifier_year(text: str, s: int, e: int, span: DateSpan) -> bool:
    """Is the bare year at ``text[s:e]`` a modifier, not the time of its clause:
    "the 1979 revolution", "Iran's 2009 election", "post-1981"?  The clause then
    names an earlier event in passing."""
    if span.precision != "year" or not _YEAR_ONLY.fullmatch(text[s:e].strip()):
        return False
    before = text[max(0, s - 8):s]
    if _POST_PRE.search(before):
        return True
    return bool(_MODIFIER_BEFORE.search(before)) and bool(_MODIFIER_AFTER.match(text, e))


def _month_list(m: re.Match, form: str, anchor: date | None):
    """A list of months is one range when they follow each other ("April, May, and
    June": a season of floods), else one date per month ("March and June 2019")."""
    g = _groups(m)
    words = g.get("la") or g.get("lb")
    at = m.start("la" if "la" in g else "lb")
    found = [(at + x.start(), at + x.end(), _mon(x.group())) for x in _MON_RX.finditer(words)]
    months = [k for _, _, k in found]
    if all(b == a + 1 for a, b in zip(months, months[1:])):
        try:
            yield m.start(), m.end(), _build(form, g, m.group().strip(), anchor)
        except DateError:
            pass
        return
    if form == "month_list_y":
        y = int(g["ly"])
    else:
        y = None
    for s, e, k in found:
        try:
            if y is None:
                yy = _latest_month(k, anchor, strictly_before=False)
                rule = "month-no-year; coordinated"
            else:
                yy, rule = y, "coordinated"
            t = m.string[s:e]
            yield s, e, _mk(t, *month_span(yy, k), "month", f"{yy:04d}-{k:02d}", anchor if y is None else None, rule)
        except DateError:
            continue


_COORDINABLE = {"md_md_y", "md_d_y", "d_dm_y", "m_my", "y_y"}
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


def _coordinated(m: re.Match, span: DateSpan):
    """"X and Y" without "between": the two dates X and Y, not the range X..Y."""
    text = m.group()
    if text.lower().startswith("between"):
        return None
    a = _AND.search(text)
    if not a:
        return None
    s, e = span.start, span.end
    if m.lastgroup == "y_y":
        first = (date(s.year, 1, 1), date(s.year, 12, 31), "year", str(s.year))
        second = (date(e.year, 1, 1), e, "year", str(e.year))
    elif m.lastgroup == "m_my":
        first = (*month_span(s.year, s.month), "month", _iso_month(s))
        second = (*month_span(e.year, e.month), "month", _iso_month(e))
    else:
        first = (s, s, "day", s.isoformat())
        second = (e, e, "day", e.isoformat())
    lt, rt = text[:a.start()], text[a.end():]
    return [(m.start(), m.start() + a.start(), DateSpan(lt, *first, rule="coordinated")),
            (m.start() + a.end(), m.end(), DateSpan(rt, *second, rule="coordinated"))]


_YEAR_BEFORE = re.compile(
    r"(?:\b(?:in|since|until|till|by|of|from|during|after|before|early|late|mid|the|and|to|"
    r"year|spring|summer|fall|autumn|winter|–|-)\s*|^|\n|\()$", re.IGNORECASE)
_COUNT_AFTER = re.compile(r"^\s+(?:[a-z]+\s+)?(?:people|persons|protesters|members|prisoners|"
                          r"cities|killed|dead|deaths|executed|arrested|troops|men|women|"
                          r"students|workers|supporters|individuals|times)\b", re.IGNORECASE)


def _year_context(text: str, start: int, end: int) -> bool:
    if _COUNT_AFTER.match(text[end:end + 40]):
        return False
    before = text[max(0, start - 12):start]
    return bool(_YEAR_BEFORE.search(before)) or text[end:end + 1] in (",", ":", ")", ".")
