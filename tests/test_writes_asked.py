"""An ingest that asks the index what it looks up writes what one that reads every record writes.

With a fresh index, ``kb ingest`` does not hold every stored record's lookup
members: it asks the index for the sources, names, years and subjects its
documents touch (:meth:`kb.store.writer.Edit.ask`, :mod:`kb.ingest.asked`).
The store written, the summary and the index after the write are the same as
when the store is read whole; these tests build stores whose names and dates
exercise each lookup (a lower-case alias, a spelling found by its skeleton
across a word break, an acronym, a name whose slug is taken, events spanning
years and decades, claims about one subject, a document already stored).
"""

import json
import shutil
import sqlite3

import pytest

from conftest import MINI
from kb.index import index_path, lookups
from kb.ingest import asked
from kb.query import KB
from kb.store.storage import write_json


def _event(n, start, end, title, summary, entities=(), claims=(), precision="day", source="s1"):
    return {"id": f"ev-{n}", "title": title, "summary": summary,
            "date": {"edtf": start if start == end else f"{start}/{end}", "start": start, "end": end,
                     "precision": precision, "text": start},
            "entities": list(entities), "places": [], "tags": [], "claims": list(claims),
            "citations": [{"source": source, "section": "Report"}]}


def _entity(eid, name, aliases=(), etype="person"):
    return {"id": eid, "name": name, "aliases": [name, *aliases], "ambiguous": [], "type": etype,
            "description": "", "roles": [], "sources": ["s1"]}


def _store(path):
    subject = {"measure": "count", "value": "300", "amount": 300, "counts": "people arrested",
               "qualifier": "", "source": "s1", "section": "Report", "subject": "arrests in tavora"}
    ents = [_entity("hanifnejad", "Mohammad Hanifnejad"), _entity("mojahedin", "Mojahedin Council", ["mojahedin"], "organization"),
            _entity("tavora", "Tavora", [], "place"), _entity("nlf", "National Liberation Front", ["NLF"], "organization"),
            _entity("darius-kavian", "Darius Kavian"), _entity("the-harbor-board", "the Harbor Board", [], "organization")]
    evs = [_event(1, "1971-03-04", "1971-03-04", "Hanifnejad arrested in Tavora",
                  "Mohammad Hanifnejad and others were arrested by police in Tavora after the raid.",
                  ["hanifnejad", "tavora"], [subject]),
           _event(2, "1960-01-01", "1979-12-31", "The long campaign of the Mojahedin Council",
                  "The Mojahedin Council campaigned across the provinces for two decades.",
                  ["mojahedin"], precision="range"),
           _event(3, "1970-01-01", "1972-12-31", "Strikes in the harbour towns",
                  "Harbour workers struck in Tavora for three years under the Harbor Board.", ["tavora"], precision="range"),
           _event(4, "1971-03-20", "1971-03-20", "Darius Kavian speaks at the harbour",
                  "Darius Kavian spoke to the striking harbour workers in Tavora.", ["darius-kavian", "tavora"])]
    src = {"id": "s1", "title": "A report", "file": "report.txt", "text": "A report.", "sha256": "ab" * 32,
           "kind": "news article", "published": None, "publisher": ""}
    write_json(path, {"sources": {"1": src}, "entities": {str(i): e for i, e in enumerate(ents, 1)},
                      "events": {str(i): e for i, e in enumerate(evs, 1)}})


DOC_A = """# Notes from Tavora

Published On: May 2, 1990

On 4 March 1971, Mohammad Hanif-nejad and two others were arrested by police in Tavora after the raid;
police said 450 people were arrested. The Mujahedin Council said the arrests were unlawful.
In 1975, the mojahedin campaigned across the provinces. The National Liberation Front (NLF) met
Darius Kavian on 20 March 1971 in Tavora, where he spoke to the striking harbour workers.
On 2 June 1971, Mohammad Hanifnejad met a new ally, Tavora Gol, and the Harbor Board.
"""
DOC_B = """# Report

Published On: June 1, 1991

On 9 July 1971, the Darius Kavian faction and the NLF met Soraya Tavora in the harbour.
In the 1970s, harbour workers struck in Tavora for three years under the Harbor Board.
"""


@pytest.fixture
def pair(tmp_path, monkeypatch):
    """Two copies of one store: the first with a fresh index, the second with none.  (These
    stores are tiny beside the documents: ingest is told to ask the index all the same.)"""
    from kb.ingest import pipeline

    monkeypatch.setattr(pipeline, "ASK_RATIO", 0)
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    _store(a)
    shutil.copyfile(a, b)
    KB(path=a).con.close()
    return a, b


