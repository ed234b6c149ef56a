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
"""

from __future__ import annotations

import json
import mmap
from bisect import bisect_right

_SMALL = 1 << 14  # below this many bytes, walk the record lines instead of bisecting


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

    def _end(self, table: str, at: int) -> int:
        """Where the record whose ``{`` is at ``at`` ends (after its ``}``)."""
        _start, stop = self.members[table]
        nxt = self.map.find(self.line, at, stop)
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

    def seek(self, table: str, key: str) -> tuple[int, str, int] | None:
        """The first record of ``table`` whose number is ``key`` or after it (as text): its
        line, number and ``{``; None when every record is before it."""
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
        got = self.seek(table, key) if table in self.members else None
        if got is None or got[1] != key:
            raise Mismatch(f"no {table} record {key}")
        line, _k, at = got
        return line, at, self._end(table, at)

    def record(self, table: str, key: str, exact: bool = True) -> dict:
        """Record ``key`` of ``table``, decoded by Python's decoder (``exact``) or orjson."""
        _line, start, end = self.find(table, key)
        if exact:
            return json.loads(bytes(self.view[start:end]).decode("utf-8"))
        import orjson

        try:
            return orjson.loads(self.view[start:end])
        except orjson.JSONDecodeError:  # orjson refuses what Python reads (very deep nesting)
            return json.loads(bytes(self.view[start:end]).decode("utf-8"))

    def last_end(self, table: str) -> int:
        """Where the last record of ``table`` ends (its table holds one at least)."""
        _start, stop = self.members[table]
        return stop - len(self.close)


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
