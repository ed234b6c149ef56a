"""Finding records by bisecting a store file (kb.store.locate) agrees with scanning it.

Every record of a store written in kb's layout is found where a scan finds it,
and every number that is not there is placed where a scan would place it,
whether the search bisects (a threshold of one byte) or walks; a description
moved past a write's edits is the description of the file written.
"""

import json
import os

import pytest

from kb.store import locate
from kb.store.reader import scan
from kb.store.storage import write_json


def _data(n: int) -> dict:
    words = "strike harbor council march ferry".split()
    events = {str(i): {"id": f"e{i}", "title": f"Event {i}", "summary": " ".join(words[: i % 5 + 1]) * (i % 7 + 1),
                       "date": {"start": "1990-01-01", "end": "1990-01-02", "precision": "day", "edtf": "1990-01-01"}}
              for i in range(1, n + 1)}
    entities = {str(i): {"id": f"x{i}", "name": f"Name {i}", "aliases": [f"N{i}"] * (i % 3)} for i in range(1, n // 3)}
    return {"entities": entities, "events": events, "sources": {}}


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "s.json"
    write_json(path, _data(400))
    return path


@pytest.mark.parametrize("small", [1, locate._SMALL])
def test_every_record_is_found_where_a_scan_finds_it(store, monkeypatch, small):
    monkeypatch.setattr(locate, "_SMALL", small)
    raw = store.read_bytes()
    layout = scan(raw)
    described = locate.describe(layout)
    assert described
    scanned = locate.Scanned(layout)
    fd = os.open(store, os.O_RDONLY)
    try:
        found = locate.Located(fd, described)
        assert found.names() == scanned.names() == ["entities", "events", "sources"]
        for name, _s, _e, records in layout.members:
            assert found.bounds(name) == scanned.bounds(name)
            assert found.empty(name) == scanned.empty(name) == (not records)
            for key, *_r in records:
                assert found.find(name, key) == scanned.find(name, key), (name, key)
                rec = found.record(name, key)
                assert rec == json.loads(raw[found.find(name, key)[1]:found.find(name, key)[2]])
            if records:
                assert found.last_end(name) == scanned.last_end(name)
                for key in ("0", "1000", "2", "25", "3999", "99", "9999"):  # there or not
                    assert found.seek(name, key) == scanned.seek(name, key), (name, key)
        with pytest.raises(locate.Mismatch):
            found.find("events", "401")
    finally:
        os.close(fd)


def test_a_description_that_is_not_the_file_is_refused(store):
    layout = scan(store.read_bytes())
    got = json.loads(locate.describe(layout))
    got["members"][1][1] += 1
    fd = os.open(store, os.O_RDONLY)
    try:
        with pytest.raises(locate.Mismatch):
            locate.Located(fd, json.dumps(got))
        with pytest.raises(locate.Mismatch):
            locate.Located(fd, "not json")
    finally:
        os.close(fd)


def test_unsorted_numbers_get_no_description(tmp_path):
    path = tmp_path / "s.json"
    path.write_text('{\n "events": {\n  "2": {\n   "id": "b"\n  },\n  "10": {\n   "id": "a"\n  }\n }\n}\n')
    layout = scan(path.read_bytes())
    assert layout is not None and locate.describe(layout) == ""


def test_a_description_moved_past_a_write_is_the_written_files(tmp_path):
    """Records replaced, added between others, after the last, and into an empty table."""
    from kb.store import writer

    store = tmp_path / "s.json"
    write_json(store, _data(120))
    data = json.loads(store.read_text(encoding="utf-8"))
    read = writer._Read(store, store, whole=False)
    try:
        edit = writer.Edit(store, store, read)
        edit.read({})
        edit.replace("events", "7", {**data["events"]["7"], "title": "A much longer title " * 5})
        edit.replace("entities", "3", {**data["entities"]["3"], "aliases": []})
        for i in range(3):
            edit.add("events", {**data["events"]["1"], "id": f"new{i}"})  # 121.. sort among 12x
        edit.add("sources", {"id": "s1", "title": "A source", "text": "Words."})
        assert edit.write(store)
    finally:
        read.close()
    assert edit.layout == locate.describe(scan(store.read_bytes()))
    assert json.loads(store.read_text(encoding="utf-8"))["events"]["123"]["id"] == "new2"


@pytest.mark.parametrize("kernel", [True, False])
def test_a_span_of_the_old_file_is_copied_whole(tmp_path, monkeypatch, kernel):
    """The spans a located write copies: by copy_file_range, or read where that cannot work."""
    from kb.store import atomic

    if not kernel:
        def refuse(*_a):
            raise OSError(18, "Invalid cross-device link")
        monkeypatch.setattr(os, "copy_file_range", refuse, raising=False)
    src, dst = tmp_path / "a", tmp_path / "b"
    data = bytes(range(256)) * 40000  # 10 MB, more than one read
    src.write_bytes(data)
    s, d = os.open(src, os.O_RDONLY), os.open(dst, os.O_WRONLY | os.O_CREAT)
    try:
        atomic.write_all(d, b"head")
        atomic.copy_range(s, d, 7, len(data) - 5)
        atomic.write_all(d, b"tail")
        assert atomic.sha1_of(s) == __import__("hashlib").sha1(data).hexdigest()
    finally:
        os.close(s)
        os.close(d)
    assert dst.read_bytes() == b"head" + data[7:-5] + b"tail"
