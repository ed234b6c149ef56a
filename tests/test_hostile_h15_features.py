"""Hostile input, fifteenth pass (issue 16): the retelling search's saved feature file
(:mod:`kb.ingest.features`) damaged, replaced or put out of reach between two writes.

Whatever lies at the file's place, the second write must give the store a write with no file
gives (the same bytes), raise nothing, and leave what it did not make alone: a link is not
followed, a folder stays a folder.  Stores come from the benchmark's generator with their
years narrowed to four and the bucket size lowered, as in ``tests/test_retold_features.py``.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest

from kb.ingest import features
from kb.ingest.eventindex import _Bucket
from kb.ingest.pipeline import ingest
from kb.store import signature
from kb.store.storage import write_json

sys.path.insert(0, str(Path(__file__).resolve().parent / "benchmark"))
import generate  # noqa: E402


@functools.lru_cache(maxsize=1)
def _generated() -> tuple[dict, list[list[str]]]:
    years = generate.FIRST_YEAR, generate.LAST_YEAR
    generate.FIRST_YEAR, generate.LAST_YEAR = 1980, 1983
    try:
        store = generate.generate(120, 30, 6, 1)
        return store, [generate.documents(store, 2, 1), generate.documents(store, 2, 2)]
    finally:
        generate.FIRST_YEAR, generate.LAST_YEAR = years


@functools.lru_cache(maxsize=1)
def _expected(root: str) -> bytes:
    """The store both batches write with no feature file read or written (made once)."""
    tmp = Path(root)
    s = tmp / "twin.json"
    shutil.copyfile(tmp / "base.json", s)
    real_open, real_save = features.Saved.open, features.save
    features.Saved.open, features.save = classmethod(lambda cls, *a: None), (lambda *a: False)
    try:
        for batch in _batches(tmp):
            ingest(batch, db=str(s))
    finally:
        features.Saved.open, features.save = real_open, real_save
    return s.read_bytes()


def _batches(tmp: Path) -> list[list[str]]:
    out = []
    for b, batch in enumerate(_generated()[1]):
        out.append([])
        for i, text in enumerate(batch):
            f = tmp / f"b{b}d{i}.md"
            if not f.exists():
                f.write_text(text, encoding="utf-8")
            out[-1].append(str(f))
    return out


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One folder for the module: the base store, the batches, the store written without a file."""
    tmp = tmp_path_factory.mktemp("features")
    write_json(tmp / "base.json", _generated()[0])
    return tmp


@pytest.fixture()
def lowered(monkeypatch, tmp_path):
    monkeypatch.setattr(_Bucket, "LEAST", 8)
    monkeypatch.setattr(features, "DECODED", 0.0)
    monkeypatch.setenv("KB_CACHE_DIR", str(tmp_path / "cache"))


@functools.lru_cache(maxsize=1)
def _after_first(root: str) -> tuple[bytes, bytes]:
    """The store after the first batch and the feature file that write made (made once)."""
    tmp = Path(root)
    s = tmp / "first.json"
    shutil.copyfile(tmp / "base.json", s)
    ingest(_batches(tmp)[0], db=str(s))
    return s.read_bytes(), features.place(s.resolve()).read_bytes()


def _first(shared: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A store as the first batch left it, and at its feature file's place the file of that
    write re-signed for this copy (the file it would have had)."""
    store_bytes, good = _after_first(str(shared))
    s = tmp_path / "s.json"
    s.write_bytes(store_bytes)
    path = features.place(s.resolve())
    path.parent.mkdir(parents=True, exist_ok=True)
    _rewrite(path, good, signature=signature(s))
    assert features.Saved.open(s.resolve(), os.stat(s)) is not None  # the file this store would use
    return s, path


def _rewrite(path: Path, data: bytes, **meta_changes) -> None:
    import io

    with np.load(io.BytesIO(data)) as npz:
        arrays = {k: npz[k].copy() for k in npz.files}
    meta = {**json.loads(arrays["meta"].tobytes()), **meta_changes}
    arrays["meta"] = np.frombuffer(json.dumps(meta).encode(), np.uint8)
    with open(path, "wb") as fh:
        np.savez(fh, **arrays)


def _truncated(path: Path, tmp: Path, shared: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _corrupt(path: Path, tmp: Path, shared: Path) -> None:
    data = bytearray(path.read_bytes())
    for i in range(200, len(data), 97):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def _empty(path: Path, tmp: Path, shared: Path) -> None:
    path.write_bytes(b"")


def _foreign_version(path: Path, tmp: Path, shared: Path) -> None:
    _rewrite(path, path.read_bytes(), rules="0+0.0.1+another")


def _read_only_folder(path: Path, tmp: Path, shared: Path) -> None:
    path.parent.chmod(0o555)


def _symlink(path: Path, tmp: Path, shared: Path) -> None:
    victim = tmp / "victim.txt"
    victim.write_bytes(b"not kb's")
    path.unlink()
    path.symlink_to(victim)


def _symlink_to_store(path: Path, tmp: Path, shared: Path) -> None:
    good = path.read_bytes()
    path.unlink()
    path.symlink_to(tmp / "s.json")  # a write through it would put the features in the store
    (tmp / "good.npz").write_bytes(good)


def _folder(path: Path, tmp: Path, shared: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "inside").write_text("x")


def _another_store(path: Path, tmp: Path, shared: Path) -> None:
    path.write_bytes(_after_first(str(shared))[1])  # the file of first.json, signed for it


@pytest.mark.parametrize("spoil", [_truncated, _corrupt, _empty, _foreign_version, _read_only_folder,
                                   _symlink, _symlink_to_store,
                                   _folder, _another_store])
def test_the_second_write_gives_the_store_a_write_without_the_file_gives(shared, lowered, tmp_path, spoil):
    want = _expected(str(shared))
    store, path = _first(shared, tmp_path)
    spoil(path, tmp_path, shared)
    try:
        ingest(_batches(shared)[1], db=str(store))
    finally:
        path.parent.chmod(0o755)
    assert store.read_bytes() == want
    if spoil in (_symlink, _symlink_to_store):
        assert path.is_symlink()
    if spoil is _symlink:
        assert (tmp_path / "victim.txt").read_bytes() == b"not kb's"
    if spoil is _folder:
        assert path.is_dir() and (path / "inside").read_text() == "x"
