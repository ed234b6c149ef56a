"""Entity names: the words names are made of, and the table of known aliases.

The vocabulary the name finder of :class:`kb.ingest.mentions.NameFinder` works
with (connectives, honorifics, common capitalised words, month and weekday
names, the words that type a name), the patterns of names it looks for
(acronyms with their expansion, "the 1906 Earthquake", "the Iraqi army", quoted
titles, bylines, websites), the token helpers (glued words, capitalised runs,
a title before a person's name) and :func:`guess_type`; :class:`AliasTable`
(every alias of every entity under its name keys) and the walk that finds the longest
known alias are in :mod:`kb.ingest.aliases`, and are imported from here too.  The rules as a whole are
in :mod:`kb.ingest.mentions`'s docstring; the word lists shared with the name
tagger are in :mod:`kb.names.lexicon`.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from itertools import accumulate

from .. import names as namekeys
from ..names.marks import BODY, INNER, Marked, compiled, has_inner
from ..dates import MONTHS
# the alias table and its walk, kept here too as where the name finder's parts are found
from .aliases import (AliasTable, Beginnings, PhraseKeys, _ascii_walk, fold,  # noqa: F401
                      longest_alias, skeleton_of_fold)

# (each stretch of word characters taken whole, nothing given back: the same words as
# ``[^\W_](?:[\w]|[’'\-.](?=\w))*\.?``, which took them one by one through the alternation)
_WORD = re.compile(r"[^\W_]\w*+(?:[’'\-.](?=\w)\w*+)*+\.?")
# the words of a text and what lies between them, split in one pass (:func:`word_spans`)
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")
# the same where a combining mark after a word character, or a zero-width joiner between
# two, belongs to the word ("Masso\u0300ud" is one word): for a text that has one
# (:func:`kb.names.marks.has_inner`), compiled then (the same words in a text without any)
_WORD_MARKED = rf"[^\W_]{BODY}(?:[’'\-.](?=\w){BODY})*+\.?"


def words_of(seg: str) -> list[str]:
    """The words of ``seg`` (:data:`_WORD`, marks and joiners inside a word kept in it)."""
    return (compiled(_WORD_MARKED) if has_inner(seg) else _WORD).findall(seg)
_POSSESSIVE = re.compile(r"[’']s$")
_CONNECT = frozenset({"of", "the", "for", "de", "e", "al", "el", "ul", "du", "von", "van", "sur"})
_HONORIFIC = frozenset({"foreign", "deputy", "former", "vice", "chief", "supreme", "leader",
                        "chairman", "spokesman", "spokesperson", "commander", "brigadier",
                        "captain", "spokeswoman", "capt", "lieutenant", "professor", "doctor", "mr", "mrs", "ms", "dr", "prof", "president", "senator", "sen", "mayor",
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
_NOT_NAME_WORDS = _COMMON_CAPS | _MONTH_WORDS

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
_TYPE_WORDS = frozenset(_ORG + _PLACE + _EVENT)


# an Arabic/Persian name particle glued to a capitalised name: "al-Maliki", "bin-Laden"
_PARTICLE = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|an|bin|ibn|abu)-[A-Z]")
# glued words ("LisbonAfter"): a capitalised word run into a following sentence word
_GLUED = re.compile(r"[A-Z][a-z]{2,}([A-Z][a-z]+)$")


# "State-run Radiogram": a hyphenated modifier before a name
# (each of these three: its twin whose words take marks and joiners for a text that has one,
# :class:`kb.names.marks.Marked`: "By Masso\u0300ud Rajavi" is not cut at the accent)
_MODIFIER_WORD = Marked(*(rf"[A-Z][\w{inner}]*-(?:run|based|backed|linked|affiliated|owned|led|funded|"
                          r"controlled|sponsored|aligned|era)" for inner in ("", INNER)), re.IGNORECASE)
# (the year's \b checked after its first two digits: a pattern that begins with a set of
# characters is searched by the engine's own loop; a leading \b is tried at every character)
_YEAR_EVENT = re.compile(r"((?:1[6-9]|20)(?<!\w..)\d\d)\s+((?:[A-Z][a-z]+\s+){0,2}([A-Z][a-z]+))\b")
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
_BYLINE = Marked(*(rf"^[ \t]*By\s+([A-Z][\w’'\-{inner}]+(?:\s+[A-Z][\w’'\-.{inner}]+){{1,3}})[ \t]*$"
                   for inner in ("", INNER)), re.MULTILINE)
_DOMAIN = re.compile(r"(?:https?://(?:www\.)?|(?<![\w.@/-])(?:www\.)?)((?:[A-Za-z0-9][A-Za-z0-9-]*\.)+"
                     r"(?:com|org|net|tv|info|io|fm|ir))(?![\w-])")


def word_spans(seg: str) -> tuple[list[tuple[int, int]], list[str]]:
    """The ``(start, end)`` of each match of :data:`_WORD` in ``seg`` and the words
    themselves, without a match object a word: :meth:`re.Pattern.split` with the word
    captured gives the stretches between words and the words in turn, and their running
    lengths are where each begins and ends."""
    parts = (compiled(f"({_WORD_MARKED})") if has_inner(seg) else _WORD_SPLIT).split(seg)
    ends = list(accumulate(map(len, parts)))
    return list(zip(ends[0:-1:2], ends[1::2])), parts[1::2]


def _use(toks, used, a: int, b: int) -> None:
    """Mark the tokens inside [a, b) as part of a name already found.  Tokens are in
    order and do not overlap, so only those from the first starting at ``a`` on are
    looked at (a bisection), not every token of the sentence."""
    k = bisect_left(toks, (a, -1))
    while k < len(toks) and toks[k][0] < b:
        if toks[k][1] <= b:
            used[k] = True
        k += 1


# "Smith, a former judge, ...": a sentence-initial word followed by an apposition
_APPOSITION = re.compile(r",\s+(?:an?|the|known\s+as|who|whose)\s")


_DIGIT_GLUED = re.compile(r"((?:1[6-9]|20)\d\d)[-–](?=[A-Z])")
_GLUED_AFTER = re.compile(r"([A-Z][a-z]{2,})(?:\.([A-Z][a-z]+)|(\d{4}(?:[A-Z][a-z]+)?))")
_SUSPECT = re.compile(r"[a-z](?:\.?[A-Z]|\d)|\d[-–][A-Z]")
# the character after where _SUSPECT can match, the pair it closes checked behind it: a
# pattern that begins with a set of characters is searched by the engine's own loop, which
# skips the other characters; _SUSPECT, which begins at any small letter, is tried at each
_SUSPECT_NEXT = re.compile(r"[A-Z\d.\-–](?:(?<=[a-z][A-Z\d])|(?<=[a-z]\.|\d[-–])(?=[A-Z]))")


def _suspects(seg: str) -> list[int]:
    """Where the matches of ``_SUSPECT.finditer(seg)`` begin (one before each place
    :data:`_SUSPECT_NEXT` finds, where one can begin; matched there, none overlapping)."""
    out, end = [], 0
    for m in _SUSPECT_NEXT.finditer(seg):
        s = m.start() - 1
        if s >= end and (hit := _SUSPECT.match(seg, s)):
            out.append(s)
            end = hit.end()
    return out
_CAMEL = re.compile(r"(?:[A-Z][a-z]+|[a-z])(?:[A-Z][a-z]+)+")


def _split_glued(seg: str, toks):
    """Split tokens where a name is glued to the next sentence's first word ("LeeThe", "ParisWhen")
    or to a date before it ("2016-Lyon")."""
    # every glued form holds one of the pairs _SUSPECT finds: a segment without one (most)
    # is returned as it is, and only a word that holds one is looked at
    sus = _suspects(seg)
    if not sus:
        return toks
    out = []
    for a, b in toks:
        c = seg[a]
        k = bisect_left(sus, a)
        if not ("A" <= c <= "Z" or c in "12") or k == len(sus) or sus[k] >= b - 1:
            out.append((a, b))
            continue
        d = _DIGIT_GLUED.match(seg, a, b)
        if d:                      # "2016-Lyon": a caption's date run into a name
            out += [(a, a + len(d.group(1))), (d.end(), b)]
            continue
        d = _GLUED_AFTER.match(seg, a, b)
        if d and d.end() == b:     # "France1990", "Lisbon.The": a name run into what follows
            out += [(a, d.end(1)), (d.start(d.lastindex), b)]
            continue
        m = _GLUED.match(seg, a, b)
        if m and m.end() == b and m.group(1).lower() in _NOT_NAME_WORDS:
            out += [(a, m.start(1)), (m.start(1), b)]
        else:
            out.append((a, b))
    return out


def _capital_word(seg: str, toks, k: int, used) -> bool:
    """Is token ``k`` an unused capitalised word that could continue a name?"""
    if k < 0 or k >= len(toks) or used[k]:
        return False
    w = seg[toks[k][0]:toks[k][1]]
    if not w[:1].isupper() or w.lower().rstrip(".") in _NOT_NAME_WORDS:
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
                and not any(w.lower() in _TYPE_WORDS for w in tail):
            return True, [tail]
        return False, [words]
    # the tail after an organisation word has two or three words: only the last three
    # positions can start it (a run of thousands of capitalised words costs no more)
    for k in range(max(1, len(words) - 4), len(words) - 2):
        tail = words[k + 1:]
        if low[k] in _ORG and all(t[:1].isupper() for t in tail) \
                and not any(t.lower() in _TYPE_WORDS or t.lower() in _CONNECT for t in tail):
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


def evidence_type(name: str, guessed: str, honorific: bool = False) -> str:
    """``guessed`` (:func:`guess_type`) checked against kb's lists of places and given
    names (:mod:`kb.names.gazetteer`, :mod:`kb.names.lexicon`) where it was only a guess
    from the name's shape ("other", or "person" for two or three plain words): a name
    the gazetteer holds is a place ("Lyon", "Villeurbanne", "San Jose"); one word that is
    a given name is a person."""
    if honorific or guessed not in ("other", "person"):
        return guessed
    from ..names import gazetteer, lexicon

    if gazetteer.place(name):
        return "place"
    if guessed == "other" and " " not in name and name.lower() in lexicon.given():
        return "person"
    return guessed




@functools.lru_cache(maxsize=1 << 16)
def first_word(token: str) -> str:
    """The first folded word of a token, without a possessive ("NATO's" -> "nato")."""
    first = fold(_POSSESSIVE.sub("", token))
    return first.split()[0] if first else ""


# An expansion and its acronym: "International Atomic Energy Agency (IAEA)".  A match
# starts only at the first capital of a word (the lookbehind and the lower-case prefix), and
# nothing in it backtracks (possessive repeats): a search is linear in the text, where the
# plain form, tried at every capital of a long word of capitals, was quadratic.  It finds
# the same expansions: a match from a later capital of a word implies one from its first.
_ACRONYM = Marked(*(
    rf"(?<![\w’'\-{inner}])(?:[^\WA-Z]|[’'\-{inner}])*+"
    rf"((?:[A-Z][\w’'\-{inner}]*+\s++(?:(?:of|the|for|and|de|in|on|e)\s++)*+){{1,9}}+)\(\s*([A-Z][A-Z0-9&]{{1,9}})"
    rf"(?:\s*/\s*[A-Z][\w &{inner}]{{0,15}})?\s*\)" for inner in ("", INNER)))


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
