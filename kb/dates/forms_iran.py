"""Builders of the rule registry for the calendars of Iran's own sources: Solar Hijri
days, months and years ("30 Khordad 1360", "Aban 1398", "1357 SH"), with or without
their year ("on 25 Aban": rule solar-yearless), and lunar Hijri ones ("1 Muharram 1400
AH"); conversion is :mod:`kb.dates.calendar`'s.  Split from :mod:`kb.dates.forms`.
"""

from __future__ import annotations

import re
from datetime import date

from .calendar import (lunar_hijri, lunar_hijri_month, lunar_hijri_year, solar_hijri, solar_hijri_month,
                       solar_hijri_year)
from . import forms
from .forms import Out, _anchor, _day, _near_or, iso, lunar_year_of
from .lazy import lazy
from .registry import lookup, words

def holding(s: date, e: date) -> str:
    """The TimeML value of a stretch no ISO value names (a Solar or lunar Hijri month or
    year always straddles two Gregorian months): the smallest Gregorian unit that holds
    all of it ("Aban 1398", 23 Oct-21 Nov 2019: ``2019``; "Dey 1396", 22 Dec 2017-20 Jan
    2018: ``201``; the Solar year 1357, March 1978-March 1979: ``197``)."""
    if (s.year, s.month) == (e.year, e.month):
        return f"{s.year:04d}-{s.month:02d}"
    for width in (4, 3, 2):
        if str(s.year)[:width] == str(e.year)[:width]:
            return f"{s.year:04d}"[:width]
    return f"{s.year:04d}"[:1]


def _ranged(s: date, e: date) -> Out:
    return Out("date", holding(s, e), days=(s, e, "range", f"{iso(s)}/{iso(e)}"))


_SOLAR_YEAR_AFTER = lazy(r"\s+(?:and|to|through|until|-|–)\s+(?:\d{1,2}\s+)?[A-Z][a-z]+,?\s+(1[2-4]\d\d)(?!\d)")


def _solar_year_of(d: date) -> int:
    return d.year - 621 if d >= solar_hijri(d.year - 621, 1, 1) else d.year - 622


def _solar_yearless(m: int, day_: int | None, ctx) -> int:
    """Rule solar-yearless: the Solar year of a Solar month or day named without its
    year ("on 25 Aban", "in Tir").  The year of the month it is joined to ("Tir and
    Mordad 1360"); else, as TimeML reads a date without its year from the reference
    time, the one nearest the last date named before it in the text ("24 Aban 1398 ...
    on 25 Aban", "22 Bahman 1357 ... proclaimed on 12 Farvardin" of the next Solar
    year); else the one nearest the anchor, or the one the tense points to (as
    :func:`_near_or` places a Gregorian month and day)."""
    after = _SOLAR_YEAR_AFTER.match(ctx.text, ctx.end, ctx.end + 40)
    if after and ctx.text[after.start():after.end()].split()[-2].rstrip(",").lower() in words("persian_months"):
        return int(after.group(1))
    # rule solar-reference: the last Solar date before, else the last date the text gives (or a
    # month or day read without its year, as rule narrative-year takes it), never one read against
    # the anchor: in a memoir of 2015 that goes "in Mehr 1360 ... a Thursday night ... In Azar ...
    # since the spring ... in Dey and again in Bahman", Azar, Dey and Bahman are those of 1360
    ref = None
    for solar_only in (True, False):
        for x in reversed(ctx.before[-12:]):
            if x.span is not None and x.kind in ("date", "time") and x.value[:1].isdigit() \
                    and (x.span.end - x.span.start).days <= 366 and (x.anchor is None or x.rule in forms._YEARLESS) \
                    and (not solar_only or x.rule.startswith("solar")):
                ref = x.span.start
                break
        if ref is not None:
            break
    if ref is None:
        a = _anchor(ctx)
        sy = _solar_year_of(a)
        cands = {solar_hijri(y, m, day_ or 1): y for y in (sy - 1, sy, sy + 1)}
        return cands[_near_or(list(cands), a, ctx)]
    sy = _solar_year_of(ref)
    return min((sy - 1, sy, sy + 1), key=lambda y: abs((solar_hijri(y, m, day_ or 15) - ref).days))


def solar(g, ctx, *args) -> Out | None:
    m = int(lookup("persian_months", g["m"]))
    d = _day(g["d"]) if g.get("d") else None
    y = int(g["y"]) if g.get("y") else _solar_yearless(m, d, ctx)
    if d is not None:
        return Out("date", iso(solar_hijri(y, m, d)))
    got = _ranged(*solar_hijri_month(y, m))
    if g.get("p"):      # rule solar-part: "late Esfand" is Esfand, mod END, its days unchanged
        return Out(got.kind, got.value, forms._part(g), got.days)
    return got


