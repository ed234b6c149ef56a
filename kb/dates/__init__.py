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

In running text (:func:`find_dates`) "and" joins a range only after "between"
("between 1979 and 1981"); "in 1979 and 1981" names two dates (rule
``coordinated``): rules in :mod:`kb.dates.find`.

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

Some expressions count from the date before them in the same paragraph, not
from the page's date ("three days later", "the following year"): rules in
:mod:`kb.dates.referential`.

The package imports nothing beyond the standard library, and each of its
modules only when one of its names is first used (``from kb.dates import
DateSpan`` does not compile the grammar); ``python-dateutil``
is loaded only as the last resort for numeric day formats the grammar does
not know (``06.09.1965``).  One concept per module:

* :mod:`kb.dates.span`: :class:`DateSpan`, :class:`DateError`, the calendar
  helpers, EDTF and display;
* :mod:`kb.dates.grammar`: the word tables and the regular grammar of forms;
* :mod:`kb.dates.parse`: a matched form to a :class:`DateSpan`
  (:func:`parse_date`, :func:`parse_bound`);
* :mod:`kb.dates.find`: dates in running text (:func:`find_dates`);
* :mod:`kb.dates.referential`: dates counted from the date before them;
* :mod:`kb.dates.prefilter`: where a pattern can begin, read from its syntax,
  so the scanner is tried only there (a scan linear in the text, several
  times faster, with the same matches).
"""

import importlib

#: where each name of the package lives: a submodule is imported when one of its names is
#: first asked for (``from kb.dates import DateSpan`` loads the date model, not the grammar,
#: whose patterns cost tens of milliseconds to compile)
_HOME = {
    "find_dates": "find", "modifier_year": "find",
    "MONTHS": "grammar", "PARTS": "grammar", "REFERENTIAL_FORMS": "grammar", "REFERENTIAL_RULES": "grammar",
    "RELATIVE_FORMS": "grammar", "SEASONS": "grammar", "scan_dates": "grammar",
    "parse_bound": "parse", "parse_date": "parse",
    "LOOKBACK": "referential",
    "dateline": "tag", "tag_dates": "tag",
    "MONTH_ABBR": "span", "PRECISIONS": "span", "SEASON_NAMES": "span", "DateError": "span", "DateSpan": "span",
    "display": "span", "month_end": "span", "month_span": "span", "parse_edtf": "span", "part_span": "span",
    "season_span": "span",
}

__all__ = [
    "DateError", "DateSpan", "PRECISIONS", "MONTHS", "MONTH_ABBR", "SEASONS", "SEASON_NAMES", "PARTS",
    "RELATIVE_FORMS", "REFERENTIAL_FORMS", "REFERENTIAL_RULES", "LOOKBACK",
    "month_end", "month_span", "season_span", "part_span", "parse_edtf", "display",
    "parse_date", "parse_bound", "find_dates", "scan_dates", "modifier_year", "tag_dates", "dateline",
]


def __getattr__(name: str):
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value     # asked once: the next lookup is a plain global
    return value


def __dir__():
    return sorted(set(globals()) | set(_HOME))
