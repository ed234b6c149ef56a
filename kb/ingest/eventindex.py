"""Stored events by year, for finding the one a new event retells: :class:`EventIndex`.

The rules that decide whether two events are one are :mod:`kb.ingest.dedupe`'s
(:func:`kb.ingest.dedupe.choose`); this module finds the candidates they are
asked about without comparing a new event with every stored one, and loads a
stored event only when a question about its years first needs it.  Given the
index (an :class:`kb.index.lookups.Asker`), it asks for a year's stored events
when that year is first met instead of being given every stored event.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from datetime import date
from itertools import chain, islice
from operator import itemgetter

from ..collector import paused
from . import dedupe
from .dedupe import _Entry, choose, content_words, weights_of, window
from .postings import _SEQ, _Postings, _hits

_FIRST = itemgetter(0)
EPS = 1e-9  # the rounding a score counted at once may differ by from choose()'s


class _Tier:
    """Events of at most ``days`` days, in order of their first day (days as ordinals)."""

    __slots__ = ("days", "starts", "ends", "items")

    def __init__(self, days: int):
        self.days = days
        self.starts: list[int] = []  # first days (date ordinals), in order
        self.ends: list[int] = []
        self.items: list = []  # entries; a stored one (seq, key, start, end) until decoded

    def settle(self, new: list) -> None:
        if len(new) < 16 and self.starts:
            for s, e, x in new:
                k = bisect_right(self.starts, s)
                self.starts.insert(k, s)
                self.ends.insert(k, e)
                self.items.insert(k, x)
            return
        new += zip(self.starts, self.ends, self.items)
        new.sort(key=_FIRST)
        self.starts = [t[0] for t in new]
        self.ends = [t[1] for t in new]
        self.items = [t[2] for t in new]

    def meeting(self, lo: int, hi: int, entry, out: list) -> None:
        """Add to ``out`` the events whose days meet ``lo``..``hi`` (ordinals)."""
        starts, ends, items = self.starts, self.ends, self.items
        for k in range(bisect_left(starts, lo - self.days), bisect_right(starts, hi)):
            if ends[k] >= lo:
                x = items[k]
                if type(x) is tuple:
                    x = items[k] = entry(x)
                out.append(x)


class _Bucket:
    """The events of one year (or the wide ones), in tiers by length, each in order of
    their first day, so that a question finds the events whose days meet its window by
    bisecting.

    Every rule needs something in common: a shared entity (same facts, same
    day; rule 5 without two shared words), a shared word (same wording, rule
    5), or, for a new dated heading, a word of a cited heading (same section).
    An event within the window that has none of these is not passed on: no
    rule can accept it, and it weighs no word (:func:`kb.ingest.dedupe._weights`
    counts only the events that share a word).  On a large store nearly every
    event near a date shares a word with a new one, so postings by word found
    hardly fewer candidates than the days do, and cost more to build.
    """

    __slots__ = ("tiers", "long", "new", "later", "asks", "post", "size", "stored", "saved", "more")
    TIERS = (31, 92, 400)  # days: a month, a season, a year; longer ones are checked at every question
    ASKS = 3  # questions a bucket answers by its tiers before it is inverted (:class:`_Postings`)
    LEAST = 256  # events a bucket holds before it is inverted (fewer are as quickly read one by one)

    def __init__(self):
        self.tiers = [_Tier(d) for d in self.TIERS]
        self.long: list = []  # (start, end, item) of the longer events, days as ordinals
        self.new: list = []  # (start, end, item) added since the last question, days as YYYY-MM-DD
        # (start, end, item) in a saved bucket's postings (or extra) and not yet in its tiers: filed
        # there when the tiers first answer (a dated heading's question), not when the file is read
        self.later: list = []
        self.asks = 0
        self.post: _Postings | None = None
        self.size = 0  # the events added
        self.stored = 0  # of them stored ones
        self.saved = False  # ``post`` read from a saved feature file: the stored events only
        self.more: _Postings | None = None  # then the run's events, inverted once they are many

    def add(self, start: str, end: str, item) -> None:
        self.new.append((start, end, item))
        self.size += 1
        if type(item) is tuple:
            self.stored += 1

    def postings(self, entry, saved=None, name=None) -> list | None:
        """The bucket's events inverted, once it has answered :data:`ASKS` questions and holds
        :data:`LEAST` events (None before: its tiers answer); events added since it was
        inverted are its ``extra`` (stored ones not yet decoded), until they are many.

        ``saved`` (:class:`kb.ingest.features.Saved`): a feature file of the stored events, of
        which this is bucket ``name``; when it holds the bucket (as it must: exactly its stored
        events), their postings are read from it, not made (no question waits for them), and
        the run's own events are its ``extra``, inverted apart once they are many (``more``):
        a list of the postings either way, the stored events' first."""
        self.asks += 1
        post = self.post
        if post is None and (self.asks < self.ASKS and not (saved is not None and saved.has(name))
                             or self.size < self.LEAST):
            return None
        if post is None and saved is not None and saved.has(name):
            stored, run = self._parted()
            post = saved.postings(name, stored, entry)
            if post is not None:
                self.post, self.saved, post.extra = post, True, run
                self.later += self.new
                self.new = []
        if self.new:
            if self.saved:  # to the postings' extra now, to the tiers when they answer
                new, self.new = self.new, []
                (self.more or self.post).extra += [t[2] for t in new]
                self.later += new
            else:
                self._settle()
        if self.saved:
            more = self.more
            tail = more or post
            if len(tail.extra) > 16 + (len(post.entries) + (len(more.entries) if more else 0)) // 8:
                run = (list(more.entries) if more else []) + [entry(x) if type(x) is tuple else x
                                                             for x in tail.extra]
                post.extra = []
                more = self.more = _Postings(run)
            return [post] if more is None else [post, more]
        if post is None or len(post.extra) > 16 + len(post.entries) // 8:
            items = [x for tier in self.tiers for x in tier.items] + [t[2] for t in self.long]
            post = self.post = _Postings([entry(x) if type(x) is tuple else x for x in items])
        return [post]

    def _parted(self) -> tuple[list, list]:
        """(``(start, end, (seq, key))`` of the stored events, days as ordinals; the run's events):
        those in the tiers and those added since (``new``, not filed in the tiers here)."""
        stored, run = [], []
        new = self.new
        for s, e, x in chain(*(zip(t.starts, t.ends, t.items) for t in self.tiers), self.long,
                             zip(_ordinals([t[0] for t in new]), _ordinals([t[1] for t in new]),
                                 [t[2] for t in new])):
            if type(x) is tuple:
                stored.append((s, e, x[:2]))
            elif x.key is not None:  # a stored event decoded already
                stored.append((s, e, (x.seq, x.key)))
            else:
                run.append(x)
        return stored, run

    def _settle(self) -> None:
        new, self.new = self.new, []
        if self.post is not None:
            (self.more or self.post).extra += [t[2] for t in new]
        self._file(new)

    def _file(self, new: list) -> None:
        """``(start, end, item)`` (days as ``YYYY-MM-DD``) filed in the tiers by length."""
        parts = [[] for _ in self.tiers]
        tiers = self.tiers
        for s, e, t in zip(_ordinals([t[0] for t in new]), _ordinals([t[1] for t in new]), new):
            days = e - s
            for n, tier in enumerate(tiers):
                if days <= tier.days:
                    parts[n].append((s, e, t[2]))
                    break
            else:
                self.long.append((s, e, t[2]))
        for tier, part in zip(tiers, parts):
            if part:
                tier.settle(part)

    def candidates(self, words: frozenset, entities: set, heading: bool, lo: int, hi: int,
                   entry) -> list:
        """The events here whose days meet ``lo``..``hi`` (ordinals) and that have a word, an
        entity or (for a heading) a cited heading's word in common with the question (a stored
        one decoded by ``entry`` when first met)."""
        if self.later:
            later, self.later = self.later, []
            self._file(later)
        if self.new:
            self._settle()
        out: list = []
        for tier in self.tiers:
            if tier.starts:
                tier.meeting(lo, hi, entry, out)
        long = self.long
        for k, t in enumerate(long):
            if not (t[0] > hi or t[1] < lo):
                x = t[2]
                if type(x) is tuple:
                    x = entry(x)
                    long[k] = (t[0], t[1], x)
                out.append(x)
        return [e for e in out if not words.isdisjoint(e.words) or not entities.isdisjoint(e.entities)
                or heading and any(not words.isdisjoint(w) for w in e.sections)]


