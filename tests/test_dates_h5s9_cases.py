"""Date rules of round 9 (issue 10): lower-case "may"/"march" (rule month-lower), weekdays
in any case, "a Thursday night" (weekday-indefinite), the reference of a Solar month
without its year (solar-reference), "that winter" after a day of January, seasons with
two years, "quarterly" (P3M), "since Jan. 16" (since-past), "21 march that year"
(day-that-year) and "c. 26 oct" after "22/9/1980" (day-after-reference): what they read
and, as much, what they must leave alone."""

from datetime import date

import pytest

from kb.dates import tag_dates


def found(text: str, anchor: date) -> dict[str, str]:
    return {m.text: m.value for m in tag_dates(text, anchor)}


A = date(2023, 2, 14)


@pytest.mark.parametrize("text,words,value", [
    ("see you in may 2020 then", "may 2020", "2020-05"),
    ("we have been locked down since march, no school.", "march", "2022-03"),
    ("was the gap in mid-march real?", "mid-march", "2023-03"),
    ("plan the visits for april, not march.", "march", "2023-03"),
    ("from march to june the road was shut", "march", "2023-03"),
    ("on march 21 the vote", "march 21", "2023-03-21"),
    ("- may 3: reading room shut", "may 3", "2023-05-03"),
    ("march 21, 1988 was the day", "march 21, 1988", "1988-03-21"),
])
def test_lower_case_may_and_march_are_months_where_the_words_say_so(text, words, value):
    assert found(text, A).get(words) == value


@pytest.mark.parametrize("text", [
    "Hundreds march on the capital.",
    "They march through the old town every year.",
    "the march on Washington drew thousands",
    "3 may be freed soon, the lawyer said.",
    "those in may have left",
    "prices may 5 percent higher",
    "We may, in time, agree.",
    "A late march ended it.",
    "you may want to come",
    "the protest march began at noon",
])
def test_lower_case_may_and_march_stay_words(text):
    assert not [m for m in tag_dates(text, A) if m.text.lower().split()[-1] in ("may", "march")]


def test_capitalised_may_is_unchanged():
    assert found("The vote was held in May.", date(1998, 8, 1))["May"] == "1998-05"
    assert "May" not in found("May I ask a question?", date(1998, 8, 1))


def test_weekdays_in_any_case():
    got = found("TALKS WILL RESUME SATURDAY IN GENEVA", date(1998, 2, 13))
    assert got["SATURDAY"] == "1998-02-14"
    assert found("gathering again monday at the square", date(2020, 1, 8))["monday"] == "2020-01-06"
    assert found("the crowds on friday night were big", date(2017, 12, 31))["friday night"] == "2017-12-29TNI"


def test_a_weekday_after_a_names_no_week():
    got = tag_dates("It was a Thursday night, close to eleven.", date(2015, 6, 1))
    assert (got[0].text, got[0].kind, got[0].value) == ("a Thursday night", "time", "XXXX-WXX-4TNI")
    assert found("He died on a Friday in May 1990.", date(2010, 3, 1))["a Friday"] == "XXXX-WXX-5"


@pytest.mark.parametrize("text,words,value", [
    ("On 30 June 2018, a Saturday, police stopped a car.", "Saturday", "2018-06-30"),
    ("About 500 people attended a Sunday night memorial service.", "Sunday night", "1999-10-24TNI"),
    ("It was printed in a Sunday newspaper.", "Sunday", "1999-10-24"),
])
def test_a_weekday_after_a_that_is_no_indefinite_day(text, words, value):
    assert found(text, date(1999, 10, 24)).get(words) == value


def test_a_solar_month_without_its_year_follows_the_solar_dates_not_the_anchor():
    text = ("I was taken in Mehr 1360. It was a Thursday night. In Azar I was moved; a woman had been "
            "there since the spring. My father came in Dey and again in Bahman; he was ill all that winter.")
    got = found(text, date(2015, 6, 1))
    assert (got["Azar"], got["Dey"], got["Bahman"]) == ("1981", "198", "1982")
    assert got["the spring"] == "1981-SP"
    assert got["that winter"] == "1981-WI"        # Bahman 1360 is January 1982: the winter of 1981


