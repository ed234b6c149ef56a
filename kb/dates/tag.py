"""TimeML-style mentions of dates in running text: :func:`tag_dates` (``kb tag``).

The rules of :mod:`kb.dates.registry` (``kb/resources/dates/rules.txt``) are
scanned over the text (:mod:`kb.dates.scan`); each match goes to its builder
(:mod:`kb.dates.forms`), which reads it in its sentence and against the anchor
(:mod:`kb.dates.context`) or refuses it.  A mention's extent is the rule's
match, as TimeML marks it: no leading preposition ("in August" is "August"),
but a determiner or a modifier that belongs to the expression stays ("the
third quarter", "early next year").

It also reads the date a news file gives at its top (:func:`document_date`: a
line that is only a date, a dateline, a news wire's document id), the anchor
of ``kb tag`` and the publication date of ``kb ingest`` when nothing else gives one.
"""

from __future__ import annotations

import functools
import re
from datetime import date

from .context import Ctx
from .lazy import lazy
from .mention import Mention, make
from .span import DateSpan


#: the day relative expressions are read from when ``unresolved`` is asked for
#: without an anchor; their values then lose what came from it
PLACEHOLDER = date(2000, 6, 14)
# rules whose month and day come from the words, only the year from the anchor
_YEAR_ONLY = frozenset(("month-day", "day-month", "month", "season", "holiday"))


def tag_dates(text: str, anchor: date | None = None, unresolved: bool = False) -> list[Mention]:
    """Every date, time, duration and set in ``text``, in text order.  Without an
    anchor, expressions that need one ("Friday", "last year") are left out, or with
    ``unresolved`` reported with the parts of their value the anchor would give as
    X (:func:`unresolve`: "Oct. 23" ``XXXX-10-23``, "Friday" ``XXXX-WXX-5``), no
    days and no anchor."""
    if anchor is None and unresolved:
        return [m if m.anchor is None else unresolve(m) for m in tag_dates(text, PLACEHOLDER)]
    from .forms_relative import BUILDERS
    from .scan import scanner

    out: list[Mention] = []

    from .cased import LOWER, hit_ok

    def accept(hit) -> bool:
        if LOWER.search(text, hit.start, hit.end) and not hit_ok(text, hit.start, hit.end):
            return False        # rule month-lower: "they may be", "hundreds march on" (kb.dates.cased)
        ctx = Ctx(text, hit.start, hit.end, anchor, out)
        try:
            got = BUILDERS[hit.rule.builder](hit.groups, ctx, *hit.rule.args)
        except (LookupError, ValueError, OverflowError):
            return False        # needs an anchor, or names no real day ("Feb. 30")
        if got is None:
            return False
        start = hit.start + got.trim
        words = text[start:hit.end]
        used = anchor if ctx.used_anchor else None
        span = None
        if got.days is not None:
            span = DateSpan(words, *got.days, anchor=used, rule=hit.rule.name)
        out.append(make(start, hit.end, words, got.kind, got.value, hit.rule.name, used, got.mod, span))
        return True

    for _hit in scanner().finditer(text, accept):
        pass
    return out


def unresolve(m: Mention) -> Mention:
    """``m``, read against :data:`PLACEHOLDER`, without what the anchor gave: the year
    of a month or day the words name, every digit of the date part of another value
    (``1998-W12`` ``XXXX-WXX``; a time of day stays: ``XXXX-XX-XXT09:00``); a
    weekday keeps its day of the week (``XXXX-WXX-5``)."""
    import dataclasses

    value = m.value
    if m.rule == "weekday" and re.match(r"\d{4}-\d\d-\d\d", value):      # "Friday": XXXX-WXX-5
        value = f"XXXX-WXX-{date.fromisoformat(value[:10]).isoweekday()}" + value[10:]
    elif m.rule in _YEAR_ONLY and re.match(r"\d{4}\b", value):
        value = "XXXX" + value[4:]
    else:
        head, t, tail = value.partition("T")
        value = re.sub(r"\d", "X", head) + t + tail
    return dataclasses.replace(m, value=value, anchor=None, span=None)


_DATELINE = lazy(r"\A\s*(?:[A-Z][A-Za-z.'-]*(?:[ -][A-Z][A-Za-z.'-]*)*,\s+){1,2}(?:\(?[A-Z]{2,}\)?\s+)?"
                 r"(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,?\s+\d{4})?)\s*(?:\(|--|-|—|–|/|:|$)", re.M)


DATELINE_LINES = 4


