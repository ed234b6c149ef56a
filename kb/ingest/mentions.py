"""The name finder: known entities and new names in a span of a document.

:class:`NameFinder` reads one segment (a sentence, a clause or a heading) at a
time and returns the ids of the entities it names, in order of mention,
adding new extracted names to the shared :class:`~kb.ingest.entities.AliasTable`
and to the document's extraction result (``new_entities``, ``new_aliases``).
The vocabulary the rules use lives in :mod:`kb.ingest.entities`.

**Entities.**  Known entities are found through every alias, compared by the
keys of :mod:`kb.names`: the folded form first, then (for capitalised text of
at least four letters) the transliteration skeleton, so "Massoud" finds
"Masoud".  Matching is greedy, longest alias first; a trailing possessive
("NATO's") is ignored; an alias shared by several entities is resolved only
if exactly one of them was already named in the same document.  Lower-case
text matches only aliases that are themselves written in lower case.

New names, marked ``extracted`` in the store:

* an acronym with its expansion, ``International Atomic Energy Agency
  (IAEA)``: the expansion is the name, the acronym an alias (the acronym's
  letters must be the initials of the expansion's capitalised words);
* a run of two or more capitalised words, joined by at most ``of``, ``the``,
  ``for``, ``de``, ``e``, ``al``, without a month or weekday name; a leading
  "The" and honorifics ("Mr.", "Senator") are dropped;
* a single capitalised word (or all-capital acronym) that is not the first
  word of its sentence or of a quotation, not a month, weekday or a
  nationality adjective (``-ian``, ``-ese``, ``-ish``, ``-i``), and that the
  document never writes in lower case; a surname before an apposition
  ("Okafor, a police commander") is a name even when it ends like a
  nationality; a leading modifier ("State-run") is dropped, and counts or
  ordinals ("28-day", "56th") are no names;
* a year and a capitalised event word: "the 1906 Earthquake" (event-name);
* a state's body named by its demonym: "the Iraqi army", "the French
  government" (government-body; not a creed or party: "Christian police");
* a title in quotation marks after a cue: a report called "Silent
  Valleys", an exhibition entitled "Forty Years of ...";
* the page's byline ("By Jane Roe"; not when a word of it is a title or a
  common word of kb's lists, "By Staff Writer") and the websites it names or
  links to ("example.com", media).

A run of more than 16 capitalised words is title-case text and names nothing;
a name made only of titles and common nouns ("Staff Writer") is none.  A
single word that is the last word of a person already named in the document
("Dubois" after "Claire Dubois") is that person, and becomes an alias.
Capitalised runs are not looked for in headings (title case would make every
heading a name), except words with inner capitals ("YouTube").  The type is
guessed from the words (``Council``, ``Party`` -> organization; ``City``,
``Province``, ``Camp`` -> place; ``War``, ``Massacre`` -> event-name; an
honorific or two to three plain words -> person; else other), then checked
against kb's gazetteer and given names where it was only a guess
(:func:`~kb.ingest.entities.evidence_type`: "Lyon" is a place).
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from itertools import compress
from dataclasses import dataclass

from ..names.marks import INNER, compiled, has_inner

from .entities import (_ACRONYM, _APPOSITION, _BYLINE, _CAMEL, _COMMON_CAPS, _CONNECT, _CREEDS, _DEMONYM, _DOMAIN,
                       _EVENT, _HONORIFIC, _MODIFIER_WORD, _MONTH_WORDS, _PARTICLE, _POSSESSIVE, _QUOTED_TITLE,
                       _STATE_BODY, _TITLE_CUE, _TITLE_SMALL, _YEAR_EVENT, AliasTable, PhraseKeys,
                       _acronym_expansion, _capital_word, _of_name, _sentence_case, _split_glued, _title_split, _use,
                       evidence_type, first_word, fold, guess_type, longest_alias, skeleton_of_fold, word_spans, words_of)


@dataclass
class NewEntity:
    id: str
    name: str
    type: str
    aliases: list[str]


# patterns of the name finder, compiled once (they run for every sentence)
_STATE_ADJ = re.compile(r"(?:ian|ean|ese|ish|i|an|ch)$")
_LETTERS = re.compile(r"[a-z]+")
_TWO_LETTERS = re.compile(r"[A-Za-z]{2}")
_A_YEAR = re.compile(r"\b(?:1[6-9]|20)\d\d\b")
_DIGIT = re.compile("[0-9]")
# the longest run of capitalised words read as names ("Ministry of Intelligence and Security of
# the Islamic Republic of Iran" has 11); a longer one is title-case text
_MAX_RUN = 16
_TLD = re.compile(r"\.(?:com|org|net|tv|info|io|fm|ir)(?![\w-])")    # what every website has
_BODY_WORDS = ("government", "army", "military", "judiciary", "parliament", "navy", "police")
_BODY_WORD = re.compile("|".join(_BODY_WORDS))     # one search for any of them (a sentence holds few)
_CAPS_AHEAD = re.compile(r"(?:[A-Z][^\W_]*+[ \t]++)*+")
_CAPS_AHEAD_MARKED = rf"(?:[A-Z][^\W_]*+(?:[{INNER}]++[^\W_]*+)*+[ \t]++)*+"   # kb.names.marks
_WORDS_KEPT = 1 << 17           # how many words' answers _may_begin keeps at most


def _byline_person(words: str) -> bool:
    """Is the name of a byline a person's?  Not when a word of it is a title, a common
    word, a word that types a name or a connective (kb's word lists,
    :mod:`kb.names.lexicon`): "By Staff Writer", "By Order of the Court", "By The
    Associated Press" name nobody; "By Jane Roe" does."""
    from ..names import lexicon

    stop = lexicon.titles() | lexicon.common() | lexicon.generic() | _CONNECT
    cues = lexicon.cues()
    return not any(w in stop or w in cues for w in (w.lower().rstrip(".") for w in words.split()))


