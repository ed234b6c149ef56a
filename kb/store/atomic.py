"""Atomic file replacement: the one way kb writes a file that others read.

A reader of a store, an index or an export sees the old file or the new one,
never a half-written one, whatever happens to the writer (an exception, a
full disk, ``kill -9``):

* :func:`replacing` hands out an empty temporary file beside the target (same
  folder, so same file system), lets the caller fill it by path, flushes it
  to disk and moves it over the target with ``os.replace``, which is atomic on
  POSIX and Windows.  If the block raises, the temporary file is removed and
  the target is untouched.
* :func:`write_text` is :func:`replacing` for a text file written through a
  file object; :func:`write_all` and :func:`copy_range` fill a temporary file
  from bytes and from spans of another open file (the kernel copies those),
  :func:`write_pieces` from many of both, a few system calls for many pieces;
  :func:`past_tick` waits, after a replace, until a later change of the file
  would move its times.

What is replaced is what the name points to, and it keeps what it was:

* a symbolic link is followed (:func:`resolve`): the file it points to is
  replaced and the link stays a link; a caller writing a file of its own
  making (a cache) passes ``follow=False``, and a link there is refused as
  any other file that is not regular;
* the new file gets the old one's permission bits (a ``0640`` store stays
  ``0640``) and, where allowed, its owner and group; a file that did not
  exist is private (``0600``: an index holds a store's text, and a store may
  be private) unless the caller asks for another mode (``new_mode``;
  :func:`usual_mode` is what other tools would give it, ``0666`` less the
  umask);
* only a regular file (or nothing) is replaced: a directory, FIFO, device or
  socket at the target raises :class:`NotRegularFile` (an :class:`OSError`)
  before anything is created, so ``-o /dev/null`` never replaces a device.

Temporary files are named ``.<target>.<random>.tmp``, hidden from ``ls`` and
from globs of the target's name.  One that a killed writer left behind is
removed by the next successful write to the same target once it is older
than :data:`STALE_SECONDS`; a younger one may belong to a writer still at
work and is left alone.
"""

from __future__ import annotations

import errno
import os
import stat
import time
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Callable, Iterator, TypeVar

T = TypeVar("T")

STALE_SECONDS = 3600  # a temporary file this old belongs to no live writer
_RANDOM = 8  # length of tempfile's random part: letters, digits and '_'
_RANDOM_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


class NotRegularFile(OSError):
    """The target exists and is not a regular file (a directory, FIFO, device, socket)."""


