"""Builders of the rule registry for times relative to the anchor or to the date
before, vague references, durations, sets and clock times (rules in
:mod:`kb.dates.forms`); :data:`BUILDERS` names every builder of both modules.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import forms, forms_clock, forms_iran
from .calendar import add_months, iso_week, quarter
from .forms import Out, _anchor, _direction, _month, _num, _part, _unit, iso
from . import forms_more
from .forms_clock import _heading_day
from .forms_more import _fmt, _period, more_duration
from .lazy import lazy
from .registry import lookup
from .span import month_end

TOD = forms.TOD


# --------------------------------------------------------------------------
# relative to the anchor

def weekday(g, ctx, *args) -> Out | None:
    """A weekday: in the anchor's week, earlier in the past tense, later in the future
    and as a deadline ("until 9 a.m. Tuesday", :meth:`kb.dates.context.Ctx.deadline`);
    after last/next the one before or after the anchor; "the previous Friday" counts
    from the day named before it in the paragraph, when there is one."""
    wd = int(lookup("weekdays", g["w"].lower().rstrip("s")))
    if (same := forms_clock.apposed_day(ctx, wd)) is not None:
        return Out("date", iso(same))       # rule weekday-apposed: "On 30 June 2018, a Saturday,"
    a = forms_clock.stamp_day(ctx) or _anchor(ctx)
    r = " ".join((g.get("r") or "").lower().split())
    if r == "previous" and (g.get("the") or re.search(r"\bthe\s+$", ctx.left(5), re.IGNORECASE)):
        for m in reversed(ctx.before[-6:]):     # "down from the previous Friday": before the day named
            if ctx.start - m.end > 1000:
                break
            if m.rule in ("weekday", "month-day", "day-month") and m.span is not None:
                a = m.span.start
                break
    delta = wd - a.isoweekday()
    if r in ("last", "this past", "past", "previous"):
        d = a + timedelta(days=delta if delta < 0 else delta - 7)
    elif r in ("next", "this coming", "coming"):
        d = a + timedelta(days=delta if delta > 0 else delta + 7)
    else:
        left = ctx.left(60)
        way = "future" if ctx.deadline() or _ARRANGED.search(left) or (
            _SCHEDULED.search(left) and ctx.tense(strong=True) != "past") else _direction(ctx)
        if way == "future":
            d = a + timedelta(days=delta if delta >= 0 else delta + 7)
        elif way == "past":
            d = a + timedelta(days=delta if delta <= 0 else delta - 7)
        else:
            d = a + timedelta(days=delta if delta <= 0 else delta - 7)
    t = g.get("t2") or g.get("t")
    trim = _comparative(g)
    if t:
        return Out("time", f"{iso(d)}T{TOD[t.lower()]}", trim=trim)
    return Out("date", iso(d), _part(g), trim=trim)


# rule plan-arranged: a weekday just after an infinitive that a plan or an agreement governs
# ("agreed to meet again on Tuesday", "decided to hold talks Friday", "the summit is Tuesday"), or
# a modal ("must be finished by Tuesday"; not "could", the past of "can": "could not be located Wednesday"):
# the day arranged is to come (not "had agreed to...": a plan of the past; not "agreed
# Tuesday to meet": the day of the agreeing)
_ARRANGED = lazy(r"(?:(?<!\bhad\s)\b(?:(?:agreed|decided|promised|pledged|vowed|arranged|voted|"
                 r"agree|decide|promise|plan|want|hope)\s+to|(?:must|should|can|might)(?:\s+not)?(?!\s+have\b))\s+[a-z]+(?:\s+(?!(?:and|but|after|before|when|"
                 r"said|was|were|had)\b)[\w'’-]+){0,4}|\b(?:is|are)|\b(?:is|are)\s+set\s+for)\s+(?:on\s+)?$",
                 re.IGNORECASE)


# rule plan-present: the present of a scheduled event, a verb in -s a few words before the day with no noun
# marker before it ("the team plays Saturday", "the president travels to Paris on Tuesday", "parliament votes
# on the bill Thursday"): a timetable's day, to come (not "the reports Tuesday": a noun)
_SCHEDULED = lazy(r"(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\bits\s)(?<!\btheir\s)(?<!\bhis\s)(?<!\bher\s)\b"
                  r"(?:travels|visits|votes|plays|reopens|closes|gathers|heads|hosts|holds|launches|testifies|"
                  r"appears|speaks|addresses|faces|goes|flies|lands|tours|sits|rules|decides|debates|considers|"
                  r"hears|returns|leaves|ends|kicks\s+off|comes\s+into\s+force|takes\s+office|goes\s+on\s+trial|"
                  r"stands\s+trial|is\s+sworn\s+in)"
                  r"(?:\s+(?!(?:and|but|after|before|when|said|says|was|were|had|since|last)\b)[\w'’-]+){0,5}"
                  r"\s+(?:on\s+)?$", re.IGNORECASE)


def weekday_short(g, ctx, *args) -> Out | None:
    """Rule weekday-short: "thurs", "tues" anywhere; "wed", "sun", "sat" (also words) only in
    parentheses or set after a date ("13.3.88, sun"): the date's day when it falls on it, else
    read as the weekday in full."""
    w = g["w"].lower().rstrip(".")
    wd = int(lookup("weekdays_short", w))
    if (same := forms_clock.apposed_day(ctx, wd)) is not None:
        return Out("date", iso(same))
    if len(w) < 4 and not (ctx.left(1) == "(" and ctx.right(1) == ")"):
        return None
    return weekday({"w": forms_clock._WEEKDAY_NAMES[wd]}, ctx)


def weekday_clock(g, ctx, *args) -> Out | None:
    """Rule stamp for "Tuesday 5 pm": the weekday (:func:`weekday`) at that clock time."""
    hm = forms_clock.hour(g)
    if hm is None:
        return None
    return Out("time", f"{weekday({'w': g['w']}, ctx).value[:10]}T{hm[0]:02d}:{hm[1]:02d}")


def _comparative(g) -> int:
    """Rule earlier-day: "Earlier Friday", "later today": "earlier" and "later" place an
    event against another of the same day, they name no part of the day (TimeML's ``mod``
    has no value for them, as it has START for "early"): outside the span.  The
    characters to leave out."""
    p = g.get("p") or ""
    return len(p) + 1 if p.lower() in ("earlier", "later") else 0


_RELDAY = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "the day before yesterday": -2,
           "the day after tomorrow": 2, "last night": -1, "overnight": 0}


def relday(g, ctx, *args) -> Out:
    """"today", "tonight", "last night": the anchor's day, or the day of the stamp above
    (rule stamp-day); "overnight" under a morning's stamp is the night before."""
    stamp = forms_clock.stamp_day(ctx)
    a = stamp if stamp is not None else _anchor(ctx)
    w = " ".join(g["w"].lower().split())
    d = a + timedelta(days=_RELDAY[w] - (w == "overnight" and stamp is not None and forms_clock.morning_stamp(ctx)))
    mod = _part(g)
    t = g.get("t") or ("night" if w in ("tonight", "last night", "overnight") else None)
    trim = _comparative(g)
    if t:
        return Out("time", f"{iso(d)}T{TOD[t.lower()]}", trim=trim)
    return Out("date", iso(d), mod, trim=trim)


