"""Finding a record in a store file without reading the file: kb's sorted layout, searched.

A file in kb's layout (:mod:`kb.store.storage`, :func:`kb.store.reader.scan`)
holds each table as a member on a line indented one level and each record on
a line indented two levels, ``"7": {``; no JSON string holds a raw newline, so
a line that starts with exactly two levels of indentation and a quote is a
record's.  kb writes keys sorted (as text), so within a table the records
come in the order of their document numbers as text, and one is found by
bisecting the bytes: a probe at an offset finds the next record line and
reads its number, a few dozen probes a record, not a pass over the file.

What it needs to know is where each table lies: :func:`describe` says it for
a scanned file (:class:`kb.store.reader.Layout`), as JSON, when the file is
sorted; :func:`after` moves it past a write's edits.  The index keeps it
beside the store's signature (:mod:`kb.index.lookups`), so a writer holding
the file the index describes opens it as :class:`Located`: mapped
(``mmap``), never read whole, never scanned.  Anything that does not look as
described (a table's bounds, a record line, a number) raises
:class:`Mismatch`, and the writer reads the file instead.

A run that reads most records of a table (a bulk ingest's retelling search
decodes nearly every event) would pay a bisection for each; instead, once
the reads of a table have cost about what one pass over its bytes costs
(:data:`_PASS`), or when a caller says it will read many (:meth:`Located.many`),
the table's record lines are found in one pass (:class:`_Directory`) and
each later read is a dictionary lookup.  A run that reads a few records (one
document) stays on the bisection; one that reads all pays at most twice the
cheaper of the two.  The records read are the same either way.
"""

from __future__ import annotations

import json
import mmap
import re
from bisect import bisect_left, bisect_right

# Below this many bytes, walk the record lines instead of bisecting: the first probes of every
# seek are the same (kept), so a bisection's cost is its last probes and the walk; two records'
# bytes or so is the cheapest (at 100,000 events: 31 us a read, 38 us walking 16 KiB).
_SMALL = 1 << 11
# A bisection costs about what the one-pass search for record lines (_Directory) costs over this
# many bytes of a table (at 100,000 events: 31 us a record read, 0.19-0.25 s the pass over 94 MB).
_PASS = 1 << 14


class Mismatch(Exception):
    """The file is not as its description says."""


def describe(layout) -> str:
    """The description of a scanned file (:class:`kb.store.reader.Layout`) as JSON: its
    indentation unit and each member's name and the span of its value; ``""`` when the
    members or a table's document numbers are not sorted (as text)."""
    names = [m[0] for m in layout.members]
    if names != sorted(names):
        return ""
    for _name, _s, _e, records in layout.members:
        keys = [r[0] for r in records]
        if any(a >= b for a, b in zip(keys, keys[1:])):
            return ""
    return json.dumps({"unit": layout.unit.decode(), "members": [[m[0], m[1], m[2]] for m in layout.members]})


def after(description: str, edits: list[tuple[int, int, bytes]]) -> str:
    """``description`` moved past ``edits`` (sorted ``(start, end, new bytes)`` replacements
    that keep the layout sorted, as :meth:`kb.store.writer.Edit.write` makes them)."""
    got = json.loads(description)
    starts = [pos for pos, _end, _text in edits]
    shift = [0]
    for pos, end, text in edits:
        shift.append(shift[-1] + len(text) - (end - pos))

    def moved(offset: int) -> int:  # edits wholly before ``offset`` shift it
        return offset + shift[bisect_right(starts, offset - 1)]

    got["members"] = [[name, start + shift[bisect_right(starts, start - 1)], moved(end)]
                      for name, start, end in got["members"]]
    return json.dumps(got)