def kind(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words."""
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISREG, "a regular file")):
        if test(mode):
            return name
    return "not a regular file"


def resolve(target: str | os.PathLike) -> Path:
    """The file a write to ``target`` changes: ``target`` with every symbolic link followed."""
    return Path(os.path.realpath(target))


def _fsync(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def usual_mode() -> int:
    """The mode a new file gets from most tools: ``0666`` less the process's umask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _take_over(tmp: str, old: os.stat_result | None, new_mode: int | None) -> None:
    """Give the temporary file the target's owner, group and permission bits (or a new file's)."""
    if old is None:
        if new_mode is not None:
            os.chmod(tmp, new_mode)
        return  # mkstemp made it 0600
    # The bits first: once the file is given away only its new owner (or CAP_FOWNER) may change them,
    # and a writer with CAP_CHOWN alone would be left with a file it can no longer chmod.
    os.chmod(tmp, stat.S_IMODE(old.st_mode) & 0o777)
    if hasattr(os, "chown"):
        now = os.stat(tmp)
        # Only root may give a file away, and only a member of the group may
        # give it that group; otherwise the writer's own stay, as any editor's save.
        if now.st_uid != old.st_uid:
            with suppress(PermissionError):
                os.chown(tmp, old.st_uid, old.st_gid)
        if os.stat(tmp).st_gid != old.st_gid:
            with suppress(PermissionError):
                os.chown(tmp, -1, old.st_gid)


def _is_ours(name: str, target: str) -> bool:
    """Whether ``name`` is one of :func:`replacing`'s temporary files for ``target``."""
    head, tail = f".{target}.", ".tmp"
    return (len(name) == len(head) + _RANDOM + len(tail) and name.startswith(head)
            and name.endswith(tail) and set(name[len(head):-len(tail)]) <= _RANDOM_CHARS)


def sweep(target: str | os.PathLike, now: float | None = None) -> list[str]:
    """Remove the temporary files of ``target`` older than :data:`STALE_SECONDS`.

    Only regular files of this process's owner, named as :func:`replacing`
    names them, are removed.  Returns the names removed.
    """
    target = Path(target)
    limit = (time.time() if now is None else now) - STALE_SECONDS
    uid = os.getuid() if hasattr(os, "getuid") else None
    removed = []
    with os.scandir(target.parent) as entries:
        for entry in entries:
            if not _is_ours(entry.name, target.name):
                continue
            try:
                st = entry.stat(follow_symlinks=False)
                if (stat.S_ISREG(st.st_mode) and st.st_mtime < limit
                        and (uid is None or st.st_uid == uid)):
                    os.unlink(entry.path)
                    removed.append(entry.name)
            except FileNotFoundError:  # another writer swept it first
                continue
    return removed


@contextmanager
def replacing(target: str | os.PathLike, new_mode: int | None = None,
              follow: bool = True, status: list | None = None) -> Iterator[Path]:
    """Yield the path of an empty temporary file that replaces ``target`` on success.

    The folder of ``target`` must exist.  ``new_mode``: the permission bits
    of the file if ``target`` does not exist yet (default ``0600``).  Raises :class:`OSError` before
    yielding when no file can be created there (a read-only folder) or the
    target is not a regular file, so a caller can choose another way.
    ``follow=False``: a symbolic link at ``target`` is not followed but refused.
    ``status``: a list the written file's status is appended to, taken through a descriptor on
    it right after the replace (the times, size and inode of the file this write made, even
    if another program replaces it at once; one that rewrites it in place within the same
    tick of the file system's clock is beyond what a status shows).
    """
    import tempfile  # costly to import: only where a file is written

    target = resolve(target) if follow else Path(os.path.abspath(target))
    try:
        old = os.stat(target) if follow else os.lstat(target)
    except FileNotFoundError:
        old = None
    if old is not None and not stat.S_ISREG(old.st_mode):
        what = "a symbolic link" if stat.S_ISLNK(old.st_mode) else kind(old.st_mode)
        raise NotRegularFile(errno.EINVAL, f"not a regular file ({what})", str(target))
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        _take_over(tmp, old, new_mode)
        yield Path(tmp)
        # the file this write made, held open (POSIX: elsewhere an open file may block the replace)
        fd = os.open(tmp, os.O_RDONLY) if status is not None and os.name == "posix" else None
        try:
            _fsync(tmp)
            os.replace(tmp, target)
            if status is not None:
                status.append(os.stat(target) if fd is None else os.fstat(fd))
        finally:
            if fd is not None:
                os.close(fd)
    except BaseException as e:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(e, OSError) and e.filename is None:  # os.write or fsync failed (a full disk)
            raise OSError(e.errno, f"{e.strerror or e}, left unchanged", str(target)) from e
        raise
    # The write is done; tidying up after writers killed long ago must not undo it.
    with suppress(OSError):
        sweep(target)


def past_tick(target: str | os.PathLike, probe: str | os.PathLike, limit: float = 0.05) -> bool:
    """Wait until the file system's clock has passed ``target``'s last change; whether it did.

    File times come from a coarse clock (a kernel tick, or whole seconds on
    some file systems), so a file changed twice within one tick, at the same
    size, can keep its times.  Once the clock has passed the last change, any
    later change (a write, a rename over it, a ``touch``) gives the file a
    later change time, which cannot be set back: its times alone then show
    it.  The clock is read by touching ``probe``, a file of ours beside the
    target, on the same device (a writer's lock file), and read again every
    millisecond up to ``limit`` seconds, about one tick where times are kept
    finely.  False where that cannot be known: a file system whose times are
    coarser than ``limit``, a probe on another device, any error.
    """
    try:
        st = os.stat(target)
        last = max(st.st_mtime_ns, st.st_ctime_ns)
        deadline = time.monotonic() + limit
        while True:
            os.utime(probe)  # its change time is now, on the file system's clock
            now = os.stat(probe)
            if now.st_dev != st.st_dev:
                return False
            if now.st_ctime_ns > last:
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.001)
    except OSError:
        return False


