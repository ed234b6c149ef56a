"""Figures: the numbers of a text that count something, with what they count.

:func:`find_figures` reads a text and returns :class:`Figure` s, each with its
``[start, end)`` offsets, the words as written (``value``: "more than 30,000",
"between 4,000 and 5,000", "2,800 to 3,800", "tens of thousands", "about five
days"), and:

* ``amount`` (the number; a range's ``low`` and ``high``; a magnitude word such
  as "thousands" has only ``low``/``high``, :data:`kb.model.claims.MAGNITUDES`);
* ``qualifier`` as written (about, some, more than, at least, up to, nearly,
  between...; the list and what each means is :data:`kb.model.claims.QUALIFIERS`);
* ``unit``: ``%`` for a share ("80%", "roughly half"), a unit of time for a
  duration ("days"), else empty (a count);
* ``measure``: what it counts, from ``kb/resources/figures/measures.txt``: the
  noun after the number when it is a measure's own ("140 cities" -> cities,
  "five days" -> duration), else the nearest cue verb of its clause, after it
  (up to the next number) and then before it ("1,500 protesters were killed"
  -> deaths), or a measure's noun a few words before it ("the death toll rose
  to 208" -> deaths) or, for a count of people, after it in its clause ("about
  200,000 people, though in a crowd like that..." -> participants), else the
  noun itself ("three founders" -> founders);
* ``subject``: the counted noun as written with the words that qualify it
  ("protesters", "MEK members");
* ``attribution``: whose figure it is, when the sentence says so ("according
  to Amnesty International", "officials said", "in his memoirs", "based on
  the MEK's information").

What is not a figure: a number inside a date (the caller passes the date
spans), a year (a bare four-digit number from 1000 to 2100 with no counted
noun after it), an ordinal ("55th"), a number glued to letters ("PS752"), a
time ("10:30"), money ("$5", "5 dollars"), a number after "No.", "Article",
"Flight", "Resolution", "page" or "chapter", a length of time that says when
("a month after", "four decades ago"), the whole in "25 of the country's 31
provinces" or "3 out of 10", and "one" (a pronoun as often as a number) unless
a unit of time follows it.  A number with no counted noun and no cue word
counts what the figure before it in its sentence counts ("304 people were
killed; officials said 12"), else, when it opens its sentence with nothing of
its own after it, what happened to people in the sentence before (rule
*elliptical count*, :func:`_elliptical`: "Two were shot. And so 45 since the
war began."), or, with none, nothing kb can name, and is left out.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import accumulate, compress, repeat
from operator import getitem, gt, not_

from ..dates.lazy import lazy
from ..model.claims import MAGNITUDES, QUALIFIERS
from .dated_places import passed_over
from .attribution import _CLAUSE_END, REACH, _attribution
from .figure_gate import _FOLDS_TO_ASCII, may_hold
from .letter_runs import Runs, trie_alternation
from .letter_runs import starts_word as _starts_word

_UNITS = {"%": "%"}
_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
         "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
         if w != "_"}
WORDS: dict[str, float] = {w: i for i, w in enumerate(_ONES)} | _TENS | {"dozen": 12, "a dozen": 12,
                                                                        "hundred": 100, "a hundred": 100,
                                                                        "thousand": 1000, "a thousand": 1000}
for _t, _v in _TENS.items():
    for _i, _o in enumerate(_ONES[1:10], 1):
        WORDS[f"{_t}-{_o}"] = _v + _i
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9}
_FRACTIONS = {"half": 50.0, "a half": 50.0, "a third": 100 / 3, "a quarter": 25.0, "two-thirds": 200 / 3,
              "two thirds": 200 / 3, "three-quarters": 75.0}

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# word lists as trees (:func:`trie_alternation`, tests/test_figures_trie.py): the matches of the
# words sorted longest first, each letter tried once (FIGURE holds the number words five times)
_WORD = trie_alternation(WORDS)
_NUM = rf"(?:(?:{_DIGITS})(?:\s+(?:hundred|thousand|million|billion)\b)?|(?:{_WORD})(?:\s+(?:hundred|thousand|million)\b)?)"
# (a space between a phrase's words matches any white space)
_QUALS = trie_alternation(q for q in QUALIFIERS if QUALIFIERS[q] != "exact").replace(r"\ ", r"\s+")
_MAG = trie_alternation(MAGNITUDES).replace(r"\ ", r"\s+")
_FRAC = trie_alternation(_FRACTIONS)
_PCT = r"(?:\s*%|\s+per\s*cent\b|\s+percent\b)"

FIGURE = lazy(
    rf"(?<![\w$£€.,-])(?:(?P<qual>{_QUALS})\s+)?(?:"
    rf"between\s+(?P<lo1>{_NUM})(?:{_PCT})?\s+and\s+(?P<hi1>{_NUM})"
    rf"|from\s+(?P<lo2>{_NUM})\s+to\s+(?P<hi2>{_NUM})"
    rf"|(?P<lo3>{_DIGITS})(?:\s*[–—-]\s*|\s+to\s+)(?P<hi3>{_DIGITS})(?:\s+(?:thousand|million)\b)?"
    rf"|(?P<mag>{_MAG})"
    rf"|(?P<frac>{_FRAC})(?=\s+of\b)"
    rf"|(?P<num>{_NUM}|an?(?=\s+(?:hour|day|week|month|year|decade)s?\b))"
    rf")(?P<pct>{_PCT})?(?![\w%]|,\d|\.\d|:\d)", re.IGNORECASE)

_NOT_BEFORE = lazy(r"(?:\bno\.|\bnumber|\barticle|\bflight|\bresolution|\bpage|\bp\.|\bchapter|\bsection"
                   r"|\bpart|\bverse|\bvolume|\bissue|[$£€])\s*$", re.IGNORECASE)
_MONEY_AFTER = lazy(r"\s*(?:dollars|euros|pounds|rials|tomans|usd|eur)\b", re.IGNORECASE)
_WORDRE = lazy(r"[A-Za-z][A-Za-z’'\-]*")


@dataclass
class Figure:
    """One figure of a text (module docstring); offsets are ``[start, end)`` into the text."""

    start: int
    end: int
    value: str
    amount: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str
    measure: str
    subject: str
    attribution: str = ""
    cue: str = field(default="", repr=False)
    total: str = field(default="", repr=False)   # the subject of a cumulative total (kb.ingest.totals)
    scope: str = field(default="", repr=False)   # its stretch of time ("since the 1979 revolution")

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k not in ("cue", "total", "scope")}


_PHRASE_ONLY = frozenset("to into their up part out put".split())


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[dict[str, str], dict[str, str], dict[str, str], frozenset[str]]:
    """(noun -> measure, verb cue -> measure, phrase cue -> measure, counted nouns)."""
    nouns: dict[str, str] = {}
    verbs: dict[str, str] = {}
    phrases: dict[str, str] = {}
    base = resources.files("kb") / "resources" / "figures"
    for line in (base / "measures.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        measure, kind, words = line.split("\t")
        target = nouns if kind == "nouns" else verbs
        # cues of several words ("death toll", "took part", "lost their lives"); their small
        # words are no cues alone ("put", "into", "their", "part")
        for phrase in re.findall(r"\b(death toll|took part|turned out|rounded up|taken into custody|"
                                 r"lost their lives|shot dead|put to death)\b", words):
            phrases[phrase] = measure
        for w in words.split():
            if w not in _PHRASE_ONLY:
                target.setdefault(w, measure)
    counted = frozenset(w for line in (base / "counted.txt").read_text(encoding="utf-8").splitlines()
                        if not line.startswith("#") for w in line.split())
    return nouns, verbs, phrases, counted


def _number(text: str) -> float | None:
    t = " ".join(text.lower().split())
    if not t:
        return None
    if t in ("a", "an"):
        return 1.0
    if t in WORDS:          # "a hundred", "a thousand": whole, before a scale is split off
        return float(WORDS[t])
    scale = 1.0
    for s, v in _SCALES.items():
        if t.endswith(" " + s) and t != s:
            t, scale = t[: -len(s) - 1], v
            break
    if t in WORDS:
        return WORDS[t] * scale
    try:
        return float(t.replace(",", "")) * scale
    except ValueError:
        return None


_TIME = {"hour", "day", "week", "month", "year", "decade"}
#: every word a figure's number can be made of, lower-cased (rule *no number, no figure*,
#: :mod:`kb.ingest.figure_gate`): each word of a number word, magnitude, fraction or scale, and the units
#: of time that "a" or "an" counts ("a day"); not "a", "an", "of" ("a dozen", "tens of thousands")
_TIME_UNITS = frozenset(u + s for u in _TIME for s in ("", "s"))
_NUMBER_WORDS = frozenset(t for w in [*WORDS, *MAGNITUDES, *_FRACTIONS, *_SCALES] for t in re.split(r"[\s-]+", w)) \
    - {"a", "an", "of"} | _TIME_UNITS
_NEXT_NUMBER = lazy(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|"
                    r"fifty|hundred|thousand|dozens|hundreds|thousands|half)\b", re.IGNORECASE)
_RELATIVE = lazy(r"\s+(?:after|before|later|earlier|ago|on|into|since|from\s+now)\b", re.IGNORECASE)
_OF = frozenset("of the its their his her our this that these those".split())
_MONTH = lazy(r"\s*(?:january|february|march|april|may|june|july|august|september|october|november|"
              r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b\.?", re.IGNORECASE)
_MONTH_BEFORE = lazy(r"(?:january|february|march|april|may|june|july|august|september|october|november|"
                     r"december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?\s*$", re.IGNORECASE)
_STOPS = frozenset("to in at on by from with for were was is are had have has and or who that which "
                   "as than across into over during after before since until spread broke".split())


def _noun_after(text: str, pos: int, limit: int) -> tuple[str, str, int]:
    """(the counted noun, the words that qualify it, its end) in the three words after
    ``pos`` ("150 cities", "1,500 MEK members", "31 of Iran's provinces"); ("", "", pos)
    when none is there."""
    nouns, verbs, _phr, counted = _vocabulary()
    words = []
    at = pos
    for m in _WORDRE.finditer(text, pos, min(limit, pos + 80)):
        if not re.fullmatch(r"[\s\-]*" if not words else r"[\s\-]*(?:\d[\d,.]*\s+)?", text[at:m.start()]):
            break   # (after "of the country's", a number may come: "25 of the country's 31 provinces")
        w = m.group(0).lower().strip("’'")
        at = m.end()
        base = w.rstrip("s") if w.endswith("s") and not w.endswith("ss") else w
        if w in nouns or w in counted or base in _TIME:
            lead = " ".join(x for x in words if x.lower() not in ("of", "the", "their", "its"))
            return w, f"{lead} {m.group(0)}".strip(), m.end()
        if w in _STOPS or w in verbs or len([x for x in words if x.lower() not in _OF]) >= 3:
            break
        words.append(m.group(0))
    return "", "", pos


def _matched_in(phrase: str, _folded: str, text: str) -> list[int]:
    """Where ``phrase`` (lower case) is matched in ``text``, case ignored, one match after another."""
    return [m.start() for m in re.finditer(re.escape(phrase), text, re.IGNORECASE)]


def _found_in(phrase: str, folded: str, _text: str) -> list[int]:
    """:func:`_matched_in` of an ASCII text (the text itself ASCII, not only its folded copy),
    read in its case-folded copy (``folded``, as long, each letter lower-cased: no other
    letter matches an ASCII one) by ``str.find``."""
    out, at = [], folded.find(phrase)
    while at >= 0:
        out.append(at)
        at = folded.find(phrase, at + len(phrase))
    return out


class _Cues:
    """The cue words and phrases of one text, found once (verbs and nouns of
    ``measures.txt``, two-word phrases), so that the cue of each figure is looked up
    in its window by bisection: a text dense with numbers costs linear time."""

    def __init__(self, text: str, start: int, end: int, found: Runs | None = None):
        nouns, verbs, phrases, _c = _vocabulary()
        self.text, self.nouns, self.verbs = text, nouns, verbs
        self.pos: list[int] = []
        self.words: list[str] = []
        # Where a word of the vocabulary may be (:func:`_near_word_lower`): a superset of where the
        # cue words, and the nouns _noun_after finds, begin; the word there is its run of letters
        # unless an apostrophe or a hyphen goes on with it (then a match of _WORDRE).
        self.near, runs_ = (found if found is not None else Runs(text, start, end)).kept_by(_near_word_lower())
        for p, w in zip(self.near, runs_):
            if p > start and text[p - 1] in "’'-" and not _starts_word(text, start, p):
                continue
            q = p + len(w)
            w = (_WORDRE.match(text, p, end).group(0) if q < end and text[q] in "’'-" else w).lower()
            if w in verbs or w in nouns:
                self.pos.append(p)
                self.words.append(w)
        head = text[:end]
        folded = head.casefold()   # a phrase matched without case is in the case-folded text
        # (of an ASCII text, at the same places: found there by str.find; not of a text whose
        # folded copy alone is ASCII: 'ß' -> 'ss', 'ﬁ' -> 'fi' lengthen it and shift the places)
        where = _found_in if head.isascii() else _matched_in
        self.phrases = {ph: (meas, where(ph, folded, text[:end]) if ph in folded else [])
                        for ph, meas in phrases.items()}
        ends = list(_CLAUSE_END.finditer(text))     # (their starts and ends by C loops)
        self.stop_starts = list(map(re.Match.start, ends))
        self.stops = list(zip(self.stop_starts, map(re.Match.end, ends)))
        self.live = sorted(self.near + [p for _m, where in self.phrases.values() for p in where])

    def may_count(self, start: int, end: int) -> bool:
        """Whether a word that could tell what the figure at ``[start, end)`` counts (its
        noun, a cue word or phrase of its clause) is within its reach: when none is, the
        figure has no measure of its own and the rest of its checks are skipped."""
        k = bisect_left(self.live, start - 300)
        return k < len(self.live) and self.live[k] < end + REACH + 80

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """:func:`_clause` from the clause ends found once: the last end in the 300
        characters before ``start``, the first in the :data:`REACH` after ``end``."""
        lo = max(0, start - 300)
        k = bisect_left(self.stop_starts, start) - 1
        while k >= 0 and self.stops[k][1] > start:
            k -= 1
        if k >= 0 and self.stops[k][0] >= lo:
            lo = self.stops[k][1]
        limit = min(len(self.text), end + REACH)
        k = bisect_left(self.stop_starts, end)
        return lo, (self.stop_starts[k] if k < len(self.stops) and self.stop_starts[k] < limit else limit)

    def _scan(self, a: int, b: int, reverse: bool, people: bool, number_at_b: bool = False) -> str:
        text, nouns, verbs = self.text, self.nouns, self.verbs
        hits = []
        for k in range(bisect_left(self.pos, a), bisect_left(self.pos, b)):
            p, w = self.pos[k], self.words[k]
            if p + len(w) > b:
                break
            if number_at_b and _GOVERNS.fullmatch(text, p + len(w), b):
                break   # "killing seven ... and wounding more than a hundred": the next number's
            if w in verbs:
                hits.append((p, verbs[w]))
            elif w in nouns and nouns[w] not in ("cities", "provinces", "countries", "duration") and (
                    (reverse and re.fullmatch(r"\W*(?:\w+\W+){0,3}", text[p + len(w):b]))
                    or (people and not reverse)):
                # "the death toll rose to 208"; "about 200,000 people ... in a crowd like that"
                hits.append((p, nouns[w]))
        for ph, (meas, where) in self.phrases.items():
            k = bisect_left(where, a)
            if k < len(where) and where[k] + len(ph) <= b:
                hits.append((where[k], meas))
        if not hits:
            return ""
        hits.sort()
        return hits[-1][1] if reverse else hits[0][1]

    def cue(self, start: int, end: int, lo: int, hi: int, people: bool = False) -> str:
        """The measure of the nearest cue word of the clause ``[lo, hi)``: after the
        figure (up to the next figure) first, then before it."""
        nxt = _NEXT_NUMBER.search(self.text, end, hi)
        return self._scan(end, nxt.start() if nxt else hi, False, people, nxt is not None) or self._scan(
            lo, start, True, people)


#: the words between a cue and the number it governs ("wounding more than a hundred")
#: ("the number of dead at about 1,500", "the toll rose to 208")
_GOVERNS = lazy(r"\s+(?:(?:more|less|fewer)\s+than\s+|at\s+(?:least|most)\s+|about\s+|some\s+|over\s+|"
                r"nearly\s+|almost\s+|around\s+|roughly\s+|up\s+to\s+|all\s+|an?\s+|"
                r"(?:at|to|was|were|is|are|stood|stands|reached|rose|climbed)\s+)*", re.IGNORECASE)


_OF_TOTAL = lazy(r"\b(?:\d[\d,]*|" + "|".join(sorted((w for w in WORDS if " " not in w), key=len, reverse=True))
                 + r")\s+(?:out\s+)?of\s+(?:the\s+|its\s+|their\s+)?(?:[\w’']+[’']s\s+)?(?:total\s+of\s+)?$",
                 re.IGNORECASE)
_TOKEN = lazy(r"[A-Za-z]+|\d")
# a digit where a figure can begin: FIGURE's look-behind, tested after the digit
_DIGIT = lazy(r"\d(?<![\w$£€.,-]\d)")
# the words a figure can begin with: a qualifier's first word, a number, a magnitude, a fraction
_FIRST = frozenset(
    [q.split()[0].lower() for q in QUALIFIERS] + [w.split()[0].split("-")[0] for w in WORDS]
    + [m.split()[0] for m in MAGNITUDES] + [f.split()[0].split("-")[0] for f in _FRACTIONS]
    + ["between", "from", "a", "an"])


@lru_cache(maxsize=1)
def _prefixes() -> tuple[str, ...]:
    """The letters each word of the vocabulary begins with (nouns, verbs, counted nouns,
    units of time): a run of letters that begins with none of them holds no cue and is
    no counted noun (its letters as written, lower-cased)."""
    nouns, verbs, _p, counted = _vocabulary()
    words = set(nouns) | set(verbs) | set(counted) | _TIME
    return tuple(sorted({re.match(r"[a-z]*", w).group(0) for w in words} - {""}))


# whether a run of letters may be (or begin) a word of the vocabulary (~0.5 µs: a scan of every
# prefix), remembered: texts repeat words
_near_word = lru_cache(maxsize=1 << 16)(lambda w: w.lower().startswith(_prefixes()))


@lru_cache(maxsize=1)
def _near_word_lower():
    """:data:`_near_word` of a run lower-cased, for C to call (:meth:`Runs.kept_by`): a match
    of the prefixes written as a tree at the run's start (true where one begins it)."""
    return re.compile(trie_alternation(_prefixes())).match

