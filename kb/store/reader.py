"""Reading a store: its signature, all of it at once, or one record at a time.

A store is one TinyDB JSON file with the tables ``sources``, ``entities`` and
``events`` (record shapes in the README's *Data model*).  :func:`load` reads
it whole through TinyDB; :class:`Tables` streams its records for the index;
:func:`signature` says when the file has changed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..errors import StoreError

TABLES = ("sources", "entities", "events")


def signature(path: Path) -> str:
    """What changes whenever the file is replaced or rewritten.

    Modification and change times (the change time moves on every write,
    rename or ``touch``, and cannot be set back), size, device and inode.
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        raise StoreError(f"no store at {path}") from None
    return f"{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_size}:{st.st_dev}:{st.st_ino}"


def load(path: Path) -> dict[str, list[dict]]:
    """Every record of the store, table by table, in document-id order.

    Read through TinyDB, so that whatever TinyDB can open, kb can.
    """
    from tinydb import TinyDB

    from .storage import AtomicJSONStorage  # TinyDB is imported only where a store is read whole

    if not path.exists():
        raise StoreError(f"no store at {path}")
    try:
        with TinyDB(str(path), storage=AtomicJSONStorage, read_only=True) as db:
            return {name: [dict(doc) for doc in db.table(name).all()] for name in TABLES}
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise StoreError(f"{path} is not a readable kb store: {e}") from None
    except (AttributeError, TypeError, ValueError) as e:
        raise StoreError(f"{path} is not a kb store ({e})") from None


_WS = re.compile(r"[ \t\n\r]*")


class Tables:
    """The records of a store read one at a time, for building the index.

    :func:`load` holds the whole store as Python objects (several times the
    file's size in memory) and goes through TinyDB's documents; this reader
    holds only the file's text and decodes one record at a time with the same
    JSON decoder, so the index of a large store is built in a fraction of the
    time and memory.  ``records(name)`` yields a table's records in file
    order, as TinyDB would; tables may be asked for in any order (a table the
    file holds earlier is skipped over, and read again when asked for).
    ``digest`` is a SHA-1 of the file's bytes.
    """

    def __init__(self, path: Path):
        import hashlib

        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise StoreError(f"no store at {path}") from None
        self.path = path
        self.digest = hashlib.sha1(raw).hexdigest()
        try:
            self.text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise StoreError(f"{path} is not a readable kb store: {e}") from None
        del raw
        self._dec = json.JSONDecoder()
        self._tables: dict[str, int] = {}  # table name -> offset of its value
        self._pos = self._skip(0)
        self._done = self._pos >= len(self.text)  # an empty file: an empty store
        if not self._done:
            self._expect("{")

    # -- scanning ----------------------------------------------------------------
    def _skip(self, pos: int) -> int:
        return _WS.match(self.text, pos).end()

    def _expect(self, char: str) -> None:
        if self.text[self._pos:self._pos + 1] != char:
            self._bad(f"expected {char!r} at offset {self._pos}")
        self._pos = self._skip(self._pos + 1)

    def _bad(self, why: str):
        raise StoreError(f"{self.path} is not a kb store ({why})")

    def _decode(self, pos: int):
        try:
            return self._dec.raw_decode(self.text, pos)
        except json.JSONDecodeError as e:
            raise StoreError(f"{self.path} is not a readable kb store: {e}") from None

    def _items(self, pos: int):
        """(key, value-offset) of each member of the object at ``pos``; then the end offset."""
        text = self.text
        if text[pos:pos + 1] != "{":
            self._bad(f"expected an object at offset {pos}")
        pos = self._skip(pos + 1)
        if text[pos:pos + 1] == "}":
            return pos + 1
        while True:
            key, pos = self._decode(pos)
            pos = self._skip(pos)
            if text[pos:pos + 1] != ":":
                self._bad(f"expected ':' at offset {pos}")
            pos = self._skip(pos + 1)
            pos = yield key, pos
            pos = self._skip(pos)
            if text[pos:pos + 1] == ",":
                pos = self._skip(pos + 1)
            elif text[pos:pos + 1] == "}":
                return pos + 1
            else:
                self._bad(f"expected ',' or '}}' at offset {pos}")

    def _find(self, name: str) -> int | None:
        """Offset of a table's value, scanning the top level as far as needed."""
        while name not in self._tables and not self._done:
            text = self.text
            if text[self._pos:self._pos + 1] == "}":
                self._done = True
                break
            key, pos = self._decode(self._pos)
            pos = self._skip(pos)
            if text[pos:pos + 1] != ":":
                self._bad(f"expected ':' at offset {pos}")
            pos = self._skip(pos + 1)
            self._tables[key] = pos
            pos = self._skip(self._end_of(pos))
            if text[pos:pos + 1] == ",":
                pos = self._skip(pos + 1)
            elif text[pos:pos + 1] != "}":
                self._bad(f"expected ',' or '}}' at offset {pos}")
            self._pos = pos
        return self._tables.get(name)

    def _end_of(self, pos: int) -> int:
        """Skip a table's value, decoding one record at a time."""
        if self.text[pos:pos + 1] != "{":
            return self._decode(pos)[1]  # not a table: TinyDB would fail on it when asked
        gen = self._items(pos)
        try:
            _key, at = next(gen)
            while True:
                _key, at = gen.send(self._decode(at)[1])
        except StopIteration as stop:
            return stop.value

    def records(self, name: str):
        """Each record (a dict) of one table, in file order."""
        pos = self._find(name)
        if pos is None:
            return
        gen = self._items(pos)
        try:
            _key, at = next(gen)
            while True:
                value, end = self._decode(at)
                if not isinstance(value, dict):
                    self._bad(f"a record of {name!r} is not an object")
                yield value
                _key, at = gen.send(end)
        except StopIteration:
            return
