"""Hostile input found by the adversarial battery's second pass (issue 16).

* A claim's text fields (``counts``, ``qualifier``, ``unit``, ...) that are not
  strings, and amounts JSON has no number for (NaN, Infinity, 1e400, which
  Python's reader takes), are faults of the record: reads and ingest refuse
  the store in one line naming it, and ingest writes nothing.
* ``--db ''`` names no file and ``--sort ''`` no field: bad input (exit 2).
* EDTF open intervals as one bound (``1988/..``, ``../1988``).
* A symbolic link where the index should be is never followed: an index
  build replaces the file it names, and through a link to the store it would
  replace the store with a SQLite file.
* ``XDG_DATA_HOME`` and ``HOME`` count only when absolute paths.
* A named pipe given to ingest is read once something comes through it, and
  given up (exit 2) when nothing does within ``reader.PIPE_WAIT`` seconds.

Every store is built here, in tmp_path, from the shipped knowledge base.
"""

from __future__ import annotations

import io
import json
import os

import pytest

from kb.cli.app import main
from kb.cli.environment import Environment
from kb.store.paths import shipped_path, user_path

EVENT = "1981-06-crackdown-on-mek"


def _env() -> Environment:
    return Environment(stdin=io.StringIO(), stdout=io.StringIO(), stderr=io.StringIO(), environ={})


def _run(*argv: str) -> tuple[int, str, str]:
    env = _env()
    code = main(list(argv), env)
    return code, env.stdout.getvalue(), env.stderr.getvalue()


def _store(tmp_path, key=None, value=None, raw: bytes | None = None):
    doc = json.loads(shipped_path().read_bytes())
    if key is not None:
        ev = next(e for e in doc["events"].values() if e["id"] == EVENT)
        ev["claims"][0][key] = 123456789 if raw else value
    data = json.dumps(doc, indent=1).encode()
    if raw:
        data = data.replace(b"123456789", raw, 1)
    p = tmp_path / "kb.json"
    p.write_bytes(data)
    return p


@pytest.mark.parametrize("key,value,raw", [
    ("counts", 5, None), ("low", "many", None), ("amount", None, b"1e400"), ("high", None, b"-Infinity"),
])
def test_bad_claim_fields_are_refused_by_reads_and_ingest(tmp_path, key, value, raw):
    s = _store(tmp_path, key, value, raw)
    before = s.read_bytes()
    note = tmp_path / "note.md"
    note.write_text("On June 20, 1981, a march took place in Tehran.\n")
    for argv in (["claims"], ["ingest", str(note)]):
        code, _out, err = _run(*argv, "--db", str(s))
        assert code == 2, (argv, err)
        lines = err.strip().splitlines()
        assert EVENT in lines[0] and f"a claim's {key}" in lines[0], err
        assert "Traceback" not in err
    assert s.read_bytes() == before


def test_non_finite_amount_is_named_as_json_writes_it(tmp_path):
    s = _store(tmp_path, "amount", raw=b"NaN")
    _code, _out, err = _run("timeline", "1988", "--db", str(s))
    assert "a claim's amount is NaN, not a finite number" in err


def test_empty_db_and_sort_are_bad_input(tmp_path):
    s = _store(tmp_path)
    code, _out, err = _run("timeline", "1988", "--db", "")
    assert code == 2 and "--db" in err
    code, _out, err = _run("timeline", "1988", "--sort", " ", "--db", str(s))
    assert code == 2 and "--sort" in err


@pytest.mark.parametrize("bound,first,last", [
    ("1988/..", "1988-", None), ("../1988", None, "1988-"),
])
def test_edtf_open_intervals(tmp_path, bound, first, last):
    s = _store(tmp_path)
    code, out, err = _run("timeline", bound, "-f", "json", "--db", str(s))
    assert code == 0, err
    events = json.loads(out)
    if first:
        assert all(e["end"] >= first for e in events) and any(e["start"] > "2000" for e in events)
    if last:
        assert all(e["start"] < "1989" for e in events) and any(e["start"] < "1970" for e in events)


def test_more_than_two_bounds_in_one_argument(tmp_path):
    s = _store(tmp_path)
    code, _out, err = _run("timeline", "1988/1989/1990", "--db", str(s))
    assert code == 2 and "more than two bounds" in err


def test_index_path_linked_to_the_store_is_not_followed(tmp_path):
    from kb.index.freshness import index_path

    s = _store(tmp_path)
    before = s.read_bytes()
    idx = index_path(s)
    idx.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(s, idx)
    code, out, _err = _run("timeline", "1988", "--db", str(s))
    assert code == 0 and "1988-massacre" in out
    note = tmp_path / "note.md"
    note.write_text("On June 20, 1981, the Zorvanic committee met in Tehran.\n")
    assert _run("ingest", str(note), "--db", str(s))[0] == 0
    assert b"Zorvanic" in s.read_bytes() and s.read_bytes().startswith(b"{")
    assert os.path.islink(idx) and before != s.read_bytes()


def test_relative_xdg_data_home_and_empty_home_are_ignored(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", "relative/data")
    assert user_path() == tmp_path / ".local" / "share" / "kb" / "kb.json"
    monkeypatch.setenv("HOME", "")
    assert user_path().is_absolute()


def test_a_named_pipe_nobody_writes_to_is_given_up(tmp_path, monkeypatch):
    from kb.ingest import reader

    monkeypatch.setattr(reader, "PIPE_WAIT", 0.05)
    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    s = tmp_path / "new.json"
    code, _out, err = _run("ingest", str(fifo), "--db", str(s))
    assert code == 2 and "nothing came through the pipe" in err
    assert not s.exists()


def test_a_named_pipe_with_a_writer_is_read(tmp_path):
    import threading

    fifo = tmp_path / "in.fifo"
    os.mkfifo(fifo)
    text = b"On June 20, 1981, the Zorvanic committee met in Tehran.\n"

    def write():
        with open(fifo, "wb") as fh:  # blocks until kb opens the pipe
            fh.write(text)
    t = threading.Thread(target=write, daemon=True)
    t.start()
    s = tmp_path / "new.json"
    code, _out, err = _run("ingest", str(fifo), "--db", str(s))
    t.join(5)
    assert code == 0, err
    assert b"Zorvanic" in s.read_bytes()