def this_tod(g, ctx, *args) -> Out:
    """"this morning", "the morning", "mid-afternoon yesterday": the anchor's day (or
    the day named) at that time of day."""
    if not g.get("w") and re.match(r"\s+of\s+[\dA-Z]", ctx.right(8)):
        return None     # "the night of Friday, Oct. 23": the day is the expression (as AQUAINT marks it)
    if g.get("w") or ctx.text[ctx.start:ctx.end].lower().split()[0] != "the":
        d = forms_clock.day_of(ctx) + timedelta(days=_RELDAY[g["w"].lower()] if g.get("w") else 0)
    else:       # "the evening": of the reference time (rule clock-reference), as "that evening"
        d = forms_clock.stamp_day(ctx) or forms_clock.reference_day(ctx) or forms_clock.day_of(ctx)
    return Out("time", f"{iso(d)}T{TOD[g['t'].lower()]}")


def _unit_value(u: str, d: date) -> str:
    if u == "D":
        return iso(d)
    if u in ("W", "WE"):
        return iso_week(d) + ("-WE" if u == "WE" else "")
    if u == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if u == "Q":
        y, q = quarter(d)
        return f"{y:04d}-Q{q}"
    if u == "DE":
        return f"{d.year // 10:03d}"
    if u == "CE":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


