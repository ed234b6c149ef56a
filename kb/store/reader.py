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

A file in kb's layout (:mod:`kb.store.storage`) is read fast: one pass finds
where each record lies (:func:`scan`), and orjson decodes a record, a few
times faster than Python, when it is asked for.  Python decodes again a
record orjson might read otherwise (19 digits in a row: orjson reads an
integer beyond 64 bits as a float; over 512 brackets: Python may not follow
so deep).  Any other file, or one with a record orjson refuses, is read as
text by Python's decoder.  Either way: the same records, the same refusal.

What each record must hold is :mod:`kb.store.check`'s concern.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import NamedTuple

from ..collector import paused
from ..errors import StoreError
from .decoding import DIGITS as _DIGITS, LONG as _LONG, NotFinite, decode_record, decoder as _decoder

TABLES = ("sources", "entities", "events")
BOM = b"\xef\xbb\xbf"


def _regular(path, st: os.stat_result) -> None:
    if not stat.S_ISREG(st.st_mode):
        from .atomic import kind

        raise StoreError(f"{path} is not a regular file ({kind(st.st_mode)}); a store is a JSON file")


def signature(path: Path, st: os.stat_result | None = None) -> str:
    """What changes whenever the file is replaced or rewritten.

    Modification and change times (the change time moves on every write, rename or ``touch``,
    and cannot be set back), size, device and inode; ``st``: the status, if known (``fstat``).
    """
    if st is None:
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
    doc = Tables(path, digest=False).document() or {}
    return {name: list(doc.get(name, {}).values()) for name in TABLES}


_WS = re.compile(r"[ \t\n\r]*")
_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")  # an escaped UTF-16 surrogate, paired or not


