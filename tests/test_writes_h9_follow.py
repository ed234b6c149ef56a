"""What a write of many records costs follows what it changes (issue 13), and the bytes and the
index stay what they were.

* :func:`kb.store.atomic.write_pieces` (a write splices thousands of records into the old
  bytes) writes exactly the pieces in order, long spans by the kernel, the rest gathered,
  whatever ``os.writev`` takes at a time;
* the index update reads the claims of the keys it touched through the index on the key,
  never a pass over every claim of the store (:func:`kb.index.update.claims_of`);
* an event written again with the days it had keeps the longest of its length class where
  it was (no class is looked at again), and one whose days move still leaves a full build's
  ``span_longest``.
"""

import copy
import json
import os
import sqlite3

from test_index_update import _by_id, _claim, _follow, _mini

from kb.index import update
from kb.store import atomic


def _pieces(tmp_path, size=5000):
    src = tmp_path / "src.bin"
    data = bytes(range(256)) * (size // 256 + 1)
    src.write_bytes(data)
    pieces = [b"head", (0, 10), b"", (10, 10), (100, 2100), bytearray(b"mid"), memoryview(b"view"),
              (2100, 2101), (3000, len(data)), b"tail"]
    want = b"".join(data[p[0]:p[1]] if isinstance(p, tuple) else bytes(p) for p in pieces)
    return src, data, pieces, want


def _write(tmp_path, pieces, src, view=None) -> bytes:
    out = tmp_path / "out.bin"
    fd_in = os.open(src, os.O_RDONLY)
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        atomic.write_pieces(fd, pieces, fd_in, view)
    finally:
        os.close(fd)
        os.close(fd_in)
    return out.read_bytes()


def test_write_pieces_writes_the_pieces_in_order(tmp_path, monkeypatch):
    src, data, pieces, want = _pieces(tmp_path)
    assert _write(tmp_path, pieces, src) == want
    assert _write(tmp_path, pieces, src, memoryview(data)) == want
    monkeypatch.setattr(atomic, "_KERNEL", 64)  # the long spans copied by the kernel
    assert _write(tmp_path, pieces, src) == want
    assert _write(tmp_path, pieces, src, memoryview(data)) == want


def test_write_pieces_goes_on_after_a_short_write(tmp_path, monkeypatch):
    src, data, pieces, want = _pieces(tmp_path)
    real = os.writev
    calls = []

    def short(fd, buffers):  # at most 7 bytes and two pieces a call, as a slow device may
        calls.append(len(buffers))
        return real(fd, [bytes(b"".join(bytes(b) for b in buffers[:2])[:7])])

    monkeypatch.setattr(os, "writev", short)
    monkeypatch.setattr(atomic, "_BATCH", 3)
    assert _write(tmp_path, pieces, src, memoryview(data)) == want
    assert calls and max(calls) <= 3


def test_the_claims_of_touched_keys_are_found_through_their_index(tmp_path):
    a = _mini()
    for i in range(40):
        _by_id(a, "events", "1971-arrests")["claims"].append(_claim(i + 1, subject=f"subject {i}"))
    b = copy.deepcopy(a)
    _by_id(b, "events", "1976-split")["claims"].append(_claim(7, source="s2", subject="subject 3"))
    con = _follow(tmp_path, a, b)  # the update equals a full build
    con.execute("ANALYZE")  # whatever the planner knows of the claims, the keys lead
    plan = " ; ".join(r[3] for r in con.execute("EXPLAIN QUERY PLAN " + update.claims_of(3),
                                                ["subject 3", "deaths", "x", "y", "z", "w"]))
    assert "USING INDEX claims_key" in plan and "SCAN c" not in plan and "SCAN claims" not in plan
    got = con.execute(update.claims_of(2), [*_key(con, "subject 3"), "no such", "key"]).fetchall()
    assert sorted(r[3] for r in got) == ["1971-arrests", "1976-split"]


def _key(con: sqlite3.Connection, label: str) -> tuple[str, str]:
    return con.execute("SELECT scope, label FROM claims WHERE label=?", (label,)).fetchone()


def test_an_event_that_keeps_its_days_keeps_the_longest_of_its_class(tmp_path, monkeypatch):
    seen = []
    spans = update._Update._spans

    def spy(self, span_longest, added):
        seen.append(list(self.spans_gone))
        return spans(self, span_longest, added)

    monkeypatch.setattr(update._Update, "_spans", spy)
    a = _mini()
    b = copy.deepcopy(a)
    longest = _by_id(b, "events", "late-1970s-protests")  # the store's longest event
    longest["citations"].append({"source": "s2", "section": "News"})
    con = _follow(tmp_path, a, b)
    assert seen == [[]]  # written again, its days the same: nothing to look at again
    before = json.loads(dict(con.execute("SELECT key, value FROM meta"))["span_longest"])

    c = copy.deepcopy(b)
    moved = _by_id(c, "events", "late-1970s-protests")
    moved["date"] = {**moved["date"], "end": moved["date"]["start"]}  # one day now
    con = _follow(tmp_path, b, c)  # the class looked at again: a full build's span_longest
    assert seen[-1] and json.loads(dict(con.execute("SELECT key, value FROM meta"))["span_longest"]) != before