def write_all(fd: int, data) -> None:
    """All of ``data`` written to the open file ``fd``."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def copy_range(src: int, dst: int, start: int, end: int) -> None:
    """Bytes ``start`` to ``end`` of the open file ``src`` written to ``dst``: copied by the
    kernel where it can (``copy_file_range``: never through this process's memory), else read."""
    while start < end:
        try:
            n = os.copy_file_range(src, dst, end - start, start)
        except (AttributeError, OSError):  # no such call here, or not between these files
            n = 0
        if n <= 0:
            chunk = os.pread(src, min(end - start, 1 << 22), start)
            if not chunk:
                raise OSError(errno.EIO, "the file ended before the range to copy")
            write_all(dst, chunk)
            n = len(chunk)
        start += n


# A span of another file at least this long is copied by the kernel (copy_range); a shorter
# one is written from memory with its neighbours, many in one call (write_pieces): at 100,000
# events a write of 1,000 documents splices ~17,000 records into the file, and a system call
# for each span cost more than the bytes.
_KERNEL = 1 << 20


def _iov_max() -> int:
    """How many pieces one ``os.writev`` takes here (1: no such call, write them one by one)."""
    if not hasattr(os, "writev"):
        return 1
    try:
        return max(1, min(os.sysconf("SC_IOV_MAX"), 1024))
    except (ValueError, OSError):  # the limit is not known: POSIX's least
        return 16


_BATCH = _iov_max()


def write_pieces(dst: int, pieces, src: int | None = None, view=None) -> None:
    """Write ``pieces`` in order to the open file ``dst``: each a bytes-like object, or a
    ``(start, end)`` span of the open file ``src`` (``view``: that file's bytes, mapped, if at
    hand).  Long spans are copied by the kernel (:func:`copy_range`); the rest are gathered
    and written :data:`_BATCH` at a time (``os.writev``).  The bytes written are the same."""
    batch: list = []
    for piece in pieces:
        if isinstance(piece, tuple):
            start, end = piece
            if end - start >= _KERNEL or (view is None and src is not None and end - start > 1 << 16):
                _flush(dst, batch)
                copy_range(src, dst, start, end)
                continue
            piece = view[start:end] if view is not None else os.pread(src, end - start, start)
            if len(piece) != end - start:
                raise OSError(errno.EIO, "the file ended before the range to copy")
        if len(piece):
            batch.append(piece)
            if len(batch) >= _BATCH:
                _flush(dst, batch)
    _flush(dst, batch)


def _flush(dst: int, batch: list) -> None:
    """Write the gathered pieces, all of them (a short write goes on where it stopped); empties
    ``batch``."""
    if _BATCH == 1 or len(batch) == 1:
        for piece in batch:
            write_all(dst, piece)
    else:
        i = 0
        while i < len(batch):
            n = os.writev(dst, batch[i:i + _BATCH])
            if n <= 0:
                raise OSError(errno.EIO, "nothing was written")
            while i < len(batch) and n >= len(batch[i]):
                n -= len(batch[i])
                i += 1
            if n:  # the piece it stopped in: the rest of it first
                batch[i] = memoryview(batch[i])[n:]
    batch.clear()


def sha1_of(fd: int) -> str:
    """The SHA-1 of the bytes of the open file ``fd``."""
    import hashlib

    h, at = hashlib.sha1(), 0
    while chunk := os.pread(fd, 1 << 22, at):
        h.update(chunk)
        at += len(chunk)
    return h.hexdigest()


def write_text(target: str | os.PathLike, write: Callable[[IO[str]], T],
               new_mode: int | None = None) -> T:
    """Call ``write(fh)`` on a UTF-8 text file that atomically becomes ``target``.

    Returns what ``write`` returns.  Newlines are written as given.
    """
    with replacing(target, new_mode) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            result = write(fh)
    return result


def write_bytes(target: str | os.PathLike, data: bytes, new_mode: int | None = None,
                follow: bool = True, status: list | None = None) -> None:
    """Atomically make ``target`` hold exactly ``data`` (``follow``, ``status``: see :func:`replacing`)."""
    with replacing(target, new_mode, follow, status) as tmp:
        tmp.write_bytes(data)
