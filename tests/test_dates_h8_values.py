"""Date values read from the reference time, from a story's year and from a holiday's week.

Rules previous-unit, next-in-past, narrative-year and holiday-week of
``kb/resources/dates/rules.txt`` (their examples run in
``tests/test_dates_rules.py``); here: what they must not change.  "The
previous year" with no earlier date counts from the anchor, a reference coarser
than the unit is not used ("In 1995 ... the prior month" is not a month of
1995), "the next year" in a forecast stays the anchor's next year, and a
holiday's week is an ISO week (Thanksgiving's weekend is that of its week);
a story's year needs a story (two old dates, most of the dates before) and
ends at a date read against the anchor.
"""

from datetime import date

import pytest

from kb.dates import tag_dates


def _values(text: str, anchor: date) -> list[tuple[str, str, str]]:
    return [(m.text, m.value, m.rule) for m in tag_dates(text, anchor)]


@pytest.mark.parametrize("text,anchor,expected", [
    # previous-unit: the reference when as fine as the unit, else the anchor
    ("In 1995 he left. The previous year he had married.", date(1998, 10, 26),
     [("1995", "1995", "year"), ("The previous year", "1994", "previous-unit")]),
    ("In 1995 he left. The prior month he came.", date(1998, 10, 26),
     [("1995", "1995", "year"), ("The prior month", "1998-09", "previous-unit")]),
    ("He had been seen the previous day.", date(1998, 10, 26),
     [("the previous day", "1998-10-25", "previous-unit")]),
    ("He was held on Oct. 3.\n\nThe preceding day, police searched his home.", date(1998, 10, 26),
     [("Oct. 3", "1998-10-03", "month-day"), ("The preceding day", "1998-10-02", "previous-unit")]),
    # next-in-past: only in a past-tense sentence with a reference
    ("In 2011 exports rose. The next year they will fall.", date(2013, 3, 14),
     [("2011", "2011", "year"), ("The next year", "2014", "unit-relative")]),
    ("Exports fell the next year.", date(2013, 3, 14),
     [("the next year", "2014", "unit-relative")]),
    ("On Jan. 5 the talks failed. The next day they resumed.", date(2000, 1, 20),
     [("Jan. 5", "2000-01-05", "month-day"), ("The next day", "2000-01-06", "that-unit")]),
    # holiday-week
    ("Shops were busy in Christmas week.", date(2001, 1, 5),
     [("Christmas week", "2000-W52", "holiday")]),
    ("Flights were full over Thanksgiving weekend.", date(1998, 11, 30),
     [("Thanksgiving weekend", "1998-W48-WE", "holiday")]),
    ("Protesters marched over the Easter weekend.", date(2000, 4, 25),
     [("Easter weekend", "2000-W16-WE", "holiday")]),
])
def test_reference_time_and_holiday_weeks(text, anchor, expected):
    assert _values(text, anchor) == expected


def test_the_next_day_needs_a_reference():
    assert _values("The next day is uncertain.", date(2000, 1, 20)) == []


@pytest.mark.parametrize("text,expected", [
    # a story of 1981 told in 2012: the months without a year are 1981's
    ("The group was banned in 1980. On 20 June 1981 the march was broken up. In late July the "
     "president fled, and in the autumn the arrests went on.",
     ["1980", "1981-06-20", "1981-07", "1981-FA"]),
    # one old date is a glance back, not a story
    ("Profits have doubled since 1980. In March the company was sold.", ["1980", "2012-03"]),
    # a date read against the anchor ends the story
    ("The group was banned in 1980 and again in 1981. Last year it was allowed. In March it held a rally.",
     ["1980", "1981", "2011", "2012-03"]),
])
def test_narrative_year(text, expected):
    assert [m.value for m in tag_dates(text, date(2012, 6, 20))] == expected


@pytest.mark.parametrize("text,anchor,value", [
    # a past verb in -red or -bed is a past verb ("red", "bed", "hundred" are no verbs)
    ("Rebels bombed the depot in the winter, officials said.", date(1998, 6, 10), "1997-WI"),
    ("The company offered its shares in the fall, to raise cash for its health plan.", date(1990, 2, 10), "1989-FA"),
    ("Rates hovered near 9% through the spring, after the plan collapsed.", date(1990, 7, 1), "1990-SP"),
])
def test_past_verbs_in_red_and_bed(text, anchor, value):
    assert [m.value for m in tag_dates(text, anchor)] == [value]