def _ingest(run, store, doc, monkeypatch, tmp_path, name):
    path = tmp_path / name
    path.write_text(doc, encoding="utf-8")
    got = []
    real = lookups.Asker.open.__func__

    def opened(cls, *a):
        asker = real(cls, *a)
        got.append(asker is not None)
        return asker

    with monkeypatch.context() as m:
        m.setattr(lookups.Asker, "open", classmethod(opened))
        res = run("ingest", str(path), "--db", str(store))
    return res, got


def test_asked_and_read_whole_write_the_same_store(pair, run, monkeypatch, tmp_path):
    a, b = pair
    for i, doc in enumerate((DOC_A, DOC_B, DOC_A)):
        res_a, asked_a = _ingest(run, a, doc, monkeypatch, tmp_path, f"doc{i}.md")
        if index_path(b).exists():
            index_path(b).unlink()  # the other copy is read whole every time
        res_b, asked_b = _ingest(run, b, doc, monkeypatch, tmp_path, f"doc{i}.md")
        assert res_a.code == res_b.code == 0, res_a.err + res_b.err
        assert asked_a == [True] and asked_b in ([], [False])
        assert a.read_bytes() == b.read_bytes(), i
        assert res_a.err.replace(str(a), "S") == res_b.err.replace(str(b), "S")
    assert "unchanged" in res_a.err  # the third is the first again: found by its hash
    data = json.loads(a.read_text(encoding="utf-8"))
    linked = [e for e in data["events"].values() if len(e["citations"]) > 1]
    assert {e["id"] for e in linked} >= {"ev-1", "ev-4"}  # retellings found among the asked years


def test_the_index_after_asked_writes_is_the_rebuilt_one(pair, run, monkeypatch, tmp_path):
    a, _b = pair
    for i, doc in enumerate((DOC_A, DOC_B)):
        _ingest(run, a, doc, monkeypatch, tmp_path, f"doc{i}.md")

    def tables(path):
        con = sqlite3.connect(path)
        try:
            return {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}")))
                    for t in ("sources", "entities", "names", "events", "claims", "event_entities")}
        finally:
            con.close()

    followed = tables(index_path(a))
    fresh = a.parent / "c.json"
    shutil.copyfile(a, fresh)
    KB(path=fresh).con.close()
    rebuilt = tables(index_path(fresh))
    assert followed == rebuilt


def test_the_asked_alias_table_answers_as_the_whole_one(tmp_path):
    from kb.ingest.entities import AliasTable

    store = tmp_path / "s.json"
    _store(store)
    KB(path=store).con.close()
    import os

    from kb.store import atomic

    fd = os.open(store, os.O_RDONLY)
    asker = lookups.Asker.open(store, os.stat(store), lambda: atomic.sha1_of(fd))
    try:
        whole = AliasTable(list(json.loads(store.read_text(encoding="utf-8"))["entities"].values()))
        table = asked.AskedAliasTable(asker)
        for f in ("mohammad hanifnejad", "mojahedin", "mojahedin council", "nlf", "the harbor board", "tavora gol"):
            assert table.fold.get(f) == whole.fold.get(f), f
            assert (f in table.lower_ok) == (f in whole.lower_ok), f
            assert (f in table.fold_starts) == (f in whole.fold_starts), f
        for w in ("mohammad", "the", "harbor", "nlf", "gol", "x"):
            assert (w in table.first) == (w in whole.first), w
            from kb.names import skeleton_of_fold
            s = skeleton_of_fold(w)
            assert (s in table.first_skel) == (s in whole.first_skel), w
            assert (s in table.skel_starts) == (s in whole.skel_starts), w
        for s in ("mhmdhnfnjd", "mjhdn", "mjhdnkncl", "nlf"):
            assert table.skel.get(s) == whole.skel.get(s), s
        assert table.max_words == whole.max_words
        for eid in ("hanifnejad", "nlf", "nobody"):
            assert table.names.get(eid) == whole.names.get(eid)
            assert table.types.get(eid) == whole.types.get(eid)
            assert table.aliases.get(eid) == whole.aliases.get(eid)
        assert table.new_id("Tavora") == whole.new_id("Tavora") == "tavora-2"
    finally:
        asker.close()
        os.close(fd)


def test_documents_large_beside_the_store_read_it_whole(tmp_path, run, monkeypatch):
    store = tmp_path / "s.json"
    _store(store)
    KB(path=store).con.close()
    res, asked_ = _ingest(run, store, DOC_A, monkeypatch, tmp_path, "doc.md")
    assert res.code == 0 and asked_ == []  # 700 characters beside a 4 KB store: read whole
