"""Figures: a cue verb belongs to the number it governs; a count of people 'on board' or
'on Friday' is still a count (issue 12).  Sentences written for this test."""

from kb.ingest.figures import find_figures


def _got(text):
    return [(f.value, f.measure) for f in find_figures(text, [])]


def test_a_cue_before_the_next_number_is_that_numbers():
    got = _got("Shells hit the camp at dawn, killing nine of the guards and wounding more than a hundred others.")
    assert got == [("nine", "deaths"), ("more than a hundred", "injured")]


def test_present_participle_cue_before_the_number():
    assert _got("Soldiers raided the village, killing 34 residents, the report said.") == [("34", "deaths")]


def test_people_on_board_are_counted_a_month_after_is_not():
    assert _got("The ferry sank and all 212 people on board die, the coastguard said.") == [("212", "deaths")]
    assert _got("Strikes reached 20 cities on Friday.") == [("20", "cities")]
    assert _got("A month after the vote the council met again.") == []
    assert _got("Four decades ago the square was empty.") == []


def test_put_to_death_and_a_cue_that_governs_a_later_number():
    assert _got("His diary says that between 1,200 and 1,900 inmates were put to death.") == [
        ("between 1,200 and 1,900", "deaths")]
    # "dead at about 900" belongs to 900: the two officials are a count of officials
    assert _got("A wire report, quoting two officials of the court, put the number of dead at about 900.") == [
        ("two", "officials"), ("about 900", "deaths")]


def test_the_small_words_of_a_cue_phrase_are_no_cues():
    from kb.ingest.figures import _vocabulary

    _nouns, verbs, phrases, _c = _vocabulary()
    assert "put to death" in phrases and "taken into custody" in phrases
    assert not {"put", "to", "into", "their", "part"} & set(verbs)


def test_a_hundred_and_a_thousand_are_numbers():
    got = find_figures("The blast wounded more than a hundred people and left a thousand homeless.", [])
    assert [(f.value, f.amount) for f in got][:1] == [("more than a hundred", 100.0)]
