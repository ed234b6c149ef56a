"""A located table read record after record (kb.store.locate): its record lines found in one
pass once the bisections have cost about that pass, or when a caller says it reads many.

The answers (find, seek, record) are the bisection's and the scan's for every number, there
or not; a few reads stay on the bisection; a file that is not as described is refused the same.
"""

import json
import os

import pytest

from kb.store import locate
from kb.store.reader import scan
from kb.store.storage import write_json


def _data(n: int) -> dict:
    words = "quay ledger tram vote kiln".split()
    events = {str(i): {"id": f"e{i}", "title": f"Event {i}", "summary": " ".join(words[: i % 5 + 1]) * (i % 4 + 1),
                       "date": {"start": "1991-03-01", "end": "1991-03-02", "precision": "day", "edtf": "1991-03-01"}}
              for i in range(1, n + 1)}
    entities = {str(i): {"id": f"x{i}", "name": f"Name {i}"} for i in range(1, n // 4)}
    return {"entities": entities, "events": events, "sources": {"1": {"id": "s1"}}}


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "s.json"
    write_json(path, _data(300))
    return path


def _located(path):
    fd = os.open(path, os.O_RDONLY)
    return fd, locate.Located(fd, locate.describe(scan(path.read_bytes())))


ABSENT = ("0", "00", "1000", "2", "25", "299", "3", "301", "99", "9999")


def _answers(found, layout) -> list:
    out = []
    for name, _s, _e, records in layout.members:
        for key, *_r in records:
            out.append((found.find(name, key), found.record(name, key, exact=False), found.record(name, key)))
        out.extend(found.seek(name, key) for key in ABSENT)
        with pytest.raises(locate.Mismatch):
            found.find(name, "301")
    return out


def test_the_directory_answers_as_the_bisection_and_the_scan(store, monkeypatch):
    layout = scan(store.read_bytes())
    scanned = locate.Scanned(layout)
    monkeypatch.setattr(locate, "_PASS", 1 << 40)  # a table's record lines found at its first read
    fd, found = _located(store)
    try:
        listed = _answers(found, layout)
        assert set(found._dirs) == {"entities", "events", "sources"}
    finally:
        os.close(fd)
    monkeypatch.setattr(locate, "_PASS", 0)  # never: every read bisects
    fd, bisected = _located(store)
    try:
        assert _answers(bisected, layout) == listed
        assert not bisected._dirs
    finally:
        os.close(fd)
    for name, _s, _e, records in layout.members:
        for key, *_r in records:
            assert scanned.find(name, key) == found.find(name, key)
        for key in ABSENT:
            assert scanned.seek(name, key) == found.seek(name, key)


def test_a_few_reads_bisect_and_many_find_the_lines_once(store):
    fd, found = _located(store)
    try:
        start, stop = found.bounds("events")
        few = -(-(stop - start) // locate._PASS)  # reads that cost about one pass
        assert few > 2
        for key in map(str, range(1, few)):
            found.record("events", key)
        assert "events" not in found._dirs
        found.record("events", str(few))
        assert "events" in found._dirs
        assert "entities" not in found._dirs
        found.many("entities")  # said ahead
        assert "entities" in found._dirs and found.record("entities", "7")["id"] == "x7"
    finally:
        os.close(fd)


@pytest.mark.parametrize("bad", ["stray", "order"])
def test_a_table_not_as_described_is_refused_when_its_lines_are_found(store, bad):
    raw = store.read_bytes()
    if bad == "stray":  # a line two levels in that is no record's: a number with a letter
        raw = raw.replace(b'\n  "150": {', b'\n  "15x": {')
    else:  # two numbers swapped: the order the description promises is broken
        raw = raw.replace(b'\n  "150": {', b'\n  "TMP": {').replace(b'\n  "151": {', b'\n  "150": {')
        raw = raw.replace(b'\n  "TMP": {', b'\n  "151": {')
    described = locate.describe(scan(store.read_bytes()))  # the file as it was
    store.write_bytes(raw)
    fd = os.open(store, os.O_RDONLY)
    try:
        found = locate.Located(fd, described)
        with pytest.raises(locate.Mismatch):
            found.many("events")
        assert found.record("entities", "3")["id"] == "x3"  # another table is read as before
    finally:
        os.close(fd)


def test_an_empty_table_is_found_empty(tmp_path):
    path = tmp_path / "s.json"
    write_json(path, {"entities": {}, "events": {"1": {"id": "a"}}, "sources": {}})
    fd, found = _located(path)
    try:
        found.many("entities")
        found.many("events")
        assert found.seek("entities", "1") is None
        assert found.record("events", "1") == {"id": "a"}
        assert json.loads(path.read_bytes())["events"]["1"] == {"id": "a"}
    finally:
        os.close(fd)
