"""Candidate names: runs of capitalised words, cut where a name cannot go on.

:func:`prose_runs` reads the lines whose capitals can be trusted (prose and
table rows, :mod:`kb.names.tokens`) and yields :class:`Candidate` runs: words
that begin with a capital letter (or dotted acronyms, "U.S.", or initials,
"C."), joined by the small words of names ("Bank *of* England", "Ludwig *van*
Beethoven", "Procter *&* Gamble"), or by a possessive before a word that
types a name, after a common noun ("International Women*'s* Day"; but "Japan's
Foreign Ministry" is two names).  A run ends at punctuation, a
digit, a lower-case word, another possessive, a month or weekday ("Japan On Friday" is no
name) and the end of a line; it never crosses " - " ("Japan - Hassan Abbas").

Then each run is trimmed (:func:`trim`): words that open sentences in
capitals ("The", "However") and titles ("Mr.", "Defender", "Prime Minister")
are cut from its start, the year before an event's or a treaty's name joins it
("1995 World Cup"), a title inside a run cuts it ("World Bank President
James Wolfensohn" gives "World Bank" and "James Wolfensohn"); the words after
a title are a person's (``title``), unless a word that types a name follows
("Supreme Court", "General Motors" stay whole).

:func:`attested_runs` reads the lines whose capitals say nothing (all-capital
headlines, title-case headings): there only the stretches that are known
names are taken: a name the document writes elsewhere, a place of the
gazetteer, a nationality word, a dotted acronym or one in parentheses
("WASHINGTON (AP) --"), or a given name and the word after it.

:func:`dateline` finds the place a dateline opens with ("ROME 1996-12-06",
"BUDAPEST, Hungary (AP)_", "AL-AIN , United Arab Emirates").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from . import lexicon
from .lexicon import fold
from .marks import is_mark
from .tokens import CAPS, TITLE, Tokens

#: the small words inside names: "of" (see :func:`_joins_of`) and the particles of names
PARTICLES = frozenset("de del della der den van von al el la le du da di y bin ibn".split())
CONNECT = PARTICLES | {"of", "and", "the"}
_MONTHS = frozenset("january february march april may june july august september october november december "
                    "monday tuesday wednesday thursday friday saturday sunday jan feb mar apr jun jul aug "
                    "sep sept oct nov dec".split())
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}$")
_INITIAL = re.compile(r"[A-Z]\.$")
_YEAR = re.compile(r"(?:1[89]|20)\d\d$")


@dataclass
class Candidate:
    i: int                      # first token
    j: int                      # one past the last token
    start: int
    end: int
    text: str
    opens: bool = False         # its first word opens a sentence
    kind: str = "prose"         # the kind of its line
    title: bool = False         # a title comes before it ("Mr.", "astronaut")
    dateline: bool = False      # the place of a dateline
    attested: bool = False      # found in a headline as a name known elsewhere
    type: str = ""
    name: str = ""
    level: int = 0              # a place of the gazetteer: 2 country or region, 1 city
    determiner: bool = False    # "the" comes before it: no person
    scores: dict = field(default_factory=dict)

    @functools.cached_property
    def key(self) -> str:
        return fold(self.text)

    @property
    def words(self) -> list[str]:
        return self.text.split()


def name_word(w: str) -> bool:
    """Can ``w`` be a word of a name?  "Japan", "U.S.", "McBride", "C." (an initial)."""
    c = w[0]
    if not c.isupper():
        return False
    if len(w) == 1:
        return False
    if w.lower().rstrip(".") in _MONTHS:
        return False
    return w[1].isalpha() or w[1] in ".&'’-" or w[1].isdigit() or is_mark(w[1])   # "A\u0300da"


def _make(t: Tokens, i: int, j: int, **kw) -> Candidate:
    return Candidate(i, j, t.starts[i], t.ends[j - 1], t.text[t.starts[i]:t.ends[j - 1]], **kw)


_LEGAL = frozenset("inc co corp ltd plc llc cos ag sa nv gmbh".split())
OF_WORDS = frozenset(("of", "of the"))


def _joins_of(left: str) -> bool:
    """May "of" join ``left`` to the name after it?  After a word that types a name
    ("Bank of England", "University of Texas", "Palace of Conventions"), not after a
    company's legal suffix ("Holding PLC of Surrey") nor after a title ("President of
    France": the name is France)."""
    low = left.lower().rstrip(".")
    return low in lexicon.cues() and low not in _LEGAL


