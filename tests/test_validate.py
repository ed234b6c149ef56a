"""``kb.validate`` against the sources' text: a tiny seed folder and a store of our
own, written at test time, sound and then with each kind of defect; and the
shipped knowledge base against the real seeds when they are at hand."""

from __future__ import annotations

import copy
import json

import pytest

from kb.store import load, shipped_path
from kb.validate import _numbers, main, seed_folder, validate

HISTORY = """The Fixture History

Founders
On 6 September 1965 Ali Fixturo and Bahram Reza Testi founded the Society.
They later counted more than 1,000 members, and the Unionville Workers Union joined them.

1971: Arrests and Trials
1975: A Split

1976: The Long Aftermath of the Split in the Society
In 1976 the Society split over doctrine, and some 30 members left.

A photo of the march in Testville1981: The March Through Testville and Beyond
Some 500,000 people marched in Testville, the page says.

Continue Reading
"""
NEWS = """News Of Testville
The mayor of Testville, Carla Mayora, said 12 cities joined in 2019.
Continue Reading
"""


def _day(day, text):
    return {"start": day, "end": day, "precision": "day", "edtf": day, "text": text}


def _year(y):
    return {"start": f"{y}-01-01", "end": f"{y}-12-31", "precision": "year", "edtf": str(y), "text": str(y)}


def _claim(value, amount, source, section, subject):
    return {"measure": "people", "subject": subject, "value": value, "amount": amount, "qualifier": "",
            "counts": "people (fixture)", "source": source, "section": section}


def _entity(eid, name, kind, sources, **extra):
    return {"id": eid, "name": name, "type": kind, "aliases": [name], "description": "A fixture entity.",
            "sources": sources, **extra}


SOUND = {
    "sources": [{"id": "s1", "title": "History", "file": "s1.txt"},
                {"id": "s2", "title": "News", "file": "s2.txt"},
                {"id": "s3", "title": "Not in the seeds", "file": "s3.txt"}],
    "entities": [
        _entity("society", "the Society", "organization", ["s1"]),
        _entity("ali-fixturo", "Ali Fixturo", "person", ["s1"],
                roles=[{"role": "founder", "of": "society", "source": "s1", "section": "Founders"}]),
        _entity("bahram-reza-testi", "Bahram Reza Testi", "person", ["s1"]),
        _entity("reza-testi", "Reza Testi", "person", []),
        _entity("testville", "Testville", "place", ["s1", "s2"]),
        _entity("unionville", "Unionville", "place", ["s1"]),  # in s1 only inside the union's name
        _entity("unionville-workers-union", "Unionville Workers Union", "organization", ["s1"]),
        _entity("carla-mayora", "Carla Mayora", "person", ["s2"]),
    ],
    "events": [
        {"id": "1965-founding", "title": "Founding of the Society", "date": _day("1965-09-06", "6 September 1965"),
         "summary": "The page says Ali Fixturo founded the Society on 6 September 1965; it puts its "
                    "members at more than 1,000.",
         "entities": ["society", "ali-fixturo"], "places": [], "tags": [],
         "citations": [{"source": "s1", "section": "Founders"}],
         "claims": [_claim("more than 1,000", 1000, "s1", "Founders", "members of the Society")]},
        {"id": "1976-split", "title": "The Society splits", "date": _year(1976),
         "summary": "According to s1, some 30 members left.", "entities": ["society"], "places": [], "tags": [],
         "citations": [{"source": "s1", "section": "1976: The Long Aftermath…"}],
         "claims": [_claim("some 30", 30, "s1", "1976: The Long Aftermath…", "members who left in 1976")]},
        {"id": "1981-march", "title": "March in Testville", "date": _year(1981),
         "summary": "s1 says 500,000 people marched.", "entities": [], "places": ["testville"], "tags": [],
         "citations": [{"source": "s1", "section": "1981: The March Through Testville and Beyond"},
                       {"source": "s3", "section": "Anything"}],  # s3 is not in the seeds: not checked
         "claims": [_claim("500,000", 500000, "s1", "1981: The March…", "marchers in Testville")]},
        {"id": "2019-cities", "title": "Cities join, the mayor says", "date": _year(2019),
         "summary": "Carla Mayora said 12 cities joined.", "entities": ["carla-mayora"], "places": [],
         "tags": [], "citations": [{"source": "s2", "section": "News Of Testville"}],
         "claims": [_claim("12", 12, "s2", "News Of Testville", "cities that joined in 2019")],
         "aliases": ["2019-01-01-cities"]},
    ],
}


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    folder.mkdir()
    (folder / "s1.txt").write_text(HISTORY, encoding="utf-8")
    (folder / "s2.txt").write_text(NEWS, encoding="utf-8")
    return folder


