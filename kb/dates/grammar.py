"""The grammar of dates: one regular expression per written form.

The word tables (:data:`MONTHS`, :data:`SEASONS`, :data:`PARTS`, the counting
words), the pieces the forms are built of (``_MON``, ``_DAY``, ``_YEAR``...),
``_FORMS`` (every form by name, longest first), the whole-string patterns
:func:`kb.dates.parse_date` tries, the running-text scanner (compiled on first
use, and tried only where a date can begin: :func:`scan_dates`), and which forms are relative to the page's date
(:data:`RELATIVE_FORMS`) or count from a date before them
(:data:`REFERENTIAL_FORMS`).  Turning a match into a date is
:mod:`kb.dates.parse`'s work.
"""

from __future__ import annotations

import functools
import re

from .lazy import lazy

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
SEASONS = {"spring": 21, "summer": 22, "fall": 23, "autumn": 23, "winter": 24}
PARTS = {"early": 0, "mid": 1, "middle": 1, "late": 2}


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
    ("last_month_name", rf"last\s+(?P<y_m>{_MON})(?!\.?\s*\d)"),
    ("yesterday", r"yesterday|today"),
    ("month_list", rf"(?:(?:in|during)\s+)?(?:both\s+)?(?P<lb>{_CMON}(?:\s*,\s*{_CMON})*\s*,?\s+(?:and|or)\s+{_CMON})(?!\.?[\s,]*(?:of\s+)?\d)"),
    ("part_month_noyear", rf"{_THE}(?P<z_p>{_PART})[-\s]+(?P<z_m>{_MON})(?!\.?\s*,?\s*(?:of\s+)?\d)"),
    ("md_noyear", rf"{_WD}(?P<o_m>{_MON})\s+(?P<o_d>{_DAY})(?!\d|\s*,?\s*\d)"),
    # 16 November / the 21st of July (no year after it)
    ("dm_noyear", rf"{_WD}(?P<dn_d>{_DAY})(?:\s+of)?\s+(?P<dn_m>{_MON})(?![\w.]|\.?\s*,?\s*(?:of\s+)?\d)"),
    ("in_month", rf"(?P<pr>in|on|since|by|during|until|from)\s+(?P<i_m>{_MON})(?!\.?[\s,]*(?:of\s+)?\d)"),
]

_PATTERNS = dict(_FORMS)

#: each form's named groups, in the order its pattern names them (what :func:`_groups` reads)
_GROUP_NAMES = {name: tuple(re.findall(r"\(\?P<(\w+)>", pat)) for name, pat in _FORMS}


@functools.cache
def whole(name: str) -> re.Pattern:
    """Form ``name`` as a pattern of a whole string (:func:`kb.dates.parse_date`), compiled
    on first use: a string is tried form by form and stops at the first that reads it, so
    most forms are never compiled in a run (all 36 cost ~30 ms), and after a scan the tries
    begin at the first form the scanner's alternation lets read it (:func:`whole_from`)."""
    return re.compile(rf"^\s*(?:{_PATTERNS[name]})\s*[.,]?\s*$", re.IGNORECASE)


#: each form's place in :data:`_FORMS`
FORM_INDEX = {name: i for i, (name, _p) in enumerate(_FORMS)}


def whole_from(candidate: str) -> int:
    """The first form (its place in :data:`_FORMS`) that may read ``candidate`` whole, as
    :func:`whole` does: no form before it can (:func:`kb.dates.parse_date` tries
    them from there; ``len(_FORMS)``: none can).  Read by the scanner's alternation, one
    pattern of every form in order, when a scan has already compiled it (else 0: the forms are
    tried from the first, each compiled when first tried, as a command that scans no text
    should not compile them all).  ``candidate`` is a string without white space at either end
    and with no run of it (as ``parse_date`` makes it): a form reads it whole when it reads it
    to an end ``e`` followed by nothing, by ``.``/``,`` or by a space and one; the alternation's
    ``fullmatch`` up to ``e`` takes the first form that reads ``candidate[:e]`` with nothing
    after it, which every form that reads it with the ``.`` after it does too (the forms'
    lookaheads forbid what follows, and a ``.``, ``,`` or space is no word character), so the
    first of those over the ends is no later than the first form that reads it whole."""
    if _alternation.cache_info().currsize == 0:
        return 0
    full, n = _alternation().whole.fullmatch, len(candidate)
    ends = (n, n - 1, n - 2) if candidate[-2:] in (" .", " ,") else (n, n - 1) if candidate[-1:] in ".," else (n,)
    first = len(_FORMS)
    for e in ends:
        m = full(candidate, 0, e)
        if m is not None and FORM_INDEX[m.lastgroup] < first:
            first = FORM_INDEX[m.lastgroup]
    return first


_HEAD = r"(?<![\w/])(?<!\d-)"
_TAIL = r"(?:(?![\w/])|(?<=\d)(?=(?-i:[A-Z][a-z])))"


@functools.cache
def _scanner() -> re.Pattern:
    """The grammar for running text, with word boundaries around any form.  Compiled
    on first use: only ``kb ingest`` scans text, and the compile costs ~15 ms."""
    return _alternation().whole


@functools.cache
def _alternation():
    """The scanner as a :class:`kb.dates.prefilter.Alternation`: tried only where a date
    can begin, and there with only the forms that can begin with the text's next
    letters, which makes a scan several times faster and never changes its matches."""
    from .prefilter import Alternation

    # every form begins with a letter or a digit, and _HEAD allows no word character before
    # it: a date begins at a word boundary (tests/test_dates_fast_paths.py)
    return Alternation(_HEAD, _FORMS, _TAIL, re.IGNORECASE, word_start=True)


def scan_dates(text: str) -> list[re.Match]:
    """The raw matches of the grammar in ``text`` (those of the scanner's
    ``finditer``), for :func:`find_dates` (a caller that reads the same text twice,
    as ``kb ingest`` does, scans it once)."""
    return list(_alternation().finditer(text))

RELATIVE_FORMS = {"this_time_last_year", "earlier_this", "this_last_unit", "past_window", "last_month_name",
                  "yesterday", "month_list", "part_month_noyear", "md_noyear", "dm_noyear", "in_month"}


REFERENTIAL_FORMS = {"n_later", "next_n", "following_years", "during_named"}
REFERENTIAL_RULES = {"n-later", "next-n", "following-years", "following-year", "same-name"}

_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())} | {"a": 1, "an": 1}


def _number(s: str) -> int:
    return int(s) if s.isdigit() else _NUMBERS[s.lower()]


def _mon(s: str) -> int:
    return MONTHS[s.lower().rstrip(".")]


_DIGITS = lazy(r"\d+")


def _day(s: str) -> int:
    return int(_DIGITS.match(s).group())


_MON_RX = lazy(_MON, re.IGNORECASE)


def _groups(m: re.Match) -> dict:
    """The groups of a match that took part in it, by name.  A match of the scanner
    reads only the groups of its form (``lastgroup``), not the hundred of all forms."""
    form = _GROUP_NAMES.get(m.lastgroup)
    names = (m.lastgroup, *form) if form is not None else m.re.groupindex
    return {k: v for k in names if (v := m.group(k)) is not None}
