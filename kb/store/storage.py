"""The on-disk layout of a kb store, and the TinyDB storage that keeps it.

The layout is JSON with sorted keys, indented one space a level, in UTF-8
(no ``\\u`` escapes for text), ending with a newline: what
``json.dump(data, fh, indent=1, sort_keys=True, ensure_ascii=False)`` writes,
so a diff of the store shows each changed record and nothing else.

:func:`encode` writes it with orjson (several times faster than the
standard library, whose indenting encoder is pure Python): orjson indents
by two spaces, and :func:`reindent` turns that into one, deepest level first.
The bytes are the standard library's except for floats written with an
exponent (orjson's ``1e16`` for ``1e+16``, the same number).  Where orjson
would not write the same value the standard library writes the document, as
before: an integer beyond 64 bits, a key that is not a string, a value
nested deeper than 255 levels.  A float that is NaN or infinite (``1e999``
reads as infinity), kept from a table or field kb does not check, is written
by neither (the standard library would write ``Infinity``, which no other JSON
reader takes): the write is refused (:class:`~kb.errors.StoreError`).
:func:`encode_record` writes one record the same way at its depth in the file, for writes that replace only the records they change
(:mod:`kb.store.writer`).

:class:`AtomicJSONStorage` is TinyDB's JSON storage with three promises kept:

* a write never leaves a half-written file (:mod:`kb.store.atomic`);
* the file is in the layout above;
* it reads the file as every other reader does (:class:`kb.store.reader.Tables`),
  so what the index refuses, TinyDB refuses too, with the same one line.

Opened with ``read_only=True`` it refuses every write; this is how the
shipped knowledge base is opened.
"""

from __future__ import annotations

import json
import math
import os
from typing import Any

from tinydb.storages import Storage

from . import atomic

UNIT = b" "  # one level of indentation on disk
_PAD = [b"\n" + b"  " * k for k in range(257)]  # orjson's indentation, level k
_MARK = [b"\n" + b"\0" * k for k in range(257)]  # level k, already converted


class ReadOnlyError(PermissionError):
    """A write was attempted on a store opened read-only."""


def reindent(data: bytes, unit: bytes = UNIT, base: int = 0) -> bytes:
    """orjson's two-space indentation of ``data`` turned into ``unit`` a level, plus ``base`` levels.

    Each line starts with a newline and two spaces a level; no string holds a
    raw newline or NUL (JSON escapes them), so replacing the indentation of
    the deepest level first, through a NUL placeholder, touches nothing else.
    """
    if unit != b"  ":
        depth = 1
        while depth < len(_PAD) and _PAD[depth] in data:
            depth += 1
        for k in range(depth - 1, 0, -1):
            data = data.replace(_PAD[k], _MARK[k])
        data = data.replace(b"\0", unit)
    return data.replace(b"\n", b"\n" + unit * base) if base else data


_SCALARS = frozenset({str, int, bool, type(None)})


def _finite(value) -> bool:
    """Whether orjson writes ``value`` as the standard library does: no NaN or infinite float."""
    kind = type(value)
    if kind in _SCALARS:
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        value = value.values()
    elif not isinstance(value, (list, tuple)):
        return True  # neither writes it: the standard library's error, as before
    return _SCALARS.issuperset(set(map(type, value))) or all(map(_finite, value))


def _json(data: Any, unit: bytes, base: int) -> bytes:
    try:
        text = json.dumps(data, indent=len(unit), sort_keys=True, ensure_ascii=False, allow_nan=False)
    except ValueError:  # NaN or an infinity (1e999 reads as one) kept from a field kb does not check
        from ..errors import StoreError

        raise StoreError("a value in the store is NaN or infinite (as 1e999 reads), which JSON cannot "
                         "write: nothing was written") from None
    out = text.encode("utf-8")
    return out.replace(b"\n", b"\n" + unit * base) if base else out


def encode_value(data: Any, unit: bytes = UNIT, base: int = 0, finite: bool | None = None) -> bytes:
    """``data`` in the store layout (no final newline), its lines indented ``base`` more levels.

    ``finite=True`` says the caller knows ``data`` holds no NaN or infinite
    float (it was read by orjson or made by kb), which spares a walk over it.
    A value nested deeper than the walk or the standard library's encoder
    follows (Python's decoder reads deeper than they write) is a
    :class:`~kb.errors.StoreError`, raised before anything is written.
    """
    try:
        if finite is None:
            finite = _finite(data)
        if finite:
            import orjson

            try:
                raw = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
            except (orjson.JSONEncodeError, TypeError):
                return _json(data, unit, base)
            return reindent(raw, unit, base)
        return _json(data, unit, base)
    except RecursionError:  # the walk (_finite) or json.dumps, on a deep value: no write was begun
        from ..errors import StoreError

        raise StoreError("a value in the store is nested too deeply to write (inside hundreds of lists "
                         "or objects); nothing was written") from None


def encode(data: Any, finite: bool | None = None) -> bytes:
    """A whole store in its layout, with the final newline."""
    return encode_value(data, finite=finite) + b"\n"


def encode_record(record: dict, unit: bytes = UNIT, finite: bool | None = None) -> bytes:
    """One record as it stands in a table (two levels deep), from its ``{`` to its ``}``."""
    return encode_value(record, unit, 2, finite)


def dump(data: Any, fh) -> None:
    """Write ``data`` in the store layout to a text file opened for UTF-8."""
    fh.write(encode(data).decode("utf-8"))


def write_json(path: str | os.PathLike, data: Any, finite: bool | None = None,
               status: list | None = None) -> None:
    """Write ``data`` to ``path`` in the store layout, atomically (:mod:`kb.store.atomic`;
    ``status``: see :func:`kb.store.atomic.replacing`)."""
    out = encode(data, finite)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    atomic.write_bytes(path, out, status=status)


class AtomicJSONStorage(Storage):
    """JSON storage whose writes are atomic and whose reads never create files."""

    def __init__(self, path: str, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only

    def read(self) -> dict | None:
        from pathlib import Path

        from .reader import Tables, open_store

        path = Path(self.path)
        fd = open_store(path)
        if fd is None:
            return None
        try:
            return Tables(path, digest=False, fd=fd).document()
        finally:
            os.close(fd)

    def write(self, data: dict) -> None:
        if self.read_only:
            raise ReadOnlyError(f"{self.path} is read-only")
        write_json(self.path, data)

    def close(self) -> None:
        pass
