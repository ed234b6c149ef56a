"""A damaged index never costs a traceback or a wrong answer: it is rebuilt from the store.

The index is derived data.  Whatever happened to it (pages overwritten,
tables dropped, a build cut short, a folder, a FIFO or a device where the
file should be), a query answers exactly as it does over a sound index.
"""

import io
import json
import os
import sqlite3
import threading

import pytest

from conftest import MINI
from kb.cli.app import main
from kb.cli.environment import Environment
from kb.index import freshness
from kb.query import KB
from kb.store.storage import write_json

QUERIES = [
    ("search", "founding"),
    ("timeline", "1960", "1990"),
    ("who", "mek"),
    ("show", "1965-founding"),
    ("sources",),
    ("entities",),
    ("stats",),
]


def _ask(store, query):
    env = Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), environ={})
    return main([*query, "--db", str(store)], env), env.stdout.getvalue()


@pytest.fixture(scope="module")
def sound(tmp_path_factory):
    """Every query's output over a sound index of the fixture store (asked once)."""
    folder = tmp_path_factory.mktemp("sound")
    path = folder / "s.json"
    write_json(str(path), json.loads(MINI.read_text(encoding="utf-8")))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KB_CACHE_DIR", str(folder / "cache"))
        got = {q: _ask(path, q) for q in QUERIES}
    assert all(code == 0 and out for code, out in got.values()), got
    return {q: out for q, (_code, out) in got.items()}


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "s.json"
    write_json(str(path), json.loads(MINI.read_text(encoding="utf-8")))
    return path


@pytest.fixture
def answers(store, sound):
    """What each query must answer; the store's own index is built here, sound."""
    KB(path=store).con.close()
    return sound


def _same_answers(run, store, answers):
    for q, expected in answers.items():
        r = run(*q, "--db", str(store))
        assert (r.code, r.err, r.out) == (0, "", expected), q


def _overwrite(path, offset, data, keep_time=False):
    st = os.stat(path)
    with open(path, "r+b") as fh:
        fh.seek(offset)
        fh.write(data)
    if keep_time:  # damage the modification time cannot show
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def _root_page(path, table):
    con = sqlite3.connect(path)
    try:
        page_size = con.execute("PRAGMA page_size").fetchone()[0]
        (root,) = con.execute("SELECT rootpage FROM sqlite_master WHERE name=?", (table,)).fetchone()
    finally:
        con.close()
    return (root - 1) * page_size, page_size


