"""The name finder for any English text: segmentation, candidates, filters, typing.

:func:`find_names` returns the names of a text as :class:`Name` mentions
(offsets, text, CoNLL type, canonical name), in text order, in five steps,
each in its own module:

1. :mod:`kb.names.tokens`: words, lines by kind, sentence starts (hard-wrapped
   lines joined first);
2. :mod:`kb.names.candidates`: datelines, then capitalised runs of the lines
   whose capitals can be trusted, trimmed of titles and sentence openers;
3. :mod:`kb.names.filters`: named predicates drop what is no name ("However",
   "Several" opening a sentence, a lone "President");
4. headlines and title-case headings: the stretches of them that are names the
   document writes elsewhere, places or nationalities (their capitals prove
   nothing);
5. :mod:`kb.names.typing`: types from evidence, one per name per document; a
   surname after a full name is that person (its canonical name the full one).

Linking a name to a store's entities is :mod:`kb.names.linking`.  The finder
is linear in the text: every step is a pass over its words (a headline
stretch tries at most six words from each start).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import gazetteer
from .candidates import Candidate, attested_runs, caps_stretches, dateline, prose_runs, trim
from .filters import Doc, dropped, weak_first_word
from .lexicon import fold
from .tokens import tokenize
from .typing import vote


#: the most words a name has ("Port Authority of New York and New Jersey" has 8); a longer
#: run of capitalised words is title-case text
MAX_RUN = 16


@dataclass
class Name:
    start: int
    end: int
    text: str
    type: str           # PER, ORG, LOC or MISC
    name: str           # canonical: the fullest form the document gives


def candidates(text: str) -> tuple[list[Candidate], object]:
    """The typed candidates of ``text`` and its tokens."""
    t = tokenize(text)
    doc = Doc.of(t)
    found: list[Candidate] = []
    taken = [False] * len(t.words)
    for first in t.line_first:
        d = dateline(t, first)
        if d:
            found.append(d)
            for k in range(d.i, d.j):
                taken[k] = True
    for i, j in prose_runs(t):
        if j - i > MAX_RUN:
            continue            # title-case text, not a name
        while i < j and taken[i]:
            i += 1
        if i >= j:
            continue
        for c in trim(t, i, j):
            while weak_first_word(c, doc):
                k = c.i + 1
                if k >= c.j:
                    c = None
                    break
                c = Candidate(k, c.j, t.starts[k], c.end, t.text[t.starts[k]:c.end], kind=c.kind, title=c.title)
            if c is not None:
                found.append(c)
    # the words of the names of the prose show a single opening word to be a name
    for c in found:
        if " " in c.text and not c.opens:
            doc.names.update(w.lower() for w in c.text.split())
        elif not c.opens:
            doc.names.add(c.text.lower())
    found = [c for c in found if not dropped(c, doc)]
    known = {c.key for c in found}
    known |= {w for c in found if " " in c.key for w in c.key.split() if len(w) > 3}
    for i, j in caps_stretches(t):
        if taken[i]:
            continue
        found += attested_runs(t, i, j, known.__contains__, gazetteer.place_fold)
    found.sort(key=lambda c: c.start)
    vote(t, found, doc.lower)
    return found, t


def find_names(text: str) -> list[Name]:
    """The names of ``text`` in text order (see the module docstring)."""
    cands, _t = candidates(text)
    return [Name(c.start, c.end, c.text, c.type, c.name) for c in cands if fold(c.text)]
