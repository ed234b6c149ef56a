"""Dates in running text: :func:`find_dates` (``kb ingest``).

In running text "and" joins a range only after "between": "between 1979 and
1981" is one range, while "in November 2019 and January 2020" or "in 1979 and
1981" names two dates, found as two spans at the unit of each side (rule
``coordinated``).  Two decades ("the 1950s and 1960s") stay one range, and so
do months that follow each other ("both September and October", "April, May,
and June").  A year glued to the next word of scraped text ("July2019In")
still ends the date.

Also here: whether a bare year is a date at all (not a count, "2000 people"),
and whether it is a modifier (:func:`modifier_year`, "the 1979 revolution"); a
month or day without its year in a future-tense sentence read forward
(:func:`_forward`).
Dates counted from an earlier one are :mod:`kb.dates.referential`'s.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date
from typing import Iterator, NamedTuple

from .context import tense
from .iran import iran_dates
from .grammar import REFERENTIAL_FORMS, RELATIVE_FORMS, _MON_RX, _groups, _mon, _scanner, scan_dates
from .lazy import lazy
from .parse import _build, _latest_month, _mk
from .referential import _referential
from .span import DateError, DateSpan, _iso_month, month_span


class Scan(NamedTuple):
    """What :func:`find_dates` reads of a text whatever the anchor: the grammar's matches
    (:func:`kb.dates.grammar.scan_dates`) and whether the text names a word of Iran's
    calendars (else it holds none of their dates).  A caller that reads one text twice
    (``kb ingest``: for its anchor, then its dates) makes it once (:func:`scan`) and hands
    it to both, and neither search is done again.  ``built``: the spans read so far from
    its matches, which the second reading asks again (:func:`_find_dates`)."""

    matches: list
    iran: bool
    built: dict | None = None


def scan(text: str) -> Scan:
    """The :class:`Scan` of ``text`` (the hint of Iran's calendars: ~0.07 s a MB)."""
    from .iran import _hinted

    return Scan(scan_dates(text), _hinted(text), {})


def find_dates(text: str, anchor: date | None = None, relative_refs: bool = True,
               scanned: Scan | None = None) -> Iterator[tuple[int, int, DateSpan]]:
    """Every date in running text as ``(start_offset, end_offset, DateSpan)``, in
    text order, with the dates of Iran's calendars (:mod:`kb.dates.iran`): a
    Gregorian reading that overlaps one of those gives way to it.  ``scanned``: the
    :func:`scan` of ``text``, if the caller has it already."""
    if scanned is None:
        scanned = scan(text)
    other = iran_dates(text, anchor, hinted=True) if scanned.iran else []
    if not other:
        yield from _find_dates(text, anchor, relative_refs, scanned.matches, scanned.built)
        return
    k = 0
    for found in _find_dates(text, anchor, relative_refs, scanned.matches, scanned.built):
        while k < len(other) and other[k][0] < found[0]:
            yield other[k]
            k += 1
        if any(s < found[1] and found[0] < e for s, e, _ in other):
            continue
        yield found
    yield from other[k:]


def _find_dates(text: str, anchor: date | None, relative_refs: bool,
                matches: list[re.Match], built: dict | None = None) -> Iterator[tuple[int, int, DateSpan]]:
    """The dates of the grammar in running text (:func:`find_dates`).

    Relative forms are skipped when no anchor is given.  A bare year must not
    look like a count ("2000 people"): it needs a preposition or a date word
    near it, or to stand in a heading.  Dates counted from the date before
    them use only absolute dates as their reference when ``relative_refs`` is
    false (for a page whose anchor is a guess).  ``matches`` are those of
    :func:`scan_dates` for this text.

    A date a text writes again is built once (a span is frozen): ``built`` maps a match's
    form, pattern, words, groups (``m.groups()``, which with the pattern says what
    :func:`kb.dates.grammar._groups` would) and anchor to its span (False for none), the
    anchor left out of the key for a form that does not read it (those not in
    ``RELATIVE_FORMS``, :func:`kb.dates.parse._build_form`), so that a second reading of
    the same matches with an anchor (``kb ingest``: the :class:`Scan`'s ``built``) builds
    only the dates that count from it.
    """
    before: list = []       # (start, end, span, is a modifier year, is relative)
    hint = None             # a counted date the text restates at once, and where
    if built is None:
        built = {}
    for m in matches:
        form = m.lastgroup
        if form in RELATIVE_FORMS and anchor is None:
            continue
        if form == "year" and not _year_context(text, m.start(), m.end()):
            continue
        if form == "md_noyear" and m.group("o_m").lower().rstrip(".") == "may" and not re.match(
                r"May\s", m.group()):
            continue
        if form == "dm_noyear" and m.group("dn_m").lower() == "may" and m.group("dn_m") != "May":
            continue      # "10 may be": the verb
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
        key = (form, m.re, m.group(), m.groups(), use_anchor if form in RELATIVE_FORMS else None)
        span = built.get(key)
        if span is None:
            try:
                span = built[key] = _build(form, _groups(m), m.group().strip(), use_anchor)
            except DateError:
                span = built[key] = False
        if span is False:
            continue
        if form in _NO_YEAR and use_anchor is anchor and span.end < anchor and \
                tense(text, m.start(), m.end(), strong=True) == "future":
            span = _forward(span)
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


_NO_YEAR = {"md_noyear", "dm_noyear", "in_month", "part_month_noyear"}
def _forward(span: DateSpan) -> DateSpan:
    """A month or day without its year in a future-tense sentence ("In September the
    board will open a college", with "will", "shall", "going to", "'ll", "next" or
    "tomorrow" the nearest tense word): not the latest one before the anchor but the
    one a year later, the first after it (:func:`kb.dates.context.tense`, strong)."""
    def later(d: date) -> date:
        return d.replace(year=d.year + 1) if (d.month, d.day) != (2, 29) else date(d.year + 1, 2, 28)
    s, e = later(span.start), later(span.end)
    if span.precision == "month":
        e = month_span(s.year, s.month)[1]
        edtf = _iso_month(s)
    elif span.precision == "day":
        edtf = s.isoformat()
    else:
        edtf = f"{s.isoformat()}/{e.isoformat()}"
    return DateSpan(span.text, s, e, span.precision, edtf, span.anchor, f"{span.rule}; future tense")
_RESTATED = lazy(r"\s*,?\s*(?:(?:on|in|by)\s+)?")

_YEAR_ONLY = lazy(r"\d{4}$")
_MODIFIER_BEFORE = lazy(r"(?:\b(?:the|a|this|that|its|their|his|her)\s+|[’']s\s+|\b(?:post|pre)-)$",
                        re.IGNORECASE)
_MODIFIER_AFTER = lazy(r"\s+(?!(?:and|or|to|through|until|till|when|that|which|as|with|in|on|"
                       r"at|by|of|for|from)\b)[A-Za-z]")


_POST_PRE = lazy(r"\b(?:post|pre)-$", re.IGNORECASE)


def modifier_year(text: str, s: int, e: int, span: DateSpan) -> bool:
    """Is the bare year at ``text[s:e]`` a modifier, not the time of its clause:
    "the 1979 revolution", "Iran's 2009 election", "post-1981"?  The clause then
    names an earlier event in passing."""
    if span.precision != "year" or not _YEAR_ONLY.fullmatch(text[s:e].strip()):
        return False
    before = text[max(0, s - 8):s]
    if _POST_PRE.search(before):
        return True
    return bool(_MODIFIER_BEFORE.search(before)) and bool(_MODIFIER_AFTER.match(text, e))


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
_AND = lazy(r"\s+and\s+", re.IGNORECASE)


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


_YEAR_BEFORE = lazy(
    r"(?:\b(?:in|since|until|till|by|of|from|during|after|before|early|late|mid|the|and|to|"
    r"year|spring|summer|fall|autumn|winter|–|-)\s*|^|\n|\()$", re.IGNORECASE)
_COUNT_AFTER = lazy(r"^\s+(?:[a-z]+\s+)?(?:people|persons|protesters|members|prisoners|"
                    r"cities|killed|dead|deaths|executed|arrested|troops|men|women|"
                    r"students|workers|supporters|individuals|times)\b", re.IGNORECASE)


def _year_context(text: str, start: int, end: int) -> bool:
    if _COUNT_AFTER.match(text[end:end + 40]):
        return False
    before = text[max(0, start - 12):start]
    return bool(_YEAR_BEFORE.search(before)) or text[end:end + 1] in (",", ":", ")", ".")


# --------------------------------------------------------------------------
# the registry's dates as a supplement (rule "registry")

#: the writer's present: not when something happened (as ``today`` in the grammar)
_PRESENT = frozenset("today now tonight currently nowadays presently".split())
_AGO = lazy(r"(?P<n>[\w-]+(?:\s[\w-]+)?)\s+(?P<u>days?|weeks?|months?|years?|decades?|centur(?:y|ies))\s+ago$",
            re.IGNORECASE)
_JOINED = lazy(r"[\s,]{0,3}$")


def registry_dates(text: str, anchor: date | None, found: list, guessed: bool = False) -> list:
    """Dates that :func:`kb.dates.tag.tag_dates` (``kb tag``'s rule registry) reads where
    :func:`find_dates` found nothing overlapping, as ``(start, end, DateSpan)`` in text
    order, each with rule ``<registry rule>; registry``.  Only mentions that name days
    of the calendar (a date or a time with days: "at the end of July", "early on
    Saturday morning"), at a year's precision or finer, count: a vague reference, a
    duration, a set, a decade ("four decades ago"), the writer's present ("today",
    "now"), a time of day alone ("the afternoon"), a time told before ("that year"), a
    season with neither its year nor "this"/"last"/"next" ("in the autumn"), a form the
    grammar reads itself and refused here ("2019", "December 15") or a modifier ("the
    November uprising", "Sunday's event") dates no event.  The registry is asked only
    when the text holds a word of the forms it adds (:data:`_TRIGGER`: "ago", "the end
    of", a weekday, "this spring"): its scanner costs a process about half a second to
    build, which a text without them does not pay.  With ``guessed`` (the anchor is a guess, the page is
    undated) a mention read against the anchor is left out too: only absolute ones.

    Rule *ago-deictic*: "N units ago" followed at once by a date of the writer's present
    or its season ("Four decades ago today", "Forty years ago this spring") is that
    date moved N units back: 20 June 1981 for a page of 20 June 2021.  A date
    :func:`find_dates` found inside it gives way to it (:func:`merged`)."""
    from .forms import _num, _unit
    from .forms_relative import shift
    from .tag import tag_dates

    if not _triggered(text):
        return []           # none of the forms it adds: the registry's scanner is not even built
    taken = sorted((s, e) for s, e, _ in found)
    starts = [s for s, _ in taken]

    def free(s: int, e: int) -> bool:
        k = bisect_right(starts, e - 1)      # the found dates starting before e
        return not any(fe > s for _fs, fe in taken[max(0, k - 3):k])

    mentions = tag_dates(text, anchor)
    out = []
    skip = -1
    for i, m in enumerate(mentions):
        if i == skip:
            continue
        span = m.span
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        ago = _AGO.match(m.text) if m.rule == "ago" else None
        if ago and nxt is not None and nxt.span is not None and nxt.anchor is not None and \
                _JOINED.match(text[m.end:nxt.start]) and nxt.span.precision in ("day", "season", "month"):
            try:
                n, u = int(_num(ago.group("n"))), _unit(ago.group("u"))
                s, e = shift(nxt.span.start, -n, u), shift(nxt.span.end, -n, u)
            except (ValueError, LookupError, KeyError, TypeError):
                continue
            words = text[m.start:nxt.end]
            edtf = s.isoformat() if s == e else f"{s.isoformat()}/{e.isoformat()}"
            span = DateSpan(words, s, e, nxt.span.precision, edtf, anchor, "ago-deictic; registry")
            if free(m.start, m.end):      # the grammar's reading of the second part gives way
                out.append((m.start, nxt.end, span))
            skip = i + 1
            continue
        elif not m.dates_event or m.text.lower() in _PRESENT or span.precision in ("decade", "century"):
            continue
        if guessed and m.anchor is not None or m.rule in _REFUSED or _ANAPHOR.match(m.text):
            continue
        if span.precision == "season" and m.anchor is not None and not _DEICTIC.search(m.text):
            continue        # "in the autumn": a season and no year, left out as the grammar does
        if not free(m.start, m.end) or _grammar_form(m.text) or _modifier(text, m.start, m.end, span):
            continue
        out.append((m.start, m.end, DateSpan(span.text, span.start, span.end, span.precision, span.edtf,
                                             span.anchor, f"{m.rule}; registry")))
    return out


#: the words of the forms the supplement adds to the grammar's (a count back from now, a
#: weekday, a part of a month, a season counted from now): a text with none is not tagged
_TRIGGER = lazy(r"\b(?:ago|(?:end|beginning|start|middle|close|turn)\s+of|"
                r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
                r"(?:this|last|next|past|coming)\s+(?:spring|summer|autumn|fall|winter))\b", re.IGNORECASE)
#: a word every match of :data:`_TRIGGER` holds, in lower case
_TRIGGER_WORDS = ("ago", "end", "beginning", "start", "middle", "close", "turn", "monday", "tuesday",
                  "wednesday", "thursday", "friday", "saturday", "sunday", "spring", "summer", "autumn",
                  "fall", "winter")
#: the characters outside ASCII that ``re.IGNORECASE`` matches to an ASCII letter ("İ", "ı", "ſ",
#: the Kelvin sign; tests/test_dates_fast_paths.py checks every character): ``str.lower`` maps
#: them otherwise or not at all
_FOLDS_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")


def _triggered(text: str) -> bool:
    """``_TRIGGER.search(text)``, but first asked in C's fast substring search whether the
    text, in lower case, holds a word every match must hold: a long text without one (a
    regular expression that starts with ``\\b`` is tried at every place, ~0.2 s a MB)
    is answered at once, with the same answer."""
    if not any(c in text for c in _FOLDS_TO_ASCII):
        low = text.lower()
        if not any(w in low for w in _TRIGGER_WORDS):
            return False
        return _TRIGGER_LOWER.search(low) is not None    # the same answer, in half the time
    return _TRIGGER.search(text) is not None


#: :data:`_TRIGGER` for text in lower case, without ``re.IGNORECASE`` (its words are written
#: in lower case): where the text holds none of :data:`_FOLDS_TO_ASCII`, ``str.lower`` keeps
#: each character's length and whether it is a word character or a space, so the matches
#: are the same (tests/test_speed_h2_dates.py checks every character)
_TRIGGER_LOWER = lazy(_TRIGGER.pattern)


#: a time of day alone ("the afternoon", "overnight") names no day: the anchor's is a guess
_REFUSED = frozenset(("part-of-day", "relative-day"))
#: a time already told, named again ("that year", "the previous month", "the same day")
_ANAPHOR = lazy(r"(?:that|the\s+(?:previous|same|preceding))\b", re.IGNORECASE)
_DEICTIC = lazy(r"\b(?:this|last|next|past|coming)\b", re.IGNORECASE)
_POSSESSIVE = lazy(r"['’]s\b")
_DETERMINER = lazy(r"(?:\b(?:the|a|an|his|her|its|their|our|this|that)\s+|['’]s\s+)$", re.IGNORECASE)
_NOUN_AFTER = lazy(r"\s+[a-z]")


def _grammar_form(words: str) -> bool:
    """Words :func:`find_dates`' grammar reads whole ("2019", "December 15", "One week
    later"): where it found nothing, it refused them there, and that stands."""
    got = scan_dates(words)
    return bool(got) and got[0].start() == 0 and got[0].end() == len(words)


def _modifier(text: str, s: int, e: int, span: DateSpan) -> bool:
    """A date word used as a modifier or a possessive, naming a time told elsewhere:
    "the November uprising", "the 1500 martyrs", "Sunday's event", "his Friday prayer"."""
    one_word = " " not in text[s:e].strip()
    if one_word and span.precision in ("month", "year"):
        return True         # a bare month or number: the grammar reads "in November" itself
    if _POSSESSIVE.match(text, e):
        return True
    return bool(one_word and _DETERMINER.search(text[max(0, s - 8):s]) and _NOUN_AFTER.match(text, e))


def merged(found: list, extra: list) -> list:
    """``found`` and ``extra`` (:func:`registry_dates`) in text order, a found date that
    lies inside an extra one left out."""
    if not extra:
        return found
    keep = [d for d in found if not any(s <= d[0] and d[1] <= e for s, e, _ in extra)]
    return sorted(keep + extra, key=lambda d: (d[0], d[1]))
