"""The retelling search's saved features (:mod:`kb.ingest.features`): what a file gives is what
decoding the store gives, a file that does not describe the store is not used, and a store
written with a file is the store written without one.

Stores come from the benchmark's generator (:mod:`tests.benchmark.generate`) with their years
narrowed to four, so that buckets hold ~60 events; the bucket size at which a run inverts a
bucket (:data:`kb.ingest.eventindex._Bucket.LEAST`) and the share a run without a file must have
decoded to write one (:data:`kb.ingest.features.DECODED`) are lowered to match.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sys
from pathlib import Path

import numpy as np
import orjson
import pytest

from kb.ingest import features
from kb.ingest.dedupe import _Entry
from kb.ingest.eventindex import EventIndex, _Bucket
from kb.ingest.pipeline import ingest
from kb.ingest.postings import KINDS, _Postings
from kb.store import signature
from kb.store.storage import write_json

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmark"))
import generate  # noqa: E402


EVENTS, DOCS, LEAST = 120, 2, 4


@functools.lru_cache(maxsize=1)
def _generated() -> tuple[dict, list[list[str]]]:
    """A store of 240 events over 1980-1983 and two batches of four documents about it."""
    years = generate.FIRST_YEAR, generate.LAST_YEAR
    generate.FIRST_YEAR, generate.LAST_YEAR = 1980, 1983
    try:
        store = generate.generate(EVENTS, EVENTS // 4, EVENTS // 20, 1)
        return store, [generate.documents(store, DOCS, 1), generate.documents(store, DOCS, 2)]
    finally:
        generate.FIRST_YEAR, generate.LAST_YEAR = years


@pytest.fixture()
def made(tmp_path, monkeypatch):
    """The store written to ``base.json`` and its batches as files."""
    monkeypatch.setattr(_Bucket, "LEAST", LEAST)
    monkeypatch.setattr(features, "DECODED", 0.0)
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))
    store, texts = _generated()
    write_json(tmp_path / "base.json", store)
    batches = []
    for b, batch in enumerate(texts):
        batches.append([])
        for i, text in enumerate(batch):
            (tmp_path / f"b{b}d{i}.md").write_text(text, encoding="utf-8")
            batches[-1].append(str(tmp_path / f"b{b}d{i}.md"))
    return tmp_path, batches


def _copy(tmp_path: Path, name: str, source: Path | None = None) -> Path:
    shutil.copyfile(source or tmp_path / "base.json", tmp_path / name)
    return tmp_path / name


def _decoded(store: Path) -> dict:
    """Bucket number -> key -> the features decoding the event gives, for every stored event."""
    out: dict = {}
    for key, rec in orjson.loads(store.read_bytes())["events"].items():
        e = _Entry(rec, 0, key)
        for b in features._names_of(e.start.year, e.end.year, EventIndex.WIDE):
            out.setdefault(b, {})[key] = e
    return out


def _rows(p: _Postings) -> list[dict]:
    """Per row of ``p``: its keys of each kind, read from the postings."""
    out = [{k: set() for k in KINDS} for _ in range(len(p.entries))]
    for kind in KINDS:
        flat, spans = getattr(p, kind)
        for key, (a, b) in spans.items():
            for r in flat[a:b].tolist():
                out[r][kind].add(key)
    return out


def _check_file(store: Path) -> int:
    """The file of ``store`` holds, bucket by bucket, the postings decoding its events gives."""
    saved = features.Saved.open(store.resolve(), os.stat(store))
    assert saved is not None
    want = _decoded(store)
    assert set(saved.where) == set(want)
    for b, entries in want.items():
        name = "wide" if b == features.WIDE else b
        stored = [(e.start.toordinal(), e.end.toordinal(), (n, key)) for n, (key, e) in enumerate(entries.items())]
        got = saved.postings(name, stored, lambda item: entries[item[1]])
        assert got is not None and not saved.broken
        made = _Postings(list(entries.values()))
        rows_got, rows_made = _rows(got), _rows(made)
        by_key = {got.entries[r].key: r for r in range(len(got.entries))}
        assert sorted(by_key) == sorted(entries)
        for m, e in enumerate(made.entries):
            r = by_key[e.key]
            assert rows_got[r] == rows_made[m]
            assert rows_got[r] == {"words": set(e.words), "titles": set(e.title), "ents": set(e.entities),
                                   "meas": set(e.measures)}
            for field in ("start", "end", "first", "day", "nwords", "ntitle"):
                assert getattr(got, field)[r] == getattr(made, field)[m], (field, e.key)
        assert (got.low, got.top) == (made.low, made.top)
    return len(want)


def _arrays(path: Path) -> dict:
    with np.load(path) as npz:
        return {k: npz[k] for k in npz.files if k != "meta"}


def test_features_read_from_the_file_are_those_decoding_gives(made, monkeypatch):
    tmp_path, batches = made
    store = _copy(tmp_path, "s.json")
    made_by = []
    save = features.save

    def both(edit, index):
        """The first file made from the buckets' postings, then again from the entries alone."""
        assert save(edit, index)
        made_by.append((len(index.posted()), len(edit.replaced.get("events", {})), _arrays(path)))
        with monkeypatch.context() as m:
            m.setattr(EventIndex, "posted", lambda self: {})
            assert save(edit, index)
        made_by.append(_arrays(path))
        return True

    path = features.place(store.resolve())
    with monkeypatch.context() as m:
        m.setattr(features, "save", both)
        ingest(batches[0], db=str(store))  # no file yet: one made from the events the run decoded
    (buckets, replaced, got), want = made_by
    assert buckets >= 2 and replaced  # some buckets read from postings, some stored events replaced
    assert got.keys() == want.keys() and all(
        got[k].dtype == want[k].dtype and np.array_equal(got[k], want[k]) for k in want)
    assert path.exists()
    assert _check_file(store) >= 4
    ingest(batches[1], db=str(store))  # made from the file read and the events the write changed
    assert _check_file(store) >= 4


