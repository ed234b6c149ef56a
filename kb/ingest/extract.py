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
modifier ("the 1979 revolution"); both still guide the narrative below.
Relative dates of an undated document are read in their section (see
:func:`_narrative`).

**Clauses and events.**  A segment carrying one date is one event.  A
segment carrying several dates is cut into clauses at the last clause
boundary (``;``, ``:``, a dash, ", and", ", but", ", while", ", when",
", after", ", before", ", until", ", which", or a passive relative clause:
"that was", "which had been"...) between two consecutive dates;
each clause carrying a date is one event dated by its first date.  So
"X happened in 1979; Y followed in 1981" gives two events, and "between
1979 and 1981" (one range date) gives one.

**Entities.**  Known entities are found through every alias, compared by the
keys of :mod:`kb.names`: the folded form first, then (for capitalised text of
at least four letters) the transliteration skeleton, so "Massoud" finds
"Masoud".  Matching is greedy, longest alias first; a trailing possessive
("MEK's") is ignored; an alias shared by several entities is resolved only
if exactly one of them was already named in the same document.  Lower-case
text matches only aliases that are themselves written in lower case.

New names, marked ``extracted`` in the store:

* an acronym with its expansion, ``National Council of Resistance of Iran
  (NCRI)``: the expansion is the name, the acronym an alias (the acronym's
  letters must be the initials of the expansion's capitalised words);
* a run of two or more capitalised words, joined by at most ``of``, ``the``,
  ``for``, ``de``, ``e``, ``al``, without a month or weekday name; a leading
  "The" and honorifics ("Mr.", "Senator") are dropped;
* a single capitalised word (or all-capital acronym) that is not the first
  word of its sentence or of a quotation, not a month, weekday or a
  nationality adjective (``-ian``, ``-ese``, ``-ish``, ``-i``), and that the
  document never writes in lower case; a surname before an apposition
  ("Ghasemi, an IRGC commander") is a name even when it ends like a
  nationality; a leading modifier ("State-run") is dropped, and counts or
  ordinals ("28-day", "56th") are no names;
* a year and a capitalised event word: "the 1988 Massacre" (event-name);
* a state's body named by its demonym: "the Iraqi army", "the French
  government" (government-body; not a creed or party: "Christian police");
* a title in quotation marks after a cue: a report called "Trampled
  Humanity", an exhibition entitled "120 Years of ...";
* the page's byline ("By Jane Roe", not "By Staff Writer") and the websites it
  names or links to ("example.com", media).

Capitalised runs are not looked for in headings (title case would make every
heading a name), except words with inner capitals ("YouTube").  The type is guessed from the words (``Council``, ``Party``
-> organization; ``City``, ``Province``, ``Camp`` -> place; ``War``,
``Massacre`` -> event-name; an honorific or two to three plain words ->
person; else other).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date

from ..dates import REFERENTIAL_RULES, DateError, DateSpan, find_dates, modifier_year, parse_date, scan_dates
from .entities import (_ACRONYM, _APPOSITION, _BYLINE, _CAMEL, _COMMON_CAPS, _CONNECT, _CREEDS, _DEMONYM, _DOMAIN,
                       _EVENT, _HONORIFIC, _MODIFIER_WORD, _MONTH_WORDS, _PARTICLE, _POSSESSIVE, _QUOTED_TITLE,
                       _STATE_BODY, _TITLE_CUE, _TITLE_SMALL, _WORD, _YEAR_EVENT, AliasTable, PhraseKeys,
                       _acronym_expansion, _capital_word, _of_name, _sentence_case, _split_glued, _title_split, _use,
                       first_word, guess_type, longest_alias, skeleton_of_fold)
from .segment import _BULLET, Segment, segments, tag_list

_CLAUSE = re.compile(r";|:\s|\s[–—-]\s|,\s+(?:and|but|while|whereas|when|after|before|until|which)\b"
                     r"|\s(?:that|which|who)\s+(?:was|were|had\s+been|has\s+been|have\s+been)\s")


# --------------------------------------------------------------------------
# results

@dataclass
class NewEntity:
    id: str
    name: str
    type: str
    aliases: list[str]


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


@dataclass
class Extraction:
    events: list[Event] = field(default_factory=list)
    new_entities: dict[str, NewEntity] = field(default_factory=dict)
    mentioned: list[str] = field(default_factory=list)        # every entity id named
    new_aliases: dict[str, set[str]] = field(default_factory=dict)  # known id -> spellings
    anchor: date | None = None


# patterns of the name finder, compiled once (they run for every sentence)
_STATE_ADJ = re.compile(r"(?:ian|ean|ese|ish|i|an|ch)$")
_LETTERS = re.compile(r"[a-z]+")
_TWO_LETTERS = re.compile(r"[A-Za-z]{2}")
_A_YEAR = re.compile(r"\b(?:1[6-9]|20)\d\d\b")
_SINCE_TEXT = re.compile(r"(?:since|as\s+of)\b", re.IGNORECASE)


class Extractor:
    """Runs extraction document after document, sharing one :class:`AliasTable`."""

    def __init__(self, table: AliasTable):
        self.table = table

    # -- dates -----------------------------------------------------------
    @staticmethod
    def anchor_for(text: str, published: DateSpan | None,
                   matches: list | None = None) -> tuple[date | None, bool]:
        """The anchor for relative dates and whether it was inferred from the text."""
        if published is not None:
            return (published.start if published.precision == "day" else published.end), False
        latest = None
        for _s, _e, span in find_dates(text, matches=matches):
            if span.precision == "day" and (latest is None or span.start > latest):
                latest = span.start
        return latest, latest is not None

    # -- entities --------------------------------------------------------
    def _mentions(self, text: str, s: int, e: int, heading: bool, first_word_ok: bool,
                  lower_vocab: set[str], out: Extraction, doc_named: set[str]) -> list[str]:
        seg = text[s:e]
        toks = _split_glued(seg, [(m.start(), m.end()) for m in _WORD.finditer(seg)])
        found: list[str] = []
        used = [False] * len(toks)
        table = self.table
        keys = PhraseKeys(seg, toks)
        i = 0
        while i < len(toks):
            first = first_word(seg[toks[i][0]:toks[i][1]])
            hit = None
            if first in table.first or (first and first[0].isalpha()
                                        and skeleton_of_fold(first) in table.first_skel):
                hit = longest_alias(table, keys, seg, toks, i)
            if hit is None:
                i += 1
                continue
            n, ids, phrase = hit
            if not heading and (_capital_word(seg, toks, i - 1, used) and i - 1 > 0
                                or _capital_word(seg, toks, i + n, used)
                                or _of_name(seg, toks, i, used)):
                # a fragment of a longer name ("East" in "East Azerbaijan"): leave it to
                # the name finder below
                i += 1
                continue
            if len(ids) > 1:
                named = ids & doc_named
                ids = named if len(named) == 1 else set()
            if ids:
                eid = next(iter(ids))
                found.append(eid)
                doc_named.add(eid)
                if phrase not in table.aliases.get(eid, ()) and eid not in out.new_entities:
                    out.new_aliases.setdefault(eid, set()).add(phrase)
            for k in range(i, i + n):
                used[k] = True
            i += n
        if not heading or _sentence_case(seg, toks):
            found += self._new_names(seg, toks, used, first_word_ok, lower_vocab, out, doc_named)
        else:
            # a title-case heading names nothing by its capitals, but a word with inner
            # capitals ("YouTube") is a name wherever it stands
            for k, (a, b) in enumerate(toks):
                if not used[k] and _CAMEL.fullmatch(seg, a, b) and seg[a:b].lower() not in lower_vocab:
                    found.append(self._name(seg[a:b], "other", out, doc_named))
        return found

    def _new_names(self, seg, toks, used, first_word_ok, lower_vocab, out, doc_named) -> list[str]:
        found = []
        # acronyms with their expansion
        for m in _ACRONYM.finditer(seg):
            exp = _acronym_expansion(m.group(1).strip(), m.group(2))
            if not exp:
                continue
            acr = m.group(2)
            known = self.table.lookup(exp, True) or self.table.lookup(acr, True)
            if len(known) == 1:
                eid = next(iter(known))
                if eid in out.new_entities:
                    ne = out.new_entities[eid]
                    for a in (exp, acr):
                        if a not in ne.aliases:
                            ne.aliases.append(a)
                self.table.add(eid, exp, [exp, acr])
                found.append(eid)
                continue
            if known:
                continue
            eid = self.table.new_id(exp)
            etype = guess_type(exp)
            etype = "organization" if etype in ("other", "person") else etype
            out.new_entities[eid] = NewEntity(eid, exp, etype, [exp, acr])
            self.table.add(eid, exp, [acr], etype)
            doc_named.add(eid)
            found.append(eid)
        # a year and a capitalised event word: "the 1988 Massacre"
        for m in _YEAR_EVENT.finditer(seg):
            if m.group(3).lower() in _EVENT:
                found.append(self._name(f"{m.group(1)} {m.group(2)}", "event-name", out, doc_named))
                _use(toks, used, m.start(2), m.end(2))
        # a state's body named by its demonym: "the Iraqi army", "the French government"
        for m in _STATE_BODY.finditer(seg):
            adj = m.group(1)
            if (_STATE_ADJ.search(adj) and adj.lower() not in _CREEDS) or adj.isupper():
                found.append(self._name(m.group(0), "government-body", out, doc_named))
                _use(toks, used, m.start(), m.end())
        # a quoted title: “120 Years of Struggle for Freedom”
        for m in _QUOTED_TITLE.finditer(seg):
            if not _TITLE_CUE.search(seg, max(0, m.start() - 40), m.start()):
                continue        # a slogan in title case ("We Will Win") is no title
            words = m.group(1).split()
            if len(words) >= 2 and all(w[:1].isupper() or w[:1].isdigit() or w in _TITLE_SMALL for w in words) \
                    and any(w[:1].isupper() for w in words[1:]):
                found.append(self._name(m.group(1), "other", out, doc_named))
                _use(toks, used, m.start(1), m.end(1))
        # capitalised runs
        runs: list[list[int]] = []
        cur: list[int] = []
        for k, (a, b) in enumerate(toks):
            w = seg[a:b]
            lw = w.lower().rstrip(".")
            cap = w[0].isupper() or (w[0].isdigit() and cur) or ("-" in w and bool(_PARTICLE.match(w)))
            if cur and k and toks[k - 1][1] == a:     # a glued word split by _split_glued
                runs.append(cur)
                cur = []
            if used[k]:
                if cur:
                    runs.append(cur)
                cur = []
                continue
            if cap and lw not in _MONTH_WORDS:
                cur.append(k)
                if _POSSESSIVE.search(w):
                    runs.append(cur)
                    cur = []
            elif cur and lw in _CONNECT and k + 1 < len(toks) and seg[toks[k + 1][0]].isupper() \
                    and seg[b:toks[k + 1][0]].strip() == "":
                cur.append(k)
            else:
                if cur:
                    runs.append(cur)
                cur = []
            # a run does not cross punctuation
            if cur and k + 1 < len(toks) and seg[b:toks[k + 1][0]].strip() not in ("", "-"):
                runs.append(cur)
                cur = []
        if cur:
            runs.append(cur)
        items = []
        for run in runs:
            words = [_POSSESSIVE.sub("", seg[toks[k][0]:toks[k][1]]).rstrip(".") for k in run]
            head, parts = _title_split(words)
            # the first word of a sentence, or of a quotation inside it ("Back in 1988...")
            # (a quotation of the name alone, “Telegram”, is no sentence)
            opening = run[0] == 0 or (seg[toks[run[0]][0] - 1:toks[run[0]][0]] in ("“", '"', "‘")
                                      and seg[toks[run[-1]][1]:toks[run[-1]][1] + 1] not in ("”", '"', "’"))
            for j, part in enumerate(parts):
                items.append((part, opening and j == 0 and not head, head, toks[run[-1]][1]))
        for words, at_start, honorific, run_end in items:
            lead = 0        # leading titles and small words are dropped (counted, then cut once)
            while lead < len(words) and (words[lead].lower() in _HONORIFIC or words[lead].lower() in _COMMON_CAPS
                                         or words[lead].lower() in _CONNECT):
                honorific = honorific or words[lead].lower() in _HONORIFIC
                lead += 1
            if lead:
                words = words[lead:]
                at_start = False
            while words and (words[-1].lower() in _CONNECT or words[-1][:1].isdigit()):
                words.pop()
            if words and words[0][:1].isdigit():
                continue        # "28-day", "56th": a count or an ordinal, not a name
            if not words:
                continue
            lead = 0
            while len(words) - lead > 1 and _MODIFIER_WORD.fullmatch(words[lead]):
                lead += 1           # "State-run Baharestaneh": the name is Baharestaneh
            if lead:
                words = words[lead:]
                at_start = False
            if len(words) == 1:
                w = words[0]
                appos = bool(_APPOSITION.match(seg, run_end)) and not w.lower().endswith("ly")
                if appos and _HONORIFIC.intersection(_LETTERS.findall(seg[run_end:run_end + 60].lower())):
                    honorific = True     # "Ghasemi, an IRGC commander": a person
                if at_start and not first_word_ok and not appos:
                    continue
                if len(w) < 3 and not w.isupper():
                    continue
                if w.lower() in lower_vocab or w.lower() in _COMMON_CAPS or len(w) < 2:
                    continue
                if _DEMONYM.search(w.lower()) and not w.isupper() and not honorific and not appos:
                    continue        # "Iraqi", but not "Ghasemi, an IRGC commander"
                if w.isdigit():
                    continue
            elif at_start and words[0].lower() in lower_vocab and len(words) == 2:
                words.pop(0)
                w = words[0]
                if w.lower() in lower_vocab or _DEMONYM.search(w.lower()):
                    continue
            name = " ".join(words)
            if not _TWO_LETTERS.search(name) or _A_YEAR.search(name):
                continue
            ids = self.table.lookup(name, True)
            if len(ids) == 1:
                found.append(next(iter(ids)))
                continue
            if ids:
                continue
            eid = self.table.new_id(name)
            etype = guess_type(name, honorific)
            out.new_entities[eid] = NewEntity(eid, name, etype, [name])
            self.table.add(eid, name, [], etype)
            doc_named.add(eid)
            found.append(eid)
        return found

    def _name(self, name: str, etype: str, out: Extraction, doc_named: set[str]) -> str:
        """The id of the entity called ``name``: a known one, or a new extracted one."""
        ids = self.table.lookup(name, True)
        if len(ids) == 1:
            return next(iter(ids))
        if ids and len(ids & doc_named) == 1:
            return next(iter(ids & doc_named))
        eid = self.table.new_id(name)
        out.new_entities[eid] = NewEntity(eid, name, etype, [name])
        self.table.add(eid, name, [], etype)
        doc_named.add(eid)
        return eid

    def _page_names(self, text: str, out: Extraction, doc_named: set[str]) -> list[str]:
        """Names a page gives outside its sentences: its byline ("By Jane Roe") and the
        websites it names or links to ("example.com", "https://www.pscp.tv/...")."""
        found = []
        for m in _BYLINE.finditer(text):
            words = [w.lower() for w in m.group(1).split()]
            if not set(words) & (_HONORIFIC | _COMMON_CAPS | _CONNECT | {"and", "order", "court"}):
                found.append(self._name(m.group(1), "person", out, doc_named))
        for m in _DOMAIN.finditer(text):
            found.append(self._name(m.group(1), "media", out, doc_named))
        return found

    # -- the document ------------------------------------------------------
    def extract(self, text: str, published: DateSpan | None) -> Extraction:
        out = Extraction()
        matches = scan_dates(text)
        anchor, inferred = self.anchor_for(text, published, matches)
        out.anchor = anchor
        segs = segments(text)
        dates = _narrative(list(find_dates(text, anchor, not inferred, matches)), anchor, segs, inferred)
        lower_vocab = {w for w in re.findall(r"\b[a-z][a-z’'\-]+\b", text)}
        doc_named: set[str] = set()
        di = 0
        bodies: set[int] = set()
        list_date: list = []        # dates a bullet list inherits (see _BULLET)
        prev_dates: list = []
        for eid in self._page_names(text, out, doc_named):
            if eid not in out.mentioned:
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
            ents = self._mentions(text, seg.start, seg.end, seg.heading, first_ok, lower_vocab,
                                  out, doc_named)
            for eid in ents:
                if eid not in out.mentioned:
                    out.mentioned.append(eid)
            seg_dates = [d for d in seg_dates if (d[2].rule or '').split(';')[0] not in _NOT_EVENT_RULES
                         and not modifier_year(text, *d) and not _state_since(text, d)]
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
            for cs, ce, spans in self._clauses(text, seg, seg_dates):
                clause_ents = ents if (cs, ce) == (seg.start, seg.end) else self._clause_entities(
                    text, cs, ce, seg, out, lower_vocab, doc_named)
                clause = text[cs:ce]        # one string for all the dates of the clause
                for span in spans:
                    ev = Event(cs, ce, clause, span, seg.section, seg.heading,
                               list(dict.fromkeys(clause_ents)))
                    ev.section_id = seg.section_id
                    out.events.append(ev)
        out.events = _drop_covered_headings(out.events, bodies)
        return out

    def _clause_entities(self, text, cs, ce, seg, out, lower_vocab, doc_named):
        return self._mentions(text, cs, ce, seg.heading, False, lower_vocab, out, doc_named)

    @staticmethod
    def _clauses(text: str, seg: Segment, seg_dates):
        if len(seg_dates) == 1:
            return [(seg.start, seg.end, [seg_dates[0][2]])]
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
                spans = [inside[0][2]]
                for (_s1, e1, _), (s2, _e2, sp) in zip(inside, inside[1:]):
                    if text[e1:s2].strip(" ,").lower() not in _COORD:
                        break
                    spans.append(sp)
                out.append((a, b, spans))
        return out


# "today" and "now" mark the writer's present, not when something happened.
_NOT_EVENT_RULES = {"today"}

_SINCE = re.compile(r"(?:\b(?:since|as\s+of|as\s+at)\s+(?:the\s+)?(?:(?:early|mid|late)[-\s]+)?)$", re.IGNORECASE)


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
