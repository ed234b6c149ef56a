"""Hostile stores (issue 16): a foreign rewrite just after kb's write, and a number JSON cannot hold.

* A program that does not take kb's lock rewrites the store in place, at the
  same size, after kb's ``os.replace`` and before the index update records
  the store's signature: the index recorded the foreign write's times with
  kb's content and stayed stale until the store changed again.  Now the
  update records the status of the file kb wrote, taken right after the
  replace, and gives up when the store is no longer that file: the next
  command rebuilds the index.
* ``1e999`` (read as infinity), ``NaN`` or ``Infinity`` in a field kb never
  reads: with an index, ingest copied the record and exited 0; without one it
  refused at the write with a line naming no record and left its lock file.
  Now the store's reader refuses such a record wherever it is: one line naming
  it, exit 2, nothing written, no lock file made.
"""

from __future__ import annotations

import os

import pytest

from conftest import ROOT, mini_store, own_env, run_in

_TITLE, _FOREIGN = b'"title": "Prison executions"', b'"title": "Zzzzzz executions"'


def _doc(tmp_path):
    doc = tmp_path / "d.md"
    doc.write_text("# Note\n\nOn 3 May 2001 the MEK held a rally in Paris.\n", encoding="utf-8")
    return doc


def _rewrite_in_place(store):
    """What an editor that writes in place does: same file, same size, other bytes."""
    data = store.read_bytes()
    assert data.count(_TITLE) == 1
    with open(store, "r+b") as fh:
        fh.write(data.replace(_TITLE, _FOREIGN))


def _replace_by_another(store, replace):
    """What an editor that saves by renaming does: another file, same size, other bytes."""
    data = store.read_bytes()
    assert data.count(_TITLE) == 1
    other = store.with_name("other.json")
    other.write_bytes(data.replace(_TITLE, _FOREIGN))
    replace(other, store)


@pytest.mark.parametrize("where", ["after the tick", "after the replace"])
def test_a_foreign_rewrite_after_the_write_leaves_no_stale_index(tmp_path, monkeypatch, where):
    from kb.store import atomic

    store, env = mini_store(tmp_path), own_env(tmp_path)
    assert run_in("search", "executions", "--db", str(store), environ=env)[0] == 0  # the index, fresh
    armed = [True]  # the foreign write happens once, just after kb's write

    def foreign(how=_rewrite_in_place, *args):
        if armed.pop() if armed else False:
            how(store, *args)

    if where == "after the tick":  # the writer waits for the clock, then the update took the signature
        real = atomic.past_tick

        def past_tick(target, probe, limit=0.05):
            got = real(target, probe, limit)
            foreign()
            return got

        monkeypatch.setattr(atomic, "past_tick", past_tick)
    else:  # right after kb's os.replace, another program replaces the store
        real_replace = os.replace

        def replace(src, dst, *a, **k):
            real_replace(src, dst, *a, **k)
            if os.fspath(dst) == os.fspath(atomic.resolve(store)):
                foreign(_replace_by_another, real_replace)

        monkeypatch.setattr(atomic.os, "replace", replace)
    code, _out, err = run_in("ingest", "-q", str(_doc(tmp_path)), "--db", str(store), environ=env)
    assert not armed
    assert code == 0, err
    assert _FOREIGN in store.read_bytes()
    code, out, err = run_in("search", "Zzzzzz", "--db", str(store), environ=env)
    assert code == 0 and "1988-executions" in out, (code, out, err)
    code, out, _err = run_in("search", "Prison", "--db", str(store), environ=env)
    assert "Prison executions" not in out


# -- a number JSON cannot hold, in a field kb never reads -------------------------------------
_ID = b'"id": "1988-executions",'


def _hostile(store, token: str, layout: str = "kb") -> bytes:
    """Give one event an unknown field ``zzz`` holding ``token``; the store's bytes after."""
    data = store.read_bytes()
    assert data.count(_ID) == 1
    if layout == "compact":  # another program's layout: read by the exact reader from the start
        import json

        data = json.dumps(json.loads(data), separators=(",", ":")).encode()
        data = data.replace(_ID.replace(b" ", b""), b'"zzz":' + token.encode() + b"," + _ID.replace(b" ", b""))
    else:
        data = data.replace(_ID, b'"zzz": ' + token.encode() + b", " + _ID)
    store.write_bytes(data)
    return data


def _refused_naming_the_record(code, out, err, token):
    assert code == 2 and out == "", (code, out, err)
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert "1988-executions" in err and "events record" in err and token[:24] in err, err


@pytest.mark.parametrize("token,layout", [("1e999", "kb"), ("-1e400", "kb"), ("NaN", "kb"),
                                          ("Infinity", "kb"), ("1e999", "compact")])
def test_a_number_json_cannot_hold_in_an_unknown_field_without_an_index(tmp_path, token, layout):
    store, env = mini_store(tmp_path), own_env(tmp_path)
    data = _hostile(store, token, layout)
    before = sorted(os.listdir(store.parent))
    code, out, err = run_in("ingest", "-q", str(_doc(tmp_path)), "--db", str(store), environ=env)
    _refused_naming_the_record(code, out, err, token)
    for argv in (["search", "executions"], ["timeline", "1988"], ["show", "1988-executions", "-f", "json"]):
        _refused_naming_the_record(*run_in(*argv, "--db", str(store), environ=env), token)
    assert store.read_bytes() == data and sorted(os.listdir(store.parent)) == before  # no lock, no temp file


def test_a_number_json_cannot_hold_in_an_unknown_field_with_an_index(tmp_path):
    # the index was built from the store before another program put 1e999 in it
    store, env = mini_store(tmp_path), own_env(tmp_path)
    assert run_in("search", "executions", "--db", str(store), environ=env)[0] == 0
    data = _hostile(store, "1e999")
    before = sorted(os.listdir(store.parent))
    code, out, err = run_in("ingest", "-q", str(_doc(tmp_path)), "--db", str(store), environ=env)
    _refused_naming_the_record(code, out, err, "1e999")
    for argv in (["search", "executions"], ["timeline", "1988"], ["show", "1988-executions", "-f", "json"]):
        _refused_naming_the_record(*run_in(*argv, "--db", str(store), environ=env), "1e999")
    assert store.read_bytes() == data and sorted(os.listdir(store.parent)) == before


@pytest.mark.parametrize("token", ["1e999", "-1e400", "NaN", "-Infinity", "1" + "0" * 20 + "e300"])
def test_both_readers_refuse_a_number_json_cannot_hold_naming_where(tmp_path, token):
    # the fast reader (orjson refuses it, the exact reader takes over) and the exact reader alone
    from kb.errors import StoreError
    from kb.store.reader import load

    for layout in ("kb", "compact"):
        store = tmp_path / f"{layout}.json"
        store.write_bytes((ROOT / "tests" / "fixtures" / "mini.json").read_bytes())
        _hostile(store, token, layout)
        with pytest.raises(StoreError) as got:
            load(store)
        assert "events record" in str(got.value) and "(id '1988-executions'): field zzz holds " + token[:24] in str(
            got.value), str(got.value)
