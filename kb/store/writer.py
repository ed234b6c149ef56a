"""Changing a store: under a lock, cached in memory, written once, atomically.

Every write holds a cross-process lock (``<store>.lock``) and replaces the
file atomically (:mod:`kb.store.atomic`), so concurrent writers lose nothing
and an interrupted write leaves the previous store intact.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from ..errors import StoreError
from . import atomic
from .paths import shipped_path, user_path

if TYPE_CHECKING:
    from tinydb import TinyDB


@contextmanager
def writing(path: Path, timeout: float = 60.0) -> Iterator[TinyDB]:
    """Lock the store, yield a TinyDB on it, write it back atomically on success.

    Changes are cached in memory and written once, on leaving the block; an
    exception inside the block writes nothing.
    """
    from filelock import FileLock, Timeout
    from tinydb import TinyDB
    from tinydb.middlewares import CachingMiddleware

    from .storage import AtomicJSONStorage

    if path.resolve() == shipped_path().resolve():
        raise StoreError(f"{path} is the shipped knowledge base and is never written; "
                         "use --db or KB_DB to name a store")
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path) + ".lock")
    try:
        lock.acquire(timeout=timeout)
    except Timeout:
        raise StoreError(f"{path} is locked by another kb process") from None
    try:
        if not path.exists() and path == user_path():
            atomic.write_bytes(path, shipped_path().read_bytes())
        cache = CachingMiddleware(AtomicJSONStorage)
        cache.WRITE_CACHE_SIZE = 10**9
        db = TinyDB(str(path), storage=cache)
        ok = False
        try:
            yield db
            ok = True
        finally:
            if ok:
                db.close()  # flushes the cache: one atomic write
    finally:
        lock.release()