_SOLAR_BEFORE = lazy(r"\b(?:in|into|of|during|until|till|through|since|from|by|before|after|early|late|mid-?)\s*$", re.IGNORECASE)


def solar_bare(g, ctx, *args) -> Out | None:
    """A Solar month or day without its year (rule solar-yearless): a day ("on 25
    Aban") always; a month alone ("in Tir", "into Azar") after a preposition, in a text
    that named a Solar date before it or with the year of the month it is joined to
    ("Tir and Mordad 1360"), as "Dey", "Mehr" and "Tir" are also names."""
    if not g.get("d"):
        joined = _SOLAR_YEAR_AFTER.match(ctx.text, ctx.end, ctx.end + 40)
        if not (g.get("p") or _SOLAR_BEFORE.search(ctx.left(12))) or not (
                joined or any(x.rule.startswith("solar") for x in ctx.before)):
            return None
    return solar(g, ctx)


def solar_year(g, ctx, *args) -> Out:
    return _ranged(*solar_hijri_year(int(g["y"])))


def lunar(g, ctx, *args) -> Out | None:
    y, m = int(g["y"]), int(lookup("hijri_months", g["m"]))
    if not g.get("ah") and y > 1500:
        return None
    if g.get("d"):
        return Out("date", iso(lunar_hijri(y, m, _day(g["d"]))))
    return _ranged(*lunar_hijri_month(y, m))


def lunar_year(g, ctx, *args) -> Out:
    return _ranged(*lunar_hijri_year(int(g["y"])))




def lunar_holiday(g, ctx, *args) -> Out | None:
    """Rule lunar-holiday: a holiday of the lunar Hijri calendar ("Tasua", "Ashura": the
    ninth and tenth of Muharram) is its day in the Hijri year given with it ("Ashura
    1400"), else in the Hijri year of the reference time (the date named before it in the
    paragraph: "the lunar months of 1399 AH ... On Tasua and Ashura"), else the one
    nearest the anchor or the one the tense points to, as a Gregorian holiday."""
    m, d = (int(x) for x in lookup("lunar_holidays", g["h"]).split("-"))
    if g.get("y"):
        return Out("date", iso(lunar_hijri(int(g["y"]), m, d)))
    ref = ctx.reference(across=True)
    if ref is not None and (ref.span.end - ref.span.start).days <= 366:
        hy = lunar_year_of(ref.span.start)
        got = min((lunar_hijri(y, m, d) for y in (hy - 1, hy, hy + 1)),
                  key=lambda c: abs((c - ref.span.start).days) + (0 if lunar_year_of(c) == hy else 400))
        return Out("date", iso(got))
    a = _anchor(ctx)
    hy = lunar_year_of(a)
    return Out("date", iso(_near_or([lunar_hijri(y, m, d) for y in (hy - 1, hy, hy + 1)], a, ctx)))


_SOLAR_CUE = lazy(r"\b(?:Solar\s+Hijri|Hijri\s+Shamsi|Shamsi|Persian\s+calendar|Iranian\s+calendar)\b|\bS\.?H\b")


_GLOSS = lazy(r"\s*\((?:\w+\.?\s+)*?(?P<y>1[5-9]\d\d|20\d\d)\)")       # "1367 (1988)", "(June 1988)"
_SOLAR_AHEAD = lazy(r"\b\d{1,2}\s+(?P<m>[A-Z][a-z]+)\s+(?P<y>1[2-4]\d\d)\b")        # "27 Tir 1367"


def solar_text(ctx, y: int) -> bool:
    """Whether a bare year ``y`` (1200-1499) is a Solar Hijri one (rule solar-context): the
    text names the calendar or a Solar date before it (rule solar-year-named), glosses it
    with its Gregorian year ("the summer of 1367 (1988)": 621 or 622 more), or names a Solar
    day of that same year in the next sentences ("... in 1367. Iran accepted the
    resolution on 27 Tir 1367")."""
    if any(x.rule.startswith("solar") for x in ctx.before) \
            or _SOLAR_CUE.search(ctx.text, max(0, ctx.start - 2000), ctx.start):
        return True
    gloss = _GLOSS.match(ctx.text, ctx.end, ctx.end + 24)
    if gloss and int(gloss["y"]) - y in (621, 622):
        return True
    return any(int(m["y"]) == y and m["m"].lower() in words("persian_months")
               for m in _SOLAR_AHEAD.finditer(ctx.text, ctx.end, ctx.end + 600))


