"""Where the rules of issue 10's generalising round must not fire: a lone weekday or month in
capitals, "the 10th" before a noun, a plan of the past, a month of one year beside a recurring
one, a clock time after a date in prose, fiscal years only where the words say so."""

from datetime import date

from kb.dates import tag_dates


def _found(text: str, anchor: str) -> dict[str, str]:
    return {m.text: m.value for m in tag_dates(text, date.fromisoformat(anchor))}


def test_capitals_need_a_days_number():
    assert _found("THE SUNDAY TIMES\nPRICES MAY RISE", "2025-03-01") == {}
    assert _found("MONDAY, MARCH 3\nNotes.", "2025-02-20") == {"MONDAY, MARCH 3": "2025-03-03"}


def test_ordinal_day_not_before_a_noun_or_without_a_preposition():
    found = _found("The 10th century was dark. On the 20th anniversary he spoke. The 5th was won.", "2015-07-15")
    assert not any(v.startswith("2015") for v in found.values())


def test_plan_of_the_past_and_the_day_of_deciding_stay_behind():
    assert _found("The ministers had agreed to meet again on Tuesday.", "1998-02-13")["Tuesday"] == "1998-02-10"
    assert _found("The company decided Tuesday to close the plant.", "1998-02-13")["Tuesday"] == "1998-02-10"
    assert _found("He said Tuesday the talks would resume.", "1998-02-13")["Tuesday"] == "1998-02-10"


def test_month_of_one_year_beside_a_recurring_one():
    assert _found("The fair, held annually since 1950, opened in June.", "2019-03-01")["June"] == "2018-06"
    assert _found("Observers attended every Tuesday from March onwards.", "2016-01-26")["March"] == "2016-03"


def test_clock_after_a_date_in_prose_takes_the_reference_day():
    # rule clock-reference: not a heading's day (rule heading-day), the paragraph's reference time
    found = _found("The talks opened on March 3 in Geneva. At 9 a.m. the delegates met.", "2025-02-20")
    assert found["9 a.m."] == "2025-03-03T09:00"
    found = _found("The talks opened in Geneva. At 9 a.m. the delegates met.", "2025-02-20")
    assert found["9 a.m."] == "2025-02-20T09:00"
    found = _found("The talks open on March 3, and continue.\n\n9 a.m. Opening", "2025-02-20")
    assert found["9 a.m."] == "2025-02-20T09:00"      # a new paragraph: no reference time


def test_fiscal_only_where_said():
    found = _found("In 2019 the fy was long; FYI the 2019 budget passed.", "2019-11-05")
    assert not [k for k in found if k.lower().startswith("fy")], found


def test_more_units_needs_a_unit():
    assert _found("One more time, he said; another round began.", "2019-03-01") == {}


def test_year_named_outside_a_solar_text_is_gregorian():
    assert _found("In the year 1357 the plague reached the city.", "1998-02-13") == {"the year 1357": "1357"}
