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