# the words a figure's number itself can begin with (not a qualifier's alone: "about", "the")
_CORE_FIRST = frozenset(
    [w.split()[0].split("-")[0] for w in WORDS] + [m.split()[0] for m in MAGNITUDES]
    + [f.split()[0].split("-")[0] for f in _FRACTIONS] + ["between", "from", "a", "an"])
_QUAL_WORDS = max(len(q.split()) for q in QUALIFIERS)
# a qualifier's words and the space after it (letters, a dot: "approx.")
_QUAL_GAP = lazy(r"(?:[A-Za-z.]+\s+){1,%d}" % _QUAL_WORDS)
# what a figure never holds: it is made of word characters, spaces, , . % and dashes
_BARRIER = lazy(r"[^\w\s,.%–—-]")


def _number_follows(text: str, p: int, cores: list[int]) -> bool:
    """Whether a number's start (``cores``) ends the qualifier words at ``p`` (none past their greedy match)."""
    k = bisect_right(cores, p)
    reach = _QUAL_GAP.match(text, p) if k < len(cores) else None
    return reach is not None and cores[k] <= reach.end() and any(
        _QUAL_GAP.fullmatch(text, p, c) for c in cores[k:k + _QUAL_WORDS])


def _no_number_follows(text: str, qual: list[int], cores: list[int]) -> set[int]:
    """The places of ``qual`` (in order) where :func:`_number_follows` is false, most found by C loops."""
    live = qual[:bisect_left(qual, cores[-1])] if cores else []     # (no number after the others)
    nxt, reach = map(cores.__getitem__, map(bisect_right, repeat(cores), live)), map(_QUAL_GAP.match, repeat(text), live)
    maybe = [(p, c, r.end()) for p, c, r in zip(live, nxt, reach) if r is not None and c <= r.end()]
    # (a number where the greedy match ends follows a whole qualifier's words: no more to ask)
    return set(qual).difference([p for p, c, e in maybe if c == e or _number_follows(text, p, cores)])


