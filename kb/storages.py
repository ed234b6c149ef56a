"""TinyDB storages for ``kb``: atomic, pretty and stable on disk.

:class:`AtomicJSONStorage` is TinyDB's JSON storage with two promises kept:

* a write never leaves a half-written file: data goes to a temporary file in
  the same folder, is flushed to disk, then replaces the store with
  ``os.replace`` (atomic on POSIX and Windows);
* the file is pretty-printed with sorted keys, so a diff of the store shows
  each changed record and nothing else.

Opened with ``read_only=True`` it refuses every write; this is how the
shipped knowledge base is opened.
"""

from __future__ import annotations

import json
import os
import tempfile
from typing import Any

from tinydb.storages import Storage


class ReadOnlyError(PermissionError):
    """A write was attempted on a store opened read-only."""


def dump(data: Any, fh) -> None:
    """The one on-disk layout of a store: 1-space indent, sorted keys, UTF-8."""
    json.dump(data, fh, indent=1, sort_keys=True, ensure_ascii=False)
    fh.write("\n")


def atomic_write_json(path: str, data: Any) -> None:
    """Write ``data`` to ``path`` through a temporary file and ``os.replace``."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".kb-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            dump(data, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


class AtomicJSONStorage(Storage):
    """JSON storage whose writes are atomic and whose reads never create files."""

    def __init__(self, path: str, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only

    def read(self) -> dict | None:
        try:
            with open(self.path, encoding="utf-8") as fh:
                text = fh.read()
        except FileNotFoundError:
            return None
        return json.loads(text) if text.strip() else None

    def write(self, data: dict) -> None:
        if self.read_only:
            raise ReadOnlyError(f"{self.path} is read-only")
        atomic_write_json(self.path, data)

    def close(self) -> None:
        pass
