"""Builders of the rule registry for counts said against another: "another two weeks",
"three more days" (rule more-units), and the TimeML value of a count of units
(:func:`_period`), shared with :mod:`kb.dates.forms_relative`."""

from __future__ import annotations

from .forms import Out, _num, _unit


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
