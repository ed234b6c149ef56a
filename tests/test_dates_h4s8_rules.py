"""Date rules of round 8 (issue 10): month names in any case (rule month-any-case), Solar
Hijri years alone and Solar seasons (rules solar-year-bare, solar-season), the year a
report covers (rule covered-period), the months that bound a season (rule season-range)
and a month range whose second month gives the year (rule month-range)."""

from datetime import date

import pytest

from kb.dates import tag_dates


def _read(text: str, anchor: date) -> list[tuple[str, str, str]]:
    return [(m.text, m.value, m.rule) for m in tag_dates(text, anchor)]


# --- rule month-any-case ------------------------------------------------------------------

@pytest.mark.parametrize("text,words,value", [
    ("notes: met on september 12, 1990, then again.", "september 12, 1990", "1990-09-12"),
    ("TALKS RESUME IN SEPTEMBER", "SEPTEMBER", "2020-09"),
    ("STRIKE ENDS IN OCTOBER 1990", "OCTOBER 1990", "1990-10"),
    ("The \u017feptember 3 meeting was short.", "\u017feptember 3", "2020-09-03"),
    ("It was printed in \u017feptember 1757.", "\u017feptember 1757", "1757-09"),
    ("the meeting of 3 september 1990", "3 september 1990", "1990-09-03"),
    ("we left in early september", "early september", "2020-09"),
    ("prices rose from JUNE TO AUGUST", "AUGUST", "2020-08"),
])
def test_month_names_read_in_any_case(text, words, value):
    found = {m.text: m.value for m in tag_dates(text, date(2020, 10, 1))}
    assert found.get(words) == value, found


@pytest.mark.parametrize("text", [
    "an august body of scholars met",          # the adjective
    "AN AUGUST BODY MET",
    "a man of august birth",
    "we may 2 go",                             # "may" and "march" stay capitalised only
    "they march 12 miles a day",
    "set the clock for dec 12",                # abbreviations stay capitalised only
    "By JUNE KRONHOLZ\nWASHINGTON -- The talks went on.",     # a byline's name in capitals
])
def test_a_month_word_in_lower_case_or_capitals_that_is_no_date(text):
    assert [m for m in tag_dates(text, date(2020, 10, 1)) if m.rule.startswith("month")] == []


def test_capitalised_months_read_as_before():
    assert _read("In May, prices rose; on March 3 they fell.", date(2020, 10, 1)) == [
        ("May", "2020-05", "month"), ("March 3", "2020-03-03", "month-day")]


# --- rules solar-year-bare and solar-season ----------------------------------------------

def test_a_bare_solar_year_after_a_preposition_in_a_solar_text():
    text = ("The months of Tir and Mordad 1360 saw the heaviest wave of political executions "
            "since 1357.")
    m = [m for m in tag_dates(text, date(2012, 6, 20)) if m.text == "1357"][0]
    assert (m.value, m.rule) == ("197", "solar-year-bare")
    assert (m.span.start, m.span.end) == (date(1978, 3, 21), date(1979, 3, 20))


@pytest.mark.parametrize("text", [
    "The village was founded in 1360 by monks.",               # no Solar calendar in the text
    "Under the Solar Hijri calendar, in 1360 people fled.",    # a count
    "On 30 Khordad 1360 the march was broken up; 1357 votes were cast.",   # no preposition
])
def test_a_bare_year_1200_1499_that_is_no_solar_year(text):
    assert [m for m in tag_dates(text, date(2019, 1, 1)) if m.rule == "solar-year-bare"] == []


def test_a_solar_season_glossed_with_its_gregorian_year():
    text = "The executions in the summer of 1367 (1988) followed the ceasefire."
    m = {m.text: m for m in tag_dates(text, date(2018, 8, 5))}["the summer of 1367"]
    assert (m.value, m.rule) == ("1988-SU", "solar-season")
    assert (m.span.start, m.span.end) == (date(1988, 6, 22), date(1988, 9, 22))


def test_a_solar_season_with_a_solar_day_of_its_year_after_it():
    text = "The purge of the summer of 1367 began after Iran accepted the ceasefire on 27 Tir 1367."
    found = {m.text: m.value for m in tag_dates(text, date(2018, 8, 5))}
    assert found["the summer of 1367"] == "1988-SU"


def test_a_season_of_a_year_kb_does_not_read_stays_unread():
    assert [m.text for m in tag_dates("The plague returned in the summer of 1367.", date(2018, 8, 5))] == []


# --- rule covered-period -------------------------------------------------------------------

REPORT = ("Summary. This report covers the visits made between 1 January 2015 and 31 December 2015. "
          "It is published today.\n\nObservers made 64 visits during the year, all unannounced ones in "
          "the second half of the year. In the first quarter, cells were full. After a letter in March, "
          "the practice stopped. The committee will meet again in June.")