def _ordinals(days: list[str]) -> list[int]:
    """``YYYY-MM-DD`` days as date ordinals, ``date.fromisoformat(d).toordinal()``, each distinct
    day read once (a bucket's thousand events fall on a few hundred days)."""
    iso = date.fromisoformat
    seen = dict.fromkeys(days)
    for d in seen:
        seen[d] = iso(d).toordinal()
    return list(map(seen.__getitem__, days))


def _maybe(inter, shared, nwords, nq: int):
    """The rows that share something with a question of ``nq`` words and that a rule may accept
    (``inter``: the words each shares, ``shared``: its entities, ``nwords``: its words): rule
    *one shared word*: a row that shares one word and no entity passes rule 5 never (it needs an
    entity or two words) and rules 2-3 never (an entity), so only rule 1 could take it, with a
    similarity 1 / (nq + nw - 1) of at least min(SIM_WORDING_SAME, SIM_WORDING); a row of more
    than ``1 / min + 2 - nq`` words (nearly every such row: 63% of a 100,000-event store's
    candidates) falls short of it, and is left out before its score is counted."""
    most = 1 / min(dedupe.SIM_WORDING_SAME, dedupe.SIM_WORDING) + 2 - nq
    out = (inter >= 2) | (shared > 0)
    if most >= 0:
        out |= (inter == 1) & (nwords <= most)
    return out


