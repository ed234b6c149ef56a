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
  file object.

Temporary files are named ``.<target>.<random>.tmp``, hidden from ``ls`` and
from globs of the target's name.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Callable, Iterator, TypeVar

T = TypeVar("T")


def _fsync(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def replacing(target: str | os.PathLike) -> Iterator[Path]:
    """Yield the path of an empty temporary file that replaces ``target`` on success.

    The folder of ``target`` must exist.  Raises :class:`OSError` before
    yielding when no file can be created there (a read-only folder), so a
    caller can choose another way.
    """
    import tempfile  # costly to import: only where a file is written

    target = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        _fsync(tmp)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def write_text(target: str | os.PathLike, write: Callable[[IO[str]], T]) -> T:
    """Call ``write(fh)`` on a UTF-8 text file that atomically becomes ``target``.

    Returns what ``write`` returns.  Newlines are written as given.
    """
    with replacing(target) as tmp:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            result = write(fh)
    return result


def write_bytes(target: str | os.PathLike, data: bytes) -> None:
    """Atomically make ``target`` hold exactly ``data``."""
    with replacing(target) as tmp:
        tmp.write_bytes(data)
