"""Builders of the rule registry for counts said against another: "another two weeks",
"three more days" (rule more-units); a day of the month named alone ("the 10th": rule
day-of-reference); quarters, halves and fiscal years (moved from :mod:`kb.dates.forms`);
and the TimeML value of a count of units (:func:`_period`), shared with
:mod:`kb.dates.forms_relative`."""

from __future__ import annotations

import re
from datetime import date

from .calendar import add_months, quarter
from .forms import TOD, Out, _anchor, _direction, _month, _num, _unit, _year, covered_year, iso
from .lazy import lazy
from .registry import lookup, words


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


# --------------------------------------------------------------------------
# quarters, halves, fiscal years

def quarter_ord(g, ctx, *args) -> Out:
    n = int(lookup("ordinals", g["o"])) if g["o"].lower() not in ("final", "last") else 4
    if n > 4:
        return None
    words_ = ctx.text[ctx.start:ctx.end]
    trim = len(g["the"]) if g.get("the") and "-quarter" in words_.lower() and not g.get("y2") and not g.get(
        "r") and re.match(r"\s+[A-Za-z]", ctx.right(3)) else 0     # "the third-quarter loss", "the third-quarter GNP"
    if "y" in g or "y2" in g:
        y = _year(g.get("y") or g["y2"])
    elif g.get("r"):
        a = _anchor(ctx)
        r = g["r"].lower()
        y = a.year - 1 if r.startswith("last") or "ago" in r or "earlier" in r or "prior" in r else (
            a.year + 1 if r.startswith("next") else a.year)
    elif (y := covered_year(ctx)) is not None:
        _anchor(ctx)
    else:
        a = _anchor(ctx)
        y = a.year
        if date(y, 3 * n - 2, 1) > a and _direction(ctx) != "future":
            y -= 1
    return Out("date", f"{y:04d}-Q{n}", trim=trim)


_ENDED = lazy(r"\s+(?:that\s+)?end(?:ed|ing)\s+(?P<m>[A-Z][a-z]{2,8})\.?\s+(?P<d>[0-3]?\d)\b")


def _ended(text: str, pos: int, a: date) -> tuple[int, int] | None:
    """The calendar quarter of a quarter "ended <Month day>" written at ``pos``: the one
    holding its middle month (a quarter ended July 31 runs May to July, mostly the
    second), in the latest year whose such day is not after the anchor."""
    m = _ENDED.match(text, pos)
    if not m or m["m"].lower() not in words("months"):
        return None
    mo = _month(m["m"])
    y = a.year if (mo, int(m["d"])) <= (a.month, a.day) else a.year - 1
    mid = mo - 1 if mo > 1 else 12
    return (y if mo > 1 else y - 1), (mid - 1) // 3 + 1


def quarter_rel(g, ctx, *args) -> Out | None:
    """"the latest quarter", "the current quarter", "the year-ago quarter", "the quarter",
    "the 1988 period": the period the text reports on (the last quarter named before),
    else the last quarter that ended before the anchor; moved a year back for
    "year-ago", "year-earlier", "last year's"; in the year named for "the 1988 period"."""
    if not g.get("the") and not g.get("r") and not g.get("ly") and not g.get("y"):
        return None
    a = _anchor(ctx)
    r = " ".join((g.get("r") or "").lower().split())
    back = bool(g.get("ly") or g.get("ly2")) or any(w in r for w in ("ago", "earlier", "prior", "comparable"))
    topic = ctx.topic()
    ended = None if g.get("y") or r in ("current", "this", "next", "coming", "last", "previous", "past") else (
        _ended(ctx.text, ctx.end, a))
    if r in ("current", "this", "next", "coming"):
        y, q = quarter(a)
        q += r in ("next", "coming")
    elif ended:
        y, q = ended
    elif topic is not None and topic.value[5] == "Q" and r not in ("last", "previous", "past"):
        y, q = int(topic.value[:4]), int(topic.value[6])
    else:
        y, q = quarter(a)
        q -= 1
    y, q = y + (q - 1) // 4, (q - 1) % 4 + 1
    if g.get("y"):
        y = _year(g["y"])
    elif back:
        y -= 1
    return Out("date", f"{y:04d}-Q{q}")


