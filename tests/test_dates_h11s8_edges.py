"""Span edges of dates (issue 10, round 8): the half of a month, a winter written with both
of its years; a duration before a named year stays apart from it, as in TimeBank."""
from datetime import date

from kb.dates.tag import tag_dates


def _one(text, anchor):
    ms = [m for m in tag_dates(text, anchor) if m.kind in ("date", "duration")]
    return [(m.text, m.kind, m.value, getattr(m, "mod", None)) for m in ms]


def test_half_month_is_the_month_with_its_edge():
    got = _one("They met most recently in the second half of November, without agreement.", date(1989, 1, 31))
    assert got[-1][:3] == ("the second half of November", "date", "1988-11")
    assert got[-1][3] == "END"
    got = _one("Deliveries resume in the first half of March 1990.", date(1989, 10, 26))
    assert got == [("the first half of March 1990", "date", "1990-03", "START")]
    # a half of a year is unchanged
    assert _one("Profits grew in the first half of 1990.", date(1989, 10, 26))[0][:3] == \
        ("the first half of 1990", "date", "1990-H1")


def test_winter_across_two_years():
    assert _one("re: winter 1986-87 karbala ops", date(2019, 3, 12))[0][:3] == ("winter 1986-87", "date", "1986-WI")
    assert _one("It was worst in the winter of 1941/42.", date(2001, 5, 1))[0][:3] == \
        ("the winter of 1941/42", "date", "1941-WI")
    # not a winter's pair of years: the season's words are not stretched over "-90"
    assert all(t != "the winter 1986-1990" for t, *_ in _one("the winter 1986-1990 x", date(2001, 5, 1)))



def test_duration_before_a_named_year_keeps_the_year_apart():
    # TimeBank splits "the first nine months of 1997" into a DURATION and a DATE; kb does too
    got = _one("In the first two months of 2024 we recorded 120.", date(2024, 3, 5))
    assert [(t, k) for t, k, *_ in got] == [("the first two months", "duration"), ("2024", "date")]