def _not_text(value) -> str | None:
    """Whether a decoded value holds a string that is not Unicode text (JSON may escape half
    a UTF-16 pair, ``"\\ud800"``, which no UTF-8 file can take), in words; checked only in
    files with such escapes (:data:`_SURROGATE`)."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError as e:
        return f"holds a lone UTF-16 surrogate ({e.object[e.start]!a}), which is not text"
    except RecursionError:
        return "is nested too deeply"
    return None


_WHAT = {"{": "an object", "[": "a list", '"': "a string", "t": "true", "f": "false", "n": "null", "": "nothing"}


class _Text:
    """The records of a store read from its text by Python's JSON decoder: the exact reader.

    It holds the file's text and decodes one record at a time; the API is
    :class:`Tables`'s, which uses it for every file the fast reader does not take.
    """

    def __init__(self, raw: bytes, path):
        self.path = path  # as messages call it
        try:
            self.text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            self._bad(f"it is not UTF-8 text (byte 0x{raw[e.start]:02x} at offset {e.start})")
        self._dec = _decoder()  # NaN and infinities refused (kb.store.decoding.NotFinite)
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
        if ch and ch in "-0123456789":
            return "a number"
        return _WHAT.get(ch) or f"no JSON value ({ch!r} at offset {pos})"

    def _decode(self, pos: int, record: tuple[str, str] | None = None):
        """The JSON value at ``pos`` and its end; ``record`` (table, key) names it in a fault."""
        try:
            value, end = self._dec.raw_decode(self.text, pos)
        except json.JSONDecodeError as e:
            raise StoreError(f"{self.path} is not a readable kb store: {e}") from None
        except NotFinite as e:  # in any field, read or not: it could not be written back
            value, why = e.at(self.text, pos, record and record[0])
            self._record(*record, why, value) if record else self._bad(f"the value at offset {pos}: {why}")
        except (RecursionError, ValueError) as e:  # deep nesting; an integer int() refuses (> 4,300 digits)
            why = "is nested too deeply" if type(e) is RecursionError else "holds a number too long to read"
            if record:
                self._record(*record, f"it {why}")
            self._bad(f"a value at offset {pos} {why}")
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

    def _value_end(self, key: str, pos: int, into: dict | None = None) -> int:
        """Where the value of member ``key`` at ``pos`` ends; its records go ``into`` a dict."""
        if key in TABLES:
            gen = self._records_at(key, pos)
            while True:
                try:
                    k, v = next(gen)
                except StopIteration as stop:
                    return stop.value
                if into is not None:
                    into[k] = v
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
        seen: set[str] = set()
        while True:
            key, pos = self._key(pos)
            if not (key.isdigit() and key.isascii()):
                self._record(name, key, "its key is not a document number")
            n = key.lstrip("0")  # the number as written, without int(): a key may be too long for one
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
                out[key] = {}
                end = self._value_end(key, pos, out[key])
            else:
                out[key], end = self._decode(pos)
            self._passed(end)
        return out


# -- the fast reader: kb's own layout, decoded by orjson ------------------------------------
_DEEP_BYTES, _DEEP_OPEN = 1024, 512  # shorter cannot nest 512 deep; more '{[' than this: Python


class Layout(NamedTuple):
    """Where the records of a file in kb's layout lie (:func:`scan`): ``unit`` is a level's
    indentation; ``members`` (in file order) ``(name, start, end, records)``, the span of its
    value and of each record ``(key, line, start, end)``: where its line and ``{...}`` lie."""

    unit: bytes
    members: list


def scan(raw: bytes) -> Layout | None:
    """Where each record of ``raw`` lies if the file is in kb's layout (:mod:`kb.store.storage`):
    each member on a line indented one level, its value an object of records, each on a line
    indented two levels (``"7": {``), ``,`` between.  No JSON string holds a raw newline, so the
    lines are found by searching the bytes; what lies between the records is checked here, each
    record when decoded (a span that is not one JSON object, a stray line in it included,
    fails), so the file is one JSON value either way.  None for anything else (another layout,
    a name or number twice, a member that is no object of records): the exact reader's."""
    if raw[:2] != b"{\n":
        return None
    i = 2
    while raw[i:i + 1] == b" ":
        i += 1
    unit = raw[2:i]
    if not unit or raw[i:i + 1] != b'"':
        return None
    import orjson

    two, close = unit * 2, b"\n" + unit + b"}"
    lines = [(m.start(), m.end() - 1, m.group(1))
             for m in re.finditer(re.escape(b"\n" + two) + rb'"(\d+)": \{', raw)]
    top = re.compile(re.escape(b"\n" + unit) + rb'("(?:[^"\\\n]|\\.)*"): ')
    members, names = [], set()
    pos, k, n = 1, 0, len(lines)
    while True:
        m = top.match(raw, pos)
        try:
            name = orjson.loads(m.group(1)) if m else None
        except orjson.JSONDecodeError:
            name = None
        if name is None or name in names:
            return None
        names.add(name)
        start = p = m.end()
        records: list = []
        if raw.startswith(b"{}", p):
            p += 2
        elif raw.startswith(b"{\n", p) and k < n and lines[k][0] == p + 1:
            numbers: set[bytes] = set()
            while True:
                line, at, number = lines[k]
                numbers.add(number.lstrip(b"0"))  # as written (int() refuses over 4,300 digits)
                k += 1
                nxt = lines[k][0] if k < n else len(raw)
                if raw[nxt - 1] == 44 and k < n:  # a comma: the next record of this table follows
                    records.append((number.decode(), line, at, nxt - 1))
                    continue
                end = raw.find(close, at, nxt)
                if end < 0:
                    return None
                records.append((number.decode(), line, at, end))
                p = end + len(close)
                break
            if len(numbers) < len(records):
                return None
        else:
            return None
        members.append((name, start, p, records))
        if raw[p:p + 1] == b",":
            pos = p + 1
        elif raw[p:] in (b"\n}", b"\n}\n"):
            return Layout(unit, members) if k == n else None
        else:
            return None


def long_numbers(raw: bytes, layout: Layout) -> set[int]:
    """The starts of the records with a run of 19 digits or more (a number orjson might read
    otherwise, or a hash or a figure in a text, which does no harm), found a slice at a time."""
    from bisect import bisect_right

    hits, at, size = [], 0, 1 << 18
    while at < len(raw):
        chunk = raw[at:at + size + len(_LONG) - 1].translate(_DIGITS)
        j = chunk.find(_LONG)
        while j >= 0:
            hits.append(at + j)
            j = chunk.find(_LONG, j + len(_LONG))
        at += size
    spans = [(s, e) for *_n, records in layout.members for _k, _l, s, e in records]
    firsts = [s for s, _e in spans]
    return {spans[i][0] for i, h in ((bisect_right(firsts, h) - 1, h) for h in hits)
            if i >= 0 and h < spans[i][1]}


class _Fallback(Exception):
    """The fast reader met what only the exact reader may judge."""


class Tables:
    """The records of a store read one at a time, for building the index.

    It holds the file's bytes, not the whole store as Python objects
    (:func:`load`, several times the file's size).  ``items(name)`` yields a
    table's (document number, record) in file order, as TinyDB would
    (``records(name)`` the records), tables in any order (one the file holds
    earlier is read over, and read again when asked for); :meth:`finish`
    reads the rest, so a fault after the last table asked for is found too;
    :meth:`document` reads the whole file as TinyDB's storage returns it.
    ``digest``: a SHA-1 of the bytes (``""`` with ``digest=False``); ``fd``:
    an open descriptor to read; ``name``: the file as messages call it.

    A file in kb's layout is read fast (module docstring): ``layout`` says
    where its records lie (None otherwise), ``raw`` holds its bytes,
    :meth:`record` reads one again.  ``exact=False`` skips the search for long
    numbers, for a caller that reads again by :meth:`record` each record whose
    numbers it keeps (a write).  When a record needs the exact reader, it
    takes over where the fast one stopped, giving the records and refusal it
    gives alone.  A file that is not a store raises :class:`~kb.errors.StoreError`.
    """

    def __init__(self, path: Path, digest: bool = True, fd: int | None = None, name=None,
                 exact: bool = True, laid: tuple[bytes, Layout] | None = None):
        import hashlib

        raw = read_bytes(path, fd) if laid is None else laid[0]  # laid: the bytes, their layout known
        self.path = name or path  # as messages call it
        self.digest = hashlib.sha1(raw).hexdigest() if digest else ""
        if raw.startswith(BOM):
            _Text._bad(self, "it starts with a UTF-8 byte-order mark (save it as UTF-8 without one)")
        self.raw, self.layout = raw, scan(raw) if laid is None else laid[1]
        self._text: _Text | None = None
        self._log: list[list] = []  # [name, records given, done] of each request so far
        if self.layout is None:
            self._text = _Text(raw, self.path)
            self.empty = self._text.empty
            return
        import orjson

        self.empty = False
        self._loads, self._error, self._view = orjson.loads, orjson.JSONDecodeError, memoryview(raw)
        self._at = {name: i for i, (name, *_rest) in enumerate(self.layout.members)}
        self._passed = 0  # members read over so far, in file order
        self._long, self._scanned = (long_numbers(raw, self.layout) if exact else set()), exact
        self._spans: dict[str, dict[str, tuple[int, int]]] = {}

    def _load(self, start: int, end: int):
        try:
            value = self._loads(self._view[start:end])
        except self._error:
            raise _Fallback from None
        raw = self.raw
        if start in self._long or (end - start > _DEEP_BYTES and
                                   raw.count(b"{", start, end) + raw.count(b"[", start, end) > _DEEP_OPEN):
            try:
                value = json.loads(raw[start:end].decode("utf-8"))
            except RecursionError:
                raise _Fallback from None
        return value

    def record(self, name: str, key: str, exact: bool = True) -> dict:
        """Record ``key`` of ``name`` again: as Python's decoder reads it (``exact``: to change
        it; :func:`decode_record`) or as :meth:`items` gave it; for a file in kb's layout whose
        records all read without fault."""
        if name not in self._spans:
            self._spans[name] = {k: (s, e) for k, _l, s, e in self.layout.members[self._at[name]][3]}
        start, end = self._spans[name][key]
        return decode_record(self.raw[start:end]) if exact else self._load(start, end)

    def _switch(self, current: list | None = None):
        """Hand over to the exact reader, asked what was asked so far; ``current``'s rest."""
        from itertools import islice

        text = self._text = _Text(self.raw, self.path)
        self.layout = None
        for entry in self._log:
            name, given, done = entry
            if name is None:
                text.finish()
                continue
            it = text.items(name)
            if entry is current:
                return islice(it, given, None)
            for _ in (it if done else islice(it, given)):
                pass
        return iter(())

    def _read_over(self, upto: int) -> None:
        """Decode the members before ``upto`` not read yet, as the exact reader reads over them."""
        for i in range(self._passed, upto):
            for _key, _line, start, end in self.layout.members[i][3]:
                self._load(start, end)
        self._passed = max(self._passed, upto)

    def items(self, name: str):
        """(document number, record) of each record of one table, in file order."""
        if self._text is not None:
            yield from self._text.items(name)
            return
        entry = [name, 0, False]
        self._log.append(entry)
        members, given = self.layout.members, 0
        loads, error, view, long, load = self._loads, self._error, self._view, self._long, self._load
        try:
            at = self._at.get(name, len(members))
            self._read_over(at)
            if at < len(members):
                for key, _line, start, end in members[at][3]:
                    if end - start > _DEEP_BYTES or start in long:
                        value = load(start, end)
                    else:  # _load's common case, inline: too short to nest deep
                        try:
                            value = loads(view[start:end])
                        except error:
                            raise _Fallback from None
                    yield key, value
                    given += 1
                self._passed = max(self._passed, at + 1)
            entry[2] = True
        except _Fallback:
            entry[1] = given
            yield from self._switch(entry)

    def records(self, name: str):
        """Each record (a dict) of one table, in file order."""
        for _key, value in self.items(name):
            yield value

    def finish(self) -> None:
        """Read the rest of the file: every fault in it is raised, as TinyDB would meet it."""
        if self._text is None:
            self._log.append([None, 0, True])
            try:
                return self._read_over(len(self.layout.members))
            except _Fallback:
                self._switch()
        self._text.finish()

    def document(self) -> dict | None:
        """The whole file as one object (None when empty), read in one pass."""
        if self._text is None:
            if not self._scanned:  # a whole document may be written back: every number exact
                self._long, self._scanned = long_numbers(self.raw, self.layout), True
            try:
                with paused():  # decoded JSON holds no cycles, only many objects
                    out = {name: {key: self._load(s, e) for key, _l, s, e in records}
                           for name, _s, _e, records in self.layout.members}
                self._passed = len(self.layout.members)
                return out
            except _Fallback:
                self._switch()
        return self._text.document()
