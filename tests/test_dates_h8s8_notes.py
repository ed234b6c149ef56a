"""Notes' and cables' short forms: months short and in any case, years in two digits, weekdays short,
Nowruz, abbreviated units (rules month-short, weekday-short, nowruz, unit abbreviations)."""

from datetime import date

from kb.dates.tag import tag_dates


def _tags(text, anchor):
    return {(m.text, m.value) for m in tag_dates(text, anchor)}


def test_months_short_and_two_digit_years():
    got = _tags("- abadan besieged nov 80 - sept 81. c. 10 months.\n- jul 82 operation near basra.", date(2019, 3, 12))
    assert {("nov 80", "1980-11"), ("sept 81", "1981-09"), ("jul 82", "1982-07")} <= got
    got = _tags("DATE: 10 SEP 78\nREF: (07 JUL 15); (24 NOV 13)", date(2015, 7, 15))
    assert {("10 SEP 78", "1978-09-10"), ("07 JUL 15", "2015-07-07"), ("24 NOV 13", "2013-11-24")} <= got
    # a count after a month is no year: a day (1-31), or a number before a word
    assert ("Nov 80", "1980-11") not in _tags("In Nov 80 people were hurt.", date(2019, 3, 12))
    assert not any(m.rule == "day-month-short" for m in tag_dates("I may 3 times; 4 mar the plan.", date(2019, 3, 12)))


def test_weekdays_short_need_a_date_or_parentheses():
    got = _tags("- 16/3/1988 halabja gas attack (wed). 136 dead.\n- 13.3.88, sun: radio.", date(2023, 2, 14))
    assert ("wed", "1988-03-16") in got and ("sun", "1988-03-13") in got
    assert ("thurs", "2023-02-16") in _tags("clerk says box 18 arrives thurs.", date(2023, 2, 14))
    assert not any(m.rule == "weekday-short" for m in tag_dates("The sun rose; they wed in May; we sat.", date(2023, 2, 14)))


def test_nowruz_of_a_year_and_of_the_year_the_text_is_about():
    assert ("the eve of Nowruz 1364", "1985-03-20") in _tags("Released on the eve of Nowruz 1364.", date(2015, 6, 1))
    assert ("Nowruz 1935", "1935-03-22") in _tags("From Nowruz 1935 the name changed.", date(2011, 5, 14))
    # the feast in general, of no year the text is about: no date
    assert not any(m.rule == "nowruz" for m in tag_dates("Every Nowruz someone said it; the Nowruz message aired.",
                                                           date(2022, 10, 8)))


def test_abbreviated_units_after_a_count():
    got = _tags("scud attacks nearly every night; c. 7 wks. fao retaken in about 36 hrs.", date(2019, 3, 12))
    assert ("c. 7 wks", "P7W") in got and ("about 36 hrs", "PT36H") in got


def test_military_hours_sets_and_a_clock_without_a_space():
    got = _tags("The ceasefire came into effect at 0300 hours GMT on 20 August 1988.", date(1989, 1, 31))
    assert ("0300 hours", "1988-08-20T03:00") in got
    assert not any(m.rule == "hours-clock" for m in tag_dates("The crews logged 1500 hours of flight.", date(1989, 1, 31)))
    assert ("every other day", "P2D") in _tags("They questioned me every other day.", date(2015, 6, 1))
    assert ("10am", "2023-02-14T10:00") in _tags("The room opens at 10am.", date(2023, 2, 14))
