"""Compact ranges of days name each end (rules day-range-first, day-range-second; issue 10)."""

from datetime import date

from kb.dates.tag import tag_dates


def _found(text, anchor):
    return [(m.text, m.value, m.rule) for m in tag_dates(text, date.fromisoformat(anchor))]


def test_first_end_takes_the_second_dates_month_and_year():
    assert _found("The marches took place on 10 and 11 December 1978.", "2021-06-20")[:2] == [
        ("10", "1978-12-10", "day-range-first"), ("11 December 1978", "1978-12-11", "day-month")]
    got = _found("- 9-10/2/86: fao taken.\n- 22/9/1980: invasion.", "2019-03-12")
    assert got[0] == ("9", "1986-02-09", "day-range-first") and got[1][1] == "1986-02-10"


def test_second_end_takes_the_first_days_month_and_year():
    assert _found("1979\nNov. 19-20 - Hostages are released.", "2004-11-04")[1:] == [
        ("Nov. 19", "1979-11-19", "month-day"), ("20", "1979-11-20", "day-range-second")]
    assert _found("The summit is in Washington on April 24 and 25.", "1999-02-10")[-1] == (
        "25", "1999-04-25", "day-range-second")


def test_counts_scores_and_backward_pairs_are_no_range():
    assert [r for *_, r in _found("On April 24 and 25 delegates came.", "1999-02-10")] == ["month-day"]
    assert [r for *_, r in _found("The score was 9-10 on May 3.", "1999-02-10")] == ["month-day"]
    assert [r for *_, r in _found("Between 12 and 3 March 1990 nothing.", "1999-02-10")] == ["day-month"]
    assert [r for *_, r in _found("Nov. 19-12 is no range.", "1999-02-10")] == ["month-day"]
