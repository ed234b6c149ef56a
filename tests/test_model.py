"""``kb.model``: claims and their disagreements, and the JSON contract of records."""

from kb.model.claims import (claim_key, claim_value, comparison_key, differ, disagreements, key_text,
                             range_text, spread, subject)
from kb.model.records import (display_published, entity_record, event_record, role_record,
                              source_record)


def _date(start, end=None, precision="day", edtf=None, text=None, **extra):
    end = end or start
    return {"start": start, "end": end, "precision": precision, "edtf": edtf or start,
            "text": text or start, **extra}


def _fig(value, amount, source="s1", measure="deaths", **extra):
    return {"measure": measure, "value": value, "amount": amount, "source": source, **extra}


def _when(start, end, source="s1", text=None, **extra):
    return {"measure": "date", "value": text or start, "amount": None, "source": source,
            "date": _date(start, end, precision="range", text=text), **extra}


NAMES = {"mek": "People's Mojahedin Organization of Iran", "tehran": "Tehran",
         "massoud-rajavi": "Massoud Rajavi"}


# --------------------------------------------------------------------------
# claims


def test_claim_key_of_a_figure_is_its_amount_whatever_the_words():
    assert claim_key(_fig("some 1,500", 1500)) == claim_key(_fig("1,500", 1500)) == "1500"


def test_claim_key_of_a_vague_claim_is_its_folded_words():
    assert claim_key(_fig("Many, many!", None)) == "manymany"


def test_claim_key_of_a_date_is_its_day_bounds():
    assert claim_key(_when("1979-01-01", "1979-12-31")) == "1979-01-01/1979-12-31"


def test_subject_falls_back_to_measure():
    assert subject(_fig("1", 1, subject="death toll")) == "death toll"
    assert subject(_fig("1", 1)) == "deaths"
    assert subject({"value": "x"}) == "?"


def test_same_amount_in_other_words_agrees():
    assert disagreements([_fig("some 1,500", 1500), _fig("1,500", 1500, source="s2")]) == {}


def test_vague_claim_contradicts_no_number():
    claims = [_fig("many", None), _fig("1,500", 1500, source="s2")]
    assert disagreements(claims) == {}


def test_two_amounts_disagree_and_every_version_is_kept():
    a, b = _fig("30,000", 30000), _fig("about 20,000", 20000, source="s2")
    assert disagreements([a, b]) == {"deaths": [a, b]}


def _two(a: dict, b: dict) -> list[str]:
    """The measures on which a claim of source s1 and one of s2 disagree."""
    return list(disagreements([{**a, "source": "s1"}, {**b, "source": "s2"}]))


def test_ranges_that_overlap_agree_and_ranges_that_do_not_disagree():
    # a lower bound reaches 10 % past its number: the figure a source gives is its number
    assert _two(_fig("30,000", 30000), _fig("more than 30,000", 30000)) == []
    assert _two(_fig("105", 105), _fig("more than 100", 100)) == []
    assert _two(_fig("120,000", 120000), _fig("more than 100,000", 100000)) == ["deaths"]
    assert _two(_fig("more than 100", 100), _fig("at least 191", 191)) == ["deaths"]
    assert _two(_fig("up to 1,500", 1500), _fig("304", 304)) == ["deaths"]  # and an upper bound 10 % below
    assert _two(_fig("up to 1,500", 1500), _fig("about 1,400", 1400)) == []
    assert _two(_fig("some 100", 100), _fig("191", 191)) == ["deaths"]
    assert _two(_fig("140", 140), _fig("142", 142)) == ["deaths"]  # bare numbers are exact
    assert _two(_fig("about 1,300", 1300), _fig("1,304", 1304)) == []
    low_high = _fig("between 4,000 and 5,000", None, low=4000, high=5000)
    assert _two(low_high, _fig("more than 30,000", 30000)) == ["deaths"]
    assert _two(low_high, _fig("about 5,000", 5000)) == []
    assert _two(_fig("tens of thousands", None), _fig("120,000", 120000)) == ["deaths"]
    assert _two(_fig("thousands", None), _fig("about 7,000", 7000)) == []


def test_durations_compare_in_days_and_shares_only_with_shares():
    week = _fig("more than a week", 1, measure="duration", unit="week")
    days = _fig("about five days", 5, measure="duration", unit="days")
    assert _two(week, days) == ["duration"]
    assert _two(week, _fig("seven days", 7, measure="duration", unit="day")) == []
    assert _two(week, _fig("more than ten days", 10, measure="duration", unit="day")) == ["duration"]
    summer = _fig("Throughout a single summer", 3, measure="duration", qualifier="at most",
                  counts="months over which it went on")
    two = _fig("within a two-month period", 2, measure="duration", counts="months it took")
    assert _two(summer, two) == ["duration"]   # "throughout": the whole summer
    share = _fig("more than 80%", 80, measure="arrests", unit="%")
    assert _two(share, _fig("20", 20, measure="arrests")) == []  # a share and a count
    assert _two(share, _fig("roughly half", 50, measure="arrests", unit="%")) == ["arrests"]


