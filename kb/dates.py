"""Dates as sources write them: one model, one grammar, written-down rules.

A :class:`DateSpan` keeps the words a date came from together with what
``kb`` derives from them: the earliest and latest day (both inclusive), a
precision and an EDTF string (ISO 8601-2).  One regular grammar serves two
uses: :func:`parse_date` reads a whole string (a record's date, a command-line
bound) and :func:`find_dates` scans running text (``kb ingest``).

Rules, so that no precision is ever invented:

=====================  =============================================  ==========  =====================
form                   bounds                                         precision   EDTF
=====================  =============================================  ==========  =====================
``6 September 1965``   that day                                       day         ``1965-09-06``
``August of 1971``     first..last day of the month                   month       ``1971-08``
``1971``               1 Jan..31 Dec                                  year        ``1971``
``the fall of 1976``   meteorological seasons, northern hemisphere:   season      ``1976-23``
                       spring Mar-May (21), summer Jun-Aug (22),
                       fall/autumn Sep-Nov (23), winter Dec..Feb of
                       the next year (24)
``the 1970s``          1970-01-01..1979-12-31                         decade      ``197X``
``late 1970s``         part-of rule: early = first third, mid =       decade      ``1977/1979``
                       middle third, late = last third of the unit.
                       Decade 0-3 / 4-6 / 7-9; year Jan-Apr /
                       May-Aug / Sep-Dec; month 1-10 / 11-20 / 21-end.
                       The unit's precision is kept.
``July 2 to 5, 1988``  first..last day named                          range       ``1988-07-02/1988-07-05``
``1950s and 1960s``    first day of the first decade..last day of     range       ``195X/196X``
                       the last
``the past 12 months   the N whole months (or years) that end with    range       ``2018-07/2019-06``
up to June 2019``      the named month or year (rule ``duration-to``)
``around 1975``        widened by one unit each side (1974..1976)     approximate ``1975~``
``April, May, and      months that follow each other: first day of    range       ``2019-04/2019-06``
June 2019``            the first..last day of the last (rule
                       ``month-list``); months that do not ("March
                       and June 2019") are one date each
=====================  =============================================  ==========  =====================

In running text (:func:`find_dates`) "and" joins a range only after
"between": "between 1979 and 1981" is one range, while "in November 2019 and
January 2020" or "in 1979 and 1981" names two dates, found as two spans at
the unit of each side (rule ``coordinated``).  Two decades ("the 1950s and
1960s") stay one range, and so do months that follow each other ("both
September and October", "April, May, and June").  A year glued to the next
word of scraped text ("July2019In") still ends the date.

Relative expressions need an *anchor*, the publication date of the page:

* ``last November`` (rule ``last-month-name``): the latest November strictly
  before the anchor's month.
* ``in September``, ``May 20``, ``early August`` with no year (rule
  ``month-no-year``): the latest such month on or before the anchor's month.
* ``earlier this month`` (``earlier-this-month``): first of the anchor's month
  to the anchor, precision range; ``earlier this year`` likewise from 1 Jan.
* ``over the past year`` / ``within the last month`` / ``in the past week``
  (``past-year``...): the window of that length that ends on the anchor
  (2019-06-06..2020-06-05 for a page of 5 June 2020), precision range.
* ``this month`` / ``last month`` / ``this year`` / ``last year`` /
  ``this week`` / ``last week`` / ``yesterday`` / ``today``: the calendar unit
  containing the anchor, or the one before it (weeks run Monday..Sunday).
* ``this time last year`` (``this-time-last-year``): the anchor's month one
  year earlier, precision month.

Some expressions count from the date before them in the same paragraph (the
*reference*: the nearest earlier date of the paragraph, at most 1,500
characters and 12 dates back, of a unit at least as fine as theirs; a year
used as a modifier, "veterans of the 1979 revolution", only when there is no
other; a range counts from its end), not from the page's date.  Only
:func:`find_dates` reads them.  With no reference they are skipped, never
guessed; "the next N years" needs its reference in the same sentence and is
skipped in the future tense ("will spend ... over the next two years").  A
count the text restates at once is replaced by the date it restates, which
takes the count's year ("April 14, 1912.  One week later, on April 21" is
1912-04-21):

* ``three days later`` (``n-later``): the reference day plus N days;
  ``two weeks later``: that day widened by a week each side, approximate;
  ``one month later``: the reference's month plus N, widened by one month each
  side, approximate (after January 20, 1979: January..March 1979);
  ``two years later``: the reference's year plus N, precision year.
* ``during the next six years`` (``next-n``): from the reference to the end of
  the Nth year (or month) after it (after 1979: 1979..1985).
* ``during the massacre`` (``same-name``): the year of the same thing named
  earlier in the paragraph with its year ("the 1988 Massacre"): 1988.
* ``the following year`` (``following-year``): the year after the reference.
  ``in the following years`` (``following-years``): from the year after the
  reference to the next date of the same sentence ("In 2009 ...  In the
  following years ..., and in 2012 ...": 2010..2012); skipped without one.

The module imports nothing beyond the standard library; ``python-dateutil``
is loaded only as the last resort for numeric day formats the grammar does
not know (``06.09.1965``).
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterator

PRECISIONS = ("day", "month", "season", "year", "decade", "range", "approximate")

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH_ABBR = ["", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
              "Sep", "Oct", "Nov", "Dec"]
SEASONS = {"spring": 21, "summer": 22, "fall": 23, "autumn": 23, "winter": 24}
SEASON_NAMES = {21: "spring", 22: "summer", 23: "fall", 24: "winter"}
PARTS = {"early": 0, "mid": 1, "middle": 1, "late": 2}


class DateError(ValueError):
    """A text that is not a date ``kb`` can read, or a relative date without anchor."""


@dataclass(frozen=True)
class DateSpan:
    """A date as written, with inclusive day bounds, precision and EDTF.

    ``anchor`` and ``rule`` are set only for dates derived by a rule (relative,
    seasons, parts of a unit, approximations); they say how the bounds came about.
    """

    text: str
    start: date
    end: date
    precision: str
    edtf: str
    anchor: date | None = None
    rule: str | None = field(default=None)

    def to_dict(self) -> dict:
        d = {"text": self.text, "start": self.start.isoformat(),
             "end": self.end.isoformat(), "precision": self.precision,
             "edtf": self.edtf}
        if self.anchor:
            d["anchor"] = self.anchor.isoformat()
        if self.rule:
            d["rule"] = self.rule
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "DateSpan":
        return cls(d.get("text", d["edtf"]), date.fromisoformat(d["start"]),
                   date.fromisoformat(d["end"]), d["precision"], d["edtf"],
                   date.fromisoformat(d["anchor"]) if d.get("anchor") else None,
                   d.get("rule"))

    def overlaps(self, start: date, end: date) -> bool:
        return self.start <= end and self.end >= start

    def display(self) -> str:
        return display(self.start, self.end, self.precision, self.edtf)


# --------------------------------------------------------------------------
# calendar helpers

def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def month_span(y: int, m: int) -> tuple[date, date]:
    return date(y, m, 1), month_end(y, m)


def season_span(y: int, code: int) -> tuple[date, date]:
    if code == 24:
        return date(y, 12, 1), month_end(y + 1, 2)
    first = {21: 3, 22: 6, 23: 9}[code]
    return date(y, first, 1), month_end(y, first + 2)


def part_span(unit: str, part: int, y: int, m: int = 1, decade: int = 0) -> tuple[date, date]:
    """Bounds of the early (0), mid (1) or late (2) third of a decade, year or month."""
    if unit == "decade":
        lo, hi = [(0, 3), (4, 6), (7, 9)][part]
        return date(decade + lo, 1, 1), date(decade + hi, 12, 31)
    if unit == "year":
        lo, hi = [(1, 4), (5, 8), (9, 12)][part]
        return date(y, lo, 1), month_end(y, hi)
    lo, hi = [(1, 10), (11, 20), (21, 31)][part]
    return date(y, m, lo), date(y, m, min(hi, month_end(y, m).day))


def _iso_month(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


# --------------------------------------------------------------------------
# EDTF

_EDTF_ONE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$|^(\d{3})X$")


def _edtf_one(s: str) -> tuple[date, date, str]:
    m = _EDTF_ONE.match(s)
    if not m:
        raise DateError(f"not an EDTF date: {s!r}")
    if m.group(4):
        y = int(m.group(4)) * 10
        return date(y, 1, 1), date(y + 9, 12, 31), "decade"
    y = int(m.group(1))
    if m.group(2) is None:
        return date(y, 1, 1), date(y, 12, 31), "year"
    mo = int(m.group(2))
    if 21 <= mo <= 24:
        return (*season_span(y, mo), "season")
    if not 1 <= mo <= 12:
        raise DateError(f"not an EDTF date: {s!r}")
    if m.group(3) is None:
        return (*month_span(y, mo), "month")
    try:
        d = date(y, mo, int(m.group(3)))
    except ValueError as e:
        raise DateError(f"not a real day: {s!r}") from e
    return d, d, "day"


def parse_edtf(s: str) -> tuple[date, date]:
    """Inclusive bounds of an EDTF string of the forms ``kb`` writes.

    An approximate ``~`` or uncertain ``?`` marker does not widen the bounds
    here; the approximate rule widens them in the record itself.
    """
    s = s.strip().rstrip("~?%")
    if "/" in s:
        a, b = s.split("/", 1)
        start = _edtf_one(a.rstrip("~?"))[0]
        end = _edtf_one(b.rstrip("~?"))[1]
        if end < start:
            raise DateError(f"interval ends before it starts: {s!r}")
        return start, end
    start, end, _ = _edtf_one(s)
    return start, end


# --------------------------------------------------------------------------
# display

def display(start: date, end: date, precision: str, edtf: str = "") -> str:
    """Show a span at the precision it has: ``Aug 1971``, ``fall 1976``, ``late 1970s``."""
    if precision == "day" and start == end:
        return f"{start.day} {MONTH_ABBR[start.month]} {start.year}"
    if precision == "approximate":
        inner = edtf.rstrip("~?")
        try:
            s, e = parse_edtf(inner)
            guess = "year" if len(inner) == 4 else "month" if len(inner) == 7 else "day"
            return "c. " + display(s, e, guess, inner)
        except DateError:
            pass
    if precision == "season" and "-2" in edtf[4:7]:
        code = int(edtf[5:7])
        return f"{SEASON_NAMES[code]} {edtf[:4]}"
    whole_month = start.day == 1 and end == month_end(end.year, end.month)
    if start.year == end.year and start.month == end.month and whole_month:
        return f"{MONTH_ABBR[start.month]} {start.year}"
    if start.year == end.year and start.month == end.month:
        part = _part_name(start.day, end.day, (1, 11, 21), (10, 20, month_end(end.year, end.month).day))
        if part and precision != "range":
            return f"{part} {MONTH_ABBR[start.month]} {start.year}"
        return f"{start.day}–{end.day} {MONTH_ABBR[start.month]} {start.year}"
    whole_year = (start.month, start.day) == (1, 1) and (end.month, end.day) == (12, 31)
    if whole_year and start.year == end.year:
        return str(start.year)
    if whole_year and start.year % 10 == 0 and end.year == start.year + 9:
        return f"{start.year}s"
    if whole_year and start.year // 10 == end.year // 10 and precision == "decade":
        part = _part_name(start.year % 10, end.year % 10, (0, 4, 7), (3, 6, 9))
        if part:
            return f"{part} {start.year // 10 * 10}s"
    if whole_year:
        return f"{start.year}–{end.year}"
    if start.year == end.year and start.day == 1 and whole_month:
        part = _part_name(start.month, end.month, (1, 5, 9), (4, 8, 12))
        if part and precision == "year":
            return f"{part} {start.year}"
        return f"{MONTH_ABBR[start.month]}–{MONTH_ABBR[end.month]} {start.year}"
    if start.day == 1 and whole_month:
        return f"{MONTH_ABBR[start.month]} {start.year}–{MONTH_ABBR[end.month]} {end.year}"
    if start.year == end.year:
        return (f"{start.day} {MONTH_ABBR[start.month]}–"
                f"{end.day} {MONTH_ABBR[end.month]} {start.year}")
    return f"{display(start, start, 'day')}–{display(end, end, 'day')}"


def _part_name(lo: int, hi: int, starts: tuple, ends: tuple) -> str | None:
    for name, s, e in zip(("early", "mid", "late"), starts, ends):
        if (lo, hi) == (s, e):
            return name
    return None


# --------------------------------------------------------------------------
# the grammar

_MON = (r"(?:January|February|March|April|May|June|July|August|September|October|"
        r"November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|"
        r"Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)")
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)"
_WD = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_TO = r"\s*(?:-|–|—|to|through|until|till|and)\s*"
_THE = r"(?:the\s+)?"
_OF = r"(?:\s+of)?\s*,?\s*"
_PART = r"(?:early|mid|middle|late)"
_SEASON = r"(?:spring|summer|fall|autumn|winter)"

# month names in lists are capitalised: "may or may not", "to march" are verbs
_CMON = rf"(?-i:{_MON})"
_NUMWORD = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"

# Each alternative is (name, pattern).  Order matters: longer forms first.
_FORMS = [
    ("iso_interval", r"(?P<ia>\d{4}(?:-\d{2}(?:-\d{2})?)?)/(?P<ib>\d{4}(?:-\d{2}(?:-\d{2})?)?)"),
    ("iso_day", r"(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})"),
    ("iso_month", r"(?P<jy>\d{4})-(?P<jm>0[1-9]|1[0-2])(?![\d-])"),
    ("approx", rf"(?P<ap>around|about|circa|c\.|ca\.|approximately|roughly)\s+(?P<ax>(?:{_MON}\s+)?{_YEAR})"),
    # April, May, and June 2019 / both September and October
    ("month_list_y", rf"(?:(?:in|during)\s+)?(?:both\s+)?(?P<la>{_CMON}(?:\s*,\s*{_CMON})*\s*,?\s+(?:and|or)\s+{_CMON}){_OF}(?P<ly>{_YEAR})"),
    # July 28 to August 5, 1988
    ("md_md_y", rf"(?:between\s+|from\s+)?{_WD}(?P<a_m>{_MON})\s+(?P<a_d>{_DAY}){_TO}(?P<b_m>{_MON})\s+(?P<b_d>{_DAY}),?\s+(?P<b_y>{_YEAR})"),
    # July 2 to 5, 1988
    ("md_d_y", rf"(?:between\s+|from\s+)?(?P<c_m>{_MON})\s+(?P<c_d>{_DAY}){_TO}(?P<c_e>{_DAY}),?\s+(?P<c_y>{_YEAR})"),
    # 2 to 5 July 1988 / 28 July to 5 August 1988
    ("d_dm_y", rf"(?:between\s+|from\s+)?(?P<e_d>{_DAY})(?:\s+(?P<e_m>{_MON}))?{_TO}(?P<f_d>{_DAY})\s+(?P<f_m>{_MON}),?\s+(?P<f_y>{_YEAR})"),
    # March 1981 to June 1982 / March to June 1981
    ("m_my", rf"(?:between\s+|from\s+)?(?P<g_m>{_MON})(?:{_OF}(?P<g_y>{_YEAR}))?{_TO}(?P<h_m>{_MON}){_OF}(?P<h_y>{_YEAR})"),
    # 1979-1981, 1979-81, from 1979 to 1981
    ("y_y", rf"(?:between\s+|from\s+)?(?P<k_y>{_YEAR}){_TO}(?P<l_y>{_YEAR}|\d\d)(?![\d-])"),
    # Sunday, May 17, 2020 / September 6th, 1965
    ("mdy", rf"{_WD}(?P<m_m>{_MON})\s+(?P<m_d>{_DAY}),?\s+(?P<m_y>{_YEAR})"),
    # 6 September 1965 / 6th of September, 1965
    ("dmy", rf"{_WD}(?P<n_d>{_DAY})(?:\s+of)?\s+(?P<n_m>{_MON}),?\s+(?P<n_y>{_YEAR})"),
    # early August 2020 / mid-August of 2020
    ("part_month", rf"{_THE}(?P<p_p>{_PART})[-\s]+(?P<p_m>{_MON}){_OF}(?P<p_y>{_YEAR})"),
    # August of 1971
    ("my", rf"(?P<q_m>{_MON}){_OF}(?P<q_y>{_YEAR})"),
    # the fall of 1976
    ("season", rf"{_THE}(?P<r_s>{_SEASON}){_OF}(?P<r_y>{_YEAR})"),
    # the 1950s and 1960s / the 1970s-1980s
    ("decade_decade", rf"{_THE}(?P<dd_a>1[6-9]\d0|20\d0)'?s{_TO}(?:the\s+)?(?P<dd_b>1[6-9]\d0|20\d0)'?s"),
    # the late 1970s
    ("part_decade", rf"{_THE}(?P<s_p>{_PART})[-\s]+(?P<s_y>1[6-9]\d0|20\d0)'?s"),
    ("decade", rf"{_THE}(?P<t_y>1[6-9]\d0|20\d0)'?s"),
    # late 1981
    ("part_year", rf"{_THE}(?P<u_p>{_PART})[-\s]+(?P<u_y>{_YEAR})(?!'?s)"),
    ("year", rf"(?P<v_y>{_YEAR})(?!'?s|\d)"),
    # the past 12 months up to June 2019
    ("span_to", rf"(?:(?:in|over|during)\s+)?the\s+(?:past|last|previous)\s+(?P<sn>\d{{1,2}}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+(?P<su>months|years)\s+(?:up\s+to|until|till|to|through|ending\s+in|ending)\s+(?P<sx>(?:{_MON}{_OF})?{_YEAR})"),
    # ---- relative to the date before them in the paragraph ----
    ("n_later", rf"(?<![-–])(?:(?:some|about|nearly|almost|just)\s+)?(?P<lt_n>\d{{1,2}}|an?|{_NUMWORD})\s+(?P<lt_u>day|week|month|year)s?\s+(?:later|afterwards?|thereafter)"),
    ("next_n", rf"(?<![-–])(?:(?:during|over|in|for|within)\s+)?the\s+(?:next|following|subsequent)\s+(?P<nx_n>\d{{1,2}}|{_NUMWORD})\s+(?P<nx_u>months|years)"),
    ("during_named", rf"(?:during|throughout|amid)\s+the\s+(?!{_PART}\b|{_SEASON}\b|{_MON}\b|(?:past|last|next|following|previous|same|first|whole|entire)\b)(?P<dn>[A-Za-z]{{4,}})\b(?!\s*(?:of\s+)?\d|\s+(?:of|in)\b)"),
    ("following_years", r"(?:(?:during|over|in|by)\s+)?the\s+(?:following|subsequent)\s+(?P<fy_u>years?)(?!\s*(?:old|of)\b)"),
    # ---- relative to the anchor ----
    ("this_time_last_year", r"this\s+time\s+last\s+year"),
    ("earlier_this", r"earlier\s+this\s+(?P<w_u>month|year)"),
    ("past_window", r"(?:over|within|in|during|for|throughout)\s+the\s+(?:past|last)\s+(?P<pw_u>week|month|year)"),
    ("this_last_unit", r"(?P<x_w>this|last|past)\s+(?P<x_u>week|month|year)"),
    ("last_month_name", rf"last\s+(?P<y_m>{_MON})"),
    ("yesterday", r"yesterday|today"),
    ("month_list", rf"(?:(?:in|during)\s+)?(?:both\s+)?(?P<lb>{_CMON}(?:\s*,\s*{_CMON})*\s*,?\s+(?:and|or)\s+{_CMON})(?![\s,]*(?:of\s+)?\d)"),
    ("part_month_noyear", rf"{_THE}(?P<z_p>{_PART})[-\s]+(?P<z_m>{_MON})(?!\s*,?\s*(?:of\s+)?\d)"),
    ("md_noyear", rf"{_WD}(?P<o_m>{_MON})\s+(?P<o_d>{_DAY})(?!\d|\s*,?\s*\d)"),
    ("in_month", rf"(?P<pr>in|on|since|by|during|until|from)\s+(?P<i_m>{_MON})(?![\s,]*(?:of\s+)?\d)"),
]

_WHOLE = {name: re.compile(rf"^\s*(?:{pat})\s*[.,]?\s*$", re.IGNORECASE) for name, pat in _FORMS}


@functools.cache
def _scanner() -> re.Pattern:
    """The grammar for running text, with word boundaries around any form.  Compiled
    on first use: only ``kb ingest`` scans text, and the compile costs ~15 ms."""
    return re.compile(r"(?<![\w/])(?<!\d-)(?:" + "|".join(f"(?P<{n}>{p})" for n, p in _FORMS)
                      + r")(?:(?![\w/])|(?<=\d)(?=(?-i:[A-Z][a-z])))", re.IGNORECASE)


def scan_dates(text: str) -> list[re.Match]:
    """The raw matches of the grammar in ``text``, for :func:`find_dates` (a caller
    that reads the same text twice, as ``kb ingest`` does, scans it once)."""
    return list(_scanner().finditer(text))

RELATIVE_FORMS = {"this_time_last_year", "earlier_this", "this_last_unit", "past_window", "last_month_name",
                  "yesterday", "month_list", "part_month_noyear", "md_noyear", "in_month"}


REFERENTIAL_FORMS = {"n_later", "next_n", "following_years", "during_named"}
REFERENTIAL_RULES = {"n-later", "next-n", "following-years", "following-year", "same-name"}

_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())} | {"a": 1, "an": 1}


def _number(s: str) -> int:
    return int(s) if s.isdigit() else _NUMBERS[s.lower()]


def _mon(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


def _day(s: str) -> int:
    return int(re.match(r"\d+", s).group())


def _mk(text, start, end, precision, edtf, anchor=None, rule=None) -> DateSpan:
    if end < start:
        raise DateError(f"{text!r}: the range ends before it starts")
    return DateSpan(text, start, end, precision, edtf, anchor, rule)


def _safe_day(y, m, d, text) -> date:
    try:
        return date(y, m, d)
    except ValueError as e:
        raise DateError(f"{text!r} is not a real day") from e


def _latest_month(month: int, anchor: date, strictly_before: bool) -> int:
    """Year of the latest ``month`` on or before (or strictly before) the anchor's month."""
    if month < anchor.month or (month == anchor.month and not strictly_before):
        return anchor.year
    return anchor.year - 1


