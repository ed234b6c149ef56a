"""A write reads the rows the last write saved (kb.store.saved) only for the exact bytes that write
wrote, under the same rules; any other bytes are read and checked record by record."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import mini_store
from kb.store import saved
from kb.store.check import Checker

DOC = ("On 3 March 2001 the Fixture Council met in Tehran to plan the fixture fair. "
       "Its members said 40 people were arrested on 5 March 2001 in Shiraz.\n")


def _doc(tmp_path: Path, n: int) -> str:
    p = tmp_path / f"doc{n}.md"
    p.write_text(DOC.replace("2001", str(2001 + n)), encoding="utf-8")
    return str(p)


def _rows(store: Path) -> Path:
    return saved.place(Path(os.path.realpath(store)))


def _checks(monkeypatch) -> list:
    """The tables Checker.each read record by record, in order."""
    seen: list = []
    each = Checker.each

    def spy(self, table, pairs, take=None, trusted=False):
        seen.append(table)
        return each(self, table, pairs, take, trusted)

    monkeypatch.setattr(Checker, "each", spy)
    return seen


def test_a_store_kb_wrote_is_read_from_its_rows_and_written_the_same(tmp_path, run, monkeypatch):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a, b = mini_store(tmp_path / "a"), mini_store(tmp_path / "b")
    seen = _checks(monkeypatch)
    for store in (a, b):
        assert run("ingest", "-q", _doc(tmp_path, 1), "--db", str(store)).code == 0
    assert seen and _rows(a).exists() and _rows(b).exists()
    _rows(b).unlink()  # b's next writes read the file, a's its rows
    for n in (2, 3):
        seen.clear()
        assert run("ingest", "-q", _doc(tmp_path, n), "--db", str(a)).code == 0
        assert seen == []  # nothing decoded or checked again
        assert run("ingest", "-q", _doc(tmp_path, n), "--db", str(b)).code == 0
        assert seen  # read from the file
        _rows(b).unlink()
        assert a.read_bytes() == b.read_bytes()
    assert run("ingest", "-q", _doc(tmp_path, 3), "--db", str(a)).code == 0  # unchanged: no write
    assert a.read_bytes() == b.read_bytes()


def _edits(data: bytes) -> dict[str, bytes]:
    """The store's bytes edited by someone else, each way."""
    i = data.index(b'"title": "') + len(b'"title": "')
    letter = data[i:i + 1]
    other = b"Q" if letter != b"Q" else b"R"
    cut = data.rindex(b"\n", 0, len(data) // 2)
    return {"one byte": data[:i] + other + data[i + 1:],  # same size, a sound record
            "bad record": data.replace(b'"start": "1965-09-06"', b'"start": "1965-13-45"', 1),
            "cut short": data[:cut]}


@pytest.mark.parametrize("how", ["one byte", "bad record", "cut short"])
def test_bytes_kb_did_not_write_are_read_and_checked_again(tmp_path, run, monkeypatch, how):
    store = mini_store(tmp_path)
    assert run("ingest", "-q", _doc(tmp_path, 1), "--db", str(store)).code == 0
    assert _rows(store).exists()
    data = store.read_bytes()
    edited = _edits(data)[how]
    assert edited != data
    st = os.stat(store)
    store.write_bytes(edited)
    os.utime(store, ns=(st.st_atime_ns, st.st_mtime_ns))  # the same modification time
    seen = _checks(monkeypatch)
    r = run("ingest", "-q", _doc(tmp_path, 2), "--db", str(store))
    if how == "one byte":  # read from the file: its own title kept, the new document added
        assert r.code == 0 and seen, r
        (tmp_path / "ref").mkdir()
        ref = tmp_path / "ref" / "kb.json"
        ref.write_bytes(edited)
        assert run("ingest", "-q", _doc(tmp_path, 2), "--db", str(ref)).code == 0
        assert store.read_bytes() == ref.read_bytes()
    else:
        assert r.code == 2 and len(r.err.splitlines()) == 1, r
        assert ("is not a day" if how == "bad record" else "is not a readable kb store") in r.err
        assert store.read_bytes() == edited  # left as it is


@pytest.mark.parametrize("spoil", ["other kb", "other row code", "damaged", "cut", "folder", "another store"])
def test_rows_not_made_for_these_bytes_by_this_kb_are_not_read(tmp_path, run, monkeypatch, spoil):
    import kb
    from kb.ingest import pipeline
    from kb.store import checked

    store = mini_store(tmp_path)
    assert run("ingest", "-q", _doc(tmp_path, 1), "--db", str(store)).code == 0
    rows = _rows(store)
    body = rows.read_bytes()
    if spoil == "other kb":
        checked.rules.cache_clear()
        monkeypatch.setattr(kb, "__version__", "0.0.0-other")
    elif spoil == "other row code":
        monkeypatch.setattr(pipeline, "_rows_tag", lambda: "0123456789abcdef")
    elif spoil == "damaged":
        rows.write_bytes(body[:-40] + b"x" * 40)
    elif spoil == "cut":
        rows.write_bytes(body[:len(body) // 2])
    elif spoil == "folder":
        rows.unlink()
        rows.mkdir()
    else:  # the rows of a store at another path, with other bytes
        (tmp_path / "o").mkdir()
        other = mini_store(tmp_path / "o")
        assert run("ingest", "-q", _doc(tmp_path, 3), "--db", str(other)).code == 0
        shutil.copyfile(_rows(other), rows)
    seen = _checks(monkeypatch)
    try:
        assert run("ingest", "-q", _doc(tmp_path, 2), "--db", str(store)).code == 0
    finally:
        checked.rules.cache_clear()
    assert seen  # read from the file, every record checked


@pytest.mark.parametrize("empty", [False, True])
def test_the_rows_saved_are_those_the_written_file_gives(tmp_path, run, empty):
    """The rows saved after each write, and where they say each record lies, equal what a reader
    of the written file makes and finds (records added at the end, between others, into an
    empty table, and changed)."""
    import orjson

    from kb.ingest.pipeline import _entity_row, _event_row, _source_row
    from kb.store.reader import Tables

    store = mini_store(tmp_path)
    if empty:  # every table empty: the first records go into "{}"
        store.write_text('{\n  "entities": {},\n  "events": {},\n  "sources": {}\n}\n', encoding="utf-8")
    make = {"sources": _source_row, "entities": _entity_row, "events": _event_row}
    for n in (1, 2, 3, 1, 12):  # 12: a document number that sorts between others; 1 again: unchanged
        assert run("ingest", "-q", _doc(tmp_path, n), "--db", str(store)).code == 0
        body = _rows(store).read_bytes().split(b"\n", 1)[1]
        got = orjson.loads(body)["rows"]
        tables = Tables(store, digest=False)
        spans = {m[0]: m[3] for m in tables.layout.members}
        for table, fn in make.items():
            pairs = list(tables.items(table))
            want = orjson.loads(orjson.dumps([[k for k, _r in pairs], [fn(r) for _k, r in pairs]]))
            assert got[table][:2] == want, table
            assert got[table][2:] == [[r[2] for r in spans[table]], [r[3] for r in spans[table]]], table


def test_located_reads_of_many_records_are_lookups_that_find_the_same(tmp_path):
    """Once a table's record lines are found (Located.many), each record is read by one lookup
    of where it lies: the same records as the scanned file gives; a record that does not end as
    it should is refused as the bisection refuses it."""
    from kb.store.locate import Located, Mismatch, describe
    from kb.store.reader import Tables, scan

    store = mini_store(tmp_path)
    tables = Tables(store, digest=False)
    fd = os.open(store, os.O_RDONLY)
    try:
        located = Located(fd, describe(tables.layout))
        for name, *_rest in tables.layout.members:
            located.many(name)
            for key, rec in tables.items(name):
                assert located.record(name, key, exact=False) == rec
    finally:
        os.close(fd)
    data = store.read_bytes()
    layout = scan(data)
    key, _line, _at, end = next(m for m in layout.members if m[0] == "events")[3][0]
    assert data[end:end + 1] == b","
    store.write_bytes(data[:end] + b" " + data[end + 1:])  # the comma after the first event gone
    fd = os.open(store, os.O_RDONLY)
    try:
        located = Located(fd, describe(layout))
        located.many("events")
        with pytest.raises(Mismatch):
            located.record("events", key)
    finally:
        os.close(fd)


def test_a_span_that_is_not_its_own_records_is_not_trusted(tmp_path, run):
    """Rows whose spans were swapped (a file that passes its CRC but was saved wrong)
    give no layout: the write reads the file instead of splicing at wrong places."""
    import hashlib

    from kb.ingest import pipeline

    store = mini_store(tmp_path)
    assert run("ingest", "-q", _doc(tmp_path, 1), "--db", str(store)).code == 0
    data = store.read_bytes()
    got = saved.load(Path(os.path.realpath(store)), len(data), lambda: hashlib.sha1(data).hexdigest(),
                     pipeline._rows_tag(), {"sources", "entities", "events"})
    assert got is not None
    _digest, description, rows = got
    assert saved.layout(data, description, rows) is not None
    table = next(t for t, cols in rows.items() if len(cols[0]) >= 2)
    keys, values, ats, ends = rows[table]
    swapped = {**rows, table: [keys, values, [ats[1], ats[0], *ats[2:]], [ends[1], ends[0], *ends[2:]]]}
    assert saved.layout(data, description, swapped) is None
