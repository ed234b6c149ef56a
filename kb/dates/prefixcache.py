"""What the date scanners derive from their patterns, kept in kb's cache folder: :func:`kept`.

Reading patterns' prefixes from their syntax (:func:`kb.dates.prefilter.prefixes`) and
merging them into a tree (:class:`kb.dates.dispatch.Dispatch`) is pure: the same
sources give the same tree in the same Python.  The rule registry's scanner
(:mod:`kb.dates.scan`) derives its tree and its prefilter from its 81 rules in each
process that scans text with them, ~0.35 s (their word lists make some rules thousands
of prefixes long, 15,000 in all, in a tree of 11,000 nodes), which a one-line document
with a weekday in it paid as much as a long one; read back from the file, ~0.02 s.

:func:`kept` keeps such plain data in a file of kb's cache folder
(:func:`kb.store.paths.cache_dir`, as the gazetteer keeps its place names), named by a
digest of everything it depends on: the inputs the caller names (the sources, the
widths), the Python version and the bytes of the modules that derive it
(:data:`DERIVED_BY`), so that a change to any of them derives it again;
the file also holds that digest, and is read only as a regular file of its own (no
link followed).  A file that cannot be read, or does not hold what it should, is made
again; where the folder cannot be written (or no cache folder can be named), the data
is derived each time, as before.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
from pathlib import Path
from typing import Callable

#: the modules whose code derives what is kept (the prefixes, the tree, what a rule's matches
#: hold, what the scanner makes of them): a change to any derives it again
DERIVED_BY = ("prefilter.py", "dispatch.py", "needs.py", "scan.py")


@functools.cache
def _code_digest() -> bytes:
    h = hashlib.sha1(sys.version.encode())
    for name in DERIVED_BY:
        h.update(Path(__file__).with_name(name).read_bytes())
    return h.digest()


def _file(inputs: tuple[str, ...]) -> Path:
    from ..store.paths import cache_dir

    h = hashlib.sha1(_code_digest())
    for s in inputs:
        h.update(s.encode("utf-8", "surrogatepass") + b"\0")
    return cache_dir() / f"dates-scanner-{h.hexdigest()[:20]}.json"


def _read(path: Path) -> bytes | None:
    """The bytes of the cache file, when it is a regular file of its own (no link followed)."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return fh.read()
    except OSError:
        return None
    finally:
        os.close(fd)


def kept(inputs: tuple[str, ...], make: Callable[[], dict], valid: Callable[[dict], bool]) -> dict:
    """``make()`` (a dictionary of plain data: strings, numbers, lists, dictionaries),
    as a file of kb's cache folder keyed by ``inputs`` holds it when one does and
    ``valid`` accepts what it holds, else made now and kept there.  Either way the answer
    is what the file would give back (tuples read as lists, keys as strings)."""
    import orjson

    try:
        path = _file(tuple(inputs))
    except Exception:   # noqa: BLE001 - no cache folder (a KB_CACHE_DIR refused, no home): made each time
        path = None
    if path is not None:
        raw = _read(path)
        if raw is not None:
            try:
                got = orjson.loads(raw)
            except ValueError:      # (orjson's error is a ValueError) a damaged file: made again
                got = None
            if isinstance(got, dict) and got.get("key") == path.stem and isinstance(got.get("data"), dict) \
                    and valid(got["data"]):
                return got["data"]
    data = orjson.dumps({"key": path.stem if path is not None else None, "data": make()})
    if path is not None:
        _write(path, data)
    return orjson.loads(data)["data"]


def _write(path: Path, data: bytes) -> None:
    from ..store.atomic import write_bytes

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, data, follow=False)
    except OSError:
        return      # a folder that cannot be written: made again next time