_MON_RX = re.compile(_MON, re.IGNORECASE)


def _list_months(words: str) -> list[int]:
    """The months of a list ("April, May, and June"), in order, or DateError
    if they do not run forward in one year."""
    ms = [_mon(w) for w in _MON_RX.findall(words)]
    if any(b <= a for a, b in zip(ms, ms[1:])):
        raise DateError(f"{words!r}: the months do not run forward")
    return ms


def _build(form: str, g: dict, text: str, anchor: date | None) -> DateSpan:
    """Turn one matched form into a DateSpan, applying the module's rules."""
    if form in RELATIVE_FORMS and anchor is None:
        raise DateError(f"{text!r} is relative to the page's date, and no date was given")
    if form in REFERENTIAL_FORMS:
        raise DateError(f"{text!r} counts from a date before it in the text; give a date")

    if form == "iso_interval":
        s, e = parse_edtf(f"{g['ia']}/{g['ib']}")
        return _mk(text, s, e, "range", f"{g['ia']}/{g['ib']}")
    if form == "iso_day":
        d = _safe_day(int(g["iy"]), int(g["im"]), int(g["id"]), text)
        return _mk(text, d, d, "day", d.isoformat())
    if form == "iso_month":
        y, m = int(g["jy"]), int(g["jm"])
        return _mk(text, *month_span(y, m), "month", f"{y:04d}-{m:02d}")
    if form == "approx":
        inner = parse_date(g["ax"])
        if inner.precision == "year":
            y = inner.start.year
            return _mk(text, date(y - 1, 1, 1), date(y + 1, 12, 31), "approximate",
                       f"{y}~", rule="approximate")
        s = inner.start.replace(day=1)
        before = date(s.year - (s.month == 1), (s.month - 2) % 12 + 1, 1)
        after_m = inner.end.month % 12 + 1
        after = month_end(inner.end.year + (inner.end.month == 12), after_m)
        return _mk(text, before, after, "approximate", f"{inner.edtf}~", rule="approximate")
    if form in ("month_list_y", "month_list"):
        ms = _list_months(g.get("la") or g.get("lb"))
        if form == "month_list_y":
            y, how = int(g["ly"]), "month-list"
        else:
            y, how = _latest_month(ms[-1], anchor, strictly_before=False), "month-no-year; month-list"
        s, e = date(y, ms[0], 1), month_end(y, ms[-1])
        if ms[0] == ms[-1]:
            return _mk(text, s, e, "month", _iso_month(s), anchor, how)
        return _mk(text, s, e, "range", f"{_iso_month(s)}/{_iso_month(e)}", anchor, how)
    if form == "md_md_y":
        y = int(g["b_y"])
        s = _safe_day(y, _mon(g["a_m"]), _day(g["a_d"]), text)
        e = _safe_day(y, _mon(g["b_m"]), _day(g["b_d"]), text)
        return _mk(text, s, e, "range", f"{s.isoformat()}/{e.isoformat()}")
    if form == "md_d_y":
        y, m = int(g["c_y"]), _mon(g["c_m"])
        s, e = _safe_day(y, m, _day(g["c_d"]), text), _safe_day(y, m, _day(g["c_e"]), text)
        return _mk(text, s, e, "range", f"{s.isoformat()}/{e.isoformat()}")
    if form == "d_dm_y":
        y, m2 = int(g["f_y"]), _mon(g["f_m"])
        m1 = _mon(g["e_m"]) if g.get("e_m") else m2
        s, e = _safe_day(y, m1, _day(g["e_d"]), text), _safe_day(y, m2, _day(g["f_d"]), text)
        return _mk(text, s, e, "range", f"{s.isoformat()}/{e.isoformat()}")
    if form == "m_my":
        y2, m2 = int(g["h_y"]), _mon(g["h_m"])
        m1 = _mon(g["g_m"])
        y1 = int(g["g_y"]) if g.get("g_y") else (y2 if m1 <= m2 else y2 - 1)
        s, e = date(y1, m1, 1), month_end(y2, m2)
        return _mk(text, s, e, "range", f"{_iso_month(s)}/{_iso_month(e)}")
    if form == "y_y":
        y1, raw = int(g["k_y"]), g["l_y"]
        y2 = int(raw) if len(raw) == 4 else y1 // 100 * 100 + int(raw)
        return _mk(text, date(y1, 1, 1), date(y2, 12, 31), "range", f"{y1}/{y2}")
    if form in ("mdy", "dmy"):
        p = "m" if form == "mdy" else "n"
        d = _safe_day(int(g[f"{p}_y"]), _mon(g[f"{p}_m"]), _day(g[f"{p}_d"]), text)
        return _mk(text, d, d, "day", d.isoformat())
    if form == "part_month":
        y, m, part = int(g["p_y"]), _mon(g["p_m"]), PARTS[g["p_p"].lower()]
        s, e = part_span("month", part, y, m)
        return _mk(text, s, e, "month", f"{s.isoformat()}/{e.isoformat()}", rule="part-of")
    if form == "my":
        y, m = int(g["q_y"]), _mon(g["q_m"])
        return _mk(text, *month_span(y, m), "month", f"{y:04d}-{m:02d}")
    if form == "season":
        y, code = int(g["r_y"]), SEASONS[g["r_s"].lower()]
        return _mk(text, *season_span(y, code), "season", f"{y}-{code}", rule="season")
    if form == "decade_decade":
        a, b = int(g["dd_a"]), int(g["dd_b"])
        if b < a:
            raise DateError(f"{text!r}: the range ends before it starts")
        return _mk(text, date(a, 1, 1), date(b + 9, 12, 31), "range", f"{a // 10}X/{b // 10}X")
    if form == "span_to":
        n = _number(g["sn"])
        e = parse_date(g["sx"]).end
        months = n * (12 if g["su"].lower() == "years" else 1)
        k = e.year * 12 + e.month - 1 - months + 1
        s = date(k // 12, k % 12 + 1, 1)
        return _mk(text, s, e, "range", f"{_iso_month(s)}/{_iso_month(e)}", rule="duration-to")
    if form == "part_decade":
        dec, part = int(g["s_y"]), PARTS[g["s_p"].lower()]
        s, e = part_span("decade", part, 0, decade=dec)
        return _mk(text, s, e, "decade", f"{s.year}/{e.year}", rule="part-of")
    if form == "decade":
        dec = int(g["t_y"])
        return _mk(text, date(dec, 1, 1), date(dec + 9, 12, 31), "decade", f"{dec // 10}X")
    if form == "part_year":
        y, part = int(g["u_y"]), PARTS[g["u_p"].lower()]
        s, e = part_span("year", part, y)
        return _mk(text, s, e, "year", f"{_iso_month(s)}/{_iso_month(e)}", rule="part-of")
    if form == "year":
        y = int(g["v_y"])
        return _mk(text, date(y, 1, 1), date(y, 12, 31), "year", str(y))

    a = anchor
    if form == "this_time_last_year":
        s, e = month_span(a.year - 1, a.month)
        return _mk(text, s, e, "month", _iso_month(s), a, "this-time-last-year")
    if form == "earlier_this":
        s = a.replace(day=1) if g["w_u"].lower() == "month" else date(a.year, 1, 1)
        return _mk(text, s, a, "range", f"{s.isoformat()}/{a.isoformat()}", a,
                   f"earlier-this-{g['w_u'].lower()}")
    if form == "past_window":
        unit = g["pw_u"].lower()
        if unit == "week":
            s = a - timedelta(days=6)
        elif unit == "month":
            y, mo = _add_months(a, -1)
            s = date(y, mo, min(a.day, month_end(y, mo).day)) + timedelta(days=1)
        else:
            s = (a.replace(day=28) if (a.month, a.day) == (2, 29) else a).replace(year=a.year - 1) + timedelta(days=1)
        return _mk(text, s, a, "range", f"{s.isoformat()}/{a.isoformat()}", a, f"past-{unit}")
    if form == "this_last_unit":
        which, unit = g["x_w"].lower(), g["x_u"].lower()
        back = which in ("last", "past")
        rule = f"{'last' if back else 'this'}-{unit}"
        if unit == "year":
            y = a.year - back
            return _mk(text, date(y, 1, 1), date(y, 12, 31), "year", str(y), a, rule)
        if unit == "month":
            y, m = (a.year - (a.month == 1), (a.month - 2) % 12 + 1) if back else (a.year, a.month)
            s, e = month_span(y, m)
            return _mk(text, s, e, "month", _iso_month(s), a, rule)
        monday = a - timedelta(days=a.weekday() + 7 * back)
        sunday = monday + timedelta(days=6)
        return _mk(text, monday, sunday, "range", f"{monday.isoformat()}/{sunday.isoformat()}", a, rule)
    if form == "last_month_name":
        m = _mon(g["y_m"])
        y = _latest_month(m, a, strictly_before=True)
        return _mk(text, *month_span(y, m), "month", f"{y:04d}-{m:02d}", a, "last-month-name")
    if form == "yesterday":
        d = a - timedelta(days=1) if text.strip().lower().startswith("yest") else a
        return _mk(text, d, d, "day", d.isoformat(), a, text.strip().lower())
    if form == "part_month_noyear":
        m, part = _mon(g["z_m"]), PARTS[g["z_p"].lower()]
        y = _latest_month(m, a, strictly_before=False)
        s, e = part_span("month", part, y, m)
        return _mk(text, s, e, "month", f"{s.isoformat()}/{e.isoformat()}", a, "month-no-year; part-of")
    if form == "md_noyear":
        m = _mon(g["o_m"])
        y = _latest_month(m, a, strictly_before=False)
        d = _safe_day(y, m, _day(g["o_d"]), text)
        return _mk(text, d, d, "day", d.isoformat(), a, "month-no-year")
    if form == "in_month":
        m = _mon(g["i_m"])
        y = _latest_month(m, a, strictly_before=False)
        return _mk(text, *month_span(y, m), "month", f"{y:04d}-{m:02d}", a, "month-no-year")
    raise DateError(f"{text!r}: no rule for form {form}")  # pragma: no cover


def _groups(m: re.Match) -> dict:
    return {k: v for k, v in m.groupdict().items() if v is not None}


_LEAD = re.compile(r"^(?:finally,?\s+|then,?\s+)?(?:in|on|during|by|since|from|at|until)\s+", re.IGNORECASE)


def parse_date(text: str, anchor: date | None = None) -> DateSpan:
    """Read a whole string as one date; raise :class:`DateError` if it is not one.

    A bare month name ("September") is read as ``in September``.
    """
    t = " ".join(text.split())
    if not t:
        raise DateError("empty date")
    bare = _LEAD.sub("", t)
    for candidate in (t, bare) if bare != t else (t,):
        for name, rx in _WHOLE.items():
            m = rx.match(candidate)
            if m:
                return _build(name, _groups(m), t, anchor)
    t = bare
    m = re.fullmatch(rf"{_MON}", t, re.IGNORECASE)
    if m:
        return _build("in_month", {"i_m": t}, t, anchor)
    return _fallback(t)


def _fallback(t: str) -> DateSpan:
    """Numeric day formats (``06.09.1965``, ``1965/09/06``) through dateutil."""
    if not re.fullmatch(r"\d{1,4}[./]\d{1,2}[./]\d{1,4}", t):
        raise DateError(f"{t!r} is not a date kb can read")
    from dateutil import parser  # heavy: only for this rare path

    try:
        d = parser.parse(t, dayfirst=True).date()
    except (ValueError, OverflowError) as e:
        raise DateError(f"{t!r} is not a date kb can read") from e
    return _mk(t, d, d, "day", d.isoformat())


def find_dates(text: str, anchor: date | None = None, relative_refs: bool = True,
               matches: list[re.Match] | None = None) -> Iterator[tuple[int, int, DateSpan]]:
    """Every date in running text as ``(start_offset, end_offset, DateSpan)``.

    Relative forms are skipped when no anchor is given.  A bare year must not
    look like a count ("2000 people"): it needs a preposition or a date word
    near it, or to stand in a heading.  Dates counted from the date before
    them use only absolute dates as their reference when ``relative_refs`` is
    false (for a page whose anchor is a guess).  ``matches`` are those of
    :func:`scan_dates` for this text, if the caller has them already.
    """
    before: list = []       # (start, end, span, is a modifier year, is relative)
    hint = None             # a counted date the text restates at once, and where
    for m in (_scanner().finditer(text) if matches is None else matches):
        form = m.lastgroup
        if form in RELATIVE_FORMS and anchor is None:
            continue
        if form == "year" and not _year_context(text, m.start(), m.end()):
            continue
        if form == "md_noyear" and m.group("o_m").lower().rstrip(".") == "may" and not re.match(
                r"May\s", m.group()):
            continue
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


_NO_YEAR = {"md_noyear", "in_month", "part_month_noyear"}
_RESTATED = re.compile(r"\s*,?\s*(?:(?:on|in|by)\s+)?")

_YEAR_ONLY = re.compile(r"\d{4}$")
_MODIFIER_BEFORE = re.compile(r"(?:\b(?:the|a|this|that|its|their|his|her)\s+|[’']s\s+|\b(?:post|pre)-)$",
                              re.IGNORECASE)
_MODIFIER_AFTER = re.compile(r"\s+(?!(?:and|or|to|through|until|till|when|that|which|as|with|in|on|"
                             r"at|by|of|for|from)\b)[A-Za-z]")


def modifier_year(text: str, s: int, e: int, span: DateSpan) -> bool:
    """Is the bare year at ``text[s:e]`` a modifier, not the time of its clause:
    "the 1979 revolution", "Iran's 2009 election", "post-1981"?  The clause then
    names an earlier event in passing."""
    if span.precision != "year" or not _YEAR_ONLY.fullmatch(text[s:e].strip()):
        return False
    before = text[max(0, s - 8):s]
    if re.search(r"\b(?:post|pre)-$", before, re.IGNORECASE):
        return True
    return bool(_MODIFIER_BEFORE.search(before)) and bool(_MODIFIER_AFTER.match(text, e))


LOOKBACK = 1500     # characters: the farthest back a reference or a named thing may be


def _para_start(text: str, at: int) -> int:
    """Start of the paragraph holding ``at`` (looking back at most LOOKBACK characters)."""
    lo = max(0, at - LOOKBACK)
    k = text.rfind("\n", lo, at)
    return k + 1 if k >= 0 else lo


def _during_named(m: re.Match, noun: str, text: str) -> DateSpan | None:
    """"During the massacre" after "the 1988 Massacre" in the same paragraph: 1988."""
    lo = _para_start(text, m.start())
    window = text[lo:m.start()]
    if noun.lower() not in window.lower() or not re.search(_YEAR, window):
        return None
    named = None
    pattern = (rf"(?i:\bthe|\bits|\btheir|\bhis|\bher|[’']s)\s+({_YEAR})\s+"
               rf"(?:[A-Z][\w’'-]*\s+){{0,2}}?(?i:{re.escape(noun)})\b")
    for named in re.finditer(pattern, window):
        pass
    if named is None:
        return None
    y = int(named.group(1))
    return _mk(m.group().strip(), date(y, 1, 1), date(y, 12, 31), "year", str(y), None,
               f"same-name: the {noun} named before as {named.group().strip()!r}")


_FINER = {"day": ("day",), "week": ("day",), "month": ("day", "month"),
          "year": ("day", "month", "season", "year", "range", "decade", "approximate")}
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s")
_FUTURE = re.compile(r"\b(?:will|shall|won[’']t|plans?\s+to|aims?\s+to|(?:is|are)\s+set\s+to|"
                     r"expects?\s+to|intends?\s+to)\b|[’']ll\b", re.IGNORECASE)


def _add_months(d: date, n: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


def _reference(m: re.Match, unit: str, before: list, text: str, relative_refs: bool,
               same_sentence: bool) -> DateSpan | None:
    """The date a counted expression counts from: the nearest earlier date of the
    paragraph of a fine enough unit, preferring one that is not a modifier year
    ("veterans of the 1979 revolution")."""
    lo = _para_start(text, m.start())
    fallback = None
    for s, e, span, modifier, relative in reversed(before[-12:]):
        if e < lo or (same_sentence and _SENTENCE_END.search(text, e, m.start())):
            break
        if (relative and not relative_refs) or span.precision not in _FINER[unit] \
                or (span.rule or "").startswith("today"):
            continue
        if not modifier:
            return span
        fallback = fallback or span
    return fallback


def _referential(m: re.Match, form: str, before: list, text: str,
                 relative_refs: bool = True) -> DateSpan | None:
    """A date counted from the date before it in the same paragraph (rules in the
    module docstring), or None when there is no such date of a fine enough unit."""
    g = _groups(m)
    if form == "during_named":
        return _during_named(m, g["dn"], text)
    unit = (g.get("lt_u") or g.get("nx_u") or "year").lower().rstrip("s")
    if form == "next_n":
        ends = [x.end() for x in _SENTENCE_END.finditer(text, max(0, m.start() - 400), m.start())]
        sentence = max([_para_start(text, m.start()), *ends])
        if _FUTURE.search(text, sentence, m.start()):
            return None     # "will spend ... over the next two years": not counted from a past date
    ref = _reference(m, unit, before, text, relative_refs, same_sentence=form == "next_n")
    if ref is None:
        return None
    t = m.group().strip()
    a = ref.end if ref.precision in ("range", "decade", "approximate") else ref.start
    if form == "n_later":
        n = _number(g["lt_n"])
        rule = f"n-later: {n} {unit}(s) after {ref.text!r}"
        if unit == "day":
            d = a + timedelta(days=n)
            return _mk(t, d, d, "day", d.isoformat(), a, rule)
        if unit == "week":
            d = a + timedelta(days=7 * n)
            return _mk(t, d - timedelta(days=7), d + timedelta(days=7), "approximate",
                       f"{d.isoformat()}~", a, rule + "; widened one week each side")
        if unit == "month":
            y, mo = _add_months(a, n)
            lo, hi = _add_months(date(y, mo, 1), -1), _add_months(date(y, mo, 1), 1)
            return _mk(t, date(*lo, 1), month_end(*hi), "approximate", f"{y:04d}-{mo:02d}~", a,
                       rule + "; widened one month each side")
        y = a.year + n
        return _mk(t, date(y, 1, 1), date(y, 12, 31), "year", str(y), a, rule)
    if form == "next_n":
        n = _number(g["nx_n"])
        rule = f"next-n: {ref.text!r} and the {n} {unit}(s) after it"
        if unit == "month":
            y, mo = _add_months(a, n)
            return _mk(t, a, month_end(y, mo), "range", f"{a.isoformat()}/{y:04d}-{mo:02d}", a, rule)
        return _mk(t, date(a.year, 1, 1), date(a.year + n, 12, 31), "range",
                   f"{a.year}/{a.year + n}", a, rule)
    y = ref.end.year + 1
    if g["fy_u"].lower() == "year":
        return _mk(t, date(y, 1, 1), date(y, 12, 31), "year", str(y), a,
                   f"following-year: the year after {ref.text!r}")
    rest = text[m.end():m.end() + 400]
    stop = _SENTENCE_END.search(rest)
    for later in _scanner().finditer(rest[:stop.start()] if stop else rest):
        if later.lastgroup in RELATIVE_FORMS | REFERENTIAL_FORMS:
            continue
        try:
            nxt = _build(later.lastgroup, _groups(later), later.group().strip(), None)
        except DateError:
            continue
        if nxt.end.year >= y:
            return _mk(t, date(y, 1, 1), date(nxt.end.year, 12, 31), "range", f"{y}/{nxt.end.year}", a,
                       f"following-years: from the year after {ref.text!r} to {nxt.text!r}, "
                       "the next date of the sentence")
        break
    return None


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


# --------------------------------------------------------------------------
# command-line bounds

def parse_bound(text: str) -> DateSpan:
    """A FROM/TO bound of ``kb timeline``: a year, year-month, day or written date.

    ``..`` or an empty string means an open end and is handled by the caller.
    """
    return parse_date(text)
