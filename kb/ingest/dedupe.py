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
   figure both count (two at most: both give a number of cities), ``SAME_COUNT`` when
   both give the same exact count of ten or more of a measure (176 killed) and a date
   term: ``DATE_SAME``
   for the same bounds, ``DATE_WITHIN`` for bounds one within the other (both
   a year long at most: "In June 1981" and 20 June 1981), ``DATE_OVERLAP`` for
   other overlapping bounds, nothing for bounds that only come within
   :data:`NEAR_DAYS` days of each other ("starting on 19 July 1988" and a
   stored 28 July-31 August 1988); a new day near a stored day (not the same) only
   with an entity in common ("founded on 5 September 1965 by" the founders retells the
   founding of 6 September; Amnesty's tally of 16 December does not retell the MEK's of
   the 15th).  Two texts that name numbered things
   ("pier 3", "Resolution 598") and share none are not one event by this rule,
   nor are two that share one content word and no entity.  The weights and the threshold were chosen on the reconciliation corpus
   (``tests/data/reconcile``, ``tests/benchmark/reconcile.py``): among 52
   retellings and 14 passages that retell nothing, content words found carry
   most of the evidence (a new page names the group "the organisation" as often
   as by name, so a shared entity is a weak sign), and the date mostly decides
   between neighbours.

Words are compared as stems (rule *inflections*, :func:`_stem`: "attacked" and
"attacks" are one word) and each text also holds a word for the kinds of event it
tells (rule *kinds of event*, :data:`_KINDS`: "rockets fell" and "missile attacks"
share ``~attack``), so a retelling in other words shares what happened.  On the
corpus these took links from 89.6% precision / 78.2% recall to 91.2 / 94.5 together
with the registry's dates in ingest (:func:`kb.dates.find.registry_dates`).

