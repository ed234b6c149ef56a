"""Reading one date: a match of the grammar turned into a :class:`DateSpan`.

:func:`parse_date` reads a whole string (a record's date), :func:`parse_bound`
a command-line bound; ``_build`` applies the rules of :mod:`kb.dates` to one
matched form (also for :func:`kb.dates.find_dates`).  ``python-dateutil`` is
loaded only as the last resort for numeric day formats the grammar does not
know (``06.09.1965``).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .grammar import (_FORMS, _MON, PARTS, REFERENTIAL_FORMS, RELATIVE_FORMS, SEASONS, _MON_RX, _day, _groups,
                      _mon, _number, whole, whole_from)
from .lazy import lazy
from .folds import FOLD, FOLDS_TO_ASCII
from .unspecified import unspecified
from .span import (DateError, DateSpan, _add_months, _edtf_one, _iso_month, month_end, month_span, parse_edtf,
                   part_span, season_span)


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


def _list_months(words: str) -> list[int]:
    """The months of a list ("April, May, and June"), in order, or DateError
    if they do not run forward in one year."""
    ms = [_mon(w) for w in _MON_RX.findall(words)]
    if any(b <= a for a, b in zip(ms, ms[1:])):
        raise DateError(f"{words!r}: the months do not run forward")
    return ms


def _build(form: str, g: dict, text: str, anchor: date | None) -> DateSpan:
    """Turn one matched form into a DateSpan, applying the rules of :mod:`kb.dates`.

    Digits that name no day of the calendar (a year 0000, a day past the last
    year) are a :class:`DateError` like any other date that is not one.

    The forms match ignoring case, so a group may hold a letter outside ASCII that
    ``re.IGNORECASE`` reads as an ASCII one ("ſpring", "İndependence"): the groups are
    read with those letters made ASCII (:data:`~kb.dates.folds.FOLD`), as the
    patterns read them, and the span keeps the text as written."""
    if not text.isascii() and any(c in text for c in FOLDS_TO_ASCII):
        g = {k: v.translate(FOLD) if isinstance(v, str) else v for k, v in g.items()}
    try:
        return _build_form(form, g, text, anchor)
    except (ValueError, OverflowError) as e:
        if isinstance(e, DateError):
            raise
        raise DateError(f"{text!r} is not a real date") from e


def _build_form(form: str, g: dict, text: str, anchor: date | None) -> DateSpan:
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
        d = a - timedelta(days=1) if text.strip().translate(FOLD).lower().startswith("yest") else a
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
    if form == "dm_noyear":
        m = _mon(g["dn_m"])
        y = _latest_month(m, a, strictly_before=False)
        d = _safe_day(y, m, _day(g["dn_d"]), text)
        return _mk(text, d, d, "day", d.isoformat(), a, "month-no-year")
    if form == "in_month":
        m = _mon(g["i_m"])
        y = _latest_month(m, a, strictly_before=False)
        return _mk(text, *month_span(y, m), "month", f"{y:04d}-{m:02d}", a, "month-no-year")
    raise DateError(f"{text!r}: no rule for form {form}")  # pragma: no cover


_LEAD = lazy(r"^(?:finally,?\s+|then,?\s+)?(?:in|on|during|by|since|from|at|until)\s+", re.IGNORECASE)


def parse_date(text: str, anchor: date | None = None) -> DateSpan:
    """Read a whole string as one date; raise :class:`DateError` if it is not one.

    A bare month name ("September") is read as ``in September``.
    """
    t = " ".join(text.split())
    if not t:
        raise DateError("empty date")
    bare = _LEAD.sub("", t)
    for candidate in (t, bare) if bare != t else (t,):
        for name, _pattern in _FORMS[whole_from(candidate):]:
            m = whole(name).match(candidate)
            if m:
                return _build(name, _groups(m), t, anchor)
    t = bare
    m = re.fullmatch(rf"{_MON}", t, re.IGNORECASE)
    if m:
        return _build("in_month", {"i_m": t}, t, anchor)
    year = _ISO_YEAR.fullmatch(t)
    if year:  # the years kb accepts: 0001 to 9999, as in its ISO days (``0476``, ``0476-09-04``); the
        y = int(year.group(1))  # grammar's "year" reads only 1600 to 2099, the years of running text
        if y == 0:
            raise DateError(f"{t!r}: there is no year 0000")
        return _mk(t, date(y, 1, 1), date(y, 12, 31), "year", f"{y:04d}")
    return _fallback(t)


def _fallback(t: str) -> DateSpan:
    """Numeric day formats (``06.09.1965``, ``1965/09/06``) through dateutil."""
    if not re.fullmatch(r"\d{1,4}[./]\d{1,2}[./]\d{1,4}", t):
        raise DateError(f"{t!r} is not a date kb can read{_year_hint(t)}")
    from dateutil import parser  # heavy: only for this rare path

    try:
        d = parser.parse(t, dayfirst=True).date()
    except (ValueError, OverflowError) as e:
        raise DateError(f"{t!r} is not a date kb can read") from e
    return _mk(t, d, d, "day", d.isoformat())


_ISO_SHAPE = lazy(r"\s*(\d{4})-(\d{2})(?:-(\d{2}))?\s*")
_ISO_YEAR = lazy(r"(\d{4})")
_WRITTEN_YEAR = lazy(r"(?<![\d.,/-])\d{3,4}(?![\d.,/-]|[A-Za-rt-z])")  # "198X": not the year 198 ("1500s" is 1500)
#: the EDTF that kb writes in its ``edtf`` fields and that no ISO day form reads: a decade
#: (``197X``), a season (``1976-23``: 21 to 24 are spring to winter), or a marker of an
#: approximate or uncertain date (``1975~``, ``1988-07?``, ``1979%``)
_EDTF_BOUND = lazy(r"\s*(\d{3}X|\d{4}-2[1-4]|\d{4}(?:-\d{2}(?:-\d{2})?)?[~?%]|\d{3}X[~?%])\s*")


def _year_hint(t: str) -> str:
    """Why a written date with a year the grammar does not read (1600 to 2099) failed, and what to write.

    The grammar reads years of running text only from 1600 to 2099, so that a
    count ("1500 people") is not taken for a year; a date given to kb may have
    any year from 0001 to 9999 written the ISO way."""
    for m in _WRITTEN_YEAR.finditer(t):
        y = int(m.group())
        if 1 <= y <= 9999 and not 1600 <= y <= 2099:
            return (f"; written dates are read for the years 1600 to 2099, other years (0001 to 9999) "
                    f"in ISO form: {y:04d}, {y:04d}-06, {y:04d}-06-20")
    return ""


def parse_bound(text: str) -> DateSpan:
    """A FROM/TO bound of ``kb timeline``: a year, year-month, day or written date.

    A bound shaped like an ISO month or day (``1988-07``, ``1988-07-15``) is read as
    one, strictly: a month 00 or 13, a day 00 or 32, a year 0000 are bad input, never
    a guess (``1988-07-00`` is not the whole of July; ``2005-13`` is not read as the
    years 2005 to 2013, which is written ``2005..2013``).

    The EDTF that kb itself writes (a decade ``197X``, a season ``1976-23``, ``1975~``)
    is read as its bounds, so an ``edtf`` value from kb's output can be given back.
    EDTF's unspecified digits (``19XX``, ``1985-XX``, ``1985-04-XX``) are the period
    they leave open (:mod:`kb.dates.unspecified`).

    ``..`` or an empty string means an open end and is handled by the caller.
    """
    e = _EDTF_BOUND.fullmatch(text)
    if e:
        shown = e.group(1)
        try:
            start, end, precision = _edtf_one(shown.rstrip("~?%"))
        except DateError:
            raise
        except ValueError:  # the year 0000 (a decade 000X, a season of 0000): no day of the calendar
            raise DateError(f"{shown!r}: there is no year 0000") from None
        return _mk(shown, start, end, precision, shown)
    open_digits = unspecified(text.strip())  # 19XX, 1985-XX, 1985-04-XX: as kb timeline reads them
    if open_digits:
        return _mk(text.strip(), *open_digits, text.strip())
    m = _ISO_SHAPE.fullmatch(text)
    if m:
        shown = text.strip()
        if int(m.group(1)) == 0:
            raise DateError(f"{shown!r}: there is no year 0000")
        if not 1 <= int(m.group(2)) <= 12:
            raise DateError(f"{shown!r} is not a real month (months run 01 to 12; years from one to "
                            "another are written FROM..TO)")
        if m.group(3) is not None:
            try:
                date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                raise DateError(f"{shown!r} is not a real day") from None
    return parse_date(text)
