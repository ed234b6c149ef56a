"""A write's lookups from a fresh index: the same members, in the same order, as reading the file.

``kb ingest`` keeps, of every stored record, a few members to look things up
by (:data:`kb.ingest.pipeline.READS`).  When the store's index is fresh for
the very file the writer has open, those come from the index
(:mod:`kb.index.lookups`) and no record is read or checked again; otherwise
from the file, as before.  Either way the store written is byte for byte the
same, and after the write the next query opens the index without hashing
the store (:func:`kb.store.atomic.past_tick`).
"""

import os
import shutil
import sqlite3

import pytest

from conftest import MINI, ROOT
from kb.errors import StoreError
from kb.index import freshness, index_path, lookups
from kb.ingest.pipeline import READS
from kb.query import KB
from kb.store import atomic, signature, writer
from kb.store.storage import write_json

FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
DOCS = [FIXTURES / n for n in ("harbor.txt", "bulletin.html", "harbor_retold.md", "gazette.txt")]


def _store(tmp_path, name="s.json", docs=DOCS[:2]):
    from kb.cli.app import main

    store = tmp_path / name
    shutil.copyfile(MINI, store)
    for doc in docs:
        assert main(["ingest", str(doc), "--db", str(store)]) == 0
    return store


def _read(store, only=READS):
    """What Edit.read gives for the tables of READS: (table, key, record) in order, and the edit."""
    target = atomic.resolve(store)
    read = writer._Read(target, store, whole=False)
    try:
        edit = writer.Edit(target, store, read)
        got = []
        edit.read({t: (lambda k, r, t=t: got.append((t, k, r))) for t in READS}, only=only)
        return got, edit
    finally:
        read.close()


def _members(table, rec):
    """A whole record cut to the members READS asks for, as the index keeps them."""
    if table == "sources":
        return {"id": rec["id"], **({"sha256": rec["sha256"]} if rec.get("sha256") else {})}
    if table == "entities":
        return {"id": rec["id"], "name": rec["name"], "type": rec.get("type", "other"),
                "aliases": [a for a in rec.get("aliases", []) if a != rec["name"]]}
    out = {"id": rec["id"], "date": {"start": rec["date"]["start"], "end": rec["date"]["end"]}}
    return {**out, "claims": rec.get("claims") or []} if "claims" in READS["events"] else out


def _from_file(store):
    got, edit = _read(store, only=None)
    assert edit.before is None
    return [(t, k, _members(t, r)) for t, k, r in got]


def test_a_fresh_index_gives_the_files_members_in_the_files_order(tmp_path):
    store = _store(tmp_path)
    KB(path=store).con.close()
    got, edit = _read(store)
    assert edit.before is not None and edit.before.split()[0] == signature(store)
    want = _from_file(store)
    assert [(t, k) for t, k, _r in got] == [(t, k) for t, k, _r in want]
    assert got == want
    assert any(t == "sources" and "sha256" in r for t, _k, r in got)
    if "claims" in READS["events"]:  # read from the index's claims table, in their order
        assert any(t == "events" and len(r["claims"]) > 1 for t, _k, r in got)


def test_a_stale_index_is_not_asked(tmp_path):
    store = _store(tmp_path)
    KB(path=store).con.close()
    import json

    data = json.loads(store.read_text(encoding="utf-8"))
    data["events"]["1"]["date"]["end"] = "1999-12-31"
    write_json(store, data)
    got, edit = _read(store)
    assert edit.before is None
    assert [(t, k, _members(t, r)) for t, k, r in got] == _from_file(store)  # whole records


def _damage(store, *sql):
    """Change the index in place and give it back its time (its stamp): damage that keeps it."""
    path = index_path(store)
    st = os.stat(path)
    con = sqlite3.connect(path)
    with con:
        for q in sql:
            con.execute(q)
    con.close()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    return path


def test_an_index_whose_numbers_are_not_the_files_is_not_used(tmp_path):
    """Without a description of the file, the numbers are checked against the file's: it decides."""
    store = _store(tmp_path)
    KB(path=store).con.close()
    _damage(store, "UPDATE events SET key = key || '0' WHERE rowid = 1",
            "UPDATE meta SET value = '' WHERE key = 'layout'")
    got, edit = _read(store)
    assert edit.before is None
    assert [(t, k, _members(t, r)) for t, k, r in got] == _from_file(store)  # whole records