def half(g, ctx, *args) -> Out:
    """"the first half", "the last half of 1989" (the second), "the first two quarters"."""
    o = (g.get("o") or g["o2"]).lower()
    n = 2 if o == "last" else int(lookup("ordinals", o))
    if n > 2:
        return None
    if "m" in g:
        # rule half-month: the month (read as rule month reads it), its start or end
        from .forms import month
        out = month({"m": g["m"], **({"y": g["my"]} if "my" in g else {})}, ctx)
        return out and Out("date", out.value, "START" if n == 1 else "END")
    y = _year(g["y"]) if "y" in g else (covered_year(ctx) or _anchor(ctx).year)
    return Out("date", f"{y:04d}-H{n}")


def fiscal_year(g, ctx, *args) -> Out:
    """Rule fiscal-year: a fiscal year is no calendar year (a company's may end in June or
    September), but TimeBank and AQUAINT write its value as the calendar year of its number
    (``1989`` for "fiscal 1989", in all of their 13 fiscal expressions), and the TempEval test
    sets follow them, so the value is that year (the TIMEX2 guidelines' ``FY1989`` is not
    TimeBank's).  Its days are that calendar year's, the nearest the words tell."""
    y = _year(g.get("y") or g["y2"])
    return Out("date", f"{y:04d}", days=(date(y, 1, 1), date(y, 12, 31), "year", f"{y:04d}"))


# --------------------------------------------------------------------------
# compact ranges of days: each end its own date (TimeML; dates_own and dates_field)

_JOIN = lazy(r"\s*(?:-|–|and|to|through)\s*", re.IGNORECASE)
_DAY_VALUE = lazy(r"(\d{4}|XXXX)-(\d\d)-(\d\d)$")


def _with_day(value: str, d: int, ahead: bool) -> str | None:
    """``value`` (a day) with its day of the month ``d``, when ``d`` lies on the right
    side of it (a range runs forward), else None."""
    m = _DAY_VALUE.match(value)
    if m is None or not (d > int(m.group(3)) if ahead else d < int(m.group(3))):
        return None
    date(2000 if m.group(1) == "XXXX" else int(m.group(1)), int(m.group(2)), d)     # "Feb. 28-30": no day
    return f"{m.group(1)}-{m.group(2)}-{d:02d}"


def range_first(g, ctx, *args) -> Out | None:
    """Rule day-range-first: "10 and 11 December 1978", "9-10/2/86": a day's number
    before a joined full date is the first end of a range, a day of the same month and
    year (the second end read by its own rule at its place)."""
    from . import forms, forms_clock
    from .context import Ctx
    from .scan import WIDTH, scanner

    builders = {"day": forms.day, "numeric": forms_clock.numeric, "dotted_day": forms_clock.dotted_day}

    join = _JOIN.match(ctx.text, ctx.end)
    if join is None:
        return None
    at, sc = join.end(), scanner()
    found = sorted(((m.end(), -k, i, m) for k, (i, match) in enumerate(sc.candidates(ctx.text[at:at + WIDTH]))
                    if (m := match(ctx.text, at)) is not None), reverse=True)
    for e, _k, i, m in found:
        rule = sc.rules[i]
        if rule.builder not in builders:
            continue
        groups = {own: v for gr, own in rule.groups.items() if (v := m.group(gr)) is not None}
        other = Ctx(ctx.text, at, e, ctx.anchor, ctx.before)
        got = builders[rule.builder](groups, other, *rule.args)
        if got is not None and got.kind == "date" and (value := _with_day(got.value, int(g["d"]), False)):
            ctx.used_anchor = ctx.used_anchor or other.used_anchor
            return Out("date", value)
        return None
    return None


def range_second(g, ctx, *args) -> Out | None:
    """Rule day-range-second: "Nov. 19-20", "April 24 and 25": a day's number joined
    to a day named just before it is the range's second end, of that day's month and
    year."""
    for m in reversed(ctx.before[-2:]):
        if m.kind == "date" and _JOIN.fullmatch(ctx.text, m.end, ctx.start) and m.rule in ("month-day", "day-month"):
            value = _with_day(m.value, int(g["d"]), True)
            return Out("date", value) if value else None
    return None


