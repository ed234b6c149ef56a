"""Rule *elliptical count* (kb.ingest.figures._elliptical): a number that counts nothing
named in its sentence takes the measure of the cue of the sentence just before it."""

from kb.ingest.figures import find_figures


def _told(text):
    return [(f.value, f.measure) for f in find_figures(text)]


def test_a_bare_number_after_a_sentence_of_a_happening_counts_that_happening():
    assert _told("Dozens were arrested at the gates. Some 300 by nightfall.") == [
        ("Dozens", "arrests"), ("Some 300", "arrests")]
    assert _told("Two guards were shot in the raid. And so 45 since the war began.") == [
        ("Two", "deaths"), ("45", "deaths")]
    assert _told("Ten were killed. In all, 45.") == [("Ten", "deaths"), ("45", "deaths")]


def test_the_nearest_cue_of_the_sentence_before_is_taken():
    got = _told("They are jailed or they are hanged. And so 900 since the coup.")
    assert got == [("900", "deaths")]


def test_years_shares_lists_and_numbers_with_nouns_are_never_elliptical():
    assert _told("Two guards were shot in the raid. 1999 was hard.") == [("Two", "deaths")]
    assert _told("Two guards were shot.\n1. The raid.") == [("Two", "deaths")]
    assert _told("He was killed. And 20% since then.") == []
    assert _told("Ten were killed. 45 points follow.") == [("Ten", "deaths")]
    assert _told("Ten were killed. The mayor said 45 buses ran.") == [("Ten", "deaths")]


def test_only_a_happening_to_people_lends_its_measure_and_only_within_a_paragraph():
    assert _told("The ceasefire held in 40 cities. And so 12 since.") == [("40", "cities")]
    assert _told("Ten were killed.\nAnd so 45 since the war began.") == [("Ten", "deaths")]
    assert _told("The talks went on. And so 45 since the war began.") == []
