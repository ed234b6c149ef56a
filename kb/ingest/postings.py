"""A bucket's events inverted for the retelling search: :class:`_Postings`, made from decoded
events (:func:`_csr`) or from a saved feature file's arrays (:meth:`_Postings.saved`,
:mod:`kb.ingest.features`), whose stored events are then decoded only when a question keeps one.
"""

from __future__ import annotations

from datetime import date
from itertools import chain, count
from operator import attrgetter

_SEQ = attrgetter("seq")
_START, _END, _YEAR, _PRECISION = attrgetter("start"), attrgetter("end"), attrgetter("year"), attrgetter("precision")
_WORDS, _TITLE, _ENTITIES, _MEASURES = (attrgetter("words"), attrgetter("title"), attrgetter("entities"),
                                        attrgetter("measures"))
KINDS = ("words", "titles", "ents", "meas")  # the postings a bucket holds, as _Postings names them


def _hits(csr: tuple, keys, size: int, np):
    """How many of ``keys`` each event holds, from postings made by :func:`_csr`."""
    flat, spans = csr
    parts = [flat[ab[0]:ab[1]] for k in keys if (ab := spans.get(k)) is not None]
    if not parts:
        return np.zeros(size, np.intp)
    return np.bincount(np.concatenate(parts), minlength=size)


def _csr(sets: list, n: int, np) -> tuple:
    """Postings ``key -> [index...]`` of ``sets`` (event ``k`` holds the keys ``sets[k]``) as one
    array and ``key -> (from, to)`` into it; each key's events in order.

    Built without a Python step per posting: the keys are numbered in the order first met
    (``dict.setdefault`` over one flat run of them), the events sorted by that number,
    stably, so each key's span holds its events in increasing order, as appending them
    one by one would."""
    sizes = np.fromiter(map(len, sets), np.intp, n)
    total = int(sizes.sum())
    if not total:
        return np.zeros(0, np.intp), _Spans({}, np.zeros(0, np.intp))
    first: dict = {}
    # each key -> the position it was first met at: numbers increasing in order of first meeting
    codes = np.fromiter(map(first.setdefault, chain.from_iterable(sets), count()), np.intp, total)
    order = np.argsort(codes, kind="stable")
    flat = np.repeat(np.arange(n, dtype=np.intp), sizes)[order]
    # a key's number is where it was first met: the counts summed up to it end its span (the
    # numbers between two keys' count nothing), so no pair is made per key
    return flat, _Spans(first, np.cumsum(np.bincount(codes)))


class _Spans:
    """``key -> (from, to)`` of :func:`_csr`'s postings, read from the keys' numbers (where each
    was first met) and the running count of postings at each number (an array), so that no pair
    is made for a key no question asks."""

    __slots__ = ("first", "ends")

    def __init__(self, first: dict, ends):
        self.first, self.ends = first, ends

    def get(self, key, default=None):
        k = self.first.get(key)
        if k is None:
            return default
        return (self.ends[k - 1] if k else 0), self.ends[k]

    def __contains__(self, key) -> bool:
        return key in self.first

    def __getitem__(self, key):
        k = self.first[key]
        return (self.ends[k - 1] if k else 0), self.ends[k]

    def __len__(self) -> int:
        return len(self.first)

    def __iter__(self):
        return iter(self.first)

    def items(self):
        return ((key, self[key]) for key in self.first)

    def values(self):
        return (self[key] for key in self.first)


class _Postings:
    """A bucket's decoded events inverted (their words, title words, entities and measures ->
    the events), with their days as numbers, so that a question weighs and bounds every
    event near it at once (:meth:`EventIndex._inverted`); ``extra``: the events added since."""

    __slots__ = ("entries", "extra", "start", "end", "first", "low", "top", "day", "nwords", "ntitle",
                 "words", "titles", "ents", "meas")

    def __init__(self, entries: list):
        entries.sort(key=_SEQ)
        self.entries, self.extra, n = entries, [], len(entries)
        if not n:
            return
        import numpy as np

        starts, ends = list(map(_START, entries)), list(map(_END, entries))
        self.start = np.fromiter(map(date.toordinal, starts), np.int64, n)
        self.end = np.fromiter(map(date.toordinal, ends), np.int64, n)
        self.first = np.fromiter(map(_YEAR, starts), np.int64, n)
        self.low, self.top = int(self.first.min()), int(self.first.max())
        self.day = np.fromiter(map("day".__eq__, map(_PRECISION, entries)), bool, n)
        words, titles = list(map(_WORDS, entries)), list(map(_TITLE, entries))
        self.nwords = np.fromiter(map(len, words), np.float64, n)
        self.ntitle = np.fromiter(map(len, titles), np.float64, n)
        self.words, self.titles = _csr(words, n, np), _csr(titles, n, np)
        self.ents, self.meas = _csr(list(map(_ENTITIES, entries)), n, np), _csr(list(map(_MEASURES, entries)), n, np)



    @classmethod
    def saved(cls, entries, start, end, day, kinds: dict) -> "_Postings":
        """The postings of a bucket read from a saved feature file (:mod:`kb.ingest.features`):
        ``entries`` its events (a :class:`_Rows`: each decoded when a question keeps it), their
        days as ordinals (int64), whether of day precision, and, per kind of :data:`KINDS`,
        ``(events, keys, ends)``: each key's events (row numbers) in the order of the keys, as
        one array, the keys, and where each key's events end in it.  Each of an event's words
        and title words is posted once, so their counts are the postings' per row."""
        import numpy as np

        p = cls.__new__(cls)
        p.entries, p.extra, n = entries, [], len(entries)
        p.start, p.end, p.day = start, end, day
        # the first years, from the ordinals (datetime64 counts days from 1970-01-01, ordinal 719163)
        p.first = (start - 719163).astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
        p.low, p.top = int(p.first.min()), int(p.first.max())
        for kind, (flat, keys, ends) in kinds.items():
            setattr(p, kind, (flat, _Spans(dict(zip(keys, range(len(keys)))), ends)))
        p.nwords = np.bincount(p.words[0], minlength=n).astype(np.float64)
        p.ntitle = np.bincount(p.titles[0], minlength=n).astype(np.float64)
        return p


class _Rows:
    """A saved bucket's stored events, in the order of its rows, as ``(seq, key)``: each decoded by
    ``entry`` (:meth:`kb.ingest.eventindex.EventIndex._entry`, once a run) when first asked for."""

    __slots__ = ("items", "entry")

    def __init__(self, items: list, entry):
        self.items, self.entry = items, entry

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, k):
        return self.entry(self.items[k])