def _figures(text: str, start: int, end: int, dead=None, found: Runs | None = None, dated=None,
             digits: list[int] | None = None):
    """The matches of :data:`FIGURE` in ``text[start:end]``, as ``finditer`` gives them, tried
    only where a figure can begin (a digit not after a letter, digit or sign, or a word of
    :data:`_FIRST`, each found by one search of the text): the same matches in a fraction of
    the time.  Not tried either, as no match there could count: a word that only begins a
    qualifier ("about", "the") with no number's first word or digit after its few words;
    (``dead(p, bound)``: no figure begins at ``p`` whose match ends by ``bound``) a place whose
    match could not reach the next place to try, a character no figure holds between them;
    (``dated(p)``: inside a date, all dropped) a digit whose match could reach no place to try
    but digits inside dates (:func:`kb.ingest.dated_places.passed_over`).  ``digits``: where
    digits that may begin a figure are, when found already."""
    if digits is None:
        digits = list(map(re.Match.start, _DIGIT.finditer(text, start, end)))
    words, kept = (found if found is not None else Runs(text, start, end)).kept_by(_FIRST.__contains__)
    # the first-word test is exact only where no letter outside ASCII matches one inside it
    plain = _FOLDS_TO_ASCII.search(text, start, end) is None
    dead_qual: set[int] = set()
    if plain and words:
        is_core = list(map({w for w in set(kept) if w.lower() in _CORE_FIRST}.__contains__, kept))
        cores = sorted(digits + list(compress(words, is_core)))
        dead_qual = _no_number_follows(text, list(compress(words, map(not_, is_core))), cores)
    where = sorted(digits + words)
    # the places tried, by index (a qualifier's word with no number after it never is; it is
    # tested only where a match is tried: not inside one), picked by C loops
    at, last = start, len(where) - 1
    barrier, figure = _BARRIER.search, FIGURE.match
    for i, p in enumerate(where):
        if p < at or p in dead_qual:
            continue
        if dated is not None and text[p].isdigit() and dated(p) and passed_over(text, p, where, i + 1, dated):
            continue
        if dead is not None:
            b = barrier(text, p, where[i + 1] if i < last else end)
            if b is not None and dead(p, b.start()):
                continue
        m = figure(text, p, end)
        if m is not None and m.end() > p:
            at = m.end()
            yield m


