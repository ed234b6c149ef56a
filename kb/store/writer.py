"""Changing a store: checked first, then under a lock, in memory, written once, atomically.

:func:`writing` never clobbers.  Before anything is created, the lock file
included, it makes sure the target is a store it may write:

* not the shipped knowledge base (never written);
* a symbolic link is followed: the file it points to is the store, the lock
  is taken beside that file, and the link stays a link;
* a regular file or nothing (a directory, FIFO or device is refused at
  once), writable by this user;
* a store (:class:`kb.store.reader.Tables`) whose records are sound
  (:mod:`kb.store.check`): a store kb cannot read is reported in one line and
  left as it is, byte for byte.

Then it takes a cross-process lock (``<store>.lock``); if the file changed
while the lock was awaited, it is read and checked again.  Changes are kept
in memory and written once, on leaving the block, atomically
(:mod:`kb.store.atomic`, which keeps the file's permission bits), so
concurrent writers lose nothing and an interrupted write leaves the previous
store intact.  :func:`current` is what a write would start from, for a dry
run.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from ..errors import StoreError
from . import atomic
from .check import check_store
from .paths import shipped_path, user_path
from .reader import TABLES, Tables, open_store

if TYPE_CHECKING:
    from tinydb import TinyDB


class _Read:
    """The store as read before the lock: its checked contents and the file they came from.

    On POSIX the file stays open until the write is done, so its inode cannot
    be given to another file meanwhile and "same inode, size and times" means
    "same file".  (Elsewhere an open file can block another writer's
    ``os.replace``, so it is closed at once and the times and size decide.)
    """

    def __init__(self, target: Path, name: Path):
        self.fd = open_store(target, name)
        self.stat = None
        self.doc: dict | None = None
        if self.fd is None:
            return
        try:
            self.stat = os.fstat(self.fd)
            self.doc = Tables(target, digest=False, fd=self.fd, name=name).document()
            check_store(name, self.doc or {})
        except BaseException:
            self.close()
            raise
        if os.name != "posix":
            self.close()

    def unchanged(self, target: Path) -> bool:
        """Whether ``target`` is still the file that was read (or still absent)."""
        try:
            now = os.stat(target)
        except FileNotFoundError:
            return self.stat is None
        then = self.stat
        return then is not None and (
            (now.st_dev, now.st_ino, now.st_size, now.st_mtime_ns, now.st_ctime_ns)
            == (then.st_dev, then.st_ino, then.st_size, then.st_mtime_ns, then.st_ctime_ns))

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def _seed(target: Path) -> dict | None:
    """What a store starts from: the shipped knowledge base for the user store, else nothing."""
    if target != atomic.resolve(user_path()):
        return None
    shipped = shipped_path()
    doc = Tables(shipped, digest=False).document()
    check_store(shipped, doc or {})
    return doc


def current(path: Path) -> dict[str, list[dict]]:
    """The records a write to ``path`` would start from, checked; no lock, nothing created."""
    target = atomic.resolve(path)
    read = _Read(target, path)
    read.close()
    doc = _seed(target) if read.stat is None else read.doc
    return {name: list((doc or {}).get(name, {}).values()) for name in TABLES}


class _Memory:
    """A TinyDB storage over data already read: writes stay in memory until the block ends."""

    def __init__(self, data: dict | None) -> None:
        self.data = data
        self.dirty = False

    def read(self) -> dict | None:
        return self.data

    def write(self, data: dict) -> None:
        self.data, self.dirty = data, True

    def close(self) -> None:
        """Nothing to release: :func:`writing` writes the file."""


@contextmanager
def writing(path: Path, timeout: float = 60.0) -> Iterator[TinyDB]:
    """Check the store, lock it, yield a TinyDB on it, write it back atomically on success.

    Changes are cached in memory and written once, on leaving the block; an
    exception inside the block writes nothing.  Raises
    :class:`~kb.errors.StoreError` before creating anything when the target
    is not a store this user may write (see the module docstring).
    """
    from filelock import FileLock, Timeout
    from tinydb import TinyDB

    from .storage import write_json

    if path.resolve() == shipped_path().resolve():
        raise StoreError(f"{path} is the shipped knowledge base and is never written; "
                         "use --db or KB_DB to name a store")
    target = atomic.resolve(path)
    read = _Read(target, path)
    try:
        if read.stat is not None and not os.access(target, os.W_OK):
            raise StoreError(f"{path} is read-only (no write permission); nothing was written")
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(target) + ".lock")
        try:
            lock.acquire(timeout=timeout)
        except Timeout:
            raise StoreError(f"{path} is locked by another kb process") from None
        try:
            if not read.unchanged(target):  # another writer came first: start from its store
                read.close()
                read = _Read(target, path)
            doc = _seed(target) if read.stat is None else read.doc
            storage = _Memory(doc)
            db = TinyDB(storage=lambda: storage)
            yield db
            if storage.dirty:
                write_json(target, storage.data)
        finally:
            lock.release()
    finally:
        read.close()
