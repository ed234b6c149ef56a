"""Opening the index of a store: where it lives, and whether it is still fresh.

Each store gets one SQLite file in the cache folder (``$KB_CACHE_DIR``, else
``$XDG_CACHE_HOME/kb``, else ``~/.cache/kb``), named by a hash of the store's
path.  The index records the store's *signature*
(:func:`kb.store.signature`: modification and change times in ns, size,
device, inode) and the index :func:`~kb.index.schema.version`.  Opening the
index checks both: if either changed, the index is rebuilt into a temporary
file and swapped in atomically (:mod:`kb.store.atomic`), so readers never see
a half-built index and a stale one is never used.  Where the cache folder
cannot be written, the index is built in memory for the one command.

File times have a coarse grain (a clock tick, or seconds on some file
systems), so a store rewritten twice within one tick, at the same size, can
keep its signature.  As git does with its "racily clean" entries, an index
built less than :data:`RACY_NS` after the store's last change also records a
SHA-1 of the store; while that holds, opening the index compares the digest
too, and once the store is older than that the check is dropped (any later
change then moves the file's times).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
import zlib
from pathlib import Path

from ..store import Tables, atomic, signature
from .schema import version

RACY_NS = 3_000_000_000  # store changes closer than this to a build are checked by digest


def cache_dir() -> Path:
    if os.environ.get("KB_CACHE_DIR"):
        return Path(os.environ["KB_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "kb"


def index_path(store_path: Path) -> Path:
    p = str(store_path.resolve()).encode()
    return cache_dir() / f"index-{zlib.crc32(p):08x}{zlib.adler32(p):08x}.sqlite"


def open_index(store_path: Path) -> sqlite3.Connection:
    """A connection to an index that matches the store as it is now."""
    sig = signature(store_path)
    path = index_path(store_path)
    con = _open_if_fresh(path, sig, store_path)
    if con is not None:
        return con
    building = False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic.replacing(path) as tmp:
            building = True
            con = sqlite3.connect(tmp)
            try:
                con.execute("PRAGMA journal_mode=OFF")
                con.execute("PRAGMA synchronous=OFF")
                con.execute("PRAGMA cache_size=-65536")
                _build_from(con, store_path, sig)
            finally:
                con.close()
    except OSError:
        if building:
            raise
        # The cache folder cannot be written: an index in memory, for this command only.
        con = sqlite3.connect(":memory:")
        _build_from(con, store_path, sig)
        return con
    return _connect(path)


def _changed_ns(store_path: Path) -> int:
    st = store_path.stat()
    return max(st.st_mtime_ns, st.st_ctime_ns)


def _build_from(con: sqlite3.Connection, store_path: Path, sig: str) -> None:
    from .build import build  # only when the index must be built

    racy = time.time_ns() - _changed_ns(store_path) < RACY_NS
    tables = Tables(store_path)
    build(con, tables, sig, digest=tables.digest if racy else "")


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.execute("PRAGMA query_only=1")
    return con


def _digest(store_path: Path) -> str:
    import hashlib

    h = hashlib.sha1()
    with open(store_path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _open_if_fresh(path: Path, sig: str, store_path: Path) -> sqlite3.Connection | None:
    if not path.exists():
        return None
    try:
        con = _connect(path)
        meta = dict(con.execute("SELECT key, value FROM meta"))
    except sqlite3.DatabaseError:
        return None
    if meta.get("signature") == sig and meta.get("schema") == version():
        if not meta.get("digest"):
            return con
        # Built "racily" soon after a change: the signature alone may not tell.
        if _digest(store_path) == meta["digest"]:
            if time.time_ns() - _changed_ns(store_path) >= RACY_NS:
                _settle(path)
            return con
    con.close()
    return None


def _settle(path: Path) -> None:
    """The store is now old enough for its signature alone to show a change."""
    # In a read-only cache this fails, and the digest is checked again next time.
    with contextlib.suppress(sqlite3.Error):
        rw = sqlite3.connect(path, timeout=0.5)
        with rw:
            rw.execute("UPDATE meta SET value='' WHERE key='digest'")
        rw.close()
