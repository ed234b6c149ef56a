"""What the fast store keeps of the old one: the same bytes, records, refusals and ingests.

The fast layout writer (orjson, :mod:`kb.store.storage`), the fast reader
(:func:`kb.store.reader.scan` and orjson, falling back to Python's decoder),
the write that copies the records it does not change (:class:`kb.store.writer.Edit`)
and the retold-event search through postings (:class:`kb.ingest.eventindex.EventIndex`)
are each checked here against the plain way: ``json.dumps``, the exact text
reader, a full rewrite, and a scan of every event.  No timings: the benchmark
(``tests/benchmark/writes.py``) measures those.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from kb.errors import StoreError
from kb.ingest import dedupe, eventindex
from kb.ingest.pipeline import ingest
from kb.store import Tables
from kb.store.reader import _Text, scan
from kb.store.storage import encode, reindent, write_json
from kb.store.writer import editing

from conftest import MINI

FIX = Path(__file__).parent / "fixtures" / "ingest"


def _old_layout(data) -> bytes:
    return (json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n").encode()


def _exact(raw: bytes, path="s.json"):
    """What the exact (text) reader makes of ``raw``: the document, or the refusal."""
    try:
        return _Text(raw, path).document()
    except StoreError as e:
        return str(e)


def _fast(path: Path):
    try:
        return Tables(path, digest=False, name="s.json").document()
    except StoreError as e:
        return str(e)


# -- the layout --------------------------------------------------------------------------

ODD = {"events": {"2": {"z": "\u0000\u001f\"\\/\u007f\u2028\ufeff\U0001F600 é", "a": [], "m": {},
                        "n": [[[1, 2.5, -0.0, True, None]]], "big": 2 ** 64 - 1, "neg": -2 ** 63},
                  "10": {"id": "x"}},
       "a": {}, "b": [1, {"c": "d"}]}


def test_the_layout_is_the_standard_librarys_byte_for_byte():
    for data in (ODD, {}, {"e": {}}, json.loads(MINI.read_text(encoding="utf-8"))):
        assert encode(data) == _old_layout(data)


@pytest.mark.parametrize("value", [2 ** 70, -2 ** 64])
def test_values_orjson_would_change_are_written_by_the_standard_library(value):
    data = {"events": {"1": {"id": "x", "amount": [value]}}}
    assert encode(data) == _old_layout(data)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")])
def test_nan_and_infinities_are_refused_not_written_as_no_json(value):
    """``Infinity`` and ``NaN``, which the standard library would write, are no JSON: other
    tools cannot read a store holding them, so the write is refused."""
    from kb.errors import StoreError

    with pytest.raises(StoreError, match="NaN or infinite"):
        encode({"events": {"1": {"id": "x", "amount": [value]}}})


def test_floats_keep_their_value():
    data = {"x": [1e16, 1e-7, 0.1, 5e-324, 1.7976931348623157e308]}
    assert json.loads(encode(data)) == data


def test_reindent_turns_two_spaces_a_level_into_one():
    two = b'{\n  "a": [\n    {\n      "b": "  x  "\n    }\n  ]\n}'
    assert reindent(two) == b'{\n "a": [\n  {\n   "b": "  x  "\n  }\n ]\n}'
    assert reindent(two, b"  ") == two
    assert reindent(b'{\n  "a": 1\n}', base=2) == b'{\n   "a": 1\n  }'


# -- the fast reader gives what the exact one gives --------------------------------------

def _stores() -> dict[str, bytes]:
    mini = json.loads(MINI.read_text(encoding="utf-8"))
    ev = mini["events"]
    first = next(iter(ev))
    deep = json.loads(json.dumps(mini))
    deep["events"][first]["x"] = json.loads("[" * 600 + "]" * 600)
    big = json.loads(json.dumps(mini))
    big["events"][first]["x"] = [123456789012345678901234567890, -9223372036854775809]
    return {
        "kb layout": _old_layout(mini),
        "two spaces": json.dumps(mini, indent=2, sort_keys=True, ensure_ascii=False).encode(),
        "unsorted, ASCII escapes": json.dumps(mini, indent=1).encode(),
        "compact": json.dumps(mini).encode(),
        "big integers": _old_layout(big),
        "deep record": _old_layout(deep),
        "NaN": _old_layout(mini).replace(b'"title": ', b'"n": NaN, "title": ', 1),
        "lone surrogate": _old_layout(mini).replace(b'"title": "', b'"title": "\\ud800', 1),
        "number twice": _old_layout(mini).replace(b'\n  "2": {', b'\n  "1": {', 1),
        "member twice": _old_layout(mini)[:-3] + b',\n "events": {}\n}\n',
        "cut short": _old_layout(mini)[:-40],
        "bad record": _old_layout(mini).replace(b'"title": "', b'"title": "x", "title" "', 1),
        "trailing": _old_layout(mini) + b"x",
        "not UTF-8": _old_layout(mini).replace(b'"title": "', b'"title": "\xff', 1),
        "bom": b"\xef\xbb\xbf" + _old_layout(mini),
    }


@pytest.mark.parametrize("name", list(_stores()))
def test_the_fast_reader_gives_the_exact_readers_records_and_refusals(tmp_path, name):
    raw = _stores()[name]
    p = tmp_path / "s.json"
    p.write_bytes(raw)
    want = "s.json is not a readable kb store: it starts with a UTF-8 byte-order mark " \
           "(save it as UTF-8 without one)" if name == "bom" else _exact(raw)
    got = _fast(p)
    assert got == want
    if isinstance(want, dict) and name == "big integers":
        x = got["events"][next(iter(got["events"]))]["x"]
        assert x == [123456789012345678901234567890, -9223372036854775809] and type(x[0]) is int


def test_only_kb_like_layouts_take_the_fast_way():
    stores = _stores()
    assert scan(stores["kb layout"]) and scan(stores["two spaces"]) and scan(stores["big integers"])
    assert scan(stores["compact"]) is None and scan(stores["member twice"]) is None
    assert scan(stores["number twice"]) is None


def test_a_fault_met_mid_stream_gives_the_exact_readers_records_then_its_refusal(tmp_path):
    mini = json.loads(MINI.read_text(encoding="utf-8"))
    last = list(mini["events"])[-1]
    raw = _old_layout(mini)
    at = raw.index(b'\n "events": {')  # in the events table only
    raw = raw[:at] + raw[at:].replace(b'\n  "%s": {' % last.encode(), b'\n  "%s": {"x": NaN,' % last.encode(), 1)
    p = tmp_path / "s.json"
    p.write_bytes(raw)
    fast = Tables(p, digest=False)
    assert fast.layout is not None
    ents = list(fast.items("entities"))
    events, exact = [], []
    with pytest.raises(StoreError, match="field x holds NaN") as fault:  # orjson refuses it, the exact reader reads on
        events.extend(fast.items("events"))  # ... to the record, and refuses it too (JSON holds no NaN)
    assert fast.layout is None
    text = _Text(raw, p)
    with pytest.raises(StoreError) as again:
        exact.extend(text.items("events"))
    assert ents == list(text.items("entities")) and events == exact and len(events) == len(mini["events"]) - 1
    assert str(fault.value) == str(again.value)


# -- writes that copy what they do not change ---------------------------------------------

def _doc(tmp_path: Path, text: str, name: str = "note.txt") -> str:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_an_ingest_writes_the_file_a_full_rewrite_would(tmp_path):
    db = tmp_path / "kb.json"
    db.write_bytes(MINI.read_bytes())
    write_json(db, json.loads(db.read_bytes()))
    before = db.read_bytes()
    ingest([str(FIX / "harbor.txt"), str(FIX / "harbor_retold.md")], store_path=db)
    ingest([str(FIX / "bulletin.html")], store_path=db)
    after = db.read_bytes()
    assert after != before and after == encode(json.loads(after))


def test_records_a_run_does_not_change_keep_their_bytes(tmp_path):
    mini = json.loads(MINI.read_text(encoding="utf-8"))
    first = next(iter(mini["events"]))
    mini["events"][first]["weight"] = 123456789012345678901234567890  # beyond 64 bits
    db = tmp_path / "kb.json"
    write_json(db, mini)
    before = db.read_bytes()
    summary = ingest([_doc(tmp_path, "Notes\n\nOn March 3, 2001, the Halvard guild repaired the pier.\n")],
                     store_path=db)
    assert summary.files[0].status == "added"
    after = db.read_bytes()
    assert b'"weight": 123456789012345678901234567890' in after
    old, new = json.loads(before), json.loads(after)
    for table, records in old.items():
        for key, rec in records.items():
            assert new[table][key] == rec or table == "entities"


def test_the_edit_knows_what_it_added_and_replaced(tmp_path):
    db = tmp_path / "kb.json"
    ingest([str(FIX / "harbor.txt")], store_path=db)
    seen = {}

    def collect(edit):
        keys = {}
        edit.read({"events": lambda key, rec: keys.setdefault(rec["id"], key)})
        return keys

    with editing(db, collect, written=lambda e: seen.update(e.added)) as (edit, keys):
        some = next(iter(keys))
        rec = edit.exact("events", keys[some])
        rec["tags"] = ["changed"]
        edit.replace("events", keys[some], rec)
        new = edit.add("events", dict(rec, id="brand-new"))
    assert set(seen) == {"events"} and seen["events"][0][0] == new
    assert int(new) == max(map(int, keys.values())) + 1
    data = json.loads(db.read_bytes())["events"]
    assert data[keys[some]]["tags"] == ["changed"] and data[new]["id"] == "brand-new"
    assert db.read_bytes() == encode(json.loads(db.read_bytes()))


def test_a_store_in_another_layout_is_read_and_rewritten_whole(tmp_path):
    db = tmp_path / "kb.json"
    db.write_bytes(json.dumps(json.loads(MINI.read_text(encoding="utf-8"))).encode())  # compact
    ingest([str(FIX / "harbor.txt")], store_path=db)
    after = db.read_bytes()
    assert after == encode(json.loads(after))


def test_a_write_checks_every_record_and_names_the_first_fault_as_before(tmp_path):
    mini = json.loads(MINI.read_text(encoding="utf-8"))
    mini["events"][next(iter(mini["events"]))]["date"] = "1988"
    mini["sources"][next(iter(mini["sources"]))]["title"] = 7
    db = tmp_path / "kb.json"
    write_json(db, mini)
    before = db.read_bytes()
    with pytest.raises(StoreError, match=r"sources record \d+ .*title is a number"):
        ingest([str(FIX / "harbor.txt")], store_path=db)
    assert db.read_bytes() == before


# -- the retold-event search: the same answer as a scan of every event --------------------

def _scan_retold(events, start, end, precision, entities, text, heading=False):
    """The search before postings: every event of the years asked (and every wide one), in
    the order the year buckets hold them, judged by the rules (dedupe.choose)."""
    wide = eventindex.EventIndex.WIDE
    start_, end_ = dedupe.window(start, end)  # the days a candidate must meet
    order = []
    for n, rec in enumerate(events):
        d = rec["date"]
        s, e = date.fromisoformat(d["start"]), date.fromisoformat(d["end"])
        if e.year - s.year > wide:
            order.append(((10000, n), rec))
        elif max(s.year, start_.year) <= min(e.year, start_.year + wide, end_.year):
            order.append(((max(s.year, start_.year), n), rec))
    entries = [eventindex._Entry(rec, n) for n, ((_y, n), rec) in enumerate(sorted(order, key=lambda t: t[0]))]
    best, _score, _rule = dedupe.choose(entries, start, end, precision, entities, text, heading)
    return None if best is None else best._record


def test_postings_find_what_a_scan_of_every_event_finds():
    r = random.Random(7)
    vocab = [f"word{i:03d}" for i in range(14)]
    ents = [f"e{i}" for i in range(8)]

    def span():
        y = r.randint(1980, 1981)
        s = date(y, r.randint(1, 12), r.randint(1, 28))
        kind = r.choice(["day", "day", "month", "year", "wide"])
        e = {"day": s, "month": s + timedelta(days=20), "year": date(y, 12, 31),
             "wide": date(y + 14, 1, 1)}[kind]
        return s, e, "day" if kind == "day" else kind

    def text(n):
        return " ".join(r.choice(vocab) for _ in range(n))

    stored = []
    for i in range(300):
        s, e, p = span()
        stored.append({"id": f"ev{i}", "title": text(3), "summary": text(r.randint(2, 12)),
                       "date": {"start": s.isoformat(), "end": e.isoformat(), "precision": p},
                       "entities": r.sample(ents, r.randint(0, 3)),
                       "citations": [{"source": "s", "section": text(r.randint(1, 4))}]})
    by_key = {str(i + 1): rec for i, rec in enumerate(stored)}
    index = eventindex.EventIndex(load=lambda k: by_key[k])
    for k, rec in by_key.items():
        index.add_stored(k, rec["date"]["start"], rec["date"]["end"])
    events, found = list(stored), 0
    for i in range(400):  # questions, some of them added as new events, as a run does
        s, e, p = span()
        ent, words, heading = set(r.sample(ents, r.randint(0, 3))), text(r.randint(1, 10)), r.random() < 0.2
        want = _scan_retold(events, s, e, p, ent, words, heading)
        got = index.retold(s, e, p, ent, words, heading)
        assert (got and got["id"]) == (want and want["id"]), i
        found += want is not None
        if want is None and r.random() < 0.5:
            rec = {"id": f"new{i}", "title": words, "summary": "", "entities": sorted(ent),
                   "date": {"start": s.isoformat(), "end": e.isoformat(), "precision": p}, "citations": []}
            events.append(rec)
            index.add(rec)
    assert found > 50  # the questions do find retold events
