"""Reading a store: its signature, all of it at once, or one record at a time.

A store is one TinyDB JSON file with the tables ``sources``, ``entities`` and
``events`` (record shapes in the README's *Data model*).  :func:`load` reads
it whole; :class:`Tables` streams its records for the index;
:func:`signature` says when the file has changed.

Every way in reads the file through :class:`Tables`, so every command agrees
on what a store is, and refuses the same files with the same one line
(:class:`~kb.errors.StoreError`):

* a regular file (a FIFO, device or directory is refused at once, never
  opened for a read that could hang);
* UTF-8 text without a byte-order mark (a mark means another program saved
  the file; kb writes none, and refuses rather than guess);
* empty (an empty store), or one JSON object whose members ``sources``,
  ``entities`` and ``events`` are objects of records keyed by document
  number (``"1"``, ``"2"``...), each record an object, no number twice, no
  member twice, nothing after the object, and no value nested deeper than
  the JSON decoder can follow.

What each record must hold is :mod:`kb.store.check`'s concern.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path

from ..errors import StoreError

TABLES = ("sources", "entities", "events")
BOM = b"\xef\xbb\xbf"


def _regular(path, st: os.stat_result) -> None:
    if not stat.S_ISREG(st.st_mode):
        from .atomic import kind

        raise StoreError(f"{path} is not a regular file ({kind(st.st_mode)}); a store is a JSON file")


def signature(path: Path) -> str:
    """What changes whenever the file is replaced or rewritten.

    Modification and change times (the change time moves on every write,
    rename or ``touch``, and cannot be set back), size, device and inode.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        raise StoreError(f"no store at {path}") from None
    _regular(path, st)
    return f"{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_size}:{st.st_dev}:{st.st_ino}"


def open_store(path: Path, name=None) -> int | None:
    """A read-only descriptor on the store file, or None when there is none.

    What is not a regular file is refused before it is opened, and the open
    itself does not wait (``O_NONBLOCK``), so a FIFO swapped in meanwhile
    cannot hang the read either.  Messages call the file ``name`` (default:
    ``path``).
    """
    name = name or path
    try:
        _regular(name, os.stat(path))
    except FileNotFoundError:
        return None
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    try:
        _regular(name, os.fstat(fd))
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_bytes(path: Path, fd: int | None = None) -> bytes:
    """The bytes of the store file (from ``fd`` if given, which stays open)."""
    own = fd is None
    if own:
        fd = open_store(path)
        if fd is None:
            raise StoreError(f"no store at {path}")
    try:
        with os.fdopen(fd, "rb", closefd=False) as fh:
            fh.seek(0)
            return fh.read()
    finally:
        if own:
            os.close(fd)


def load(path: Path) -> dict[str, list[dict]]:
    """Every record of the store, table by table, in file order (TinyDB's order).

    The same records TinyDB's storage (:mod:`kb.store.storage`) reads, and
    refused in the same words.
    """
    fd = open_store(path)
    if fd is None:
        raise StoreError(f"no store at {path}")
    try:
        doc = Tables(path, digest=False, fd=fd).document() or {}
    finally:
        os.close(fd)
    return {name: list(doc.get(name, {}).values()) for name in TABLES}


_WS = re.compile(r"[ \t\n\r]*")
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")  # an escaped UTF-16 surrogate, paired or not


def _not_text(value) -> str | None:
    """Whether a decoded value holds a string that is not Unicode text, said in words.

    JSON may escape half of a UTF-16 pair (``"\\ud800"``); Python decodes it to
    a lone surrogate that no UTF-8 file, database or terminal can take.  Only
    files with such escapes are checked (:data:`_SURROGATE`).
    """
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as e:
        return f"holds a lone UTF-16 surrogate ({e.object[e.start]!a}), which is not text"
    except RecursionError:
        return "is nested too deeply"
    return None
_WHAT = {"{": "an object", "[": "a list", '"': "a string", "t": "true", "f": "false", "n": "null"}


