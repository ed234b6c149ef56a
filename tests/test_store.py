"""The store: read-only shipped data, atomic writes, stable layout, a fresh index."""

import json
import os

import pytest

from kb.errors import StoreError
from kb.store.storage import AtomicJSONStorage, ReadOnlyError, write_json
from kb.store import default_path, load, shipped_path, user_path, writing

from conftest import MINI


def test_default_is_the_shipped_store_until_a_user_store_exists(isolated):
    assert default_path() == shipped_path()
    user_path().parent.mkdir(parents=True)
    user_path().write_text("{}")
    assert default_path() == user_path()


def test_shipped_store_is_never_written():
    before = shipped_path().read_bytes()
    with pytest.raises(StoreError):
        with writing(shipped_path()) as db:
            db.table("events").insert({"id": "x"})
    assert shipped_path().read_bytes() == before


def test_read_only_storage_refuses_writes(tmp_path):
    p = tmp_path / "s.json"
    p.write_text("{}")
    with pytest.raises(ReadOnlyError):
        AtomicJSONStorage(str(p), read_only=True).write({"a": {}})


def test_atomic_write_leaves_old_file_when_interrupted(tmp_path, monkeypatch):
    p = tmp_path / "s.json"
    write_json(str(p), {"events": {"1": {"id": "a"}}})
    before = p.read_bytes()

    def boom(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        write_json(str(p), {"events": {}})
    assert p.read_bytes() == before
    assert [f.name for f in tmp_path.iterdir()] == ["s.json"], "no temporary file left behind"


def test_layout_is_pretty_and_sorted(tmp_path):
    p = tmp_path / "s.json"
    write_json(str(p), {"b": {"2": {"z": 1, "a": 2}}, "a": {}})
    text = p.read_text()
    assert text.index('"a"') < text.index('"b"') and "\n" in text


def test_shipped_file_is_already_in_the_stable_layout(tmp_path):
    p = tmp_path / "copy.json"
    write_json(str(p), json.loads(shipped_path().read_text(encoding="utf-8")))
    assert p.read_bytes() == shipped_path().read_bytes()


def test_writing_a_new_db_path_starts_empty_and_user_store_is_seeded(tmp_path, isolated):
    p = tmp_path / "new.json"
    with writing(p) as db:
        db.table("sources").insert({"id": "x", "title": "t"})
    assert [s["id"] for s in load(p)["sources"]] == ["x"]
    with writing(user_path()) as db:
        db.table("sources").insert({"id": "mine", "title": "t"})
    ids = [s["id"] for s in load(user_path())["sources"]]
    assert "000" in ids and "mine" in ids


def test_failed_write_block_changes_nothing(tmp_path):
    p = tmp_path / "s.json"
    write_json(str(p), {"sources": {"1": {"id": "a"}}})
    before = p.read_bytes()
    with pytest.raises(RuntimeError):
        with writing(p) as db:
            db.table("sources").insert({"id": "b"})
            raise RuntimeError("stop")
    assert p.read_bytes() == before


def test_index_follows_the_store(tmp_path, run):
    p = tmp_path / "s.json"
    data = json.loads(MINI.read_text())
    write_json(str(p), data)
    assert run("show", "1976-split", "--db", str(p)).code == 0
    data["events"]["3"]["title"] = "Renamed split"
    write_json(str(p), data)
    assert "Renamed split" in run("show", "1976-split", "--db", str(p)).out
