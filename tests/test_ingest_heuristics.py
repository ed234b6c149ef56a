"""Unit tests of the extraction heuristics, each with its own fixture text."""

from __future__ import annotations

from datetime import date

from kb.dates import parse_date
from kb.ingest.extract import AliasTable, Extractor


def _events(text: str, published: str = "2021-03-01"):
    return Extractor(AliasTable()).extract(text, parse_date(published)).events


def test_year_used_as_modifier_is_not_an_event_date():
    text = ("Veterans still talk about the 1956 flood in the valley.\n"
            "Post-1962 reforms were modest.\n"
            "The dam was finished in 1962 after six years of work.\n")
    evs = _events(text)
    assert [(e.date.start, e.text[:13]) for e in evs] == [(date(1962, 1, 1), "The dam was f")]


def test_year_as_modifier_keeps_other_dates_of_the_sentence():
    evs = _events("After the 1956 flood, the council met on March 3, 1957 to plan a dam.\n")
    assert [e.date.start for e in evs] == [date(1957, 3, 3)]


def test_tag_line_is_not_an_event():
    text = ("1999 Floods,Weather,River Authority,Dam Safety\n"
            "Engineers inspected the dam in 2003 and found cracks.\n")
    ex = Extractor(AliasTable()).extract(text, parse_date("2021-03-01"))
    assert [e.date.start.year for e in ex.events] == [2003]


def _names(text: str, known=()):
    ex = Extractor(AliasTable(list(known))).extract(text + "\n", parse_date("2021-03-01"))
    return [n.name for n in ex.new_entities.values()]


def test_person_after_title_inside_a_capitalised_run():
    names = _names("Officials said Finance Minister of Ruritania Karl Brenner resigned on Monday morning.",
                   [{"id": "ruritania", "name": "Ruritania"}])
    assert "Karl Brenner" in names
    assert "Prime Minister Anna Holt" not in _names("They met Prime Minister Anna Holt at the river crossing.")
    assert "Anna Holt" in _names("They met Prime Minister Anna Holt at the river crossing.")


def test_organisation_and_person_in_one_run_are_split():
    names = _names("The head of the Harbour Authority Committee Lena Frost denied the report yesterday.")
    assert "Harbour Authority Committee" in names and "Lena Frost" in names


def test_name_particle_and_x_of_y_names():
    assert "Omar al-Rashid" in _names("The talks were chaired by Omar al-Rashid and two aides from the ministry.")
    names = _names("He listened to Radio of Freedonia every night during the long winter.",
                   [{"id": "freedonia", "name": "Freedonia"}])
    assert "Radio of Freedonia" in names


def test_names_in_half_capitalised_heading():
    assert {"Mastodon", "Tumblr"} <= set(_names("Read the Gazette (find them on Mastodon and Tumblr)"))


def test_glued_name_is_split_from_next_sentence_word():
    names = _names("The bridge was designed by Harriet OkaforDuring the war it was bombed twice by planes.")
    assert "Harriet Okafor" in names


def test_sentence_initial_name_with_apposition():
    names = _names("The report came out on Tuesday.\nOkonkwo, a retired judge, said the vote was fair.")
    assert "Okonkwo" in names
    assert "Finally" not in _names("Finally, the vote was held on a cold day in the capital.")


def _new(text: str):
    ex = Extractor(AliasTable()).extract(text + "\n", parse_date("2021-03-01"))
    return {n.name: (n.type, n.aliases) for n in ex.new_entities.values()}


def test_a_surname_after_a_full_name_is_that_person():
    got = _new("On 12 March 2019 Claire Dubois met the mayors in the valley. "
               "Later that day Dubois said the plan would go to a vote.")
    assert "Dubois" not in got
    assert got["Claire Dubois"][0] == "person" and "Dubois" in got["Claire Dubois"][1]


def test_new_names_are_typed_from_the_gazetteer_and_given_names():
    got = _new("On 3 May 2019 the delegation travelled from Villeurbanne to visit Lyon with Maryam.")
    assert got["Villeurbanne"][0] == "place" and got["Lyon"][0] == "place"
    assert got["Maryam"][0] == "person"


def test_a_byline_or_name_of_titles_and_common_nouns_names_nobody():
    got = _new("By Staff Writer\n\nOn 3 May 2019 the Staff Writer and the Manager met Jane Roe in Oslo.")
    assert "Staff Writer" not in got and "Manager" not in got and "Jane Roe" in got


def test_a_long_title_case_run_is_no_name():
    words = " ".join(["Members Were Held Across The Country"] * 10)
    assert _new(f"On 3 May 2019 {words} in Oslo.") == {"Oslo": ("place", ["Oslo"])}


def test_hard_wrapped_lines_are_joined_before_sentences_are_cut():
    from kb.ingest.segment import segments

    text = ("# Notes from the trip\n\n"
            "The mayor met the delegation on 12 March 2019 in the old town, where the\n"
            "regional council sat. Residents objected to the plan for the\n"
            "new tram line.\n"
            "Background\n"
            "The vote is due in June.\n")
    segs = [(s.heading, " ".join(text[s.start:s.end].split())) for s in segments(text)]
    assert segs == [(True, "# Notes from the trip"),
                    (False, "The mayor met the delegation on 12 March 2019 in the old town, where the "
                            "regional council sat."),
                    (False, "Residents objected to the plan for the new tram line."),
                    (True, "Background"),
                    (False, "The vote is due in June.")]


def test_page_furniture_lines_are_no_sentences():
    """Publication labels (also after an empty byline), copyright and category lines are skipped;
    a sentence that merely begins with such a word is not."""
    from kb.ingest.segment import segments

    text = ("Talks in Geneva\n\nBy Published On June 5, 2020\nUpdated: June 6, 2020\n"
            "Copyright 2020 Example Media\nCategories: Iran, Talks\n\n"
            "Posted guards stood at the gate on June 4, 2020.\n")
    kept = [text[s.start:s.end] for s in segments(text) if not s.heading]
    assert kept == ["Posted guards stood at the gate on June 4, 2020."]
