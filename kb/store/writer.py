"""Changing a store: checked first, then under a lock, in memory, written once, atomically.

:func:`writing` never clobbers.  Before anything is created, the lock file
included, it makes sure the target is a store it may write:

* not the shipped knowledge base (never written);
* a symbolic link is followed: the file it points to is the store, the lock
  is taken beside that file, and the link stays a link;
* a regular file or nothing (a directory, FIFO or device is refused at
  once), writable by this user, with one name: a store with hard links is
  refused, since replacing it would leave its other names holding the old
  store (and a writer through another name would not share the lock);
* in a folder this user may write (the lock file and the new store are made
  there), on a file system not mounted read-only, each said in one line;
* a store (:class:`kb.store.reader.Tables`) whose records are sound
  (:mod:`kb.store.check`): a store kb cannot read is reported in one line and
  left as it is, byte for byte.

Then it takes a cross-process lock (``<store>.lock``: a symbolic link or a
folder in its place is named, with what to do); if the file changed
while the lock was awaited, it is read and checked again.  Just before the
write it checks once more that the file is the one it read: a program that
does not take kb's lock (an editor, ``cp``, a sync tool) may have replaced or
rewritten it meanwhile, and its file is then left as it is and nothing is
written (:class:`~kb.errors.StoreError`, exit 2).  Changes are kept
in memory and written once, on leaving the block, atomically
(:mod:`kb.store.atomic`, which keeps the file's permission bits), so
concurrent writers lose nothing and an interrupted write leaves the previous
store intact.  :func:`current` is what a write would start from, for a dry
run.

:func:`writing` hands out a TinyDB over the whole store in memory.
:func:`editing` is the same promise for a write whose cost follows what it
changes (``kb ingest``): an :class:`~kb.store.edit.Edit` streams the records past the
caller once, checking each (the caller keeps what it needs), then takes the
records added and replaced, and writes a store in kb's layout by copying the
bytes of every other record as they are (:meth:`Edit.write`): the same file
a full rewrite would give.  A store in another layout is read and rewritten
whole, as :func:`writing` does.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, TypeVar

from ..errors import StoreError
from . import atomic
from .check import check_store
from .edit import Edit, _seed
from .paths import shipped_path
from .reader import TABLES, Tables, open_store

T = TypeVar("T")

if TYPE_CHECKING:
    from tinydb import TinyDB


class _Read:
    """The store as read before the lock: its checked contents and the file they came from.

    On POSIX the file stays open until the write is done, so its inode cannot
    be given to another file meanwhile and "same inode, size and times" means
    "same file".  (Elsewhere an open file can block another writer's
    ``os.replace``, so it is closed at once and the times and size decide.)
    """

    def __init__(self, target: Path, name: Path, whole: bool = True):
        self.fd = open_store(target, name)
        self.stat = None
        self.doc: dict | None = None
        self.tables: Tables | None = None  # with ``whole=False``: read when first asked for
        self.target, self.name = target, name
        if self.fd is None:
            return
        try:
            self.stat = os.fstat(self.fd)
            if whole:
                self.doc = Tables(target, digest=False, fd=self.fd, name=name).document()
                check_store(name, self.doc or {})
            elif os.name != "posix":
                self.open_tables()
        except BaseException:
            self.close()
            raise
        if os.name != "posix":
            self.close()

    def open_tables(self) -> Tables:
        """The file's records (:class:`Tables`), read from the open file the first time."""
        if self.tables is None:
            self.tables = Tables(self.target, digest=False, fd=self.fd, name=self.name, exact=False)
        return self.tables

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


def _still(read: _Read, path: Path, target: Path) -> None:
    """Refuse to write over a file that is no longer the one ``read`` read (module docstring)."""
    if not read.unchanged(target):
        raise StoreError(f"{path} was changed by another program while kb worked on it "
                         "(one that does not take kb's lock); nothing was written: run the command again")


def _lock_fault(err: OSError, path: Path, target: Path) -> str:
    """One line for a lock file kb cannot take: a link or folder in its place, or a folder it cannot write."""
    import errno

    lock = Path(f"{target}.lock")
    if os.path.islink(lock) or err.errno == errno.ELOOP:
        return (f"{lock} (the lock file of {path}) is a symbolic link, and kb takes its lock only in a "
                "regular file; nothing was written: remove the link and run the command again")
    if lock.is_dir() or err.errno == errno.EISDIR:
        return (f"{lock} (the lock file of {path}) is a folder; nothing was written: "
                "move it away and run the command again")
    if err.errno == errno.EROFS or (err.errno in (errno.EACCES, errno.EPERM) and not lock.exists()
                                    and not os.access(target.parent, os.W_OK)):
        return _unwritable_folder(path, target, err.errno == errno.EROFS)
    return f"the lock file {lock} of {path} cannot be opened for writing ({err.strerror}); nothing was written"


def _unwritable_folder(path: Path, target: Path, read_only_fs: bool) -> str:
    why = "is on a read-only file system" if read_only_fs else "cannot be written"
    return (f"the folder {target.parent} holding {path} {why} (kb writes its lock file and the new store "
            "there); nothing was written: make the folder writable or copy the store elsewhere")


def _read_only_fs(path: Path) -> bool:
    """Whether ``path`` lies on a file system mounted read-only."""
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs here: say what the permission bits say
        return False


