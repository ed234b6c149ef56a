"""No duplicates: the same document, and events that another document retells.

Contracts:

**Same document.**  A document whose text has the SHA-256 of a source already
in the store (or met earlier in the same run) is not ingested again: the run
reports it as *unchanged* and writes nothing for it, so ingesting a file twice
leaves the store byte for byte as it was.  The hash is over the text as kept
(see :mod:`kb.ingest.reader`), so an HTML file and the same HTML with other
markup but the same visible text count as the same document.

**Retold events.**  A new extracted event *retells* a stored event (from
an earlier run, from the shipped knowledge base, or from an earlier document
of this run) when one of these holds (rules 1-4 need overlapping bounds), the
candidate with the best rule-5 score winning:

1. *same wording*: the content words of the two texts (folded words of four
   letters or more, minus stopwords) have a Jaccard similarity of at least
   0.5 (0.6 if the bounds are not identical);
2. *same facts*: identical bounds, at least two shared entities and a word
   similarity of at least 0.15 (a paraphrase such as a curated summary);
3. *same day*: identical bounds at day precision, at least one shared
   entity and a word similarity of at least 0.2;
4. *same section*: the new event is a dated heading ("1986: The Group Moves
   to Iraq"), the stored event lies within the heading's bounds, and the
   stored event was told under a heading of the same wording (similarity at
   least 0.5): a page retelling another keeps its section titles;
5. *retelling* (scored), for a stored event cited by another source: a score
   of at least :data:`RETELL`, the sum of ``cover`` (the share of the new
   passage's content words found in the stored title and summary, each word
   weighed by how few of the stored events near its dates use it:
   :func:`_weights`), ``TITLE``
   times the share of the stored title's words found in the passage,
   ``SHARED`` per shared entity (three at most), ``FIGURES`` per kind of
   figure both count (two at most: both give a number of cities) and a date
   term: ``DATE_SAME``
   for the same bounds, ``DATE_WITHIN`` for bounds one within the other (both
   a year long at most: "In June 1981" and 20 June 1981), ``DATE_OVERLAP`` for
   other overlapping bounds, nothing for bounds that only come within
   :data:`NEAR_DAYS` days of each other ("starting on 19 July 1988" and a
   stored 28 July-31 August 1988).  Two texts that name numbered things
   ("pier 3", "Resolution 598") and share none are not one event by this rule,
   nor are two that share one content word and no entity.  The weights and the threshold were chosen on the reconciliation corpus
   (``tests/data/reconcile``, ``tests/benchmark/reconcile.py``): among 52
   retellings and 14 passages that retell nothing, content words found carry
   most of the evidence (a new page names the group "the organisation" as often
   as by name, so a shared entity is a weak sign), and the date mostly decides
   between neighbours.

The winner's score and rule are kept in ``last_match`` (``kb ingest --dry-run``
shows them).  A retelling adds a citation ``{source, section}`` to the stored event (if that
source is not cited yet) instead of creating a new event; for an extracted
stored event, the entities the new text names are added too.
"""

from __future__ import annotations

import math
import re
import sys
from datetime import date, timedelta

from .. import names as namekeys
from ..names.normalize import _JOINERS

_STOP = frozenset(
    "that this with from have were which their there they them then than when what were will "
    "would could should been being into onto over under after before since until about also "
    "more most some such only other these those while where whom whose just like said says "
    "page source describes reports according".split())
_WORDS = re.compile(r"[a-z0-9]{4,}")


def content_words(text: str) -> frozenset[str]:
    """The folded words of four letters or more of ``text``, stopwords aside.

    The words of :func:`kb.names.fold`'s text, found without building it: any
    character fold() makes a space separates words here too, and ASCII text
    has no accents to strip."""
    if text.isascii():  # the ASCII joiners: the apostrophe, the backquote, the hyphen
        low = text.lower().replace("'", "").replace("`", "").replace("-", "")
    else:
        low = _JOINERS.sub("", namekeys.strip_accents(text).lower())
    return frozenset(map(sys.intern, _WORDS.findall(low))).difference(_STOP)


_MONTHS = ("january february march april may june july august september october november december "
           "jan feb mar apr jun jul aug sep sept oct nov dec")
_NUMBERED = re.compile(r"\b([A-Za-z]{2,})\s+(\d{1,4})\b(?![,.]?\d|\s*(?:st|nd|rd|th|%)\b)")
_NOT_NOUN = frozenset((_MONTHS + " in on of to at by than about some over under nearly around from and or "
                       "the since until for with was were are is had has have more less least most just "
                       "another killing leaving reached reaching spread").split())


