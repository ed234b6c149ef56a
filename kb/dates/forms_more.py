"""Builders of the rule registry for counts said against another: "another two weeks",
"three more days" (rule more-units); a day of the month named alone ("the 10th": rule
day-of-reference); and the TimeML value of a count of units (:func:`_period`),
shared with :mod:`kb.dates.forms_relative`."""

from __future__ import annotations

import re
from datetime import date

from .calendar import add_months
from .forms import Out, _anchor, _num, _unit, iso
from .lazy import lazy


def _fmt(n) -> str:
    if n == "X":
        return "X"
    return str(int(n)) if float(n).is_integer() else str(n)


def _period(n, u: str) -> str:
    """The TimeML value of ``n`` units (``u`` a letter of ``words/units.txt``): P2Y, PT6M, P1Q."""
    if u == "DE":
        return f"P{_fmt(n * 10)}Y"
    if u == "CE":
        return f"P{_fmt(n * 100)}Y"
    return f"PT{_fmt(n)}{u[1]}" if u.startswith("T") else f"P{_fmt(n)}{u}"


def more_duration(g, ctx, *args) -> Out | None:
    """Rule more-units: "another two weeks", "an additional month", "three more days":
    a stretch of time added to one before it is a duration of its own length (TimeML
    gives "another two weeks" the value P2W; "another" alone is one unit).  A unit
    joined to the next word ("another two-year term") is that word's modifier, the same
    duration; "another day" in "another day of talks" is P1D too."""
    u = _unit(g["u"])
    if u in ("WE", "F"):
        return None
    said = g.get("n") or g.get("n1")
    n = _num(said) if said else 1
    if said and said.lower() in ("a", "an"):
        n = 1
    return Out("duration", _period(n, u))


_DAY_BEFORE = lazy(r"\b(?:on|by|until|till|to|from|since|before|after|through|then|and|or|of)\s+$", re.IGNORECASE)
_DAY_AFTER = lazy(r"\s*(?:[,.;:)]|$)|\s+(?:and|or|to|through|until|at|when)\b", re.IGNORECASE)


def day_of_reference(g, ctx, *args) -> Out | None:
    """Rule day-of-reference: "the 10th" after a preposition and before a pause ("on July 7,
    then the 10th.") is that day of the reference time's month (the date named before it
    in the paragraph), else of the anchor's month, or of the month before or after it as
    the tense points (past and a day still to come: the month before).  Not "the 10th
    century", "the 20th anniversary" (a noun after it), nor without a preposition."""
    if not _DAY_BEFORE.search(ctx.left(10)) or not _DAY_AFTER.match(ctx.text, ctx.end):
        return None
    d = int(re.match(r"\d+", g["d"]).group())
    ref = ctx.reference()
    if ref is not None and ref.span.start.year == ref.span.end.year and ref.span.start.month == ref.span.end.month:
        return Out("date", iso(date(ref.span.start.year, ref.span.start.month, d)))
    a = _anchor(ctx)
    y, m = a.year, a.month
    way = ctx.tense()
    if way == "past" and d > a.day:
        y, m = add_months(y, m, -1)
    elif way == "future" and d < a.day:
        y, m = add_months(y, m, 1)
    return Out("date", iso(date(y, m, d)))
