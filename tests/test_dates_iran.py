"""Dates in Iran's own calendars: Solar Hijri and lunar Hijri, in kb tag and kb ingest."""

from datetime import date

import pytest

from kb.dates import find_dates, tag_dates
from kb.dates.calendar import lunar_hijri, solar_hijri, solar_hijri_month

PAGE = date(2020, 6, 5)


@pytest.mark.parametrize("text,start,end,precision", [
    ("30 Khordad 1360", "1981-06-20", "1981-06-20", "day"),
    ("Aban 1398", "2019-10-23", "2019-11-21", "range"),
    ("6 Mordad 1367", "1988-07-28", "1988-07-28", "day"),
    ("6 Amordad 1367", "1988-07-28", "1988-07-28", "day"),
    ("22 Bahman 1357", "1979-02-11", "1979-02-11", "day"),
    ("1 Farvardin 1399", "2020-03-20", "2020-03-20", "day"),
    ("Esfand 1398", "2020-02-20", "2020-03-19", "range"),
    ("1357 SH", "1978-03-21", "1979-03-20", "range"),
])
def test_solar_hijri_dates_in_running_text_are_found_by_ingest(text, start, end, precision):
    found = [(s.start.isoformat(), s.end.isoformat(), s.precision) for _a, _b, s in
             find_dates(f"Sources date it to {text}, they say.", PAGE)]
    assert found == [(start, end, precision)]


def test_the_gregorian_gloss_beside_a_solar_date_is_its_own_date():
    text = "On 30 Khordad 1360 (June 20, 1981) a march took place."
    found = [(text[a:b], s.start) for a, b, s in find_dates(text, PAGE)]
    assert found == [("30 Khordad 1360", date(1981, 6, 20)), ("June 20, 1981", date(1981, 6, 20))]


def test_lunar_hijri_needs_a_hijri_month_or_ah():
    text = "In 1400 AH the century turned; Ramadan 1441 was quiet; 1400 men marched."
    found = [(text[a:b], s.start, s.end) for a, b, s in find_dates(text, PAGE)]
    assert found == [("1400 AH", date(1979, 11, 21), date(1980, 11, 8)),
                     ("Ramadan 1441", date(2020, 4, 24), date(2020, 5, 23))]


def test_kb_tag_reads_them_too():
    got = {m.text: (m.value, m.span.start) for m in tag_dates("The protests of Aban 1398 spread.", PAGE)}
    assert got == {"Aban 1398": ("2019", date(2019, 10, 23))}      # the smallest Gregorian unit that holds it


def test_impossible_days_are_not_dates():
    # Mehr has 30 days: no day is read, at most the month
    assert [(m.text, m.span.precision) for m in tag_dates("on 31 Mehr 1398", PAGE)] == [("Mehr 1398", "range")]
    with pytest.raises(ValueError):
        solar_hijri(1398, 7, 31)
    with pytest.raises(ValueError):
        lunar_hijri(1441, 13, 1)


def test_calendar_conversions():
    assert solar_hijri_month(1398, 12) == (date(2020, 2, 20), date(2020, 3, 19))
    assert lunar_hijri(1400, 1, 1) == date(1979, 11, 21)


def test_a_text_without_those_calendars_is_not_scanned_for_them():
    from kb.dates.iran import iran_dates

    assert iran_dates("On June 20, 1981 a march took place in Tehran.") == []
