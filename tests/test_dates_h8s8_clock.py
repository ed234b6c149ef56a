"""Clock times with their day, the reference time of a thread of stamped posts, and numeric dates in the
order their text writes them (rules stamp, dtg, clock-24, stamp-day, day-first, dotted-day, solar-numeric)."""

from datetime import date

from kb.dates.tag import tag_dates

THREAD = """Times are as the app shows them.

[28 Dec, 10:40 pm] Videos from two more towns. Nobody expected this today. Tomorrow is Friday.

[31 Dec, 8:10 am] Messaging apps blocked since last night. Prices went up overnight.

[31 Dec, 9:30 pm] The president spoke this evening.
"""


def _tags(text, anchor):
    return {(m.text, m.value) for m in tag_dates(text, anchor)}


def test_a_posts_stamp_is_one_time_and_sets_the_day_of_what_follows():
    got = _tags(THREAD, date(2018, 1, 1))
    assert ("28 Dec, 10:40 pm", "2017-12-28T22:40") in got
    assert ("today", "2017-12-28") in got and ("Tomorrow", "2017-12-29") in got
    assert ("Friday", "2017-12-29") in got
    assert ("last night", "2017-12-30TNI") in got
    assert ("overnight", "2017-12-30TNI") in got        # said in the morning: the night before
    assert ("this evening", "2017-12-31TEV") in got
    assert not any(t in ("28 Dec", "10:40 pm") for t, _v in got)


def test_without_a_stamp_the_anchor_is_the_day():
    got = _tags("Prices went up overnight. The president spoke this evening at 21:30.", date(2018, 1, 1))
    assert ("overnight", "2018-01-01TNI") in got and ("this evening", "2018-01-01TEV") in got
    assert ("21:30", "2018-01-01T21:30") in got


def test_a_date_in_running_prose_is_no_stamp():
    got = _tags("The rally of 3 January drew thousands. Police came this evening.", date(2020, 1, 12))
    assert ("this evening", "2020-01-12TEV") in got


def test_cable_date_time_groups_and_24_hour_clock():
    got = _tags("REF: TEHRAN 08701 DTG 071430Z SEP 78\nDATE: 15 JUL 2015 0930Z", date(1978, 9, 10))
    assert ("071430Z SEP 78", "1978-09-07T14:30") in got and ("15 JUL 2015 0930Z", "2015-07-15T09:30") in got
    got = _tags("Recorded on Saturday 8 October 2022, 2:00-3:40 pm.", date(2022, 10, 8))
    assert ("2:00", "2022-10-08T14:00") in got and ("3:40 pm", "2022-10-08T15:40") in got
    assert not any(m.rule == "clock-24" for m in tag_dates("John 3:16 and a 10:1 ratio, 12:345", date(2000, 1, 1)))


def test_numeric_dates_in_the_order_of_their_text():
    notes = "dates d/m/y.\n- 22/9/1980: invasion.\n- 03/07/1988: airliner shot down. ceasefire 20/8.\n"
    got = _tags(notes, date(2019, 3, 12))
    assert ("03/07/1988", "1988-07-03") in got and ("20/8", "1988-08-20") in got
    assert ("10/2/86", "1986-10-02") in _tags("On 10/2/86 the wire said so; on 10/19/87 too.", date(1990, 1, 1))
    assert ("24.5.82", "1982-05-24") in _tags("- 24.5.82, the city retaken.", date(2019, 3, 12))
    assert not any(m.rule == "dotted-day" for m in tag_dates("See section 4.3.12 and v. 1.2.10.", date(2019, 3, 12)))
    assert ("1392/3/24", "2013-06-14") in _tags("- 1392/3/24: Rouhani wins.", date(2021, 6, 20))
    # a fraction is no day: "3/4" (no day over 12), and a month-first text keeps "12/3"
    assert not any(m.rule == "numeric-day-month" for m in tag_dates("3/4 of 22/9/1980 and 12/3", date(2019, 3, 12)))


def test_times_of_day_in_words_take_the_reference_day():
    text = "Martial law was declared on 8 September. Troops fired on a crowd that morning."
    assert ("that morning", "1978-09-08TMO") in _tags(text, date(1978, 9, 10))
    text = "The fire broke out on Saturday, 19 August, about 9 p.m. \"We searched all night.\""
    got = _tags(text, date(1978, 8, 20))
    assert ("about 9 p.m.", "1978-08-19T21:00") in got and ("all night", "1978-08-19TNI") in got
    assert ("the night before", "XXXX-XX-XXTNI") in _tags("Families are often told the night before.", date(2024, 3, 5))
    # a deictic word is the anchor's, whatever the date before: "this morning", "7:15 this morning"
    got = _tags("The talks opened on 8 March. At 7:15 this morning it fell.", date(1998, 3, 12))
    assert ("7:15 this morning", "1998-03-12T07:15") in got


def test_an_hour_in_words_is_a_time_only_where_it_ends_its_clause_and_counts_nothing():
    got = _tags("Today there is another march downtown at four, after this recording.", date(2022, 10, 8))
    assert ("four", "2022-10-08T16:00") in got
    for text in ("The outlook darkened for about 3,000 Americans.", "The rate stood at four.",
                 "It sold at 1,015 francs a share.", "The count rose to about 10."):
        assert not any(m.rule == "clock-word" for m in tag_dates(text, date(1990, 8, 15))), text
    assert ("midnight", "XXXX-XX-XXT24:00") in _tags("They questioned me every other day, always after midnight.",
                                                   date(2015, 6, 1))
    assert not any(m.rule == "noon-midnight" for m in tag_dates("A midnight raid; talks ran past midnight.",
                                                                date(2015, 7, 15)))


def test_a_chronology_s_year_heading_a_range_s_year_and_an_apposed_weekday():
    got = _tags("2002\nAug. 14: An exile group names two sites.\n\n2003\nOct. 21: Talks.", date(2021, 2, 23))
    assert ("Aug. 14", "2002-08-14") in got and ("Oct. 21", "2003-10-21") in got
    got = _tags("The report covers executions between 1 January and 31 December 2023.", date(2024, 3, 5))
    assert ("1 January", "2023-01-01") in got
    assert ("July", "2014-07") in _tags("The deal was extended twice, in July and November 2014.", date(2015, 7, 15))
    got = _tags("On 30 June 2018, a Saturday, police stopped a car.", date(2021, 2, 5))
    assert ("Saturday", "2018-06-30") in got
    # a weekday that is not the date's is read as before
    assert ("Saturday", "2018-06-30") not in _tags("On 29 June 2018, Saturday was far.", date(2021, 2, 5))
