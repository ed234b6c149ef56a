"""Exports carry stored text faithfully but never as raw terminal controls."""

import csv
import io
import json

from kb.store.storage import write_json

HOSTILE = "Bad\x1b]0;owned\x07 \x9b31m title \u202eevil"


def _store(path):
    ev = {"id": "e1", "title": HOSTILE, "summary": "x", "entities": [], "places": [], "tags": [],
          "claims": [], "citations": [{"source": "s1", "section": "A"}],
          "date": {"start": "1988-07-28", "end": "1988-07-28", "precision": "day", "edtf": "1988-07-28",
                   "text": "28 July 1988"}}
    write_json(str(path), {"events": {"1": ev}, "entities": {},
                           "sources": {"1": {"id": "s1", "title": HOSTILE, "file": "a.txt"}}})


def _raw_controls(text):
    return [c for c in text if (ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F
            or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069]


def test_jsonl_and_bulk_escape_controls_and_read_back_the_same(run, tmp_path):
    db = tmp_path / "s.json"
    _store(db)
    for fmt in ("jsonl", "bulk"):
        r = run("export", "-f", fmt, "--db", str(db))
        assert r.code == 0, r
        assert _raw_controls(r.out) == [], fmt
        titles = {json.loads(line).get("title") for line in r.out.splitlines()}
        assert HOSTILE in titles, fmt  # the same text for any JSON reader


def test_csv_shows_controls_as_escapes(run, tmp_path):
    db = tmp_path / "s.json"
    _store(db)
    r = run("export", "-f", "csv", "--db", str(db))
    assert r.code == 0, r
    assert _raw_controls(r.out) == []
    row = next(csv.DictReader(io.StringIO(r.out)))
    assert row["title"] == "Bad\\x1b]0;owned\\x07 \\x9b31m title \\u202eevil"
