"""Hostile input, round 10 (issue 16): a retelling feature file (:mod:`kb.ingest.features`)
damaged in ways numpy and zipfile do not report as a bad ZIP or a bad array.

One byte of the ZIP directory (the version needed to extract, the flags) makes zipfile raise
NotImplementedError or RuntimeError ("encrypted, password required"), and an array header whose
shape claims terabytes makes numpy raise MemoryError, each a traceback in ``kb ingest`` before.
The second write must give the store a write without the file gives, as for the damage of
``tests/test_hostile_h15_features.py`` (whose fixtures these tests share).
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from pathlib import Path

import pytest

from kb.ingest.pipeline import ingest
from test_hostile_h15_features import _batches, _expected, _first, lowered, shared  # noqa: F401


def _directory(path: Path, offset: int, change) -> None:
    """Change each central-directory entry's field at ``offset`` (``change(old bytes) -> new``)."""
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")
    assert at >= 0
    while at >= 0:
        data[at + offset:at + offset + 2] = change(bytes(data[at + offset:at + offset + 2]))
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))


def _version(path: Path) -> None:
    _directory(path, 6, lambda old: struct.pack("<H", 99))  # version needed to extract: 9.9


def _encrypted(path: Path) -> None:
    _directory(path, 8, lambda old: struct.pack("<H", struct.unpack("<H", old)[0] | 1))


def _method(path: Path) -> None:
    _directory(path, 10, lambda old: struct.pack("<H", 99))  # a compression method nobody has


def _terabytes(path: Path) -> None:
    """Every array's header claims 10**13 elements (the ZIP's checksums made to fit)."""
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in src.namelist():
            z.writestr(name, re.sub(rb"'shape': \(\d+,\)", b"'shape': (10000000000000,)", src.read(name), count=1))
    path.write_bytes(out.getvalue())


@pytest.mark.parametrize("spoil", [_version, _encrypted, _method, _terabytes])
def test_a_feature_file_zipfile_or_numpy_cannot_read_is_not_used(shared, lowered, tmp_path, spoil):  # noqa: F811
    want = _expected(str(shared))
    store, path = _first(shared, tmp_path)
    spoil(path)
    ingest(_batches(shared)[1], db=str(store))
    assert store.read_bytes() == want