@contextmanager
def _locked(path: Path, prepare: Callable[[Path, _Read], T], whole: bool,
            timeout: float) -> Iterator[tuple[Path, T, _Read]]:
    """Check the target (module docstring), ``prepare`` what was read, lock; prepare again
    if the file changed while the lock was awaited.  Yields the file, what ``prepare`` made and
    the read it made it from (for :func:`_still`)."""
    from filelock import FileLock, Timeout

    if atomic.resolve(path) == atomic.resolve(shipped_path()):  # realpath: a link loop is no error here
        raise StoreError(f"{path} is the shipped knowledge base and is never written; "
                         "use --db or KB_DB to name a store")
    target = atomic.resolve(path)
    read = _Read(target, path, whole)
    try:
        state = prepare(target, read)
        if read.stat is not None and not os.access(target, os.W_OK):
            if _read_only_fs(target):
                raise StoreError(f"{path} is on a read-only file system; nothing was written")
            raise StoreError(f"{path} is read-only (no write permission); nothing was written")
        if target.parent.is_dir() and not os.access(target.parent, os.W_OK):  # the lock and the new store go there
            raise StoreError(_unwritable_folder(path, target, _read_only_fs(target.parent)))
        if read.stat is not None and read.stat.st_nlink > 1:  # a replace would split the names
            raise StoreError(f"{path} has {read.stat.st_nlink} names (hard links), and kb writes a store "
                             "by replacing it, which would leave the other names with the old store; "
                             "nothing was written: copy it to a file of its own and use that")
        if os.path.islink(path) and not target.parent.is_dir():  # mkdir would make a folder the link names
            raise StoreError(f"{path} is a symbolic link to {target}, whose folder does not exist; "
                             "nothing was written")
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(target) + ".lock")
        try:
            lock.acquire(timeout=timeout)
        except Timeout:
            raise StoreError(f"{path} is locked by another kb process") from None
        except OSError as err:  # the lock file cannot be made or opened: say which and why
            raise StoreError(_lock_fault(err, path, target)) from None
        try:
            if not read.unchanged(target):  # another writer came first: start from its store
                read.close()
                read = _Read(target, path, whole)
                state = prepare(target, read)
            yield target, state, read
        finally:
            lock.release()
    finally:
        read.close()


@contextmanager
def writing(path: Path, timeout: float = 60.0) -> Iterator[TinyDB]:
    """Check the store, lock it, yield a TinyDB on it, write it back atomically on success.

    Changes are cached in memory and written once, on leaving the block; an
    exception inside the block writes nothing.  Raises
    :class:`~kb.errors.StoreError` before creating anything when the target
    is not a store this user may write (see the module docstring).
    """
    from tinydb import TinyDB

    from .storage import write_json

    def prepare(target: Path, read: _Read) -> _Memory:
        return _Memory(_seed(target) if read.stat is None else read.doc)

    with _locked(path, prepare, True, timeout) as (target, storage, read):
        yield TinyDB(storage=lambda: storage)
        if storage.dirty:
            _still(read, path, target)
            write_json(target, storage.data)


def peek(path: Path, collect: Callable[[Edit], T]) -> T:
    """What ``collect`` makes of the records a write to ``path`` would start from, checked;
    no lock, nothing created (a dry run).  An index :meth:`Edit.ask` opened stays open for it."""
    target = atomic.resolve(path)
    read = _Read(target, path, whole=False)
    try:
        edit = Edit(target, path, read)
        result = collect(edit)
        edit.finish()
        edit.remember()
        return result
    finally:
        read.close()


@contextmanager
def editing(path: Path, collect: Callable[[Edit], T], timeout: float = 60.0,
            written: Callable[[Edit], None] | None = None) -> Iterator[tuple[Edit, T]]:
    """:func:`writing` for a write whose cost follows its changes (module docstring).

    ``collect(edit)`` reads the store (:meth:`Edit.read`) before the lock is
    taken, and again if the file changed meanwhile; the block gets the edit
    and what ``collect`` returned, and makes its changes on the edit, which
    are written on leaving the block, under the lock.  ``written(edit)``, if
    given, is called after a write, still under the lock.
    """
    def prepare(target: Path, read: _Read) -> tuple[Edit, T]:
        edit = Edit(target, path, read)
        result = collect(edit)
        edit.finish()
        return edit, result

    from ..index import update as index_update  # the index follows the write

    with _locked(path, prepare, False, timeout) as (target, (edit, result), read):
        try:
            yield edit, result
        finally:
            edit.close()
        if not (edit.added or edit.replaced):
            edit.remember()  # the file read, if its records were checked one by one
            return
        # The index's claim on the file read (unchanged since: the lock), else asked for now.
        before = edit.before or index_update.before(target)
        _still(read, path, target)
        if edit.write(target):
            settled = atomic.past_tick(target, Path(f"{target}.lock"))
            stored = edit.stored() if before else None  # no index to follow: not decoded
            index_update.apply(target, before, **(stored or edit.records()), keys=edit.keys(),
                               stored=stored is not None,
                               digest=None if settled else edit.digest(), settled=settled,
                               layout=edit.layout, written=edit.written)
            edit.remember()  # the file written, checked: the next write need not check it again
            if written is not None:
                written(edit)
