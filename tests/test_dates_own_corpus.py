"""The project's own date test set (``tests/data/dates_own/``) is well formed.

Every file parses with the benchmark's TimeML loader, has a creation time and
text, and every TIMEX3 has a type and a value in the TimeML value syntax for
that type, with offsets that give back its text; a weekday named in a span
agrees with the day of its value.
"""

from __future__ import annotations

import re
import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmark"))

import timeml  # noqa: E402

_DAY = r"(?:\d\d|XX)"
_DATE = (r"(?:\d{4}|\d{3}|\d{2}|XXXX|FY\d{4})"
         r"(?:-(?:\d\d|XX)(?:-" + _DAY + r")?|-W(?:\d\d|XX)(?:-(?:[1-7]|WE))?|-Q[1-4]|-H[12]|-(?:SP|SU|FA|WI))?")
_TIME = r"T(?:\d\d(?::\d\d(?::\d\d)?)?|MO|AF|EV|NI|DT)"
_NUM = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = rf"P(?:(?:{_NUM}(?:Y|M|W|D|Q|DE|CE))+(?:T(?:{_NUM}[HMS])+)?|T(?:{_NUM}[HMS])+)"
_REF = r"(?:PRESENT|PAST|FUTURE)_REF"
SYNTAX = {
    "DATE": re.compile(rf"^(?:{_DATE}|{_REF})$"),
    "TIME": re.compile(rf"^{_DATE}{_TIME}$"),
    "DURATION": re.compile(rf"^{_DURATION}$"),
    "SET": re.compile(rf"^(?:{_DURATION}|{_DATE}(?:{_TIME})?|XXXX-XX-XX{_TIME}|{_TIME})$"),
}
MODS = {"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
        "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX"}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

DOCS = timeml.own()


def test_the_set_is_there():
    assert len(DOCS) == 24
    assert sum(len(d.timexes) for d in DOCS) > 400
    assert {t.type for d in DOCS for t in d.timexes} == set(SYNTAX)


@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.name)
def test_document(doc):
    assert doc.text.strip() and 150 <= len(doc.text.split()) <= 350
    assert date.fromisoformat(doc.dct) and doc.dct_text
    assert doc.timexes
    last = 0
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text and t.text == t.text.strip(), t
        assert t.start >= last, f"overlapping TIMEX3 {t.text!r}"
        last = t.end
        assert t.type in SYNTAX, t
        assert SYNTAX[t.type].match(t.value), f"{t.type} value {t.value!r} for {t.text!r}"
        assert t.attrs.get("mod", "APPROX") in MODS, t
        assert not re.match(r"(?i)(in|on|at|since|from|by|during|until|for)\s", t.text), \
            f"a leading preposition is outside the span: {t.text!r}"
        named = [i for i, w in enumerate(WEEKDAYS) if w in t.text.lower()]
        if named and re.match(r"^\d{4}-\d\d-\d\d", t.value):
            assert date.fromisoformat(t.value[:10]).weekday() == named[0], t


def test_value_syntax_refuses_malformed_values():
    assert not SYNTAX["DURATION"].match("P48H")        # hours need the T
    assert SYNTAX["DURATION"].match("PT48H") and SYNTAX["DURATION"].match("P26Y4M")
    assert not SYNTAX["DATE"].match("1998-13-5") and not SYNTAX["DATE"].match("June")
    assert SYNTAX["SET"].match("XXXX-WXX-2") and SYNTAX["TIME"].match("2020-03-13T24:00")