def shift(d: date, n: int, u: str) -> date:
    if u == "D":
        return d + timedelta(days=n)
    if u in ("W", "WE"):
        return d + timedelta(days=7 * n)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}[u] * n
    y, m = add_months(d.year, d.month, months)
    return date(y, m, min(d.day, month_end(y, m).day))


# the units a reference time must be at least as fine as, per unit counted from it
_AS_FINE = {"D": ("D",), "W": ("D",), "WE": ("D",), "M": ("D", "M"), "Q": ("D", "M", "Q"), "Y": ("D", "M", "Q", "Y")}


def unit_rel(g, ctx, *args) -> Out | None:
    """this/last/next/the coming/the past + unit; a part ("early next year") is a modifier."""
    a = _anchor(ctx)
    u = _unit(g["u"])
    if u in ("TH", "TM", "TS"):
        return None
    r = " ".join((g.get("r") or "this").lower().split())
    said = ctx.text[ctx.start:ctx.end].split()
    if len(said) > 1 and all(w[:1].isupper() for w in said) and not _SENTENCE_START.search(ctx.left(4)):
        return None     # a title: ABC's "This Week"
    if u == "Y" and r == "last" and not g.get("p") and (got := _same_period_before(ctx, compared=True)):
        return got
    if r in ("the past", "the last", "the next", "the coming") and not g.get("p") and u != "WE" \
            and _MEASURED.search(ctx.left(12)) and not ctx.text[ctx.start:ctx.end].endswith(" so"):
        a = ctx.anchor          # rule measured-unit: "over the past year", "for the next decade": how long
        s, e = (shift(a, -1, u), a) if r in ("the past", "the last") else (a, shift(a, 1, u))
        return Out("duration", _period(1, u), days=(s, e, "approximate", f"{iso(s)}/{iso(e)}~"))
    if r == "the next" and u in _AS_FINE and ctx.tense() == "past" and (got := _from_reference(u, 1, ctx)):
        return got      # rule next-in-past: "In 2011 exports rose.  The next year they fell": 2012
    n = -1 if r in ("last", "past", "previous", "the past", "the last", "the previous", "this past", "late last",
                    "the prior", "prior") else 1 if r in ("next", "coming", "the next", "the coming",
                                                          "the following", "following") else 0
    return Out("date", _unit_value(u, shift(a, n, u)), _part(g))


_SENTENCE_START = lazy(r"(?:^|[.!?:]\s*|\n\s*)$")
# a stretch measured, not a time located (TimeML: a duration unless it is a date anchored as a point)
_MEASURED = lazy(r"\b(?:for|over|throughout|within)\s+$", re.IGNORECASE)


def _same_period_before(ctx, figure: bool = True, compared: bool = False) -> Out | None:
    """"a year ago", "a year earlier" (in a sentence with a figure), "last year" (in one
    that compares figures), "year-ago": the period the text reports on, a year before
    (rule in :mod:`kb.dates.context`)."""
    topic = ctx.topic()
    if topic is None or (figure and not ctx.financial(compared)):
        return None
    return Out("date", f"{int(topic.value[:4]) - 1:04d}{topic.value[4:]}")


def the_unit(g, ctx, *args) -> Out | None:
    """"the year", "the week", "the weekend": the anchor's unit; "year-end" the last day
    of the anchor's year ("since year-end": of the year before)."""
    a = _anchor(ctx)
    u = _unit(g.get("u") or "year")
    if u in ("Y", "Q", "M") and not g.get("p") and re.match(r"\s+end(?:ed|ing)\b", ctx.right(8), re.IGNORECASE):
        return Out("duration", {"Y": "P1Y", "Q": "P3M", "M": "P1M"}[u])  # "the year ended March 31"
    d = a
    mod = _part(g) or (args[0] if args else None)
    if args and args[0] == "END" and u == "Y" and not _part(g):      # "year-end": its last day
        y = a.year - bool(re.search(r"\bsince\s+$", ctx.left(7), re.IGNORECASE))
        return Out("date", f"{y:04d}-12-31")
    if u == "WE" and d.isoweekday() < 5 and _direction(ctx) != "future":
        d -= timedelta(days=7)
    if u in ("DE", "CE") and (ref := ctx.reference(across=True)) is not None:
        d = ref.span.start      # rule the-decade: "the 1980s ... for most of the decade": the reference's
    if u == "Y" and (y := forms.covered_year(ctx)) is not None:
        d = date(y, 7, 1)       # rule covered-period: "during the year" of a report on 2015
    return Out("date", _unit_value(u, d), mod)


