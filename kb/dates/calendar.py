"""Calendar arithmetic for tagging: weeks, quarters, halves, and TimeML values as day bounds.

A TimeML value (``1998-03``, ``1989-Q3``, ``1989-W44``, ``199`` for the 1990s,
``19`` for the twentieth century, ``1998-03-12TEV``) names a stretch of days;
:func:`value_span` gives its first and last day (inclusive), a precision of
:data:`kb.dates.PRECISIONS` and an EDTF string, or None for values that name
no stretch of the calendar (``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``,
durations ``P3Y``, sets ``XXXX-WXX-1``, a week or quarter whose year is
unknown ``1989-QX``).  Seasons follow :mod:`kb.dates` (meteorological,
northern hemisphere); a week runs Monday..Sunday (ISO 8601).  A modifier
(``START``, ``MID``, ``END``) keeps the first, middle or last third of a
decade, year or month, and the first, middle or last month of a season.
"""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta

from .lazy import lazy
from .span import month_end, part_span, season_span

SEASON_CODES = {"SP": 21, "SU": 22, "FA": 23, "WI": 24}
MODS = {"START": 0, "EARLY": 0, "MID": 1, "END": 2, "LATE": 2}

_VALUE = lazy(
    r"^(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d))?|Q(?P<q>[1-4])|H(?P<h>[12])|W(?P<w>\d\d)"
    r"|(?P<s>SP|SU|FA|WI)))?(?:T.*)?$|^(?P<dec>\d{3})$|^(?P<cen>\d{2})$")


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + m - 1 + n
    return k // 12, k % 12 + 1


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def quarter(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def value_span(value: str, mod: str | None = None) -> tuple[date, date, str, str] | None:
    """``(start, end, precision, edtf)`` of a TimeML date value, or None (see module)."""
    m = _VALUE.match(value)
    if not m:
        return None
    try:
        return _span(m, mod)
    except (ValueError, OverflowError):  # past the calendar's ends: the week after 9999-12-31
        return None


def _span(m: re.Match, mod: str | None):
    if m.group("cen"):
        c = int(m.group("cen")) * 100
        if mod in MODS:         # early, mid, late: the century's first, middle, last third (00-33, 34-66, 67-99)
            lo, hi = [(0, 33), (34, 66), (67, 99)][MODS[mod]]
            return date(max(c + lo, 1), 1, 1), date(c + hi, 12, 31), "range", f"{c + lo:04d}/{c + hi:04d}"
        return date(max(c, 1), 1, 1), date(c + 99, 12, 31), "range", f"{c:04d}/{c + 99:04d}"
    if m.group("dec"):
        dec = int(m.group("dec")) * 10
        if mod in MODS:
            s, e = part_span("decade", MODS[mod], 0, decade=dec)
            return s, e, "decade", f"{s.year:04d}/{e.year:04d}"
        return date(dec, 1, 1), date(dec + 9, 12, 31), "decade", f"{dec // 10:03d}X"
    y = int(m.group("y"))
    if m.group("d"):
        d = date(y, int(m.group("m")), int(m.group("d")))
        return d, d, "day", d.isoformat()
    if m.group("m"):
        mo = int(m.group("m"))
        if mod in MODS:
            s, e = part_span("month", MODS[mod], y, mo)
            return s, e, "month", f"{s.isoformat()}/{e.isoformat()}"
        return date(y, mo, 1), month_end(y, mo), "month", f"{y:04d}-{mo:02d}"
    if m.group("q") or m.group("h"):
        first, n = ((int(m.group("q")) - 1) * 3 + 1, 3) if m.group("q") else ((int(m.group("h")) - 1) * 6 + 1, 6)
        s, e = date(y, first, 1), month_end(y, first + n - 1)
        return s, e, "range", f"{y:04d}-{first:02d}/{y:04d}-{first + n - 1:02d}"
    if m.group("w"):
        s = date.fromisocalendar(y, int(m.group("w")), 1)
        e = s + timedelta(days=6)
        return s, e, "range", f"{s.isoformat()}/{e.isoformat()}"
    if m.group("s"):
        code = SEASON_CODES[m.group("s")]
        s, e = season_span(y, code)
        if mod in MODS:         # early, mid, late summer: the season's first, middle, last month
            s = date(*add_months(s.year, s.month, MODS[mod]), 1)
            e = month_end(s.year, s.month)
            return s, e, "month", f"{s.year:04d}-{s.month:02d}"
        return s, e, "season", f"{y:04d}-{code}"
    if mod in MODS:
        s, e = part_span("year", MODS[mod], y)
        return s, e, "year", f"{s.year:04d}-{s.month:02d}/{e.year:04d}-{e.month:02d}"
    return date(y, 1, 1), date(y, 12, 31), "year", f"{y:04d}"


# --------------------------------------------------------------------------
# Iran's calendars: Solar Hijri (the civil calendar) and lunar Hijri (AH)

@functools.lru_cache(maxsize=256)
def _nowruz(y: int) -> date:
    """1 Farvardin of Solar Hijri year ``y``: the day of the March equinox at Tehran
    (computed by ``convertdate``; cached, as each takes an astronomical calculation)."""
    from convertdate import persian  # loaded only when a document uses the calendar

    return date(*persian.to_gregorian(y, 1, 1))


def solar_hijri(y: int, m: int, d: int) -> date:
    """The Gregorian day of Solar Hijri ``y/m/d`` (``30 Khordad 1360`` = 1981-06-20): months
    1-6 have 31 days, 7-11 have 30, Esfand 29 or 30 (to the next new year)."""
    if not 1 <= m <= 12:
        raise ValueError(f"no Solar Hijri month {m}")
    first = _nowruz(y) + timedelta(days=(m - 1) * 31 if m <= 7 else 186 + (m - 7) * 30)
    length = 31 if m <= 6 else 30 if m <= 11 else (_nowruz(y + 1) - first).days
    if not 1 <= d <= length:
        raise ValueError(f"no day {d} in Solar Hijri month {m} of {y}")
    return first + timedelta(days=d - 1)


def solar_hijri_month(y: int, m: int) -> tuple[date, date]:
    """First and last Gregorian day of a Solar Hijri month (``Aban 1398``)."""
    s = solar_hijri(y, m, 1)
    nxt = solar_hijri(y + (m == 12), m % 12 + 1, 1)
    return s, nxt - timedelta(days=1)


def solar_hijri_year(y: int) -> tuple[date, date]:
    return _nowruz(y), _nowruz(y + 1) - timedelta(days=1)


def lunar_hijri(y: int, m: int, d: int) -> date:
    """The Gregorian day of lunar Hijri ``y/m/d`` (the arithmetical calendar)."""
    from convertdate import islamic  # loaded only when a document says AH

    if not (1 <= m <= 12 and 1 <= d <= 30) or d > islamic.month_length(y, m):
        raise ValueError(f"no day {d} in Hijri month {m} of {y}")
    return date(*islamic.to_gregorian(y, m, d))


def lunar_hijri_month(y: int, m: int) -> tuple[date, date]:
    from convertdate import islamic

    return lunar_hijri(y, m, 1), lunar_hijri(y, m, islamic.month_length(y, m))


def lunar_hijri_year(y: int) -> tuple[date, date]:
    return lunar_hijri(y, 1, 1), lunar_hijri(y + 1, 1, 1) - timedelta(days=1)
