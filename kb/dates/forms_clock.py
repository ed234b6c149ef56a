"""Builders of the rule registry for clock times written with their day (a post's time stamp,
a cable's date-time group), clock times of 24 hours, and the day a stamp gives the times of
day after it (rule stamp-day, read by :mod:`kb.dates.forms_relative`).

Rule *stamp*: a day and a clock time written together ("28 Dec, 10:40 pm", "Wed 8 Jan,
7:31 am", "11 Jan, 18:30", "1 Jan 2018, 00:20", "Fri 10 Jan, noon", "Tuesday 5 pm") are
one time of that day, as TimeML joins a time to its day ("5 p.m. EST Nov. 9").

Rule *dtg*: a military or diplomatic date-time group ("071430Z SEP 78": day, hour and
minute, Z for Greenwich, month, year; "15 JUL 2015 0930Z") is one time.

Rule *clock-24*: "09:30", "23:15", "6:12" (hours 0-23, two digits of minutes, no a.m.
or p.m.) is a time of day of the 24-hour clock; the first end of a range takes the
second's a.m. or p.m. ("2:00-3:40 pm").

Rule *stamp-day*: in a thread of time-stamped posts, a log or a diary, a line that opens
with a stamp (a day and a time, or a day alone with its time after it) gives its day to
what follows until the next stamp: "this morning", "tonight", "last night", "today",
"tomorrow", a clock time without a day, are read against the stamp's day, not the page's
(:func:`stamp_day`).
"""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta

from . import forms
from .context import sentence
from .forms import Out, iso
from .lazy import lazy
from .registry import lookup, words

#: the farthest a stamp's day reaches down its thread, in characters
STAMP_REACH = 3000
_STAMP_RULES = frozenset(("stamp", "dtg", "dtg-day", "day-month", "month-day", "numeric-day", "dotted-day"))
# what may come before a stamp on its line: a list mark, a bracket, a label ("Pinned,")
_STAMP_HEAD = lazy(r"[ \t]*(?:[-*•#>|]+[ \t]*)?[\[(]?(?:[A-Za-z]+,[ \t]*)?$")


def hour(g) -> tuple[int, int] | None:
    """The hour and minute of a rule's groups (``hh``/``mm``/``ap``, or ``hh2``/``ap2``, or ``t``
    noon or midnight), or None where they name no time of the clock."""
    g = {k.rstrip("2"): v for k, v in g.items()}
    t = (g.get("t") or "").lower()
    if t:
        return (12, 0) if t == "noon" else (24, 0)
    hh, mm = int(g["hh"]), int(g.get("mm") or 0)
    ap = (g.get("ap") or "").lower().replace(".", "").replace(" ", "")
    if hh > 24 or (ap and (hh > 12 or hh == 0)):
        return None
    if ap == "pm" and hh < 12:
        hh += 12
    elif ap == "am" and hh == 12:
        hh = 0
    return hh, mm


def stamp(g, ctx, *args) -> Out | None:
    """Rule stamp: a day (with or without its year and weekday) and a clock time, one time."""
    g = dict(g)
    for a, b in (("m2", "m"), ("d2", "d"), ("hh2", "hh"), ("ap2", "ap")):
        if a in g:
            g[b] = g.pop(a)
    hm = hour(g)
    if hm is None or _AP_AFTER.match(ctx.text, ctx.end):
        return None     # "8 October 2022, 2:00-3:40 pm": a range of times, each its own
    day = {k: g[k] for k in ("m", "d", "y") if k in g}
    if "wd" in g and "y" not in g:
        wd = g["wd"].lower().rstrip(".")
        day["wd"] = _WEEKDAY_NAMES[int(lookup("weekdays_short", wd))] if wd in words("weekdays_short") else wd
    d = date.fromisoformat(forms.day(day, ctx).value)
    return Out("time", f"{iso(d)}T{hm[0]:02d}:{hm[1]:02d}")