def ago(g, ctx, *args) -> Out | None:
    a = _anchor(ctx)
    u = _unit(g["u"])
    n = _num(g["n"]) if g.get("n") else "X"
    if n == "X" or u in ("TH", "TM", "TS"):
        return Out("date", "PAST_REF")
    k = int(n)
    if k == 1 and u == "Y" and (got := _same_period_before(ctx)):
        return got
    return Out("date", _unit_value(u, shift(a, -k, u)), "APPROX" if g.get("q") else None)


def offset(g, ctx, *args) -> Out | None:
    """"a year earlier", "two days later", "year-ago": from the date before (else the anchor)."""
    u = _unit(g["u"])
    if u in ("TH", "TM", "TS"):
        return None
    n = _num(g["n"]) if g.get("n") else 1
    how = args[0] if args else None
    if n == "X":
        return Out("date", "PAST_REF" if how == "back" else "FUTURE_REF")
    k = -int(n) if how == "back" or re.search(r"earlier|before|ago|prior", (g.get("dir") or ""),
                                              re.IGNORECASE) else int(n)
    if how == "prev":
        return _previous(u, ctx)
    if how == "that":       # "that year" is the reference's; "the following year" the one after
        k = 0 if re.match(r"(?:(?:earlier|later)\s+)?(?:that|the\s+same)\b", ctx.text[ctx.start:ctx.end], re.I) else 1
        if u == "Q" and k == 0 and (named := _last_quarter(ctx)):
            return Out("date", named)           # "that quarter": the quarter named last
        return _from_reference(u, k, ctx)       # "The following month, ..." may open a paragraph
    elif k == -1 and u == "Y" and (got := _same_period_before(ctx, figure=how != "back")):
        return got
    ref = ctx.reference() if how != "back" else None
    if ref is not None and k > 0 and ref.anchor is not None and ctx.anchor is not None \
            and shift(ref.span.start, k, u) > ctx.anchor and ctx.tense() != "future":
        # rule later-not-future: "thirty-one years later" counted from a date itself read against the
        # page's date ("this summer") would pass that date in a clause not about the future: the
        # clause tells of now ("archives remain closed, thirty-one years later"), the page's unit
        return Out("date", _unit_value(u, _anchor(ctx)))
    if ref is not None:
        rv = ref.value
        if re.match(r"\d{4}-Q\d$", rv) and u in ("Y", "Q"):
            q = int(rv[4 + 2]) - 1 + (k * 4 if u == "Y" else k)
            y = int(rv[:4]) + q // 4
            return Out("date", f"{y:04d}-Q{q % 4 + 1}")
        finer = {"D": 0, "W": 1, "WE": 1, "M": 2, "Q": 3, "Y": 4, "DE": 5, "CE": 6}
        ru = "D" if len(rv) == 10 else "M" if len(rv) == 7 and rv[4] == "-" else "Y" if len(rv) == 4 else None
        if ru is not None:
            unit = ru if finer[ru] <= finer[u] else u
            return Out("date", _unit_value(unit, shift(ref.span.start, k, u)))
    a = _anchor(ctx)
    return Out("date", _unit_value(u, shift(a, k, u)))


def _previous(u: str, ctx) -> Out:
    """Rule previous-unit: "the previous year", "the preceding day", "the prior month"
    count back from the reference time (TimeML): the last date of the paragraph when it
    is at least as fine as the unit ("In 1995 he left.  The previous year..." is 1994,
    "arrested on Oct. 3; the previous day" Oct. 2), else the anchor ("profit rose from
    $4 million the previous year" in 1998 is 1997); a year compared in a report on a
    period is that period a year before, as "a year earlier" is."""
    if u == "Y" and (got := _same_period_before(ctx)):
        return got
    return _from_reference(u, -1, ctx) or Out("date", _unit_value(u, shift(_anchor(ctx), -1, u)))


def _from_reference(u: str, k: int, ctx) -> Out | None:
    """The reference time (the paragraph's last date, or the last of the paragraph before
    for words that open one) moved by ``k`` units ``u``, when it is at least as fine as
    the unit; else None."""
    ref = ctx.reference(across=not ctx.text[:ctx.start].rstrip(" \t").endswith(tuple("abcdefghijklmnopqrstuvwxyz,;")))
    rv = ref.value if ref is not None else ""
    ru = "D" if len(rv) == 10 else "M" if len(rv) == 7 and rv[4] == "-" else "Q" if re.match(r"\d{4}-Q\d$", rv) \
        else "Y" if len(rv) == 4 else None
    if ru not in _AS_FINE.get(u, ()):
        return None
    return Out("date", _unit_value(u, shift(ref.span.start, k, u)))


