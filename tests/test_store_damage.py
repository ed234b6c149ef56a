"""Damaged and hostile stores: one line and exit 2 from every command, and never a clobbered file.

Each store is built here from the mini fixture: files kb cannot read as a
store (class 1 of issue 16), stores whose records are faulty (class 2), and
targets a write must not clobber (symbolic links, permission bits, FIFOs and
devices, temporary files left by a killed writer).
"""

from __future__ import annotations

import copy
import json
import os
import stat
import threading
import time
from contextlib import suppress
from pathlib import Path

import pytest

from kb.errors import StoreError
from kb.store import Tables, atomic, current, load, writing
from kb.store.storage import write_json

from conftest import MINI

READS = [("timeline",), ("who", "mek"), ("search", "group"), ("show", "1965-founding"),
         ("entities",), ("sources",), ("stats",), ("conflicts",), ("export",)]


def _mini() -> dict:
    return json.loads(MINI.read_text(encoding="utf-8"))


def _bytes(change) -> bytes:
    data = _mini()
    change(data)
    return json.dumps(data, indent=1).encode()


def _doc(tmp_path: Path) -> str:
    p = tmp_path / "notes.txt"
    p.write_text("Harbor notes\n\nOn March 3, 2001, the Halvard guild repaired the old pier.\n")
    return str(p)


def _one_line(r) -> str:
    lines = r.err.splitlines()
    assert r.code == 2 and len(lines) == 1 and "Traceback" not in r.err, r
    return lines[0]


def _untouched(path: Path, data: bytes, mtime: int) -> None:
    assert path.read_bytes() == data and path.stat().st_mtime_ns == mtime
    assert not Path(str(path) + ".lock").exists(), "the lock is taken only on a store kb may write"


# -- class 1: files that are not a store kb can read --------------------------------------

UNREADABLE = {
    "truncated": (json.dumps(_mini()).encode()[:300], "readable kb store"),
    "lone brace": (b"{", "cut short"),
    "NUL-filled": (b"\0" * 64, "not an object of tables"),
    "binary": (bytes(range(256)) * 4, "not UTF-8"),
    "invalid UTF-8": (b'{"sources": {"1": {"id": "\xff"}}}', "not UTF-8"),
    "UTF-8 BOM": (b"\xef\xbb\xbf" + json.dumps(_mini()).encode(), "byte-order mark"),
    "a JSON list": (b"[]", "holds a list"),
    "table as a list": (b'{"sources": [], "events": {}}', "table 'sources' is a list"),
    "table as a scalar": (b'{"entities": 3}', "table 'entities' is a number"),
    "record not an object": (b'{"events": {"1": 5}}', "events record 1: it is a number"),
    "deep nesting": (b"[" * 100_000 + b"]" * 100_000, "holds a list"),
    "deep nesting in a record": (b'{"events": {"1": {"x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}}}",
                                 "nested too deeply"),
    "null": (b"null", "holds null"),
    "a key that is no document number": (b'{"events": {"one": {}}}', "not a document number"),
    "a document number twice": (b'{"sources": {"1": {"id": "a"}, "1": {"id": "b"}}}', "appears twice"),
    "a table twice": (b'{"sources": {}, "sources": {}}', "'sources' appears twice"),
    "data after the object": (b'{"sources": {}} {}', "more after"),
    "trailing comma": (b'{"sources": {},}', "expected a name"),
}


@pytest.mark.parametrize("case", list(UNREADABLE))
def test_unreadable_store_one_line_everywhere_and_untouched_by_ingest(case, run, tmp_path):
    data, says = UNREADABLE[case]
    p = tmp_path / "kb.json"
    p.write_bytes(data)
    mtime = p.stat().st_mtime_ns
    lines = {_one_line(run(*args, "--db", str(p))) for args in READS}
    assert len(lines) == 1 and says in lines.pop(), case  # every command says the same
    line = _one_line(run("ingest", "--db", str(p), _doc(tmp_path)))
    assert says in line and str(p) in line
    _one_line(run("ingest", "--dry-run", "--db", str(p), _doc(tmp_path)))
    _untouched(p, data, mtime)


def _stream(p: Path) -> None:
    t = Tables(p)
    for name in ("entities", "events", "sources"):
        list(t.records(name))
    t.finish()


def test_the_streaming_reader_and_the_whole_file_reader_refuse_alike(tmp_path):
    for case, (data, _says) in UNREADABLE.items():
        p = tmp_path / "kb.json"
        p.write_bytes(data)
        errors = []
        for read in (_stream, load, current):
            with pytest.raises(StoreError) as e:
                read(p)
            errors.append(str(e.value))
        assert len(set(errors)) == 1, (case, errors)


