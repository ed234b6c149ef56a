"""The sentence rules that pick a date's year or week (kb.dates.context, kb.dates.forms):
deadline, plan-made, plan-over, month-tense, un-participles and titles that end no
sentence.  The rules' examples in kb/resources/dates/rules.txt run in
tests/test_dates_rules.py; these test the rules' edges, where they must not fire."""

from datetime import date

from kb.dates import tag_dates
from kb.dates.context import Ctx, sentence, tense


def value(text: str, words: str, anchor: date) -> str:
    found = [m for m in tag_dates(text, anchor) if m.text == words]
    assert found, [(m.text, m.value) for m in tag_dates(text, anchor)]
    return found[0].value


def ctx_at(text: str, words: str) -> Ctx:
    at = text.index(words)
    return Ctx(text, at, at + len(words), date(2000, 4, 3))


def test_deadline_needs_a_term_given_or_moved():
    assert ctx_at("The agency gave them until Tuesday to sign.", "Tuesday").deadline()
    assert ctx_at("It extended its offer to Nov. 20.", "Nov. 20").deadline()
    # "until"/"by" alone is no deadline: narration of what held until a day
    assert not ctx_at("Until Thursday, they had not called him a suspect.", "Thursday").deadline()
    assert not ctx_at("But by Monday, officials hardened their stand.", "Monday").deadline()
    assert not ctx_at("The extended family met on Tuesday.", "Tuesday").deadline()
    monday = date(2000, 4, 3)
    assert value("Until Thursday, they had not called him a suspect.", "Thursday", monday) == "2000-03-30"
    assert value("The agency gave them until Thursday to sign.", "Thursday", monday) == "2000-04-06"


def test_a_deadline_far_off_is_still_ahead():
    # beyond the near window the tense ("was given") would pick the March behind
    assert value("The bank was given until March 1 to raise capital.", "March 1", date(1989, 10, 30)) == "1990-03-01"
    assert value("The bank raised capital on March 1.", "March 1", date(1989, 10, 30)) == "1989-03-01"


def test_plan_words_keep_their_future_where_they_govern_the_date():
    text = "The vote is scheduled for Saturday."
    assert tense(text, text.index("Saturday"), text.index("Saturday") + 8) == "future"
    text = "On Friday, the vote is expected to pass."                  # an auxiliary: no past verb
    assert tense(text, 3, 9) == "future"
    text = "On Friday, the government planned to pay the claims."     # plan-made
    assert tense(text, 3, 9) == "past"
    text = "Friday's vote, scheduled to begin at noon, will be close."    # a participle after a comma
    assert tense(text, 0, 6) == "future"
    text = "A rally planned for Saturday will go ahead."              # participle; the main verb is future
    assert tense(text, text.index("Saturday"), text.index("Saturday") + 8) == "future"
    text = "A rally planned for Saturday was canceled."               # plan-over
    assert tense(text, text.index("Saturday"), text.index("Saturday") + 8) == "past"


def test_would_looks_ahead_but_would_have_does_not():
    text = "The truck would have been in Belfast in May."
    assert tense(text, text.index("May"), text.index("May") + 3) is None
    text = "The stock would be redeemed in May."
    assert tense(text, text.index("May"), text.index("May") + 3) == "future"


def test_un_participles_are_adjectives_but_unveiled_is_a_verb():
    text = "It is due on an unspecified date in January."
    assert tense(text, text.index("January"), text.index("January") + 7) == "future"
    text = "It unveiled the budget in January."
    assert tense(text, text.index("January"), text.index("January") + 7) == "past"


def test_a_title_or_vs_ends_no_sentence():
    text = "In January, after the Roe vs. Wade ruling, Gen. Smith resigned. Then it rained."
    s, e = sentence(text, 3, 10)
    assert text[s:e].endswith("resigned.")


def test_month_near_window_is_two_months_either_way():
    oct_ = date(1998, 10, 25)
    # two months off: the nearest, whatever the tense
    assert value("Sales fell in December.", "December", oct_) == "1998-12"
    assert value("Sales fell in August.", "August", oct_) == "1998-08"
    # three months off: the tense decides; with no tense word, the nearest
    assert value("In January, sales fell.", "January", oct_) == "1998-01"
    assert value("In January, sales will rise.", "January", oct_) == "1999-01"
    assert value("Sales in January: flat.", "January", oct_) == "1999-01"
