"""Opening the index of a store: where it lives, and whether it is still fresh.

Each store gets one SQLite file in the cache folder (``$KB_CACHE_DIR``, else
``$XDG_CACHE_HOME/kb``, else ``~/.cache/kb``), named by a hash of the store's
path.  The index records the store's *signature*
(:func:`kb.store.signature`: modification and change times in ns, size,
device, inode) and the index :func:`~kb.index.schema.version`.  Opening the
index checks both: if either changed, the index is rebuilt into a temporary
file and swapped in atomically (:mod:`kb.store.atomic`), so readers never see
a half-built index and a stale one is never used.  Where the cache folder
cannot be written (or fills up during the build), or the index's path holds
something that is not a regular file (a folder, a FIFO, a device: never
opened, so never waited on, and never replaced), the index is built in memory
for the one command; so is it when one of the files SQLite opens beside the index (its
journal, :data:`COMPANIONS`) is anything but a regular file.

An index is also rebuilt when it is incomplete or was changed after its build.
The build writes with ``synchronous=OFF`` and no journal, which is safe only
because nobody sees the file before :func:`kb.store.atomic.replacing` has
flushed it to disk and moved it into place.  Its last act is to write the
``stamp`` row of ``meta``, the modification time it then gives the file (a
whole, even second, at least two seconds before the build ended).  At open,
an index without that row is incomplete, and one whose modification time is
not its stamp has been written since (damaged pages, dropped tables): both are
rebuilt, at the cost of the one ``stat`` the open makes anyway.  Damage that
keeps the time is caught by the query layer, which rebuilds once on a
database error (:class:`kb.query.KB`).  On a file system that cannot keep the
time it is given, the stamp is left empty and not checked.

A write that tells the index what it changed (:mod:`kb.index.update`) has
the index follow it in place instead, in one SQLite transaction that also
records the new signature and stamp, under SQLite's rollback journal.  An
update killed before its commit leaves that journal "hot", which no
read-only connection can open past: the open first plays it back
(:func:`_recover`), which restores the old index, found stale and rebuilt.

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
import stat
import time
import zlib
from pathlib import Path

from ..store import Tables, atomic, signature
from ..store.paths import cache_dir  # where indexes live
from .schema import version

RACY_NS = 3_000_000_000  # store changes closer than this to a build are checked by digest
# The files SQLite opens beside a database: its rollback journal and, in WAL mode, its log and
# shared memory.  It opens whatever lies there: a FIFO blocks it for good (in open(2), which it
# retries when a signal interrupts it, so that not even SIGTERM ends the wait), a folder fails
# every query.  An index with anything but a regular file at one of those places is not opened.
COMPANIONS = ("-journal", "-wal", "-shm")


def index_path(store_path: Path) -> Path:
    p = os.fsencode(store_path.resolve())  # any file name, UTF-8 or not
    return cache_dir() / f"index-{zlib.crc32(p):08x}{zlib.adler32(p):08x}.sqlite"


def open_index(store_path: Path, rebuild: bool = False) -> sqlite3.Connection:
    """A connection to an index that matches the store as it is now.

    ``rebuild``: build it again even if it looks fresh (the query layer asks
    for this when the index fails a query).
    """
    sig = signature(store_path)
    path = index_path(store_path)
    try:
        st = os.lstat(path)  # a link is not followed: it may lead to the store itself
    except OSError:  # none yet (or the cache folder cannot be searched: building says which)
        st = None
    if (st is not None and not stat.S_ISREG(st.st_mode)) or odd_companion(path):
        return _in_memory(store_path, sig)  # not ours to open or replace
    if st is not None and os.path.lexists(_journal(path)):
        st = _recover(path)
    if st is not None and not rebuild:
        con = _open_if_fresh(path, st, sig, store_path)
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
                stamp = _stamp_ns()
                _set_stamp(con, str(stamp))
            finally:
                con.close()
            _seal(tmp, stamp)
    except (OSError, sqlite3.OperationalError) as e:
        if building and not _no_room(e):
            raise
        # The cache folder cannot be written, or has no room left: an index in memory,
        # for this command only.
        return _in_memory(store_path, sig)
    return _connect(path)


def odd_companion(path: Path) -> bool:
    """Whether something other than a regular file (a FIFO, a folder, a device, a symbolic link)
    lies where SQLite would open one of the index's companion files (:data:`COMPANIONS`)."""
    for suffix in COMPANIONS:
        try:
            st = os.lstat(f"{path}{suffix}")
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode):
            return True
    return False


def _no_room(error: Exception) -> bool:
    """Did a build fail because the cache's file system is full, over quota or read-only?"""
    import errno

    if isinstance(error, sqlite3.OperationalError):
        return getattr(error, "sqlite_errorcode", None) == getattr(sqlite3, "SQLITE_FULL", 13)
    return getattr(error, "errno", None) in (errno.ENOSPC, errno.EDQUOT, errno.EROFS)