class Located:
    """The records of a sorted file in kb's layout, found by bisection (module docstring).

    ``fd``: the open file; ``description``: :func:`describe`'s JSON for it.
    :meth:`find` gives where a record lies, :meth:`record` decodes it,
    :meth:`bounds` where a table's value lies; ``view`` is the file's bytes.
    """

    layout = True  # a file in kb's layout, as :class:`kb.store.reader.Tables` says with its own

    def __init__(self, fd: int, description: str):
        try:
            got = json.loads(description)
            self.unit = got["unit"].encode()
            members = {name: (start, end) for name, start, end in got["members"]}
        except (ValueError, KeyError, TypeError, AttributeError) as e:
            raise Mismatch(f"no description ({e})") from None
        self.map = mmap.mmap(fd, 0, access=mmap.ACCESS_READ) if members else None
        self.view = memoryview(self.map) if members else memoryview(b"")
        self.line = b"\n" + self.unit * 2 + b'"'
        self.close = b"\n" + self.unit + b"}"
        self.members = members
        # the bisection's probes, kept: every seek of a table makes the same first ones
        self._probes: dict[int, tuple[int, str, int] | None] = {}
        self._finds: dict[str, int] = {}  # bisections of each table so far
        self._dirs: dict[str, _Directory] = {}  # tables whose record lines were found in one pass
        size = len(self.view)
        for name, (start, end) in members.items():
            head = b"\n" + self.unit + json.dumps(name, ensure_ascii=False).encode() + b": "
            if not (0 < start < end <= size and self.map[start - len(head):start] == head
                    and self.map[start:start + 1] == b"{" and self.map[end - 1:end] == b"}"):
                raise Mismatch(f"table {name!r} is not where it was")

    def bounds(self, table: str) -> tuple[int, int] | None:
        """Where the value of ``table`` lies (``{`` to after ``}``), or None when there is none."""
        return self.members.get(table)

    def names(self) -> list[str]:
        return list(self.members)

    def in_order(self, table: str) -> bool:
        return True  # described so (:func:`describe`)

    def empty(self, table: str) -> bool:
        start, _stop = self.members[table]
        return self.map[start:start + 2] == b"{}"

    def _key(self, line: int) -> tuple[str, int]:
        """The document number on the record line at ``line`` and where its ``{`` is."""
        at = line + len(self.line)
        end = self.map.find(b'": {', at, at + 32)
        key = self.map[at:end] if end > at else b""
        if not (key.isdigit() and key.isascii()):
            raise Mismatch(f"no record line at offset {line}")
        return key.decode(), end + 3

    def _end(self, table: str, at: int, found: _Directory | None = None, i: int = -1) -> int:
        """Where the record whose ``{`` is at ``at`` ends (after its ``}``); ``found``: the
        table's record lines, if found already (``i``: the place of the next, if known)."""
        _start, stop = self.members[table]
        if found is None:
            nxt = self.map.find(self.line, at, stop)
        elif i < 0:
            nxt = found.after(at)
        else:
            nxt = found.lines[i] if i < len(found.lines) else -1
        if nxt >= 0:
            end = nxt - 1
            if self.map[end:nxt] != b",":
                raise Mismatch(f"no ',' before offset {nxt}")
        else:
            end = stop - len(self.close)
            if self.map[end:stop] != self.close:
                raise Mismatch(f"table {table!r} does not close where it should")
        if self.map[end - 1:end] != b"}":
            raise Mismatch(f"no record ends at offset {end}")
        return end

    def _next(self, lo: int, hi: int) -> int:
        """The first record line that starts at ``lo`` or after and before ``hi``; -1 if none."""
        line = self.map.find(self.line, lo, hi + len(self.line) - 1)  # it may end past hi
        return line if 0 <= line < hi else -1

    def many(self, table: str) -> None:
        """Say that most records of ``table`` will be read: its record lines are found now, in
        one pass (:class:`_Directory`), and every later read of it is a lookup."""
        if table in self.members and table not in self._dirs:
            self._dirs[table] = _Directory(self, table)

    def _counted(self, table: str) -> _Directory | None:
        """The directory of ``table``, made once its bisections have cost about a pass."""
        got = self._dirs.get(table)
        if got is None:
            n = self._finds[table] = self._finds.get(table, 0) + 1
            start, stop = self.members[table]
            if n * _PASS >= stop - start:
                got = self._dirs[table] = _Directory(self, table)
        return got

    def seek(self, table: str, key: str) -> tuple[int, str, int] | None:
        """The first record of ``table`` whose number is ``key`` or after it (as text): its
        line, number and ``{``; None when every record is before it."""
        got = self._counted(table)
        if got is not None:
            return got.seek(key)
        start, stop = self.members[table]
        lo, hi, best = start, stop, None  # lines before lo: before key; from hi on: best first
        probes = self._probes
        while hi - lo > _SMALL:
            mid = (lo + hi) // 2
            if mid not in probes:  # the first record line from mid on in the table, and its key
                line = self._next(mid, stop)
                probes[mid] = None if line < 0 else (line, *self._key(line))
            got = probes[mid]
            if got is None or got[0] >= hi:
                hi = mid
                continue
            line, k, at = got
            if k < key:
                lo = line + 1
            else:
                best, hi = got, mid
        line = self._next(lo, hi)
        while line >= 0:
            k, at = self._key(line)
            if k >= key:
                return line, k, at
            line = self._next(at, hi)
        return best

    def find(self, table: str, key: str) -> tuple[int, int, int]:
        """Record ``key`` of ``table``: its line, and where its ``{...}`` starts and ends."""
        found = self._dirs.get(table)
        if found is not None:  # the record lines found already: a lookup, the next line its end
            i = found.place(key)
            if i is None:
                raise Mismatch(f"no {table} record {key}")
            lines = found.lines
            return lines[i], found.ats[i], self._end(table, found.ats[i], found, i + 1)
        got = self.seek(table, key) if table in self.members else None
        if got is None or got[1] != key:
            raise Mismatch(f"no {table} record {key}")
        line, _k, at = got
        return line, at, self._end(table, at, self._dirs.get(table))

    def record(self, table: str, key: str, exact: bool = True) -> dict:
        """Record ``key`` of ``table``: as Python's decoder reads it (``exact``:
        :func:`kb.store.decoding.decode_record`, orjson where it reads the same), or by orjson."""
        found = self._dirs.get(table)
        span = None if found is None else found.span(self, table, key)
        if span is None:
            _line, start, end = self.find(table, key)
        else:
            start, end = span
        if exact:
            from .decoding import decode_record

            return decode_record(self.view[start:end].tobytes())
        import orjson

        try:
            return orjson.loads(self.view[start:end])
        except orjson.JSONDecodeError:  # orjson refuses what Python reads (very deep nesting)
            return json.loads(bytes(self.view[start:end]).decode("utf-8"))

    def last_end(self, table: str) -> int:
        """Where the last record of ``table`` ends (its table holds one at least)."""
        _start, stop = self.members[table]
        return stop - len(self.close)