def numbered(text: str) -> frozenset[str]:
    """The numbered things a text names: a word and the number after it ("pier 3",
    "Resolution 598", "Flight 752"), months, prepositions and quantity words aside."""
    return frozenset(f"{w.lower()} {n}" for w, n in _NUMBERED.findall(text) if w.lower() not in _NOT_NOUN)


def measures_of(claims) -> frozenset[str]:
    """What an event's figure claims count (:func:`kb.ingest.reconcile.canonical`), dates aside."""
    if not claims:
        return frozenset()
    from .reconcile import canonical

    return frozenset(canonical(c.get("measure", "")) for c in claims
                     if isinstance(c, dict) and c.get("measure") not in (None, "", "date"))


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


class _Entry:
    __slots__ = ("_record", "key", "seq", "start", "end", "precision", "entities", "words", "sections",
                 "numbered", "sources", "title", "measures")

    def __init__(self, record: dict, seq: int, key=None, sections=None):
        d = record["date"]
        self._record = record if key is None else None  # a stored record is loaded again when it wins
        self.key, self.seq = key, seq
        self.start = date.fromisoformat(d["start"])
        self.end = date.fromisoformat(d["end"])
        self.precision = d.get("precision", "")
        self.entities = set(record.get("entities", [])) | set(record.get("places", []))
        self.words = content_words(f"{record.get('title', '')} {record.get('summary', '')}")
        self.numbered = numbered(f"{record.get('title', '')} {record.get('summary', '')}")
        self.sources = {c.get("source") for c in record.get("citations", [])}
        self.title = content_words(record.get("title", ""))
        self.measures = measures_of(record.get("claims") or ())
        words = sections or content_words
        self.sections = [words(c["section"]) for c in record.get("citations", []) if c.get("section")]


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
        self.sections: dict = {}
        self.entities: dict = {}
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
        self.words = {}
        for e in pending:
            self.put(e)

    def put(self, e: _Entry) -> None:
        sections, first = self.sections, self._first
        for keys, postings in ((e.words, self.words), (e.entities, self.entities)):
            for k in keys:
                got = postings.get(k)
                if got is None:
                    postings[k] = [e]
                else:
                    got.append(e)
        heads = self._heads
        for w in e.sections:
            if w and w not in heads:
                heads[w] = frozenset(first(w))
        for k in frozenset().union(*[heads[w] for w in e.sections if w]) if e.sections else ():
            got = sections.get(k)
            if got is None:
                sections[k] = [e]
            else:
                got.append(e)

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

    def __init__(self, events: list[dict] = (), load=None, exact=None):
        self.by_year: dict[int, _Bucket] = {}
        self.wide = _Bucket()
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

    def _buckets(self, first: int, last: int):
        if last - first > self.WIDE:
            return [self.wide]
        return [self.by_year.setdefault(y, _Bucket()) for y in range(first, last + 1)]

    def add(self, record: dict) -> None:
        """A record held in memory (an event of this run)."""
        e = _Entry(record, self._seq, sections=self._words)
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
        y0, found = start.year, {}
        ask = (words, entities, heading, start.isoformat(), end.isoformat(), self._entry)
        for y in range(y0, min(end.year, y0 + self.WIDE) + 1):
            b = self.by_year.get(y)
            if b is not None:
                for e in b.candidates(*ask):
                    found[e.seq] = e
        near = sorted(found.values(), key=lambda e: (max(e.start.year, y0), e.seq))
        wide = {e.seq: e for e in self.wide.candidates(*ask) if e.seq not in found}
        return near + sorted(wide.values(), key=lambda e: e.seq)

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


def window(start: date, end: date) -> tuple[date, date]:
    """The days a stored event must meet to be a candidate: the bounds, NEAR_DAYS either side."""
    return start - timedelta(days=NEAR_DAYS), end + timedelta(days=NEAR_DAYS)


