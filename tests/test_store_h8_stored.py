"""The records a write hands the index update are read back from the bytes it wrote.

:meth:`kb.store.edit.Edit.stored` decodes each record added or replaced from
the bytes :meth:`~kb.store.edit.Edit.write` put in the file
(:func:`kb.store.decoding.decode_record`), instead of the update encoding and
decoding each again (:func:`kb.index.update._as_stored`).  Both must give the
same record, keys in the same order: floats, integers past 64 bits, text
outside ASCII, nested claims.
"""

import json

from kb.index.update import _as_stored
from kb.store.decoding import decode_record
from kb.store.storage import encode_record

RECORDS = [
    {"id": "e1", "title": "Ünïcode — “quoted”\u2028 and a tab\t", "date": {"start": "1979-02-11", "end": "1979-02-11"},
     "claims": [{"amount": 1e16, "low": 0.1, "high": 2.5e-7, "value": "1e16"}, {"amount": -0.0}],
     "z": [], "a": {"b": {"c": [1, 2, {"d": None}]}}, "n": 12345678901234567890123, "m": 9007199254740993},
    {"id": "x", "text": "plain", "flag": True, "nothing": None, "list": ["b", "a"], "emoji": "\U0001F600"},
]


def test_decoded_bytes_are_the_records_as_stored():
    for rec in RECORDS:
        got, want = decode_record(encode_record(rec)), _as_stored(rec)
        assert got == want
        assert json.dumps(got) == json.dumps(want)  # the same keys in the same order
        assert type(got["id"]) is str


def test_long_integers_are_read_exactly():
    got = decode_record(encode_record(RECORDS[0]))
    assert got["n"] == 12345678901234567890123 and type(got["n"]) is int
    assert got["m"] == 9007199254740993


def _event(n, title):
    return {"id": f"ev-{n}", "title": title, "summary": "", "entities": [], "places": [], "tags": [],
            "date": {"start": "1979-02-11", "end": "1979-02-11", "precision": "day", "edtf": "1979-02-11"},
            "citations": [{"source": "s1", "section": ""}], "claims": []}


def test_a_record_written_again_as_it_was_is_left_out(tmp_path, monkeypatch):
    from kb.store.storage import write_json
    from kb.store.writer import editing

    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    store = tmp_path / "kb.json"
    write_json(store, {"sources": {}, "entities": {}, "events": {"1": _event(1, "One"), "2": _event(2, "Two")}})
    before = store.read_bytes()
    with editing(store, lambda edit: edit.read({})) as (edit, _none):
        edit.replace("events", "1", edit.exact("events", "1"))
        changed = edit.exact("events", "2")
        changed["title"] = "Two, again"
        edit.replace("events", "2", changed)
    assert list(edit.replaced["events"]) == ["2"]  # the other is neither written nor indexed again
    assert [r["id"] for r in edit.stored()["events"]] == ["ev-2"]
    after = json.loads(store.read_bytes())
    assert after["events"]["1"] == _event(1, "One") and after["events"]["2"]["title"] == "Two, again"
    assert store.read_bytes() == before.replace(b'"title": "Two"', b'"title": "Two, again"')