def test_that_winter_after_a_day_of_january_is_the_winter_before():
    got = found("The city was bombed on 12 January 1943. That winter the river froze.", date(2000, 1, 1))
    assert got["That winter"] == "1942-WI"
    got = found("The city was bombed on 12 November 1942. That winter the river froze.", date(2000, 1, 1))
    assert got["That winter"] == "1942-WI"


@pytest.mark.parametrize("text,value", [
    ("the offensive of winter 1986-87", "1986-WI"),
    ("front quiet in summer 1986-87", "1987-SU"),
    ("enrolment fell in autumn 1990-91", "1990-FA"),
    ("fees rose in spring 2019/20", "2020-SP"),
])
def test_a_season_with_two_years_keeps_its_season(text, value):
    assert [m.value for m in tag_dates(text, date(2021, 1, 1))] == [value]


def test_a_season_with_two_years_that_do_not_follow_is_no_such_season():
    assert [m.value for m in tag_dates("in summer 1986-89", date(2021, 1, 1))] != ["1987-SU"]


def test_quarterly_is_every_three_months():
    assert found("The group will report quarterly thereafter.", A)["quarterly"] == "P3M"
    assert found("Dividends are paid every quarter.", A)["every quarter"] == "P1Q"
    assert "quarterly" not in found("It raised its quarterly dividend.", A)


def test_since_points_back():
    assert found("The shah has been in exile since Jan. 16.", date(1979, 11, 5))["Jan. 16"] == "1979-01-16"
    assert found("The talks will resume on Jan. 16.", date(1979, 11, 5))["Jan. 16"] == "1980-01-16"


def test_a_day_that_year_and_a_day_after_the_date_just_named():
    got = found("notice, esfand 1366: families leave before the new year (21 march that year).", A)
    assert got["21 march that year"] == "1988-03-21"
    got = found("- 22/9/1980 iraq invades. khorramshahr falls c. 26 oct after 34 days.", date(2019, 3, 12))
    assert got["c. 26 oct"] == "1980-10-26"
    # a day near the anchor in a sentence in the past stays the anchor's
    got = found("The cease-fire of August 1988 held. Iran condemned the invasion on Aug. 2 at once.", date(1990, 8, 15))
    assert got["Aug. 2"] == "1990-08-02"
    # nor after a date that names a thing, with no anchor to tell
    got = {m.text: m.value for m in tag_dates("The cease-fire followed the August 1988 truce. Iran condemned "
                                               "the invasion on Aug. 2 at once.", None, unresolved=True)}
    assert got["Aug. 2"] == "XXXX-08-02"
    # "that year" without a date before it is read as before: the words apart
    assert "21 march that year" not in found("families leave on 21 march that year", A)


@pytest.mark.parametrize("text,words,value", [
    ("The bill passed only after weeks of bargaining.", "weeks", "PXW"),
    ("The airliner came down minutes after take-off.", "minutes", "PTXM"),
    ("Work resumed, weeks after the election.", "weeks", "PXW"),
    ("a treaty could take years", "years", "PXY"),
    ("The deal follows months of talks.", "months", "PXM"),
    ("It took years of work.", "years", "PXY"),
    ("The crowd followed hours after the speech.", "hours", "PTXH"),
])
def test_a_bare_plural_after_a_word_of_following_or_before_after(text, words, value):
    assert found(text, A).get(words) == value


@pytest.mark.parametrize("text", [
    "They ruled for hundreds of years.",
    "It happened in the early hours of the night.",
    "Trains run at peak hours after six.",
    "The months of Tir and Mordad saw the worst of it.",
    "He had years after that to think.",
    # a thing taken at or of an occasion, a noun followed: no stretch of time (review of round 9)
    "She takes minutes at every board meeting.",
    "He took minutes of the meeting.",
    "The shop follows hours set by the council.",
    "The report follows years, months and days as units.",
])
def test_a_bare_plural_that_measures_nothing_stays(text):
    assert not [m for m in tag_dates(text, A) if m.kind == "duration"]


