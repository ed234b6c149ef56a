"""A bucket's events inverted for the retold-event search: :class:`Postings`, built by
:func:`word_postings` from its events' texts at once.

:class:`kb.ingest.eventindex.EventIndex` asks, for a new event, every stored event near
its dates at once through these postings (its words, title words, entities and
measures -> the events).  On a large store, reading each stored event whole
(:class:`kb.ingest.dedupe._Entry`, with :func:`kb.ingest.dedupe.content_words` of its
title and summary) was most of what a run paid for the store: here the texts of a
bucket's events are folded and split in one pass (one translation, one split, one
lookup of each word), their (word, event) pairs counted with numpy, and a stored
event becomes an entry only when a question keeps it as a candidate.  The postings
are those :func:`_csr` makes of the events' word sets (each word's events in
increasing order); a text that is not ASCII, or holds the separator, is read by
``content_words`` itself.
"""

from __future__ import annotations

from datetime import date
from itertools import chain, count

from . import dedupe

_SEP = b"\x01"  # parts the texts in the joined run (no text's word: read by content_words)
_FOLD = bytes(1 if c == 1 else f for c, f in enumerate(dedupe._FOLD))
# a folded word (bytes) -> the code of the word content_words keeps (0: none; 1: the separator);
# a code -> that word; a code -> the code of its kind of event (rule *kinds of event*) or -1
_CODE: dict[bytes, int] = {}
_NUMBER: dict[str, int] = {}
_WORDS: list[str] = []
_KIND_OF: list[int] = []


def _reset() -> None:
    _CODE.clear(), _NUMBER.clear(), _WORDS.clear(), _KIND_OF.clear()
    _NUMBER.update({"": 0, "\x01": 1})
    _WORDS.extend(["", "\x01"])
    _KIND_OF.extend([-1, -1])
    _CODE[_SEP] = 1


_reset()


def _number(word: str) -> int:
    """The code of a word (a stem, or a kind's own word)."""
    got = _NUMBER.get(word)
    if got is None:
        kind = _number(dedupe._KIND[word]) if word in dedupe._KIND else -1
        got = _NUMBER[word] = len(_WORDS)
        _WORDS.append(word)
        _KIND_OF.append(kind)
    return got


def _codes(tokens: list) -> list:
    """Each folded word's code (that of the stem :func:`kb.ingest.dedupe.content_words` keeps)."""
    got = list(map(_CODE.get, tokens))
    if None in got:
        for w in set(tokens).difference(_CODE):
            stem = dedupe._FINAL.get(w)
            _CODE[w] = _number(dedupe._final(w.decode()) if stem is None else stem)
        got = list(map(_CODE.get, tokens))
    return got


def _postings(ev, code, n: int, np) -> tuple:
    """Postings ``word -> events`` (as :func:`_csr` gives them) of the distinct (event, word
    code) pairs among ``ev``, ``code``; and each event's count of words."""
    if not len(ev):
        return (np.zeros(0, np.intp), {}), np.zeros(n, np.float64)
    keys = np.unique(code * n + ev)  # by word, then by event: each word's events in order
    flat = (keys % n).astype(np.intp)
    codes = keys // n
    starts = np.flatnonzero(np.diff(codes, prepend=-1))
    ends = np.append(starts[1:], len(keys))
    spans = dict(zip(map(_WORDS.__getitem__, codes[starts].tolist()), zip(starts.tolist(), ends.tolist())))
    return (flat, spans), np.bincount(flat, minlength=n).astype(np.float64)


