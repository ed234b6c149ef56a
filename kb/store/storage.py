"""The TinyDB storage of a kb store: atomic, pretty and stable on disk.

:class:`AtomicJSONStorage` is TinyDB's JSON storage with two promises kept:

* a write never leaves a half-written file (:mod:`kb.store.atomic`);
* the file is pretty-printed with sorted keys, so a diff of the store shows
  each changed record and nothing else;
* it reads the file as every other reader does (:class:`kb.store.reader.Tables`),
  so what the index refuses, TinyDB refuses too, with the same one line.

Opened with ``read_only=True`` it refuses every write; this is how the
shipped knowledge base is opened.
"""

from __future__ import annotations

import json
import os
from typing import Any

from tinydb.storages import Storage

from . import atomic


class ReadOnlyError(PermissionError):
    """A write was attempted on a store opened read-only."""


def dump(data: Any, fh) -> None:
    """The one on-disk layout of a store: 1-space indent, sorted keys, UTF-8."""
    json.dump(data, fh, indent=1, sort_keys=True, ensure_ascii=False)
    fh.write("\n")


def write_json(path: str | os.PathLike, data: Any) -> None:
    """Write ``data`` to ``path`` in the store layout, atomically (:mod:`kb.store.atomic`)."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    atomic.write_text(path, lambda fh: dump(data, fh))


class AtomicJSONStorage(Storage):
    """JSON storage whose writes are atomic and whose reads never create files."""

    def __init__(self, path: str, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only

    def read(self) -> dict | None:
        from pathlib import Path

        from .reader import Tables, open_store

        path = Path(self.path)
        fd = open_store(path)
        if fd is None:
            return None
        try:
            return Tables(path, digest=False, fd=fd).document()
        finally:
            os.close(fd)

    def write(self, data: dict) -> None:
        if self.read_only:
            raise ReadOnlyError(f"{self.path} is read-only")
        write_json(self.path, data)

    def close(self) -> None:
        pass
