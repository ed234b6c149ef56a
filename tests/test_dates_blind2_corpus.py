"""The second held-out date set (``tests/data/dates_blind2/``) is well formed.

Twenty documents on Iran's modern political history (encyclopedia entries,
reports, wire copy, field notes, timelines, Solar and lunar Hijri dates),
written and annotated by hand, blind.  The same checks as the other sets'
(:func:`timeml.problems`): every file parses, has a creation time and text,
every TIMEX3 has a type and a value in TimeML value syntax, offsets and texts
agree.  Only the form is tested here: the set is held out, and what kb finds
in it is read as totals by the benchmark alone.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmark"))

import timeml  # noqa: E402

DOCS = timeml.blind2()


def test_the_set_is_there():
    assert len(DOCS) == 20
    assert len({d.name for d in DOCS}) == 20
    assert all(d.name.startswith("dates_blind2/") for d in DOCS)
    assert sum(len(d.text.split()) for d in DOCS) >= 4000
    assert sum(len(d.timexes) for d in DOCS) >= 350
    assert {t.type for d in DOCS for t in d.timexes} == set(timeml.SYNTAX)
    assert len({d.dct[:4] for d in DOCS}) >= 10       # creation times spread over the years
    assert len({d.dct_text for d in DOCS}) == 20      # each written its own way


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_document(doc):
    assert doc.text.strip() and 200 <= len(doc.text.split()) <= 400
    assert doc.title and doc.timexes
    assert all(t.value and t.type for t in doc.timexes)
    assert timeml.problems(doc) == []


def test_the_benchmark_never_prints_its_errors():
    import dates_timebank

    for name in ("blind2", "dates_blind2/"):
        with pytest.raises(SystemExit, match="held out"):
            dates_timebank.main(["--errors", name, "--runs", "0"])
