"""The date sets written and annotated by hand for kb are well formed.

``tests/data/dates_blind/`` and ``dates_blind2/`` (held out: what kb finds in
them is read as totals by the benchmark alone) and ``dates_field/`` (a
development set whose errors are read): every file parses with the benchmark's
TimeML loader, has a title, a creation time and text, and every TIMEX3 has a
type and a value in TimeML value syntax, with offsets that give back its text
(:func:`timeml.problems`); each set has the size and spread its README states.
Each set's own file tests what is particular to it (``test_dates_blind_corpus.py``,
``test_dates_blind2_corpus.py``, ``test_dates_field_corpus.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmark"))

import timeml  # noqa: E402


class HandSet(NamedTuple):
    """What a set's README promises: its documents, their folder, at least so many words
    and TIMEX3s, creation times in at least so many years, each written its own way."""

    docs: list
    count: int
    folder: str | None
    words: int
    timexes: int
    years: int
    own_dct_texts: bool


SETS = {
    "blind": HandSet(timeml.blind(), 24, None, 0, 501, 20, False),
    "blind2": HandSet(timeml.blind2(), 20, "dates_blind2/", 4000, 350, 10, True),
    "field": HandSet(timeml.field(), 20, "dates_field/", 5000, 450, 10, True),
}


@pytest.mark.parametrize("name", SETS)
def test_the_set_is_there(name):
    s = SETS[name]
    assert len(s.docs) == s.count
    assert len({d.name for d in s.docs}) == s.count
    if s.folder:
        assert all(d.name.startswith(s.folder) for d in s.docs)
    assert sum(len(d.text.split()) for d in s.docs) >= s.words
    assert sum(len(d.timexes) for d in s.docs) >= s.timexes
    assert {t.type for d in s.docs for t in d.timexes} == set(timeml.SYNTAX)
    assert len({d.dct[:4] for d in s.docs}) >= s.years      # creation times spread over the years
    if s.own_dct_texts:
        assert len({d.dct_text for d in s.docs}) == s.count  # each written its own way


@pytest.mark.parametrize("doc", [d for s in SETS.values() for d in s.docs], ids=lambda d: d.name)
def test_document(doc):
    assert doc.text.strip() and 200 <= len(doc.text.split()) <= 400
    assert doc.title and doc.timexes
    assert all(t.value and t.type for t in doc.timexes)
    assert timeml.problems(doc) == []