_SENTENCE_END = lazy(r"[.!?]\s")


def _sentence_between(ends: list[int], a: int, b: int) -> bool:
    """Whether a sentence ends in ``text[a:b]`` (a match of :data:`_SENTENCE_END` within it;
    ``ends``: where the matches in the whole text begin)."""
    k = bisect_left(ends, a)
    return k < len(ends) and ends[k] + 2 <= b


#: the words that may come before an elliptical count in its sentence ("And so 120,000 since...")
_ELLIPSIS_LEAD = frozenset("and so in all total then now altogether overall another probably perhaps maybe possibly "
                           "yet still plus but or that that's thus".split())
#: what may follow an elliptical count: the end of its sentence, or a word that opens no noun
_ELLIPSIS_AFTER = lazy(r"\s*(?:[.!?]|[,;:]|\s(?:since|in|over|during|by|from|across|throughout|more|so|"
                       r"last|this|until|before|after|between|altogether|overall|in\s+all)\b)", re.IGNORECASE)
#: the measures an elliptical count may take: what happens to people (a line of "verbs" in measures.txt)
_HAPPENINGS = frozenset(("deaths", "arrests", "injured", "participants", "sentences"))


def _elliptical(text: str, m: re.Match, sentence_ends: list[int], cues: "_Cues") -> str:
    """Rule *elliptical count*: a number that counts nothing named in its sentence (no
    noun after it, no cue word in its sentence, no figure before it there) takes the
    measure of the last cue word of the sentence just before it, in the same paragraph,
    when that cue tells a happening to people (deaths, arrests, injuries, participants,
    sentences): "Dozens were arrested at the gates. Some 300 by nightfall." (arrests);
    "Two guards were shot in the raid. And so 45 since the war began." (deaths).  A
    reader fills the elided noun from the sentence before, as in "304 were killed;
    officials said 12" within one sentence.  Strict: the number opens its sentence
    (at most three small words before it: "And so", "In all", "Probably another"), and
    the end of the sentence or a preposition follows it (so it has no noun of its own);
    a year, a share, money, an age or a list number ("1." at a line's start) never is."""
    s, e = m.span()
    raw = (m.group("num") or "").strip()
    if m.group("pct") or m.group("frac") or (raw.isdigit() and len(raw) == 4 and 1000 <= int(raw) <= 2100):
        return ""
    k = bisect_left(sentence_ends, s) - 1        # the end of the sentence before
    if k < 0:
        return ""
    own = sentence_ends[k] + 2
    lead = text[own:s]
    words = _WORDRE.findall(lead)
    if "\n" in text[sentence_ends[k]:s] or len(words) > 3 or any(w.lower() not in _ELLIPSIS_LEAD for w in words):
        return ""
    if not words and (own == 0 or text[own - 1] == "\n") or not _ELLIPSIS_AFTER.match(text, e):
        return ""
    start = sentence_ends[k - 1] + 2 if k else 0
    para = text.rfind("\n", 0, sentence_ends[k]) + 1
    measure = cues._scan(max(start, para), sentence_ends[k] + 1, True, False)
    return measure if measure in _HAPPENINGS else ""