#: the Solar months each season holds (spring Farvardin to Khordad... winter Dey to Esfand)
_SOLAR_SEASON = {"SP": 1, "SU": 4, "FA": 7, "WI": 10}


def solar_season(g, ctx, *args) -> Out | None:
    """Rule solar-season: "the summer of 1367" in a text that reckons by the Solar calendar
    (:func:`solar_text`, or "1367 SH") is the Solar year's summer (Tir to Shahrivar: 22 June
    to 22 September 1988), valued as the Gregorian season it lies in (``1988-SU``); a
    winter (Dey to Esfand) is that of the Gregorian year it begins in.  Elsewhere no date
    (a Gregorian "summer of 1367" is outside the years kb reads)."""
    y = int(g["y"])
    if not g.get("sh") and not solar_text(ctx, y):
        return None
    code = lookup("seasons", g["s"])
    first = _SOLAR_SEASON[code]
    s, e = solar_hijri_month(y, first)[0], solar_hijri_month(y, first + 2)[1]
    mod = words("parts").get(g["p"].lower().rstrip("- ")) if g.get("p") else None
    return Out("date", f"{s.year:04d}-{code}", mod, days=(s, e, "range", f"{iso(s)}/{iso(e)}"))


_BARE_BEFORE = lazy(r"\b(?:in|since|until|till|by|from|before|after|during|through)\s+$", re.IGNORECASE)
_BARE_AFTER = lazy(r"[.,]\d|\s*%|\s+(?:[a-z]+\s+)?(?:people|persons|men|women|prisoners|members|cases|dollars|rials|tomans)\b")


def solar_year_bare(g, ctx, *args) -> Out | None:
    """Rule solar-year-bare: a year 1200-1499 on its own after a date preposition ("since
    1357", "by 1360") in a text that reckons by the Solar calendar (:func:`solar_text`) is
    that Solar year (1357: March 1978 to March 1979, ``197``); elsewhere, or as a count
    ("in 1360 cases"), no date."""
    y = int(g["y"])
    if not _BARE_BEFORE.search(ctx.left(9)) or _BARE_AFTER.match(ctx.text, ctx.end, ctx.end + 24) \
            or not solar_text(ctx, y):
        return None
    return _ranged(*solar_hijri_year(y))


def solar_year_named(g, ctx, *args) -> Out | None:
    """Rule solar-year-named: "the year 1357" is a Solar Hijri year in a text that reckons
    by that calendar (it names it, or a Solar date, before these words); elsewhere the
    Gregorian year the words name ("in the year 1357 the plague came")."""
    y = int(g["y"])
    if not (any(x.rule.startswith("solar") for x in ctx.before)
            or _SOLAR_CUE.search(ctx.text, max(0, ctx.start - 2000), ctx.start)):
        return Out("date", f"{y:04d}")
    return _ranged(*solar_hijri_year(y))


_HOLIDAY_BEFORE = lazy(r"\b(?:in|at|on|during|before|after|until|till|since|by|over|around|for)\s+$", re.IGNORECASE)


def nowruz(g, ctx, *args) -> Out | None:
    """Rule nowruz: the Iranian new year, 1 Farvardin (the March equinox at Tehran): of the
    Solar year given ("Nowruz 1364"), of the Gregorian year given ("Nowruz 1935"), else of the
    year of the reference time or the one nearest the anchor; "the eve of" is the day before."""
    from datetime import timedelta

    from .calendar import _nowruz

    if g.get("y"):
        y = int(g["y"])
        day_ = _nowruz(y if y < 1500 else y - 621)
    else:
        from .forms_clock import habitual

        if habitual(ctx) or not _HOLIDAY_BEFORE.search(ctx.left(12)) or re.match(r"\s+[a-z]", ctx.right(3)):
            return None     # "every Nowruz", "the Nowruz message": a holiday of no year, a name's word
        a = _anchor(ctx)
        ref = ctx.heading_year() or forms.covered_year(ctx)
        if ref is None and (story := forms._story(ctx, a)) is not None:
            ref = story.start.year
        if ref is None and (at := ctx.reference()) is not None and at.anchor is None \
                and (at.span.end - at.span.start).days <= 366:
            # rule nowruz-reference: the Nowruz nearest the paragraph's date given whole ("left in
            # March 1984, a week before Nowruz"; "12.03.88: ... schools closed until after nowruz")
            ref = min((at.span.start.year - 1, at.span.start.year, at.span.start.year + 1),
                      key=lambda y: abs((_nowruz(y - 621) - at.span.start).days))
        if ref is None:
            return None     # a holiday named with no year the text is about: the feast in general
        day_ = _nowruz(ref - 621)
    if g.get("eve"):
        day_ -= timedelta(days=1)
    return Out("date", iso(day_))
