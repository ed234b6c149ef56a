"""The index that follows a big write: records new to it added, records it holds written again
compared row by row (kb.index.again), and the result still a full build of the store, table by
table; a record written again as it was leaves its rows alone."""

import copy
import sqlite3

import pytest

from test_index_update import _add, _by_id, _follow, _full_build, _mini, _tables
from kb.index import freshness, update
from kb.query import KB
from kb.store.storage import write_json


def _event(n: int, entities, source: str, tags=(), claims=()) -> dict:
    day = f"19{50 + n % 40}-0{1 + n % 9}-1{n % 10}"
    return {"id": f"{day}-bulk-{n}", "title": f"Bulk event {n}", "summary": f"Event {n} of the bulk write.",
            "date": {"edtf": day, "start": day, "end": day, "precision": "day", "text": day},
            "entities": list(entities), "places": [], "tags": list(tags), "claims": list(claims),
            "citations": [{"source": source, "section": "Bulk"}], "document": source,
            "offsets": [0, 10], "extracted": True}


def _source(n: int) -> dict:
    return {"id": f"bulk-s{n}", "title": f"Bulk report {n}", "text": f"Report {n} names Bulkman {n}.",
            "file": f"bulk-{n}.md", "kind": "ingested document", "sha256": f"{n:064x}", "format": "markdown",
            "published": {"edtf": "2021-02-03", "start": "2021-02-03", "end": "2021-02-03",
                          "precision": "day", "text": "3 February 2021"}, "publisher": ""}


def _entity(n: int, source: str) -> dict:
    return {"id": f"bulkman-{n}", "name": f"Bulkman {n}", "type": "person", "aliases": [f"B{n}"],
            "ambiguous": [], "description": "", "roles": [], "sources": [source], "extracted": True}


def _claim(amount, source):
    return {"amount": amount, "counts": "people killed", "measure": "deaths", "subject": "bulk deaths",
            "section": "Bulk", "source": source, "value": f"{amount:,}"}


def _bulk_store() -> dict:
    """The mini store with 30 events, 10 entities and 10 sources of an earlier bulk write."""
    a = _mini()
    for n in range(10):
        _add(a, "sources", _source(n))
        _add(a, "entities", _entity(n, f"bulk-s{n}"))
    for n in range(30):
        _add(a, "events", _event(n, [f"bulkman-{n % 10}", "mek"], f"bulk-s{n % 10}", tags=["bulk"],
                                 claims=[_claim(100, f"bulk-s{n % 10}")] if n % 7 == 0 else []))
    return a


def test_a_bulk_write_that_replaces_adds_and_relinks(tmp_path):
    a = _bulk_store()
    b = copy.deepcopy(a)
    for n in range(10, 20):  # new sources, entities and events, linking old and new entities
        _add(b, "sources", _source(n))
        _add(b, "entities", _entity(n, f"bulk-s{n}"))
        _add(b, "events", _event(100 + n, [f"bulkman-{n}", f"bulkman-{n - 10}"], f"bulk-s{n}"))
    events = [r for r in b["events"].values() if "-bulk-" in r["id"] and int(r["id"].rsplit("-", 1)[1]) < 30]
    for n, ev in enumerate(events):
        if n % 3 == 0:  # a citation more: the event's JSON and its sources change, nothing else
            ev["citations"].append({"source": "bulk-s12", "section": "Again"})
        if n % 4 == 1:  # re-linked: one entity gone, another come, in another order
            ev["entities"] = ["mek", f"bulkman-{(n + 5) % 10}"]
        if n % 5 == 2:  # a claim that starts a disagreement with the stored ones
            ev["claims"].append(_claim(250, "bulk-s11"))
        if n % 6 == 3:  # tags replaced, with a repeated tag (two rows), and a former id
            ev["tags"] = ["bulk", "again", "again"]
            ev["aliases"] = [ev["id"] + "-was"]
        if n % 7 == 6:
            ev["date"] = {"edtf": "1999", "start": "1999-01-01", "end": "1999-12-31", "precision": "year",
                          "text": "1999"}
    for n in range(10):  # entities written again: a source more, an alias more, a new name
        ent = _by_id(b, "entities", f"bulkman-{n}")
        ent["sources"].append("bulk-s15")
        if n % 3 == 0:
            ent["aliases"].append(f"Bulky {n}")
        if n == 4:
            ent["name"] = "Bulkman the Fourth"
    _by_id(b, "entities", "mek")["description"] = "Described again."
    _by_id(b, "sources", "bulk-s3")["title"] = "Bulk report 3, corrected"
    want = _follow(tmp_path, a, b)
    counts = dict(want.execute("SELECT id, n_events FROM entities"))
    assert counts["bulkman-14"] == 1
    assert counts["mek"] == sum("mek" in ev["entities"] + ev["places"] for ev in b["events"].values()) > 30
    assert want.execute("SELECT count(*) FROM event_tags WHERE tag='again'").fetchone()[0] == 2 * 5
    assert want.execute("SELECT count(*) FROM claims WHERE disputed").fetchone()[0] > 0


def test_duplicate_rows_go_one_at_a_time(tmp_path):
    """A link table's rows are compared as multisets: one of two equal rows can go."""
    a = _bulk_store()
    _by_id(a, "events", "1976-split")["tags"] = ["dup", "dup", "dup"]
    b = copy.deepcopy(a)
    _by_id(b, "events", "1976-split")["tags"] = ["dup", "other", "dup"]
    want = _follow(tmp_path, a, b)
    assert want.execute("SELECT count(*) FROM event_tags WHERE tag='dup'").fetchone()[0] == 2


@pytest.fixture
def statements(monkeypatch):
    """The SQL statements the update runs (executemany: one per row)."""
    seen: list[str] = []
    connect = sqlite3.connect

    def traced(*args, **kwargs):
        con = connect(*args, **kwargs)
        con.set_trace_callback(seen.append)
        return con

    monkeypatch.setattr(update.sqlite3, "connect", traced)
    return seen


def test_records_written_again_as_they_were_leave_their_rows(tmp_path, statements):
    a = _bulk_store()
    b = copy.deepcopy(a)
    _by_id(b, "events", "1976-split")["citations"].append({"source": "bulk-s1", "section": "Again"})
    written = {"sources": list(b["sources"].values()), "entities": list(b["entities"].values()),
               "events": list(b["events"].values())}  # every record, all but one as it was
    store = tmp_path / "s.json"
    write_json(store, a)
    KB(path=store).con.close()
    token = update.before(store)
    write_json(store, b)
    statements.clear()
    assert update.apply(store, token, **written) is True
    changes = [s for s in statements if s.split(" ", 1)[0] in ("INSERT", "DELETE", "UPDATE")
               and " meta " not in s and "n_events" not in s]
    # the one event's own row and its new source link; no search row, name key or role touched
    tables = sorted({s.split(" ")[2] if s.startswith(("INSERT", "DELETE")) else s.split(" ")[1] for s in changes})
    assert tables == ["event_sources", "events"], changes
    assert not any(s.startswith("DELETE") for s in changes), changes
    got = sqlite3.connect(f"file:{freshness.index_path(store)}?mode=ro", uri=True)
    assert _tables(got) == _tables(_full_build(store))
