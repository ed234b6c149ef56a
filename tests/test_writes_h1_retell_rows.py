"""The index keeps what the retelling search reads of each stored event (``events.retell``).

An ingest with a fresh index builds a stored event's search entry from that
row (:func:`kb.ingest.eventindex.retell_row`, :meth:`EventIndex._from_row`)
instead of reading and decoding the record: the entry must be the one the
record gives, member by member, and an ingest must write the same store
whichever way it read.  A store read from its file (no index) must not take a
record's own ``retell`` member for the index's.
"""

import json
import shutil

import pytest

from kb.index import schema
from kb.ingest import pipeline
from kb.ingest.dedupe import _Entry, content_words
from kb.ingest.eventindex import EventIndex, retell_row
from kb.query import KB
from kb.store.storage import write_json

RECORDS = [
    {"id": "a", "title": "Rockets fell on the harbour of Tavora", "summary": "Gunmen stormed Pier 3; 176 people were killed.",
     "date": {"start": "1980-05-02", "end": "1980-05-02", "precision": "day"},
     "entities": ["tavora-guard"], "places": ["tavora", "iran"],
     "claims": [{"measure": "killed", "amount": 176, "qualifier": "", "source": "s1"},
                {"measure": "date", "value": "1980"}, "not a claim"],
     "citations": [{"source": "s1", "section": "The Pier Attacks"}, {"source": "s2", "section": ""}, {"section": "Notes"}]},
    {"id": "b", "title": "Protest", "summary": "",
     "date": {"start": "1979-01-01", "end": "1981-12-31"}, "citations": []},
    {"id": "c", "title": "Ça déménage à Montréal", "summary": "Les ouvriers d'État ont défilé.",
     "date": {"start": "1990-02-01", "end": "1990-02-28", "precision": "month"},
     "entities": [], "claims": None,
     "citations": [{"source": "s1", "section": "Évènements"}]},
]


def _all(e: _Entry) -> dict:
    """Every member of an entry, the lazy ones asked for."""
    got = {k: getattr(e, k) for k in _Entry.__slots__ if not k.startswith("_")}
    got.update(numbered=e.numbered, title=e.title, countries=e.countries,
               text=(e._text[0], e._text[1], tuple(e._text[2])))
    return got


def test_entry_from_row_is_entry_from_record():
    for n, rec in enumerate(RECORDS):
        index = EventIndex(load=lambda key, rec=rec: json.loads(json.dumps(rec)))
        d = rec["date"]
        made = index._from_row((n, str(n), d["start"], d["end"], retell_row(rec)), retell_row(rec))
        want = _Entry(rec, n, str(n), content_words)
        assert _all(made) == _all(want), rec["id"]
        assert made._record is None and made.key == str(n)


def _event(n, start, title, summary, section="Report"):
    return {"id": f"ev-{n}", "title": title, "summary": summary,
            "date": {"edtf": start, "start": start, "end": start, "precision": "day", "text": start},
            "entities": [], "places": [], "tags": [], "claims": [],
            "citations": [{"source": "s1", "section": section}]}


def _store(path, evs):
    src = {"id": "s1", "title": "A report", "file": "report.txt", "text": "A report.", "sha256": "ab" * 32,
           "kind": "news article", "published": None, "publisher": ""}
    write_json(path, {"sources": {"1": src}, "entities": {},
                      "events": {str(i): e for i, e in enumerate(evs, 1)}})


@pytest.mark.parametrize("ratio", [0, 10 ** 9])  # asked question by question; every record read
def test_index_rows_and_file_read_write_the_same(tmp_path, monkeypatch, ratio):
    """The rows are built and followed by the index; an ingest reading them (the index fresh,
    asked or read whole) writes what one reading the file writes; a record's own "retell"
    member is no row."""
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(pipeline, "ASK_RATIO", ratio)
    used = []
    real = EventIndex._from_row
    monkeypatch.setattr(EventIndex, "_from_row", lambda self, item, row: used.append(item[1]) or real(self, item, row))
    evs = [_event(1, "1971-03-04", "Dockers strike in Tavora harbour", "The dockers of Tavora struck for pay."),
           _event(2, "1971-03-05", "Police arrest strikers", "Police arrested forty strikers at the docks.")]
    evs[1]["retell"] = retell_row(evs[0])  # a member of the record's own: not the index's row
    doc = tmp_path / "note.md"
    doc.write_text("# Docks\n\nOn 4 March 1971 the dockers of Tavora struck for higher pay at the harbour.\n"
                   "On 5 March 1971 the police arrested forty strikers at the docks.\n")
    stores = {}
    for way in ("file", "index"):
        db = tmp_path / f"{way}.json"
        _store(db, evs)
        if way == "index":
            KB(path=db).con.close()  # builds the index
            con = __import__("sqlite3").connect(schema_path(db))
            rows = dict(con.execute("SELECT id, retell FROM events"))
            con.close()
            assert rows == {e["id"]: retell_row(e) for e in evs}
        used.clear()
        summary = pipeline.ingest([str(doc)], db=str(db))
        stores[way] = db.read_bytes()
        assert [f.events_linked for f in summary.files] == [2]
        assert sorted(used) == ([] if way == "file" else ["1", "2"])
    assert stores["file"] == stores["index"]
    # the index followed the write: its rows are those a rebuild makes
    db = tmp_path / "index.json"
    con = __import__("sqlite3").connect(schema_path(db))
    followed = dict(con.execute("SELECT id, retell FROM events"))
    con.close()
    shutil.copy(db, tmp_path / "again.json")
    KB(path=tmp_path / "again.json").con.close()
    con = __import__("sqlite3").connect(schema_path(tmp_path / "again.json"))
    assert followed == dict(con.execute("SELECT id, retell FROM events"))
    con.close()


def schema_path(db):
    from kb.index import index_path

    return index_path(db)


def test_version_names_the_code_rows_are_derived_by():
    kb, derived, schema_version = schema.version().split("+")
    assert (kb, schema_version) == (schema.__version__, f"schema{schema.SCHEMA_VERSION}")
    assert len(derived) == 8