# a noun the weekday modifies ("a Sunday newspaper", "a Friday sermon"): no day of its own
_MODIFIES = lazy(r"\s+(?!(?:in|on|at|of|and|or|but|when|while|before|after|with|that|which|to|for|was|is|"
                 r"close|around|about|late|early)\b)[a-z]")


def weekday_any(g, ctx, *args) -> Out | None:
    """Rule weekday-indefinite: a weekday after an indefinite article ("It was a Thursday
    night", "he died on a Friday in May") names that weekday of no week in particular:
    ``XXXX-WXX-4`` (with its part of the day, a TIME ``XXXX-WXX-4TNI``), as TimeML writes a
    weekday it cannot place, the article inside the extent.  Not a weekday set after a
    date by a comma ("On 30 June 2018, a Saturday,": rule weekday-apposed gives that
    date), nor one that modifies a noun ("a Sunday newspaper", "a Sunday night memorial service")."""
    if ctx.before and ctx.before[-1].end >= ctx.start - 4 and "," in ctx.text[ctx.before[-1].end:ctx.start]:
        return None
    if _MODIFIES.match(ctx.text, ctx.end):
        return None
    v = f"XXXX-WXX-{lookup('weekdays', g['w'])}"
    if g.get("t"):
        return Out("time", f"{v}T{TOD[g['t'].lower()]}")
    return Out("date", v)


# rule bare-units: what a bare plural of a unit is a stretch of time after or before ("after weeks of
# talks", "could take years", "follows months of"), and what it measures a gap to ("minutes after
# take-off", "weeks after the election"); not "hundreds of years", "the months of Tir and Mordad"
_BARE_BEFORE = lazy(r"\b(?:after|following|follows|followed|take|takes|took|taking|need|needs|needed|lasting|"
                    r"lasted)\s+$", re.IGNORECASE)
# what a bare plural after a word of following or taking must not be: after follow(s|ed) a noun the
# sentence follows unless "of" comes next ("follows hours set by", not "follows months of talks"); after
# take a thing taken when a place or an occasion comes next ("takes minutes at every meeting", "of the
# meeting"; "took years of work" stays)
_FOLLOW_BEFORE = lazy(r"\bfollow(?:s|ed)?\s+$", re.IGNORECASE)
_OF_AFTER = lazy(r"\s+of\b", re.IGNORECASE)
_TAKE_BEFORE = lazy(r"\b(?:take|takes|took|taking)\s+$", re.IGNORECASE)
_TAKEN_AFTER = lazy(r"\s+(?:at|in|during|of\s+(?:the|a|an|this|that|each|every|its|their|his|her|our)\b)\b",
                    re.IGNORECASE)
_BARE_AFTER = lazy(r"\s+(?:after|later|before|earlier)\b(?!\s+(?:that|this)\b)", re.IGNORECASE)


def bare_units(g, ctx) -> bool:
    """Rule bare-units: a bare plural of minutes, hours, weeks, months or years (no count,
    no "the") after a word of following or taking, or before "after"/"later" that measures a
    gap ("hours after the speech"), is a duration of no stated length (TimeML PTXH, PXW,
    as TimeBank and the field set mark "follows months of", "minutes after take-off")."""
    if g.get("the") or (g.get("u") or "").lower() in ("day", "d") or not g.get("u"):
        return False
    u = _unit(g["u"])
    if u not in ("TM", "TH", "W", "M", "Y"):
        return False
    left = ctx.left(12)
    if _BARE_BEFORE.search(left) and not (
            _OF_AFTER.match(ctx.text, ctx.end) is None if _FOLLOW_BEFORE.search(left)
            else _TAKE_BEFORE.search(left) and _TAKEN_AFTER.match(ctx.text, ctx.end)):
        return True
    return bool((
        _BARE_AFTER.match(ctx.text, ctx.end) and not re.search(r"\b(?:of|the|peak|early|late|off)\s+$", ctx.left(6), re.I)))
