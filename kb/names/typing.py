"""Types from evidence: PER, ORG, LOC or MISC for each name, one per name per document.

The types are CoNLL-2003's: ``PER`` people, ``ORG`` organisations (companies,
agencies, parties, teams, newspapers), ``LOC`` places (countries, cities,
regions, rivers), ``MISC`` the rest (nationalities, events, laws, works).

:func:`evidence` scores one mention; each rule adds to one type:

* the place gazetteer (:mod:`kb.names.gazetteer`): the whole name is a
  country, region or state (LOC +4) or a city (LOC +1.5); an area word before
  a place ("South Florida", "Little Havana") LOC +2.5; the place of a dateline
  LOC +4;
* a nationality, creed or language word ("Iranian", "Shiite") is MISC +4;
* the word that types a name ("Party", "River", "Cup"), the last one or the
  one before "of" ("Bank of England"): its type +3; an organisation word
  elsewhere in it ORG +2; an article of another language first ("Le Monde")
  ORG +1.5; a country or nationality first ("U.S. Embassy") ORG +1.5;
* an acronym ("NATO", "U.N.") that is no place: ORG +2;
* a title before the name ("Mr.", "Defender", "astronaut"), a given name or
  an initial first ("Claire ...", "B. Lara"): PER +3; two or three plain
  capitalised words PER +1, unless the document writes one of them in lower
  case ("Home Shopping", "Federal Reserve": ORG +1);
* context: "in", "at", "from", "near"... before the name LOC +1; "said",
  "told", "urged"... after it, or ", 48," (an age) PER +1, but "said it" ORG
  +2; an apposition ("X, a savings bank," ORG; "X, a police commander," PER)
  +2.5; "chairman of X", "shares of X", "X shares", "X Inc" ORG +2; "Town,
  State" after a place preposition LOC +3; a team in a results table ORG +2;
* "the", "a", "our", "its"... before the name: never a person, unless
  "family", "clan"... follows it ("the McAlpine family": PER +4).

:func:`vote` settles the document: mentions of one name (by its fold) pool
their evidence (the strongest of each type, and a little for each mention)
and all take the winner; a word of a person's full name named alone
("Dubois" after "Claire Dubois") is that person, and a word that begins an
organisation's name its organisation, unless a country or a nationality; an
acronym whose letters begin the words of a name in the document takes that
name's type.  A name with no evidence at all is PER if it has two or three
words and nothing rules a person out, else ORG.
"""

from __future__ import annotations

import re

from . import gazetteer, lexicon
from .candidates import CONNECT, PARTICLES, Candidate
from .lexicon import fold
from .marks import unmarked
from .tokens import TABLE, Tokens

TYPES = ("PER", "ORG", "LOC", "MISC")
_PLACE_BEFORE = frozenset("in at from near across to into outside inside around toward towards via "
                          "throughout visit visited visiting between".split())
_SAID_AFTER = frozenset("said says told added asked say noted stated argued insisted urged warned "
                        "denied proposed".split())
_KIN = frozenset("family families clan dynasty brothers sisters".split())
_AGE = re.compile(r"\s*,\s*\d{1,2}\s*,")
#: words before a name that no person's name takes: "the White House", "our Interests Section"
_DETERMINERS = frozenset("the a an our its their this that these those every each".split())
#: articles of other languages that open the names of papers and firms
_ARTICLES = frozenset("le la les el il lo der die das los las het".split())
_INITIAL = re.compile(r"[A-Z]\.$")
#: words that make a part of a place ("South Florida", "Little Havana")
_AREA = frozenset("north south east west northern southern eastern western central upper lower greater "
                  "little new old inner outer northeast northwest southeast southwest".split())
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}$|[A-Z][A-Z&]{1,6}$")


def _add(scores: dict, kind: str, n: float) -> None:
    scores[kind] = scores.get(kind, 0) + n


