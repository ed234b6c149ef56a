"""The date model: :class:`DateSpan` and what it is measured in.

:class:`DateError`, :class:`DateSpan` (the words of a date with its inclusive
day bounds, precision and EDTF string), :data:`PRECISIONS`, the calendar
helpers that give the bounds of a month, a season and a part of a unit (the
rules in :mod:`kb.dates`), reading EDTF (:func:`parse_edtf`) and showing a span
at its precision (:func:`display`).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from .lazy import lazy

PRECISIONS = ("day", "month", "season", "year", "decade", "range", "approximate")

MONTH_ABBR = ["", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
              "Sep", "Oct", "Nov", "Dec"]
SEASON_NAMES = {21: "spring", 22: "summer", 23: "fall", 24: "winter"}


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
        if y >= 9999:           # its February would be in year 10000, past Python's (and kb's) last day
            raise DateError(f"the winter of {y} ends in {y + 1}, past the last year kb reads (9999)")
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


def _add_months(d: date, n: int) -> tuple[int, int]:
    k = d.year * 12 + d.month - 1 + n
    return k // 12, k % 12 + 1


# --------------------------------------------------------------------------
# EDTF

_EDTF_ONE = lazy(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$|^(\d{3})X$")


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
