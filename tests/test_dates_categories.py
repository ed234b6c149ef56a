"""Date rules by category (sets, durations, clock times joined to a day, Solar dates
without a year): where they must NOT fire, beside the examples of rules.txt."""

from datetime import date

from kb.dates import find_dates, tag_dates


def _found(text, anchor=date(1998, 2, 13)):
    return {m.text: (m.kind, m.value, m.rule) for m in tag_dates(text, anchor)}


def test_a_figure_before_yesterday_is_no_clock_time():
    got = _found("The index rose 3 yesterday and 7:15 this morning it fell.")
    assert got["yesterday"][:2] == ("date", "1998-02-12")
    assert got["7:15 this morning"][:2] == ("time", "1998-02-13T07:15")


def test_a_rate_needs_its_amount_in_the_same_sentence():
    got = _found("He counted three thousand.\n\nBut a minute and a half later, a pilot landed.")
    assert got["a minute and a half"][:2] == ("duration", "PT1M30S")
    assert _found("They pumped 2 million barrels a day.")["a day"][:2] == ("set", "P1D")


def test_a_solar_month_name_alone_needs_a_solar_date_or_a_preposition():
    assert "Dey" not in _found("In Dey and in Tir the weather was mild, Dey said.", date(2020, 1, 1))
    got = _found("The strike of 7 Dey 1357 spread, and in Bahman the regime fell.", date(2003, 2, 11))
    assert got["Bahman"][1] == "1979" and got["7 Dey 1357"][1] == "1978-12-28"


def test_ingest_reads_no_solar_date_without_its_year():
    """find_dates (kb ingest) keeps to Solar dates with their year: a day without one
    is read only by tag_dates, against the dates before it."""
    text = "The protests began on 24 Aban 1398. On 25 Aban the internet was cut."
    assert [s.text for _a, _b, s in find_dates(text, date(2021, 11, 15))] == ["24 Aban 1398"]
    assert _found(text, date(2021, 11, 15))["25 Aban"][1] == "2019-11-16"


def test_fractions_of_units():
    got = _found("It took half an hour, then half a year, and a fortnight of rain.")
    assert got["half an hour"][1] == "PT30M" and got["half a year"][1] == "P6M"
    assert got["a fortnight"][1] == "P2W"


def test_the_night_of_a_day_is_that_days_expression():
    """"the night of Friday, Oct. 23": the day is the expression, as AQUAINT marks it
    (joining the two lowered strict F1 on AQUAINT: measured, dropped); "the night" alone
    is no second mention."""
    got = _found("He came home on the night of Friday, Oct. 23, and left.", date(1998, 11, 21))
    assert "the night" not in got and got["Friday, Oct. 23"][1] == "1998-10-23"