def prose_runs(t: Tokens) -> list[tuple[int, int]]:
    """``(i, j)`` token ranges of the capitalised runs of prose and table lines."""
    out = []
    words, kinds, line = t.words, t.kinds, t.line
    n = len(words)
    cues = lexicon.cues()
    k = 0
    while k < n:
        w = words[k]
        if not name_word(w) or kinds[line[k]] in (CAPS, TITLE):
            k += 1
            continue
        i = k
        j = k + 1
        while j < n and line[j] == line[i]:
            if t.text[t.ends[j - 1]:t.starts[j]].strip():
                break
            prev = words[j - 1]
            if prev[-1] == "." and prev[:-1].lower() in _LEGAL:
                break           # "Carnival Cruise Lines Inc. Carnival said": a name ends at its suffix
            w2 = words[j]
            if w2 in ("'s", "’s") and t.starts[j] == t.ends[j - 1] and j + 1 < n and line[j + 1] == line[i] \
                    and name_word(words[j + 1]) and words[j + 1].lower() in cues \
                    and prev.lower() in lexicon.generic():
                j += 2          # "International Women's Day", "People's Party": a possessive inside
                continue        # a name that a word of its type ends
            if name_word(w2) or (_INITIAL.match(w2) and j + 1 < n and name_word(words[j + 1])):
                j += 1
                continue
            low = w2.lower()
            nxt = j + 1 < n and line[j + 1] == line[i] and name_word(words[j + 1])
            if low in PARTICLES or w2 == "&":
                e = j               # "Nikolaus van der Pas", "Procter & Gamble"
                while e < n and line[e] == line[i] and (words[e].lower() in PARTICLES or words[e] == "&") \
                        and e - j < 3:
                    e += 1
                if e < n and line[e] == line[i] and name_word(words[e]) and prev != "&":
                    j = e + 1
                    continue
            if nxt and low == "of" and _joins_of(prev):
                j += 2
                continue
            if low == "the" and words[j - 1].lower() == "of" and j + 1 < n and name_word(words[j + 1]):
                j += 2
                continue
            if nxt and low == "and" and prev.lower() not in cues:
                # "Immigration and Naturalization Service": "and" inside a name whose last
                # word types it as an organisation's
                e = j + 1
                while e < n and line[e] == line[i] and name_word(words[e]) and not \
                        t.text[t.ends[e - 1]:t.starts[e]].strip():
                    e += 1
                if cues.get(words[e - 1].lower().rstrip(".")) == "ORG" and e - j >= 3:
                    j = e
                    continue
            break
        out.append((i, j))
        k = j
    return out


def trim(t: Tokens, i: int, j: int) -> list[Candidate]:
    """The names in the run ``[i, j)``: see the module docstring."""
    words = t.words
    common, titles, cues = lexicon.common(), lexicon.titles(), lexicon.cues()
    opens = t.opens[i]
    kind = t.kinds[t.line[i]]
    title = i > 0 and words[i - 1].lower().rstrip(".") in titles and words[i - 1][:1].islower()
    while i < j and (words[i].lower().rstrip(".") in common or words[i] in CONNECT):
        i += 1
        opens = False
    while j > i and (words[j - 1] in CONNECT or words[j - 1] == "&"):
        j -= 1
    if i >= j:
        return []
    out: list[Candidate] = []
    low = [w.lower().rstrip(".") for w in words[i:j]]
    # a title inside the run: the last one that a name follows cuts it
    cut = -1
    for k in range(len(low) - 1):
        if low[k] in titles and low[k + 1] not in cues and low[k + 1] not in CONNECT \
                and cues.get(low[-1]) not in ("ORG", "MISC") and not all(x in titles for x in low[k + 1:]):
            cut = k
    if cut >= 0:
        e = cut
        while e > 0 and low[e - 1] in titles:
            e -= 1
        if e > 0:                       # the words before the titles: "World Bank", "U.S."
            out += _before_title(t, i, i + e, opens, kind)
        i += cut + 1
        opens = False
        title = True
    elif len(low) == 1 and low[0] in titles:
        return []
    # a country before the name of one of its bodies of three words or more: "U.S." +
    # "Immigration and Naturalization Service" (but "U.S. Embassy" is one name)
    if j - i >= 4 and _place_word(words[i]):
        out.append(_make(t, i, i + 1, opens=opens, kind=kind))
        i += 1
        opens = False
    # the year of an event or a treaty is part of its name: "1995 World Cup", "1971 Convention"
    if i > 0 and _YEAR.match(words[i - 1]) and lexicon.cues().get(low[-1]) == "MISC" \
            and not t.text[t.ends[i - 1]:t.starts[i]].strip() and t.line[i - 1] == t.line[i]:
        i -= 1
        opens = False
    out.append(_make(t, i, j, opens=opens, kind=kind, title=title))
    return out


