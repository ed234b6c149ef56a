"""Stored events by year, for finding the one a new event retells: :class:`EventIndex`.

The rules that decide whether two events are one are :mod:`kb.ingest.dedupe`'s
(:func:`kb.ingest.dedupe.choose`); this module finds the candidates they are
asked about without comparing a new event with every stored one, and loads a
stored event only when a question about its years first needs it.  Given the
index (an :class:`kb.index.lookups.Asker`), it asks for a year's stored events
when that year is first met instead of being given every stored event.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from operator import attrgetter

from .dedupe import _Entry, choose, content_words, window

_SEQ = attrgetter("seq")


class _Bucket:
    """The events of one year (or the wide ones), scanned whole until asked often; then
    with postings that find its candidates.

    Rules 2 and 3 need a shared entity: postings by entity.  Rules 1 and 5
    need a shared word: postings by every word of an event's title and
    summary.  Rule 4 needs a Jaccard similarity of 0.5 between the new text's
    words ``A`` and a cited heading's ``B``, so they share at least
    ``ceil(|A|/2)`` and ``ceil(|B|/2)`` words.  Put the words in one fixed
    order (rarest in the bucket first): the first word they share is then among
    the first ``|A| // 2 + 1`` of ``A`` and the first ``|B| // 2 + 1`` of ``B``,
    so each event is posted under those words of its headings, and a new
    heading looks up those words of its own (prefix filtering).
    """

    __slots__ = ("pending", "asked", "rank", "words", "sections", "entities", "_heads")
    SCAN = 3  # asked this often, a bucket gets its postings (a scan costs about a third)

    def __init__(self):
        self.pending: list = []  # entries as added; a stored one (seq, key, start, end) until decoded
        self.asked = 0
        self.rank: dict[str, int] = {}  # the fixed order of words: rarest first
        self.words: dict | None = None
        self.sections: dict = defaultdict(list)
        self.entities: dict = defaultdict(list)
        self._heads: dict[frozenset, frozenset] = {}  # a cited heading's first words, once

    def _first(self, words: frozenset) -> list:
        """The first ``len // 2 + 1`` of ``words`` in the bucket's order (a new word, rarer
        than any, gets its place when first met)."""
        rank = self.rank
        if not rank.keys() >= words:
            for w in words:
                if w not in rank:
                    rank[w] = -len(rank) - 1
        return sorted(words, key=rank.__getitem__)[:len(words) // 2 + 1]

    def _build(self) -> None:
        from collections import Counter
        from itertools import chain
        from operator import itemgetter

        pending = self.pending
        seen = Counter(chain.from_iterable(e.words for e in pending))
        seen.update(chain.from_iterable(w for e in pending for w in e.sections))
        self.rank = {w: i for i, (w, _n) in enumerate(sorted(seen.items(), key=itemgetter(1, 0)))}
        self.words = defaultdict(list)
        for e in pending:
            self.put(e)

    def put(self, e: _Entry) -> None:
        words, entities = self.words, self.entities
        for k in e.words:
            words[k].append(e)
        for k in e.entities:
            entities[k].append(e)
        if not e.sections:
            return
        heads = self._heads
        for w in e.sections:
            if w and w not in heads:
                heads[w] = frozenset(self._first(w))
        # one cited heading (most events): its first words; several: each word once
        keys = heads[e.sections[0]] if len(e.sections) == 1 and e.sections[0] else \
            frozenset().union(*[heads[w] for w in e.sections if w])
        sections = self.sections
        for k in keys:
            sections[k].append(e)

    def candidates(self, words: frozenset, entities: set, heading: bool, lo: str, hi: str,
                   entry) -> list:
        """A superset of the events here that :meth:`EventIndex.retold` may accept, for a
        question from day ``lo`` to day ``hi``: while scanned, every event whose days meet
        those (a stored one decoded by ``entry`` only then); later, from the postings."""
        if self.words is None:
            self.asked += 1
            if self.asked < self.SCAN:
                return [entry(x) if type(x) is tuple else x for x in self.pending
                        if type(x) is not tuple or not (x[2] > hi or x[3] < lo)]
            self.pending = [entry(x) if type(x) is tuple else x for x in self.pending]
            self._build()
        out = []
        for w in words:
            out += self.words.get(w, ())
        if heading and words:
            for w in self._first(words):
                out += self.sections.get(w, ())
        for x in entities:
            out += self.entities.get(x, ())
        return out


class EventIndex:
    """Stored events bucketed by year, for finding the one a new event retells.

    Only the events that can pass a rule are compared (see :meth:`_Bucket.candidates`):
    each rule needs a shared entity (same facts, same day), or half of the new
    text's words (same wording; same section, against a cited heading).  A
    year's events are decoded and put in postings the first time a new event
    falls in that year, so a run over a large store pays for the years its
    documents tell.  Candidates are compared in the order a scan of every
    event would meet them, so the same one wins a tie.
    """

    WIDE = 12  # events spanning more years than this go to one bucket asked always

    def __init__(self, events: list[dict] = (), load=None, exact=None, asker=None):
        self.by_year: dict[int, _Bucket] = {}
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
        self._sections: dict[str, frozenset] = {}  # a heading's words, once per heading
        self.last_match: dict = {}  # the score and rule of the last event found retold
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
                b.pending[:0] = [((0, key), key, start, end) for key, start, end in rows]
        return b

    def _buckets(self, first: int, last: int):
        if last - first > self.WIDE:
            return [self._year("wide")]
        return [self._year(y) or self.by_year.setdefault(y, _Bucket()) for y in range(first, last + 1)]

    def add(self, record: dict) -> None:
        """A record held in memory (an event of this run)."""
        e = _Entry(record, self._seq if self._asker is None else (1, self._seq), sections=self._words)
        self._seq += 1
        for b in self._buckets(e.start.year, e.end.year):
            b.pending.append(e)
            if b.words is not None:
                b.put(e)

    def add_stored(self, key, start: str, end: str) -> None:
        """A stored event from day ``start`` to day ``end`` (``YYYY-MM-DD``), read by
        ``load(key)`` when a question about its days first needs it."""
        item = (self._seq, key, start, end)
        first, last = int(start[:4]), int(end[:4])
        self._seq += 1
        if first == last:
            b = self.by_year.get(first)
            if b is None:
                b = self.by_year[first] = _Bucket()
            b.pending.append(item)
        else:
            for b in self._buckets(first, last):
                b.pending.append(item)

    def _entry(self, item: tuple) -> _Entry:
        """The entry of a stored event, decoded once (its buckets share it)."""
        e = self._made.get(item[0])
        if e is None:
            e = self._made[item[0]] = _Entry(self._load(item[1]), item[0], item[1], self._words)
        return e

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
        ask = (words, entities, heading, start.isoformat(), end.isoformat(), self._entry)
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

    def retold(self, start: date, end: date, precision: str, entities: set[str],
               text: str, heading: bool = False, source: str = "",
               measures: frozenset = frozenset()) -> dict | None:
        """The stored event this one retells, or None (rules in the module docstring);
        ``measures``: what the new passage's figures count."""
        lo, hi = window(start, end)
        words = content_words(text)
        best, score, rule = choose(self._candidates(lo, hi, words, entities, heading), start, end,
                                   precision, entities, text, heading, source, measures, words)
        self.last_match = {"score": round(score, 3), "rule": rule}
        return None if best is None else self.record(best)