def choose(candidates, start: date, end: date, precision: str, entities: set[str], text: str,
           heading: bool = False, source: str = "",
           measures: frozenset = frozenset(), words: frozenset | None = None) -> tuple[_Entry | None, float, str]:
    """The candidate (an :class:`_Entry`) a new event retells, its score and the rule that
    accepted it, by the rules of the module docstring; candidates are met in order, the
    first of equal scores winning.  ``words``: the text's :func:`content_words`, if known.

    A candidate no rule can accept is passed over before it is scored (its score
    would not count), and the words' weights are computed only when a first
    candidate is scored: many candidates of one document ("a document does not
    retell itself") cost a few set operations each."""
    if words is None:
        words = content_words(text)
    mine = numbered(text)
    best, best_score, best_rule = None, 0.0, ""
    lo, hi = window(start, end)
    near = [e for e in candidates if not (e.start > hi or e.end < lo)]
    weight = None
    for e in near:
        overlap = not (e.start > end or e.end < start)
        same = e.start == start and e.end == end
        shared = len(entities & e.entities)
        rule = ""
        if overlap:
            sim = jaccard(words, e.words)
            if sim >= (0.5 if same else 0.6):
                rule = "same wording"
            elif same and shared >= 2 and sim >= 0.15:
                rule = "same facts"
            elif same and precision == "day" and e.precision == "day" and shared >= 1 and sim >= 0.2:
                rule = "same day"
            elif heading and start <= e.start and e.end <= end and any(
                    jaccard(words, w) >= 0.5 for w in e.sections):
                rule = "same section"
        if not rule:
            if source and source in e.sources:
                continue        # a document does not retell itself
            if not shared and len(words & e.words) < 2:
                continue        # one content word and no entity in common
            if mine and e.numbered and not mine & e.numbered:
                continue        # "pier 3" is not "pier 4"
        if weight is None:
            weight = _weights(words, near)
        score = score_of(words, e, shared, same, overlap, start, end, weight) + FIGURES * min(
            len(measures & e.measures), 2)
        if not rule and score >= RETELL:
            rule = "retelling" if overlap else "retelling, nearby date"
        if rule and score > best_score:
            best, best_score, best_rule = e, score, rule
    return best, best_score, best_rule


def _weights(words: frozenset, near: list) -> dict[str, float]:
    """How much each word of the new text says that two texts tell one event: words that
    many of the stored events near its dates use say little.  Among the ``N`` events near
    it that share a word with it, a word used by ``df`` of them weighs ``log(1 + N / df)``
    (one the others never use, ``log(1 + 2N)``)."""
    sharers = [e.words for e in near if not words.isdisjoint(e.words)]
    n = len(sharers)
    if n == 0:
        return dict.fromkeys(words, 1.0)
    df = dict.fromkeys(words, 0)
    for ws in sharers:
        for w in words & ws:
            df[w] += 1
    return {w: math.log(1 + n / (k if k else 0.5)) for w, k in df.items()}


def cover_of(words: frozenset, e: _Entry, weight: dict[str, float] | None = None) -> float:
    """The (weighed) share of the new text's words found in a stored event's text."""
    if not words:
        return 0.0
    if weight:
        return sum(weight[w] for w in words & e.words) / sum(weight.values())
    return len(words & e.words) / len(words)


def score_of(words: frozenset, e: _Entry, shared: int, same: bool, overlap: bool,
             start: date, end: date, weight: dict[str, float] | None = None) -> float:
    """Rule 5's score (module docstring)."""
    if not words:
        return 0.0
    cover = cover_of(words, e, weight)
    title = len(words & e.title) / len(e.title) if e.title else 0.0
    if same:
        when = DATE_SAME
    elif overlap and max((e.end - e.start).days, (end - start).days) <= 366 and (
            e.start <= start and end <= e.end or start <= e.start and e.end <= end):
        when = DATE_WITHIN
    else:
        when = DATE_OVERLAP if overlap else 0.0
    return cover + TITLE * title + SHARED * min(shared, 3) + when


#: rule 5 (module docstring): the weights of the title's words found, of a shared entity
#: (three at most), of a measure both count (two at most), of the same bounds, of bounds one within the other (both a year long
#: at most), of bounds that overlap; the score to reach; how far apart the days may be
TITLE = 0.5
SHARED = 0.05
FIGURES = 0.1

DATE_SAME = 0.15
DATE_WITHIN = 0.1
DATE_OVERLAP = 0.05
RETELL = 0.4
NEAR_DAYS = 31


def cite(record: dict, source: str, section: str, page: str | None = None) -> bool:
    """Add a citation of ``source`` (at ``page`` of a paged source) to an event record;
    False if it was cited already."""
    cites = record.setdefault("citations", [])
    if any(c.get("source") == source for c in cites):
        return False
    cites.append({"source": source, "section": section, **({"page": page} if page else {})})
    return True


def source_id(file: str, sha256: str, taken: set[str]) -> str:
    """A stable id for a new source: the file's stem as a slug, made unique by the hash."""
    stem = file.rsplit(".", 1)[0] if "." in file.strip(".") else file
    base = namekeys.slugify(stem) if stem not in ("<stdin>", "") else "stdin"
    if base not in taken:
        return base
    for n in (8, 12, 16, 64):
        candidate = f"{base}-{sha256[:n]}"
        if candidate not in taken:
            return candidate
    raise ValueError("no free source id")  # pragma: no cover