def _place_word(w: str) -> bool:
    from . import gazetteer

    return gazetteer.place(w) == 2


def _before_title(t: Tokens, i: int, j: int, opens: bool, kind: str) -> list[Candidate]:
    """The name before a title in one run: an organisation ("World Bank President ...")
    whole; else only a place it opens with ("U.S. Trade Representative ...": "U.S.")."""
    from . import gazetteer

    low = [w.lower().rstrip(".") for w in t.words[i:j]]
    if any(w in lexicon.cues() for w in low):
        return [_make(t, i, j, opens=opens, kind=kind)]
    if gazetteer.place(t.words[i]) or low[0] in lexicon.demonyms():
        return [_make(t, i, i + 1, opens=opens, kind=kind)]
    return []


def dateline(t: Tokens, first: int) -> Candidate | None:
    """The place a dateline opens with, at token ``first`` (a line's first token)."""
    words = t.words
    n = len(words)
    j = first
    while j < n and j - first < 4 and t.line[j] == t.line[first] and words[j].isupper() and \
            (len(words[j]) > 1 and words[j][0].isalpha()):
        j += 1
    if j == first or j >= n or t.line[j] != t.line[first]:
        return None
    nxt = words[j]
    if nxt in (",", "(") or nxt[0].isdigit() or (nxt in ("-", "--", "_", "–", "—") and t.kinds[t.line[first]] != CAPS):
        if lexicon.common().isdisjoint(w.lower() for w in words[first:j]):
            return _make(t, first, j, dateline=True, kind=t.kinds[t.line[first]])
    return None


def attested_runs(t: Tokens, i: int, j: int, known, place) -> list[Candidate]:
    """Known names inside the capitalised stretch ``[i, j)`` of a headline (longest
    first, left to right).  ``known(key)`` says whether the document names ``key``
    elsewhere, ``place(key)`` whether it is a place."""
    out = []
    words = t.words
    given, dem = lexicon.given(), lexicon.demonyms()
    k = i
    while k < j:
        hit = 0
        for m in range(min(j, k + 6), k, -1):
            key = fold(t.text[t.starts[k]:t.ends[m - 1]])
            if not key:
                continue
            if known(key) or place(key) or (m - k == 1 and key in dem) or \
                    (m - k == 1 and _DOTTED.match(words[k])) or (m - k == 1 and 0 < k < len(words) - 1 and
                                                                  words[k - 1] == "(" and words[k + 1] == ")") or \
                    (m - k == 2 and key.split()[0] in given and words[k + 1][:1].isupper()):
                hit = m
                break
        if hit:
            out.append(_make(t, k, hit, kind=t.kinds[t.line[k]], attested=True))
            k = hit
        else:
            k += 1
    return out


def caps_stretches(t: Tokens) -> list[tuple[int, int]]:
    """``(i, j)`` ranges of capitalised words in headline lines (CAPS or TITLE kind),
    cut at punctuation, digits and the words that open sentences."""
    out = []
    common = lexicon.common()
    cur = -1
    for k, w in enumerate(t.words):
        kind = t.kinds[t.line[k]]
        ok = kind in (CAPS, TITLE) and w[:1].isupper() and w.lower().rstrip(".") not in common \
            and (cur < 0 or t.line[k] == t.line[cur])
        if ok and cur < 0:
            cur = k
        elif not ok and cur >= 0:
            out.append((cur, k))
            cur = -1
            if kind in (CAPS, TITLE) and w[:1].isupper() and w.lower().rstrip(".") not in common:
                cur = k
    if cur >= 0:
        out.append((cur, len(t.words)))
    return out