def _no_name_words(words: list[str]) -> bool:
    """Are all the words titles or common nouns (kb's word lists)?  Then they name nobody:
    "Staff Writer", "Results Table"."""
    stop = _no_name_stop()
    return all(w.lower().rstrip(".") in stop for w in words)


@functools.lru_cache(maxsize=1)
def _no_name_stop() -> frozenset[str]:
    """The titles and common nouns of :func:`_no_name_words`, joined once (it is asked of
    every name a document holds, and the join of the three lists costs ~13 µs)."""
    from ..names import lexicon

    return lexicon.titles() | lexicon.generic() | lexicon.common()


# the words the loop over a run's words drops from its start (_HONORIFIC, _COMMON_CAPS,
# _CONNECT): a run of one of them alone names nothing (and _title_split keeps it whole)
_DROPPED = _HONORIFIC | _COMMON_CAPS | _CONNECT
_BARE: dict[str, str] = {}


def _bare(w: str) -> str:
    """A word of a run without its possessive and trailing dots ("Elian's" -> "Elian",
    "Mr." -> "Mr"), kept by word (a text repeats its words; the dict is emptied when full)."""
    got = _BARE.get(w)
    if got is None:
        if len(_BARE) >= _WORDS_KEPT:
            _BARE.clear()
        got = _BARE[w] = _POSSESSIVE.sub("", w).rstrip(".")
    return got


def _first(w: str) -> str:
    """The first folded word of a word of a segment (:func:`~kb.ingest.entities.first_word`)."""
    # a plain ASCII word folds to its lower case (no accent, joiner or possessive)
    return w.lower() if w.isalpha() and w.isascii() else first_word(w)


