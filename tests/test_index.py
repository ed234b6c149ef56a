"""The derived index is never stale: every change of the store shows in the next query."""

import json
import os
import sqlite3

import pytest

from conftest import MINI
from kb.index import freshness as index
from kb.query import KB
from kb.store.storage import write_json
from kb.store import Tables, load


def _data():
    return json.loads(MINI.read_text(encoding="utf-8"))


def _event_key(data, event_id):
    return next(k for k, ev in data["events"].items() if ev["id"] == event_id)


def _first_event(data):
    return next(iter(data["events"].values()))


def _title(path, event_id):
    kb = KB(path=path)
    try:
        return kb.show(event_id)["title"]
    finally:
        kb.close()


def test_a_new_version_of_the_file_is_seen(tmp_path):
    p = tmp_path / "s.json"
    data = _data()
    ev = _first_event(data)
    write_json(str(p), data)
    assert _title(p, ev["id"]) == ev["title"]
    ev["title"] = ev["title"] + " (revised)"
    write_json(str(p), data)
    assert _title(p, ev["id"]).endswith("(revised)")


def test_same_size_same_mtime_rewritten_in_place(tmp_path):
    """The hard case: the bytes change, the size and modification time do not."""
    p = tmp_path / "s.json"
    data = _data()
    ev = _first_event(data)
    old = ev["title"]
    write_json(str(p), data)
    st = p.stat()
    assert _title(p, ev["id"]) == old

    ev["title"] = "".join(reversed(old))  # same length, different text
    new = ev["title"]
    assert new != old
    text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    with open(p, "r+", encoding="utf-8") as fh:  # in place: same inode
        fh.write(text)
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the very same mtime
    st2 = p.stat()
    assert (st2.st_size, st2.st_mtime_ns, st2.st_ino) == (st.st_size, st.st_mtime_ns, st.st_ino)

    assert _title(p, ev["id"]) == new


def test_racy_build_is_checked_by_digest_even_if_every_stat_field_matches(tmp_path, monkeypatch):
    """Even a signature that cannot tell (a coarse clock) does not serve a stale index."""
    p = tmp_path / "s.json"
    data = _data()
    ev = _first_event(data)
    old = ev["title"]
    write_json(str(p), data)
    monkeypatch.setattr(index, "signature", lambda path: "frozen")
    assert _title(p, ev["id"]) == old
    ev["title"] = "".join(reversed(old))
    write_json(str(p), data)
    assert _title(p, ev["id"]) == ev["title"]


def test_settled_index_is_not_rehashed(tmp_path, monkeypatch):
    p = tmp_path / "s.json"
    write_json(str(p), _data())
    old = 10**9 * 1_000_000  # 2001: long settled
    os.utime(p, ns=(old, old))
    monkeypatch.setattr(index, "RACY_NS", 0)
    KB(path=p).con.close()
    con = sqlite3.connect(index.index_path(p))
    assert dict(con.execute("SELECT key, value FROM meta"))["digest"] == ""
    monkeypatch.setattr(index, "_digest", lambda path: pytest.fail("hashed a settled store"))
    KB(path=p).con.close()


def test_new_records_and_removed_records_show(tmp_path, run):
    p = tmp_path / "s.json"
    data = _data()
    write_json(str(p), data)
    n = len(json.loads(run("timeline", "-f", "json", "--db", str(p)).out))
    gone = _first_event(data)["id"]
    del data["events"][_event_key(data, gone)]
    write_json(str(p), data)
    after = json.loads(run("timeline", "-f", "json", "--db", str(p)).out)
    assert len(after) == n - 1 and gone not in {e["id"] for e in after}


def test_streaming_reader_reads_what_tinydb_reads(tmp_path):
    for path in (MINI, tmp_path / "odd.json"):
        if path.name == "odd.json":  # tables in another order, other spacing
            d = _data()
            path.write_text(json.dumps({"sources": d["sources"], "events": d["events"],
                                        "entities": d["entities"]}), encoding="utf-8")
        t = Tables(path)
        got = {name: list(t.records(name)) for name in ("events", "sources", "entities")}
        assert got == load(path)


def test_queries_use_the_indexes(tmp_path):
    p = tmp_path / "s.json"
    write_json(str(p), _data())
    con = KB(path=p).con

    def plan(sql, *args):
        return " ".join(r[3] for r in con.execute("EXPLAIN QUERY PLAN " + sql, args))

    assert "SCAN" not in plan("SELECT DISTINCT s.source_id FROM event_entities x JOIN event_sources s "
                              "ON s.event_id = x.event_id WHERE x.entity_id=?", "x")
    assert "SCAN" not in plan("SELECT e.doc FROM event_entities x JOIN events e ON e.id = x.event_id "
                              "WHERE x.entity_id=?", "x")
    assert "SCAN" not in plan("SELECT doc FROM events e WHERE e.start <= ? AND e.end >= ? "
                              "AND e.span = ? AND e.start >= ?", "1990", "1980", 3, "1979")


def test_an_index_of_another_version_is_rebuilt(tmp_path, monkeypatch):
    """Upgrading kb (or the index schema) rebuilds the index; an unchanged kb reuses it."""
    from kb.index import schema

    p = tmp_path / "s.json"
    write_json(str(p), _data())
    KB(path=p).con.close()
    built = index.index_path(p).stat().st_ino
    KB(path=p).con.close()
    assert index.index_path(p).stat().st_ino == built  # same version: reused
    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + "-next")
    con = KB(path=p).con
    assert index.index_path(p).stat().st_ino != built  # rebuilt and swapped in
    assert dict(con.execute("SELECT key, value FROM meta"))["schema"].endswith("-next")
    con.close()
    monkeypatch.setattr(schema, "__version__", "99.0")
    KB(path=p).con.close()
    assert dict(sqlite3.connect(index.index_path(p)).execute(
        "SELECT key, value FROM meta"))["schema"].startswith("99.0+")


def test_a_store_whose_path_is_not_utf8_gets_an_index(tmp_path, run):
    """File names are bytes: a Latin-1 name (a surrogate escape in Python) is a store like any other."""
    name = os.fsdecode(b"caf\xe9.json")
    p = tmp_path / name
    write_json(str(p), _data())
    assert index.index_path(p).name.startswith("index-")
    r = run("timeline", "--db", str(p))
    assert r.code == 0, r