_WEEKDAY_NAMES = (None, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def dtg(g, ctx, *args) -> Out | None:
    """Rule dtg: "071430Z SEP 78", "15 JUL 2015 0930Z": one time of the day named."""
    hh, mm = int(g["hh"]), int(g["mm"])
    d = date(forms._year(g["y"]), forms._month(g["m"]), int(g["d"]))
    return Out("time", f"{iso(d)}T{hh:02d}:{mm:02d}")


_AP_AFTER = lazy(r"\s*(?:-|–|to|until)\s*(?:[01]?\d|2[0-3])(?::[0-5]\d)?\s?(?P<ap>[ap]\.m\.|[ap]m)(?![\w])",
                 re.IGNORECASE)


def clock_hm(g, ctx, *args) -> Out | None:
    """Rule clock-24: "09:30", "23:15": a time of the 24-hour clock, on the day of the stamp
    above it (rule stamp-day), of a heading, else of the anchor."""
    hh, mm = int(g["hh"]), int(g["mm"])
    ap = _AP_AFTER.match(ctx.text, ctx.end)
    if len(g["hh"]) == 1 and not g.get("q") and ap is None and not _TIME_WORD.search(ctx.left(24)):
        return None     # "John 3:16": a verse, a score

    if ap is not None and hh <= 12:         # "2:00-3:40 pm": the first end is p.m. too
        hh = hour({"hh": str(hh), "mm": str(mm), "ap": ap.group("ap")})[0]
    d = day_of(ctx)
    return Out("time", f"{iso(d)}T{hh:02d}:{mm:02d}")


# what an hour of one digit follows: a word of time, a line's head ("6:12", not "John 3:16")
_TIME_WORD = lazy(r"(?:\b(?:at|by|until|till|to|from|since|before|after|around|about|opens?|opened|closes?|closed|"
                  r"starts?|started|ends?|ended|left|arrived?|landed|departed|gives|time)|^|\n)[ \t]*[-*•\[(]?[ \t]*$",
                  re.IGNORECASE)


def day_of(ctx) -> date:
    """The day of a time of day with no day of its own: a stamp's above it (rule stamp-day),
    a heading's (rule heading-day), else the anchor."""
    s = stamp_day(ctx)
    if s is not None:
        return s
    head = _heading_day(ctx)
    return head if head is not None else forms._anchor(ctx)


_APPOSED = lazy(r",\s*(?:a\s+|the\s+)?|[^\n,;.]{0,40}\(", re.IGNORECASE)


def apposed_day(ctx, wd: int) -> date | None:
    """Rule weekday-apposed: a weekday set after a day's date by a comma ("On 30 June 2018, a
    Saturday, police...", "delivered 4 February 2021, Thursday") is that date's day, when it
    falls on that weekday; None elsewhere."""
    if not ctx.before:
        return None
    m = ctx.before[-1]
    if m.span is None or m.span.start != m.span.end or m.kind != "date" or m.end < ctx.start - 45:
        return None
    if not _APPOSED.fullmatch(ctx.text, m.end, ctx.start) or m.span.start.isoweekday() != wd:
        return None
    return m.span.start


def reference_day(ctx) -> date | None:
    """Rule clock-reference: the day of the reference time of a clock time with no day of its
    own: the last date of its paragraph before it, when that names one day of the calendar
    ("Judgment delivered 4 February 2021, Thursday, in open court at about 9 a.m.")."""
    m = ctx.reference()
    if m is None or m.span is None or m.span.start != m.span.end or m.kind not in ("date", "time") or (
            m.kind == "time" and not _CLOCK_VALUE.search(m.value)):
        return None     # "Wednesday night ... through the morning": a night gives no one day's morning
    s, e = sentence(ctx.text, ctx.start, ctx.end)
    if _HABIT.search(ctx.text, s, e):
        return None     # "publishes new figures daily at 6 p.m.": a habit's time, no day's
    return m.span.start


_CLOCK_VALUE = lazy(r"T\d")
_HABIT = lazy(r"\b(?:daily|nightly|weekly|every|each|usually|always|often|normally|routinely)\b", re.IGNORECASE)


def stamp_day(ctx) -> date | None:
    """Rule stamp-day: the day of the last stamp above ``ctx`` (:func:`stamp_of`), or None
    (also where the stamp is the anchor's day: a creation time's line, read from the anchor)."""
    m = stamp_of(ctx)
    return None if m is None or m.span.start == ctx.anchor else m.span.start


def stamp_of(ctx):
    """The last stamp above ``ctx`` within :data:`STAMP_REACH` characters: a time of a day, or
    a day, that opens its line (after a list mark, a bracket or a label) with a clock time
    right after it (a post's stamp, a log's entry).  None when there is none."""
    text = ctx.text
    for m in reversed(ctx.before):
        if ctx.start - m.end > STAMP_REACH:
            return None
        if m.rule not in _STAMP_RULES or m.span is None or m.span.start != m.span.end:
            continue
        line = text.rfind("\n", 0, m.start) + 1
        if not _STAMP_HEAD.match(text[line:m.start]):
            continue
        if not text[:line].strip() and not text[m.end:text.find("\n", m.end) % (len(text) + 1)].strip(" \t:.,0123456789"):
            return None     # the text's date line at its top ("02/27/1998 08:17:00"): its creation time
        if m.rule in ("stamp", "dtg", "dtg-day") or _TIME_AFTER.match(text, m.end):
            return m
    return None


def morning_stamp(ctx) -> bool:
    """Is the stamp above ``ctx`` a time before noon ("overnight" said then is the night before)?"""
    m = stamp_of(ctx)
    return m is not None and "T" in m.value and m.value[11:13].isdigit() and int(m.value[11:13]) < 12


# a day and then its time on a stamp's line ("tue 14.2.23, reading room opens 09:30")
_TIME_AFTER = lazy(r"[^\n]{0,40}?\b(?:[01]?\d|2[0-3])[:.][0-5]\d\b")


def shifted(ctx, days: int) -> date | None:
    """The stamp's day moved by ``days``, or None where no stamp is above."""
    s = stamp_day(ctx)
    return None if s is None else s + timedelta(days=days)


# --------------------------------------------------------------------------
# numeric dates in the order their text uses (rules day-first, dotted-day, solar-numeric)

_NUMERIC = lazy(r"(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2(?:\d{4}|\d\d)(?![\d/])")


@functools.lru_cache(maxsize=8)
def day_first(text: str) -> bool:
    """Rule day-first: does ``text`` write its numeric dates day first: some first number
    over 12 ("22/9/1980", "24.5.82") and no second number over 12 ("10/19/87")?"""
    first = second = 0
    for m in _NUMERIC.finditer(text):
        a, b = int(m.group(1)), int(m.group(3))
        first += a > 12 and b <= 12
        second += b > 12 and a <= 12
    return first > 0 and second == 0


def numeric(g, ctx, *args) -> Out | None:
    """A numeric date d/m/y or m/d/y: month first unless its numbers or its text say day first."""
    a, b = int(g["m"]), int(g["d"])
    if a > 12 or (b <= 12 and day_first(ctx.text)):
        a, b = b, a
    if a > 12:
        return None
    return Out("date", iso(date(forms._year(g["y"]), a, b)))


_SECTION = lazy(r"(?:\b(?:section|sections|sec|para|paras|paragraph|chapter|art|article|rule|clause|v|version|no)\.?|§)\s*$",
                re.IGNORECASE)


def dotted_day(g, ctx, *args) -> Out | None:
    """Rule dotted-day: d.m.yy, d.m.yyyy, day first; not a section's or a version's number."""
    if _SECTION.search(ctx.left(12)):
        return None
    d = date(forms._year(g["y"]), int(g["m"]), int(g["d"]))
    return Out("date", iso(d))


_MONTH_NAMES = ("", "january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december")


def day_month_numeric(g, ctx, *args) -> Out | None:
    """Rule day-first-yearless: "20/8" in a text that writes its dates day first."""
    if not day_first(ctx.text) or re.search(r"\d\s*$", ctx.left(3)):
        return None
    return forms.day({"d": g["d"], "m": _MONTH_NAMES[int(g["m"])]}, ctx)


def solar_numeric(g, ctx, *args) -> Out | None:
    """Rule solar-numeric: "1392/3/24": a Solar Hijri day."""
    from .calendar import solar_hijri

    return Out("date", iso(solar_hijri(int(g["y"]), int(g["m"]), int(g["d"]))))


#: the farthest a heading's day reaches down its list or schedule, in characters
HEADING_REACH = 2000
_LINE_HEAD = lazy(r"[ \t]*(?:[-*•#>|]+[ \t]*|\*\*)?$")
_LINE_TAIL = lazy(r"[ \t]*(?:\*\*)?[ \t]*(?:[:.—–-][^\n]{0,80})?(?:\n|$)")


def _heading_day(ctx) -> date | None:
    """Rule heading-day: a clock time with no day of its own, under a heading that names
    a day ("MONDAY, MARCH 3" or "Thursday, Oct. 9:" alone at the head of its line, then
    "9 a.m. Opening session"), is on that day: a schedule's or a list's times are the
    heading's, not the page's.  The heading is the last date before the time, within
    :data:`HEADING_REACH` characters, naming one day; None when it is no heading."""
    for m in reversed(ctx.before):
        if ctx.start - m.end > HEADING_REACH:
            return None
        if m.kind == "time":
            continue        # an earlier time of the same list
        if m.kind != "date" or m.span is None or m.span.start != m.span.end:
            return None
        text = ctx.text
        line = text.rfind("\n", 0, m.start) + 1
        if _LINE_HEAD.match(text[line:m.start]) and _LINE_TAIL.match(text, m.end):
            return m.span.start
        return None
    return None


# --------------------------------------------------------------------------
# times of day in words (rules tod-reference, noon-midnight, clock-word)

_TOD_SHIFT = {"that": 0, "the same": 0, "the next": 1, "the following": 1, "the previous": -1, "before": -1,
              "after": 1, "all": 0, "through the": 0, "throughout the": 0}
_TOD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def _frame(ctx) -> date | None:
    """The day a time of day in words is on: the stamp's above it (rule stamp-day), else the
    paragraph's reference time (rule clock-reference), else the anchor; None in a sentence of a
    habit ("families are often told the night before": a time of no one day)."""
    s, e = sentence(ctx.text, ctx.start, ctx.end)
    if _HABIT.search(ctx.text, s, e):
        return None
    return stamp_day(ctx) or reference_day(ctx) or forms._anchor(ctx)


def habitual(ctx) -> bool:
    """Is ``ctx`` in a sentence of a habit ("often", "every", "daily"...)?"""
    s, e = sentence(ctx.text, ctx.start, ctx.end)
    return bool(_HABIT.search(ctx.text, s, e))


def tod_ref(g, ctx, *args) -> Out | None:
    """Rule tod-reference: "that morning", "the next morning", "the night before", "all night":
    a part of the day of the reference time (moved a day for next/before), or of no known day
    in a habit's sentence (``XXXX-XX-XXTNI``)."""
    key = " ".join((g.get("rf") or g.get("ba") or g.get("all") or "").lower().split())
    d = _frame(ctx)
    tod = _TOD[g["t"].lower()]
    if d is None:
        return Out("time", f"XXXX-XX-XXT{tod}")
    return Out("time", f"{iso(d + timedelta(days=_TOD_SHIFT[key]))}T{tod}")


def noon_midnight(g, ctx, *args) -> Out | None:
    """Rule noon-midnight: "noon", "midnight" alone in a sentence of a habit ("questioned every
    other day, always after midnight"): that time of no known day.  Elsewhere a noon or a
    midnight is read only with its day ("Tuesday at noon", rule day-at; a stamp)."""
    if _frame(ctx) is not None or re.match(r"\s+[a-z]", ctx.right(4)):
        return None
    return Out("time", f"XXXX-XX-XXT{'12:00' if g['t'].lower() == 'noon' else '24:00'}")


_HOURS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
_EVENING = lazy(r"\b(?:night|tonight|evening|p\.?m\.?)\b", re.IGNORECASE)
_AMOUNT = lazy(r"[$%£€]|\b(?:percent|per cent|points?|cents?|stood|remained|rate|rates|score|total|count|"
               r"number|priced|valued|estimated|put|set|fixed|pegged|ranked|aged?|age)\b", re.IGNORECASE)


def word_clock(g, ctx, *args) -> Out | None:
    """Rule clock-word: "at four", "around 7", "close to eleven": an hour said alone, at the end
    of its clause, in a sentence that counts no amount; an afternoon's hour (1-6) or any hour
    in a sentence (or under a stamp) of the evening is p.m."""
    h = g["h"].lower()
    hh = int(h) if h.isdigit() else _HOURS[h]
    s, e = sentence(ctx.text, ctx.start, ctx.end)
    if _AMOUNT.search(ctx.text, s, e):
        return None
    stamp = stamp_of(ctx)
    evening = _EVENING.search(ctx.text, s, e) or (stamp is not None and "T" in stamp.value
                                                   and stamp.value[11:13].isdigit() and int(stamp.value[11:13]) >= 12)
    if hh < 12 and (hh <= 6 or evening):
        hh += 12
    d = _frame(ctx)
    return Out("time", f"{'XXXX-XX-XX' if d is None else iso(d)}T{hh:02d}:00")


# --------------------------------------------------------------------------
# notes' short forms (rule month-short)

def short_day(g, ctx, *args) -> Out | None:
    """Rule month-short: "c. 26 oct", "20 apr", "10 SEP 78", "24 NOV 13": a day and a month
    written short, with a year of two digits after them only at a clause's end."""
    if g["m"].lower().rstrip(".") in words("cased") and not g["m"].isupper():
        return None     # "3 may", "4 march": the verbs
    got = forms.day({k: g[k] for k in ("d", "m", "y") if k in g}, ctx)
    return Out("date", got.value, "APPROX" if g.get("q") else None)


def short_month(g, ctx, *args) -> Out | None:
    """Rule month-short: "nov 80", "jul 82": a month and a number that can be no day (32-99) is
    that month of the year in two digits."""
    if g["m"].lower() in words("cased") and not g["m"].isupper() or g["m"][:1].isupper() and not g["m"].isupper():
        return None     # "In Nov 80 people...": prose capitalises its months and counts; notes and cables do not
    return Out("date", f"{forms._year(g['y']):04d}-{forms._month(g['m']):02d}")


_HOURS_BEFORE = lazy(r"\b(?:at|by|until|till|from|before|after|since|to)\s+$", re.IGNORECASE)
@functools.cache
def _hours_day() -> re.Pattern:
    """The day after a military time: "(GMT) on 20 August 1988"."""
    from .registry import expand

    return re.compile(expand(r"(?:\s+(?-i:GMT|UTC|Z|local time|[A-Z]{3}))?,? on (?P<d>%day) (?P<m>%MONTHS)(?:,? (?P<y>%year))?"),
                      re.IGNORECASE)


def hours_clock(g, ctx, *args) -> Out | None:
    """Rule hours-clock: "at 0300 hours", military time: four digits and "hours" after a word of
    time are a time of day (not a duration of 300 hours), on the day named after it ("at 0300
    hours GMT on 20 August 1988"), else the reference day."""
    if not _HOURS_BEFORE.search(ctx.left(8)):
        return None
    hh, mm = int(g["hh"]), int(g["mm"])
    d = None
    if (after := _hours_day().match(ctx.text, ctx.end)) is not None:
        d = date.fromisoformat(forms.day({k: v for k, v in after.groupdict().items() if v}, ctx).value)
    d = d or day_of(ctx)
    return Out("time", f"{iso(d)}T{hh:02d}:{mm:02d}")