def test_a_described_file_whose_record_is_not_the_indexs_stops_the_write(tmp_path, run):
    """With a description, records are found by their numbers (kb.store.locate); a record whose id
    is not the one the index numbered so means a damaged index: removed, nothing written."""
    store = _store(tmp_path)
    KB(path=store).con.close()
    con = sqlite3.connect(index_path(store))
    (k1, id1), (k2, id2) = con.execute("SELECT key, id FROM events ORDER BY key LIMIT 2").fetchall()
    con.close()
    path = _damage(store, f"UPDATE events SET key = 'x' WHERE id = '{id1}'",
                   f"UPDATE events SET key = '{k1}' WHERE id = '{id2}'",
                   f"UPDATE events SET key = '{k2}' WHERE id = '{id1}'")
    _got, edit = _read(store)
    assert edit.before is not None  # the index answered
    with pytest.raises(StoreError, match="its index did not match it"):
        edit.exact("events", k1)
    assert not path.exists()  # the next command builds another
    before = store.read_bytes()
    res = run("ingest", str(DOCS[2]), "--db", str(store))  # and a write goes on without it
    assert res.code == 0 and store.read_bytes() != before


def test_members_the_index_does_not_hold_are_read_from_the_file(tmp_path):
    store = _store(tmp_path)
    KB(path=store).con.close()
    assert lookups.records(store, os.stat(store), lambda: "", {"events": ("id", "summary")}) is None
    _got, edit = _read(store, only={**READS, "events": ("id", "summary")})
    assert edit.before is None


def test_ingest_writes_the_same_bytes_with_or_without_an_index(tmp_path, monkeypatch):
    from kb.cli.app import main

    from kb.ingest import pipeline

    monkeypatch.setattr(pipeline, "ASK_RATIO", 0)  # a small store: asked all the same
    with_index, without = _store(tmp_path, "a.json", []), _store(tmp_path, "b.json", [])
    KB(path=with_index).con.close()
    answered = []
    real = lookups.Asker.open.__func__  # a write of documents asks the index (Edit.ask)

    def asked(cls, *a):
        got = real(cls, *a)
        answered.append(got is not None)
        return got

    monkeypatch.setattr(lookups.Asker, "open", classmethod(asked))
    for doc in DOCS:
        assert main(["ingest", str(doc), "--db", str(with_index)]) == 0
        assert answered.pop() is True, doc.name  # the index answered (it follows each write)
        assert main(["ingest", str(doc), "--db", str(without)]) == 0
        assert answered.pop() is False, doc.name  # no index: the file
        assert with_index.read_bytes() == without.read_bytes(), doc.name


def test_the_query_after_an_ingest_hashes_nothing(tmp_path, monkeypatch):
    from kb.cli.app import main

    store = _store(tmp_path, docs=[])
    KB(path=store).con.close()
    assert main(["ingest", str(DOCS[0]), "--db", str(store)]) == 0
    monkeypatch.setattr(freshness, "_digest", lambda *a: pytest.fail("the store was hashed"))
    monkeypatch.setattr(freshness, "_build_from", lambda *a: pytest.fail("the index was rebuilt"))
    assert KB(path=store).stats()["events"] > 0


def test_a_faulty_store_is_refused_though_an_index_was_fresh_before(tmp_path, run):
    store = _store(tmp_path, docs=[])
    KB(path=store).con.close()
    text = store.read_text(encoding="utf-8").replace('"start": "1971-', '"start": "1971-13-', 1)
    store.write_text(text, encoding="utf-8")
    before = store.read_bytes()
    res = run("ingest", str(DOCS[0]), "--db", str(store))
    assert res.code == 2 and "is not a day" in res.err and len(res.err.strip().splitlines()) == 1
    assert store.read_bytes() == before


def test_once_past_the_tick_a_same_size_rewrite_moves_the_signature(tmp_path):
    target, probe = tmp_path / "s.json", tmp_path / "s.json.lock"
    target.write_bytes(b"{}\n")
    probe.touch()
    assert atomic.past_tick(target, probe) is True
    sig = signature(target)
    with open(target, "r+b") as fh:  # in place, same size, at once
        fh.write(b"{}\n")
    assert signature(target) != sig
    assert atomic.past_tick(target, tmp_path / "missing" / "probe") is False