def dateline(text: str, near: date | None = None) -> DateSpan | None:
    """The date of an article's dateline ("WASHINGTON, August 11 (Xinhua) --", "TEHRAN,
    Iran, Aug. 11, 1998 (AP)"), the article's date: with its year, that day; without
    it, the such day nearest ``near`` (a date the document gives elsewhere, a file's
    time), else None.  The dateline opens the article's first paragraph: the first
    :data:`DATELINE_LINES` lines that hold words are read (a headline or a byline may
    come before it), each only at its start."""
    m = None
    for first in [ln for ln in text[:1000].split("\n") if ln.strip()][:DATELINE_LINES]:
        m = _DATELINE.match(first[:200])
        if m:
            break
    if not m:
        return None
    if not _opens_date(m.group("date"), dateline=True):
        return None         # "Hello, World 3 --": no month, no dateline (and no scanner built)
    found = [x for x in tag_dates(m.group("date"), near or date(2000, 1, 1)) if x.rule == "month-day"]
    if not found or found[0].span is None or (near is None and not re.search(r"\d{4}", m.group("date"))):
        return None
    d = found[0].span.start
    return DateSpan(m.group("date"), d, d, "day", d.isoformat(), near if near else None, "dateline")


_LABEL = lazy(r"\s*(?:(?:date|dated|dct|creation\s+time|published|posted|updated|filed)\s*:?\s*)?", re.I)
# what may follow the day on a date line: a time of day, a zone ("08:17:00", "10:30 a.m. EST",
# "14:05Z", "2356EDT")
_TIME_REST = lazy(r"[\s,;T]*(?:(?:at\s+)?\d{1,2}(?:[:.]\d\d){1,2}(?:\.\d+)?|\d{4}(?=[A-Z]{2,4}\b)"
                  r"|(?<=\dT)\d{4}(?:\d\d)?)?\s*"
                  r"(?:[aApP]\.?\s?[mM]\.?)?\s*(?:Z|[+-]\d\d:?\d\d|\(?[A-Z]{2,4}\)?(?:\s+time)?)?\s*\Z")
_COMPACT = lazy(r"((?:19|20)\d\d)([-/.]?)(0[1-9]|1[0-2])\2([0-3]\d)|(1[0-2]|0?[1-9])-(3[01]|[12]\d|0?[1-9])-(\d\d)"
                r"|(\d\d)(0[1-9]|1[0-2])([0-3]\d)(?!\d)")


def _two_digit_year(y: int) -> int:
    """A year written with two digits: 50-99 are the 1900s, 00-49 the 2000s."""
    return y + (1900 if y >= 50 else 2000)


def date_line(line: str) -> DateSpan | None:
    """The day of a line that is only a date, as news files and feeds open with one:
    "March 12, 1998", "Tuesday, December 9, 1997", "1998-03-12T14:05Z", "1998/03/12",
    "19980312T140500", "March 12, 1998 10:32 AM ET", "02/27/1998
    08:17:00", "11/02/89", "19980312", "980312" (two digits each for year, month and
    day, as broadcast transcripts date themselves), "10-26-89 2356EDT", optionally after a label
    ("Date:", "DCT:", "Published"); a time of day and a zone may follow.  Anything
    else on the line (a sentence that opens with a date) makes it no date line."""
    if len(line) > 80:
        return None
    at = _LABEL.match(line).end()
    body = line[at:]
    d = None
    m = _COMPACT.match(body)
    if m and _TIME_REST.match(body, m.end()):
        try:
            if m.group(1):
                d = date(int(m.group(1)), int(m.group(3)), int(m.group(4)))
            elif m.group(8):        # "980120": year, month and day of two digits each
                d = date(_two_digit_year(int(m.group(8))), int(m.group(9)), int(m.group(10)))
            else:
                d = date(_two_digit_year(int(m.group(7))), int(m.group(5)), int(m.group(6)))
        except ValueError:
            return None
        words = m.group()
    else:
        if not _opens_date(body):
            return None     # cheaply: no form of a day can open this line (no scanner built)
        found = tag_dates(body)
        if not found or found[0].start != 0 or found[0].span is None or found[0].span.precision != "day" \
                or not _TIME_REST.match(body, found[0].end):
            return None
        d, words = found[0].span.start, found[0].text
    return DateSpan(words, d, d, "day", d.isoformat(), None, "date-line")


_QUALIFIERS = ("around", "about", "approximately", "roughly")


@functools.cache
def _openers() -> tuple[frozenset, tuple]:
    """The first words of month and weekday names (and of rule month-day's qualifiers),
    and the holidays' names, in lower case."""
    from .registry import words

    first = {w.split(" ")[0] for name in ("months", "weekdays") for w in words(name)}
    return frozenset(first | set(_QUALIFIERS)), tuple(sorted(words("holidays")))