def _event(data, eid):
    return next(e for e in data["events"] if e["id"] == eid)


def _entity_of(data, eid):
    return next(e for e in data["entities"] if e["id"] == eid)


def test_the_sound_fixture_passes(seeds):
    assert validate(copy.deepcopy(SOUND), seeds) == []


def _problems(seeds, change) -> list[str]:
    data = copy.deepcopy(SOUND)
    change(data)
    return validate(data, seeds)


def test_a_citation_to_a_heading_the_source_lacks(seeds):
    def change(d):
        _event(d, "1965-founding")["citations"][0]["section"] = "Founding Fathers"
    assert _problems(seeds, change) == [
        "event 1965-founding citation: no heading 'Founding Fathers' in source s1"]


def test_a_citation_to_a_bare_heading(seeds):
    def change(d):
        _event(d, "1976-split")["citations"].append({"source": "s1", "section": "1971: Arrests and Trials"})
    assert _problems(seeds, change) == [
        "event 1976-split: cites s1 '1971: Arrests and Trials', a heading with no text under it"]


def test_a_cut_heading_that_is_cut_wrong_is_not_found(seeds):
    def change(d):
        _event(d, "1976-split")["citations"][0]["section"] = "1976: The Short Aftermath…"
    assert _problems(seeds, change) == [
        "event 1976-split citation: no heading '1976: The Short Aftermath…' in source s1"]


def test_a_citation_whose_text_tells_nothing_of_the_event(seeds):
    def change(d):
        _event(d, "2019-cities")["citations"].append({"source": "s1", "section": "Founders"})
    assert _problems(seeds, change) == [
        "event 2019-cities: cites s1 'Founders', whose text names none of the event's entities, places or figures"]


def test_a_claim_value_the_source_does_not_give(seeds):
    def change(d):
        _event(d, "1965-founding")["claims"][0]["value"] = "more than 2,000"
    assert _problems(seeds, change) == [
        "event 1965-founding: claim 'members of the Society' value 'more than 2,000' is not in source s1"]


def test_a_claim_value_under_another_heading(seeds):
    def change(d):
        _event(d, "1965-founding")["claims"][0].update(value="500,000", amount=500000)
    assert _problems(seeds, change) == [
        "event 1965-founding: claim 'members of the Society' value '500,000' is not under s1 'Founders'"]


def test_claim_values_match_whatever_the_quotes_dashes_spaces_and_case(seeds):
    def change(d):
        _event(d, "1981-march")["claims"][0]["value"] = "SOME  500,000 people"
        _event(d, "1976-split")["claims"][0]["value"] = "Some 30 Members"
    assert _problems(seeds, change) == []


def test_a_role_citing_a_heading_the_source_lacks(seeds):
    def change(d):
        _entity_of(d, "ali-fixturo")["roles"][0]["section"] = "Leaders"
    assert _problems(seeds, change) == ["entity ali-fixturo role 'founder': no heading 'Leaders' in source s1"]


def test_an_entity_listing_a_source_that_only_names_someone_else(seeds):
    def change(d):
        _entity_of(d, "reza-testi")["sources"] = ["s1"]  # s1 names Bahram Reza Testi only
    assert _problems(seeds, change) == ["entity reza-testi: source s1 never names it"]


def test_a_name_inside_a_longer_name_of_the_same_type_is_not_a_mention(seeds):
    def change(d):
        _entity_of(d, "unionville")["type"] = "organization"
    assert _problems(seeds, change) == ["entity unionville: source s1 never names it"]