def _last_quarter(ctx) -> str | None:
    """The value of the last quarter named in the paragraph before ``ctx`` ("the second
    quarter ended Oct. 31 ... Results for that quarter"), if any."""
    for m in reversed(ctx.before[-6:]):
        if ctx.start - m.end > 400 or "\n\n" in ctx.text[m.end:ctx.start]:
            break
        if re.match(r"\d{4}-Q\d$", m.value):
            return m.value
    return None


def vague(g, ctx, *args) -> Out | None:
    """A vague time word; not "soon after", "shortly before", "current account": words
    that modify another word, not a time.  ("previously", "formerly" are not in the
    list: they mostly modify a participle, "previously announced".)"""
    w = " ".join(g["v"].lower().split())
    right = ctx.right(14)
    if w in ("soon", "shortly") and (re.match(r"\s+(?:after|before|as|thereafter)\b", right, re.IGNORECASE)
                                     or re.search(r"\bas\s+$", ctx.left(4), re.IGNORECASE)):
        return None
    if w == "current" and re.match(r"\s+(?:account|accounts|assets|liabilities|affairs)\b", right, re.IGNORECASE):
        return None
    if w.endswith("future") and re.match(r"\s+of\b", right) and not re.search(r"\b(?:in|for|into)\s+$", ctx.left(6), re.I):
        return None     # rule future-of: "the plant is the future of the company": what lies ahead for it, no time
    if w.startswith("current") and re.search(r"\bthen[-\s]$", ctx.left(5), re.IGNORECASE):
        return Out("date", "PAST_REF")          # "the then current price": current at a past time
    return Out("date", lookup("vague", w))


_WHEN = lazy(r"(?:\b(?:in|of)\s+|^|[.;:]\s*)$", re.IGNORECASE)    # a time located, not measured


def window(g, ctx, *args) -> Out | None:
    """"recent years", "coming months", "past years": a vague stretch before (or after)
    the anchor, with approximate days (three of the units named, counted from the
    anchor); a vague date (PAST_REF, FUTURE_REF), or with the argument ``duration`` a
    duration (PXM), except where the words say when, not how long: "in recent years",
    "the boom of recent years" are the recent past (PAST_REF), "for recent months" a
    stretch."""
    a = _anchor(ctx)
    u = _unit(g.get("u") or g["u2"])
    if u in ("TH", "TM", "TS", "WE"):
        return None
    back = args and args[0] == "back"
    s = shift(a, -3 if back else 0, u) if back else a
    e = a if back else shift(a, 3, u)
    days = (s, e, "approximate", f"{iso(s)}/{iso(e)}~")
    if args and args[-1] == "duration" and not (back and _WHEN.search(ctx.left(8))):
        return Out("duration", f"PX{'M' if u == 'Q' else 'Y' if u == 'DE' else u}", days=days)   # "for recent months"
    return Out("date", "PAST_REF" if back else "FUTURE_REF", days=days)


# --------------------------------------------------------------------------
# durations, sets, clock times

_SET_BEFORE = lazy(r"\b(?:times|twice|once|thrice)\s+$", re.IGNORECASE)
_COUNTS = "one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|dozen|percent|cents?|dollars?|billion|million"
_RATE_BEFORE = lazy(r"(?:[\d$#%]|\b(?:" + _COUNTS + r"))\S*\s+(?:[a-z]+\s+){0,2}$", re.IGNORECASE)
_UNTIL_NOW = lazy(r"\b(?:for|within|in)\s+$", re.IGNORECASE)      # (and rule bare-units: kb.dates.forms_more.bare_units)
_HALF = {"Y": "P{n}Y6M", "M": "P{n}M15D", "D": "P{n}DT12H", "TH": "PT{n}H30M", "TM": "PT{n}M30S"}


#: what the verb "last" follows (rule last-verb): a modal, "to", a negation, a relative pronoun
_LAST_VERB = lazy(r"\b(?:could|would|will|may|might|can|cannot|should|must|to|not|never|which|that|usually|often|"
                  r"typically|only|generally)\s+$|['’]ll\s+$", re.IGNORECASE)


