"""Date parsing: every form of the date model, with its bounds, precision and EDTF."""

from datetime import date

import pytest

from kb.dates import DateError, DateSpan, find_dates, parse_date, parse_edtf

PAGE = date(2020, 6, 5)

CASES = [
    # text, start, end, precision, edtf, shown as
    ("September 6, 1965", "1965-09-06", "1965-09-06", "day", "1965-09-06", "6 Sep 1965"),
    ("6 September 1965", "1965-09-06", "1965-09-06", "day", "1965-09-06", "6 Sep 1965"),
    ("Sunday, May 17, 2020", "2020-05-17", "2020-05-17", "day", "2020-05-17", "17 May 2020"),
    ("1965-09-06", "1965-09-06", "1965-09-06", "day", "1965-09-06", "6 Sep 1965"),
    ("August of 1971", "1971-08-01", "1971-08-31", "month", "1971-08", "Aug 1971"),
    ("Feb. 1980", "1980-02-01", "1980-02-29", "month", "1980-02", "Feb 1980"),
    ("1979-06", "1979-06-01", "1979-06-30", "month", "1979-06", "Jun 1979"),
    ("1971", "1971-01-01", "1971-12-31", "year", "1971", "1971"),
    ("the fall of 1976", "1976-09-01", "1976-11-30", "season", "1976-23", "fall 1976"),
    ("spring 1980", "1980-03-01", "1980-05-31", "season", "1980-21", "spring 1980"),
    ("winter of 1979", "1979-12-01", "1980-02-29", "season", "1979-24", "winter 1979"),
    ("the 1970s", "1970-01-01", "1979-12-31", "decade", "197X", "1970s"),
    ("late 1970s", "1977-01-01", "1979-12-31", "decade", "1977/1979", "late 1970s"),
    ("early 1980s", "1980-01-01", "1983-12-31", "decade", "1980/1983", "early 1980s"),
    ("mid-1990s", "1994-01-01", "1996-12-31", "decade", "1994/1996", "mid 1990s"),
    ("late 1981", "1981-09-01", "1981-12-31", "year", "1981-09/1981-12", "late 1981"),
    ("early August 2020", "2020-08-01", "2020-08-10", "month", "2020-08-01/2020-08-10", "early Aug 2020"),
    ("July 2 to July 5, 1988", "1988-07-02", "1988-07-05", "range", "1988-07-02/1988-07-05", "2–5 Jul 1988"),
    ("July 2-5, 1988", "1988-07-02", "1988-07-05", "range", "1988-07-02/1988-07-05", "2–5 Jul 1988"),
    ("28 July to 5 August 1988", "1988-07-28", "1988-08-05", "range", "1988-07-28/1988-08-05", "28 Jul–5 Aug 1988"),
    ("1979-1981", "1979-01-01", "1981-12-31", "range", "1979/1981", "1979–1981"),
    ("1979–81", "1979-01-01", "1981-12-31", "range", "1979/1981", "1979–1981"),
    ("March to June 1981", "1981-03-01", "1981-06-30", "range", "1981-03/1981-06", "Mar–Jun 1981"),
    ("December 2017 to January 2018", "2017-12-01", "2018-01-31", "range", "2017-12/2018-01", "Dec 2017–Jan 2018"),
    ("1988-07-02/1988-07-05", "1988-07-02", "1988-07-05", "range", "1988-07-02/1988-07-05", "2–5 Jul 1988"),
    ("around 1975", "1974-01-01", "1976-12-31", "approximate", "1975~", "c. 1975"),
    ("06.09.1965", "1965-09-06", "1965-09-06", "day", "1965-09-06", "6 Sep 1965"),
]


@pytest.mark.parametrize("text,start,end,precision,edtf,shown", CASES)
def test_absolute_forms(text, start, end, precision, edtf, shown):
    d = parse_date(text)
    assert (d.start.isoformat(), d.end.isoformat(), d.precision, d.edtf) == (start, end, precision, edtf)
    assert d.display() == shown
    assert d.text == text


RELATIVE = [
    ("last November", "2019-11-01", "2019-11-30", "month", "last-month-name"),
    ("last June", "2019-06-01", "2019-06-30", "month", "last-month-name"),
    ("last May", "2020-05-01", "2020-05-31", "month", "last-month-name"),
    ("earlier this month", "2020-06-01", "2020-06-05", "range", "earlier-this-month"),
    ("earlier this year", "2020-01-01", "2020-06-05", "range", "earlier-this-year"),
    ("in September", "2019-09-01", "2019-09-30", "month", "month-no-year"),
    ("Finally, in September", "2019-09-01", "2019-09-30", "month", "month-no-year"),
    ("On May 20", "2020-05-20", "2020-05-20", "day", "month-no-year"),
    ("In early August", "2019-08-01", "2019-08-10", "month", "month-no-year; part-of"),
    ("this time last year", "2019-06-01", "2019-06-30", "month", "this-time-last-year"),
    ("last month", "2020-05-01", "2020-05-31", "month", "last-month"),
    ("last year", "2019-01-01", "2019-12-31", "year", "last-year"),
    ("last week", "2020-05-25", "2020-05-31", "range", "last-week"),
    ("yesterday", "2020-06-04", "2020-06-04", "day", "yesterday"),
]


