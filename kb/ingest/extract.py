"""Extraction: sentences and clauses, the dates in them, the entities they name.

Contract of :meth:`Extractor.extract` (one document in, plain data out; the
store is not touched):

**Segments.**  The text is cut into headings and sentences, each with its
``[start, end)`` character offsets (rules in :mod:`kb.ingest.segment`).

**Dates.**  :func:`kb.dates.find_dates` runs once over the whole text with the
*anchor*: the publication date (its first day for a day date, its last day
otherwise).  An undated document is anchored on the latest day-precision date
its text names (recorded in the span's ``anchor``); relative expressions in a
document with neither are skipped, never guessed.

A date that opens a state or a tally ("since 1971 the group has...", "as of
January 2019 the figure is...") is not an event, nor is a bare year used as a
modifier ("the 1979 revolution"), nor a date that dates the page (a label line
"Published: 12 March 2019", a news dateline "LONDON, 17 December 2019 - ");
all still guide the narrative below.
Relative dates of an undated document are read in their section (see
:func:`_narrative`).

**Clauses and events.**  A segment carrying one date is one event.  A
segment carrying several dates is cut into clauses at the last clause
boundary (``;``, ``:``, a dash, ", and", ", but", ", while", ", when",
", after", ", before", ", until", ", which", or a passive relative clause:
"that was", "which had been"...) between two consecutive dates;
each clause carrying a date is one event dated by its first date.  So
"X happened in 1979; Y followed in 1981" gives two events, and "between
1979 and 1981" (one range date) gives one.  A later date followed by a
relative clause that holds a figure ("... after the walkout in March 2016
that spread to 300 towns") is an event of its own, its noun phrase and clause,
which alone holds that figure (:mod:`kb.ingest.relative`); as a name of a
happening the page may have told before, it may be linked to an event of its
own document (``Event.inner``, :mod:`kb.ingest.pipeline`).

**Passages.**  An event covers the sentences its date governs: after its
clause, the next sentences of the same paragraph (the same line of text) that
carry no event date of their own, at most :data:`PASSAGE_SENTENCES` of them and
:data:`PASSAGE_CHARS` characters in all (``passage_end``).  So "In August 1971,
the Shah's police closed in. Dozens of members were arrested." is one event
with the arrests in it.  A heading's event has no passage.

**Entities.**  Each segment and clause is read by the name finder
(:class:`kb.ingest.mentions.NameFinder`; its rules are in that module); an
event's entities are those of its clause and then of the rest of its passage.

**Figures.**  :func:`kb.ingest.figures.find_figures` runs once over the text,
the dates' spans left out; an event holds the figures of its clause, and the
last clause of a sentence those of the rest of the passage too.  The figures
no passage holds are ``loose`` (:mod:`kb.ingest.pipeline` gives each to the
event of its document that already counts that measure).  A figure whose
scope is a long stretch of time ("since the 1979 revolution") is a cumulative
total of a group (:mod:`kb.ingest.totals`), compared across sources whatever
event it sits on.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date

from ..collector import paused
from ..dates import REFERENTIAL_RULES, DateError, DateSpan, find_dates, modifier_year, parse_date
from ..dates.find import Scan, merged, registry_dates, scan
from ..dates.lazy import lazy
from .entities import AliasTable
from .mentions import NameFinder, NewEntity
from .segment import _BULLET, Segment, segments, tag_list

#: the boundary of a coordinated clause before a sentence's only date (:meth:`Extractor._clauses`)
_LEAD = lazy(r";|,\s+(?:and|but|while|whereas)\s")
_CLAUSE = lazy(r";|:\s|\s[–—-]\s|,\s+(?:and|but|while|whereas|when|after|before|until|which)\b"
               r"|\s(?:that|which|who)\s+(?:was|were|had\s+been|has\s+been|have\s+been)\s")


# --------------------------------------------------------------------------
# results

@dataclass
class Event:
    """One dated sentence or clause of a document."""

    start: int
    end: int
    text: str
    date: DateSpan
    section: str
    heading: bool
    entities: list[str]          # entity ids, in order of mention
    section_id: int = 0
    passage_end: int = 0         # the end of the sentences its date governs (>= end)
    figures: list = field(default_factory=list)   # kb.ingest.figures.Figure, in text order
    date_offsets: tuple[int, int] = (0, 0)         # where its date is written
    inner: bool = False          # a later date's noun phrase and relative clause (kb.ingest.relative)


@dataclass
class Extraction:
    events: list[Event] = field(default_factory=list)
    new_entities: dict[str, NewEntity] = field(default_factory=dict)
    mentioned: list[str] = field(default_factory=list)        # every entity id named
    new_aliases: dict[str, set[str]] = field(default_factory=dict)  # known id -> spellings
    anchor: date | None = None
    loose: list = field(default_factory=list)   # figures in no event's passage, in text order




#: a word written in lower case (the name finder's test of whether a word is a common one)
_LOWER_WORD = lazy(r"\b[a-z][a-z’'\-]+\b")


def _lower_vocab(text: str) -> set[str]:
    """The words of ``text`` written in lower case: ``set(_LOWER_WORD.findall(text))``, read
    from each distinct stretch between white space once (a match lies inside one, and the
    white space around it is what ``\\b`` sees at its ends); a long text repeats its
    stretches, and a pattern that begins with ``\\b`` is tried at every character.  The
    distinct stretches are searched at once, joined by spaces (white space as before)."""
    return set(_LOWER_WORD.findall(" ".join(set(text.split()))))


_SINCE_TEXT = lazy(r"(?:since|as\s+of)\b", re.IGNORECASE)

#: a passage: at most this many sentences after the dated one, this many characters in all
PASSAGE_SENTENCES = 2
PASSAGE_CHARS = 700


class Extractor:
    """Runs extraction document after document, sharing one :class:`AliasTable`."""

    def __init__(self, table: AliasTable):
        self.table = table
        self.names = NameFinder(table)

    # -- dates -----------------------------------------------------------
    @staticmethod
    def anchor_for(text: str, published: DateSpan | None,
                   scanned: Scan | None = None) -> tuple[date | None, bool]:
        """The anchor for relative dates and whether it was inferred from the text
        (``scanned``: the text's :func:`kb.dates.find.scan`, if made already)."""
        if published is not None:
            return (published.start if published.precision == "day" else published.end), False
        latest = None
        for _s, _e, span in find_dates(text, scanned=scanned):
            if span.precision == "day" and (latest is None or span.start > latest):
                latest = span.start
        return latest, latest is not None

    # -- the document ------------------------------------------------------
    def extract(self, text: str, published: DateSpan | None) -> Extraction:
        """One document's events, entities and figures (module docstring), Python's cycle
        collector paused: extraction makes many small objects and no cycles to free, and
        each pass would walk them and the store read before (~8% of a long text's time)."""
        with paused():
            return self._extract(text, published)

    def _extract(self, text: str, published: DateSpan | None) -> Extraction:
        out = Extraction()
        scanned = scan(text)    # read once, for the anchor and then the dates
        anchor, inferred = self.anchor_for(text, published, scanned)
        out.anchor = anchor
        segs = segments(text)
        found = list(find_dates(text, anchor, not inferred, scanned))
        exact = published is not None and published.precision == "day"   # a day to count from
        found = merged(found, registry_dates(text, anchor, found, guessed=not exact))
        dates = _narrative(found, anchor, segs, inferred)
        if exact:
            dates = _past_story(dates, anchor, text)
        from .figures import find_figures
        from .relative import relative_dates
        from .repeats import RepeatedMentions

        finder = RepeatedMentions(self.names)     # a repeated sentence's names found once

        figs = find_figures(text, [(s, e) for s, e, _span in dates])
        fig_starts = [f.start for f in figs]
        lower_vocab = _lower_vocab(text)
        doc_named: set[str] = set()
        di = 0
        seg_ents: dict[int, list[str]] = {}
        bodies: set[int] = set()
        list_date: list = []        # dates a bullet list inherits (see _BULLET)
        prev_dates: list = []
        top = _top_date_line(text)
        mentioned: set[str] = set()      # out.mentioned as a set: a long text names thousands
        for eid in self.names.page_names(text, out, doc_named):
            if eid not in mentioned:
                mentioned.add(eid)
                out.mentioned.append(eid)
        for seg in segs:
            if not seg.heading:
                bodies.add(seg.section_id)
            while di < len(dates) and dates[di][0] < seg.start:
                di += 1
            seg_dates = []
            j = di
            while j < len(dates) and dates[j][1] <= seg.end:
                seg_dates.append(dates[j])
                j += 1
            first_ok = False
            ents = finder.mentions(text, seg.start, seg.end, seg.heading, first_ok, lower_vocab, out, doc_named)
            seg_ents[seg.start] = ents
            for eid in ents:
                if eid not in mentioned:
                    mentioned.add(eid)
                    out.mentioned.append(eid)
            seg_dates = [d for d in seg_dates if (d[2].rule or '').split(';')[0] not in _NOT_EVENT_RULES
                         and not modifier_year(text, *d) and not _state_since(text, d)
                         and not _page_date(text, d) and not top[0] <= d[0] < top[1]]
            if tag_list(text, seg.start, seg.end):
                seg_dates = []
            bullet = bool(_BULLET.match(text, seg.start))
            if seg.heading:
                list_date = prev_dates = []
            elif not bullet:
                if text[seg.start:seg.end].rstrip().endswith(":"):
                    list_date = seg_dates[:1] or prev_dates[:1]
                else:
                    list_date = []
                prev_dates = seg_dates
            elif not seg_dates and list_date:
                seg_dates = [(seg.start, seg.start, list_date[0][2])]
            if not seg_dates:
                continue
            clauses = self._clauses(text, seg, seg_dates)
            heads = {where[0] for _cs, _ce, spans in clauses for _sp, where in spans}
            inner = relative_dates(text, seg.start, seg.end, seg_dates, heads, fig_starts)
            if inner:       # in text order, each after the clause it lies in
                clauses = sorted(clauses + [(rs, rend, [(span, where)], True) for rs, rend, span, where in inner],
                                 key=lambda c: (c[0], len(c)))
            for cs, ce, spans, *inner in clauses:
                clause_ents = ents if (cs, ce) == (seg.start, seg.end) else finder.mentions(
                    text, cs, ce, seg.heading, False, lower_vocab, out, doc_named)
                clause = text[cs:ce]        # one string for all the dates of the clause
                for span, where in spans:
                    ev = Event(cs, ce, clause, span, seg.section, seg.heading,
                               list(dict.fromkeys(clause_ents)))
                    ev.section_id = seg.section_id
                    ev.passage_end = ce
                    ev.date_offsets = where
                    ev.inner = bool(inner)
                    out.events.append(ev)
        out.events = _drop_covered_headings(out.events, bodies)
        out.loose = self._passages(text, segs, out.events, seg_ents, figs, self.table,
                                   anchor.year if anchor else None)
        return out

    @staticmethod
    def _passages(text: str, segs: list[Segment], events: list[Event], seg_ents, figs, table=None,
                  anchor_year: int | None = None) -> list:
        """Each event's passage, entities and figures (module docstring; ``figs``: the
        document's figures); returns the figures no passage holds.  With ``table``, the
        cumulative totals among the figures are marked (:func:`kb.ingest.totals.mark_totals`)."""
        if table is not None:
            from .totals import mark_totals

            mark_totals(text, figs, segs, seg_ents, table, anchor_year)
        fig_starts = [f.start for f in figs]
        starts = [sg.start for sg in segs]
        dated = {ev.start for ev in events} | {ev.end for ev in events}
        told = sorted({(ev.start, ev.end) for ev in events})
        told_starts = [a for a, _b in told]
        for ev in events:
            if ev.heading or ev.inner:      # an inner event's passage is itself
                ev.figures = figs[bisect_left(fig_starts, ev.start):bisect_left(fig_starts, ev.end)]
                continue
            k = bisect_right(starts, ev.start) - 1
            seg_end = segs[k].end if k >= 0 else ev.end
            end = ev.end
            if ev.end >= seg_end:       # the last clause of its sentence: the passage goes on
                j, n = k + 1, 0
                while j < len(segs) and n < PASSAGE_SENTENCES:
                    nxt = segs[j]
                    gap = text[end:nxt.start]
                    if nxt.heading or "\n" in gap or nxt.end - ev.start > PASSAGE_CHARS:
                        break
                    t = bisect_left(told_starts, nxt.start)
                    if t < len(told) and nxt.start < told[t][0] < nxt.end and n < PASSAGE_SENTENCES:
                        end = _trim_end(text, nxt.start, told[t][0])
                        break           # its first clauses: a later clause has a date of its own
                    if t < len(told) and told[t][0] < nxt.end or nxt.start in dated:
                        break           # a sentence with an event date of its own
                    end = nxt.end
                    for eid in seg_ents.get(nxt.start, ()):
                        if eid not in ev.entities:
                            ev.entities.append(eid)
                    j, n = j + 1, n + 1
            ev.passage_end = end
            ev.figures = figs[bisect_left(fig_starts, ev.start):bisect_left(fig_starts, end)]
            if ev.end < seg_end:        # an inner clause keeps its own figures only
                ev.figures = [f for f in ev.figures if f.start < ev.end]
        inner = {id(f) for ev in events if ev.inner for f in ev.figures}
        if inner:   # a figure of a later date's relative clause is that date's event's alone
            for ev in events:
                if not ev.inner:
                    ev.figures = [f for f in ev.figures if id(f) not in inner]
        held = {id(f) for ev in events for f in ev.figures}
        heads = [(sg.start, sg.end) for sg in segs if sg.heading]
        head_starts = [a for a, _b in heads]

        def in_heading(at: int) -> bool:
            k = bisect_right(head_starts, at) - 1
            return k >= 0 and at < heads[k][1]

        return [f for f in figs if id(f) not in held and not in_heading(f.start)]

    @staticmethod
    def _clauses(text: str, seg: Segment, seg_dates):
        if len(seg_dates) == 1:
            # a date in a later coordinated clause dates that clause: "Within two days the
            # unrest reached some 100 cities, and on 16 November the authorities cut..."
            lead = None
            for m in _LEAD.finditer(text, seg.start, seg_dates[0][0]):
                lead = m
            a = seg.start if lead is None else lead.end()
            while lead is not None and a < seg.end and (text[a].isspace() or text[a] in ",;–—-"):
                a += 1
            return [(a, seg.end, [(seg_dates[0][2], seg_dates[0][:2])])]
        cuts = [seg.start]
        for (s1, e1, _), (s2, _e2, _) in zip(seg_dates, seg_dates[1:]):
            last = None
            for m in _CLAUSE.finditer(text, e1, s2):
                last = m
            if last is not None:
                cuts.append(last.start() + (1 if text[last.start()] in ";:" else 0))
        cuts.append(seg.end)
        out = []
        starts = [d[0] for d in seg_dates]
        for a, b in zip(cuts, cuts[1:]):
            # the dates inside [a, b]: from the first that starts at a or later, while
            # they start before b (a date ends after it starts): linear in all
            k = bisect_left(starts, a)
            inside = []
            while k < len(seg_dates) and seg_dates[k][0] <= b:
                if seg_dates[k][1] <= b:
                    inside.append(seg_dates[k])
                k += 1
            while a < b and (text[a].isspace() or text[a] in ",;:–—-"):
                a += 1
            if inside and a < b:
                spans = [(inside[0][2], inside[0][:2])]
                for (_s1, e1, _), (s2, e2, sp) in zip(inside, inside[1:]):
                    if text[e1:s2].strip(" ,").lower() not in _COORD:
                        break
                    spans.append((sp, (s2, e2)))
                out.append((a, b, spans))
        return out


def _trim_end(text: str, start: int, end: int) -> int:
    """``end`` moved back over the spaces and separators (",;" and "and") before it."""
    k = end
    while k > start and (text[k - 1].isspace() or text[k - 1] in ",;–—-"):
        k -= 1
    if text[max(start, k - 4):k].lower() in (" and", " but"):
        k -= 4
    while k > start and (text[k - 1].isspace() or text[k - 1] in ",;"):
        k -= 1
    return max(k, start)


# "today" and "now" mark the writer's present, not when something happened.
_NOT_EVENT_RULES = {"today"}

_SINCE = lazy(r"(?:\b(?:since|as\s+of|as\s+at)\s+(?:the\s+)?(?:(?:early|mid|late)[-\s]+)?)$", re.IGNORECASE)


_LABEL = lazy(r"(?:^|[\s*_(.])(?:published|released|updated|posted|date|dated|filed|revised|edited)"
              r"(?:\s+on)?\s*:?\s*$", re.IGNORECASE)
_DATELINE = lazy(r"[A-Z][A-Z .'’-]{1,40},\s*$")
_DATELINE_END = lazy(r"\s*(?:[-–—]|\(\w+\)\s*[-–—])")


def _page_date(text: str, d) -> bool:
    """A date that dates the page, not an event: a label line ("Published: 12 March 2019",
    "Released: 1 December 2018") or a news dateline ("LONDON, 17 December 2019 - "), the
    place in capitals at the start of a line and a dash after the date."""
    s, e, _span = d
    line = text.rfind("\n", max(0, s - 80), s) + 1
    if line == 0 and s > 80:
        return False        # a label or a dateline opens its line: far from any line start
    before = text[line:s]
    end = text.find("\n", e, e + 40)
    if _LABEL.search(before) and not text[e:end if end >= 0 else e + 40].strip(" .,*_)") \
            and (end >= 0 or e + 40 >= len(text)):
        return True
    return bool(_DATELINE.fullmatch(before) and _DATELINE_END.match(text, e))


def _top_date_line(text: str) -> tuple[int, int]:
    """Where the line that dates a news file is (``[start, end)``, else ``(0, 0)``): the
    line the reader takes the publication date from (:func:`kb.dates.tag.top_date_line`:
    only a date, "March 3, 2004", among the first lines), when no other line of the text
    is only a date.  It dates the page, not an event.  A timeline whose headings are days
    ("June 20, 1981" over its paragraph, then "June 21, 1981"...) has more than one such
    line: its first is a heading."""
    from ..dates.tag import date_line, top_date_line

    top = top_date_line(text)
    if top is None:
        return (0, 0)
    at = top[1] + 1
    while at < len(text):
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        if end - at <= 120 and text[at:end].strip() and date_line(text[at:end].strip()) is not None:
            return (0, 0)
        at = end + 1
    return top[0], top[1]


def _state_since(text: str, d) -> bool:
    """A date that only opens a state or a tally: "since 1971 the group has...",
    "as of January 2019 the figure is...".  The clause tells how things stand
    (at the time of writing), not what happened then."""
    s, _e, span = d
    return bool(_SINCE.search(text, max(0, s - 20), s)) or bool(
        _SINCE_TEXT.match(span.text))


_COORD = {"", "and", "or", "as well as", "and again in", "and in", "and on", "or in"}


def _narrative(dates, fallback: date | None, segs: list[Segment], undated: bool):
    """Relative dates read in their section, as a narrative.

    They apply to undated documents only, where the anchor is a guess; a
    publication date is a better anchor than any narrative.  Two rules, each
    recorded in the span's ``rule``:

    * *same month*: a month with no year ("in November", "On May 20") that
      its section has already named with a year ("November 2019") is that
      month of that year.
    * *narrative*: any other relative date takes the year of the nearest absolute date before it in
      its section (its anchor is that year's 31 December), or, when none comes
      before it, of the nearest one after it in the section.  A section with
      no absolute date keeps the fallback anchor: the latest day the text names.
    """
    if not undated:
        return dates
    if all(span.anchor is None for _s, _e, span in dates):
        return [(s, e, span) for s, e, span in dates]     # no relative date: none to read
    bounds = [(sg.start, sg.section_id) for sg in segs]
    starts = [b[0] for b in bounds]

    def section(offset: int) -> int:
        k = bisect_right(starts, offset) - 1
        return bounds[k][1] if k >= 0 else 0

    marked = [(s, e, span, section(s)) for s, e, span in dates]
    # Sections run in text order, so each is one block of ``marked``.  Found in one pass
    # each way: the nearest absolute date (not a decade) before and after every date in
    # its section, and for the same-month rule the latest earlier date of the section,
    # one year long at most, that covers each first..last month.
    prev_ref, next_ref = [None] * len(marked), [None] * len(marked)
    last, last_sec = None, None
    for k, (_s, _e, ref, sec) in enumerate(marked):
        if sec != last_sec:
            last, last_sec = None, sec
        prev_ref[k] = last
        if ref.anchor is None and ref.precision != "decade":
            last = ref
    last, last_sec = None, None
    for k in range(len(marked) - 1, -1, -1):
        _s, _e, ref, sec = marked[k]
        if sec != last_sec:
            last, last_sec = None, sec
        next_ref[k] = last
        if ref.anchor is None and ref.precision != "decade":
            last = ref
    covering: dict[tuple[int, int], DateSpan] = {}
    last_sec = None
    out = []
    for k, (s, e, span, sec) in enumerate(marked):
        if sec != last_sec:
            covering, last_sec = {}, sec
        covers = covering.get((min(span.start.month, span.end.month), max(span.start.month, span.end.month)))
        if span.anchor is None and span.start.year == span.end.year and span.precision in ("day", "month", "range"):
            for lo in range(span.start.month, span.end.month + 1):
                for hi in range(lo, span.end.month + 1):
                    covering[lo, hi] = span
        if span.anchor is None or (span.rule or "").split(":")[0] in REFERENTIAL_RULES \
                or "restating" in (span.rule or ""):
            out.append((s, e, span))
            continue
        anchor, how = None, None
        if (span.rule or "").startswith("month-no-year") and covers is not None:
            anchor, how = date(covers.end.year, 12, 31), "same month: named with its year earlier in the section"
        if anchor is None:
            ref = prev_ref[k] or next_ref[k]
            if ref is not None and (span.rule or "").startswith("past-"):
                # "within the last month" after "12 March 2015": the window ends there
                anchor, how = ref.end, "narrative: ends on the nearest date in the section"
            elif ref is not None:
                anchor, how = date(ref.end.year, 12, 31), "narrative: the year of the nearest date in the section"
            else:
                anchor, how = fallback, "undated text: anchored on the latest day it names"
        if anchor is None:
            out.append((s, e, span))
            continue
        try:
            new = parse_date(span.text, anchor)
        except DateError:
            continue
        out.append((s, e, DateSpan(new.text, new.start, new.end, new.precision, new.edtf,
                                   new.anchor, f"{new.rule or 'relative'}; {how}")))
    return out


#: the rules of a month, a day or a season named without its year, read against the anchor
_YEARLESS = frozenset(("month-no-year", "month", "season", "day-month", "month-day", "part-of-month"))
#: how many years before the publication year a story must be to keep its own year
PAST_STORY_YEARS = 2


def _past_story(dates, anchor: date, text: str):
    """Rule *narrative year* (a page with a publication day): a month, day or season
    named without its year ("On 28 June", "On 21 July", "At the end of July", "in the
    autumn") whose nearest date before it in the text (page dates aside) is a date of
    its own, :data:`PAST_STORY_YEARS` years or more before the publication year, is read
    in the story that date tells, not against the publication date: the first such day
    on or after that date.  A memoir published in 2019 that tells "June 1981" and then
    "21 July" means 21 July 1981; a report of 2018 on "mid-July 1988" that goes on with
    "in the autumn" means the autumn of 1988.  A date read so passes the story on to the
    next; a date read against the publication date ("last November", "this spring")
    or one of the recent past brings the story back to the present."""
    out = []
    prev = None             # the nearest date before, page dates aside: (span, is the story's)
    moved = 0               # the years the last date re-read was moved by
    for s, e, span in dates:
        rule = (span.rule or "").split(";")[0].strip()
        head = rule.split(":")[0].strip()
        if moved and head in REFERENTIAL_RULES and prev is not None and prev[1]:
            # counted from the date re-read ("A week later" after "18 July"): moved with it
            try:
                start, end = span.start.replace(year=span.start.year + moved), span.end.replace(
                    year=span.end.year + moved)
            except ValueError:
                start = end = None
            if start is not None:
                span = DateSpan(span.text, start, end, span.precision, _edtf(start, end, span.precision),
                                None, f"{span.rule}; narrative year: counted from the story's date")
                out.append((s, e, span))
                prev = (span, True)
                continue
        if span.anchor is not None and rule in _YEARLESS and prev is not None and prev[1]:
            ref = prev[0]
            y = ref.start.year + ((span.start.month, span.start.day) < (ref.start.month, ref.start.day))
            try:
                k = y - span.start.year
                start, end = span.start.replace(year=y), span.end.replace(year=span.end.year + k)
            except ValueError:      # 29 February
                start, end = None, None
            if start is not None:
                edtf = span.edtf.replace(str(span.start.year), str(y), 1)
                if span.end.year != span.start.year:
                    edtf = edtf.replace(str(span.end.year), str(span.end.year + k))
                span = DateSpan(span.text, start, end, span.precision, edtf, None,
                                f"{span.rule}; narrative year: after {ref.text!r}")
                out.append((s, e, span))
                prev, moved = (span, True), k
                continue
        out.append((s, e, span))
        if not _page_date(text, (s, e, span)):
            prev = (span, span.anchor is None and span.precision != "decade"
                    and span.end.year <= anchor.year - PAST_STORY_YEARS)
            moved = 0
    return out


def _edtf(start: date, end: date, precision: str) -> str:
    if precision == "day" and start == end:
        return start.isoformat()
    return f"{start.isoformat()}/{end.isoformat()}"


def _drop_covered_headings(events: list[Event], bodies: set[int]) -> list[Event]:
    """A dated heading ("1986: The MEK Relocates to Iraq") is an event only when
    its section has a body (a table of contents is not) and no sentence of it
    carries a date within the heading's bounds."""
    told: dict[int, list]= {}        # section -> the dates its sentences carry
    for o in events:
        if not o.heading:
            told.setdefault(o.section_id, []).append(o.date)
    keep = []
    for ev in events:
        if ev.heading and ev.section_id not in bodies:
            continue
        if ev.heading and ev.date.precision != "range" and any(
                ev.date.start <= d.start and d.end <= ev.date.end for d in told.get(ev.section_id, ())):
            continue
        keep.append(ev)
    return keep