def test_two_batches_write_the_same_store_with_and_without_the_file(made, monkeypatch):
    tmp_path, batches = made
    with_file, without = _copy(tmp_path, "a.json"), _copy(tmp_path, "b.json")
    read = []
    postings = features.Saved.postings
    monkeypatch.setattr(features.Saved, "postings",
                        lambda self, *a: read.append(postings(self, *a)) or read[-1])
    for batch in batches:
        ingest(batch, db=str(with_file))
        with monkeypatch.context() as m:  # no file read or written
            m.setattr(features.Saved, "open", classmethod(lambda cls, *a: None))
            m.setattr(features, "save", lambda *a: False)
            ingest(batch, db=str(without))
        assert with_file.read_bytes() == without.read_bytes()
    assert read and all(p is not None for p in read)  # the second batch read its buckets from the file


def _written(tmp_path: Path, batches) -> tuple[Path, Path]:
    store = _copy(tmp_path, "s.json")
    ingest(batches[0], db=str(store))
    path = features.place(store.resolve())
    assert path.exists()
    return store, path


def test_a_stale_corrupt_or_foreign_file_is_not_used(made, monkeypatch):
    tmp_path, batches = made
    store, path = _written(tmp_path, batches)
    good = path.read_bytes()
    opened = lambda: features.Saved.open(store.resolve(), os.stat(store))  # noqa: E731
    assert opened() is not None
    with monkeypatch.context() as m:
        m.setattr(features, "rules", lambda: "0+another kb")
        assert opened() is None  # made under other rules
    for bad in (good[:len(good) // 2], b"not a zip file", b""):
        path.write_bytes(bad)
        assert opened() is None
    path.write_bytes(good)
    st = os.stat(store)
    os.utime(store, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert opened() is None  # the store changed since: its signature is another
    other = _copy(tmp_path, "other.json")
    ingest(batches[0], db=str(other))
    shutil.copyfile(features.place(other.resolve()), path)
    assert opened() is None  # the file of another store


def _bad_key(arrays: dict) -> None:
    arrays["key"][3] = 60_000  # a row that is no stored event (the store has 240)


def _bad_posting(arrays: dict) -> None:
    arrays["words.flat"][0] = arrays["rows"][1] + 5  # a posting beyond its bucket


def test_a_file_whose_buckets_do_not_hold_the_stored_events_is_not_used(made, monkeypatch):
    tmp_path, batches = made
    twin = _copy(tmp_path, "twin.json")
    with monkeypatch.context() as m:  # the store written without a file
        m.setattr(features, "save", lambda *a: False)
        for batch in batches:
            ingest(batch, db=str(twin))
    saved = []
    opened = features.Saved.open.__func__
    monkeypatch.setattr(features.Saved, "open", classmethod(lambda cls, *a: saved.append(opened(cls, *a))
                                                           or saved[-1]))
    first, written = _written(tmp_path, batches)
    for spoil in (_bad_key, _bad_posting):
        store = _copy(tmp_path, spoil.__name__ + ".json", first)  # the first batch's store, a file for it
        path = features.place(store.resolve())
        with np.load(written) as npz:
            arrays = {k: npz[k].copy() for k in npz.files}
        meta = json.loads(arrays["meta"].tobytes())
        arrays["meta"] = np.frombuffer(json.dumps({**meta, "signature": signature(store)}).encode(), np.uint8)
        spoil(arrays)
        with open(path, "wb") as fh:
            np.savez(fh, **arrays)
        ingest(batches[1], db=str(store))
        assert saved[-1] is not None and saved[-1].broken  # its meta is right: a bucket was not
        assert store.read_bytes() == twin.read_bytes()  # that bucket made by decoding, as without a file


def test_the_file_is_keyed_on_every_source_its_features_come_from(monkeypatch):
    """The measures table (canonical measure names) and the marks names are folded with are
    read into the features too: a change to either makes another tag, so an old file is not
    used (a reviewer found measures.txt left out of the key)."""
    from pathlib import Path

    from kb.ingest import features

    before = features.rules.__wrapped__()
    assert before
    real = Path.read_bytes
    for changed in ("measures.txt", "counted.txt", "marks.py"):
        monkeypatch.setattr(Path, "read_bytes",
                            lambda self, real=real, changed=changed: real(self) + (b"\n" if self.name == changed else b""))
        assert features.rules.__wrapped__() != before, changed
    monkeypatch.setattr(Path, "read_bytes", real)
    assert features.rules.__wrapped__() == before
