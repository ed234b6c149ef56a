"""Retellings linked to stored events with the new source's date as a date claim,
figures as claims on events, and disagreements reported per file at ingest."""

from __future__ import annotations

import json

from kb.ingest.pipeline import _title, ingest


def _store(tmp_path, events):
    data = {"sources": {"1": {"id": "a", "title": "Source a", "file": "a.txt"}},
            "entities": {"1": {"id": "guild", "name": "Halvard Guild", "type": "organization",
                               "aliases": [], "ambiguous": [], "description": "", "roles": [], "sources": ["a"]}},
            "events": {str(i): ev for i, ev in enumerate(events, 1)}}
    path = tmp_path / "kb.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _event(eid, start, end, claims=(), precision="day"):
    return {"id": eid, "title": "The Halvard Guild is founded", "summary": "The guild was founded in the port.",
            "date": {"start": start, "end": end, "precision": precision, "edtf": start, "text": "6 September 1965"},
            "entities": ["guild"], "places": [], "tags": [], "claims": list(claims),
            "citations": [{"source": "a", "section": "History"}]}


def test_a_retelling_at_a_nearby_date_is_linked_with_its_date_as_a_claim(tmp_path):
    db = _store(tmp_path, [_event("founding", "1965-09-06", "1965-09-06")])
    doc = tmp_path / "news.txt"
    doc.write_text("The Halvard Guild was founded in the port on 5 September 1965.\n")
    s = ingest([str(doc)], store_path=db, date="2020-01-01")
    [f] = s.files
    assert (f.events_linked, f.events_added) == (1, 0)
    assert f.disagreements == ["date (founding): 5 September 1965 here, 6 September 1965 in a"]
    assert s.links[0]["event"] == "founding" and s.links[0]["rule"] and s.links[0]["score"] > 0
    ev = json.loads(db.read_text())["events"]["1"]
    dates = [(c["source"], c["date"]["start"]) for c in ev["claims"] if c["measure"] == "date"]
    assert dates == [("a", "1965-09-06"), ("news", "1965-09-05")]   # not merged, not duplicated


def test_figures_join_the_stored_comparison_and_ranges_that_overlap_agree(tmp_path):
    stored = {"measure": "participants", "value": "500,000", "amount": 500000, "qualifier": "",
              "source": "a", "section": "History", "counts": "people at the march",
              "subject": "people at the march"}
    db = _store(tmp_path, [_event("march", "1981-06-20", "1981-06-20", [stored])])
    one = tmp_path / "memoir.txt"
    one.write_text("On 20 June 1981 the Halvard Guild marched in the port; "
                   "about 200,000 people took part.\n")
    two = tmp_path / "retro.txt"
    two.write_text("On 20 June 1981 some 500,000 people marched with the Halvard Guild "
                   "in the port.\n")
    s = ingest([str(one), str(two)], store_path=db, date="2021-01-01")
    assert s.files[0].disagreements == [
        "people at the march (march): about 200,000 here, 500,000 in a"]
    assert s.files[1].disagreements == ["people at the march (march): some 500,000 here, about 200,000 in memoir"]
    claims = json.loads(db.read_text())["events"]["1"]["claims"]
    assert {c["subject"] for c in claims if c["measure"] != "date"} == {"people at the march"}


def test_new_events_keep_their_figures_and_passage(tmp_path):
    db = tmp_path / "kb.json"
    doc = tmp_path / "d.txt"
    doc.write_text("In August 1971, the harbour police closed in on the Halvard Guild. "
                   "Dozens of its members were arrested, according to the guild.\n")
    s = ingest([str(doc)], store_path=db, date="2020-01-01")
    [ev] = s.events
    assert "Dozens of its members were arrested" in ev["summary"]
    [c] = ev["claims"]
    assert (c["measure"], c["low"], c["high"], c["attribution"]) == ("arrests", 24, 99, "according to the guild")
    assert ev["title"] == "In August 1971, the harbour police closed in on the Halvard Guild"


def test_a_title_is_a_whole_clause_never_cut_mid_phrase():
    long = ("In the following weeks the guild's boats carried grain, timber and salt to the northern ports, "
            "where the merchants paid in silver and the harbour masters kept the books")
    t = _title(long)
    assert not t.endswith("…") and long.startswith(t)
    assert t == "In the following weeks the guild's boats carried grain, timber and salt to the northern ports"


PAGE = ("Harbor history\n\nIn March 2019 strikes spread to 146 towns of the coast, led by the Halvard Guild. "
        "Dock workers stopped every crane.\n\nIn May 2019 the strikes reached 323 towns along the coast, "
        "the Halvard Guild said.\n")