class Tables:
    """The records of a store read one at a time, for building the index.

    :func:`load` holds the whole store as Python objects (several times the
    file's size in memory) and goes through TinyDB's documents; this reader
    holds only the file's text and decodes one record at a time with the same
    JSON decoder, so the index of a large store is built in a fraction of the
    time and memory.  ``records(name)`` yields a table's records in file
    order, as TinyDB would (``items(name)`` with their document numbers);
    tables may be asked for in any order (a table the file holds earlier is
    skipped over, and read again when asked for).  :meth:`finish` reads the
    rest of the file, so a fault after the last table asked for is found too;
    :meth:`document` reads the whole file as TinyDB's storage returns it.
    ``digest`` is a SHA-1 of the file's bytes (``""`` with ``digest=False``);
    ``fd`` reads an open descriptor instead of opening ``path``; messages
    call the file ``name`` (default: ``path``).

    A file that is not a store (see the module docstring) raises
    :class:`~kb.errors.StoreError` with one line saying where and why.
    """

    def __init__(self, path: Path, digest: bool = True, fd: int | None = None, name=None):
        import hashlib

        raw = read_bytes(path, fd)
        self.path = name or path  # as messages call it
        self.digest = hashlib.sha1(raw).hexdigest() if digest else ""
        if raw.startswith(BOM):
            self._bad("it starts with a UTF-8 byte-order mark (save it as UTF-8 without one)")
        try:
            self.text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            self._bad(f"it is not UTF-8 text (byte 0x{raw[e.start]:02x} at offset {e.start})")
        del raw
        self._dec = json.JSONDecoder()
        self._escapes = _SURROGATE.search(self.text) is not None  # see _not_text
        self._tables: dict[str, int] = {}  # member name -> offset of its value
        self._pending: tuple[str, int] | None = None  # the member read up to its value
        self._done = False
        pos = self._skip(0)
        self.empty = pos >= len(self.text)  # an empty file: an empty store
        if self.empty:
            self._done = True
        elif self.text[pos] != "{":
            self._bad(f"it holds {self._what(pos)}, not an object of tables")
        else:
            self._first(self._skip(pos + 1))

    # -- scanning ----------------------------------------------------------------
    def _skip(self, pos: int) -> int:
        return _WS.match(self.text, pos).end()

    def _bad(self, why: str):
        raise StoreError(f"{self.path} is not a readable kb store: {why}")

    def _expected(self, what: str, pos: int):
        if pos >= len(self.text):
            self._bad(f"it ends (at offset {pos}) before its objects are closed: cut short?")
        self._bad(f"expected {what} at offset {pos}")

    def _what(self, pos: int) -> str:
        ch = self.text[pos:pos + 1]
        if not ch:
            return "nothing"
        if ch in _WHAT:
            return _WHAT[ch]
        if ch in "-0123456789":
            return "a number"
        return f"no JSON value ({ch!r} at offset {pos})"

    def _decode(self, pos: int, record: tuple[str, str] | None = None):
        """The JSON value at ``pos`` and its end; ``record`` (table, key) names it in a fault."""
        try:
            value, end = self._dec.raw_decode(self.text, pos)
        except json.JSONDecodeError as e:
            raise StoreError(f"{self.path} is not a readable kb store: {e}") from None
        except RecursionError:
            if record:
                self._record(*record, "it is nested too deeply")
            self._bad(f"a value at offset {pos} is nested too deeply")
        if self._escapes:
            fault = _not_text(value)
            if fault and record:
                self._record(*record, fault, value)
            if fault:
                self._bad(f"the value at offset {pos} {fault}")
        return value, end

    def _key(self, pos: int) -> tuple[str, int]:
        """A member's name at ``pos``, and the offset of its value."""
        text = self.text
        if text[pos:pos + 1] != '"':
            self._expected("a name in double quotes", pos)
        key, pos = self._decode(pos)
        pos = self._skip(pos)
        if text[pos:pos + 1] != ":":
            self._expected("':'", pos)
        return key, self._skip(pos + 1)

    # -- the top level: one member at a time -----------------------------------------
    def _first(self, pos: int) -> None:
        if self.text[pos:pos + 1] == "}":
            self._close(pos + 1)
        else:
            self._open(pos)

    def _open(self, pos: int) -> None:
        key, at = self._key(pos)
        if key in self._tables:
            self._bad(f"{key[:60]!r} appears twice")
        self._tables[key] = at
        self._pending = (key, at)

    def _passed(self, end: int) -> None:
        """The pending member's value ends at ``end``: go on to the next member."""
        self._pending = None
        pos = self._skip(end)
        ch = self.text[pos:pos + 1]
        if ch == ",":
            self._open(self._skip(pos + 1))
        elif ch == "}":
            self._close(pos + 1)
        else:
            self._expected("',' or '}'", pos)

    def _close(self, end: int) -> None:
        pos = self._skip(end)
        if pos < len(self.text):
            self._bad(f"there is more after the store's object (offset {pos})")
        self._done = True

    def _value_end(self, key: str, pos: int) -> int:
        if key in TABLES:
            gen = self._records_at(key, pos)
            while True:
                try:
                    next(gen)
                except StopIteration as stop:
                    return stop.value
        return self._decode(pos)[1]

    def _find(self, name: str) -> int | None:
        """Offset of a table's value, scanning the top level as far as needed."""
        while name not in self._tables and not self._done:
            key, pos = self._pending
            self._passed(self._value_end(key, pos))
        return self._tables.get(name)

    def finish(self) -> None:
        """Read the rest of the file: every fault in it is raised, as TinyDB would meet it."""
        while not self._done:
            key, pos = self._pending
            self._passed(self._value_end(key, pos))

    # -- a table -------------------------------------------------------------------
    def _records_at(self, name: str, pos: int):
        """(document number, record) of each record of the table at ``pos``; returns its end."""
        text, skip, decode = self.text, self._skip, self._decode
        if text[pos:pos + 1] != "{":
            self._bad(f"table {name!r} is {self._what(pos)}, not an object of records")
        pos = skip(pos + 1)
        if text[pos:pos + 1] == "}":
            return pos + 1
        seen: set[int] = set()
        while True:
            key, pos = self._key(pos)
            if not (key.isdigit() and key.isascii()):
                self._record(name, key, "its key is not a document number")
            n = int(key)
            if n in seen:
                self._record(name, key, "the document number appears twice")
            seen.add(n)
            if text[pos:pos + 1] != "{":
                self._record(name, key, f"it is {self._what(pos)}, not an object")
            value, pos = decode(pos, (name, key))
            yield key, value
            pos = skip(pos)
            ch = text[pos:pos + 1]
            if ch == ",":
                pos = skip(pos + 1)
            elif ch == "}":
                return pos + 1
            else:
                self._expected("',' or '}'", pos)

    def _record(self, table: str, key: str, why: str, rec=None):
        from .check import label  # only on the way out

        raise StoreError(f"{self.path}: {label(table, key, rec)}: {why}")

    def items(self, name: str):
        """(document number, record) of each record of one table, in file order."""
        pos = self._find(name)
        if pos is None:
            return
        end = yield from self._records_at(name, pos)
        if self._pending is not None and self._pending[1] == pos:
            self._passed(end)

    def records(self, name: str):
        """Each record (a dict) of one table, in file order."""
        for _key, value in self.items(name):
            yield value

    def document(self) -> dict | None:
        """The whole file as one object (None when empty), read in one pass."""
        if self.empty:
            return None
        out: dict = {}
        for key, pos in list(self._tables.items()):  # members already passed
            if self._pending is None or self._pending[1] != pos:
                out[key] = dict(self._records_at(key, pos)) if key in TABLES else self._decode(pos)[0]
        while not self._done:
            key, pos = self._pending
            if key in TABLES:
                table: dict = {}
                gen = self._records_at(key, pos)
                while True:
                    try:
                        k, v = next(gen)
                    except StopIteration as stop:
                        end = stop.value
                        break
                    table[k] = v
                out[key] = table
            else:
                out[key], end = self._decode(pos)
            self._passed(end)
        return out