def test_a_page_and_its_copy_never_disagree_and_a_page_disagrees_with_itself_on_a_named_subject():
    page = [_fig("146", 146, measure="cities"), _fig("323", 323, measure="cities")]  # two months
    copy = [{**c, "source": "s2"} for c in page]
    assert disagreements(page) == {}                    # one page, several things of one measure
    assert disagreements(page + copy) == {}             # a page and its copy
    assert disagreements(page + copy[:1]) == {}         # a shorter copy
    other = _fig("150", 150, measure="cities", source="s3")
    assert list(disagreements(page + copy + [other])) == ["cities"]   # a figure neither page gives
    named = [_fig("55th", None, subject="which anniversary"), _fig("56th", None, subject="which anniversary")]
    assert list(disagreements(named)) == ["which anniversary"]   # a page against itself, on a named thing


def test_two_vague_claims_in_other_words_disagree():
    assert list(disagreements([_fig("many", None), _fig("a handful", None, source="s2")])) == ["deaths"]
    assert disagreements([_fig("many", None), _fig("hundreds", None, source="s2")]) == {}  # a magnitude is a figure


def test_overlapping_date_spans_agree():
    summer = _when("1979-06-01", "1979-08-31", text="summer 1979")
    year = _when("1979-01-01", "1979-12-31", source="s2", text="1979")
    assert disagreements([summer, year]) == {}


def test_disjoint_date_spans_disagree():
    a = _when("1979-01-01", "1979-12-31")
    b = _when("1980-01-01", "1980-12-31", source="s2")
    assert disagreements([a, b]) == {"date": [a, b]}


def test_date_spans_sharing_one_day_agree():
    a = _when("1979-01-01", "1979-06-01")
    b = _when("1979-06-01", "1979-12-31", source="s2")
    assert disagreements([a, b]) == {}


def test_claims_are_compared_by_subject_not_measure():
    dead = _fig("100", 100, subject="dead in Tehran")
    elsewhere = _fig("900", 900, source="s2", subject="dead in Mashhad")
    assert disagreements([dead, elsewhere]) == {}
    other = _fig("200", 200, source="s3", subject="dead in Tehran")
    assert disagreements([dead, elsewhere, other]) == {"dead in Tehran": [dead, other]}


def test_claims_without_subject_group_by_measure():
    deaths = [_fig("1", 1), _fig("2", 2, source="s2")]
    cities = [_fig("10", 10, measure="cities"), _fig("10 cities", 10, measure="cities", source="s2")]
    assert set(disagreements(deaths + cities)) == {"deaths"}


def test_a_named_subject_is_compared_store_wide_a_bare_measure_within_its_event():
    assert comparison_key(_fig("1", 1, subject="dead in Tehran"), "e1") == ("", "dead in Tehran")
    assert comparison_key(_fig("1", 1), "e1") == ("e1", "deaths")
    assert comparison_key(_fig("1", 1), "e2") != comparison_key(_fig("1", 1), "e1")
    assert comparison_key({"value": "x"}, "e1") == ("e1", "?")
    assert key_text(("", "dead in Tehran")) == "dead in Tehran"
    assert key_text(("e1", "deaths")) == "e1/deaths"


def test_disagreements_of_one_event_name_it_in_their_keys_not_their_labels():
    claims = [_fig("1", 1), _fig("2", 2, source="s2")]
    assert disagreements(claims, "e1") == {"deaths": claims}


def test_a_group_mixing_dates_and_figures_compares_like_with_like():
    summer = _when("1988-06-01", "1988-08-31", text="summer 1988")
    year = _when("1988-01-01", "1988-12-31", source="s2", text="1988")
    two, three = _fig("two months", 2, measure="months"), _fig("three months", 3, source="s2", measure="months")
    assert not differ([summer, year, two])          # overlapping dates; one figure
    assert not differ([two, summer, year])          # the order does not matter
    assert differ([two, summer, three])             # the figures differ
    assert differ([two, summer, _when("1990-01-01", "1990-12-31", source="s3")])  # the dates differ
    # a "date" claim without a span is words, compared with the other words
    assert not differ([summer, {"measure": "date", "value": "that summer", "amount": None}])


def test_a_date_claim_that_carries_no_date_measure_is_a_figure():
    as_of = _fig("around 8,000", 8000, date=_date("2019-01-01", "2019-01-31", "month", "2019-01"))
    assert not differ([as_of, _fig("8,000", 8000, source="s2")])
    assert differ([as_of, _fig("7,000", 7000, source="s2")])


