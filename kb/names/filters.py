"""Filters: the named tests a candidate must pass to be a name.

Each filter is a predicate ``(candidate, doc) -> bool`` that says *drop it*,
with its examples; :data:`FILTERS` lists them in the order they run.  ``doc``
is a :class:`Doc`: the document's words, the words it writes in lower case,
and the capitalised words it writes where a capital means something (not at
the start of a sentence, not in a headline).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import gazetteer, lexicon
from .candidates import Candidate, name_word
from .tokens import PROSE, TABLE, Tokens


@dataclass
class Doc:
    tokens: Tokens
    lower: set[str]          # words written in lower case somewhere
    mid_caps: set[str]       # capitalised words written inside a sentence (lower-cased)
    names: set[str]          # lower-cased words of the names found in the document's prose

    @classmethod
    def of(cls, t: Tokens) -> "Doc":
        lower, mid = set(), set()
        for k, w in enumerate(t.words):
            c = w[0]
            if c.islower():
                lower.add(w)
            elif c.isupper() and not t.opens[k] and t.kinds[t.line[k]] in (PROSE, TABLE) and name_word(w):
                mid.add(w.lower())
        return cls(t, lower, mid, set())


#: verbs of speech and contest that follow the subject of a news sentence, whose subject is
#: a person, a team or a body: a word opening a sentence before one is a name unless kb's
#: lists know it as a common word ("Fischler proposed", "Kohl said"; "Analysts said" is
#: dropped by the lists).  Auxiliaries ("has", "was") are left out: "Growth was" is no name.
_SUBJECT_VERBS = frozenset("said says told added beat won lost scored proposed announced denied urged "
                           "warned agreed rejected insisted argued replied".split())


#: endings of English nouns that no name has ("Joblessness", "Subcontractors")
_NOUN_ENDS = ("ness", "ment", "ments", "tion", "tions", "sion", "ity", "ism", "ists", "ies", "ings", "ors", "ants")


def _one_word(c: Candidate) -> str | None:
    return c.text.lower().rstrip(".") if " " not in c.text else None


def common_word(c: Candidate, doc: Doc) -> bool:
    """A lone word of kb's lists of words that open sentences or that headlines and
    tables capitalise: "However", "I", "Results", "Field", "Police"."""
    w = _one_word(c)
    return w is not None and (w in lexicon.common() or w in lexicon.generic())


def lone_title(c: Candidate, doc: Doc) -> bool:
    """A title with no name after it: "the President said", "Defender"."""
    w = _one_word(c)
    return w is not None and w in lexicon.titles()


def _attested(text: str) -> bool:
    """Does a list show ``text`` (one word) to be a name: a place, a nationality, a given
    name, or an acronym?"""
    w = text.lower().rstrip(".")
    return bool(gazetteer.place(text) or w in lexicon.demonyms() or w in lexicon.given()
                or (text.isupper() and len(text) >= 2))


def unattested_opening(c: Candidate, doc: Doc) -> bool:
    """A single word that opens a sentence and that nothing else shows to be a name:
    "Several", "Tired", "Back" are dropped; "Japan began" (a place), "Farkas will"
    (written inside a sentence elsewhere), "Iranian officials" (a nationality),
    "NASA" (an acronym) and "Fischler proposed" (a subject before its verb) stay.  A word the document also writes in lower case is
    no name there, unless it is a country or a region."""
    w = _one_word(c)
    if w is None or not c.opens or c.kind == TABLE or c.dateline:
        return False
    if w in doc.lower and gazetteer.place(c.text) < 2:
        return True
    t = doc.tokens
    subject = c.j < len(t.words) and t.words[c.j] in _SUBJECT_VERBS and not w.endswith(_NOUN_ENDS)
    return not (w in doc.mid_caps or w in doc.names or _attested(c.text) or subject)


def lower_case_word(c: Candidate, doc: Doc) -> bool:
    """A single capitalised word inside a sentence that the document otherwise writes in
    lower case and that no list knows, as emphasis or a heading style: "the Field team"
    beside "the field"; "Turkey" stays (a country)."""
    w = _one_word(c)
    return w is not None and not c.opens and w in doc.lower and not _attested(c.text) \
        and w not in doc.names


FILTERS = (common_word, lone_title, unattested_opening, lower_case_word)


def weak_first_word(c: Candidate, doc: Doc) -> bool:
    """Is the first word of a run that opens a sentence no part of the name?  So it is
    when the document writes it in lower case, it is a common noun of kb's lists or a
    participle or adverb ("Chanting Helmut Kohl", "Preliminary" aside), and nothing
    shows it to be a name: "Several Iranian officials" -> "Iranian"."""
    if not c.opens or " " not in c.text:
        return False
    first = c.text.split()[0]
    w = first.lower()
    verbal = len(w) > 5 and w.endswith(("ing", "ly"))      # "Chanting Helmut Kohl", "Reportedly"
    ws = c.text.split()
    if len(ws) == 2 and ws[1].lower().rstrip(".") in lexicon.generic():
        return True                                        # "Preliminary DNA"
    return (w in doc.lower or w in lexicon.generic() or verbal) and not (w in doc.mid_caps or _attested(first))


def dropped(c: Candidate, doc: Doc) -> bool:
    return any(f(c, doc) for f in FILTERS)
