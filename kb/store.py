"""The store of record: where it lives, how it is read, how it is changed.

A store is one TinyDB JSON file with the tables ``sources``, ``entities`` and
``events`` (record shapes in the README's *Data model*).  Which file:

1. ``--db PATH`` or the ``KB_DB`` environment variable;
2. otherwise the user store, ``$XDG_DATA_HOME/kb/kb.json`` (by default
   ``~/.local/share/kb/kb.json``), once something has been written there;
3. otherwise the knowledge base shipped inside the package, opened read-only.

Writes (``kb ingest``) go to the user store, which is first seeded with a copy
of the shipped knowledge base; a new file named with ``--db`` starts empty.  The shipped file is never written.  Every
write holds a cross-process lock (``<store>.lock``) and replaces the file
atomically, so concurrent writers lose nothing and an interrupted write
leaves the previous store intact.
"""

from __future__ import annotations

import json
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import StoreError

TABLES = ("sources", "entities", "events")


def shipped_path() -> Path:
    """The knowledge base inside the installed package (or the checkout's data/)."""
    here = Path(__file__).resolve().parent
    packaged = here / "data" / "kb.json"
    if packaged.exists():
        return packaged
    return here.parent / "data" / "kb.json"


def user_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / "kb" / "kb.json"


def default_path(db: str | None = None) -> Path:
    """The store a command reads (see the module docstring for the order)."""
    if db:
        return Path(db).expanduser()
    env = os.environ.get("KB_DB")
    if env:
        return Path(env).expanduser()
    user = user_path()
    return user if user.exists() else shipped_path()


def write_path(db: str | None = None) -> Path:
    """The store a writing command changes: never the shipped one."""
    if db or os.environ.get("KB_DB"):
        return default_path(db)
    return user_path()


def signature(path: Path) -> str:
    """What changes whenever the file is replaced or rewritten."""
    try:
        st = path.stat()
    except FileNotFoundError:
        raise StoreError(f"no store at {path}") from None
    return f"{st.st_mtime_ns}:{st.st_size}:{st.st_ino}"


def load(path: Path) -> dict[str, list[dict]]:
    """Every record of the store, table by table, in document-id order.

    Read through TinyDB, so that whatever TinyDB can open, kb can.
    """
    from tinydb import TinyDB

    from .storages import AtomicJSONStorage

    if not path.exists():
        raise StoreError(f"no store at {path}")
    try:
        with TinyDB(str(path), storage=AtomicJSONStorage, read_only=True) as db:
            return {name: [dict(doc) for doc in db.table(name).all()] for name in TABLES}
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise StoreError(f"{path} is not a readable kb store: {e}") from None
    except (AttributeError, TypeError, ValueError) as e:
        raise StoreError(f"{path} is not a kb store ({e})") from None


@contextmanager
def writing(path: Path, timeout: float = 60.0) -> Iterator["TinyDB"]:  # noqa: F821
    """Lock the store, yield a TinyDB on it, write it back atomically on success.

    Changes are cached in memory and written once, on leaving the block; an
    exception inside the block writes nothing.
    """
    from filelock import FileLock, Timeout
    from tinydb import TinyDB
    from tinydb.middlewares import CachingMiddleware

    from .storages import AtomicJSONStorage

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
            shutil.copyfile(shipped_path(), str(path) + ".seed")
            os.replace(str(path) + ".seed", path)
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