def _opens_date(body: str, dateline: bool = False) -> bool:
    """Can a form of a day with its year open ``body`` (the words of a date line, or of a
    dateline's date: a month first)?  A test on words alone, before the scanner is asked
    (building it costs a process about half a second): a digit somewhere, and a digit, a
    month, a weekday, a qualifier ("about") or a holiday's name first.  Never false
    where :func:`tag_dates` would find such a day at the start."""
    if not any(c.isdigit() for c in body):
        return False
    if body[:1].isdigit():
        return not dateline
    low = " ".join(body.lower().split())
    word = low.split(" ", 1)[0].rstrip(".,")
    first, holidays = _openers()
    if dateline:
        from .registry import words
        return word in words("months")
    return word in first or low.startswith(holidays)


def latest_date(text: str) -> DateSpan | None:
    """The latest day the text names in full (with its year: "Oct. 23, 1998",
    "1998-10-23"), as HeidelTime reads a narrative without a creation time; None when
    it names none."""
    best = None
    for m in tag_dates(text):
        if m.kind == "date" and m.span is not None and m.span.precision == "day" and (
                best is None or m.span.start > best.start):
            best = m.span
    if best is None:
        return None
    return DateSpan(best.text, best.start, best.start, "day", best.start.isoformat(), None, "latest-date")


def document_date(text: str, near: date | None = None) -> DateSpan | None:
    """The date a news article gives at its top: a line that is only a date (a
    document-creation time, :func:`date_line`) among its first :data:`DATELINE_LINES`
    lines that hold words, else its dateline (:func:`dateline`), else the day of a
    news wire document id on a line of its own there (:func:`wire_id`: "APW19980818.0515",
    the day the wire filed it).  The id's day is also the day a dateline without its
    year ("WASHINGTON, August 11 (Xinhua)") is read nearest, before ``near``.  Cheap
    where the top holds no date: only the first 1,000 characters are read, and a line
    no form of a day can open (:func:`_opens_date`) never asks the scanner, so ``kb
    ingest`` asks this of every plain-text file it reads."""
    top = top_date_line(text)
    if top is not None:
        return top[2]
    filed = None
    for _start, _end, line in _top_lines(text):
        filed = wire_id(line)
        if filed is not None:
            near = filed.start
            break
    return dateline(text, near) or filed


def _top_lines(text: str):
    """``(start, end, line stripped)`` of the first :data:`DATELINE_LINES` lines that
    hold words, of the text's first 1,000 characters."""
    at, seen, top = 0, 0, text[:1000]
    while at < len(top) and seen < DATELINE_LINES:
        end = top.find("\n", at)
        end = len(top) if end < 0 else end
        line = top[at:end].strip()
        if line:
            seen += 1
            yield at, end, line
        at = end + 1


# a news wire's document id: the wire's letters, the day it filed the story, its number
# ("APW19980818.0515", "NYT19980206.0460", "XIE19980808.0188", "AP_20130322", "CNN19980126.1600.1104";
# with a year of two digits only when a number follows: "AP900815-0044", "ea980120.1830.0071")
_WIRE_ID = lazy(r"(?:(?:doc(?:id|no)|id)\s*[:=]\s*)?[A-Za-z]{2,5}_?"
                r"(?:((?:19|20)\d\d)(0[1-9]|1[0-2])([0-3]\d)(?:[._-][0-9A-Za-z]+)*"
                r"|(\d\d)(0[1-9]|1[0-2])([0-3]\d)(?:[._-]\d+)+)", re.I)


def wire_id(s: str) -> DateSpan | None:
    """The day of ``s`` when it is a news wire's document id and nothing else (LDC's
    and the wires' convention, also the name their files are saved under):
    "APW19980818.0515" is 18 August 1998, "AP900815-0044" 15 August 1990; None for
    anything else ("wsj_0006", "img200101", "APW19981332.0001")."""
    m = _WIRE_ID.fullmatch(s.strip()) if len(s) <= 80 else None
    if m is None:
        return None
    try:
        if m.group(1):
            d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        else:
            d = date(_two_digit_year(int(m.group(4))), int(m.group(5)), int(m.group(6)))
    except ValueError:
        return None
    return DateSpan(m.group(), d, d, "day", d.isoformat(), None, "wire-id")


def top_date_line(text: str) -> tuple[int, int, DateSpan] | None:
    """``(start, end, day)`` of the first line that is only a date (:func:`date_line`)
    among the first :data:`DATELINE_LINES` lines that hold words of the text's first
    1,000 characters; None when there is none."""
    for start, end, line in _top_lines(text):
        got = date_line(line)
        if got is not None:
            return start, end, got
    return None