@pytest.mark.parametrize("text,start,end,precision,rule", RELATIVE)
def test_relative_forms_resolve_against_the_page_date(text, start, end, precision, rule):
    d = parse_date(text, anchor=PAGE)
    assert (d.start.isoformat(), d.end.isoformat(), d.precision, d.rule) == (start, end, precision, rule)
    assert d.anchor == PAGE


def test_relative_date_without_anchor_is_an_error():
    with pytest.raises(DateError, match="relative"):
        parse_date("last November")


@pytest.mark.parametrize("bad", ["", "foo", "February 30, 2020", "2020-13", "1990-1980", "13.13.2020"])
def test_bad_dates_raise(bad):
    with pytest.raises(DateError):
        parse_date(bad)


def test_never_invents_precision():
    d = parse_date("August of 1971")
    assert d.precision == "month" and d.start.day == 1 and d.end.day == 31


def test_edtf_round_trip_and_dict_round_trip():
    for text, *_ in CASES:
        d = parse_date(text)
        s, e = parse_edtf(d.edtf)
        if d.precision != "approximate":
            assert (s, e) == (d.start, d.end), text
        assert DateSpan.from_dict(d.to_dict()) == d


def test_find_dates_in_running_text():
    text = ("In the fall of 1976 a split came. On June 20, 1981, crowds marched. "
            "Police held 2000 people. Last November protests spread; in September more followed.")
    found = [(text[s:e], d.edtf) for s, e, d in find_dates(text, PAGE)]
    assert ("the fall of 1976", "1976-23") in found
    assert ("June 20, 1981", "1981-06-20") in found
    assert ("Last November", "2019-11") in found
    assert ("in September", "2019-09") in found
    assert not any(t == "2000" for t, _ in found), "a count is not a year"


def test_find_dates_skips_relative_forms_without_anchor():
    assert [d.edtf for _, _, d in find_dates("Last November it began, in 1999.")] == ["1999"]


def test_months_that_follow_each_other_are_one_range():
    text = ("Floods came in April, May, and June. In both September and October arrests "
            "went on. Rallies in March and June 2019 were small. June and July 1988 were hot.")
    found = [(text[s:e], d.edtf, d.rule) for s, e, d in find_dates(text, PAGE)]
    assert found == [
        ("in April, May, and June", "2020-04/2020-06", "month-no-year; month-list"),
        ("In both September and October", "2019-09/2019-10", "month-no-year; month-list"),
        ("March", "2019-03", "coordinated"),
        ("June", "2019-06", "coordinated"),
        ("June and July 1988", "1988-06/1988-07", "month-list"),
    ]


def test_a_year_glued_to_the_next_word_still_ends_the_date():
    text = "Tribute at the camp-July2019In 2016, members moved."
    assert [(text[s:e], d.edtf) for s, e, d in find_dates(text)] == [("July2019", "2019-07"), ("2016", "2016")]
    assert [d.edtf for _, _, d in find_dates("the 2019s and 2019abc")] == []


def _spans(text):
    return [(d.text, d.start.isoformat(), d.end.isoformat(), d.precision) for _, _, d in find_dates(text)]


def test_dates_counted_from_the_date_before_them():
    assert _spans("They were freed on January 20, 1979. Crowds grew. One month later, the king fled.") == [
        ("January 20, 1979", "1979-01-20", "1979-01-20", "day"),
        ("One month later", "1979-01-01", "1979-03-31", "approximate")]
    assert _spans("After the 1979 revolution, during the next six years, women led.")[1] == (
        "during the next six years", "1979-01-01", "1985-12-31", "range")
    assert _spans("In 2009 the EU acted. In the following years, courts ruled, and in 2012 it ended.")[1] == (
        "In the following years", "2010-01-01", "2012-12-31", "range")
    assert _spans("On May 3, 2001 it began. Three days later it ended. The following year, war.")[1:] == [
        ("Three days later", "2001-05-06", "2001-05-06", "day"),
        ("The following year", "2002-01-01", "2002-12-31", "year")]


def test_counted_dates_are_never_guessed():
    # no later date in the sentence to end "the following years"
    assert [t for t, *_ in _spans("In 2009 the EU acted. In the following years, courts ruled.")] == ["2009"]
    # the reference must be in the same paragraph, and fine enough for the unit
    assert [t for t, *_ in _spans("In 2001 it began.\nTwo years later, peace.")] == ["2001"]
    assert [t for t, *_ in _spans("In 2001 it began. Three days later, peace.")] == ["2001"]
    # a date the text restates at once wins
    text = "Rallies on July 21, 1981. One week later, on July 29th, they left."
    assert [d.text for _, _, d in find_dates(text, date(1981, 12, 31))] == ["July 21, 1981", "July 29th"]
    with pytest.raises(DateError, match="counts from a date before it"):
        parse_date("one month later")


