"""The store of record: where it lives, how it is read, how it is changed.

A store is one TinyDB JSON file with the tables ``sources``, ``entities`` and
``events`` (record shapes in the README's *Data model*).  Which file:

1. ``--db PATH`` or the ``KB_DB`` environment variable;
2. otherwise the user store, ``$XDG_DATA_HOME/kb/kb.json`` (by default
   ``~/.local/share/kb/kb.json``), once something has been written there;
3. otherwise the knowledge base shipped inside the package, opened read-only.

Writes (``kb ingest``) go to the user store, which is first seeded with a copy
of the shipped knowledge base; a new file named with ``--db`` starts empty.  The shipped file is never written.  Every
write holds a cross-process lock (``<store>.lock``) and replaces the file
atomically, so concurrent writers lose nothing and an interrupted write
leaves the previous store intact.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import StoreError

TABLES = ("sources", "entities", "events")


def shipped_path() -> Path:
    """The knowledge base inside the installed package (or the checkout's data/)."""
    here = Path(__file__).resolve().parent
    packaged = here / "data" / "kb.json"
    if packaged.exists():
        return packaged
    return here.parent / "data" / "kb.json"


def user_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(Path.home(), ".local", "share")
    return Path(base) / "kb" / "kb.json"


def default_path(db: str | None = None) -> Path:
    """The store a command reads (see the module docstring for the order)."""
    if db:
        return Path(db).expanduser()
    env = os.environ.get("KB_DB")
    if env:
        return Path(env).expanduser()
    user = user_path()
    return user if user.exists() else shipped_path()


def write_path(db: str | None = None) -> Path:
    """The store a writing command changes: never the shipped one."""
    if db or os.environ.get("KB_DB"):
        return default_path(db)
    return user_path()


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

    from .storages import AtomicJSONStorage

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


@contextmanager
def writing(path: Path, timeout: float = 60.0) -> Iterator["TinyDB"]:  # noqa: F821
    """Lock the store, yield a TinyDB on it, write it back atomically on success.

    Changes are cached in memory and written once, on leaving the block; an
    exception inside the block writes nothing.
    """
    from filelock import FileLock, Timeout
    from tinydb import TinyDB
    from tinydb.middlewares import CachingMiddleware

    from .storages import AtomicJSONStorage

    if path.resolve() == shipped_path().resolve():
        raise StoreError(f"{path} is the shipped knowledge base and is never written; "
                         "use --db or KB_DB to name a store")
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(path) + ".lock")
    try:
        lock.acquire(timeout=timeout)
    except Timeout:
        raise StoreError(f"{path} is locked by another kb process") from None
    try:
        if not path.exists() and path == user_path():
            shutil.copyfile(shipped_path(), str(path) + ".seed")
            os.replace(str(path) + ".seed", path)
        cache = CachingMiddleware(AtomicJSONStorage)
        cache.WRITE_CACHE_SIZE = 10**9
        db = TinyDB(str(path), storage=cache)
        ok = False
        try:
            yield db
            ok = True
        finally:
            if ok:
                db.close()  # flushes the cache: one atomic write
    finally:
        lock.release()