No rule accepts a stored event when the new text is set in a country (or region)
its places do not hold while they hold another ("protesters in Iraq set fire to..."
and protests in Iran; :func:`scenes`, the gazetteer's countries).

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
    has no accents to strip.  ASCII text (nearly all) is read as bytes: one
    translation folds its case and makes every other character a space (the
    ASCII joiners, the apostrophe, the backquote and the hyphen, deleted), and
    each word found is looked up in :data:`_FINAL`, its stem or "" for none,
    remembered (:func:`_plain_words` is the plain reading it gives the answers of)."""
    if not text.isascii():
        return _plain_words(text)
    found = text.encode().translate(_FOLD, b"'`-").split()
    words = set(map(_FINAL.get, found))
    if None in words:
        if len(_FINAL) > 200_000:
            _FINAL.clear()
        for w in found:
            if w not in _FINAL:
                _FINAL[w] = _final(w.decode())
        words = set(map(_FINAL.get, found))
    words.discard("")
    if not _KINDS_OF.isdisjoint(words):
        words.update([_KIND[w] for w in _KINDS_OF.intersection(words)])
    return frozenset(words)


def text_words(title: str, summary: str) -> tuple[frozenset[str], frozenset[str]]:
    """(:func:`content_words` of ``title``, those of ``title`` and ``summary`` together): the
    union is made from the title's set, so an event with no summary shares one set.

    Two ASCII texts whose every word has been met (a stored event read in a run that
    has read many) are read together, as :func:`content_words` reads each: the union
    of their folded words' stems, "" (a short word or a stopword) aside, and the kinds
    of event the union tells (those of the title's words are the title's)."""
    if summary and title.isascii() and summary.isascii():
        get = _FINAL.get
        t = set(map(get, title.encode().translate(_FOLD, b"'`-").split()))
        both = t.union(map(get, summary.encode().translate(_FOLD, b"'`-").split()))
        if None not in both:
            t.discard("")
            both.discard("")
            if not _KINDS_OF.isdisjoint(both):
                both.update([_KIND[w] for w in _KINDS_OF.intersection(both)])
                if not _KINDS_OF.isdisjoint(t):
                    t.update([_KIND[w] for w in _KINDS_OF.intersection(t)])
            return frozenset(t), frozenset(both)
    tw = content_words(title)
    return tw, (tw | content_words(summary) if summary else tw)


def _final(word: str) -> str:
    """A word as :func:`content_words` keeps it: its stem, or "" (shorter than four
    letters, or a stopword)."""
    if len(word) < 4:
        return ""
    stem = _stem(word)
    return "" if stem in _STOP else stem


def _plain_words(text: str) -> frozenset[str]:
    """:func:`content_words` read with the regular expression, for any text."""
    if text.isascii():  # the ASCII joiners: the apostrophe, the backquote, the hyphen
        low = text.lower().replace("'", "").replace("`", "").replace("-", "")
    else:
        low = _JOINERS.sub("", namekeys.strip_accents(text).lower())
    found = set(_WORDS.findall(low))
    words = set(map(_STEMS.get, found))  # each word's stem, remembered (see _stem)
    if None in words:
        words = {_STEMS.get(w) or _stem(w) for w in found}
    words -= _STOP
    kinds = _KINDS_OF.intersection(words)
    if kinds:
        words.update([_KIND[w] for w in kinds])
    return frozenset(words)


# content_words: ASCII bytes -> lower-case letters and digits, every other byte a space
_FOLD = bytes(c + 32 if 65 <= c <= 90 else c if 97 <= c <= 122 or 48 <= c <= 57 else 32 for c in range(256))
_FINAL: dict[bytes, str] = {}  # a word (bytes) -> _final(word), remembered


#: rule *kinds of event*: words that tell the same kind of happening in other words
#: ("rockets fell", "missile attacks", "gunmen stormed"; "shot", "executed", "put to
#: death") share a word of their own, ``~attack`` or ``~kill``, so that a retelling in
#: other words still shares what happened (weighed like any word: a kind many events
#: near the date tell says little).  Stems, as :func:`_stem` makes them.
_KINDS = {
    "~attack": "attack rocket missil mortar bomb shell gunmen gunman raid storm assault airstrik",
    "~kill": "kill dead death dy execut shot slain massacr hang",
    "~arrest": "arrest detain jail imprison round custody detaine",
    "~protest": "protest demonstration march rally upris unrest",
}
_KIND = {w: k for k, ws in _KINDS.items() for w in ws.split()}
_KINDS_OF = frozenset(_KIND)


_STEMS: dict[str, str] = {}
_DOUBLE = re.compile(r"([b-df-hj-km-rtv-y])\1$")     # "stopped": stop; "killed": kill


def _stem(word: str) -> str:
    """A word's stem for comparing two texts (rule *inflections*): the plural, past and
    -ing endings and a final "e" taken off ("attacked", "attacks" and "attack" are
    ``attack``; "moved", "moves" and "move" are ``mov``; "arrested" and "arrests" are
    ``arrest``; "died" and "dies" are ``dy``), from words of four letters or more.  A stopword is kept whole.
    Remembered per word (interned)."""
    got = _STEMS.get(word)
    if got is not None:
        return got
    w = word
    if w not in _STOP and not w[0].isdigit():
        if w.endswith(("ies", "ied")) and len(w) > 3:
            w = w[:-3] + "y"            # "dies", "died": dy; "tries", "tried": try
        elif w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 4:
            w = w[:-1]
        if w.endswith("ed") and len(w) > 4:
            w = w[:-2]
            w = w[:-1] if _DOUBLE.search(w) else w
        elif w.endswith("ing") and len(w) > 5:
            w = w[:-3]
            w = w[:-1] if _DOUBLE.search(w) else w
        if w.endswith("e") and len(w) > 3:
            w = w[:-1]
    got = _STEMS[word] = sys.intern(w)
    if len(_STEMS) > 200_000:
        _STEMS.clear()
    return got


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
    out = set()
    for c in claims:
        if isinstance(c, dict) and c.get("measure") not in (None, "", "date"):
            m = _CANONICAL.get(c["measure"])
            if m is None:
                from .reconcile import canonical

                m = _CANONICAL[c["measure"]] = canonical(c["measure"])
            out.add(m)
            amount = c.get("amount")
            if isinstance(amount, (int, float)) and not c.get("qualifier") and amount >= 10:
                out.add(f"{m}={amount:g}")  # an exact count of ten or more: "176" people killed
    return frozenset(out)


_CANONICAL: dict[str, str] = {}  # a measure -> canonical(measure), once
_NONE: frozenset = frozenset()


_SCENE = re.compile(r"\b(?:[Ii]n|[Aa]cross|[Tt]hroughout)\s+((?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)")


def countries_of(places) -> frozenset[str]:
    """The places of a stored event (entity ids) that are countries or regions, folded."""
    if not places:
        return frozenset()
    out = []
    for p in places:
        f = _COUNTRY.get(p)
        if f is None:
            from ..names.gazetteer import place_fold

            f = p.replace("-", " ")
            f = _COUNTRY[p] = f if place_fold(f) == 2 else ""
        if f:
            out.append(f)
    return frozenset(out)


_COUNTRY: dict[str, str] = {}  # a place id -> its folded name if a country or region, else ""


def scenes(text: str) -> frozenset[str]:
    """The countries or regions a text says something happened in ("protesters in Iraq",
    "In Lebanon, demonstrators..."), folded."""
    found = _SCENE.findall(text)
    if not found:
        return frozenset()
    return frozenset(f for f in map(_scene, found) if f)


_SCENES: dict[str, str] = {}  # a name after "in" -> its fold if a country or region, else ""


def _scene(name: str) -> str:
    """The folded name of a country or region (:func:`scenes`), else "": asked once per
    name (a text tells many things "in Tehran")."""
    got = _SCENES.get(name)
    if got is None:
        from ..names.gazetteer import place

        if len(_SCENES) > 100_000:
            _SCENES.clear()
        got = _SCENES[name] = namekeys.fold(name) if place(name) == 2 else ""
    return got


def jaccard(a: frozenset, b: frozenset) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


class _Entry:
    """An event as the rules read it (:func:`choose`): its days, entities, content words (of
    the title, and of the title and summary), measures, sources and cited headings' words."""

    __slots__ = ("_record", "key", "seq", "start", "end", "precision", "entities", "words", "sections",
                 "_numbered", "sources", "_title", "measures", "_countries", "_text")

    def __init__(self, record: dict, seq: int, key=None, sections=None):
        d = record["date"]
        self._record = record if key is None else None  # a stored record is loaded again when it wins
        self.key, self.seq = key, seq
        self.start = date.fromisoformat(d["start"])
        self.end = date.fromisoformat(d["end"])
        self.precision = d.get("precision", "")
        self.entities = set(record.get("entities", [])).union(record.get("places", []))
        title, summary = record.get("title", ""), record.get("summary", "")
        self._text = (title, summary, tuple(record.get("places") or ()))
        if type(title) is not str or type(summary) is not str:
            title, summary = f"{title}", f"{summary}"
        # the words of the title and the summary: those of "title summary" (a space parts them)
        self._title, self.words = text_words(title, summary)
        cites = record.get("citations", [])
        self.sources = {c.get("source") for c in cites}
        claims = record.get("claims")
        self.measures = measures_of(claims) if claims else _NONE
        self._numbered = self._countries = None  # built when a rule first asks
        words = sections or content_words
        self.sections = [words(c["section"]) for c in cites if c.get("section")]

    @property
    def numbered(self) -> frozenset:
        if self._numbered is None:
            self._numbered = numbered(f"{self._text[0]} {self._text[1]}")
        return self._numbered

    @property
    def title(self) -> frozenset:
        return self._title

    @property
    def countries(self) -> frozenset:
        if self._countries is None:
            self._countries = countries_of(self._text[2])
        return self._countries


def window(start: date, end: date) -> tuple[date, date]:
    """The days a stored event must meet to be a candidate: the bounds, NEAR_DAYS either side."""
    near = timedelta(days=NEAR_DAYS)  # within the calendar: events of the years 0001 and 9999 too
    return max(start, date.min + near) - near, min(end, date.max - near) + near


def choose(candidates, start: date, end: date, precision: str, entities: set[str], text: str,
           heading: bool = False, source: str = "",
           measures: frozenset = frozenset(), words: frozenset | None = None,
           weights: dict[str, float] | None = None, where: frozenset | None = None,
           mine: frozenset | None = None) -> tuple[_Entry | None, float, str]:
    """The candidate (an :class:`_Entry`) a new event retells, its score and the rule that
    accepted it, by the rules of the module docstring; candidates are met in order, the
    first of equal scores winning.  ``words``: the text's :func:`content_words`, if known;
    ``weights``: the words' weights (:func:`_weights`) over every stored event near its
    dates, if known (then ``candidates`` may leave out events no rule can accept);
    ``where`` and ``mine``: the text's :func:`scenes` and :func:`numbered`, if known.

    A candidate no rule can accept is passed over before it is scored (its score
    would not count), and the words' weights are computed only when a first
    candidate is scored: many candidates of one document ("a document does not
    retell itself") cost a few set operations each; one whose score could not count
    even with its whole title found and its found words the heaviest (:func:`_bound`)
    is not scored."""
    if words is None:
        words = content_words(text)
    # ``mine``: the text's numbered things (:func:`numbered`), if known, else read when a rule
    # first asks; ``where``: the countries the text is set in (:func:`scenes`), if known
    if where is None:
        where = scenes(text)
    best, best_score, best_rule = None, 0.0, ""
    lo, hi = window(start, end)
    weight = most = None
    nw, day = len(words), precision == "day"
    if not isinstance(candidates, (list, tuple)):
        candidates = list(candidates)       # met twice: here, and for the words' weights
    # The tests that skip a candidate have no effect but the skip, so the cheapest come first.
    for e in candidates:
        es, ee = e.start, e.end
        if es > hi or ee < lo:
            continue        # not near: choose() compares no other
        overlap = not (es > end or ee < start)
        if not overlap and source and source in e.sources:
            continue        # no rule 1-4 without overlap, and a document does not retell itself
        ents = e.entities
        shared = len(entities & ents) if entities and ents else 0
        if not (overlap or shared) and day and e.precision == "day":
            continue        # another day, and nothing named in common (below)
        same = es == start and ee == end
        if where and e.countries and not where & e.countries and not where & ents:
            continue        # set in another country: protesters in Iraq are not those in Iran
        rule = ""
        ew = e.words
        inter = len(words & ew)
        if overlap:
            sim = inter / (nw + len(ew) - inter) if words and ew else 0.0  # jaccard()
            if sim >= (SIM_WORDING_SAME if same else SIM_WORDING):
                rule = "same wording"
            elif same and shared >= 2 and sim >= SIM_FACTS:
                rule = "same facts"
            elif same and day and e.precision == "day" and shared >= 1 and sim >= SIM_DAY:
                rule = "same day"
            elif heading and start <= es and ee <= end and any(
                    jaccard(words, w) >= 0.5 for w in e.sections):
                rule = "same section"
        if not rule:
            if source and source in e.sources:
                continue        # a document does not retell itself
            if not shared and inter < 2:
                continue        # one content word and no entity in common
            if mine is None:
                mine = numbered(text)
            if mine and e.numbered and not mine & e.numbered:
                continue        # "pier 3" is not "pier 4"
            if not overlap and not shared and day and e.precision == "day":
                continue        # another day, and nothing named in common: another event

        if weight is None:
            weight = _weights(words, [e for e in candidates if not (e.start > hi or e.end < lo)]) \
                if weights is None else weights
            total = math.fsum(weight.values())
            top = sorted(weight.values(), reverse=True)
            most = [math.fsum(top[:k]) / total for k in range(len(top) + 1)] if words else None
        both = measures & e.measures if measures else measures
        exact = sum("=" in m for m in both) if both else 0
        if most is not None:
            bound = _bound(most[inter], e, shared, same, overlap, start, end, len(both) - exact, exact)
            if bound <= best_score or not rule and bound < RETELL:
                continue        # cannot win: its score would not count
        score = score_of(words, e, shared, same, overlap, start, end, weight, total) + FIGURES * min(
            len(both) - exact, 2) + SAME_COUNT * min(exact, 1)
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
    ews = [e.words for e in near]
    # a word's count is that of the events that use it (each one shares a word)
    df = {w: sum([w in ws for ws in ews]) for w in words}
    return weights_of(words, len(ews) - sum(map(words.isdisjoint, ews)), df)


def weights_of(words: frozenset, n: int, df: dict[str, int]) -> dict[str, float]:
    """:func:`_weights` from its counts: ``n`` events share a word, ``df[w]`` of them ``w``."""
    if n == 0:
        return dict.fromkeys(words, 1.0)
    return {w: math.log(1 + n / (k if k else 0.5)) for w, k in df.items()}


def cover_of(words: frozenset, e: _Entry, weight: dict[str, float] | None = None,
             total: float | None = None) -> float:
    """The (weighed) share of the new text's words found in a stored event's text
    (``total``: the sum of the weights, if known)."""
    if not words:
        return 0.0
    if weight:
        # fsum: exactly rounded, so the score does not depend on the sets' order (which
        # changes from process to process with the strings' hashes) and ties stay ties
        return math.fsum([weight[w] for w in words & e.words]) / (
            math.fsum(weight.values()) if total is None else total)
    return len(words & e.words) / len(words)


def score_of(words: frozenset, e: _Entry, shared: int, same: bool, overlap: bool,
             start: date, end: date, weight: dict[str, float] | None = None,
             total: float | None = None) -> float:
    """Rule 5's score (module docstring)."""
    if not words:
        return 0.0
    cover = cover_of(words, e, weight, total)
    t = e.title
    title = len(words & t) / len(t) if t else 0.0
    return cover + TITLE * title + SHARED * min(shared, 3) + _when(e, same, overlap, start, end)


def _bound(cover: float, e: _Entry, shared: int, same: bool, overlap: bool, start: date, end: date,
           kinds: int, exact: int) -> float:
    """The most a candidate can score, given the most its found words can cover (the
    heaviest as many words): its whole title found.  Added as the score is, each term
    at least the score's, so it is not below the score (rounding is monotone)."""
    return cover + TITLE * 1.0 + SHARED * min(shared, 3) + _when(e, same, overlap, start, end) + FIGURES * min(
        kinds, 2) + SAME_COUNT * min(exact, 1)


def _when(e: _Entry, same: bool, overlap: bool, start: date, end: date) -> float:
    """Rule 5's date term."""
    if same:
        return DATE_SAME
    if overlap and max((e.end - e.start).days, (end - start).days) <= WITHIN_DAYS and (
            e.start <= start and end <= e.end or start <= e.start and e.end <= end):
        return DATE_WITHIN
    return DATE_OVERLAP if overlap else 0.0


#: rule 5 (module docstring): the weights of the title's words found, of a shared entity
#: (three at most), of a measure both count (two at most), of the same bounds, of bounds one within the other (both a year long
#: at most), of bounds that overlap; the score to reach; how far apart the days may be
TITLE = 0.5
SHARED = 0.05
FIGURES = 0.1
#: rule 5: the same exact count of ten or more of one measure (both say 176 people were killed)
SAME_COUNT = 0.15

DATE_SAME = 0.15
DATE_WITHIN = 0.1
WITHIN_DAYS = 366  # the longest bounds DATE_WITHIN counts for
DATE_OVERLAP = 0.05
RETELL = 0.4
NEAR_DAYS = 31

#: rules 1-3 (module docstring): the word similarity each asks (same wording, with the
#: same bounds or not; same facts; same day)
SIM_WORDING_SAME = 0.5
SIM_WORDING = 0.6
SIM_FACTS = 0.15
SIM_DAY = 0.2


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
