"""A write that splices its records into the old bytes (:meth:`kb.store.writer.Edit.write`)
writes them a few megabytes at a time: whatever the size of a run of pieces, the file is the
one a whole rewrite of the same records gives."""

from __future__ import annotations

import json

import pytest

from kb.store import writer
from kb.store.storage import encode, write_json


_DATE = {"start": "2001-01-01", "end": "2001-01-01", "precision": "day", "edtf": "2001-01-01",
         "text": "1 January 2001"}


def _data(n: int) -> dict:
    return {"entities": {str(i): {"id": f"e{i}", "name": f"Name {i}", "aliases": []} for i in range(1, n + 1)},
            "events": {str(i): {"id": f"ev{i}", "title": f"Event {i} " * (i % 7),
                                "date": _DATE} for i in range(1, n + 1)},
            "sources": {"1": {"id": "s0", "title": "A source", "text": "Words. " * 50}}}


@pytest.mark.parametrize("chunk", [1, 300, 1 << 22])
def test_a_spliced_write_is_a_whole_rewrite_whatever_the_chunk(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(writer, "_CHUNK", chunk)
    store = tmp_path / "s.json"
    data = _data(60)
    write_json(store, data)
    read = writer._Read(store, store, whole=False)
    try:
        edit = writer.Edit(store, store, read)
        edit.read({})
        assert edit.tables.layout is not None  # spliced, not rewritten whole
        for key in ("3", "30", "59"):
            data["events"][key] = {**data["events"][key], "title": "Changed " * 40}
            edit.replace("events", key, data["events"][key])
        data["entities"]["8"] = {**data["entities"]["8"], "aliases": ["Another"]}
        edit.replace("entities", "8", data["entities"]["8"])
        for n in (61, 62):
            rec = {"id": f"ev{n}", "title": "New", "date": _DATE}
            assert edit.add("events", rec) == str(n)
            data["events"][str(n)] = rec
        data["sources"]["2"] = {"id": "s1", "title": "Another", "text": "More words."}
        edit.add("sources", data["sources"]["2"])
        assert edit.write(store)
    finally:
        read.close()
    assert store.read_bytes() == encode(data)
    assert json.loads(store.read_text(encoding="utf-8")) == data
