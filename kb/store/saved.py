"""What a write read of each record, saved when it wrote the store, for the next write to read instead.

A write that reads every record (``kb ingest`` without a fresh index,
:meth:`kb.store.edit.Edit.read`) keeps a few members of each (its caller's
*rows*: a source's id and hash, an entity's names and their keys, an event's
id, days and subject claims).  Reading them means decoding the whole file
(135 MB at 100,000 events) and handing over every record one by one; the next
write would do it all again for a file that differs from the last only in the
records that write added or changed.  So when a write has written the store
and noted it checked (:mod:`kb.store.checked`), it saves the rows of the file
it wrote: the rows it read, the changed records' rows put in their places and
the added ones' among them in file order, each computed from the bytes it
wrote, decoded again.  The next write whose file has exactly those bytes reads
the rows from this file, and locates the records it changes in the store by the
saved description (:class:`kb.store.locate.Located`): the store is neither
decoded nor scanned nor checked again.

One file of the cache folder a store (``rows-<hash of the store's path>``): one
ASCII line, then the rows as JSON (orjson: safe to read whatever it holds).
The line says what is trusted, content and never a name or a time:

* the rules the rows were made under: kb's version, a digest of the source of
  this module, of :mod:`kb.store.check` and of the modules that place records
  in the file and read them from it (``edit``, ``locate``, ``reader``),
  Python's Unicode version, and the caller's own tag (a digest of the code
  that makes its rows), so a kb that reads or checks otherwise reads the store
  again;
* the size and SHA-1 of the store file the rows describe: any other bytes (an
  edit by hand or by another program, whatever size and times it leaves, a
  file cut short, a record made bad) are read and checked as without the file;
* the length and CRC-32 of the JSON after it, so a file cut short or damaged
  is not read.

As with the checked note and the index, a saved file can only be made to lie
by someone who can write the cache folder.  Reading never waits on a FIFO and
follows no link; writing is atomic (:mod:`kb.store.atomic`) and best effort: a
cache that cannot be written only means the next write reads the store.
"""

from __future__ import annotations

import os
import stat
import zlib
from contextlib import suppress
from pathlib import Path
from typing import Callable, NamedTuple

_HEAD = 4096  # the first line is short; longer is not this file


def place(target: Path) -> Path | None:
    """Where the rows of the store at ``target`` are saved (None: no usable cache folder)."""
    from .paths import cache_file

    return cache_file("rows", target)


def rules(tag: str) -> str:
    """What saved rows depend on: the checks' rules (:func:`kb.store.checked.rules`), the
    source of this module and of those that place records in the file or read them from it
    (:mod:`kb.store.edit`, :mod:`kb.store.locate`, :mod:`kb.store.reader`), Python's Unicode
    version (name keys fold by it) and the caller's ``tag``; "" (nothing trusted) when a
    source cannot be read."""
    import hashlib
    import unicodedata

    from .checked import rules as checks

    base = checks()
    h = hashlib.sha1(unicodedata.unidata_version.encode())
    here = Path(__file__)
    try:
        for module in (here, here.with_name("edit.py"), here.with_name("locate.py"), here.with_name("reader.py")):
            h.update(module.read_bytes())
    except OSError:
        return ""
    mine = h.hexdigest()[:12]
    if not base or not tag or any(c.isspace() for c in tag):
        return ""
    return f"{base}+{mine}+{tag}"


def load(target: Path, size: int, digest: Callable[[], str], tag: str,
         tables: set[str]) -> tuple[str, str, dict[str, list]] | None:
    """The rows saved for the store at ``target`` if they describe its bytes (``size``;
    ``digest()``: their SHA-1, asked for only when all else agrees) under ``tag``'s rules and
    hold ``tables``' rows: ``(digest, description, {table: [document numbers, rows, starts,
    ends]})`` for the tables the file holds of ``tables`` (each record's ``{...}`` from start
    to end), else None."""
    import orjson

    from .paths import read_regular

    rule, where = rules(tag), place(target)
    if not rule or where is None:
        return None
    data = read_regular(where)
    if data is None:
        return None
    line, newline, body = data[:_HEAD].partition(b"\n")
    parts = line.decode("ascii", "replace").split()
    if not newline or len(parts) != 5 or parts[0] != rule or parts[1] != str(size):
        return None
    body = data[len(line) + 1:]
    if parts[3] != str(len(body)) or parts[4] != f"{zlib.crc32(body):08x}":
        return None
    sha = digest()
    if sha != parts[2]:
        return None
    try:
        got = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
    if type(got) is not dict or type(got.get("layout")) is not str or type(got.get("rows")) is not dict:
        return None
    rows = got["rows"]
    if not set(rows) <= tables:
        return None
    out: dict[str, list] = {}
    for table, columns in rows.items():
        if type(columns) is not list or len(columns) != 4 or any(type(c) is not list for c in columns):
            return None
        if len({len(c) for c in columns}) != 1:
            return None
        out[table] = columns
    return sha, got["layout"], out


def save(target: Path, size: int, digest: str, tag: str, description: str,
         rows: dict[str, list]) -> bool:
    """Save ``rows`` (table -> [document numbers, rows, starts, ends], in file order) of the store at
    ``target``, ``size`` bytes of SHA-1 ``digest``, described by ``description``; best effort
    (False when nothing was saved: no cache, rows JSON cannot hold)."""
    import orjson

    from . import atomic

    rule, where = rules(tag), place(target)
    if not rule or where is None or not description:
        return False
    try:
        body = orjson.dumps({"layout": description, "rows": rows})
    except orjson.JSONEncodeError:  # a number beyond 64 bits: the next write reads the store
        return False
    head = f"{rule} {size} {digest} {len(body)} {zlib.crc32(body):08x}\n".encode("ascii")
    with suppress(OSError):
        where.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(where, head + body, follow=False)
        return True
    return False