def evidence(t: Tokens, c: Candidate, lower: frozenset | set = frozenset()) -> dict[str, float]:
    s: dict[str, float] = {}
    words = c.words
    key = c.key
    low = [w.lower().rstrip(".") for w in words]
    level = gazetteer.place(c.text) if len(words) == 1 else gazetteer.place_fold(key)
    c.level = level
    if level:
        _add(s, "LOC", 4 if level == 2 else 1.5)
    if c.dateline:
        _add(s, "LOC", 4)
    dem = lexicon.demonyms()
    if key in dem or ("-" in c.text and all(fold(p) in dem for p in c.text.split("-") if p)):
        _add(s, "MISC", 4)
        c.level = 2
    cues = lexicon.cues()
    link = next((k for k in range(1, len(low) - 1) if low[k] in ("of", "de", "du", "des", "del")), 0)
    head = low[link - 1] if link else low[-1]          # "Bank of England", "Tour de France"
    cue = cues.get(head)
    if cue and not (level and len(words) == 1):
        _add(s, cue, 3)
    elif len(words) > 1:
        if any(cues.get(w) == "ORG" for w in low[:-1]):
            _add(s, "ORG", 2)
        elif low[0] in _AREA and (level or gazetteer.place(" ".join(words[1:]))):
            _add(s, "LOC", 2.5)         # "South Florida", "Little Havana", "West Indies"
    if len(words) == 2 and low[0] in _ARTICLES and not level:
        _add(s, "ORG", 1.5)             # "Le Monde", "El Pais", "Der Spiegel": a paper, a firm
    if len(words) == 1 and _ACRONYM.match(c.text) and not level:
        _add(s, "ORG", 2)
    before = t.words[c.i - 1].lower() if c.i > 0 else ""
    determiner = before in _DETERMINERS
    if c.title or (len(words) > 1 and _INITIAL.match(words[0])):
        _add(s, "PER", 3)               # "Mr. Smith", "astronaut Jon McBride", "B. Lara"
    if low[0] in lexicon.given() and len(words) > 1 and not level:
        _add(s, "PER", 3)
    plain = all(w[:1].isupper() and w[1:].islower() and w.isalpha()
                for w in map(unmarked, words) if w not in PARTICLES)     # marks: kb.names.marks
    worded = any(w in lower for w in low[1:] if w not in PARTICLES)   # "Home Shopping", "Federal Reserve"
    if 2 <= len(words) <= 3 and plain and not determiner and not worded:
        _add(s, "PER", 1)
    elif worded and len(words) > 1 and "PER" not in s:
        _add(s, "ORG", 1)
    if before in _PLACE_BEFORE:
        _add(s, "LOC", 1)
    after = t.words[c.j].lower() if c.j < len(t.words) else ""
    after2 = t.words[c.j + 1].lower() if c.j + 1 < len(t.words) else ""
    if after in _SAID_AFTER and after2 in ("it", "its"):
        _add(s, "ORG", 2)               # "Telerate said it ..."
    elif (after in _SAID_AFTER or _AGE.match(t.text, c.end)) and not determiner:
        _add(s, "PER", 1)
    if after == "," and len(words) == 1 and (before in _PLACE_BEFORE or before == "of") and _region_after(t, c.j + 1):
        _add(s, "LOC", 3)               # "Lewisburg, West Virginia": a town and its state
    if len(words) > 1 and (gazetteer.place(words[0]) == 2 or fold(words[0]) in dem) and not level \
            and "PER" not in s:
        _add(s, "ORG", 1.5)             # "U.S. Embassy", "Cuban Interests Section"
    if t.kinds[t.line[c.i]] == TABLE and len(words) <= 2 and level < 2 and "PER" not in s:
        _add(s, "ORG", 2)               # a team in a results table: "Arsenal 2 Derby 2" (a country
        #                                 stays a place: "Japan 2 Syria 1")
    appos = _apposition(t, c.j)
    if appos:
        _add(s, appos, 2.5)             # "Meridian, a savings bank", "Okafor, a police commander"
    before2 = t.words[c.i - 2].lower().rstrip(".") if c.i > 1 else ""
    if (before == "of" and before2 in lexicon.titles()) or before in ("shares", "stake") \
            or (before == "of" and before2 in ("shares", "stake", "unit", "subsidiary")) \
            or after in ("shares", "stock", "inc", "corp"):
        if not level:
            _add(s, "ORG", 2)           # "chairman of Telerate", "shares of Citadel", "Rally's shares"
    if after in _KIN:
        _add(s, "PER", 4)               # "the McAlpine family": a family name
        determiner = False
    if determiner:
        s.pop("PER", None)
        c.determiner = True
    return s