def test_a_part_of_a_solar_month_stays_in_its_extent():
    got = tag_dates("- kayhan, esfand 1366: raids.\n- small notice, late esfand: families leave.", A)
    late = [m for m in got if m.text == "late esfand"]
    assert late and (late[0].value, late[0].mod) == ("1988", "END")
    assert [m.text for m in tag_dates("It was late. Esfand came.", A)] == []


def test_a_participle_after_a_verb_of_staying_is_no_past():
    assert found("The posts will stay closed until the spring.", date(1989, 1, 31))["the spring"] == "1989-SP"
    assert found("The posts were closed until the spring.", date(1989, 1, 31))["the spring"] == "1988-SP"


def test_a_month_set_after_a_year_by_a_comma_is_of_that_year():
    assert found("In 2019, in November, they cut the internet.", date(2022, 10, 8))["November"] == "2019-11"
    assert found("In 2019 prices rose. In November they cut the internet.", date(2022, 10, 8))["November"] != "2019-11"


def test_nowruz_without_its_year_near_the_paragraphs_date():
    got = found("We left through Turkey in March 1984, a week before Nowruz.", date(2022, 10, 8))
    assert got["Nowruz"] == "1984-03-21"
    # with no date in its paragraph it is the feast in general, no day
    assert "Nowruz" not in found("In 2019 we met.\n\nFamilies travel at Nowruz.", date(2022, 10, 8))


# review of round 9: what the rules month-lower and weekday-any-case must leave as they were

@pytest.mark.parametrize("text,words,value", [
    ("GOOD FRIDAY PROCESSIONS HELD IN JERUSALEM", "GOOD FRIDAY", "1998-04-10"),
    ("EASTER SUNDAY MASS", "EASTER SUNDAY", "1998-04-12"),
])
def test_a_holiday_in_capitals_is_no_weekday_in_a_name(text, words, value):
    assert found(text, date(1998, 2, 13)).get(words) == value


@pytest.mark.parametrize("text", ["THE MONDAY CLUB", "THE SUNDAY TIMES", "SUNDAY EXPRESS"])
def test_a_weekday_in_capitals_in_a_name_stays(text):
    assert not tag_dates(text, date(1998, 2, 13))


@pytest.mark.parametrize("text", [
    "Only 3 may attend the hearing.",
    "Up to 20 may apply for the grant.",
    "Members 18 may enter.",
    "Of the prisoners, 12 may vote next week.",
    "About 20 march each day to the border.",
    "Scouts in march formation",
    "officer of march duty",
])
def test_a_count_before_may_or_march_is_no_day(text):
    assert not [m for m in tag_dates(text, A) if m.text.lower().split()[-1] in ("may", "march")]


@pytest.mark.parametrize("text,words,value", [
    ("on 3 may for the holiday", "3 may", "2023-05-03"),
    ("(21 march, verify)", "21 march", "2023-03-21"),
    ("we met 21 march", "21 march", "2023-03-21"),
    ("- 3 may rally at the square", "3 may", "2023-05-03"),
    ("from 2019 to march 2020 the road was shut", "march 2020", "2020-03"),
    ("prices doubled after may 2020, the shop says.", "may 2020", "2020-05"),
])
def test_a_day_or_a_year_with_may_or_march_still_reads(text, words, value):
    assert found(text, A).get(words) == value


@pytest.mark.parametrize("text", [
    "The protesters will march 1500 kilometres to the capital.",
    "They march 1500 km a month.",
    "They could march 1800 miles.",
])
def test_march_before_a_distance_is_the_verb(text):
    got = found(text, A)
    assert not [w for w in got if "march" in w]
