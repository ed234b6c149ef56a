"""The held-out date test set (``tests/data/dates_blind/``) is well formed.

The same checks as the own set's (:func:`timeml.problems`): every file parses,
has a creation time and text, every TIMEX3 has a type and a value in TimeML
value syntax, offsets and texts agree.  Only the form is tested here: the set
is held out, and what kb finds in it is read as totals by the benchmark alone.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmark"))

import timeml  # noqa: E402

DOCS = timeml.blind()


def test_the_set_is_there():
    assert len(DOCS) == 24
    assert len({d.name for d in DOCS}) == 24
    assert sum(len(d.timexes) for d in DOCS) > 500
    assert {t.type for d in DOCS for t in d.timexes} == set(timeml.SYNTAX)
    assert len({d.dct[:4] for d in DOCS}) >= 20        # creation times spread over the years


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_document(doc):
    assert doc.text.strip() and 200 <= len(doc.text.split()) <= 400
    assert doc.title and doc.timexes
    assert all(t.value and t.type for t in doc.timexes)
    assert timeml.problems(doc) == []


def test_the_benchmark_never_prints_its_errors():
    import dates_timebank

    for name in ("blind", "dates_blind/", "AQUAINT-held"):
        with pytest.raises(SystemExit, match="held out"):
            dates_timebank.main(["--errors", name, "--runs", "0"])


def test_week_numbers_compare_at_two_digits():
    from dates_timebank import value_ok, week2

    assert week2("2000-W7") == "2000-W07" and week2("2000-W7-WE") == "2000-W07-WE"
    assert week2("1998-W34") == "1998-W34" and week2("P7W") == "P7W"
    assert value_ok("2000-W07", "2000-W7") and value_ok("2000-W7", "2000-W07")
    assert not value_ok("2000-W17", "2000-W7") and not value_ok("2000-W07", "2000-W08")
