"""The builders of the rule registry: a rule's match to a TimeML kind and value.

This module holds the calendar forms (days, months, seasons, years; quarters, halves and
fiscal years are in :mod:`kb.dates.forms_more`)
and the helpers; :mod:`kb.dates.forms_relative` the forms relative to the
anchor, vague references, durations, sets and clock times;
:mod:`kb.dates.forms_iran` Iran's calendars.

Each builder takes the rule's groups (``g``), its :class:`kb.dates.context.Ctx`
and the rule's arguments, and returns an :class:`Out` (kind, value, modifier,
and days when the value alone does not give them) or None when the words are
not a date after all (a count, "may" the verb).  Resolution rules:

* a day of a month or a holiday without its year: the one nearest the anchor
  within 92 days of it; a month: the nearest within two months of the
  anchor's (rule month-tense); farther, and a season and a weekday: in the
  direction of the sentence's tense (the latest one on or before the anchor
  in the past, the first on or after it in the future); with no tense word,
  the nearest (a day, a month), the latest one on or before the anchor (a
  season, a weekday); a deadline ("until Tuesday", "extended to Nov. 20",
  :meth:`kb.dates.context.Ctx.deadline`) farther than that the first on or after
  it (a day or month of a deadline this near is the nearest: "gave Iraq until
  Jan. 15" on January 17 is the deadline just passed);
* ``this``/``last``/``next`` + unit: the anchor's unit, the one before, the
  one after (a week is an ISO week, Monday..Sunday); + month name or season:
  that of the anchor's year, the latest strictly before the anchor, the first
  strictly after it;
* a quarter without its year: the anchor's year, or the year before when the
  quarter has not begun by the anchor and the sentence is not in the future;
  "the quarter", "the latest quarter": the last quarter that ended before the
  anchor;
* ``N units ago``: the anchor moved back N units, at the unit's precision;
  ``N units earlier/later``, ``year-ago``, ``year-earlier``: the date before
  it in the paragraph (else the anchor) moved by N units, at that date's
  precision when it is finer;
* vague words: ``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF`` (no days);
  durations ``P3Y``, ``PXM`` and sets ``XXXX-WXX-1``, ``P1Y`` name no days.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

from .calendar import add_months
from .lazy import lazy
from .registry import lookup, words
from .span import month_end


@dataclass(frozen=True)
class Out:
    kind: str
    value: str
    mod: str | None = None
    days: tuple | None = None       # (start, end, precision, edtf) when the value does not give them
    trim: int = 0                   # characters of the match that are not the expression's ("the ")


TOD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
       "overnight": "NI", "noon": "12:00", "midnight": "24:00"}


def _num(s: str) -> float | str:
    s = " ".join(s.lower().replace("-", " ").split())
    if s.replace(",", "").isdigit():
        return int(s.replace(",", ""))
    if s.endswith(" 1/2") and s[:-4].isdigit():
        return int(s[:-4]) + 0.5
    if re.fullmatch(r"\d+\.\d+", s):
        return float(s)
    if s in words("vague_numbers"):
        return "X"
    table = words("numbers")
    if s in table:
        return float(table[s]) if "." in table[s] else int(table[s])
    parts = s.split()
    if len(parts) == 2 and parts[0] in table and parts[1] in table:      # twenty four
        return int(table[parts[0]]) + int(table[parts[1]])
    raise ValueError(s)


def _unit(s: str) -> str:
    s = s.lower()
    s = {"centuries": "century"}.get(s, s)
    return lookup("units", s[:-1] if s.endswith("s") and s[:-1] in words("units") else s)


def _month(s: str) -> int:
    return int(lookup("months", s))


def _year(s: str) -> int:
    s = s.strip().lstrip("'’")
    if not s[:1].isdigit():
        return _spelled(s)
    y = int(s)
    return y if len(s) == 4 else (1900 + y if y >= 30 else 2000 + y)


def _spelled(s: str) -> int:
    """"nineteen ninety-six" 1996, "two thousand and one" 2001."""
    w = s.lower().replace("-", " ").split()
    if w[:2] == ["two", "thousand"]:
        return 2000 + (int(_num(w[-1])) if len(w) > 2 else 0)
    hi, n = int(_num(w[0])), 0
    for x in w[1:]:
        n += _TENS.get(x) or int(_num(x))
    if n >= 100:
        raise ValueError(s)
    return hi * 100 + n


def _part(g) -> str | None:
    """The TimeML modifier of a part word ("early", "the end of"), if the rule has one."""
    p = g.get("p")
    return words("parts").get(" ".join(p.lower().rstrip("- ").split())) if p else None


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group())


def iso(d: date) -> str:
    return d.isoformat()


def lunar_year_of(d: date) -> int:
    """The lunar Hijri year of day ``d``."""
    from convertdate import islamic  # loaded only for a lunar holiday

    return islamic.from_gregorian(d.year, d.month, d.day)[0]


def _anchor(ctx) -> date:
    if ctx.anchor is None:
        raise LookupError("relative to an anchor")
    ctx.used_anchor = True
    return ctx.anchor


def _direction(ctx) -> str | None:
    return ctx.tense()


NEAR = 92      # days: a month or day without its year this close to the anchor is that one


NEAR_MONTHS = 2   # months: a month named alone this close to the anchor's month is that one


def _near_or(candidates: list[date], a: date, ctx, months: bool = False) -> date:
    """A day or month without its year: the one nearest the anchor when it is within
    :data:`NEAR` days of it (news writes "Nov. 6" for the coming or the past few
    months); farther, the one the sentence's tense points to ("effective Feb. 1":
    the coming one, the day something takes effect).  A month named alone
    (``months``: candidates are first days, ``a`` the anchor's month's) is the
    nearest within :data:`NEAR_MONTHS` months; three months off, as far ahead as
    behind, the tense decides (rule month-tense: "In January, a bombing killed a
    guard" in October is the January before, "a mission in December" that "will"
    fly in March the December after).  After "ended" ("the year ended Jan. 31") the
    latest on or before the anchor: the period is over; after "takes effect"
    (present or future) the coming one, however near the past one is; a deadline
    (:meth:`Ctx.deadline`) not this near the coming one ("loans through January" in
    October), a near one the nearest ("gave Iraq until Jan. 15" on January 17)."""
    if _ENDED_AT.search(ctx.left(8)):
        return _pick(candidates, a, "past", "past")         # "the fiscal year ended Jan. 31": it is over
    if _TAKES_EFFECT.search(ctx.left(30)):
        return _pick(candidates, a, "future", "future")     # "the law takes effect Jan. 1": still to come
    nearest = min(candidates, key=lambda c: abs((c - a).days))
    if months:
        if abs((nearest.year - a.year) * 12 + nearest.month - a.month) <= NEAR_MONTHS:
            return nearest
    elif abs((nearest - a).days) <= NEAR:
        return nearest
    if ctx.deadline():
        return _pick(candidates, a, "future", "future")     # "loans through January": a term still to run
    way = "future" if _EFFECTIVE.search(ctx.left(16)) else _direction(ctx)
    return _pick(candidates, a, way, "nearest")


_TAKES_EFFECT = lazy(r"\b(?:takes?|will\s+take|go(?:es)?\s+into)\s+effect\s+(?:on\s+)?$", re.IGNORECASE)
# rule since-past: "since Jan. 16", "since march": the day or month a state began is behind the anchor
_ENDED_AT = lazy(r"\b(?:ended|since)\s+$", re.IGNORECASE)
_EFFECTIVE = lazy(r"\beffective\s+(?:on\s+|as\s+of\s+)?$", re.IGNORECASE)    # "a pact effective June 1"


def _pick(candidates: list[date], a: date, way: str | None, default: str) -> date:
    """From candidate days one year apart, the one the tense (or the default) picks."""
    way = way or default
    if way == "future":
        return min(c for c in candidates if c >= a) if any(c >= a for c in candidates) else max(candidates)
    if way == "past":
        return max(c for c in candidates if c <= a) if any(c <= a for c in candidates) else min(candidates)
    return min(candidates, key=lambda c: abs((c - a).days))


#: how many years before the anchor's year a story's date must be for the story to give
#: a month or day without its year its own year (as kb.ingest.extract's PAST_STORY_YEARS)
STORY_YEARS = 2
#: the share of the dates before that must be that old for the text to be a story of the past
STORY_SHARE = 0.75
#: how many of the dates before tell whether the text is a story of the past (a window keeps it linear)
STORY_DATES = 12
_YEARLESS = frozenset(("month-day", "day-month", "month", "season"))


def _story(ctx, a: date):
    """Rule narrative-year: in a text that tells a story of the past (two or more of
    the last :data:`STORY_DATES` dates before, and more than :data:`STORY_SHARE` of
    them, are :data:`STORY_YEARS` or more years before the anchor's), a month, day or
    season named without its year takes the year of the date just before it, when that
    date names its own year (or was itself read so) and lies in one calendar year: a
    memoir of 2012 that tells "June 1981" and goes on "in late July" means July 1981, a
    note of 2018 on "the summer of 1988" that goes on "from late July until November"
    means 1988.  A date read against the anchor ("last year", "five years ago") ends
    the story; news that glances back ("profits have doubled since 1980.  In September
    it announced...") is read against the anchor.  ``kb ingest`` reads such dates so
    too (rule narrative year of :mod:`kb.ingest.extract`).  The story's date, or None."""
    dated = []
    for m in reversed(ctx.before):      # the last STORY_DATES dates before, nearest first
        if m.span is not None and m.kind in ("date", "time") and m.value[:1].isdigit():
            if not dated and not (m.span.end.year <= a.year - STORY_YEARS and m.span.start.year == m.span.end.year
                                  and (m.anchor is None or m.rule in _YEARLESS)):
                return None     # the date just before is no story's (most often: at once)
            dated.append(m)
            if len(dated) == STORY_DATES:
                break
    old = sum(x.span.end.year <= a.year - STORY_YEARS for x in dated)
    if old < 2 or old <= STORY_SHARE * len(dated):
        return None
    return dated[0].span


# --------------------------------------------------------------------------
# absolute dates

def day(g, ctx, *args) -> Out | None:
    m = _month(g["m"])
    d = _day(g["d"]) if "d" in g else int(lookup("day_ordinals", g["dw"]))
    if "y" in g or "ty" in g:     # rule day-that-year: "21 march that year" (kb.dates.context.Ctx.that_year)
        return Out("date", iso(date(_year(g["y"]) if "y" in g else ctx.that_year(), m, d)))
    if (pair := _day_range_year().match(ctx.text, ctx.end)) is not None:
        # rule day-range: "between 1 January and 31 December 2023": the first day is of the second's year
        return Out("date", iso(date(_year(pair.group("y")) - (m > _month(pair.group("m") or pair.group("m2"))), m, d)))
    if (y := ctx.heading_year() or ctx.after_reference(m, d)) is not None:
        return Out("date", iso(date(y, m, d)))      # rules year-heading ("2002\nAug. 14: ..."), day-after-reference
    if _generic(ctx) and "wd" not in g:
        return Out("date", f"XXXX-{m:02d}-{d:02d}")    # rule generic-month: "each year on March 15"
    a = _anchor(ctx)
    if (ref := _story(ctx, a)) is not None and (m, d) != (2, 29) and (
            "wd" not in g or date(ref.start.year, m, d).isoweekday() == int(lookup("weekdays", g["wd"]))):
        return Out("date", iso(date(ref.start.year, m, d)))
    cands = []
    for y in (a.year - 1, a.year, a.year + 1):
        try:
            cands.append(date(y, m, d))
        except ValueError:
            continue
    if "wd" in g:       # rule weekday-year: "Thursday, Oct. 9" is in the year where Oct. 9 is a Thursday
        wd = int(lookup("weekdays", g["wd"]))
        fits = [c for c in cands if c.isoweekday() == wd]
        if len(fits) == 1:
            return Out("date", iso(fits[0]))
    return Out("date", iso(_near_or(cands, a, ctx)))


def iso_day(g, ctx, *args) -> Out:
    return Out("date", iso(date(int(g["y"]), int(g["m"]), int(g["d"]))))


def numeric_day(g, ctx, *args) -> Out:
    return Out("date", iso(date(_year(g["y"]), int(g["m"]), int(g["d"]))))


_MAY_CONTEXT = lazy(r"(?:\b(?:in|of|since|by|until|till|from|through|last|this|next|early|late|mid|"
                    r"before|after|during|and|or|to|between)\s*-?|\d\s*|,\s*)$", re.IGNORECASE)


#: what a month written in lower case or in capitals alone follows (rule month-any-case)
_CASE_CONTEXT = lazy(r"(?:\b(?:in|since|by|until|till|from|through|during|before|after|early|late|mid|last|this|next|for)\s*-?"
                     r"|\b(?:january|february|april|june|july|august|september|october|november|december)"
                     r"\s*(?:,|and|or|to|through|until|till|-|–)\s*)$", re.IGNORECASE)
_NAME_MONTHS = ("jan", "jun")       # abbreviations that are also first names, written without a period


def month(g, ctx, *args) -> Out | None:
    """A month with or without its year; a month word that is also a verb or a name
    ("May", "March") alone needs a date word before it."""
    m = _month(g["m"])
    mod = _part(g)
    if "y" in g or "ys" in g:
        return Out("date", f"{_year(g.get('y') or g['ys']):04d}-{m:02d}", mod)
    if "yr" in g:
        y = _anchor(ctx).year + {"this": 0, "last": -1, "next": 1}[g["yr"].lower()]
        return Out("date", f"{y:04d}-{m:02d}", mod)
    word = g["m"].rstrip(".").lower()
    lower = word in ("may", "march") and g["m"].islower()       # rule month-lower: kb.dates.cased read it
    if word in ("may", "march") and not lower and not g.get("p") and not g.get("r") and not _MAY_CONTEXT.search(ctx.left(12)):
        return None
    if not (g["m"][:1].isupper() and not g["m"].isupper()) and not g.get("p") and not g.get("r") and not lower:
        before = _CASE_CONTEXT.search(ctx.left(24))
        if before is None or (g["m"].isupper() and not before.group().strip(" ,-–").isupper()):
            # rule month-any-case: "in september", "IN SEPTEMBER", not "an august body", "of august birth";
            # in capitals the date word before it too (a headline in capitals), not a byline's "By JUNE KRONHOLZ"
            return None
    if g.get("r"):
        if re.match(r"\s+(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\b(?![,.]?\d)", ctx.right(6)):
            return None     # "last Oct. 23": the day (rule month-day, read in the tense "last" gives)
        return _month_rel(g["r"].lower(), m, ctx, mod)
    if word in _NAME_MONTHS and not g["m"].endswith(".") and not g.get("p") and re.match(r"\s+[A-Z][a-z]", ctx.right(3)) \
            and not re.search(r"\b(?:in|since|by|until|from|through|of|during|early|late)\s+$", ctx.left(10), re.I):
        return None         # "Jan Kavan", "Jun Kim": a first name before a surname
    if _generic(ctx) or (_SEASON_RANGE.search(ctx.left(60)) and not _RANGE_YEAR.match(ctx.text, ctx.end)):
        return Out("date", f"XXXX-{m:02d}", mod)
    if (pair := _range_end_year().match(ctx.text, ctx.end)) and (
            _RANGE_START.search(ctx.left(12)) or pair.group().split()[0].lower() == "and"):
        # rule month-range: "between June and August 2003": the first month is of the second's year
        y = _year(pair.group("y")) - (m > _month(pair.group("m")))
        return Out("date", f"{y:04d}-{m:02d}", mod)
    if (pair := _range_end().match(ctx.text, ctx.end)) and _RANGE_START.search(ctx.left(12)):
        # rule month-range: "between June and August", "from March to May": the first month is of
        # the second's year, or of the year before when it comes later in the calendar
        from .context import Ctx

        other = Ctx(ctx.text, pair.start("m"), pair.end(), ctx.anchor, ctx.before)
        got = month({"m": pair.group("m"), **({"p": pair.group("p")} if pair.group("p") else {})}, other)
        if got is not None and got.value[:4].isdigit():
            ctx.used_anchor = ctx.used_anchor or other.used_anchor
            y = int(got.value[:4]) - (m > _month(pair.group("m")))
            return Out("date", f"{y:04d}-{m:02d}", mod)
    a = _anchor(ctx)
    if (ref := _story(ctx, a)) is not None:
        return Out("date", f"{ref.start.year:04d}-{m:02d}", mod)
    if (y := ctx.apposed_year() or covered_year(ctx)) is not None:      # rules month-apposed-year, covered-period
        return Out("date", f"{y:04d}-{m:02d}", mod)
    cands = [date(y, m, 1) for y in (a.year - 1, a.year, a.year + 1)]
    first = a.replace(day=1)
    pick = _near_or(cands, first, ctx, months=True)
    return Out("date", f"{pick.year:04d}-{m:02d}", mod)


# a year that recurs: "every year", "each year", "of each year", "annually", "year after year", "every spring"
_RECURS = lazy(r"\b(?:(?:every|each)\s+(?:single\s+)?(?:year|spring|summer|autumn|fall|winter)|annually|yearly|"
               r"year\s+after\s+year|year\s+in,?\s+year\s+out)\b", re.IGNORECASE)
GENERIC_REACH = 60      # characters: how near the month the recurring year must be said


def _generic(ctx) -> bool:
    """Rule generic-month: a month in a year that recurs ("the river floods every year in
    March", "held in March of each year", "as it does each spring, in April") is that month
    of any year: TimeML leaves its year unspecified (``XXXX-03``), as it writes "each
    July"; the recurring year must be said in the month's clause (no comma between); a
    month of one year stays that year's ("every Tuesday from March onwards": the days
    recur, the month does not)."""
    from .context import sentence

    s, e = sentence(ctx.text, ctx.start, ctx.end)
    for m in _RECURS.finditer(ctx.text, max(s, ctx.start - GENERIC_REACH), min(e, ctx.end + GENERIC_REACH)):
        between = ctx.text[m.end():ctx.start] if m.end() <= ctx.start else ctx.text[ctx.end:m.start()]
        if not re.search(r"[,;:]", between):        # in the same clause ("held annually since 1950, opened in June")
            return True
    return False


_RANGE_START = lazy(r"\b(?:between|from)\s+$", re.IGNORECASE)
#: rule season-range: the months that bound a season of every year ("the season between June and
#: August", "the rainy season, from June to September", "the monsoon season runs from June to
#: September") are months of any year (XXXX-06), as a season named so recurs; a year after
#: the range ("between June and August 2003") makes them that year's
_SEASON_RANGE = lazy(r"\bseasons?\b,?(?:\s+(?:runs|lasts|extends|stretches|is|that\s+runs))?\s+(?:between|from)\s+"
                     r"(?:(?:early|late|mid)[-\s]*)?(?:[A-Za-z]+\.?\s*(?:and|to|through|until|till|-|–)\s*"
                     r"(?:(?:early|late|mid)[-\s]*)?)?$", re.IGNORECASE)
_RANGE_YEAR = lazy(r"(?:\s*(?:and|to|through|until|till|-|–)\s*(?:(?:early|late|mid)[-\s]*)?[A-Za-z]+\.?)?,?\s+\d",
                   re.IGNORECASE)


@functools.cache
def _range_end() -> re.Pattern:
    """The second month of a pair ("... and August", "... to late May") without its year."""
    from .registry import expand

    return re.compile(expand(r"\s+(?:and|to|through|until|till|-|–) (?:(?P<p>%part))?(?P<m>%Months)(?![-\w]|,? \d)"),
                      re.IGNORECASE)


def covered_year(ctx) -> int | None:
    """Rule covered-period (:meth:`kb.dates.context.Ctx.covered`): the year a report says
    it covers, for a month, quarter, half or "the year" named without a year, unless the
    sentence speaks of what is still to come ("will report in June")."""
    y = ctx.covered()
    return None if y is None or ctx.tense() == "future" else y


@functools.cache
def _day_range_year() -> re.Pattern:
    """The second day of a pair with its year ("... and 31 December 2023", "... to March 5, 1989")."""
    from .registry import expand

    return re.compile(expand(r"\s*(?:and|to|through|until|till|-|–) (?:%day(?: of)? (?P<m>%Months)|(?P<m2>%Months) %day),? "
                             r"(?P<y>%year)(?!\d)"), re.IGNORECASE)


@functools.cache
def _range_end_year() -> re.Pattern:
    """The second month of a pair with its year ("... and August 2003", "... to March, 1989")."""
    from .registry import expand

    return re.compile(expand(r"\s+(?:and|to|through|until|till|-|–) (?:%part)?(?P<m>%Months)(?: of)?,? (?P<y>%year)(?!\d)"),
                      re.IGNORECASE)


def _month_rel(r: str, m: int, ctx, mod) -> Out:
    a = _anchor(ctx)
    if r.startswith("last") or r.endswith("past") or r == "previous":
        y = a.year if m < a.month else a.year - 1
    elif r.startswith("next") or r.endswith("coming"):
        y = a.year if m > a.month else a.year + 1
    else:
        y = a.year
    return Out("date", f"{y:04d}-{m:02d}", mod)


def year(g, ctx, *args) -> Out | None:
    """A year on its own: not a count ("1990 people"), an amount ("$1990", "2082.1")
    or a part of a longer number."""
    y = _year(g["y"])
    mod = _part(g)
    if args and args[0] == "short" and not re.search(r"\b(?:of|in|since|by|until|from)\s+$", ctx.left(7), re.I):
        return None     # "'86" only after a date preposition: "the crash of '86"
    left, right = ctx.left(2), ctx.right(12)
    if re.search(r"[$#£€]\s*$|\d[.,]$", left) or re.match(r"[.,]\d|\s*%|\s*(?:percent|per\s*cent)\b", right):
        return None
    if not g.get("p") and (nm := _NAME_BEFORE.search(ctx.left(24))) and nm["w"].lower() not in _DATE_WORDS():
        return None     # rule name-year: "a venture called Orion 1980", "Vision 2030", "Windows 2000": a name
    if not g.get("p") and re.match(r"\s+(?:[a-z]+\s+)?(?:people|persons|shares|votes|members|workers|"
                                   r"employees|troops|soldiers|cars|units|tons|barrels|points|feet|meters|"
                                   r"miles|dollars|yen|marks|francs|pounds)\b", ctx.right(30), re.IGNORECASE):
        return None
    return Out("date", f"{y:04d}", mod)


#: a capitalised word inside a sentence right before a year (rule name-year)
_NAME_BEFORE = lazy(r"(?<![.!?:;\n\"“(]\s)(?<![.!?:;\n\"“(])(?<!^)\b(?P<w>[A-Z][a-z]+)\s+$")


@functools.cache
def _DATE_WORDS() -> frozenset:
    """Words that may stand capitalised before a year and be part of the date, or a title's date."""
    out = set()
    for name in ("months", "weekdays", "seasons", "holidays", "parts"):
        out.update(w.split()[-1] for w in words(name))
    return frozenset(out | {"fiscal", "year", "class", "since", "in", "until", "by", "of", "from", "before", "after",
                            "during", "through", "around", "circa", "about", "early", "late", "mid", "and", "or",
                            "to", "between", "summer", "winter", "spring", "fall", "autumn", "christmas", "easter"})


def decade(g, ctx, *args) -> Out | None:
    if g.get("dw") and not g.get("p") and re.search(r"\b(?:low|high|upper|lower)[-\s]*$", ctx.left(8), re.IGNORECASE):
        return None     # rule decade-words: "in the low forties", "the upper sixties": a figure (a rating, a temperature)
    if g.get("dw"):
        y = 1900 + _TENS[g["dw"].lower()[:-3] + "y"]
    else:
        raw = g["dec"].lstrip("'’")
        y = int(raw) if len(raw) == 4 else 1900 + int(raw)
    mod = _part(g)
    return Out("date", f"{y // 10:03d}", mod)


def century(g, ctx, *args) -> Out:
    n = int(lookup("ordinals", g["o"]))
    return Out("date", f"{n - 1:02d}", _part(g))


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}


def spelled_year(g, ctx, *args) -> Out | None:
    """"nineteen ninety-six", "the year two thousand", "two thousand and one"."""
    if g.get("thousand"):
        rest = g.get("rest")
        return Out("date", f"{2000 + (int(_num(rest)) if rest else 0):04d}")
    hi = int(_num(g["hi"]))
    lo = g["lo"].lower().replace("-", " ").split()
    n = 0
    for w in lo:
        n += _TENS.get(w) or int(_num(w))
    return Out("date", f"{hi * 100 + n:04d}") if n < 100 else None


_SEASON_CONTEXT = lazy(r"\b(?:in|during|by|until|since|this|early|late|mid|next|last|of|through|"
                       r"before|after)\s*-?$", re.IGNORECASE)


def season(g, ctx, *args) -> Out:
    code = lookup("seasons", g["s"])
    mod = _part(g)
    if "y" in g or "ys" in g:
        y = _year(g.get('y') or g['ys'])
        if "y2" in g:       # rule season-two-years: only the next year ("1986-87"), a season of a year
            if int(g["y2"]) != (y + 1) % 100:       # that runs from autumn to summer: winter and fall of
                return None                          # the first, spring and summer of the second
            y += code in ("SP", "SU")
        return Out("date", f"{y:04d}-{code}", mod)
    if not g.get("r") and not mod and (re.match(r"\s+(?:of|in|from|to)\b", ctx.right(6), re.IGNORECASE) or not (
            g.get("the") or _SEASON_CONTEXT.search(ctx.left(10)))):
        return None     # "the fall of the regime", "prices fall": not a season
    if not g.get("r") and _generic(ctx):
        return Out("date", f"XXXX-{code}", mod)         # rule generic-month: "floods every year in the spring"
    a = _anchor(ctx)
    first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    if not g.get("r") and (ref := _story(ctx, a)) is not None:
        return Out("date", f"{ref.start.year:04d}-{code}", mod)
    spans = []
    for y in range(a.year - 2, a.year + 2):
        ey, em = add_months(y, first, 2)
        spans.append((date(y, first, 1), month_end(ey, em)))
    r = " ".join((g.get("r") or "").lower().split())
    if r in ("last", "past", "this past", "previous"):
        s = max(s for s, e in spans if e < a)
    elif r in ("next", "coming", "this coming"):
        s = min(s for s, e in spans if s > a)
    elif r == "this":
        s = next((s for s, e in spans if s <= a <= e), None) or next(s for s, e in spans if s.year == a.year)
    elif _direction(ctx) == "future":
        s = min(s for s, e in spans if e >= a)
    else:
        s = max(s for s, e in spans if s <= a)
    return Out("date", f"{s.year:04d}-{code}", mod)


def season_ref(g, ctx, *args) -> Out | None:
    """Rule season-that: "that spring", "the following summer": the season of the
    reference time (the paragraph's last date, or the one before for words that open a
    paragraph, when the text gives it whole: a date itself read against the anchor may
    be a year off), or the first one after it; none without a reference (never guessed)."""
    code = lookup("seasons", g["s"])
    ref = ctx.reference(across=True)
    if ref is None or ref.anchor is not None:
        return None         # only from a date the text gives whole, not one itself read against the anchor
    first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    y = ref.span.start.year
    if code == "WI" and ref.span.start.month <= 2:
        y -= 1      # a winter begins in December: "that winter" after a day of January 1982 is 1981-WI
    if g["rf"].lower() != "that":
        y += date(y, first, 1) <= ref.span.end
    return Out("date", f"{y:04d}-{code}")


def holiday_day(rule: str, y: int) -> date:
    """The day of a holiday in year ``y`` by its rule in ``words/holidays.txt``: ``MM-DD``
    a fixed day; ``MM-DD-W`` the first weekday ``W`` (ISO, Monday 1) on or after that
    day (Thanksgiving ``11-22-4``: the fourth Thursday of November); ``E+N`` / ``E-N``
    N days after or before Easter Sunday (Gregorian, the anonymous algorithm)."""
    if rule[0] == "E":
        return easter(y) + timedelta(days=int(rule[1:]))
    m, d, *w = (int(x) for x in rule.split("-"))
    day_ = date(y, m, d)
    return day_ + timedelta(days=(w[0] - day_.isoweekday()) % 7) if w else day_


def easter(y: int) -> date:
    """Easter Sunday of Gregorian year ``y``."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    lw = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * lw) // 433
    month_, day_ = divmod(h + lw - 7 * m + 114, 31)
    return date(y, month_, day_ + 1)


def holiday(g, ctx, *args) -> Out:
    """A holiday: its day in the year given, else read as a day without its year is
    (:func:`_near_or`: the nearest within :data:`NEAR` days, else by tense).  A one-word name in lower case ("a prayer of
    thanksgiving") or before a capitalised word ("Easter Island") is no holiday."""
    h = g["h"]
    if " " not in h.strip() and (h.islower() or ("y" not in g and re.match(r"\s+[A-Z][a-z]", ctx.right(3)))):
        return None
    rule = lookup("holidays", h)
    if "y" in g:
        d = holiday_day(rule, _year(g["y"]))
    else:
        a = _anchor(ctx)
        d = _near_or([holiday_day(rule, y) for y in (a.year - 1, a.year, a.year + 1)], a, ctx)
    if g.get("wk"):         # rule holiday-week: "Easter week", "the Thanksgiving weekend"
        y, w, _ = d.isocalendar()
        return Out("date", f"{y:04d}-W{w:02d}" + ("-WE" if g["wk"].lower() == "weekend" else ""))
    return Out("date", iso(d))
