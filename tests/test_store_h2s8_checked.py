"""A write skips the record checks only for the exact bytes a write checked (kb.store.checked);
with no index, the alias table of the stored names is built at once from their keys."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from conftest import mini_store
from kb.store import checked, saved
from kb.store.check import Checker

DOC = "On 3 March 2001 the Fixture Council met in Tehran to plan the fixture fair.\n"


def _doc(tmp_path: Path, n: int) -> str:
    p = tmp_path / f"doc{n}.md"
    p.write_text(DOC.replace("2001", str(2001 + n)), encoding="utf-8")
    return str(p)


def _note(store: Path) -> Path:
    return checked._place(Path(os.path.realpath(store)))


def _counting(monkeypatch) -> list:
    """The trusted flags Checker.each was called with, in order."""
    seen: list = []
    each = Checker.each

    def spy(self, table, pairs, take=None, trusted=False):
        seen.append(trusted)
        return each(self, table, pairs, take, trusted)

    monkeypatch.setattr(Checker, "each", spy)
    return seen


def test_a_write_notes_what_it_wrote_and_the_next_write_trusts_it(tmp_path, run, monkeypatch):
    store = mini_store(tmp_path)
    seen = _counting(monkeypatch)
    assert run("ingest", "-q", _doc(tmp_path, 1), "--db", str(store)).code == 0
    assert seen and not any(seen)  # nothing noted yet: every record checked
    size, digest = checked._read(_note(store)).split()[1:]
    data = store.read_bytes()
    assert (int(size), digest) == (len(data), hashlib.sha1(data).hexdigest())
    seen.clear()
    saved.place(Path(os.path.realpath(store))).unlink()  # the rows the write saved: the file is read
    assert run("ingest", "-q", _doc(tmp_path, 2), "--db", str(store)).code == 0
    assert seen and all(seen)  # the same bytes: ids compared, records not checked again


def test_trusted_and_checked_writes_give_the_same_store(tmp_path, run):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a, b = mini_store(tmp_path / "a"), mini_store(tmp_path / "b")
    for store in (a, b):
        assert run("ingest", "-q", _doc(tmp_path, 1), "--db", str(store)).code == 0
    _note(b).unlink()  # b's next write checks every record, a's trusts its note
    for store in (a, b):
        assert run("ingest", "-q", _doc(tmp_path, 2), _doc(tmp_path, 3), "--db", str(store)).code == 0
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize("bad", [
    (b'"start": "1965-09-06"', b'"start": "1965-13-45"', "is not a day"),
    (b'"name": "', b'"name": 7', None),
])
def test_an_edit_that_keeps_size_and_times_is_checked(tmp_path, run, bad):
    store = mini_store(tmp_path)
    assert run("ingest", "-q", _doc(tmp_path, 1), "--db", str(store)).code == 0
    assert _note(store).exists()
    old, new, words = bad
    data = store.read_bytes()
    if words is None:  # a name made a number, padded to the same size
        i = data.index(old)
        j = data.index(b'"', i + len(old))
        old = data[i:j + 1]
        new = b'"name": ' + b"7".rjust(len(old) - len(b'"name": '))
        words = "name is a number"
    st = os.stat(store)
    edited = data.replace(old, new, 1)
    assert len(edited) == len(data) and edited != data
    store.write_bytes(edited)
    os.utime(store, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, same modification time
    r = run("ingest", "-q", _doc(tmp_path, 2), "--db", str(store))
    assert r.code == 2 and words in r.err and len(r.err.splitlines()) == 1, r
    assert store.read_bytes() == edited  # left as it is


@pytest.mark.parametrize("forge", ["other rules", "wrong digest", "garbage", "folder", "fifo"])
def test_a_note_that_does_not_vouch_is_ignored(tmp_path, run, forge):
    store = mini_store(tmp_path)
    assert run("ingest", "-q", _doc(tmp_path, 1), "--db", str(store)).code == 0
    note = _note(store)
    rules, size, digest = checked._read(note).split()
    data = store.read_bytes().replace(b'"start": "1965-09-06"', b'"start": "1965-13-45"', 1)
    store.write_bytes(data)
    real = hashlib.sha1(data).hexdigest()
    note.unlink()
    if forge == "other rules":
        note.write_text(f"0.0.0+0000 {len(data)} {real}\n")
    elif forge == "wrong digest":
        note.write_text(f"{rules} {len(data)} {digest}\n")
    elif forge == "garbage":
        note.write_bytes(b"\xff" * 10000)
    elif forge == "folder":
        note.mkdir()
    else:
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        os.mkfifo(note)
    r = run("ingest", "-q", _doc(tmp_path, 2), "--db", str(store))
    assert r.code == 2 and "is not a day" in r.err and len(r.err.splitlines()) == 1, r
    assert store.read_bytes() == data


def test_a_cache_that_cannot_be_written_only_costs_the_checks(tmp_path, run, monkeypatch):
    store = mini_store(tmp_path)
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("KB_CACHE_DIR", str(blocked / "cache"))
    assert run("ingest", "-q", _doc(tmp_path, 1), "--db", str(store)).code == 0
    assert not checked.trusted(Path(os.path.realpath(store)), store.read_bytes())


def test_a_note_is_made_for_bytes_a_write_read_and_left(tmp_path, run):
    store = mini_store(tmp_path)
    doc = _doc(tmp_path, 1)
    assert run("ingest", "-q", doc, "--db", str(store)).code == 0
    _note(store).unlink()
    saved.place(Path(os.path.realpath(store))).unlink()  # else the file is read from its rows
    assert run("ingest", "-q", doc, "--db", str(store)).code == 0  # unchanged: nothing written
    assert checked.trusted(Path(os.path.realpath(store)), store.read_bytes())


def test_a_written_record_that_is_not_sound_is_not_vouched_for():
    c = Checker("x")
    assert c.each("events", [("1", {"id": "a", "title": "t", "date": {
        "start": "2001-01-01", "end": "2001-01-01", "precision": "day", "edtf": "2001-01-01"}})]) is None
    assert not c.follows("events", "2", {"id": "a", "title": "t", "date": {}}, False)
    assert not c.follows("events", "2", {"id": "a", "title": "t", "date": {
        "start": "2001-01-01", "end": "2001-01-01", "precision": "day", "edtf": "2001-01-01"}}, False)
    assert not c.follows("events", "2", {"id": "b", "title": "t", "date": {
        "start": "2001-01-01", "end": "2001-01-01", "precision": "day", "edtf": "2001-01-01"}}, True)
    assert c.follows("events", "1", {"id": "a", "title": "u", "date": {
        "start": "2001-01-01", "end": "2001-01-01", "precision": "day", "edtf": "2001-01-01"}}, True)
    assert c.follows("events", "2", {"id": "b", "title": "t", "date": {
        "start": "2001-01-01", "end": "2001-01-01", "precision": "day", "edtf": "2001-01-01"}}, False)


def test_the_alias_table_made_at_once_from_folded_names_answers_as_name_by_name():
    """With no index, a run folds each stored name once (name_keys) and builds the table at once."""
    from test_store_h8_alias_keys import ENTITIES, _same

    from kb.ingest.aliases import AliasTable, name_keys
    from kb.ingest.asked import KeyedAliasTable

    ents = [(eid, name, etype, aliases) for eid, name, aliases, etype in ENTITIES]
    plain, keyed = AliasTable(), KeyedAliasTable(ents, name_keys(ents))
    for eid, name, etype, aliases in ents:
        plain.add(eid, name, aliases, etype)
    _same(plain, keyed)
    assert list(dict.fromkeys(plain.first_log)) == keyed.first_log
    for table in (plain, keyed):
        table.add("new-one", "Kaveh Darabi", ["kaveh"], "person")
    _same(plain, keyed)
