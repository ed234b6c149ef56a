"""Extraction: sentences and clauses, the dates in them, the entities they name.

Contract of :meth:`Extractor.extract` (one document in, plain data out; the
store is not touched):

**Segments.**  The text is cut into lines; a *heading* is a short line (at
most 12 words, no closing ``.``/``?``/``!``) and names the section of what
follows it.  Other lines are cut into sentences after ``.``, ``?`` or ``!``
followed by space and a capital, digit or quote, except after abbreviations
(``Dr.``, ``U.S.``, ``Sept.``, single initials...).  Every segment keeps its
``[start, end)`` character offsets into the document text.  Bylines,
"Published On:" lines and copyright notices are not segments.

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
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from .. import names as namekeys
from ..dates import (MONTHS, REFERENTIAL_RULES, DateError, DateSpan, find_dates, modifier_year,
                     parse_date, scan_dates)

# --------------------------------------------------------------------------
# segmentation

_ABBREV = frozenset(
    "dr mr mrs ms st jr sr prof gen col lt sgt capt sen rep gov no vs etc e.g i.e al inc co corp "
    "ltd dept univ approx fig jan feb mar apr jun jul aug sep sept oct nov dec mt ft rev hon".split())
_BOUNDARY = re.compile(r"[.!?][\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_LAST_WORD = re.compile(r"(\S+)$")
_SKIP_LINE = re.compile(r"^\s*(?:by\s+published\b|published\s+on\b|posted\s+on\b|"
                        r"copyright\b|©|all rights reserved\b|categories\s*:)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*$")
# a line of tags or keywords ("Elections,Iran Protests,Human Rights"): commas with no space
# after them, three or more times; page furniture, not prose
_TAG_LIST = re.compile(r"(?:[^,\s][^,]*,(?=\S)){3}")


@dataclass
class Segment:
    start: int
    end: int
    heading: bool
    section: str
    section_id: int = 0


def _split_line(line: str, base: int) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _BOUNDARY.finditer(line):
        before = line[pos:m.start() + 1]
        w = _LAST_WORD.search(before)
        word = w.group(1).rstrip(".").lower() if w else ""
        if word in _ABBREV or (len(word) == 1 and word.isalpha()) or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
            continue
        out.append((base + pos, base + m.start() + 1))
        pos = m.end()
    if line[pos:].strip():
        out.append((base + pos, base + len(line.rstrip())))
    return out


def segments(text: str) -> list[Segment]:
    """Headings and sentences of a text, with offsets (see the module docstring)."""
    out: list[Segment] = []
    section = ""
    sid = 0
    pos = 0
    for line in text.split("\n"):
        base, pos = pos, pos + len(line) + 1
        stripped = line.strip()
        if not stripped or _SKIP_LINE.match(stripped):
            continue
        lead = len(line) - len(line.lstrip())
        if len(stripped.split()) <= 12 and not _SENTENCE_END.search(stripped) \
                and not _BULLET.match(stripped):
            clean = stripped.lstrip("#").strip()
            section = clean[:120]
            sid += 1
            out.append(Segment(base + lead, base + lead + len(stripped), True, section, sid))
            continue
        for s, e in _split_line(line, base):
            # trim leading space inside the sentence
            while s < e and text[s].isspace():
                s += 1
            out.append(Segment(s, e, False, section, sid))
    return out


_CLAUSE = re.compile(r";|:\s|\s[–—-]\s|,\s+(?:and|but|while|whereas|when|after|before|until|which)\b"
                     r"|\s(?:that|which|who)\s+(?:was|were|had\s+been|has\s+been|have\s+been)\s")


# --------------------------------------------------------------------------
# entity names

_WORD = re.compile(r"[^\W_](?:[\w]|[’'\-.](?=\w))*\.?")
_POSSESSIVE = re.compile(r"[’']s$")
_CONNECT = frozenset({"of", "the", "for", "de", "e", "al", "el", "ul", "du", "von", "van", "sur"})
_HONORIFIC = frozenset({"foreign", "deputy", "former", "vice", "chief", "supreme", "leader",
                        "chairman", "spokesman", "spokesperson", "commander", "brigadier",
                        "staff", "writer", "captain", "spokeswoman", "capt", "lieutenant", "professor", "doctor", "mr", "mrs", "ms", "dr", "prof", "president", "senator", "sen", "mayor",
                        "ayatollah", "sheikh", "madame", "mme", "sir", "lord", "lady", "general",
                        "gen", "colonel", "minister", "judge", "imam", "mullah", "rep",
                        "representative", "ambassador", "governor", "prime", "secretary"})
_MONTH_WORDS = frozenset(k for k in MONTHS) | {"monday", "tuesday", "wednesday", "thursday",
                                               "friday", "saturday", "sunday"}
_COMMON_CAPS = frozenset(
    "i the a an in on at by for from to of and or but this that these those it its he she they we "
    "you his her their our my your there here when while after before during since until as if "
    "with without about also however although though then thus yet so not no yes all some many "
    "most more one two three four five six seven eight nine ten first second third last next "
    "who what where why how which every each both either neither such other another over under "
    "between among into onto upon through throughout according despite including around circa "
    "nearly almost even back just still now today nowadays indeed furthermore moreover meanwhile "
    "therefore instead perhaps let".split())
_DEMONYM = re.compile(r"(?:ian|ean|ese|ish|ic|i)$")

_ORG = ("organization", "organisation", "council", "party", "corps", "guard", "guards", "army",
        "committee", "union", "ministry", "front", "movement", "association", "foundation",
        "agency", "parliament", "assembly", "court", "police", "university", "group", "forces",
        "resistance", "institute", "nations", "department", "company", "bank", "commission",
        "office", "society", "network", "mojahedin", "mujahedin", "news", "tv", "times", "post",
        "service", "services", "federation", "league", "coalition", "alliance", "board",
        "senate", "congress", "house", "government", "regime", "monitor", "watch", "units")
_PLACE = ("port", "town", "village", "city", "province", "camp", "street", "square", "prison", "island", "islands",
          "mountains", "river", "county", "district", "state", "states", "kingdom", "valley",
          "gulf", "sea", "east", "west", "north", "south", "airport", "base", "road")
_EVENT = ("war", "revolution", "massacre", "uprising", "conference", "summit", "protests",
          "crisis", "operation", "gathering", "rally", "election", "elections", "coup", "day",
          "anniversary", "festival", "strike", "strikes")


# an Arabic/Persian name particle glued to a capitalised name: "al-Maliki", "bin-Laden"
_PARTICLE = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|an|bin|ibn|abu)-[A-Z]")
# glued words ("MadisonDuring"): a capitalised word run into a following sentence word
_GLUED = re.compile(r"[A-Z][a-z]{2,}([A-Z][a-z]+)$")


# "State-run Baharestaneh": a hyphenated modifier before a name
_MODIFIER_WORD = re.compile(r"[A-Z][\w]*-(?:run|based|backed|linked|affiliated|owned|led|funded|"
                            r"controlled|sponsored|aligned|era)", re.IGNORECASE)
_YEAR_EVENT = re.compile(r"\b((?:1[6-9]|20)\d\d)\s+((?:[A-Z][a-z]+\s+){0,2}([A-Z][a-z]+))\b")
# adjectives of a creed or a party, not of a state: "Christian police", "Republican army"
_CREEDS = frozenset("christian muslim republican democrat democratic socialist communist liberal "
                    "conservative catholic protestant sunni shia shiite islamist".split())
_STATE_BODY = re.compile(r"\b([A-Z][a-z]+|[A-Z]{2,3})\s+(?:government|army|military|judiciary|"
                         r"parliament|navy|police)\b")
_QUOTED_TITLE = re.compile(r"[“\"‘]([0-9A-Z][^“”\"‘’]{3,80}?)[,.]?[”\"’]")
# what introduces a title: "a report called", "an exhibition entitled,", "the book"
_TITLE_CUE = re.compile(r"\b(?:entitled|titled|called|named|dubbed|headlined|book|report|article|"
                        r"exhibition|film|documentary|campaign|album|novel|poem|song|study|paper)\s*,?\s*$",
                        re.IGNORECASE)
_TITLE_SMALL = _CONNECT | {"and", "or", "a", "an", "in", "on", "to", "at", "by", "with"}
_BYLINE = re.compile(r"^[ \t]*By\s+([A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-.]+){1,3})[ \t]*$", re.MULTILINE)
_DOMAIN = re.compile(r"(?:https?://(?:www\.)?|(?<![\w.@/-])(?:www\.)?)((?:[A-Za-z0-9][A-Za-z0-9-]*\.)+"
                     r"(?:com|org|net|tv|info|io|fm|ir))(?![\w-])")


def _use(toks, used, a: int, b: int) -> None:
    """Mark the tokens inside [a, b) as part of a name already found."""
    for k, (x, y) in enumerate(toks):
        if a <= x and y <= b:
            used[k] = True


# "Smith, a former judge, ...": a sentence-initial word followed by an apposition
_APPOSITION = re.compile(r",\s+(?:an?|the|known\s+as|who|whose)\s")


_DIGIT_GLUED = re.compile(r"((?:1[6-9]|20)\d\d)[-–](?=[A-Z])")
_GLUED_AFTER = re.compile(r"([A-Z][a-z]{2,})(?:\.([A-Z][a-z]+)|(\d{4}(?:[A-Z][a-z]+)?))")
_CAMEL = re.compile(r"(?:[A-Z][a-z]+|[a-z])(?:[A-Z][a-z]+)+")


def _split_glued(seg: str, toks):
    """Split tokens where a name is glued to the next sentence's first word ("LeeThe")
    or to a date before it ("2016-Auver")."""
    out = []
    for a, b in toks:
        d = _DIGIT_GLUED.match(seg, a, b)
        if d:                      # "2016-Auver": a caption's date run into a name
            out += [(a, a + len(d.group(1))), (d.end(), b)]
            continue
        d = _GLUED_AFTER.match(seg, a, b)
        if d and d.end() == b:     # "France1988", "Khomeini.The": a name run into what follows
            out += [(a, d.end(1)), (d.start(d.lastindex), b)]
            continue
        m = _GLUED.match(seg, a, b)
        if m and m.end() == b and m.group(1).lower() in _COMMON_CAPS | _MONTH_WORDS:
            out += [(a, m.start(1)), (m.start(1), b)]
        else:
            out.append((a, b))
    return out


def _capital_word(seg: str, toks, k: int, used) -> bool:
    """Is token ``k`` an unused capitalised word that could continue a name?"""
    if k < 0 or k >= len(toks) or used[k]:
        return False
    w = seg[toks[k][0]:toks[k][1]]
    if not w[:1].isupper() or w.lower().rstrip(".") in _COMMON_CAPS | _MONTH_WORDS:
        return False
    gap = seg[toks[k - 1][1]:toks[k][0]] if k > 0 else ""
    nxt = seg[toks[k][1]:toks[k + 1][0]] if k + 1 < len(toks) else ""
    return gap.strip() == "" and nxt.strip() in ("", "-") or gap.strip() == ""


def _of_name(seg: str, toks, i: int, used) -> bool:
    """Is token ``i`` the tail of an "X of Y" name ("Voice of America")?  Not when X
    is a title ("President of France"): then Y is the name."""
    if i < 2 or seg[toks[i - 1][0]:toks[i - 1][1]] not in ("of", "de"):
        return False
    if seg[toks[i - 2][1]:toks[i - 1][0]].strip() or seg[toks[i - 1][1]:toks[i][0]].strip():
        return False
    w = seg[toks[i - 2][0]:toks[i - 2][1]]
    return _capital_word(seg, toks, i - 2, used) and w.lower() not in _HONORIFIC \
        and not _POSSESSIVE.search(w)


def _sentence_case(seg: str, toks) -> bool:
    """A heading in sentence case (few capitals) may hold names; title case never counts."""
    words = [seg[a:b] for a, b in toks if seg[a:b][:1].isalpha()]
    caps = sum(w[0].isupper() for w in words)
    return len(words) >= 3 and caps / len(words) <= 0.5


def _title_split(words: list[str]) -> tuple[bool, list[list[str]]]:
    """A person's name after a title inside one capitalised run: "Prime Minister
    Jane Roe", "Minister of Finance Jane Roe" -> (True, [["Jane", "Roe"]]); an
    organisation's name before a person's: "Audit Committee Jane Roe" ->
    (False, [["Audit", "Committee"], ["Jane", "Roe"]])."""
    low = [w.lower() for w in words]
    last = max((k for k, w in enumerate(low) if w in _HONORIFIC), default=-1)
    if last >= 0:
        k = last + 1
        if k + 3 < len(words) + 1 and k < len(low) and low[k] in ("of", "for") and len(words) - k >= 4:
            k += 2          # "Minister of Finance Jane Roe"
        tail = words[k:]
        if len(tail) >= 2 and not any(w.lower() in _CONNECT for w in tail) and last + 1 < len(words) \
                and not any(w.lower() in _ORG + _PLACE + _EVENT for w in tail):
            return True, [tail]
        return False, [words]
    for k, w in enumerate(low[:-2]):
        tail = words[k + 1:]
        if w in _ORG and k >= 1 and len(tail) in (2, 3) and all(t[:1].isupper() for t in tail) \
                and not any(t.lower() in _ORG + _PLACE + _EVENT + tuple(_CONNECT) for t in tail):
            return False, [words[:k + 1], tail]
    return False, [words]


def guess_type(name: str, honorific: bool = False) -> str:
    ws = namekeys.fold(name).split()
    if not ws:
        return "other"
    if any(w in _EVENT for w in ws):
        return "event-name"
    if any(w in _ORG for w in ws):
        return "organization"
    if any(w in _PLACE for w in ws):
        return "place"
    if honorific:
        return "person"
    plain = [w for w in name.split() if w[:1].isupper() and not w.isupper()]
    if 2 <= len(ws) <= 3 and len(plain) == len(ws):
        return "person"
    if len(ws) == 1 and name.isupper():
        return "organization"
    return "other"


class AliasTable:
    """Every alias of every entity under its name keys; grows as new names are found."""

    def __init__(self, entities: list[dict] = ()):
        self.fold: dict[str, set[str]] = {}
        self.skel: dict[str, set[str]] = {}
        self.lower_ok: set[str] = set()
        self.first: set[str] = set()
        self.first_skel: set[str] = set()
        self.max_words = 1
        self.names: dict[str, str] = {}
        self.types: dict[str, str] = {}
        self.aliases: dict[str, set[str]] = {}
        for e in entities:
            if e.get("id"):
                self.add(e["id"], e.get("name", e["id"]), e.get("aliases", []), e.get("type", "other"))

    def add(self, eid: str, name: str, aliases=(), etype: str = "other") -> None:
        self.names.setdefault(eid, name)
        self.types.setdefault(eid, etype)
        known = self.aliases.setdefault(eid, set())
        for alias in dict.fromkeys([name, *aliases]):
            f, s = namekeys.keys(alias)
            if not f or alias in known:
                continue
            known.add(alias)
            self.fold.setdefault(f, set()).add(eid)
            if len(s) >= 4:
                self.skel.setdefault(s, set()).add(eid)
            if alias == alias.lower():
                self.lower_ok.add(f)
            ws = f.split()
            self.first.add(ws[0])
            self.first_skel.add(namekeys.skeleton(ws[0]))
            self.max_words = max(self.max_words, min(len(ws), 10))

    def new_id(self, name: str) -> str:
        base = namekeys.slugify(name)
        eid, n = base, 2
        while eid in self.names:
            eid, n = f"{base}-{n}", n + 1
        return eid

    def lookup(self, text: str, capitalised: bool) -> set[str]:
        f, s = namekeys.keys(text)
        ids = self.fold.get(f)
        if ids and (capitalised or f in self.lower_ok):
            return ids
        if capitalised and len(s) >= 4:
            return self.skel.get(s, set())
        return set()


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


_ACRONYM = re.compile(
    r"((?:[A-Z][\w’'\-]*\s+(?:(?:of|the|for|and|de|in|on|e)\s+)*){1,9})\(\s*([A-Z][A-Z0-9&]{1,9})"
    r"(?:\s*/\s*[A-Z][\w &]{0,15})?\s*\)")


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper())


def _acronym_expansion(expansion: str, acronym: str) -> str | None:
    """The shortest tail of ``expansion`` whose capitals spell ``acronym``."""
    ws = expansion.split()
    for i in range(len(ws)):
        tail = ws[i:]
        if tail[0].lower() in _CONNECT:
            continue
        if _initials(tail).upper() == acronym.upper() and len(tail) >= 2:
            return " ".join(tail)
    return None


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
        i = 0
        while i < len(toks):
            first = namekeys.fold(_POSSESSIVE.sub("", seg[toks[i][0]:toks[i][1]]))
            first = first.split()[0] if first else ""
            hit = None
            if first in table.first or (first and first[0].isalpha()
                                        and namekeys.skeleton(first) in table.first_skel):
                for n in range(min(table.max_words + 2, len(toks) - i), 0, -1):
                    a, b = toks[i][0], toks[i + n - 1][1]
                    phrase = _POSSESSIVE.sub("", seg[a:b].rstrip("."))
                    cap = any(c.isupper() for c in phrase)
                    ids = table.lookup(phrase, cap)
                    if ids:
                        hit = (n, ids, phrase)
                        break
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
            if (re.search(r"(?:ian|ean|ese|ish|i|an|ch)$", adj) and adj.lower() not in _CREEDS) or adj.isupper():
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
            cap = w[0].isupper() or (w[0].isdigit() and cur) or bool(_PARTICLE.match(w))
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
            while words and (words[0].lower() in _HONORIFIC or words[0].lower() in _COMMON_CAPS
                             or words[0].lower() in _CONNECT):
                honorific = honorific or words[0].lower() in _HONORIFIC
                words.pop(0)
                at_start = False
            while words and (words[-1].lower() in _CONNECT or words[-1][:1].isdigit()):
                words.pop()
            if words and words[0][:1].isdigit():
                continue        # "28-day", "56th": a count or an ordinal, not a name
            if not words:
                continue
            while len(words) > 1 and _MODIFIER_WORD.fullmatch(words[0]):
                words.pop(0)        # "State-run Baharestaneh": the name is Baharestaneh
                at_start = False
            if len(words) == 1:
                w = words[0]
                appos = bool(_APPOSITION.match(seg, run_end)) and not w.lower().endswith("ly")
                if appos and _HONORIFIC.intersection(re.findall(r"[a-z]+", seg[run_end:run_end + 60].lower())):
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
            if not re.search(r"[A-Za-z]{2}", name) or re.search(r"\b(?:1[6-9]|20)\d\d\b", name):
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
            if _TAG_LIST.search(text, seg.start, seg.end):
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
                for span in spans:
                    ev = Event(cs, ce, text[cs:ce], span, seg.section, seg.heading,
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
        for a, b in zip(cuts, cuts[1:]):
            inside = [d for d in seg_dates if a <= d[0] and d[1] <= b]
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
# A bullet item with no date of its own inherits the date of the sentence that
# introduces its list (a sentence ending in ":"), or of the sentence before that.
_BULLET = re.compile(r"[ \t]*(?:[-*•·▪–]|\d{1,2}[.)])\s+")

_SINCE = re.compile(r"(?:\b(?:since|as\s+of|as\s+at)\s+(?:the\s+)?(?:(?:early|mid|late)[-\s]+)?)$", re.IGNORECASE)


def _state_since(text: str, d) -> bool:
    """A date that only opens a state or a tally: "since 1971 the group has...",
    "as of January 2019 the figure is...".  The clause tells how things stand
    (at the time of writing), not what happened then."""
    s, _e, span = d
    return bool(_SINCE.search(text, max(0, s - 20), s)) or bool(
        re.match(r"(?:since|as\s+of)\b", span.text, re.IGNORECASE))


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
    out = []
    for k, (s, e, span, sec) in enumerate(marked):
        if span.anchor is None or (span.rule or "").split(":")[0] in REFERENTIAL_RULES \
                or "restating" in (span.rule or ""):
            out.append((s, e, span))
            continue
        anchor, how = None, None
        if (span.rule or "").startswith("month-no-year"):
            months = {span.start.month, span.end.month}
            for _s, _e, ref, rsec in reversed(marked[:k]):
                if rsec != sec:
                    break
                if ref.anchor is None and ref.start.year == ref.end.year and ref.precision in (
                        "day", "month", "range") and months <= set(range(ref.start.month, ref.end.month + 1)):
                    anchor, how = date(ref.end.year, 12, 31), "same month: named with its year earlier in the section"
                    break
        if anchor is None:
            near = [m for m in reversed(marked[:k]) if m[3] == sec] + [m for m in marked[k + 1:] if m[3] == sec]
            ref = next((r for _s, _e, r, _ in near if r.anchor is None and r.precision != "decade"), None)
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
    keep = []
    for ev in events:
        if ev.heading and ev.section_id not in bodies:
            continue
        if ev.heading and ev.date.precision != "range" and any(
                not o.heading and o.section_id == ev.section_id
                and ev.date.start <= o.date.start and o.date.end <= ev.date.end for o in events):
            continue
        keep.append(ev)
    return keep