def test_a_page_and_its_shorter_copy_never_disagree(tmp_path):
    db = tmp_path / "kb.json"
    (tmp_path / "page.txt").write_text(PAGE)
    (tmp_path / "copy.txt").write_text(PAGE.split("\n\nIn May")[0] + "\n")
    s = ingest([str(tmp_path / "page.txt"), str(tmp_path / "copy.txt")], store_path=db, date="2020-01-01")
    assert s.files[1].events_linked == 1 and s.files[1].events_added == 0
    assert [f.disagreements for f in s.files] == [[], []]


def test_another_source_that_gives_a_figure_neither_page_gives_disagrees_and_kb_conflicts_lists_it(tmp_path, run):
    db = tmp_path / "kb.json"
    (tmp_path / "page.txt").write_text(PAGE)
    (tmp_path / "news.txt").write_text("Strikes\n\nIn March 2019 strikes led by the Halvard Guild spread to "
                                       "about 90 towns of the coast.\n")
    s = ingest([str(tmp_path / "page.txt"), str(tmp_path / "news.txt")], store_path=db, date="2020-01-01")
    [line] = s.files[1].disagreements
    assert line.endswith("about 90 here, 146 in page")
    rows = json.loads(run("conflicts", "-f", "json", "--db", str(db)).out)
    assert {(r["source"], r["value"]) for r in rows} == {("page", "146"), ("news", "about 90")}
    shown = json.loads(run("show", rows[0]["event"], "-f", "json", "--db", str(db)).out)
    assert shown["disputed"] and shown["range"][0]["low"] == 90 and shown["range"][0]["high"] == 146


def test_a_figure_in_an_undated_paragraph_joins_the_event_that_counts_its_measure(tmp_path):
    stored = {"measure": "deaths", "value": "1,500", "amount": 1500, "qualifier": "", "source": "a",
              "section": "History", "counts": "people killed", "subject": "people killed in the strike"}
    db = _store(tmp_path, [_event("strike", "1981-06-20", "1981-06-20", [stored])])
    doc = tmp_path / "report.txt"
    doc.write_text("Report\n\nOn 20 June 1981 the Halvard Guild struck in the port and was founded anew.\n\n"
                   "Witnesses said 208 people were killed.\n")
    s = ingest([str(doc)], store_path=db, date="2020-01-01")
    assert s.files[0].disagreements == ["people killed in the strike (strike): 208 here, 1,500 in a"]


def test_page_dates_date_no_event(tmp_path):
    db = tmp_path / "kb.json"
    doc = tmp_path / "d.txt"
    doc.write_text("Notes\n\nPublished: 12 March 2019\n\nLONDON, 17 December 2019 - The guild met again.\n\n"
                   "On 5 May 2019 the Halvard Guild voted.\n")
    s = ingest([str(doc)], store_path=db)
    assert [e["date"]["start"] for e in s.events] == ["2019-05-05"]


def test_days_of_one_long_event_do_not_contradict_each_other():
    from kb.model.claims import disagreements

    def when(start, end, source, text):
        return {"measure": "date", "value": text, "amount": None, "source": source,
                "date": {"start": start, "end": end, "precision": "range", "text": text}}

    own = when("2017-12-01", "2018-01-31", "a", "December 2017 - January 2018")
    early_jan = when("2018-01-01", "2018-01-10", "b", "early January 2018")
    dec_28 = when("2017-12-28", "2017-12-28", "c", "28 December 2017")
    assert disagreements([own, early_jan, dec_28]) == {}
    assert list(disagreements([own, when("2018-03-01", "2018-03-31", "d", "March 2018")])) == ["date"]


def test_figures_a_page_attributes_to_two_parties_are_two_voices(tmp_path):
    stored = {"measure": "deaths", "value": "more than 30,000", "amount": 30000, "qualifier": "more than",
              "source": "a", "section": "History", "counts": "prisoners", "subject": "people killed"}
    db = _store(tmp_path, [_event("killings", "1988-07-28", "1988-08-31", [stored], precision="range")])
    doc = tmp_path / "report.txt"
    doc.write_text("Report\n\nThe Halvard Guild killings began on 28 July 1988; the guild's archive puts the dead "
                   "at 2,800 to 3,800 according to the warden's memoirs, while the guild says more than "
                   "30,000 were killed.\n")
    lines = ingest([str(doc)], store_path=db, date="2020-01-01").files[0].disagreements
    assert lines[0] == ("people killed (killings): 2,800 to 3,800 here, more than 30,000 in a, "
                        "more than 30,000 in report (the guild says)")
