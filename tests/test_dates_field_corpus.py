"""The development date set of the field (``tests/data/dates_field/``) is well formed.

Twenty documents on Iran's modern history as kb's users bring them
(encyclopedia entries, wire copy, cables, a UN report, a rights report, a
court summary, research notes, timelines, social-media threads, a memoir, an
interview, a chronology in three calendars), written and annotated by hand.
The same checks as the other sets' (:func:`timeml.problems`): every file
parses, has a creation time and text, every TIMEX3 has a type and a value in
TimeML value syntax, offsets and texts agree.  Unlike the held-out sets, its
errors are printed by the benchmark (``--errors field``) and read.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmark"))

import timeml  # noqa: E402

DOCS = timeml.field()


def test_the_set_is_there():
    assert len(DOCS) == 20
    assert len({d.name for d in DOCS}) == 20
    assert all(d.name.startswith("dates_field/") for d in DOCS)
    assert sum(len(d.text.split()) for d in DOCS) >= 5000
    assert sum(len(d.timexes) for d in DOCS) >= 450
    assert {t.type for d in DOCS for t in d.timexes} == set(timeml.SYNTAX)
    assert len({d.dct[:4] for d in DOCS}) >= 10       # creation times spread over the years
    assert len({d.dct_text for d in DOCS}) == 20      # each written its own way


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_document(doc):
    assert doc.text.strip() and 200 <= len(doc.text.split()) <= 400
    assert doc.title and doc.timexes
    assert all(t.value and t.type for t in doc.timexes)
    assert timeml.problems(doc) == []


def test_the_benchmark_prints_its_errors_and_still_refuses_the_held_out_sets(capsys):
    import dates_timebank

    # one document whose gold values are all made wrong: every match it finds is printed
    doc = DOCS[0]
    gold = [dataclasses.replace(t, value="0001") for t in doc.timexes]
    dates_timebank.score([dataclasses.replace(doc, timexes=gold)], "dates_field/")
    printed = capsys.readouterr().out.splitlines()
    assert printed and all(line.split()[1] == doc.name for line in printed)
    assert sum(line.startswith(("WRONG", "MISS")) for line in printed) == len(gold)
    for name in ("blind", "blind2", "dates_blind/", "dates_blind2/", "AQUAINT-held"):
        with pytest.raises(SystemExit, match="held out"):
            dates_timebank.main(["--errors", name, "--runs", "0"])
