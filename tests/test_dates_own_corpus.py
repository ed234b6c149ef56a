"""The project's own date test set (``tests/data/dates_own/``) is well formed.

Every file parses with the benchmark's TimeML loader, has a creation time and
text, and every TIMEX3 has a type and a value in the TimeML value syntax for
that type, with offsets that give back its text; a weekday named in a span
agrees with the day of its value (:func:`timeml.problems`, shared with the
hand-made sets' test, ``test_dates_hand_sets.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmark"))

import timeml  # noqa: E402
from timeml import SYNTAX  # noqa: E402

DOCS = timeml.own()


def test_the_set_is_there():
    assert len(DOCS) == 24
    assert sum(len(d.timexes) for d in DOCS) > 400
    assert {t.type for d in DOCS for t in d.timexes} == set(SYNTAX)


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_document(doc):
    assert doc.text.strip() and 150 <= len(doc.text.split()) <= 350
    assert doc.timexes
    assert timeml.problems(doc) == []


def test_value_syntax_refuses_malformed_values():
    assert not SYNTAX["DURATION"].match("P48H")        # hours need the T
    assert SYNTAX["DURATION"].match("PT48H") and SYNTAX["DURATION"].match("P26Y4M")
    assert not SYNTAX["DATE"].match("1998-13-5") and not SYNTAX["DATE"].match("June")
    assert SYNTAX["SET"].match("XXXX-WXX-2") and SYNTAX["TIME"].match("2020-03-13T24:00")


def test_problems_finds_what_breaks_the_conventions():
    text = "Talks resumed on Monday and will end in June.\n"
    spans = [(14, 23, "DATE", "1998-08-18"),    # "on Monday": preposition inside; the 18th is a Tuesday
             (40, 44, "DATE", "June"),          # not a value
             (41, 44, "DURATION", "P3D")]       # overlaps the one before
    doc = timeml.Doc("x", text, "1998-08-20",
                     [timeml.Timex(s, e, text[s:e], ty, v, {}) for s, e, ty, v in spans], "08/20/98")
    found = " | ".join(timeml.problems(doc))
    for what in ("preposition", "weekday", "DATE value 'June'", "overlapping"):
        assert what in found, found
    doc.timexes[0] = timeml.Timex(17, 23, "Monday", "DATE", "1998-08-17", {})
    doc.timexes[1:] = [timeml.Timex(40, 44, "Xune", "DATE", "1998-06", {"mod": "LATE"})]
    found = " | ".join(timeml.problems(doc))
    assert "offsets and text disagree" in found and "mod 'LATE'" in found and "weekday" not in found