def duration(g, ctx, *args) -> Out | None:
    """A stretch of time: "three years", "the past two months", "a few days", "two-year".

    * "a year" after "times", "twice", "once" is a set (P1Y); after a count or an amount
      ("700 seats a week", "$2 million a year") it is a rate, a set too (rule rate: TimeML
      1.2.1 marks "a day" in "two million barrels a day" as the set P1D, quant EVERY);
    * a bare plural ("weeks") needs "the past/next...", "ahead", or "for"/"within"
      before it; "coming months", "past years" (no "the") are a vague date;
    * a unit joined to the next word ("a year-earlier loss") is that word's;
    * a count of quarters followed by "of" is a fraction ("three-quarters of"); "N years
      old", "N-year-old" an age; "a second" an ordinal: none of them a time;
    * "in N units" in a sentence about the future is the date N units after the anchor;
    * "the eight-year war", "the two day rally": the modifier, without "the";
    * "the past/next N units" also get the days they cover, approximate, counted from
      the anchor; "in the last few months" (after "in", "of": when, not how long) is
      the recent past, PAST_REF, with those days; "the year ended March 31" is a fiscal year (P1Y), in
      :func:`the_unit`."""
    u = _unit(g.get("u") or g["u2"])
    r = (g.get("r") or "").lower()
    said = g.get("n", "").lower()
    if r == "last" and not g.get("the") and _LAST_VERB.search(ctx.left(20)):
        # rule last-verb: "the campaign could last weeks", "limits that last ten years": the verb
        # "last" and the stretch it lasts, not "the last weeks"
        lead = re.match(r"last\s+", ctx.text[ctx.start:ctx.end], re.IGNORECASE).end()
        if not said:
            return Out("duration", _period("X", u), trim=lead)
        got = duration({k: v for k, v in g.items() if k != "r"}, ctx, *args)
        return None if got is None else Out(got.kind, got.value, got.mod, got.days, got.trim + lead)
    if u == "F":        # "a fortnight": two weeks
        if not said:
            return None
        n = _num(g["n"])
        return None if n == "X" else Out("duration", f"P{_fmt(2 * n)}W")
    if g.get("u3") and said:        # rule duration-and: "26 years and four months": P26Y4M
        return _compound(g, ctx)
    right = ctx.right(8)
    if not said and not r and not g.get("ahead") and not _UNTIL_NOW.search(ctx.left(8)) and not forms_more.bare_units(g, ctx):
        return None
    if not said and not g.get("the") and r in ("coming", "future", "past", "previous"):
        return window(g, ctx, "back" if r in ("past", "previous") else "ahead")   # "in coming months"
    if right.startswith("-"):
        return None         # "a year-earlier loss": the unit belongs to the word after it
    if u == "Q" and re.match(r"\s+of\b", right) or re.match(r"\s+old\b", right) \
            or ctx.text[ctx.start:ctx.end].lower().endswith("-old") or (said in ("a", "an") and u == "TS"):
        return None
    n = _num(g["n0"] if g.get("n0") else g["n"]) if said else "X"     # "two to three weeks": P2W
    if isinstance(n, int) and n >= 1000 and g["n"].isdigit():
        return None         # "the 1988 second quarter": a year, not a count
    if not r and n != "X" and re.search(r"\bin\s+$", ctx.left(4), re.IGNORECASE) and ctx.tense() == "future" \
            and ctx.anchor and u in ("D", "W", "M", "Y") and float(n).is_integer():
        a = _anchor(ctx)
        return Out("date", _unit_value(u, shift(a, int(n), u)))     # "redeemed in five years"
    if said == "one" and u == "D" and re.search(r"\b(?:will|would|could|may|might|shall)\s+$",
                                                ctx.left(8), re.IGNORECASE):
        return Out("date", "FUTURE_REF")        # "will one day be"
    if (g.get("n2") or g.get("half")) and n != "X":
        n = n + 0.5
    if u == "WE":
        return None
    if said in ("a", "an", "one", "per") and not r and not g.get("the"):
        if _SET_BEFORE.search(ctx.left(8)):
            return Out("set", f"PT1{u[1]}" if u.startswith("T") else f"P1{u}")
        rate = _RATE_BEFORE.search(ctx.left(30))
        if rate and not re.search(r"[.!?:;]\s", rate.group()) and not (g.get("half") or g.get("n2")):
            if said == "one" or u == "WE":
                return None
            return Out("set", _period(1, u))      # rule rate: "2 million barrels a day", "$50 billion a year"

    trim = 0
    if g.get("the") and not r and not ctx.text[ctx.start:ctx.end].lower().endswith("s") \
            and re.match(r"\s+[A-Za-z]", right):
        trim = len(g["the"])            # "the eight-year war", "the two day rally": a modifier
    days = None
    if r in ("past", "last", "previous", "next", "coming", "following") and ctx.anchor and u in ("D", "W", "M", "Y"):
        k = 3 if n == "X" else n
        if float(k).is_integer():
            a = ctx.anchor
            s, e = (shift(a, -int(k), u), a) if r in ("past", "last", "previous") else (a, shift(a, int(k), u))
            days = (s, e, "approximate", f"{iso(s)}/{iso(e)}~")
    if n == "X" and r in ("past", "last", "previous") and _WHEN.search(ctx.left(8)):
        return Out("date", "PAST_REF", days=days)       # "fallen in the last few months": when, not how long
    if n != "X" and not float(n).is_integer() and u in _HALF:       # "half an hour": PT30M, not PT0H30M
        return Out("duration", re.sub(r"(?<=[PT])0[YMDH]", "", _HALF[u].format(n=int(n))), days=days, trim=trim)
    if n != "X" and not float(n).is_integer() and u == "CE":
        return Out("duration", f"P{_fmt(n * 100)}Y", days=days, trim=trim)     # "the next half century": P50Y
    if u.startswith("T"):
        return Out("duration", f"PT{_fmt(n)}{u[1]}", days=days, trim=trim)
    if u == "DE":
        return Out("duration", f"P{_fmt(n * 10)}Y" if n != "X" else "PXY", days=days, trim=trim)    # in years
    if u == "Q":
        return Out("duration", f"P{_fmt(n * 3)}M" if n != "X" else "PXQ", days=days, trim=trim)
    if u == "CE":
        return Out("duration", f"P{_fmt(n)}CE", days=days, trim=trim)
    return Out("duration", f"P{_fmt(n)}{u}", days=days, trim=trim)


