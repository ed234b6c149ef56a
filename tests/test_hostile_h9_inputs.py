"""Hostile input found by a ninth pass over issue 16's classes (an outside tester's view).

* ``KB_CACHE_DIR`` must be an absolute path (a leading ``~`` is the home folder): a
  relative one was read against whatever folder kb ran in, leaving an index in each,
  and ``KB_CACHE_DIR='~/c'`` made a folder named ``~`` there.  It is refused in one
  line (exit 2) before anything is created.
* ``--db`` that cannot name a store file is refused before anything is read or made:
  ``-`` (made a store file named ``-``), and a path ending in ``.`` or ``..``
  (pathlib dropped the part, so ``kb.json/.`` was read, and written, as ``kb.json``).
* ``-s/--source`` matched a piece of a title with SQL ``LIKE``, so ``%`` and ``_``
  in what the user typed were wildcards: ``-s Iran_Protests`` picked the source
  titled "Iran Protests".  They are matched as typed.
* A store replaced by a program that does not take kb's lock while ``kb ingest``
  read its documents was overwritten by a store built from the old one (the
  replacement lost).  The write now checks the file is the one it read, else
  writes nothing and says so in one line (exit 2).
* ``kb export -f sqlite -o`` onto a full disk: SQLite's "database or disk is full" of
  the file written was taken for a damaged index (rebuilt for nothing, then blamed);
  it names the file, left unchanged.
* ``timeline`` with 1,100 ``-t``/``-s``/``-e`` filters: each was one more term of one
  SQL expression, and SQLite's refusal past 1,000 ("Expression tree is too large") was
  taken for a damaged index.  A repeated filter counts once; more than 200 different
  ones are bad input; a query SQLite finds too large is never blamed on the index.
* A value that names nothing is echoed with its controls escaped once (``'\\x1b[2J'``;
  it was ``'\\\\x1b[2J'``); an empty ``--mapping`` is named as ``--mapping``.
* The year hint of ``timeline 198X``, and EDTF that kb writes read by ``timeline``.
* ``Infinity`` written into a store (a ``1e999`` kept from a table kb does not know):
  the write is refused.

Every store and document is built here, in tmp_path.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import mini_store, own_env, one_line, run_in

NOTE = "On June 20, 1981, a large march took place in Tehran about the Zorvanic committee.\n"





# -- KB_CACHE_DIR ----------------------------------------------------------------------------

@pytest.mark.parametrize("value", ["relc", "./c", "-", " ", "c/../c"])
def test_relative_cache_dir_is_refused_and_nothing_is_made(tmp_path, monkeypatch, value):
    s = mini_store(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    for argv in (["search", "protests", "--db", str(s)], ["timeline", "--db", str(s)]):
        code, out, err = run_in(*argv, environ=own_env(tmp_path, KB_CACHE_DIR=value))
        one_line(code, err)
        assert "KB_CACHE_DIR" in err and out == ""
    assert list(work.iterdir()) == []


def test_cache_dir_with_a_tilde_is_the_home_folder(tmp_path, monkeypatch):
    from kb.store.paths import cache_dir

    monkeypatch.setenv("HOME", str(tmp_path / "h"))
    assert cache_dir({"KB_CACHE_DIR": "~/c"}) == tmp_path / "h" / "c"
    assert cache_dir({"KB_CACHE_DIR": "~"}) == tmp_path / "h"
    assert cache_dir({"KB_CACHE_DIR": str(tmp_path / "abs")}) == tmp_path / "abs"


def test_cache_dir_with_a_tilde_works_from_anywhere(tmp_path, monkeypatch):
    s = mini_store(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("KB_CACHE_DIR", "~/kbc")
    code, out, err = run_in("search", "protests", "--db", str(s), environ=own_env(tmp_path, KB_CACHE_DIR="~/kbc"))
    assert code == 0 and out, err
    assert list(work.iterdir()) == [] and list((tmp_path / "home" / "kbc").glob("index-*.sqlite"))


# -- --db that names no store file ---------------------------------------------------------

@pytest.mark.parametrize("suffix", ["/.", "/..", "/./."])
@pytest.mark.parametrize("cmd", [["timeline"], ["ingest", "NOTE"]])
def test_db_ending_in_a_dot_part_is_refused(tmp_path, suffix, cmd):
    s = mini_store(tmp_path)
    before = s.read_bytes()
    note = tmp_path / "note.md"
    note.write_text(NOTE)
    argv = [str(note) if a == "NOTE" else a for a in cmd]
    code, out, err = run_in(*argv, "--db", str(s) + suffix, environ=own_env(tmp_path))
    one_line(code, err)
    assert "names a folder" in err
    assert s.read_bytes() == before and sorted(os.listdir(s.parent)) == ["kb.json"]


@pytest.mark.parametrize("cmd", [["timeline"], ["ingest", "NOTE"], ["export"]])
def test_db_dash_is_refused_and_no_file_named_dash_is_made(tmp_path, monkeypatch, cmd):
    monkeypatch.chdir(tmp_path)
    note = tmp_path / "note.md"
    note.write_text(NOTE)
    argv = [str(note) if a == "NOTE" else a for a in cmd]
    for how in (["--db", "-"], []):
        if not how:
            monkeypatch.setenv("KB_DB", "-")
        code, out, err = run_in(*argv, *how, environ=own_env(tmp_path))
        one_line(code, err)
        assert "standard input" in err and not (tmp_path / "-").exists()


# -- --source matches what was typed -------------------------------------------------------

@pytest.mark.parametrize("typed", ["Fixture_news", "%news", "_ixture news", "s_", "%"])
def test_source_filter_reads_percent_and_underscore_as_typed(tmp_path, typed):
    s = mini_store(tmp_path)
    for argv in (["timeline", "-s", typed], ["claims", "-s", typed]):
        code, out, err = run_in(*argv, "--db", str(s), environ=own_env(tmp_path))
        one_line(code, err)
        assert out == "" and "source" in err


def test_source_filter_still_takes_a_piece_of_a_title_or_a_file_name(tmp_path):
    s = mini_store(tmp_path)
    d = json.loads(s.read_text())
    d["sources"]["2"]["title"] = "Fixture news_article 100%"
    s.write_text(json.dumps(d))
    for typed in ("Fixture news", "news_article", "100%", "s2.t", "s1"):
        code, out, err = run_in("timeline", "-s", typed, "--db", str(s), environ=own_env(tmp_path))
        assert code in (0, 1) and "error" not in err, (typed, err)


# -- a store replaced by another program while ingest worked -------------------------------

def _replace_during_ingest(monkeypatch, s: Path, how: str) -> bytes:
    """While ingest holds the lock and has read the store, another program (one that does
    not take kb's lock: an editor, ``cp``, a sync tool) puts another store in its place."""
    from kb.ingest import pipeline

    d = json.loads(s.read_text())
    d["sources"]["2"]["title"] = "Replaced by another program"
    other = json.dumps(d).encode()
    apply = pipeline._Run.apply

    def apply_after_replacing(self, edit):
        if how == "rename":
            tmp = s.with_name("other.json")
            tmp.write_bytes(other)
            os.replace(tmp, s)
        else:  # rewritten in place, same inode
            with open(s, "r+b") as fh:
                fh.write(other)
                fh.truncate()
        return apply(self, edit)

    monkeypatch.setattr(pipeline._Run, "apply", apply_after_replacing)
    return other


@pytest.mark.parametrize("how,indexed", [("rename", False), ("in place", True)])
def test_store_replaced_during_ingest_is_not_clobbered(tmp_path, monkeypatch, how, indexed):
    s = mini_store(tmp_path)
    note = tmp_path / "note.md"
    note.write_text(NOTE)
    if indexed:
        assert run_in("search", "protests", "--db", str(s), environ=own_env(tmp_path))[0] == 0
    other = _replace_during_ingest(monkeypatch, s, how)
    code, out, err = run_in("ingest", "-q", str(note), "--db", str(s), environ=own_env(tmp_path))
    one_line(code, err)
    assert "changed" in err and str(s) in err
    assert s.read_bytes() == other
    assert sorted(os.listdir(s.parent)) == ["kb.json", "kb.json.lock"] or sorted(os.listdir(s.parent)) == ["kb.json"]
    monkeypatch.undo()
    code, out, err = run_in("ingest", "-q", str(note), "--db", str(s), environ=own_env(tmp_path))
    assert code == 0, err
    assert "Replaced by another program" in s.read_text() and "Zorvanic" in s.read_text()


# -- export -f sqlite onto a full disk -----------------------------------------------------

def test_sqlite_export_onto_a_full_disk_names_the_file_not_the_index(tmp_path, monkeypatch):
    """SQLite says "database or disk is full" of the file being written; that was taken for
    a damaged index: the index was rebuilt for nothing, then blamed."""
    import sqlite3

    from kb.export import sqlite as sqlite_export

    s = mini_store(tmp_path)
    assert run_in("search", "protests", "--db", str(s), environ=own_env(tmp_path))[0] == 0
    index = next(Path(os.environ["KB_CACHE_DIR"]).glob("index-*.sqlite"))
    built = index.stat()
    connect = sqlite3.connect

    def small_disk(path, *a, **k):  # a database that may not grow past two pages: SQLITE_FULL
        con = connect(path, *a, **k)
        con.execute("PRAGMA max_page_count=2")
        return con

    monkeypatch.setattr(sqlite_export.sqlite3, "connect", small_disk)
    out = tmp_path / "out.db"
    code, _out, err = run_in("export", "-f", "sqlite", "-o", str(out), "--db", str(s), environ=own_env(tmp_path))
    one_line(code, err)
    assert str(out) in err and "full" in err and "index" not in err
    assert not out.exists() and [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    now = index.stat()
    assert (now.st_ino, now.st_mtime_ns) == (built.st_ino, built.st_mtime_ns)  # not rebuilt


# -- a value that names nothing is echoed escaped once ------------------------------------

@pytest.mark.parametrize("argv", [["entities", "-T", "\x1b[2J"], ["search", "x", "-k", "\x1b[2J"],
                                  ["timeline", "-t", "\x1b[2J"], ["show", "\x1b[2J"]])
def test_a_value_that_names_nothing_is_echoed_escaped_once(tmp_path, argv):
    s = mini_store(tmp_path)
    code, out, err = run_in(*argv, "--db", str(s), environ=own_env(tmp_path))
    assert code in (1, 2) and len(err.splitlines()) == 1
    assert "'\\x1b[2J'" in err and "\\\\x1b" not in err and "\x1b" not in err, err


# -- dates (h4/h5's): reported, not fixed here ---------------------------------------------

def test_an_edtf_decade_is_read_as_one_not_hinted_as_the_year_198(tmp_path):
    s = mini_store(tmp_path)
    code, out, err = run_in("timeline", "198X", "--db", str(s), environ=own_env(tmp_path))
    assert code in (0, 1) and "0198" not in err, err
    code, out, err = run_in("timeline", "198Y", "--db", str(s), environ=own_env(tmp_path))
    assert code == 2 and "0198" not in err, err


@pytest.mark.parametrize("edtf", ["197X", "1976-23", "1975~"])
def test_timeline_reads_the_edtf_kb_writes(tmp_path, edtf):
    s = mini_store(tmp_path)
    code, out, err = run_in("timeline", edtf, "--db", str(s), environ=own_env(tmp_path))
    assert code in (0, 1), err


# -- many filters: SQLite's limit on one expression is not index damage ---------------------

def _many_tags(tmp_path: Path, n: int) -> Path:
    s = mini_store(tmp_path)
    d = json.loads(s.read_text())
    d["events"]["1"]["tags"] = [f"t{i:04d}" for i in range(n)]
    s.write_text(json.dumps(d))
    return s


def test_a_repeated_filter_counts_once(tmp_path):
    s = mini_store(tmp_path)
    code, out, err = run_in("timeline", *["-s", "s2"] * 1500, "--db", str(s), environ=own_env(tmp_path))
    assert code == 0 and "2019-11-protests" in out and err == "", err


def test_too_many_different_filters_is_bad_input(tmp_path):
    s = _many_tags(tmp_path, 260)
    argv = [a for i in range(260) for a in ("-t", f"t{i:04d}")]
    code, out, err = run_in("timeline", *argv, "--db", str(s), environ=own_env(tmp_path))
    one_line(code, err)
    assert "200" in err and "filters" in err


def test_a_query_sqlite_finds_too_large_is_not_taken_for_a_damaged_index(tmp_path, monkeypatch):
    """Past the filters' cap (lifted here), SQLite refuses the expression ("Expression tree is
    too large"): that was read as a damaged index, rebuilt for nothing, then blamed."""
    from kb.query import kb as kbmod

    s = _many_tags(tmp_path, 1100)
    assert run_in("timeline", "--db", str(s), environ=own_env(tmp_path))[0] == 0
    index = next(Path(os.environ["KB_CACHE_DIR"]).glob("index-*.sqlite"))
    ino = index.stat().st_ino
    monkeypatch.setattr(kbmod, "MAX_FILTERS", 10_000)
    argv = [a for i in range(1100) for a in ("-t", f"t{i:04d}")]
    code, out, err = run_in("timeline", *argv, "--db", str(s), environ=own_env(tmp_path))
    one_line(code, err)
    assert "too large" in err and "index" not in err
    assert index.stat().st_ino == ino  # not rebuilt


def test_an_empty_mapping_name_names_its_option(tmp_path):
    s = mini_store(tmp_path)
    code, out, err = run_in("export", "-f", "bulk", "-o", str(tmp_path / "b.ndjson"), "--mapping", " ",
                            "--db", str(s), environ=own_env(tmp_path))
    one_line(code, err)
    assert "--mapping needs a file name" in err


# -- a number JSON has no form for, in a table or field kb does not know -------------------

@pytest.mark.parametrize("extra", ['"x": 1e999', '"x": {"1": {"a": -1e999}}'])
def test_ingest_never_writes_infinity_into_a_store(tmp_path, extra):
    """1e999 is valid JSON that Python reads as infinity; a table kb does not know is kept as
    read, and was written back as ``Infinity``, which no JSON reader but Python's takes."""
    s = mini_store(tmp_path)
    raw = s.read_text().rstrip()
    assert raw.endswith("}")
    s.write_text(raw[:-1].rstrip() + ", " + extra + "}\n")
    before = s.read_bytes()
    note = tmp_path / "note.md"
    note.write_text(NOTE)
    code, out, err = run_in("ingest", "-q", str(note), "--db", str(s), environ=own_env(tmp_path))
    one_line(code, err)
    assert "finite" in err or "infinity" in err.lower(), err
    assert s.read_bytes() == before


@pytest.mark.parametrize("suffix", ["/", "/.", "/.."])
@pytest.mark.parametrize("option", ["-o", "--mapping"])
def test_export_to_a_name_ending_in_a_folder_part_is_refused(tmp_path, suffix, option):
    """pathlib drops a final '/' or '.': ``-o new/`` wrote a file named ``new``."""
    s = mini_store(tmp_path)
    argv = ["-f", "bulk", "-o", str(tmp_path / "b.ndjson")] if option == "--mapping" else []
    code, out, err = run_in("export", *argv, option, str(tmp_path / "new") + suffix, "--db", str(s),
                            environ=own_env(tmp_path))
    one_line(code, err)
    assert "names a folder" in err and not (tmp_path / "new").exists() and not (tmp_path / "b.ndjson").exists()