def test_spread_gives_lowest_and_highest_with_their_sources():
    claims = [_fig("more than 100,000", 100000, source="000"), _fig("120,000", 120000, source="000"),
              _fig("120,000", 120000.0, source="004"), _fig("tens of thousands", None, source="004")]
    [r] = spread("killed", claims)
    assert r == {"subject": "killed", "kind": "figure", "low": 100000, "high": 120000,
                 "low_sources": ["000"], "high_sources": ["000", "004"]}
    assert range_text(r) == "killed: 100,000 [000] – 120,000 [000, 004]"


def test_spread_of_dates_is_earliest_start_to_latest_end():
    a = _when("1981-06-01", "1981-06-19", source="000")
    b = _when("1981-06-21", "1981-06-21", source="001")
    [r] = spread("start", [a, b])
    assert (r["kind"], r["low"], r["high"], r["low_sources"], r["high_sources"]) == (
        "date", "1981-06-01", "1981-06-21", ["000"], ["001"])
    assert range_text(r) == "start: 1981-06-01 [000] – 1981-06-21 [001]"


def test_spread_of_vague_or_single_values_is_nothing():
    assert spread("share", [_fig("majority", None), _fig("roughly half", None, source="s2")]) == []
    assert spread("n", [_fig("1,500", 1500), _fig("some 1,500", 1500.0, source="s2")]) == []


def test_single_claim_never_disagrees():
    assert disagreements([_fig("1", 1)]) == {}
    assert disagreements([]) == {}


def test_claim_value_shows_a_dates_words():
    assert claim_value(_when("1979-01-01", "1979-12-31", text="1979")) == "1979"
    assert claim_value(_fig("some 1,500", 1500)) == "some 1,500"
    assert claim_value({"measure": "date", "value": "the revolution"}) == "the revolution"


# --------------------------------------------------------------------------
# records


def _event(**over):
    ev = {
        "id": "1988-executions", "title": "Prison executions", "summary": "The fixture says so.",
        "date": _date("1988-07-02", "1988-07-05", precision="range",
                      edtf="1988-07-02/1988-07-05", text="July 2 to July 5, 1988"),
        "entities": ["mek", "unknown-id"], "places": ["tehran"], "tags": ["execution"],
        "citations": [{"source": "s2", "section": "News"}, {"source": "s1", "section": "1988"}],
        "claims": [_fig("30,000", 30000, source="s3"), _fig("20,000", 20000, source="s1"),
                   {"measure": "cities", "value": "many", "amount": None}],
    }
    ev.update(over)
    return ev


def test_event_record_maps_ids_to_names_keeping_unknown_ids():
    rec = event_record(_event(), NAMES)
    assert rec["entities"] == ["People's Mojahedin Organization of Iran", "unknown-id"]
    assert rec["places"] == ["Tehran"]
    assert rec["entity_ids"] == ["mek", "unknown-id", "tehran"]


def test_event_record_sources_from_citations_and_claims_sorted_unique():
    assert event_record(_event(), NAMES)["sources"] == ["s1", "s2", "s3"]


def test_event_record_dates_and_disputed():
    rec = event_record(_event(), NAMES)
    assert (rec["start"], rec["end"], rec["precision"]) == ("1988-07-02", "1988-07-05", "range")
    assert rec["date_text"] == "July 2 to July 5, 1988"
    assert rec["date"] == "2–5 Jul 1988"
    assert rec["disputed"] == ["deaths"]
    assert rec["tags"] == ["execution"]


def test_event_record_takes_the_stores_disputed_subjects_when_given():
    assert event_record(_event(), NAMES, disputed=[])["disputed"] == []
    assert event_record(_event(), NAMES, disputed=["b", "a"])["disputed"] == ["a", "b"]


def test_event_record_carries_former_ids_only_when_there_are_some():
    assert event_record(_event(aliases=["1988-07-02-executions"]), NAMES)["aliases"] == ["1988-07-02-executions"]
    assert "aliases" not in event_record(_event(aliases=[]), NAMES)


def test_event_record_without_claims_is_undisputed_and_has_no_extras():
    ev = _event(claims=[])
    del ev["summary"]
    rec = event_record(ev, NAMES)
    assert rec["disputed"] == [] and rec["claims"] == [] and rec["summary"] == ""
    assert rec["sources"] == ["s1", "s2"]
    assert not {"date_anchor", "date_rule", "document", "offsets", "extracted"} & set(rec)


def test_event_record_date_text_defaults_to_edtf():
    ev = _event()
    del ev["date"]["text"]
    assert event_record(ev, NAMES)["date_text"] == "1988-07-02/1988-07-05"