def word_postings(texts: list, np) -> tuple:
    """(postings of the events' words, postings of their title words, each event's count of
    words, of title words) for ``texts``: each event's (title, summary), strings."""
    if len(_CODE) > 200_000:
        _reset()
    n = len(texts)
    fast = [k for k, (t, s) in enumerate(texts) if t.isascii() and s.isascii() and "\x01" not in t
            and "\x01" not in s]
    evs, codes, titled = [], [], []
    if fast:
        joined = "\x01".join(chain.from_iterable(texts[k] for k in fast)).encode()
        # the words of each text, a separator after each: title, summary, title...
        got = np.array(_codes(joined.translate(_FOLD, b"'`-").replace(_SEP, b" \x01 ").split()), np.int64)
        part = np.cumsum(got == 1)
        keep = got > 1
        part = part[keep]
        evs.append(np.asarray(fast, np.int64)[part // 2])
        codes.append(got[keep])
        titled.append(part % 2 == 0)
    for k in sorted(set(range(n)).difference(fast)) if len(fast) < n else ():
        title, summary = texts[k]
        tw = dedupe.content_words(title)
        rest = (tw | dedupe.content_words(summary)) - tw if summary else ()
        for words, is_title in ((tw, True), (rest, False)):
            if words:
                evs.append(np.full(len(words), k, np.int64))
                codes.append(np.fromiter(map(_number, words), np.int64, len(words)))
                titled.append(np.full(len(words), is_title))
    if not evs:
        empty = (np.zeros(0, np.intp), {})
        return empty, empty, np.zeros(n, np.float64), np.zeros(n, np.float64)
    ev, code, in_title = np.concatenate(evs), np.concatenate(codes), np.concatenate(titled)
    # rule *kinds of event*: a word of a kind adds the kind's own word (to the title's words too)
    kind = np.array(_KIND_OF, np.int64)[code]
    has = kind >= 0
    if has.any():
        ev, code = np.concatenate([ev, ev[has]]), np.concatenate([code, kind[has]])
        in_title = np.concatenate([in_title, in_title[has]])
    words, nwords = _postings(ev, code, n, np)
    titles, ntitle = _postings(ev[in_title], code[in_title], n, np)
    return words, titles, nwords, ntitle


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
        return np.zeros(0, np.intp), {}
    first: dict = {}
    # each key -> the position it was first met at: numbers increasing in order of first meeting
    codes = np.fromiter(map(first.setdefault, chain.from_iterable(sets), count()), np.intp, total)
    order = np.argsort(codes, kind="stable")
    flat = np.repeat(np.arange(n, dtype=np.intp), sizes)[order]
    counts = np.bincount(codes, minlength=total)[np.fromiter(first.values(), np.intp, len(first))]
    ends = np.cumsum(counts)
    spans = dict(zip(first, zip((ends - counts).tolist(), ends.tolist())))
    return flat, spans


def _seq(x) -> object:
    return x[0] if type(x) is tuple else x.seq


def _texts(title, summary) -> tuple[str, str]:
    """The title and summary as :class:`kb.ingest.dedupe._Entry` reads their words."""
    if type(title) is not str or type(summary) is not str:
        return f"{title}", f"{summary}"
    return title, summary


class Postings:
    """A bucket's events inverted (their words, title words, entities and measures -> the
    events), with their days as numbers, so that a question weighs and bounds every event
    near it at once (:meth:`kb.ingest.eventindex.EventIndex._inverted`); ``extra``: the
    events added since.  ``entries``: each an entry (:class:`kb.ingest.dedupe._Entry`) or
    a stored event not read whole yet, ``(seq, key, start, end)``, read by ``load(key)``
    here and made an entry by :meth:`entry` when a question keeps it."""

    __slots__ = ("entries", "extra", "start", "end", "first", "low", "top", "day", "nwords", "ntitle",
                 "words", "titles", "ents", "meas")

    def __init__(self, items: list, load):
        items.sort(key=_seq)
        self.entries, self.extra, n = items, [], len(items)
        if not n:
            return
        import numpy as np

        starts, ends, day, texts, ents, meas = [], [], [], [], [], []
        iso, measures_of = date.fromisoformat, dedupe.measures_of
        for x in items:
            if type(x) is tuple:
                rec = load(x[1])
                d = rec["date"]
                starts.append(iso(d["start"]))
                ends.append(iso(d["end"]))
                day.append(d.get("precision", "") == "day")
                texts.append(_texts(rec.get("title", ""), rec.get("summary", "")))
                ents.append(set(rec.get("entities", [])).union(rec.get("places", [])))
                meas.append(measures_of(rec.get("claims") or ()))
            else:
                starts.append(x.start)
                ends.append(x.end)
                day.append(x.precision == "day")
                texts.append(_texts(*x._text[:2]))
                ents.append(x.entities)
                meas.append(x.measures)
        self.start = np.fromiter(map(date.toordinal, starts), np.int64, n)
        self.end = np.fromiter(map(date.toordinal, ends), np.int64, n)
        self.first = np.fromiter((s.year for s in starts), np.int64, n)
        self.low, self.top = int(self.first.min()), int(self.first.max())
        self.day = np.fromiter(day, bool, n)
        self.words, self.titles, self.nwords, self.ntitle = word_postings(texts, np)
        self.ents, self.meas = _csr(ents, n, np), _csr(meas, n, np)

    def entry(self, k: int, make):
        """Event ``k`` as an entry (a stored one made by ``make`` and kept)."""
        x = self.entries[k]
        if type(x) is tuple:
            x = self.entries[k] = make(x)
        return x
