"""Counted dates: "three days later", "the following year", from the date before them.

Some expressions count from the date before them in the same paragraph (the
*reference*: the nearest earlier date of the paragraph, at most 1,500
characters and 12 dates back, of a unit at least as fine as theirs; a year
used as a modifier, "veterans of the 1979 revolution", only when there is no
other; a range counts from its end), not from the page's date.  Only
:func:`kb.dates.find_dates` reads them.  With no reference they are skipped,
never guessed; "the next N years" needs its reference in the same sentence
and is skipped in the future tense ("will spend ... over the next two
years").  A count the text restates at once is replaced by the date it
restates, which takes the count's year ("April 14, 1912.  One week later, on
April 21" is 1912-04-21):

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
"""

from __future__ import annotations

import bisect
import functools
import re
from datetime import date, timedelta

from .grammar import _YEAR, REFERENTIAL_FORMS, RELATIVE_FORMS, _groups, _number, _scanner
from .lazy import lazy
from .parse import _build, _mk
from .span import DateError, DateSpan, _add_months, month_end

LOOKBACK = 1500     # characters: the farthest back a reference or a named thing may be


def _para_start(text: str, at: int) -> int:
    """Start of the paragraph holding ``at`` (looking back at most LOOKBACK characters)."""
    lo = max(0, at - LOOKBACK)
    k = text.rfind("\n", lo, at)
    return k + 1 if k >= 0 else lo


_NAMED = lazy(rf"(?:(?i:\bthe|\bits|\btheir|\bhis|\bher)|[’']s)\s+({_YEAR})\s+")
_NOUN = lazy(r"[A-Za-z]+\b")
_CAPITAL = lazy(r"[A-Z][\w’'-]*\s+")


@functools.lru_cache(maxsize=8)
def _named_things(text: str) -> dict[str, list[tuple[int, int, int, str]]]:
    """Every "the 1988 Massacre" of a text, found in one pass: for each word that can be
    the thing's noun (the word after the year, or after one or two capitalised words
    after it), its (start, end, year, words), in text order."""
    out: dict[str, list] = {}
    for m in _NAMED.finditer(text):
        p = m.end()
        for _ in range(3):
            noun = _NOUN.match(text, p)
            if noun:
                out.setdefault(noun.group().lower(), []).append(
                    (m.start(), noun.end(), int(m.group(1)), text[m.start():noun.end()]))
            cap = _CAPITAL.match(text, p)
            if not cap:
                break
            p = cap.end()
    return out


def _during_named(m: re.Match, noun: str, text: str) -> DateSpan | None:
    """"During the massacre" after "the 1988 Massacre" in the same paragraph: 1988.
    The named things of the text are found once (:func:`_named_things`), so each
    "during the X" costs a look-up, not a scan of the paragraph."""
    lo = _para_start(text, m.start())
    found = _named_things(text).get(noun.lower())
    if not found:
        return None
    k = bisect.bisect_right(found, m.start(), key=lambda f: f[1]) - 1
    if k < 0 or found[k][0] < lo:
        return None
    _s, _e, y, words = found[k]
    return _mk(m.group().strip(), date(y, 1, 1), date(y, 12, 31), "year", str(y), None,
               f"same-name: the {noun} named before as {words.strip()!r}")


_FINER = {"day": ("day",), "week": ("day",), "month": ("day", "month"),
          "year": ("day", "month", "season", "year", "range", "decade", "approximate")}
_SENTENCE_END = lazy(r"[.!?][\"”’)]*\s")
_FUTURE = lazy(r"\b(?:will|shall|won[’']t|plans?\s+to|aims?\s+to|(?:is|are)\s+set\s+to|"
               r"expects?\s+to|intends?\s+to)\b|[’']ll\b", re.IGNORECASE)


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