def test_an_empty_file_is_an_empty_store(run, tmp_path):
    p = tmp_path / "kb.json"
    p.write_bytes(b"")
    assert run("timeline", "--db", str(p)).code == 1  # nothing found, not an error
    assert run("ingest", "--db", str(p), _doc(tmp_path)).code == 0
    assert [s["file"] for s in load(p)["sources"]] == ["notes.txt"]


# -- class 2: records kb cannot use ----------------------------------------------------------

def _set(table, key, field, value):
    return lambda d: d[table][key].__setitem__(field, value)


def _date(field, value):
    return lambda d: d["events"]["1"]["date"].__setitem__(field, value)


def _dup(table, key):
    return lambda d: d[table].__setitem__("99", copy.deepcopy(d[table][key]))


FAULTY = {
    "date a number": (_date("start", 1988), "events record 1 (id '1965-founding'): date start 1988 is not a day"),
    "impossible day": (_date("start", "1988-13-45"), "date start '1988-13-45' is not a day"),
    "day 30 of February": (_date("end", "1988-02-30"), "date end '1988-02-30' is not a day"),
    "ends before it starts": (_date("end", "1900-01-01"), "date ends (1900-01-01) before it starts"),
    "no edtf": (lambda d: d["events"]["1"]["date"].pop("edtf"), "date has no edtf"),
    "date not an object": (_set("events", "1", "date", "1965"), "date is a string, not an object"),
    "no date": (lambda d: d["events"]["1"].pop("date"), "no date"),
    "entity with no name": (lambda d: d["entities"]["1"].pop("name"), "entities record 1 (id 'mek'): no name"),
    "entity with an empty name": (_set("entities", "1", "name", " "), "no name"),
    "alias not a string": (_set("entities", "1", "aliases", ["MEK", 7]), "aliases holds a number"),
    "duplicate event": (_dup("events", "1"), "events record 99 (id '1965-founding'): duplicate id (also events record 1)"),
    "duplicate entity": (_dup("entities", "1"), "entities record 99 (id 'mek'): duplicate id"),
    "duplicate source": (_dup("sources", "1"), "sources record 99 (id 's1'): duplicate id"),
    "event with no id": (lambda d: d["events"]["2"].pop("id"), "events record 2: no id"),
    "id a number": (_set("sources", "1", "id", 1), "sources record 1: id is a number"),
    "title a list": (_set("events", "1", "title", ["a"]), "title is a list, not a string"),
    "citation without source": (_set("events", "1", "citations", [{"section": "x"}]), "a citation has no source"),
    "claim amount a string": (_set("events", "1", "claims", [{"measure": "dead", "amount": "many"}]),
                              "a claim's amount is a string"),
    "entities a string": (_set("events", "1", "entities", "mek"), "entities is a string, not a list"),
    "source date impossible": (lambda d: d["sources"]["1"]["published"].__setitem__("start", "2020-00-10"),
                               "sources record 1 (id 's1'): published date start '2020-00-10' is not a day"),
    "role date a number": (lambda d: d["entities"]["1"].__setitem__("roles", [{"role": "x", "from": 1965}]),
                           "a role's from date is a number"),
    "lone surrogate": (_set("events", "2", "summary", "half a pair: \ud800"),
                       "events record 2 (id '1971-arrests'): holds a lone UTF-16 surrogate ('\\ud800')"),
    "hostile id": (lambda d: d["events"]["1"].update(id="x\x1b]0;pwn\x07\ny", title=5),
                   "(id 'x\\x1b]0;pwn\\x07\\ny'): title is a number"),
}


@pytest.mark.parametrize("case", list(FAULTY))
def test_faulty_record_named_in_one_line_by_every_command_and_ingest_refuses(case, run, tmp_path):
    change, says = FAULTY[case]
    p = tmp_path / "kb.json"
    data = _bytes(change)
    p.write_bytes(data)
    mtime = p.stat().st_mtime_ns
    for args in READS:
        line = _one_line(run(*args, "--db", str(p)))
        assert line.startswith(f"kb: error: {p}: ") and says in line, (args, line)
    assert says in _one_line(run("ingest", "--db", str(p), _doc(tmp_path)))
    assert says in _one_line(run("ingest", "-n", "--db", str(p), _doc(tmp_path)))
    _untouched(p, data, mtime)


def test_escaped_surrogate_pairs_are_text(run, tmp_path):
    p = tmp_path / "kb.json"
    p.write_bytes(_bytes(_set("events", "1", "title", "Founding \U0001F600")))
    assert b"\\ud83d\\ude00" in p.read_bytes()
    r = run("show", "1965-founding", "--db", str(p), "-f", "json")
    assert r.code == 0 and json.loads(r.out)["title"] == "Founding \U0001F600"


