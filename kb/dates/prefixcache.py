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
the file also holds that digest and a CRC-32 of the data's bytes (:func:`pack`), checked
before the data is read: damage that still parses as JSON (a rule's number shifted, a
node made a number) would otherwise be trusted, and the tree is opened node by node in
the middle of a scan.  It is read only as a regular file of its own (no link followed).
A file that cannot be read, or does not hold what it should, is made again (and written
again, atomically); where the folder cannot be written (or no cache folder can be
named), the data is derived each time, as before.  A write leaves the :data:`KEEP`
newest such files of the folder and removes older ones (left by other versions of kb
or of Python), so that the folder does not grow without bound.
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
DERIVED_BY = ("prefilter.py", "dispatch.py", "needs.py", "scan.py", "prefixcache.py")

#: how many of the newest ``dates-scanner-*.json`` files a write leaves in the cache folder
KEEP = 4


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


def pack(key: str, data: bytes) -> bytes:
    """The file's bytes: JSON ``{"key": key, "crc": "<CRC-32 of data, 8 hex digits>", "data": data}``,
    ``data`` (JSON bytes) written as it is so that :func:`unpack` finds and checks it unparsed."""
    import zlib

    return b'{"key":"%s","crc":"%08x","data":%s}' % (key.encode(), zlib.crc32(data), data)


def unpack(key: str, raw: bytes) -> bytes | None:
    """The data's bytes of a file :func:`pack` wrote for ``key``, when its CRC-32 holds; else None."""
    import zlib

    head = b'{"key":"%s","crc":"' % key.encode()
    at = len(head) + 8
    if not raw.startswith(head) or raw[at:at + 9] != b'","data":' or not raw.endswith(b"}"):
        return None
    data = raw[at + 9:-1]
    try:
        crc = int(raw[len(head):at], 16)
    except ValueError:
        return None
    return data if zlib.crc32(data) == crc else None


def kept(inputs: tuple[str, ...], make: Callable[[], dict], valid: Callable[[dict], bool]) -> dict:
    """``make()`` (a dictionary of plain data: strings, numbers, lists, dictionaries),
    as a file of kb's cache folder keyed by ``inputs`` holds it when one does (its
    CRC-32 holding) and ``valid`` accepts what it holds, else made now and kept there.
    Either way the answer is what the file would give back (tuples read as lists, keys
    as strings)."""
    import orjson

    try:
        path = _file(tuple(inputs))
    except Exception:   # noqa: BLE001 - no cache folder (a KB_CACHE_DIR refused, no home): made each time
        path = None
    if path is not None:
        from ..store.paths import read_regular

        raw = read_regular(path)   # a regular file of its own: no link followed
        data = unpack(path.stem, raw) if raw is not None else None
        if data is not None:
            try:
                got = orjson.loads(data)
            except ValueError:      # (orjson's error is a ValueError) bytes that are no JSON: made again
                got = None
            if isinstance(got, dict) and valid(got):
                return got
    data = orjson.dumps(make())
    if path is not None:
        _write(path, pack(path.stem, data))
    return orjson.loads(data)


def _write(path: Path, data: bytes) -> None:
    from ..store.atomic import write_bytes

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, data, follow=False)
    except OSError:
        return      # a folder that cannot be written: made again next time
    _prune(path)


def _prune(path: Path) -> None:
    """Remove the ``dates-scanner-*.json`` files of ``path``'s folder beyond the
    :data:`KEEP` newest (``path``, just written, among them); links and regular files
    only (a link is removed, never followed), what cannot be removed is left."""
    import stat

    found = []
    try:
        for entry in os.scandir(path.parent):
            if entry.name.startswith("dates-scanner-") and entry.name.endswith(".json") and entry.name != path.name:
                try:
                    st = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                if stat.S_ISREG(st.st_mode) or stat.S_ISLNK(st.st_mode):
                    found.append((st.st_mtime, entry.name))
    except OSError:
        return
    for _t, name in sorted(found, reverse=True)[KEEP - 1:]:
        try:
            os.unlink(path.parent / name)
        except OSError:
            continue    # another process removed it, or the folder is not ours to change
