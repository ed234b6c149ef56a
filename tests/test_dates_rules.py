"""The date rule registry: every example of ``kb/resources/dates/rules.txt`` is a test.

Each example gives words, an anchor, optionally a sentence around them, the
TimeML value expected and optionally the days; :func:`kb.dates.tag_dates` must
find exactly those words, by that rule, with that value and those days.
"""

from datetime import date

import pytest

from kb.dates import tag_dates
from kb.dates.registry import expand, rules, words

EXAMPLES = [(r.name, ex) for r in rules() for ex in r.examples]


def test_every_rule_compiles_on_its_own():
    import re

    for r in rules():
        re.compile(r.pattern, re.IGNORECASE)        # a bad pattern names its rule here


def test_every_rule_has_an_example():
    assert [r.name for r in rules() if not r.examples] == []


@pytest.mark.parametrize("rule,ex", EXAMPLES, ids=[f"{r}:{ex.text}" for r, ex in EXAMPLES])
def test_rule_example(rule, ex):
    text = ex.context or ex.text
    at = text.find(ex.text)
    assert at >= 0, "the example's words are not in its sentence"
    found = [m for m in tag_dates(text, date.fromisoformat(ex.anchor)) if (m.start, m.end) == (at, at + len(ex.text))]
    assert found, f"not found as one mention: {[(m.text, m.rule) for m in tag_dates(text, date.fromisoformat(ex.anchor))]}"
    m = found[0]
    assert (m.rule, m.value) == (rule, ex.value)
    if ex.bounds:
        assert m.span is not None
        assert (m.span.start.isoformat(), m.span.end.isoformat()) == ex.bounds


def test_word_lists_and_macros_expand():
    assert words("months")["sept"] == "9"
    rx = expand("%Months")
    assert "(?-i:" in rx and "Sept\\.?" in rx
    with pytest.raises(ValueError):
        expand("%nosuchlist")


def test_no_anchor_no_relative_mentions():
    found = tag_dates("He left on Friday, Oct. 15, 1999, and came back last year.")
    assert [(m.text, m.value) for m in found] == [("Friday, Oct. 15, 1999", "1999-10-15")]


def test_vague_durations_and_sets_cannot_date_an_event():
    found = {m.text: m for m in tag_dates("Prices now rise twice a year, for three years.", date(1998, 1, 8))}
    assert found["now"].value == "PRESENT_REF" and not found["now"].dates_event
    assert found["twice a year"].kind == "set" and not found["twice a year"].dates_event
    assert found["three years"].kind == "duration" and not found["three years"].dates_event


def test_ingest_dates_only_what_can_date_an_event():
    """find_dates (kb ingest) finds no vague reference, duration or set, which tag_dates
    (kb tag) reports with their kinds."""
    from kb.dates import find_dates

    text = "Prices now rise annually; for three years the plant ran, and recently it closed in 1990."
    assert [s.text for _a, _b, s in find_dates(text, date(1998, 1, 8))] == ["1990"]
    kinds = {m.text: (m.kind, m.dates_event) for m in tag_dates(text, date(1998, 1, 8))}
    assert kinds == {"now": ("date", False), "annually": ("set", False), "three years": ("duration", False),
                     "recently": ("date", False), "1990": ("date", True)}


def test_a_dateline_is_the_articles_date():
    from kb.dates import dateline

    assert dateline("TEHRAN, Iran, Aug. 11, 1998 (AP) -- Iran said ...").start == date(1998, 8, 11)
    near = dateline("WASHINGTON, August 11 (Xinhua) -- The talks ...", near=date(1998, 8, 14))
    assert (near.start, near.rule) == (date(1998, 8, 11), "dateline")
    assert dateline("WASHINGTON, August 11 (Xinhua) -- The talks ...") is None      # no year, nothing near
    assert dateline("The president said on August 11, 1998 that ...") is None