class _Directory:
    """The record lines of one table of a :class:`Located` file, found in one pass: each
    record's number, line and ``{``, so a seek is a lookup.  Every line that starts two levels
    in must be a record's (``"7": {``) and the numbers must be sorted (as text), as the file's
    description says; else :class:`Mismatch`, as a bisection meeting the same would raise."""

    def __init__(self, located: Located, table: str):
        start, stop = located.members[table]
        lines, keys, ats = [], [], []
        pattern = re.compile(re.escape(located.line) + rb'(?:([0-9]{1,28})": \{)?')
        for m in pattern.finditer(located.map, start, stop):
            if m.lastindex is None:
                raise Mismatch(f"no record line at offset {m.start()}")
            lines.append(m.start())
            keys.append(m.group(1).decode())
            ats.append(m.end() - 1)
        if any(a >= b for a, b in zip(keys, keys[1:])):
            raise Mismatch(f"the records of table {table!r} are not in order")
        self.lines, self.keys, self.ats = lines, keys, ats
        self._place: dict[str, int] | None = None
        self._spans: dict[str, tuple[int, int]] | None = None

    def span(self, located: Located, table: str, key: str) -> tuple[int, int] | None:
        """Where record ``key``'s ``{...}`` lies, once every record's end was found where
        :meth:`Located._end` would find it (a ``}``, then the ``,`` before the next line, or the
        table's close); None for a record that does not end so (:meth:`Located.find` says why)
        or is not there.  Made for all records at the first ask: a run that reads many reads
        each by one lookup."""
        if self._spans is None:
            start, stop = located.members[table]
            view, close, lines = located.map, located.close, self.lines
            ends = [line - 1 for line in lines[1:]]
            ends.append(stop - len(close) if view[stop - len(close):stop] == close else -1)
            sound = [view[e - 1] == 125 and view[e] == 44 for e in ends[:-1]]  # '}' ','
            sound.append(ends[-1] > 0 and view[ends[-1] - 1] == 125)
            self._spans = {k: (at, end) for k, at, end, ok in zip(self.keys, self.ats, ends, sound) if ok}
        return self._spans.get(key)

    def place(self, key: str) -> int | None:
        """The place of record ``key`` among the lines, or None when there is none."""
        if self._place is None:
            self._place = dict(zip(self.keys, range(len(self.keys))))
        return self._place.get(key)

    def seek(self, key: str) -> tuple[int, str, int] | None:
        i = bisect_left(self.keys, key)
        return None if i == len(self.keys) else (self.lines[i], self.keys[i], self.ats[i])

    def after(self, at: int) -> int:
        """The first record line after offset ``at``; -1 if none."""
        i = bisect_right(self.lines, at)
        return self.lines[i] if i < len(self.lines) else -1


class Scanned:
    """:class:`Located`'s questions answered from a scanned file's layout
    (:class:`kb.store.reader.Layout`), for the same splice (:meth:`kb.store.writer.Edit.write`)."""

    def __init__(self, layout):
        self.unit, self.layout = layout.unit, layout
        self._members = {m[0]: m for m in layout.members}
        self._keys: dict[str, list[str]] = {}

    def names(self) -> list[str]:
        return [m[0] for m in self.layout.members]

    def bounds(self, table: str) -> tuple[int, int] | None:
        m = self._members.get(table)
        return None if m is None else (m[1], m[2])

    def _keys_of(self, table: str) -> list[str]:
        if table not in self._keys:
            self._keys[table] = [r[0] for r in self._members[table][3]]
        return self._keys[table]

    def in_order(self, table: str) -> bool:
        """Whether ``table``'s document numbers are sorted (as text)."""
        keys = self._keys_of(table)
        return all(a < b for a, b in zip(keys, keys[1:]))

    def empty(self, table: str) -> bool:
        return not self._members[table][3]

    def seek(self, table: str, key: str) -> tuple[int, str, int] | None:
        from bisect import bisect_left

        keys, records = self._keys_of(table), self._members[table][3]
        i = bisect_left(keys, key)
        return None if i == len(keys) else (records[i][1], keys[i], records[i][2])

    def find(self, table: str, key: str) -> tuple[int, int, int]:
        got = self.seek(table, key)
        if got is None or got[1] != key:
            raise Mismatch(f"no {table} record {key}")
        from bisect import bisect_left

        rec = self._members[table][3][bisect_left(self._keys_of(table), key)]
        return rec[1], rec[2], rec[3]

    def last_end(self, table: str) -> int:
        return self._members[table][3][-1][3]