def _in_memory(store_path: Path, sig: str) -> sqlite3.Connection:
    con = sqlite3.connect(":memory:")
    _build_from(con, store_path, sig)
    return con


def _stamp_ns() -> int:
    """A modification time no later write can give the file: an even second, 2-4 s ago."""
    return (time.time_ns() // 2_000_000_000 - 1) * 2_000_000_000


def _set_stamp(con: sqlite3.Connection, stamp: str) -> None:
    with con:
        con.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', ?)", (stamp,))


def _seal(path: Path, stamp: int) -> None:
    """Give the built file its stamp as modification time (or, where that does not hold, no stamp)."""
    os.utime(path, ns=(stamp, stamp))
    if os.stat(path).st_mtime_ns != stamp:  # the file system rounds or ignores it
        con = sqlite3.connect(path)
        try:
            _set_stamp(con, "")
        finally:
            con.close()


def _journal(path: Path) -> str:
    return f"{path}-journal"


def _recover(path: Path) -> os.stat_result | None:
    """Roll back what an update cut short left in the index (:mod:`kb.index.update`).

    An update writes in place under SQLite's rollback journal; if it was
    killed, the journal is "hot" and a read-only connection cannot open the
    file, nor may the file be replaced while the journal waits beside it (it
    would be played back into the new file).  A writable connection plays it
    back, restoring the index as it was before the update (which the open
    then finds stale: the store's signature moved on, and so did the file's
    time).  A journal that an update still at work holds is not hot and is
    left alone, as SQLite's locks decide.  Returns the file's status after.
    """
    with contextlib.suppress(sqlite3.Error):  # unreadable or locked: the open rebuilds it
        con = sqlite3.connect(path, timeout=2.0)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            con.close()
    try:
        return os.stat(path)
    except OSError:
        return None


def _changed_ns(store_path: Path) -> int:
    st = store_path.stat()
    return max(st.st_mtime_ns, st.st_ctime_ns)


def _build_from(con: sqlite3.Connection, store_path: Path, sig: str) -> None:
    from .build import build  # only when the index must be built

    racy = time.time_ns() - _changed_ns(store_path) < RACY_NS
    tables = Tables(store_path)
    build(con, tables, sig, digest=tables.digest if racy else "")


def read_only_uri(path: Path | str) -> str:
    """The SQLite URI that opens ``path`` read-only.  The path is made real (SQLite cannot
    follow a ``..`` past the root, as in ``~/../../x``) and percent-encoded (a ``?``, ``#``
    or ``%`` in a folder's name, or a path starting ``//``, would be read as URI syntax)."""
    return Path(os.path.realpath(path)).as_uri() + "?mode=ro"


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(read_only_uri(path), uri=True)
    con.execute("PRAGMA query_only=1")
    return con


def _digest(store_path: Path) -> str:
    import hashlib

    h = hashlib.sha1()
    with open(store_path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _open_if_fresh(path: Path, st: os.stat_result, sig: str,
                   store_path: Path) -> sqlite3.Connection | None:
    got = fresh(path, st, sig, store_path)
    return got[0] if got else None


def sound(meta: dict, st: os.stat_result) -> bool:
    """Whether an index's ``meta`` is of this kb's version and complete, and the
    file (status ``st``) unchanged since it was written."""
    stamp = meta.get("stamp")
    return meta.get("schema") == version() and stamp is not None and stamp in ("", str(st.st_mtime_ns))


def fresh(path: Path, st: os.stat_result, sig: str,
          store_path: Path) -> tuple[sqlite3.Connection, dict] | None:
    """A connection to the index at ``path`` (status ``st``) and its ``meta``,
    if it is the index of the store as it is now (signature ``sig``)."""
    if odd_companion(path):
        return None
    try:
        con = _connect(path)
        meta = dict(con.execute("SELECT key, value FROM meta"))
    except sqlite3.DatabaseError:
        return None
    if meta.get("signature") == sig and sound(meta, st):
        if not meta.get("digest"):
            return con, meta
        # Built "racily" soon after a change: the signature alone may not tell.
        if _digest(store_path) == meta["digest"]:
            if time.time_ns() - _changed_ns(store_path) >= RACY_NS:
                _settle(path, meta["stamp"])
            return con, meta
    con.close()
    return None


def _settle(path: Path, stamp: str) -> None:
    """The store is now old enough for its signature alone to show a change."""
    # In a read-only cache this fails, and the digest is checked again next time.
    with contextlib.suppress(sqlite3.Error, OSError):
        rw = sqlite3.connect(path, timeout=0.5)
        try:
            with rw:
                rw.execute("UPDATE meta SET value='' WHERE key='digest'")
        finally:
            rw.close()
        if stamp:  # the write moved the file's time: give it back its stamp
            os.utime(path, ns=(int(stamp), int(stamp)))