_ORDER = "YMWD"


def _compound(g, ctx) -> Out | None:
    """Rule duration-and: two counts of units joined by "and", the larger first ("26
    years and four months", "two hours and 15 minutes"): one duration."""
    n, u = _num(g["n"]), _unit(g["u"])
    n3, u3 = _num(g["n3"]), _unit(g["u3"])
    if "X" in (n, n3) or not (float(n).is_integer() and float(n3).is_integer()):
        return None
    time_units = ("TH", "TM", "TS")
    if (u in time_units) != (u3 in time_units):
        return None
    order = time_units if u in time_units else tuple(_ORDER)
    if u not in order or u3 not in order or order.index(u) >= order.index(u3):
        return None
    if u in time_units:
        return Out("duration", f"PT{int(n)}{u[1]}{int(n3)}{u3[1]}")
    return Out("duration", f"P{int(n)}{u}{int(n3)}{u3}")


def set_every(g, ctx, *args) -> Out | None:
    """A set: "each Thursday" XXXX-WXX-4, "each July" XXXX-07, "every winter" XXXX-WI,
    "every afternoon" XXXX-XX-XXTAF; "every quarter", "twice a week" the period that
    recurs (P1Q, P1W); "every six minutes" PT6M."""
    if g.get("other"):      # "every other day": every second day
        return Out("set", _period(2, _unit(g["ou"])))
    if g.get("w"):
        return Out("set", f"XXXX-WXX-{lookup('weekdays', g['w'].lower().rstrip('s'))}")
    if g.get("m") or g.get("m2"):
        return Out("set", f"XXXX-{_month(g.get('m') or g['m2']):02d}")
    if g.get("s") or g.get("s2"):
        return Out("set", f"XXXX-{lookup('seasons', g.get('s') or g['s2'])}")
    if g.get("t"):
        return Out("set", f"XXXX-XX-XXT{TOD[g['t'].lower()]}")
    if g.get("nu"):
        n = _num(g["n"])
        if n == "X":
            return None
        return Out("set", _period(n, _unit(g["nu"])))
    return Out("set", _period(1, _unit(g["u"])))


#: rule set-quarterly: "quarterly" recurs every three months, P3M, as TimeBank writes the word (wsj_0927
#: "Quarterly", P3M) and the field set ("report quarterly", P3M); "every quarter" stays P1Q (wsj_0568)
_ADVERB = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M",
           "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H", "nightly": "XXXX-XX-XXTNI"}