def find_figures(text: str, dates: list[tuple[int, int]] = (), start: int = 0, end: int | None = None) -> list[Figure]:
    """The figures of ``text[start:end]`` (module docstring); ``dates``: the ``[start, end)``
    spans of its dates, which hold no figure."""
    end = len(text) if end is None else end
    spans = sorted(dates)
    starts = [a for a, _b in spans]
    ends_upto = list(accumulate((b for _a, b in spans), max, initial=-1))[1:]  # the furthest end up to each
    out: list[Figure] = []
    nouns, _v, _p, counted = _vocabulary()
    def dated(p: int) -> bool:      # inside a date: a figure that begins there is dropped below
        return (k := bisect_right(starts, p)) > 0 and ends_upto[k - 1] > p

    digits = list(map(re.Match.start, _DIGIT.finditer(text, start, end)))
    found = None

    def runs() -> Runs:             # the runs of letters, for every search, made once
        nonlocal found
        found = Runs(text, start, end) if found is None else found
        return found

    def all_dated(places: list[int]) -> bool:   # dated() of every place, by C loops
        upto = [-1] + ends_upto
        return all(map(gt, map(getitem, repeat(upto), map(bisect_right, repeat(starts), places)), places))

    if not may_hold(text, start, end, runs, spans, all_dated if spans else None, digits, _NUMBER_WORDS,
                    _TIME_UNITS):
        return out
    found = runs()
    cues = _Cues(text, start, end, found)
    sentence_ends = list(map(re.Match.start, _SENTENCE_END.finditer(text)))

    live, n_live, far = cues.live, len(cues.live), {}

    def dead(p: int, bound: int) -> bool:
        """No word near says what a figure at ``[p, bound)`` or within it counts
        (:meth:`_Cues.may_count`), nor does a figure before it in its sentence, nor (rule
        elliptical count) can it open its sentence: a newline or more than three words
        since the sentence before ended (the words looked for in the first 200 characters
        only, so a long stretch costs no more, and its answer is kept: ``far``)."""
        k = bisect_left(live, p - 300)
        if k < n_live and live[k] < bound + REACH + 80:
            return False
        if out and not _sentence_between(sentence_ends, out[-1].end, p):
            return False
        k = bisect_left(sentence_ends, p) - 1
        if k < 0:
            return True
        since = sentence_ends[k]
        if p >= since + 202:        # the same answer for every place this far into the sentence
            got = far.get(k)
            if got is None:
                got = far[k] = "\n" in text[since:since + 202] or len(_WORDRE.findall(text, since + 2, since + 202)) > 3
            return got
        return "\n" in text[since:p] or len(_WORDRE.findall(text, since + 2, p)) > 3

    for m in _figures(text, start, end, dead, found, dated if spans else None, digits):
        s, e = m.span()
        k = bisect_right(starts, s)    # the dates that start at or before s, the last of them
        if (k and ends_upto[k - 1] > s) or (k < len(spans) and spans[k][0] < e):
            continue  # inside a date
        if dead(s, e):
            continue
        if _NOT_BEFORE.search(text, max(0, s - 12), s) or _MONEY_AFTER.match(text, e):
            continue
        if "of" in text[max(0, s - 40):s].lower() and _OF_TOTAL.search(text, max(0, s - 40), s):
            continue  # "25 of the country's 31 provinces": the 31 is the whole, not a count told
        if m.group("num") and m.group("num")[0].isdigit() and not m.group("qual") and (
                _MONTH.match(text, e) or _MONTH_BEFORE.search(text, max(0, s - 12), s)):
            continue  # "16 November", "November 27": a day of a month, found as a date or not
        qual = " ".join((m.group("qual") or "").lower().split())
        pct = bool(m.group("pct"))
        amount = low = high = None
        if m.group("mag"):
            qual = qual or " ".join(m.group("mag").lower().split())
            low, high = MAGNITUDES[" ".join(m.group("mag").lower().split())]
        elif m.group("frac"):
            amount, pct = _FRACTIONS[m.group("frac").lower()], True
        elif m.group("num") is not None:
            amount = _number(m.group("num"))
        else:
            lo_t = m.group("lo1") or m.group("lo2") or m.group("lo3")
            hi_t = m.group("hi1") or m.group("hi2") or m.group("hi3")
            low, high = _number(lo_t), _number(hi_t)
            if low is None or high is None or low > high:
                continue
            if m.group(0).rstrip().lower().endswith("thousand") and high < 1000:
                low, high = low * 1000, high * 1000
            qual = qual or ("between" if m.group("lo1") else "")
        noun, subject, nend = ("", "", e) if pct and not m.group("frac") else _noun_after(text, e, end)
        if m.group("frac"):
            noun, subject, nend = _noun_after(text, e, end)
        raw = (m.group("num") or "").strip()
        if raw.lower() in ("one", "a", "an") and noun.rstrip("s") not in _TIME:
            continue
        if noun.rstrip("s") in _TIME and _RELATIVE.match(text, nend):
            continue  # "a month after", "four decades ago": when, not how long ("176 people on board" counts)
        if raw.isdigit() and len(raw) == 4 and 1000 <= int(raw) <= 2100 and not noun and not qual:
            continue  # a year
        lo, hi = cues.clause(s, e)
        base = noun.rstrip("s") if noun.endswith("s") and not noun.endswith("ss") else noun
        unit = "%" if pct else (base if base in _TIME else "")
        if unit and unit != "%":
            measure = "duration"
        elif noun in nouns and not (noun in counted and cues.cue(s, nend, lo, hi)):
            measure = nouns[noun]
        else:
            measure = cues.cue(s, nend, lo, hi, noun in counted) or noun
        if not measure and out and out[-1].measure and not _sentence_between(sentence_ends, out[-1].end, s):
            # an elided noun: "304 people were killed; officials said 12" (the figure before tells)
            measure, subject, unit = out[-1].measure, out[-1].subject, out[-1].unit
        if not measure and not noun and not unit and not (out and not _sentence_between(sentence_ends, out[-1].end, s)):
            measure = _elliptical(text, m, sentence_ends, cues)
        if not measure:
            continue
        value = " ".join(text[s:(nend if measure == "duration" else e)].split())
        out.append(Figure(s, e, value, amount, low, high, qual, unit, measure, subject,
                          _attribution(text, s, e)))
    return out