def test_event_record_carries_anchor_and_rule_when_present():
    d = _date("2019-11-01", "2019-11-30", precision="month", edtf="2019-11", text="last November",
              anchor="2020-06-05", rule="last-month-name")
    rec = event_record(_event(date=d), NAMES)
    assert rec["date_anchor"] == "2020-06-05"
    assert rec["date_rule"] == "last-month-name"
    assert rec["date"] == "Nov 2019"


def test_event_record_carries_provenance_only_when_not_none():
    rec = event_record(_event(document="s1", offsets=[0, 10], extracted=False), NAMES)
    assert rec["document"] == "s1" and rec["offsets"] == [0, 10]
    assert rec["extracted"] is False  # False is kept: only None is dropped
    rec = event_record(_event(document=None, offsets=None, extracted=None), NAMES)
    assert not {"document", "offsets", "extracted"} & set(rec)


def test_role_record_one_day_span_is_as_of():
    day = _date("1985-03-10", text="March 10, 1985")
    rec = role_record({"role": "co-secretary general", "of": "mek", "from": day,
                       "to": dict(day), "source": "s1"}, NAMES)
    assert rec == {"role": "co-secretary general", "of": "People's Mojahedin Organization of Iran",
                   "as_of": "1985-03-10", "as_of_text": "March 10, 1985", "source": "s1"}


def test_role_record_from_and_to():
    rec = role_record({"role": "leader", "of": "unknown-org",
                       "from": _date("1979-01-01", "1979-12-31", "year", "1979", "1979"),
                       "to": _date("1985-03-10", text="March 10, 1985")}, NAMES)
    assert rec == {"role": "leader", "of": "unknown-org", "from": "1979-01-01", "from_text": "1979",
                   "to": "1985-03-10", "to_text": "March 10, 1985"}


def test_role_record_from_uses_start_and_to_uses_end():
    rec = role_record({"role": "member", "from": _date("1979-01-01", "1979-12-31"),
                       "to": _date("1981-01-01", "1981-12-31")}, NAMES)
    assert (rec["from"], rec["to"]) == ("1979-01-01", "1981-12-31")
    assert "of" not in rec and "source" not in rec and "as_of" not in rec


def test_role_record_open_ended():
    rec = role_record({"role": "leader", "of": "mek", "from": _date("1979-01-01")}, NAMES)
    assert rec["from"] == "1979-01-01" and "to" not in rec and "as_of" not in rec


def test_entity_record_drops_canonical_name_from_aliases_and_defaults_type():
    rec = entity_record({"id": "x", "name": "Massoud Rajavi",
                         "aliases": ["Massoud Rajavi", "Masoud Rajavi", "Rajavi"]}, NAMES)
    assert rec["aliases"] == ["Masoud Rajavi", "Rajavi"]
    assert rec["type"] == "other"
    assert rec["roles"] == [] and rec["description"] == "" and rec["ambiguous"] == []
    assert "extracted" not in rec


def test_entity_record_keeps_type_maps_roles_and_marks_extracted():
    rec = entity_record({"id": "maryam-rajavi", "name": "Maryam Rajavi", "type": "person",
                         "roles": [{"role": "leader", "of": "mek"}], "sources": ["s1"],
                         "extracted": True}, NAMES)
    assert rec["type"] == "person"
    assert rec["roles"] == [{"role": "leader", "of": "People's Mojahedin Organization of Iran"}]
    assert rec["sources"] == ["s1"] and rec["extracted"] is True


def test_source_record_with_published():
    rec = source_record({"id": "s1", "title": "History", "publisher": "P", "kind": "history page",
                         "file": "s1.txt", "sha256": "ab" * 32,
                         "published": _date("2020-03-03", text="March 3, 2020")})
    assert rec["published"] == "2020-03-03"
    assert rec["published_text"] == "March 3, 2020"
    assert rec["date"] == "3 Mar 2020"
    assert rec["sha256"] == "ab" * 32


def test_source_record_without_published():
    rec = source_record({"id": "s9"})
    assert rec == {"id": "s9", "title": "", "publisher": "", "published": "", "published_text": "",
                   "date": "", "kind": "", "file": ""}
    assert source_record({"id": "s9", "published": None})["date"] == ""


def test_display_published():
    assert display_published({}) == ""
    assert display_published(_date("2020-06-01", "2020-06-30", "month", "2020-06")) == "Jun 2020"


def test_an_integer_and_a_float_of_the_same_figure_agree():
    from kb.model.claims import disagreements

    same = [{"measure": "deaths", "amount": 1500, "value": "1,500"},
            {"measure": "deaths", "amount": 1500.0, "value": "1500"}]
    assert disagreements(same) == {}
    assert disagreements(same + [{"measure": "deaths", "amount": 1501, "value": "1501", "source": "other"}])