#: head nouns of an apposition that say what an organisation is
_ORG_HEADS = frozenset("company companies firm concern maker makers producer manufacturer bank group unit "
                       "subsidiary partnership retailer airline carrier insurer publisher newspaper agency "
                       "operator developer supplier chain brokerage exchange team club party union".split())


def _apposition(t: Tokens, k: int) -> str:
    """What an apposition after a name says it is: "Meridian, a savings bank," -> ORG;
    "Okafor, a police commander," -> PER; else ""."""
    if k >= len(t.words) or t.words[k] != "," or k + 1 >= len(t.words) or \
            t.words[k + 1].lower() not in ("a", "an", "the"):
        return ""
    titles = lexicon.titles()
    for m in range(k + 2, min(k + 9, len(t.words))):
        w = t.words[m].lower()
        if w in (",", ".", ";", "(", ")"):
            return ""
        if w in _ORG_HEADS:
            return "ORG"
        if w in titles:
            return "PER"
    return ""


def _region_after(t: Tokens, k: int) -> bool:
    """Do the (up to three) words from ``k`` on name a country, a state or a region?"""
    for m in range(k + 1, min(k + 4, len(t.words)) + 1):
        if gazetteer.place(t.text[t.starts[k]:t.ends[m - 1]]) == 2:
            return True
    return False


def _default(c: Candidate, scores: dict) -> str:
    if scores:
        return max(TYPES, key=lambda k: (scores.get(k, 0), -TYPES.index(k)))
    n = len(c.words)
    if n in (2, 3) and not c.determiner and "ORG" not in scores:
        return "PER"
    return "ORG"


def vote(t: Tokens, cands: list[Candidate], lower: frozenset | set = frozenset()) -> None:
    """Set ``type`` and ``name`` of every candidate (see the module docstring)."""
    pooled: dict[str, dict] = {}
    first: dict[str, Candidate] = {}
    no_person: set[str] = set()
    for c in cands:
        c.scores = evidence(t, c, lower)
        first.setdefault(c.key, c)
        if c.determiner:
            no_person.add(c.key)
        p = pooled.setdefault(c.key, {})
        for k, v in c.scores.items():     # the strongest evidence of any mention, and a
            p[k] = max(p.get(k, 0), v) + 0.1   # little for each mention that gives it
    for key in no_person:
        pooled[key].pop("PER", None)
    types = {key: _default(first[key], sc) for key, sc in pooled.items()}
    # full names of people, by their words; names of organisations by their first word;
    # names by their initials
    person_word: dict[str, str] = {}
    org_word: dict[str, str] = {}
    by_initials: dict[str, str] = {}
    for c in cands:
        ws = c.key.split()
        if len(ws) >= 2 and types[c.key] == "PER":
            for w in (ws[0], ws[-1]):
                if w not in person_word or len(c.text) > len(person_word[w]):
                    person_word[w] = c.text
        elif len(ws) >= 2 and types[c.key] == "ORG":
            org_word.setdefault(ws[0], c.key)
        caps = [w for w in c.words if w[:1].isupper() and w not in CONNECT]
        if len(caps) >= 2:
            by_initials.setdefault("".join(w[0] for w in caps).lower(), c.key)
    for c in cands:
        key = c.key
        c.type = types[key]
        c.name = c.text.title() if (c.attested or c.dateline) and c.text.isupper() and "." not in c.text \
            and len(c.text) > 3 else c.text
        strong = first[key].level == 2 or "MISC" in pooled[key] and pooled[key]["MISC"] >= 4
        if " " in key or strong:
            continue
        if key in person_word:
            c.type = "PER"
            c.name = person_word[key]
        elif key in org_word and not pooled[key].get("PER") and pooled[key].get("LOC", 0) < 2.5:
            c.type = "ORG"
        elif c.text.replace(".", "").isupper() and key.replace(" ", "") in by_initials:
            full = by_initials[key.replace(" ", "")]
            if full != key:
                c.type = types[full]