class EventIndex:
    """Stored events bucketed by year, for finding the one a new event retells.

    Only the events that can pass a rule are compared (see :meth:`_Bucket.candidates`):
    each rule needs a shared entity (same facts, same day; rule 5 without two
    shared words), or a shared word (same wording, rule 5; same section,
    against a cited heading).  A stored event is decoded the first time a
    question's days meet its own, so a run over a large store pays for the
    days its documents tell.  Candidates are compared in the order a scan of every
    event would meet them, so the same one wins a tie.
    """

    WIDE = 12  # events spanning more years than this go to one bucket asked always

    def __init__(self, events: list[dict] = (), load=None, exact=None, asker=None, saved=None):
        self.by_year: dict[int, _Bucket] = {}
        # a saved feature file of the stored events (:class:`kb.ingest.features.Saved`), from
        # which a bucket's postings are read rather than made by decoding each stored event
        self._saved = saved
        self.wide = _Bucket()
        # With ``asker`` (:class:`kb.index.lookups.Asker`), the stored events of a year (and the
        # wide ones) are asked of the index when that year is first met, instead of being
        # given to add_stored; each is numbered by its document number, (0, key), the run's
        # own (1, n), so they keep the order of a store read whole.
        self._asker = asker
        self._asked: set = set()
        # For add_stored: document number -> the stored record, read to compare it
        # (``load``) and read exactly when it wins, to be changed (``exact``).
        self._load, self._exact = load, exact or load
        self._made: dict[int, _Entry] = {}  # seq -> entry of a stored event, shared by its buckets
        self._seq = 0
        self._given: list[tuple] = []  # the items add_stored() was given (every stored event)
        self._sections: dict[str, frozenset] = {}  # a heading's words, once per heading
        self._read: dict[str, tuple] = {}  # a new text -> its words, scenes and numbered things
        self.last_match: dict = {}  # the score and rule of the last event found retold
        # rule *asked before*: a question asked again (a document retelling one dated event
        # many times) -> (its answer, score, rule, len(_adds) then); the answer stands while
        # no event added since meets the question's window (every other event is as it was)
        self._told: dict = {}
        self._adds: list[tuple[int, int]] = []  # the days (ordinals) of the events add() took, in order
        for ev in events:
            if ev.get("id") and ev.get("date"):
                self.add(ev)

    def _words(self, section: str) -> frozenset:
        got = self._sections.get(section)
        if got is None:
            got = self._sections[section] = content_words(section)
        return got

    def _year(self, y):
        """The bucket of year ``y``, None if it has no event (the stored ones asked for once,
        ``"wide"`` for the wide bucket)."""
        b = self.wide if y == "wide" else self.by_year.get(y)
        if self._asker is not None and y not in self._asked:
            self._asked.add(y)
            rows = (self._asker.events_longer(self.WIDE) if y == "wide"
                    else self._asker.events_of_year(y, self.WIDE))
            if rows:
                if b is None:
                    b = self.by_year[y] = _Bucket()
                for key, start, end in rows:
                    b.add(start, end, ((0, key), key, start, end))
        return b

    def _buckets(self, first: int, last: int):
        if last - first > self.WIDE:
            return [self._year("wide")]
        return [self._year(y) or self.by_year.setdefault(y, _Bucket()) for y in range(first, last + 1)]

    def add(self, record: dict) -> None:
        """A record held in memory (an event of this run)."""
        e = _Entry(record, self._seq if self._asker is None else (1, self._seq), sections=self._words)
        self._seq += 1
        self._adds.append((e.start.toordinal(), e.end.toordinal()))
        start, end = e.start.isoformat(), e.end.isoformat()
        for b in self._buckets(e.start.year, e.end.year):
            b.add(start, end, e)

    def add_stored(self, key, start: str, end: str) -> None:
        """A stored event from day ``start`` to day ``end`` (``YYYY-MM-DD``), read by
        ``load(key)`` when a question about its days first needs it."""
        item = (self._seq, key, start, end)
        self._given.append(item)
        self._seq += 1
        if start[:4] == end[:4]:  # one year (nearly every event): filed as _Bucket.add files it
            first = int(start[:4])
            b = self.by_year.get(first)
            if b is None:
                b = self.by_year[first] = _Bucket()
            b.new.append((start, end, item))
            b.size += 1
            b.stored += 1
        else:
            first, last = int(start[:4]), int(end[:4])
            for b in self._buckets(first, last):
                b.add(start, end, item)

    def _entry(self, item: tuple) -> _Entry:
        """The entry of a stored event, decoded once (its buckets share it)."""
        e = self._made.get(item[0])
        if e is None:
            e = self._made[item[0]] = _Entry(self._load(item[1]), item[0], item[1], self._words)
        return e

    def stored(self, share: float) -> list | None:
        """``(key, entry)`` of every stored event, when they were all given to this index
        (:meth:`add_stored`), one of its buckets is large enough to be inverted, and at least
        ``share`` of them are decoded (the rest are decoded now); else None (for a feature
        file, :func:`kb.ingest.features.save`)."""
        given, made = self._given, self._made
        if self._asker is not None or self._load is None or not given or max(
                b.size for b in (*self.by_year.values(), self.wide)) < _Bucket.LEAST:
            return None
        if len(made) < share * len(given) or sum(t[0] in made for t in given) < share * len(given):
            return None
        return [(t[1], made.get(t[0]) or self._entry(t)) for t in given]

    def posted(self) -> dict:
        """Bucket name (a year, or ``"wide"``) -> (its postings, how many stored events were
        filed in it), for each bucket whose postings were made of decoded events (not read from
        a feature file) and hold its stored events (and maybe some of the run's): for a feature
        file (:func:`kb.ingest.features.save`), which checks that they hold that many."""
        out = {}
        for name, b in (*self.by_year.items(), ("wide", self.wide)):
            post = b.post
            if post is not None and not b.saved and post.entries and not any(
                    type(x) is tuple for x in chain(post.extra, (t[2] for t in b.new))):
                out[name] = post, b.stored
        return out

    def record(self, e: _Entry) -> dict:
        """The record of an entry, loaded (once) if it is a stored one."""
        if e._record is None:
            e._record = self._exact(e.key)
        return e._record

    def _candidates(self, start: date, end: date, words, entities, heading):
        # In the order a scan of the buckets meets them: by the first year of the
        # question's that holds them, then as added; the wide ones last.
        # Only those whose days meet the question's (choose() compares no other): an event
        # is met first in the bucket of max(its first year, y0), so each bucket's new ones,
        # in the order they were added, follow those of the buckets before.
        y0, near = start.year, []
        ask = (words, entities, heading, start.toordinal(), end.toordinal(), self._entry)
        found: set = set()
        for y in range(y0, min(end.year, y0 + self.WIDE) + 1):
            b = self._year(y)
            if b is not None:
                got = {e.seq: e for e in b.candidates(*ask)
                       if not (e.start > end or e.end < start) and e.seq not in found}
                found.update(got)
                near += sorted(got.values(), key=_SEQ)
        wide = {e.seq: e for e in self._year("wide").candidates(*ask) if not (e.start > end or e.end < start)}
        return near + sorted(wide.values(), key=_SEQ)

    def _inverted(self, lo: date, hi: date, start: date, end: date, precision: str, words: frozenset,
                  entities: set, measures: frozenset):
        """(the candidates a rule may accept, the words' weights over every event near the
        question), from the buckets' postings; None while none of its buckets is inverted.

        The weights are counted as :func:`kb.ingest.dedupe._weights` counts them (the
        events near the question that share a word, each once: in the first of the
        question's buckets that holds it).  Every other part of a candidate's score is
        counted too, so that its score, within rounding (:data:`EPS`), is known before it is
        built: one that no rule can accept (score below the threshold and no rule 1-3) is
        left out.  A dated heading's question (rule 4 reads cited headings) is not asked here."""
        y0 = lo.year
        posts = []
        for y in [*range(y0, min(hi.year, y0 + self.WIDE) + 1), None]:
            b = self._year("wide" if y is None else y)
            if b is not None:  # a bucket's postings in turn (or None: its tiers answer)
                ps = b.postings(self._entry, self._saved, "wide" if y is None else y)
                posts += [(y, b, None)] if ps is None else [(y, b, p) for p in ps]
        if all(p is None for _y, _b, p in posts):
            return None
        import numpy as np

        lo_o, hi_o, qs, qe = lo.toordinal(), hi.toordinal(), start.toordinal(), end.toordinal()
        wl = list(words)
        df, n, state = dict.fromkeys(words, 0), 0, []
        for y, b, p in posts:
            extra = []
            # a bucket not inverted: its events near the question that share something, from
            # its tiers; an inverted one: those added since, one by one
            for e in (b.candidates(words, entities, False, lo_o, hi_o, self._entry) if p is None
                      else p.extra):
                if type(e) is tuple:  # a stored event, added after the bucket was inverted
                    e = self._entry(e)
                if e.start > hi or e.end < lo or (y is not None and max(e.start.year, y0) != y):
                    continue
                both = words & e.words
                if both:
                    n += 1
                    for w in both:
                        df[w] += 1
                if both or not entities.isdisjoint(e.entities):
                    extra.append(e)
            if p is None or not p.entries:
                state.append((p, None, (), None, None, extra))
                continue
            inwin = (p.end >= lo_o) & (p.start <= hi_o)
            # met first here: max(its first year, y0) == y (true of all when the first years
            # allow no other answer: all at most y0 in y0's bucket, all y in a later one)
            if y is not None and not (p.top <= y0 if y == y0 else p.low == p.top == y):
                inwin &= np.maximum(p.first, y0) == y
            flat, spans = p.words
            parts = [(w, ab) for w in wl if (ab := spans.get(w)) is not None]
            cat = inter = None
            if parts:
                cat = np.concatenate([flat[a:b] for _w, (a, b) in parts])
                inter = np.bincount(cat, minlength=len(p.entries))
                # each word's events within the window: the in-window postings summed per word
                lens = [b - a for _w, (a, b) in parts]
                heads = np.cumsum(lens) - lens
                for (w, _ab), k in zip(parts, np.add.reduceat(inwin[cat], heads, dtype=np.intp).tolist()):
                    df[w] += k
                n += int(np.count_nonzero(inwin & (inter > 0)))
                parts = ([w for w, _ab in parts], lens)
            state.append((p, inwin, parts, cat, inter, extra))
        weight = weights_of(words, n, df)
        total = math.fsum(weight.values())
        d, nq, qday, qlen = dedupe, len(words), precision == "day", qe - qs
        plain = [m for m in measures if "=" not in m]
        exact = [m for m in measures if "=" in m]
        out: list = []
        for p, inwin, parts, cat, inter, extra in state:
            got = extra
            size = len(p.entries) if p is not None else 0
            if size:
                shared = _hits(p.ents, entities, size, np)
                if inter is None:
                    inter = np.zeros(size, np.intp)
                ks = np.flatnonzero(inwin & _maybe(inter, shared, p.nwords, nq))
                if len(ks):
                    i, sh, s, e = inter[ks], shared[ks], p.start[ks], p.end[ks]
                    score = d.SHARED * np.minimum(sh, 3)
                    if cat is not None:
                        wv = np.repeat([weight[w] for w in parts[0]], parts[1])
                        score += np.bincount(cat, weights=wv, minlength=size)[ks] / total
                    nt = p.ntitle[ks]
                    score += d.TITLE * np.divide(_hits(p.titles, words, size, np)[ks], nt,
                                                 out=np.zeros(len(ks)), where=nt > 0)
                    same = (s == qs) & (e == qe)
                    overlap = (s <= qe) & (e >= qs)
                    within = overlap & (np.maximum(e - s, qlen) <= d.WITHIN_DAYS) & (
                        (s <= qs) & (qe <= e) | (qs <= s) & (e <= qe))
                    score += np.where(same, d.DATE_SAME, np.where(within, d.DATE_WITHIN, np.where(
                        overlap, d.DATE_OVERLAP, 0.0)))
                    if plain:
                        score += d.FIGURES * np.minimum(_hits(p.meas, plain, size, np)[ks], 2)
                    if exact:
                        score += d.SAME_COUNT * np.minimum(_hits(p.meas, exact, size, np)[ks], 1)
                    nw = p.nwords[ks]
                    sim = np.divide(i, nq + nw - i, out=np.zeros(len(ks)), where=nw > 0) + EPS
                    rules = overlap & ((sim >= np.where(same, d.SIM_WORDING_SAME, d.SIM_WORDING)) | same & (
                        (sh >= 2) & (sim >= d.SIM_FACTS) | qday & p.day[ks] & (sh >= 1) & (sim >= d.SIM_DAY)))
                    keep = rules | (score + EPS >= d.RETELL) & ((sh > 0) | (i >= 2))
                    got = got + [p.entries[k] for k in ks[keep]]
            got.sort(key=_SEQ)
            out += got
        return out, weight

    def retold(self, start: date, end: date, precision: str, entities: set[str],
               text: str, heading: bool = False, source: str = "",
               measures: frozenset = frozenset()) -> dict | None:
        """The stored event this one retells, or None (rules in the module docstring);
        ``measures``: what the new passage's figures count."""
        lo, hi = window(start, end)
        # all choose() reads of the text: its words, the countries it is set in, its numbered things
        # (a text told again, as dense dated text does, read once)
        read = self._read.get(text)
        if read is None:
            if len(self._read) > 50_000:
                self._read.clear()
            read = self._read[text] = (content_words(text), dedupe.scenes(text), dedupe.numbered(text))
        words = read[0]
        question = (start, end, precision, frozenset(entities), *read, heading, source, measures)
        told = self._told.get(question)
        if told is not None and self._unchanged(told[3], lo, hi):
            best, score, rule, _k = told
            self._told[question] = (best, score, rule, len(self._adds))
            self.last_match = {"score": round(score, 3), "rule": rule}
            return None if best is None else self.record(best)
        # stored events decoded, buckets inverted: many small objects and no cycles, which the
        # collector would otherwise walk with the run's every object, over and over
        with paused():
            found = None if heading or not words else self._inverted(
                lo, hi, start, end, precision, words, entities, measures)
            if found is None:
                found = self._candidates(lo, hi, words, entities, heading), None
            best, score, rule = choose(found[0], start, end, precision, entities, text, heading, source,
                                       measures, words, found[1], read[1], read[2])
        self._told[question] = (best, score, rule, len(self._adds))
        self.last_match = {"score": round(score, 3), "rule": rule}
        return None if best is None else self.record(best)

    def _unchanged(self, k: int, lo: date, hi: date) -> bool:
        """Whether no event added since the ``k``-th meets the days ``lo``..``hi``: a question
        whose window they do not meet has the answer it had (choose() compares, and weighs
        words over, only the events meeting the window; stored events are read, never changed)."""
        lo_o, hi_o = lo.toordinal(), hi.toordinal()
        adds = self._adds
        return not any(s <= hi_o and e >= lo_o for s, e in islice(adds, k, None)) if k < len(adds) else True
