"""A record read to be changed (``exact``) is read as Python's decoder reads it, whether orjson
or Python decodes it (:func:`kb.store.decoding.decode_record`): the fast path may not change a
number, a key met twice or a string, so a write copies back what it read."""

from __future__ import annotations

import json
import os

import pytest

from kb.store.decoding import decode_record
from kb.store.locate import Located, describe
from kb.store.reader import Tables, scan
from kb.store.storage import encode

CASES = [
    '{"id": "a", "n": 123456789012345678}',        # 18 digits: orjson's int, the same
    '{"id": "a", "n": 18446744073709551616}',      # 20 digits: Python's (orjson reads a float)
    '{"id": "a", "n": -9223372036854775809}',      # below int64: Python's
    '{"id": "a", "n": 1e400}',                     # Python: infinity; orjson refuses
    '{"id": "a", "n": NaN}',                       # Python reads it; orjson refuses
    '{"id": "a", "id": "b"}',                      # a key twice: the last, as Python keeps it
    '{"id": "a", "t": "\\u00e9\\ud83d\\ude00 x"}',  # escapes, a surrogate pair
    '{"id": "a", "t": "\\ud800"}',                 # a lone surrogate: Python's
    '{"id": "a", "x": 0.1, "y": -0.0, "z": 1E5, "w": 5e-324}',
    '{"id": "a", "d": ' + "[" * 600 + "]" * 600 + "}",  # deeper than orjson follows
]


@pytest.mark.parametrize("text", CASES)
def test_decode_record_reads_what_python_reads(text):
    want, got = json.loads(text), decode_record(text.encode("utf-8"))
    assert repr(got) == repr(want)  # repr: NaN, -0.0 and int/float told apart


def test_exact_records_of_a_store_read_as_python_reads_them(tmp_path):
    big = 2 ** 70 + 1
    doc = {"events": {"1": {"id": "e1", "n": big, "x": 0.1},
                      "2": {"id": "e2", "t": "caf\u00e9", "n": 7}},
           "sources": {"1": {"id": "s1", "n": 10 ** 19}}}
    path = tmp_path / "kb.json"
    raw = encode(doc)
    path.write_bytes(raw)
    tables = Tables(path, digest=False, exact=False)
    fd = os.open(path, os.O_RDONLY)
    try:
        located = Located(fd, describe(scan(raw)))
        for table, records in doc.items():
            for key, rec in records.items():
                rec = json.loads(json.dumps(rec, sort_keys=True))  # as stored: keys sorted
                for got in (tables.record(table, key), located.record(table, key)):
                    assert got == rec and repr(got) == repr(rec)
                    assert type(got.get("n")) is int
    finally:
        os.close(fd)