def test_index_build_and_ingest_give_the_same_line(run, tmp_path):
    p = tmp_path / "kb.json"
    p.write_bytes(_bytes(_date("start", "1988-13-45")))
    assert run("stats", "--db", str(p)).err == run("ingest", "--db", str(p), _doc(tmp_path)).err


def test_validate_names_every_faulty_record(tmp_path, capsys):
    from kb.validate import main

    p = tmp_path / "kb.json"
    p.write_bytes(_bytes(lambda d: (_date("start", "1988-13-45")(d), d["entities"]["2"].pop("name"))))
    assert main([str(p)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and "entities record 2" in out[0] and "1988-13-45" in out[1]
    p.write_bytes(b"null")
    assert main([str(p)]) == 2 and capsys.readouterr().err.count("\n") == 1


# -- writes that never clobber: links, permission bits, what is not a regular file ------

def test_ingest_through_a_symlink_writes_the_target_and_keeps_the_link(run, tmp_path):
    real = tmp_path / "real" / "kb.json"
    real.parent.mkdir()
    real.write_bytes(MINI.read_bytes())
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert run("ingest", "--db", str(link), _doc(tmp_path)).code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "notes.txt" in {s.get("file") for s in load(real)["sources"]}
    assert Path(str(real) + ".lock").exists() and not Path(str(link) + ".lock").exists()
    assert run("sources", "--db", str(link)).out == run("sources", "--db", str(real)).out


def test_a_dangling_link_gets_its_target_created(tmp_path):
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "new.json")
    with writing(link) as db:
        db.table("sources").insert({"id": "a"})
    assert link.is_symlink() and [s["id"] for s in load(tmp_path / "new.json")["sources"]] == ["a"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_ingest_keeps_the_store_permission_bits(run, tmp_path):
    p = tmp_path / "kb.json"
    p.write_bytes(MINI.read_bytes())
    p.chmod(0o640)
    assert run("ingest", "--db", str(p), _doc(tmp_path)).code == 0
    assert stat.S_IMODE(p.stat().st_mode) == 0o640


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_atomic_writes_follow_links_keep_modes_and_make_new_files_private(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old")
    target.chmod(0o604)
    link = tmp_path / "link.csv"
    link.symlink_to(target.name)
    atomic.write_bytes(link, b"new")
    assert link.is_symlink() and target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o604
    atomic.write_bytes(tmp_path / "private.csv", b"x")
    assert stat.S_IMODE((tmp_path / "private.csv").stat().st_mode) == 0o600
    old = os.umask(0o027)
    try:
        atomic.write_bytes(tmp_path / "usual.csv", b"x", new_mode=atomic.usual_mode())
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "usual.csv").stat().st_mode) == 0o640
    assert os.umask(old) == old  # the umask was read, not changed


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root may give a file away")
def test_a_store_written_by_root_keeps_its_owner_and_group(run, tmp_path):
    p = tmp_path / "kb.json"
    p.write_bytes(MINI.read_bytes())
    os.chown(p, 65534, 65534)
    assert run("ingest", "--db", str(p), _doc(tmp_path)).code == 0
    st = p.stat()
    assert (st.st_uid, st.st_gid) == (65534, 65534) and "notes.txt" in p.read_text()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_atomic_write_never_replaces_what_is_not_a_regular_file(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (tmp_path / "dir").mkdir()
    for target in (fifo, tmp_path / "dir"):
        with pytest.raises(OSError, match="not a regular file"):
            atomic.write_bytes(target, b"x")
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir", "pipe"]


def test_a_write_that_does_not_follow_links_refuses_a_link_and_leaves_its_target(tmp_path):
    """A cache file is kb's own: a link planted in its place is not written through."""
    victim = tmp_path / "notes.txt"
    victim.write_bytes(b"mine")
    link = tmp_path / "cache.json"
    link.symlink_to(victim)
    with pytest.raises(OSError, match="symbolic link"):
        atomic.write_bytes(link, b"{}", follow=False)
    assert victim.read_bytes() == b"mine" and link.is_symlink()
    atomic.write_bytes(tmp_path / "new.json", b"{}", follow=False)     # no link: written
    assert (tmp_path / "new.json").read_bytes() == b"{}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache.json", "new.json", "notes.txt"]


def _unblock(fifo: Path) -> None:
    """Open the FIFO's writing end, so a reader stuck on it gets an end of file."""
    with suppress(OSError):  # no reader waits: nothing to unblock
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_device_and_directory_as_store_are_refused_at_once(run, tmp_path):
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    (tmp_path / "dir.json").mkdir()
    doc = _doc(tmp_path)
    guard = threading.Timer(10, _unblock, (fifo,))  # a read that hangs fails the test instead
    guard.start()
    try:
        for store, kind in ((fifo, "a FIFO"), (Path(os.devnull), "a character device"),
                            (tmp_path / "dir.json", "a directory")):
            for args in (("timeline",), ("ingest", doc), ("ingest", "--dry-run", doc)):
                line = _one_line(run(*args, "--db", str(store)))
                assert f"is not a regular file ({kind})" in line, (store, args)
    finally:
        guard.cancel()
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".lock")]