def set_adverb(g, ctx, *args) -> Out | None:
    """"annually", "daily": a set, unless it modifies a noun ("a quarterly dividend",
    "average daily volume") or an amount ("rise 8.5% annually")."""
    right = ctx.right(16)
    if re.match(r"\s+(?!(?:and|or|but|through|since|until|for|in|at|from|to|by|as|over|on|with|after|"
                r"before|during|thereafter|afterwards?|since|now|again)\b)[a-z]", right) or re.search(r"\b(?:its|their|the|a|an|average|initial|"
                                                             r"first)\s+$", ctx.left(10), re.IGNORECASE) \
            or re.search(r"%\s+$", ctx.left(3)):
        return None
    return Out("set", _ADVERB[g["v"].lower()])


def vague_duration(g, ctx, *args) -> Out:
    """"for some time", "for a while": a duration of no stated length."""
    return Out("duration", "PXX")


def clock(g, ctx, *args) -> Out | None:
    """A clock time, on the day named with it ("10 p.m. Wednesday", "5 p.m. EST Nov. 9",
    rule clock-day: "7:15 this morning", "about 3 a.m. yesterday", "Tuesday at noon":
    one time, as TimeML joins a time to its day), else on the anchor's day."""
    a = _anchor(ctx)
    t = (g.get("t") or "").lower()
    if t in ("noon", "midnight"):
        hh, mm = (12, 0) if t == "noon" else (24, 0)
    elif not g.get("mm") and not g.get("ap"):
        return None         # "rose 3 yesterday": a figure, no clock time
    else:
        hh = int(g["hh"])
        mm = int(g["mm"]) if g.get("mm") else 0
    ap = (g.get("ap") or "").lower().replace(".", "")
    if hh > 12 and ap or hh > 24:
        return None
    rd2 = (g.get("rd2") or "").lower()
    part = (g.get("tod") or g.get("tod2") or ("night" if rd2 else "")).lower()
    if not ap and part in ("afternoon", "evening", "night", "tonight") and hh < 12:
        ap = "pm"       # "7:15 this evening"
    if ap == "pm" and hh < 12:
        hh += 12
    if ap == "am" and hh == 12:
        hh = 0
    d = a
    if g.get("w"):
        d = date.fromisoformat(weekday({"w": g["w"]}, ctx).value[:10])
    elif g.get("m"):
        d = date.fromisoformat(forms.day({"m": g["m"], "d": g["d"]}, ctx).value)
    elif g.get("rd") or rd2:
        d = a + timedelta(days=_RELDAY[" ".join((g.get("rd") or rd2).lower().split())])
    elif (head := forms_clock.stamp_day(ctx) or _heading_day(ctx) or (
            None if part else forms_clock.reference_day(ctx))) is not None:     # "7:15 this morning": the anchor's
        d = head
    return Out("time", f"{iso(d)}T{hh:02d}:{mm:02d}")


BUILDERS = {f.__name__: f for f in (
    forms.day, forms.iso_day, forms.numeric_day, forms.month, forms.year, forms.decade, forms.century,
    forms.spelled_year, forms.season, forms.season_ref, forms.holiday, forms_more.quarter_ord, forms_more.quarter_rel,
    forms_more.half, forms_more.fiscal_year, forms_iran.solar, forms_iran.solar_bare, forms_iran.solar_year, forms_iran.lunar,
    forms_iran.lunar_year,
    weekday, relday, this_tod, unit_rel, the_unit, ago, offset, vague, window, duration, set_every, set_adverb,
    vague_duration, clock, more_duration, forms_iran.lunar_holiday, forms_iran.solar_year_named,
    forms_more.day_of_reference, forms_iran.solar_season, forms_iran.solar_year_bare,
    forms_clock.stamp, weekday_clock, weekday_short, forms_clock.short_day, forms_clock.short_month,
    forms_iran.nowruz, forms_clock.hours_clock, forms_clock.tod_ref, forms_clock.noon_midnight, forms_clock.word_clock, forms_clock.dtg, forms_clock.clock_hm, forms_clock.dotted_day, forms_clock.numeric,
    forms_clock.day_month_numeric, forms_clock.solar_numeric, forms_more.range_first, forms_more.range_second,
    forms_more.weekday_any)}
