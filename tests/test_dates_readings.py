"""Readings of the date rules that refuse words or move a date, beyond the rules' examples.

The examples in ``kb/resources/dates/rules.txt`` show what a rule finds; these
show what it must not find, and the calendar behind the holidays."""

from datetime import date

from kb.dates import tag_dates
from kb.dates.forms import easter, holiday_day


def found(text: str, anchor: str) -> list[tuple[str, str, str]]:
    return [(m.text, m.value, m.rule) for m in tag_dates(text, date.fromisoformat(anchor))]


def test_easter_and_the_holidays_on_a_weekday_of_a_month():
    assert [easter(y) for y in (1998, 2000, 2013, 2024)] == [
        date(1998, 4, 12), date(2000, 4, 23), date(2013, 3, 31), date(2024, 3, 31)]
    assert holiday_day("11-22-4", 1999) == date(1999, 11, 25)      # Thanksgiving: 4th Thursday
    assert holiday_day("11-02-2", 1998) == date(1998, 11, 3)       # Election Day
    assert holiday_day("05-25-1", 2001) == date(2001, 5, 28)       # Memorial Day: last Monday of May
    assert holiday_day("E-2", 2000) == date(2000, 4, 21)           # Good Friday
    assert holiday_day("12-25", 1990) == date(1990, 12, 25)


def test_a_one_word_holiday_in_lower_case_or_before_a_name_is_no_holiday():
    assert found("They sailed to Easter Island in May 1999.", "2000-01-01") == [("May 1999", "1999-05", "month-year")]
    assert found("a prayer of thanksgiving", "2000-01-01") == []
    assert found("Shops close on Christmas Island holidays.", "2000-01-01") == []
    assert found("They met before Thanksgiving.", "2000-01-07") == [("Thanksgiving", "1999-11-25", "holiday")]


def test_jan_or_jun_before_a_surname_is_a_first_name():
    assert found("Janos Martonyi of Hungary and Jan Kavan of the Czech Republic signed.", "1999-03-13") == []
    assert found("Prices rose in Jan Sales fell.", "1999-03-13")[0][:2] == ("Jan", "1999-01")
    assert found("Sales rose in Jan. Prices fell.", "1999-03-13")[0][:2] == ("Jan.", "1999-01")


def test_last_before_a_month_and_day_is_the_day_in_the_past():
    assert found("He was shot last Oct. 23 at home.", "1999-04-19") == [("Oct. 23", "1998-10-23", "month-day")]
    assert found("They met last October.", "1999-04-19") == [("last October", "1998-10", "month")]


def test_as_soon_as_points_a_weekday_forward():
    assert found("They may leave as soon as Tuesday, he said.", "2000-04-03") == [("Tuesday", "2000-04-04", "weekday")]
    assert found("They left Tuesday, he said.", "2000-04-03") == [("Tuesday", "2000-03-28", "weekday")]


def test_a_plan_of_the_past_points_its_day_back_only_when_it_governs_it():
    assert found("It had been due to expire Friday evening.", "1989-10-30")[0][1] == "1989-10-27TEV"
    assert found("It is due to expire Friday evening.", "1989-10-30")[0][1] == "1989-11-03TEV"
    assert found("The sale, which had been expected, is part of a plan to repay the loan by February.",
                 "1989-10-30")[0][1] == "1990-02"


def test_a_participle_after_be_is_no_past_tense():
    assert found("The summit will be held in the fall.", "2013-03-20") == [("the fall", "2013-FA", "season")]
    assert found("The summit was held in the fall.", "2013-03-20") == [("the fall", "2012-FA", "season")]


def test_the_present_of_a_scheduled_event_points_forward_but_not_after_to():
    assert found("The offer expires on Friday.", "2013-03-18")[0][1] == "2013-03-22"
    assert found("He and Arafat meet separately Monday with the envoy.", "1998-05-01")[0][1] == "1998-05-04"
    assert found("It was hard to meet demand well into the summer.", "1989-10-26")[0][1] == "1989-SU"