def test_a_read_only_store_is_not_replaced(run, tmp_path, monkeypatch):
    p = tmp_path / "kb.json"
    p.write_bytes(MINI.read_bytes())
    p.chmod(0o444)
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # root may write anything: ask as a user would
        real = os.access
        monkeypatch.setattr(os, "access", lambda f, mode: False if mode & os.W_OK else real(f, mode))
    mtime = p.stat().st_mtime_ns
    assert "read-only" in _one_line(run("ingest", "--db", str(p), _doc(tmp_path)))
    _untouched(p, MINI.read_bytes(), mtime)


# -- the lock: a store changed while it was awaited is read again ----------------------------

def _with_store_changed_while_waiting(monkeypatch, change):
    import filelock

    real = filelock.FileLock.acquire

    def acquire(self, *args, **kwargs):
        change()
        return real(self, *args, **kwargs)

    monkeypatch.setattr(filelock.FileLock, "acquire", acquire)


def test_a_store_changed_while_waiting_for_the_lock_is_read_again(tmp_path, monkeypatch):
    p = tmp_path / "kb.json"
    write_json(p, {"sources": {"1": {"id": "a"}}})
    _with_store_changed_while_waiting(
        monkeypatch, lambda: write_json(p, {"sources": {"1": {"id": "a"}, "2": {"id": "b"}}}))
    with writing(p) as db:
        db.table("sources").insert({"id": "c"})
    assert [s["id"] for s in load(p)["sources"]] == ["a", "b", "c"]


def test_a_store_damaged_while_waiting_for_the_lock_is_refused(tmp_path, monkeypatch):
    p = tmp_path / "kb.json"
    write_json(p, {"sources": {"1": {"id": "a"}}})
    _with_store_changed_while_waiting(monkeypatch, lambda: p.write_bytes(b"{"))
    with pytest.raises(StoreError, match="cut short"):
        with writing(p) as db:
            db.table("sources").insert({"id": "c"})
    assert p.read_bytes() == b"{"


# -- temporary files left by a killed writer ------------------------------------------------

def test_stale_temporary_files_are_swept_by_the_next_write_and_fresh_ones_kept(run, tmp_path):
    p = tmp_path / "kb.json"
    p.write_bytes(MINI.read_bytes())
    old = time.time() - 2 * atomic.STALE_SECONDS
    names = {"stale": ".kb.json.abc_1234.tmp", "fresh": ".kb.json.zyx_9876.tmp",
             "other target": ".kb.json.bak.abc_1234.tmp", "not ours": ".kb.json.tmp",
             "odd characters": ".kb.json.ABC-1234.tmp"}
    for name in names.values():
        (tmp_path / name).write_text("half a store")
        if name != names["fresh"]:
            os.utime(tmp_path / name, (old, old))
    assert run("ingest", "--db", str(p), _doc(tmp_path)).code == 0
    left = {f.name for f in tmp_path.iterdir()}
    assert names["stale"] not in left
    assert {names[k] for k in ("fresh", "other target", "not ours", "odd characters")} <= left


def test_a_failed_write_sweeps_nothing(tmp_path, monkeypatch):
    stale = tmp_path / ".out.txt.abcdefgh.tmp"
    stale.write_text("x")
    os.utime(stale, (0, 0))
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError("disk on fire")))
    with pytest.raises(OSError):
        atomic.write_bytes(tmp_path / "out.txt", b"y")
    assert stale.exists()


def test_ingest_through_a_symlink_loop_is_one_line_and_changes_nothing(tmp_path):
    import os

    from kb.cli.app import main

    a, b = tmp_path / "a.json", tmp_path / "b.json"
    os.symlink(b, a)
    os.symlink(a, b)
    note = tmp_path / "n.txt"
    note.write_text("On 5 June 2020 the council met in Tabriz.\n", encoding="utf-8")
    import io

    from kb.cli.environment import Environment

    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    assert main(["ingest", str(note), "--db", str(a)], env) == 2
    err = env.stderr.getvalue()
    assert err.count("\n") == 1 and "symbolic links" in err, err
    assert os.path.islink(a) and os.path.islink(b)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.json", "n.txt"]