def forget(target: Path) -> None:
    """Remove the rows saved for the store at ``target`` (a write that could not save new ones:
    the old ones describe bytes that are gone, and would only be read to be refused)."""
    where = place(target)
    if where is not None:
        with suppress(OSError):
            if stat.S_ISREG(os.lstat(where).st_mode):
                os.unlink(where)


class Spans:
    """Where the records of a spliced file lie (:meth:`kb.store.edit.Edit._splice`'s ``edits``, sorted, and
    ``placed``: id() of a record written -> its edit and the offset of its ``{`` in it)."""

    def __init__(self, edits: list, placed: dict, written: dict[int, bytes]):
        self.starts = [e[0] for e in edits]
        self.shift = [0]  # the bytes the edits before each one added
        for pos, end, text in edits:
            self.shift.append(self.shift[-1] + len(text) - (end - pos))
        self.index = {id(e): i for i, e in enumerate(edits)}
        self._placed, self._written = placed, written

    def moved(self, records: list) -> tuple[list[int], list[int]]:
        """Where records ``(number, line, start, end)`` of the old file lie in the new one: each
        moves by what the edits before it added (records in file order, a run between two edits
        by the same)."""
        from bisect import bisect_left

        old_ats = [r[2] for r in records]
        ats, ends, i = [], [], 0
        for j in range(len(self.starts) + 1):
            k = len(records) if j == len(self.starts) else bisect_left(old_ats, self.starts[j], i)
            if k > i:
                by = self.shift[j]
                ats += [a + by for a in old_ats[i:k]]
                ends += [r[3] + by for r in records[i:k]]
                i = k
        return ats, ends

    def placed(self, rec: dict) -> tuple[int, int]:
        """Where record ``rec``, written by the splice, lies in the new file."""
        edit, offset = self._placed[id(rec)]
        i = self.index[id(edit)]
        at = edit[0] + self.shift[i] + offset
        return at, at + len(self._written[id(rec)])


class Rows(NamedTuple):
    """What :meth:`kb.store.edit.Edit.read` gives a table instead of its records: ``make[table](record)``, a
    row (plain JSON data, the record's id first) made of what the caller keeps of a record;
    ``take[table](number, row)``, the caller's; ``tag``, a digest of the code that makes the
    rows (:func:`kb.store.saved.rules`: rows saved under another are not read)."""

    make: dict[str, Callable[[dict], list]]
    take: dict[str, Callable[[str, list], None]]
    tag: str


def layout(data: bytes, description: str, rows: dict[str, list]):
    """The :class:`kb.store.reader.Layout` of ``data`` (the store's bytes, those the rows were
    saved for) as ``description`` and the rows' spans say, or None when a member is no table of
    rows or a span is not a ``{...}`` after its own record's number on a line of its own (read
    the file instead)."""
    import json

    from .reader import Layout

    try:
        laid = json.loads(description)
        unit, members = laid["unit"].encode(), []
        head = 1 + 2 * len(unit) + 1 + 3  # before a record's number: newline, indentation, '"'; '": ' after
        for name, start, end in laid["members"]:
            if name not in rows:
                return None
            keys, _values, ats, ends = rows[name]
            if not all(data[a] == 123 and data[e - 1] == 125 for a, e in zip(ats, ends)):  # '{', '}'
                return None
            lead = b"\n" + unit * 2 + b'"'
            if not all(data[a - head - len(k):a] == b"%s%s\": " % (lead, k.encode()) for k, a in zip(keys, ats)):
                return None   # a span that is not its own record's
            members.append((name, start, end, [(k, a - head - len(k), a, e) for k, a, e in zip(keys, ats, ends)]))
    except (ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None
    if set(rows) - {m[0] for m in members}:
        return None  # rows of a table the file lacks
    return Layout(unit, members)


def merged(columns: list, records: list, spans: Spans, make: Callable[[dict], list],
           replaced: list, added: list) -> list | None:
    """The columns ``[numbers, rows, starts, ends]`` of a table of the file a splice wrote, from
    those of the file read (``columns``; ``records``: its layout's ``(number, line, start,
    end)``, the same order) and the records replaced and added (``(number, record as its bytes
    read, record written)``); None when a replaced number is not there."""
    from bisect import bisect_left

    keys, values = columns[0], columns[1]
    ats, ends = spans.moved(records)
    if replaced:
        values = list(values)
        for key, back, rec in replaced:
            i = bisect_left(keys, key)  # the file's order: numbers sorted as text
            if i == len(keys) or keys[i] != key:
                return None
            values[i] = make(back)
            ats[i], ends[i] = spans.placed(rec)
    out = [keys, values, ats, ends]
    if added:  # each run of old rows, then the added row that comes before the next
        new = sorted((key, make(back), *spans.placed(rec)) for key, back, rec in added)
        joined: list[list] = [[], [], [], []]
        i = 0
        for row in new:
            k = bisect_left(keys, row[0], i)
            for c, column in enumerate(out):
                joined[c] += column[i:k]
                joined[c].append(row[c])
            i = k
        for c, column in enumerate(out):
            joined[c] += column[i:]
        out = joined
    return out