class NameFinder:
    """Finds entities in segments of one document after another, sharing one
    :class:`AliasTable` (new names found in one document are known in the next).

    ``out`` is the document's :class:`~kb.ingest.extract.Extraction`: new
    entities go to ``out.new_entities``, new spellings of known ones to
    ``out.new_aliases``; ``doc_named`` is the set of ids the document has named
    so far (it settles an alias shared by several entities)."""

    def __init__(self, table: AliasTable):
        self.table = table
        # words known to begin an alias of the table, and words known not to; a "no" waits
        # under its first word's fold and skeleton for a first word the table adds that has
        # either (``first_log``: the table only grows, so no other "no" can become a "yes")
        self._begins: set[str] = set()
        self._not_begin: set[str] = set()
        self._wait_fold: dict[str, list[str]] = {}
        self._wait_skel: dict[str, list[str]] = {}
        self._logged = len(table.first_log)
        self._lower_n = -1
        self._lower_words: set[str] = set()
        # the persons of the document's named set by surname (:meth:`_surnames`)
        self._named: set[str] | None = None
        self._named_seen: set[str] = set()
        self._named_wait: set[str] = set()     # ids of the set the table did not hold when read
        self._named_log: list[str] = []         # the ids the finder put in a document's set, in order
        self._named_read = 0                    # how many of them _surnames has read
        self._by_surname: dict[str, set[str]] = {}
        self.digit_run = False

    def mentions(self, text: str, s: int, e: int, heading: bool, first_word_ok: bool,
                  lower_vocab: set[str], out, doc_named: set[str]) -> list[str]:
        seg = text[s:e]
        self.digit_run = False      # a run of capitalised words held a digit (kb.ingest.repeats)
        if seg == seg.lower() and (seg.isascii() or not any(map(str.isupper, seg))) \
                and not self._lower_starts(seg):
            return []       # no capital and no alias in lower case: nothing to find
        spans, words = word_spans(seg)
        toks = _split_glued(seg, spans)
        found: list[str] = []
        used = [False] * len(toks)
        table = self.table
        keys = PhraseKeys(seg, toks)
        # the words that may begin an alias, each distinct word tested once (a long
        # segment repeats its words): only at those is an alias looked for
        if len(toks) != len(spans):     # glued words split: the words change too
            words = [seg[a:b] for a, b in toks]
        distinct = set(words)       # each distinct word tested once (here and in _new_names)
        begin = self._may_begin(distinct)
        starts = list(compress(range(len(words)), map(begin.__contains__, words))) if begin else []
        # a word in lower case begins an alias in lower case, or one with a capital ahead
        lower_first = self._lower_first() if starts else None
        caps = None
        i = 0
        for at in starts:
            if at < i:
                continue        # inside an alias found before
            i = at
            if lower_first is not None and words[at].islower() and (f := _first(words[at])) and f not in lower_first:
                if caps is None:    # the words that may hold a capital, found once a segment
                    caps = [k for k, w in enumerate(words) if not (w.islower() or w.isdigit())]
                k = bisect_left(caps, at)
                if k == len(caps) or caps[k] >= at + table.max_words + 2:
                    i += 1
                    continue    # no capital within an alias's reach: none matches here
            hit = longest_alias(table, keys, seg, toks, i)
            if hit is None:
                i += 1
                continue
            n, ids, phrase = hit
            if not heading and (_capital_word(seg, toks, i - 1, used) and i - 1 > 0
                                or _capital_word(seg, toks, i + n, used)
                                or _of_name(seg, toks, i, used)):
                # a fragment of a longer name ("East" in "East Timor"): leave it to
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
                self._named_log.append(eid)
                if phrase not in table.aliases.get(eid, ()) and eid not in out.new_entities:
                    out.new_aliases.setdefault(eid, set()).add(phrase)
            for k in range(i, i + n):
                used[k] = True
            i += n
        if not heading or _sentence_case(seg, toks):
            found += self._new_names(seg, toks, words, used, first_word_ok, lower_vocab, out, doc_named, distinct)
        else:
            # a title-case heading names nothing by its capitals, but a word with inner
            # capitals ("YouTube") is a name wherever it stands
            for k, (a, b) in enumerate(toks):
                if not used[k] and _CAMEL.fullmatch(seg, a, b) and seg[a:b].lower() not in lower_vocab:
                    found.append(self.name(seg[a:b], "other", out, doc_named))
        return found

    def _lower_starts(self, seg: str) -> bool:
        """May a segment without a capital name anything?  Every rule for a new name needs
        a capital (an acronym, a capitalised run or word, a year's event, a state's body,
        a quoted title); so only an alias can be found in it, and one without a capital
        begins at a word that :meth:`_may_begin` and the lower-case test of
        :meth:`mentions` both let through.  Asked of the segment's distinct words, before
        the words are placed."""
        begin = self._may_begin(set(words_of(seg)))
        if not begin:
            return False
        lower_first = self._lower_first()
        if lower_first is None:
            return True
        return not all(w.islower() and (f := _first(w)) and f not in lower_first for w in begin)

    def _lower_first(self) -> set[str] | None:
        """The first words of the aliases written in lower case (for which no capital is
        needed), kept while the table has as many; None when the table cannot list them."""
        lower = self.table.lower_ok
        if not isinstance(lower, (set, frozenset)):
            return None
        if self._lower_n != len(lower):
            self._lower_n = len(lower)
            self._lower_words = {f.split()[0] for f in lower if f.split()}
        return self._lower_words

    def _may_begin(self, words: set[str]) -> set[str]:
        """The words that may be the first word of an alias of the table (by its folded
        form, or by its skeleton)."""
        table = self.table
        tfirst, tskel = table.first, table.first_skel
        yes, no = self._begins, self._not_begin
        wait_fold, wait_skel, log = self._wait_fold, self._wait_skel, table.first_log
        if len(log) != self._logged:     # new first words: the "no"s they answer are "yes"es now
            for f in log[self._logged:]:
                for w in [*wait_fold.pop(f, ()), *wait_skel.pop(skeleton_of_fold(f), ())]:
                    if w in no:
                        no.discard(w)
                        yes.add(w)
            self._logged = len(log)
        if len(yes) + len(no) > _WORDS_KEPT:
            yes.clear()
            no.clear()
            wait_fold.clear()
            wait_skel.clear()
        out = words & yes
        for w in words.difference(yes, no):
            first = _first(w)
            if first in tfirst or (first and first[0].isalpha() and skeleton_of_fold(first) in tskel):
                out.add(w)
                yes.add(w)
            else:
                no.add(w)
                wait_fold.setdefault(first, []).append(w)
                if first and first[0].isalpha():
                    wait_skel.setdefault(skeleton_of_fold(first), []).append(w)
        return out

    def _new_names(self, seg, toks, tok_words, used, first_word_ok, lower_vocab, out, doc_named,
                   distinct=None) -> list[str]:
        found = []
        # acronyms with their expansion
        # (each pattern runs only where its fixed part is in the segment: "(" for an acronym,
        # a body's lower-case word for a state body; each test is one search in C)
        for m in (_ACRONYM.finditer(seg) if "(" in seg else ()):
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
            self._named_log.append(eid)
            found.append(eid)
        # a year and a capitalised event word: "the 1906 Earthquake"
        for m in _YEAR_EVENT.finditer(seg):
            if m.group(3).lower() in _EVENT:
                found.append(self.name(f"{m.group(1)} {m.group(2)}", "event-name", out, doc_named))
                _use(toks, used, m.start(2), m.end(2))
        # a state's body named by its demonym: "the Iraqi army", "the French government"
        for m in (_STATE_BODY.finditer(seg) if _BODY_WORD.search(seg) else ()):
            adj = m.group(1)
            if (_STATE_ADJ.search(adj) and adj.lower() not in _CREEDS) or adj.isupper():
                found.append(self.name(m.group(0), "government-body", out, doc_named))
                _use(toks, used, m.start(), m.end())
        # a quoted title: “Forty Years of Small Farms”
        for m in _QUOTED_TITLE.finditer(seg):
            if not _TITLE_CUE.search(seg, max(0, m.start() - 40), m.start()):
                continue        # a slogan in title case ("We Will Win") is no title
            words = m.group(1).split()
            if len(words) >= 2 and all(w[:1].isupper() or w[:1].isdigit() or w in _TITLE_SMALL for w in words) \
                    and any(w[:1].isupper() for w in words[1:]):
                found.append(self.name(m.group(1), "other", out, doc_named))
                _use(toks, used, m.start(1), m.end(1))
        # capitalised runs: one pass over the words, each looked at once
        runs: list[list[int]] = []
        cur: list[int] = []
        n = len(toks)
        # the words that can begin a run (a capital, or a particle: "al-Sadr"); between a
        # run and the next of them no word changes anything, and none is looked at
        # (each distinct word tested once: a long segment repeats its words)
        # (a capital's places picked by C loops: a text of capitalised words has one a word)
        words_ = set(tok_words) if distinct is None else distinct
        caps = {w for w in words_ if w[0].isupper()}
        particles = {w for w in words_ if "-" in w and w[0].islower()}
        begins = list(compress(range(n), map(caps.__contains__, tok_words))) if caps else []
        if particles:
            begins = sorted(begins + [k for k, w in enumerate(tok_words)
                                      if w in particles and _PARTICLE.match(seg, *toks[k])])
        nb = len(begins)
        k = -1
        while k + 1 < n:
            k += 1
            if not cur:
                j = bisect_left(begins, k)
                if j == nb:
                    break
                k = begins[j]
            a, b = toks[k]
            if len(cur) > _MAX_RUN:
                # title-case text, no name: the rest of its stretch of capitalised words is
                # passed over in one match, not word by word
                ahead = compiled(_CAPS_AHEAD_MARKED) if has_inner(seg) else _CAPS_AHEAD
                k = bisect_left(toks, (ahead.match(seg, a).end(), -1))
                cur = []
                if k >= n:
                    break
                a, b = toks[k]
            if cur and toks[k - 1][1] == a:     # a glued word split by _split_glued
                runs.append(cur)
                cur = []
            if used[k]:
                if cur:
                    runs.append(cur)
                    cur = []
                continue
            c = seg[a]
            if c.isupper() or (cur and c.isdigit()) or (c.islower() and "-" in seg[a:b]
                                                        and _PARTICLE.match(seg, a, b)):
                w = seg[a:b]
                if w.lower().rstrip(".") in _MONTH_WORDS:
                    if cur:
                        runs.append(cur)
                        cur = []
                else:
                    cur.append(k)
                    if w.endswith(("'s", "’s")):
                        runs.append(cur)
                        cur = []
            elif cur and k + 1 < n and seg[a:b].lower().rstrip(".") in _CONNECT and seg[toks[k + 1][0]].isupper() \
                    and seg[b:toks[k + 1][0]].strip() == "":
                cur.append(k)
            else:
                if cur:
                    runs.append(cur)
                cur = []
            # a run does not cross punctuation
            if cur and k + 1 < n and not (toks[k + 1][0] - b == 1 and seg[b] == " ") \
                    and seg[b:toks[k + 1][0]].strip() not in ("", "-"):
                runs.append(cur)
                cur = []
        if cur:
            runs.append(cur)
        self.digit_run = any(_DIGIT.search(seg, toks[r[0]][0], toks[r[-1]][1]) for r in runs)
        # a run of more than _MAX_RUN capitalised words is title-case text, not a name
        runs = [r for r in runs if len(r) <= _MAX_RUN]
        items = []
        for run in runs:
            if len(run) == 1 and _bare(seg[toks[run[0]][0]:toks[run[0]][1]]).lower() in _DROPPED:
                continue        # a lone title or small word ("The", "On", "Mr."): dropped below
            words = [_bare(seg[toks[k][0]:toks[k][1]]) for k in run]
            head, parts = _title_split(words)
            # the first word of a sentence, or of a quotation inside it ("Back in 1990...")
            # (a quotation of the name alone, “Signal”, is no sentence)
            opening = run[0] == 0 or (seg[toks[run[0]][0] - 1:toks[run[0]][0]] in ("“", '"', "‘")
                                      and seg[toks[run[-1]][1]:toks[run[-1]][1] + 1] not in ("”", '"', "’"))
            for j, part in enumerate(parts):
                items.append((part, opening and j == 0 and not head, head, toks[run[-1]][1]))
        for words, at_start, honorific, run_end in items:
            lead = 0        # leading titles and small words are dropped (counted, then cut once)
            while lead < len(words) and (words[lead].lower() in _HONORIFIC or words[lead].lower() in _COMMON_CAPS
                                         or words[lead].lower() in _CONNECT):
                honorific = honorific or words[lead].lower() in _HONORIFIC
                lead += 1
            if lead:
                words = words[lead:]
                at_start = False
            while words and (words[-1].lower() in _CONNECT or words[-1][:1].isdigit()):
                words.pop()
            if words and words[0][:1].isdigit():
                continue        # "28-day", "56th": a count or an ordinal, not a name
            if not words:
                continue
            lead = 0
            while len(words) - lead > 1 and _MODIFIER_WORD.fullmatch(words[lead]):
                lead += 1           # "State-run Radiogram": the name is Radiogram
            if lead:
                words = words[lead:]
                at_start = False
            if len(words) == 1:
                w = words[0]
                appos = bool(_APPOSITION.match(seg, run_end)) and not w.lower().endswith("ly")
                if appos and _HONORIFIC.intersection(_LETTERS.findall(seg[run_end:run_end + 60].lower())):
                    honorific = True     # "Okafor, a police commander": a person
                if at_start and not first_word_ok and not appos:
                    continue
                if len(w) < 3 and not w.isupper():
                    continue
                if w.lower() in lower_vocab or w.lower() in _COMMON_CAPS or len(w) < 2:
                    continue
                if _DEMONYM.search(w.lower()) and not w.isupper() and not honorific and not appos:
                    continue        # "Iraqi", but not "Okafor, a police commander"
                if w.isdigit():
                    continue
            elif at_start and words[0].lower() in lower_vocab and len(words) == 2:
                words.pop(0)
                w = words[0]
                if w.lower() in lower_vocab or _DEMONYM.search(w.lower()):
                    continue
            name = " ".join(words)
            if not _TWO_LETTERS.search(name) or _A_YEAR.search(name) or _no_name_words(words):
                continue
            ids = self.table.lookup(name, True)
            if len(ids) == 1:
                found.append(next(iter(ids)))
                continue
            if ids:
                continue
            if len(words) == 1:
                person = self._person_named(words[0], doc_named)
                if person:          # "Dubois" after "Claire Dubois": that person
                    self._alias(person, words[0], out)
                    found.append(person)
                    continue
            eid = self.table.new_id(name)
            etype = evidence_type(name, guess_type(name, honorific), honorific)
            out.new_entities[eid] = NewEntity(eid, name, etype, [name])
            self.table.add(eid, name, [], etype)
            doc_named.add(eid)
            self._named_log.append(eid)
            found.append(eid)
        return found

    def _person_named(self, word: str, doc_named: set[str]) -> str | None:
        """The one person named so far in the document whose name has two words or more
        and ends with ``word`` (a surname after a full name), else None.

        The persons of ``doc_named`` are kept by the last folded word of their name,
        each id read once (:meth:`_surnames`), not every id of the document at each call."""
        hits = self._surnames(doc_named).get(fold(word), ())
        return next(iter(hits)) if len(hits) == 1 else None

    def _surnames(self, doc_named: set[str]) -> dict[str, set[str]]:
        """The persons among ``doc_named`` with a name of two words or more, by the last
        folded word of the name.  A document's set only grows, and an entity's name and
        type never change once the table holds it (:meth:`AliasTable.add` keeps the
        first), so each id is read once: those added to the set since the last call
        are read then (an id the table does not hold yet is read again later).

        The ids added since are the finder's own additions since the last call (its
        ``_named_log``), with the ids it could not read yet: when they and the ids read
        add up to the set's size they are all of the set's new members, and the set is not
        walked; else (the set grew by another hand, or this is another document) the ids
        not yet read are found by walking the set, as before."""
        if self._named is not doc_named:        # another document: start again
            self._named, self._named_seen, self._by_surname = doc_named, set(), {}
            self._named_wait = set()
            del self._named_log[:self._named_read]
            self._named_read = 0
        seen = self._named_seen
        if len(seen) != len(doc_named):
            log = self._named_log
            new = self._named_wait.union(log[self._named_read:])
            new.difference_update(seen)
            if not new <= doc_named or len(seen) + len(new) != len(doc_named):
                new = doc_named - seen      # members the log does not account for
            self._named_read = len(log)
            wait = self._named_wait = set()
            types, names, by = self.table.types, self.table.names, self._by_surname
            for eid in new:
                etype = types.get(eid)
                if etype is None:
                    wait.add(eid)
                    continue
                seen.add(eid)
                if etype == "person":
                    ws = fold(names.get(eid, "")).split()
                    if len(ws) > 1:
                        by.setdefault(ws[-1], set()).add(eid)
        return self._by_surname

    def _alias(self, eid: str, alias: str, out) -> None:
        """Record ``alias`` as a spelling of ``eid``: on a new entity of this run, or as a
        new alias of a known one."""
        if eid in out.new_entities:
            if alias not in out.new_entities[eid].aliases:
                out.new_entities[eid].aliases.append(alias)
        elif alias not in self.table.aliases.get(eid, ()):
            out.new_aliases.setdefault(eid, set()).add(alias)
        self.table.add(eid, self.table.names[eid], [alias])

    def name(self, name: str, etype: str, out, doc_named: set[str]) -> str:
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
        self._named_log.append(eid)
        return eid

    def page_names(self, text: str, out, doc_named: set[str]) -> list[str]:
        """Names a page gives outside its sentences: its byline ("By Jane Roe") and the
        websites it names or links to ("example.com", "https://www.example.tv/...")."""
        found = []
        for m in _BYLINE.finditer(text):
            if _byline_person(m.group(1)):
                found.append(self.name(m.group(1), "person", out, doc_named))
        for m in (_DOMAIN.finditer(text) if _TLD.search(text) else ()):
            found.append(self.name(m.group(1), "media", out, doc_named))
        return found