@pytest.mark.parametrize("summary", [
    "500,000 people marched.",
    "Police stood by. Some 500,000 people marched, though the count was never checked.",
    "500,000 people were reported to have marched.",  # passive: reported by whom?
])
def test_a_figure_stated_as_a_fact(seeds, summary):
    def change(d):
        _event(d, "1981-march")["summary"] = summary
    [problem] = _problems(seeds, change)
    assert problem.startswith("event 1981-march: summary gives the figure 500,000 without saying whose it is")


def test_a_figure_in_a_title_stated_as_a_fact(seeds):
    def change(d):
        _event(d, "1981-march")["title"] = "500,000 march in Testville"
    assert _problems(seeds, change) == [
        "event 1981-march: title gives the figure 500,000 without saying whose it is: '500,000 march in Testville'"]


@pytest.mark.parametrize("summary", [
    "According to s1, 500,000 people marched.", "The page puts the marchers at 500,000.",
    "500,000 people marched (s1).", "Organisers claimed 500,000 marchers.",
    "The march of 12 May 1981 filled the streets.",  # a day and a year are no figures
])
def test_attributed_figures_and_dates_pass(seeds, summary):
    def change(d):
        _event(d, "1981-march")["summary"] = summary
        _event(d, "1981-march")["claims"].append(_claim("12", 12, "s2", "News Of Testville", "other"))
    assert _problems(seeds, change) == []


def test_numbers_leave_out_days_and_years():
    assert _numbers("On 6 September 1965, 1,000 joined; by May 20 the 55th meeting had 80% of them") == {
        1000.0, 55.0, 80.0}


def test_a_former_id_used_twice(seeds):
    def change(d):
        _event(d, "1976-split")["aliases"] = ["1965-founding", "2019-01-01-cities"]
    assert _problems(seeds, change) == [
        "event 1976-split: former id '1965-founding' is the id of an event",
        "event 2019-cities: former id '2019-01-01-cities' is also a former id of 1976-split",
    ]


def test_without_seeds_only_the_store_is_checked(seeds):
    data = copy.deepcopy(SOUND)
    _event(data, "1965-founding")["citations"][0]["section"] = "Founding Fathers"
    assert validate(data) == []


def test_main_finds_the_seeds_through_KB_SEEDS(seeds, tmp_path, monkeypatch, capsys):
    data = copy.deepcopy(SOUND)
    _event(data, "1976-split")["citations"].append({"source": "s1", "section": "1975: A Split"})
    store = tmp_path / "kb.json"
    store.write_text(json.dumps({t: {str(i): r for i, r in enumerate(rs, 1)} for t, rs in data.items()}),
                     encoding="utf-8")
    monkeypatch.setenv("KB_SEEDS", str(seeds))
    assert seed_folder() == seeds
    assert main([str(store)]) == 1
    out, err = capsys.readouterr()
    assert "a heading with no text under it" in out and f"checked against the seeds in {seeds}" in err
    monkeypatch.setenv("KB_SEEDS", str(tmp_path / "nowhere"))
    assert seed_folder() is None
    assert main([str(store)]) == 0
    assert "no seeds found" in capsys.readouterr().err


def test_the_shipped_knowledge_base_passes_against_the_seeds(monkeypatch):
    monkeypatch.delenv("KB_SEEDS", raising=False)
    folder = seed_folder()
    if folder is None:
        pytest.skip("no seed documents at ../shared/seeds (or $KB_SEEDS): the checks against them need them")
    assert validate(load(shipped_path()), folder) == []


@pytest.mark.parametrize("title,word", [
    ("Testville's largest march", "largest"),
    ("The only march of the year in Testville", "only"),
    ("Police held most of the marchers", "most"),
])
def test_a_characterisation_stated_as_a_fact(seeds, title, word):
    def change(d):
        _event(d, "1981-march")["title"] = title
    [problem] = _problems(seeds, change)
    assert problem.startswith(f"event 1981-march: title characterises ({word!r}) without saying whose")


@pytest.mark.parametrize("title", [
    "Testville's largest march, according to s1",
    "The page calls it the only march of the year",
    "A march the organisers called \u201cthe largest ever\u201d",  # the source's words, quoted
    "It argues that most marchers were students",
    "A march in Testville",
])
def test_attributed_or_quoted_characterisations_pass(seeds, title):
    def change(d):
        _event(d, "1981-march")["title"] = title
    assert _problems(seeds, change) == []