@pytest.mark.parametrize("fill", [b"\xff", b"\x00", b"\x5a"])
def test_pages_overwritten_in_the_middle_are_rebuilt(store, answers, run, fill):
    index = freshness.index_path(store)
    size = index.stat().st_size
    _overwrite(index, size // 2 - 2048, fill * 4096)
    _same_answers(run, store, answers)


def test_every_table_damaged_behind_an_unchanged_time_is_rebuilt_on_the_error(store, answers, run):
    """The time check cannot see it; the query's database error triggers one rebuild."""
    index = freshness.index_path(store)
    for table in ("events", "entities", "sources", "fts_data", "event_entities", "names"):
        offset, page_size = _root_page(index, table)
        _overwrite(index, offset, b"\xff" * page_size, keep_time=True)
        _same_answers(run, store, answers)


@pytest.mark.parametrize("table", ["events", "fts", "entities", "names", "event_entities"])
def test_a_missing_table_behind_fresh_metadata_is_rebuilt(store, answers, run, table):
    index = freshness.index_path(store)
    st = os.stat(index)
    con = sqlite3.connect(index)
    con.execute(f"DROP TABLE {table}")
    con.commit()
    con.close()
    os.utime(index, ns=(st.st_atime_ns, st.st_mtime_ns))  # metadata and time both look fresh
    _same_answers(run, store, answers)
    assert sqlite3.connect(index).execute(  # and the rebuilt index is whole again
        "SELECT COUNT(*) FROM sqlite_master WHERE name=?", (table,)).fetchone() == (1,)


def test_a_search_over_a_missing_fts_table_is_not_called_a_bad_query(store, answers, run):
    index = freshness.index_path(store)
    st = os.stat(index)
    con = sqlite3.connect(index)
    con.execute("DROP TABLE fts")
    con.commit()
    con.close()
    os.utime(index, ns=(st.st_atime_ns, st.st_mtime_ns))
    r = run("search", "founding", "--db", str(store))
    assert (r.code, r.err, r.out) == (0, "", answers[("search", "founding")])


def test_an_index_the_rebuild_cannot_mend_is_one_line_and_exit_2(store, run, monkeypatch):
    monkeypatch.setattr("kb.index.open_index", lambda path, rebuild=False: sqlite3.connect(":memory:"))
    r = run("timeline", "--db", str(store))
    assert r.code == 2 and r.out == ""
    assert r.err.count("\n") == 1 and "Traceback" not in r.err
    assert r.err.startswith("kb: error: the index of ") and "even rebuilt" in r.err


def test_a_build_cut_short_is_incomplete_and_rebuilt(store, answers, run):
    """An index without the stamp its build writes last is never used."""
    index = freshness.index_path(store)
    st = os.stat(index)
    con = sqlite3.connect(index)
    con.execute("DELETE FROM meta WHERE key='stamp'")
    con.execute("DELETE FROM events")
    con.commit()
    con.close()
    os.utime(index, ns=(st.st_atime_ns, st.st_mtime_ns))
    _same_answers(run, store, answers)
    assert os.stat(index).st_ino != st.st_ino


def test_the_build_is_on_disk_before_it_is_moved_into_place(store, monkeypatch):
    """synchronous=OFF is safe only because the file is flushed before it becomes the index."""
    events = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append(("fsync", os.fstat(fd).st_ino))
        return real_fsync(fd)

    def replace(src, dst):
        events.append(("replace", os.stat(src).st_ino, str(dst)))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    KB(path=store).con.close()
    index = freshness.index_path(store)
    (at,) = [i for i, e in enumerate(events) if e[0] == "replace" and e[2] == str(index)]
    assert ("fsync", events[at][1]) in events[:at]  # that very file, flushed first
    meta = dict(sqlite3.connect(index).execute("SELECT key, value FROM meta"))
    assert meta["stamp"] == str(os.stat(index).st_mtime_ns)


def test_a_sound_index_is_reused_and_a_settled_one_keeps_its_stamp(store, monkeypatch):
    index = freshness.index_path(store)
    monkeypatch.setattr(freshness, "RACY_NS", 10**18)  # built "racily": with a digest
    KB(path=store).con.close()
    built = os.stat(index).st_ino
    assert dict(sqlite3.connect(index).execute("SELECT key, value FROM meta"))["digest"]
    monkeypatch.setattr(freshness, "RACY_NS", 0)  # now settled: the digest is dropped
    KB(path=store).con.close()
    assert dict(sqlite3.connect(index).execute("SELECT key, value FROM meta"))["digest"] == ""
    KB(path=store).con.close()
    assert os.stat(index).st_ino == built  # neither the settling nor the next open rebuilt it


def test_a_folder_where_the_index_should_be_gives_an_index_in_memory(store, answers, run):
    index = freshness.index_path(store)
    index.unlink()
    index.mkdir()
    (index / "keep.txt").write_text("not kb's", encoding="utf-8")
    _same_answers(run, store, answers)
    assert index.is_dir() and (index / "keep.txt").read_text(encoding="utf-8") == "not kb's"


def test_a_fifo_where_the_index_should_be_is_never_waited_on(store, answers, run):
    index = freshness.index_path(store)
    index.unlink()
    os.mkfifo(index)
    result = {}
    worker = threading.Thread(target=lambda: result.update(r=run("timeline", "1960", "1990",
                                                                   "--db", str(store))), daemon=True)
    worker.start()
    worker.join(20)
    if worker.is_alive():  # let the stuck reader go before failing
        os.close(os.open(index, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(5)
        pytest.fail("kb waited on a FIFO at the index path")
    assert (result["r"].code, result["r"].out) == (0, answers[("timeline", "1960", "1990")])
    assert index.is_fifo()


def test_a_device_where_the_index_should_be_is_left_alone(store, answers, run):
    index = freshness.index_path(store)
    index.unlink()
    index.symlink_to("/dev/zero")
    _same_answers(run, store, answers)
    assert index.is_symlink() and os.readlink(index) == "/dev/zero"


def test_a_rebuild_asked_for_replaces_a_fresh_looking_index(store):
    index = freshness.index_path(store)
    KB(path=store).con.close()
    before = os.stat(index).st_ino
    freshness.open_index(store, rebuild=True).close()
    assert os.stat(index).st_ino != before


def test_a_reader_of_whole_tables_gets_the_same_rebuild(store, answers):
    """``KB.using`` (for kb export's own SQL) rebuilds a damaged index once, as queries do."""
    index = freshness.index_path(store)
    count = lambda con: con.execute("SELECT COUNT(doc) FROM events").fetchone()[0]  # noqa: E731
    kb = KB(path=store)
    expected = kb.using(count)
    kb.close()
    offset, page_size = _root_page(index, "events")
    _overwrite(index, offset, b"\xff" * page_size, keep_time=True)
    damaged = os.stat(index).st_ino
    kb = KB(path=store)
    try:
        assert kb.using(count) == expected
    finally:
        kb.close()
    assert os.stat(index).st_ino != damaged  # it was rebuilt, not read around