def test_a_report_reads_its_yearless_dates_in_the_year_it_covers():
    found = {m.text: m.value for m in tag_dates(REPORT, date(2016, 1, 26))}
    assert found["the year"] == "2015"
    assert found["the second half of the year"] == "2015-H2"
    assert found["the first quarter"] == "2015-Q1"
    assert found["March"] == "2015-03"
    assert found["June"] == "2016-06"          # what is still to come: from the page's date
    assert found["today"] == "2016-01-26"


def test_no_covered_period_without_the_words_or_in_the_current_year():
    plain = REPORT.replace("This report covers the visits made", "Visits were made")
    assert {m.text: m.value for m in tag_dates(plain, date(2016, 1, 26))}["the year"] == "2016"
    current = REPORT.replace("2015", "2016")
    assert {m.text: m.value for m in tag_dates(current, date(2016, 11, 26))}["the year"] == "2016"


# --- rules season-range and month-range ------------------------------------------------------

@pytest.mark.parametrize("text,first,second", [
    ("The change shows most clearly in the season between June and August.", "XXXX-06", "XXXX-08"),
    ("The monsoon season runs from June to September.", "XXXX-06", "XXXX-09"),
    ("Rain fell in the season between June and August 2003.", "2003-06", "2003-08"),
    ("Sales fell between November and February 1989.", "1988-11", "1989-02"),
    ("Sales fell between June and August.", "2024-06", "2024-08"),
])
def test_a_month_range(text, first, second):
    values = [m.value for m in tag_dates(text, date(2025, 2, 14))]
    assert values == [first, second]


# --- span edges: rule determiner-inside, the quarter adjective ---------------------------------

def test_the_previous_weekday_keeps_its_determiner():
    text = "The index closed at 2082.1, down 4.5% from the previous Friday and 6.8% from Oct. 13."
    assert [(m.text, m.value) for m in tag_dates(text, date(1989, 10, 16))][:1] == [("the previous Friday", "1989-10-13")]


@pytest.mark.parametrize("text,words", [
    ("Spending fueled much of the third-quarter GNP growth.", "third-quarter"),
    ("Analysts expect the third-quarter loss to widen.", "third-quarter"),
    ("Sales fell in the third quarter.", "the third quarter"),
])
def test_a_quarter_used_as_an_adjective_leaves_the_determiner_to_its_noun(text, words):
    assert [m.text for m in tag_dates(text, date(1989, 10, 30))] == [words]


# --- rules last-verb, count-in-a-row, later-not-future, future-of, decade-words ------------------

@pytest.mark.parametrize("text,words,value", [
    ("Commanders said the campaign could last weeks before any ground attack.", "weeks", "PXW"),
    ("Some limits that last ten years will expire.", "ten years", "P10Y"),
    ("Prices rose in the last two years.", "the last two years", "P2Y"),
    ("Demand fell for four straight years.", "four straight years", "P4Y"),
])
def test_durations_after_the_verb_last_and_counts_in_a_row(text, words, value):
    found = {m.text: m.value for m in tag_dates(text, date(1999, 5, 20))}
    assert found.get(words) == value, found


def test_n_years_later_that_would_pass_the_page_date_is_now():
    text = ("On 30 Khordad 1360 the march was broken up. Historians point to this summer as the turning "
            "point. Archives remain closed, thirty-one years later.")
    found = {m.text: m.value for m in tag_dates(text, date(2012, 6, 20))}
    assert found["thirty-one years later"] == "2012"
    ahead = {m.text: m.value for m in tag_dates("We met yesterday. Two days later we will sign.", date(2012, 6, 20))}
    assert ahead["Two days later"] == "2012-06-21"


def test_vague_words_and_decade_words_that_are_no_time():
    assert tag_dates("This plant is the future of the company.", date(1989, 10, 27)) == []
    assert [m.value for m in tag_dates("Prices will rise in the future.", date(1989, 10, 27))] == ["FUTURE_REF"]
    assert [m.text for m in tag_dates("His rating hovered in the low forties.", date(1994, 9, 30))] == []
    assert [m.value for m in tag_dates("He was born in the early forties.", date(1994, 9, 30))] == ["194"]
    assert [m.value for m in tag_dates("A generation ago, the city argued.", date(2007, 4, 2))] == ["PAST_REF"]


@pytest.mark.parametrize("text,years", [
    ("Farkas set up a joint venture called Orion 1980, making parts.", []),
    ("The plan, called Vision 2030, is new.", []),
    ("In 1980 he flew; by 1981 he had retired.", ["1980", "1981"]),
    ("Prices rose in May 1980 and in Fiscal 1981.", ["1980-05", "1981"]),
])
def test_a_year_in_a_name_is_no_date(text, years):
    assert [m.value for m in tag_dates(text, date(1998, 4, 18))] == years