def test_during_the_thing_named_before_with_its_year():
    text = "The cost of the 1961 Strike was high. During the strike, the mayor resigned. During the war, no one came."
    assert _spans(text) == [("1961", "1961-01-01", "1961-12-31", "year"),
                            ("During the strike", "1961-01-01", "1961-12-31", "year")]
    # a date that follows is read as itself
    assert [t for t, *_ in _spans("It fell during the late 1970s.")] == ["the late 1970s"]


def test_the_past_year_is_the_window_that_ends_on_the_anchor():
    text = "Over the past year it grew. Within the last month, more came. Last year was calm."
    got = [(d.text, d.start.isoformat(), d.end.isoformat(), d.rule) for _, _, d in find_dates(text, PAGE)]
    assert got == [("Over the past year", "2019-06-06", "2020-06-05", "past-year"),
                   ("Within the last month", "2020-05-06", "2020-06-05", "past-month"),
                   ("Last year", "2019-01-01", "2019-12-31", "last-year")]


def test_counted_dates_pick_a_sound_reference():
    # a range counts from its end; a modifier year only when nothing else is there
    assert _spans("In 1975 it opened. The war lasted from 1980 to 1988. Two years later, he died.")[-1] == (
        "Two years later", "1990-01-01", "1990-12-31", "year")
    assert _spans("In 2010 veterans of the 1979 revolution met. A year later they disbanded.")[-1] == (
        "A year later", "2011-01-01", "2011-12-31", "year")
    # "Forty-two years later" is not "two years later"; the future is not counted from the past
    assert [t for t, *_ in _spans("The mine opened in 1950. Forty-two years later it closed.")] == ["1950"]
    text = "The minister, who took office in 2015, said the state will spend more over the next two years."
    assert [t for t, *_ in _spans(text)] == ["2015"]


def test_a_restated_date_takes_its_year_from_the_count():
    text = "The ship sank on April 14, 1912. One week later, on April 21, divers arrived."
    got = [(d.text, d.start.isoformat()) for _, _, d in find_dates(text, PAGE)]
    assert got == [("April 14, 1912", "1912-04-14"), ("April 21", "1912-04-21")]


def test_verbs_and_unnamed_things_are_not_dates():
    text = "Prices may or may not rise, he said on June 2. Workers plan to march, and may strike."
    assert [d.text for _, _, d in find_dates(text, PAGE)] == ["June 2"]
    text = "In 1998 the government raised taxes. During the government crackdown, many were held."
    assert [d.text for _, _, d in find_dates(text)] == ["1998"]


@pytest.mark.parametrize("text,found", [
    ("He arrived on Aug. 7 in Tehran.", ("Aug. 7", "2019-08-07")),
    ("The vote was set by Jan. 14, they said.", ("Jan. 14", "2020-01-14")),
    ("It began on Aug. 7, 1990 in Kuwait.", ("Aug. 7, 1990", "1990-08-07")),
])
def test_an_abbreviated_month_with_a_period_keeps_its_day(text, found):
    """"on Aug. 7" was read as the whole of August (the preposition form matched "Aug"
    and left ". 7" behind)."""
    got = [(s.text, s.start.isoformat(), s.precision) for _a, _b, s in find_dates(text, PAGE)]
    assert got == [(*found, "day")]



def test_a_month_without_its_year_in_a_future_sentence_is_the_coming_one():
    text = ("In September the board will open a college. Sales fell in March. "
            "On Aug. 7 it will vote. It will close in June. The plant shut in September.")
    got = [(s.text, s.edtf) for _, _, s in find_dates(text, PAGE)]
    assert got == [("In September", "2020-09"), ("in March", "2020-03"), ("Aug. 7", "2020-08-07"),
                   ("in June", "2020-06"), ("in September", "2019-09")]
    got = [s.edtf for _, _, s in find_dates("Trading resumes in September, the minister said last week.", PAGE)]
    assert got[0] == "2019-09"      # the nearest tense word is past: no forward reading


def test_a_day_before_its_month_without_a_year_is_found_in_running_text():
    """'On 16 November', 'the 21st of July' (rule month-no-year, form dm_noyear): the latest
    such day on or before the page's date, as 'November 16' is; 'may' the verb is no month."""
    from datetime import date

    from kb.dates import find_dates

    found = {sp.text: (sp.start.isoformat(), sp.rule) for _s, _e, sp in find_dates(
        "On 16 November the internet was cut. On the 21st of July he left. Prices 10 may rise. "
        "It began on 6 September 1965.", date(2019, 12, 17))}
    assert found["16 November"] == ("2019-11-16", "month-no-year")
    assert found["21st of July"] == ("2019-07-21", "month-no-year")
    assert found["6 September 1965"][0] == "1965-09-06"
    assert not any("may" in t for t in found)
