"""One write's view of a store (:class:`Edit`): its records read once and checked, the changes,
and the new file written by copying the bytes of every record the write did not change.

:func:`kb.store.writer.editing` makes an :class:`Edit` under the store's lock
(the module docstring there says what a write promises); this module holds
what the edit does: reading the records (from the file, or from a fresh index,
:mod:`kb.index.lookups`), finding a record again to change it (in the scanned
file, or by the index's description, :mod:`kb.store.locate`), and writing the
records added and replaced into the old bytes (:meth:`Edit.write`).
"""

from __future__ import annotations

import os
from collections import deque
from contextlib import suppress
from pathlib import Path
from typing import Callable

from ..collector import paused
from ..errors import StoreError
from . import atomic, checked
from .saved import Rows
from .check import FAULTS, Checker, check_store
from .locate import Located, Mismatch
from .paths import shipped_path, user_path
from .reader import TABLES, Tables


def _seed(target: Path) -> dict | None:
    """What a store starts from: the shipped knowledge base for the user store, else nothing."""
    if target != atomic.resolve(user_path()):
        return None
    shipped = shipped_path()
    doc = Tables(shipped, digest=False).document()
    check_store(shipped, doc or {})
    return doc


class Edit:
    """One write's view of a store: its records read once, checked, then the changes.

    :meth:`read` gives each record to the caller; :meth:`add` and
    :meth:`replace` take the changes (``added``: table -> [(document
    number, record)], ``replaced``: table -> {document number: record}, what
    an index that follows writes needs); :meth:`write` writes them.  A record
    to be changed is taken from :meth:`exact` (read by Python's decoder, so
    every number is kept as it is).  New records get TinyDB's document
    numbers: one more than the largest in their table.
    """

    def __init__(self, target: Path, name: Path, read):
        self.name, self.target, self.stat, self._file = name, target, read.stat, read
        self._tables: Tables | Located | None = read.tables
        self.before: str | None = None  # the index's claim on the store, when it answered read()
        self.layout: str | None = None  # the written file's description (kb.store.locate), if known
        self.doc: dict | None = None if read.stat is not None else (_seed(target) or {})
        self._ids: dict[str, dict[str, str]] | None = None  # numbers -> ids, with Located
        self._max: dict[str, int] = {}
        self._described = ""  # the index's description of the file read, with Located
        self.added: dict[str, list[tuple[str, dict]]] = {}
        self.replaced: dict[str, dict[str, dict]] = {}
        self._next: dict[str, int] = {}
        self._read = False
        self._written: list | None = None  # the pieces write() wrote, for digest()
        self._bytes: dict[int, bytes] = {}  # id() of a record written piece by piece -> its bytes
        self._asker = None  # the index asked instead of read (ask())
        self.name_keys: list | None = None  # the index's name keys, when read() asked for them
        self._checker: Checker | None = None  # what read() checked, when it read the file's records
        self._trusted = False  # read() found the file's bytes checked before (kb.store.checked)
        self._digest: str | None = None  # digest()'s answer, once made
        self.written: os.stat_result | None = None  # the written file's status, right after write()'s replace
        self._rows_of: Rows | None = None  # what read() was asked to give instead of records
        self._kept: dict[str, tuple[list, list]] | None = None  # the rows read: table -> (numbers, rows)
        self._placed: tuple[list, dict] | None = None  # _splice()'s edits, and where each record lies
        self._from_rows = False  # read() read the saved rows, not the file's records

    @property
    def tables(self) -> Tables | Located | None:
        """The file: located by the index's description (:meth:`_from_index`), else read whole
        when first asked for; None when there is no file."""
        if self._tables is None and self.stat is not None:
            self._tables = self._file.open_tables()
        return self._tables

    def _distrust(self, why: Mismatch) -> StoreError:
        """The file is not as the index described it: the index is damaged.  It is removed (the
        next command builds another) and the write stops, before anything is written."""
        from ..index.freshness import index_path

        with suppress(OSError):
            os.unlink(index_path(self.target))
        return StoreError(f"{self.name}: its index did not match it ({why}), and was removed; "
                          "nothing was written: run the command again")

    # -- reading ------------------------------------------------------------------------
    def records(self) -> dict[str, list[dict]]:
        """The records added and replaced, by table (what :func:`kb.index.update.apply` takes)."""
        return {table: [rec for _key, rec in self.added.get(table, ())]
                + list(self.replaced.get(table, {}).values()) for table in TABLES}

    def stored(self) -> dict[str, list[dict]] | None:
        """:meth:`records` as a reader of the written file gets them back (its keys sorted,
        every value as JSON holds it), decoded from the bytes :meth:`write` wrote, so the
        index update need not encode and decode each again; None unless it wrote them piece
        by piece."""
        if self._written is None:
            return None
        from .decoding import decode_record

        try:
            return {table: [decode_record(self._bytes[id(rec)]) for rec in recs]
                    for table, recs in self.records().items()}
        except (ValueError, RecursionError):  # the update reads them its own way (and says no)
            return None

    def keys(self) -> dict[str, dict[str, str]]:
        """The document numbers of the records added and replaced: table -> record id -> number."""
        out: dict[str, dict[str, str]] = {}
        for table in TABLES:
            pairs = [*self.added.get(table, ()), *self.replaced.get(table, {}).items()]
            out[table] = {rec["id"]: key for key, rec in pairs if isinstance(rec, dict) and "id" in rec}
        return out

    def read(self, take: dict[str, Callable[[str, dict], None]],
             only: dict[str, tuple[str, ...]] | None = None, keys: bool = False,
             rows: Rows | None = None) -> None:
        """Give each sound record of each table in ``take`` to ``take[table](number, record)``.

        Tables come in file order, records in table order.  Every record of
        the store is checked (:mod:`kb.store.check`); a fault is raised once
        the whole file is read, the first of the first table in
        :data:`kb.store.check.FAULTS` order, as :func:`check_store` raises it.

        ``only``: per table of ``take``, the members its function reads.  When
        the store's index is fresh for this very file, the records come from
        it (:func:`kb.index.lookups.records`), holding those members only:
        every record was checked when the index was built, so none is read or
        checked again.  Otherwise whole records come from the file, as without.
        ``keys``: when the records come from the index, :attr:`name_keys` holds its name
        keys too (:func:`kb.index.lookups.records`); else it stays None.

        ``rows``: where the records do not come from the index, each table of it is given
        rows instead of records (:class:`Rows`): saved by the last write when they describe
        this very file (:mod:`kb.store.saved`: nothing is decoded or checked again), else made
        from each record read; the write saves the rows of the file it writes.
        """
        if self._read:
            raise RuntimeError("a store is read once for an edit")
        self._read = True
        if only is not None and set(take) <= set(only) and self._from_index(take, only, keys):
            return
        if rows is not None:  # kept without the caller's takers, which may hold this edit
            self._rows_of = rows._replace(take={})
            if self._from_saved(rows):
                return
            take = {**take, **{t: self._row_taker(t, rows) for t in rows.take}}
        tables = self.tables
        if tables is not None and tables.layout is None:  # another layout: read whole, as writing()
            self.doc = tables.document() or {}
            check_store(self.name, self.doc)
        if self.doc is not None:
            for table, records in self.doc.items():
                fn = take.get(table)
                if fn is not None and table in TABLES:
                    for key, rec in records.items():
                        fn(key, rec)
            return
        checker, faults = Checker(self.name), {}
        trusted = checked.trusted(self.target, tables.raw)  # these very bytes were checked
        with paused():  # decoded JSON holds no cycles, only many objects
            for table, *_rest in list(tables.layout.members):
                records = tables.items(table)
                if table in FAULTS:  # a record is given only while no fault was met
                    fault = checker.each(table, records, None if faults else take.get(table), trusted)
                    if fault is not None:
                        faults[table] = fault
                deque(records, maxlen=0)  # the rest is read all the same (it must decode)
        for table in FAULTS:
            if table in faults:
                raise faults[table]
        self._checker = checker  # every record of the file sound: what remember() builds on
        self._trusted = trusted
        if self._kept is not None:
            self._kept = {t: pair for t, pair in self._kept.items() if tables.layout is not None
                          and any(m[0] == t for m in tables.layout.members)}

    def _row_taker(self, table: str, rows: Rows) -> Callable[[str, dict], None]:
        """What gives a record read from the file to ``rows``: its row, kept for the save."""
        if self._kept is None:
            self._kept = {}
        keys, values = self._kept.setdefault(table, ([], []))
        make, give = rows.make[table], rows.take[table]
        add_key, add_row = keys.append, values.append

        def taker(key: str, rec: dict) -> None:
            row = make(rec)
            add_key(key)
            add_row(row)
            give(key, row)
        return taker

    def _from_saved(self, rows: Rows) -> bool:
        """:meth:`read` from the rows the last write saved (:mod:`kb.store.saved`), if they
        describe this very file; False (nothing given) otherwise.  The file is read (its bytes
        are what the rows describe) and laid out as the rows say, not scanned."""
        import hashlib

        from . import saved

        if self.stat is None or self._file.fd is None or self._tables is not None:
            return False
        raw: list[bytes] = []

        def digest() -> str:
            from .reader import read_bytes

            raw.append(read_bytes(self.target, self._file.fd))
            return hashlib.sha1(raw[0]).hexdigest()

        got = saved.load(self.target, self.stat.st_size, digest, rows.tag, set(rows.take))
        if got is None:
            return False
        _digest, description, kept = got
        layout = saved.layout(raw[0], description, kept)
        if layout is None:
            return False
        checker = Checker(self.name)
        for table, (keys, values, _a, _e) in kept.items():
            try:
                ids = dict(zip([row[0] for row in values], keys))
            except (TypeError, KeyError, IndexError):
                return False
            if len(ids) != len(keys) or table not in checker._ids:
                return False
            checker._ids[table] = ids
        self._tables = self._file.tables = Tables(self.target, False, name=self.name, exact=False,
                                                  laid=(raw[0], layout))
        self._checker, self._trusted, self._from_rows = checker, True, True
        self._kept = {t: (c[0], c[1]) for t, c in kept.items()}
        with paused():
            for name, *_rest in layout.members:
                give = rows.take[name]
                for key, row in zip(*self._kept[name]):
                    give(key, row)
        return True

    def _from_index(self, take: dict[str, Callable[[str, dict], None]],
                    only: dict[str, tuple[str, ...]], keys: bool = False) -> bool:
        """:meth:`read` from the index, if it is fresh for the file read and holds its document
        numbers in the file's order; False (nothing given yet) otherwise."""
        from ..index import lookups

        if self.stat is None or self._file.fd is None:
            return False
        got = lookups.records(self.target, self.stat, lambda: atomic.sha1_of(self._file.fd),
                              {t: only[t] for t in take}, keys)
        if got is None:
            return False
        before, rows, description = got
        name_keys = rows.pop("names", None)
        if description and self._tables is None:
            try:  # the file as the index describes it: nothing read, nothing scanned
                self._tables = Located(self._file.fd, description)
            except Mismatch:
                pass
            else:
                self._ids = {t: {k: r.get("id") for k, r in rows[t]} for t in rows if "id" in only[t]}
                self._max = {t: max((int(k) for k, _r in rows[t]), default=0) for t in rows}
                self._described = description
                if any(rows[t] for t in rows if self._tables.bounds(t) is None):
                    self._tables, self._ids = None, None  # records of a table the file lacks
                    return False
                for name in self._tables.names():
                    for key, rec in rows.get(name, ()) if name in take else ():
                        take[name](key, rec)
                self.before, self.name_keys = before, name_keys
                return True
        tables = self.tables
        if tables.layout is None or isinstance(tables, Located):
            return False
        members = [m for m in tables.layout.members if m[0] in take]
        if any(rows[t] for t in set(rows) - {m[0] for m in members}):
            return False  # records of a table the file does not hold
        for name, _s, _e, records in members:
            if len(records) != len(rows[name]) or any(
                    r[0] != k for r, (k, _rec) in zip(records, rows[name])):
                return False
        for name, *_rest in members:
            fn = take[name]
            for key, rec in rows[name]:
                fn(key, rec)
        self.before, self.name_keys = before, name_keys
        return True

    def ask(self):
        """Instead of :meth:`read`: this file's fresh index, asked one question at a time, the file
        located as it says (:class:`kb.index.lookups.Asker`, open until :meth:`close`); or None."""
        from ..index.lookups import Asker

        if self._read or self.stat is None or self._file.fd is None or self._tables is not None:
            return None
        asker = Asker.locate(self.target, self.stat, self._file.fd, TABLES)
        if asker is not None:
            self._tables, self._described, self.before, self._read, self._asker = (
                asker.located, asker.layout, asker.before, True, asker)
            self._ids, self._max = asker.ids, {t: asker.largest(t) for t in TABLES}
        return asker

    def close(self) -> None:
        """Let go of the index :meth:`ask` opened (before the index is updated)."""
        if self._asker is not None:
            self._asker.close()

    def exact(self, table: str, key: str) -> dict:
        """Record ``key`` of ``table`` as Python's decoder reads it: to be changed and written."""
        return self._get(table, key, True)

    def record(self, table: str, key: str) -> dict:
        """Record ``key`` of ``table`` as :meth:`read` gave it (a fresh copy), to look at."""
        return self._get(table, key, False)

    def _get(self, table: str, key: str, exact: bool) -> dict:
        if self.doc is not None or self.tables.layout is None:
            return self._whole()[table][key]
        if self._ids is None:
            return self.tables.record(table, key, exact=exact)
        try:  # located: the record found must be the one the index numbered so
            rec = self.tables.record(table, key, exact=exact)
            if table in self._ids and rec.get("id") != self._ids[table].get(key):
                raise Mismatch(f"{table} record {key} is not {self._ids[table].get(key)!r}")
        except (Mismatch, ValueError) as e:
            raise self._distrust(e) from None
        return rec

    def _whole(self) -> dict:
        if self.doc is None:
            if isinstance(self._tables, Located):
                self._tables = self._file.open_tables()
            self.doc = self.tables.document() or {}
        return self.doc

    # -- changing -----------------------------------------------------------------------
    def _largest(self, table: str) -> int:
        if self.doc is None and isinstance(self.tables, Located):
            return self._max.get(table, 0)
        if self.doc is None and self.tables.layout is not None:
            records = next((m[3] for m in self.tables.layout.members if m[0] == table), ())
            return max((int(k) for k, *_r in records), default=0)
        return max(map(int, self._whole().get(table, {})), default=0)

    def add(self, table: str, record: dict) -> str:
        """Add a record to ``table``; its document number."""
        n = self._next.get(table) or self._largest(table) + 1
        self._next[table] = n + 1
        self.added.setdefault(table, []).append((str(n), record))
        return str(n)

    def replace(self, table: str, key: str, record: dict) -> None:
        """Make ``record`` the record numbered ``key`` in ``table``."""
        self.replaced.setdefault(table, {})[key] = record

    # -- writing ------------------------------------------------------------------------
    def _splice(self) -> list | None:
        """The new file as pieces: the old bytes between the changed records and the new
        records' bytes; None unless the file is in kb's layout, sorted, with every table added to.
        A replaced record whose bytes are what the file holds is left out of :attr:`replaced`
        (nothing of it changes, in the file or in the index).
        Sets :attr:`layout`, the new file's description, when the old one's is known."""
        from .locate import Scanned, after, describe
        from .storage import encode_record

        if self.doc is not None or self.tables.layout is None:
            return None
        tables = self.tables
        where = tables if isinstance(tables, Located) else Scanned(tables.layout)
        names = where.names()
        if names != sorted(names) or not set(self.added) <= set(names):
            return None
        unit, edits = where.unit, []
        old = tables.view if isinstance(tables, Located) else memoryview(tables.raw)
        line = b"\n" + unit * 2
        placed: dict[int, tuple[tuple, int]] = {}  # id() of a record -> its edit, its {...} in it
        try:
            for name in names:
                added, replaced = self.added.get(name, ()), self.replaced.get(name, {})
                if not (added or replaced):
                    continue
                if not where.in_order(name):
                    return None
                same = []
                for key, rec in replaced.items():
                    _line, start, end = where.find(name, key)
                    data = self._bytes[id(rec)] = encode_record(rec, unit, True)
                    if old[start:end] == data:
                        same.append(key)
                    else:
                        edits.append((start, end, data))
                        placed[id(rec)] = (edits[-1], 0)
                for key in same:  # written again as it was: its bytes stay, and the index holds it
                    del replaced[key]
                added = sorted(added, key=lambda kr: kr[0])
                for _key, rec in added:
                    self._bytes[id(rec)] = encode_record(rec, unit, True)
                new = [b'"%s": ' % key.encode() + self._bytes[id(rec)] for key, rec in added]
                if new and where.empty(name):
                    start, _end = where.bounds(name)
                    edits.append((start, start + 2, b"{" + b",".join(line + r for r in new) + b"\n" + unit + b"}"))
                    at = 1
                    for (_key, rec), text in zip(added, new):
                        placed[id(rec)] = (edits[-1], at + len(line) + len(text) - len(self._bytes[id(rec)]))
                        at += len(line) + len(text) + 1
                    continue
                for (key, _rec), text in zip(added, new):
                    got = where.seek(name, key)
                    if got is not None and got[1] == key:
                        raise Mismatch(f"{name} record {key} is there already")
                    if got is not None:
                        edits.append((got[0], got[0], line + text + b","))
                    else:
                        end = where.last_end(name)
                        edits.append((end, end, b"," + line + text))
                    placed[id(_rec)] = (edits[-1], len(edits[-1][2]) - len(self._bytes[id(_rec)])
                                        - (got is not None))
        except Mismatch as e:
            if isinstance(tables, Located):
                raise self._distrust(e) from None
            return None
        edits.sort(key=lambda t: t[0])
        self._placed = (edits, placed)
        described = self._described if isinstance(tables, Located) else describe(tables.layout)
        self.layout = after(described, edits) if described else None
        if isinstance(tables, Located):  # the old bytes as spans of the file, copied by the kernel
            out, prev = [], 0
            for pos, end, text in edits:
                out += ((prev, pos), text)
                prev = end
            out.append((prev, len(tables.view)))
            return out
        view, out, prev = memoryview(tables.raw), [], 0
        for pos, end, text in edits:
            out += (view[prev:pos], text)
            prev = end
        out.append(view[prev:])
        return out

    def write(self, target: Path) -> bool:
        """Write the changes to ``target``, atomically; False when there were none."""
        from .storage import write_json

        if not (self.added or self.replaced):
            return False
        pieces = self._splice()
        if pieces is None:
            doc = self._whole()
            for table, records in self.added.items():
                doc.setdefault(table, {}).update(records)
            for table, records in self.replaced.items():
                doc.setdefault(table, {}).update(records)
            status: list = []
            write_json(target, doc, status=status)
            self.written = status[0]
            return True
        status = []
        with atomic.replacing(target, status=status) as tmp:
            fd = os.open(tmp, os.O_WRONLY | getattr(os, "O_BINARY", 0))
            try:
                view = self.tables.view if isinstance(self.tables, Located) else None
                atomic.write_pieces(fd, pieces, self._file.fd, view)
            finally:
                os.close(fd)
        self._written, self.written = pieces, status[0]
        return True

    def digest(self) -> str | None:
        """The SHA-1 of the bytes :meth:`write` wrote, if it wrote them piece by piece (else None)."""
        if self._written is None:
            return None
        if self._digest is None:
            import hashlib

            h = hashlib.sha1()
            for piece in self._written:
                if isinstance(piece, tuple):
                    for at in range(piece[0], piece[1], 1 << 22):
                        h.update(os.pread(self._file.fd, min(1 << 22, piece[1] - at), at))
                else:
                    h.update(piece)
            self._digest = h.hexdigest()
        return self._digest

    def remember(self) -> None:
        """Note the written file as checked (:mod:`kb.store.checked`) when it is: every record
        of the file read was (:meth:`read`), and each record written, decoded from the bytes
        written, is sound with an id of its own.  Without a write, the file read is noted, if
        its records were checked one by one."""
        if self._checker is None:
            return
        if self._written is None:
            fresh = (self._kept is not None and not self._from_rows and isinstance(self._tables, Tables)
                     and self._tables.layout is not None)  # rows made from the file's records
            if (fresh or not self._trusted) and not (self.added or self.replaced):
                import hashlib

                raw = self.tables.raw
                digest = hashlib.sha1(raw).hexdigest()
                if not self._trusted:
                    checked.remember(self.target, len(raw), digest)
                if fresh:  # the rows read from the file, saved
                    from .locate import describe

                    self._save_rows(len(raw), digest, describe(self.tables.layout), {})
            return
        from . import saved
        from .decoding import decode_record

        follows, back = self._checker.follows, {}  # back: id() of a record -> as its bytes read
        try:
            for table in TABLES:
                for key, rec in self.replaced.get(table, {}).items():
                    back[id(rec)] = got = decode_record(self._bytes[id(rec)])
                    if table in FAULTS and not follows(table, key, got, True):
                        return saved.forget(self.target)
                for key, rec in self.added.get(table, ()):
                    back[id(rec)] = got = decode_record(self._bytes[id(rec)])
                    if table in FAULTS and not follows(table, key, got, False):
                        return saved.forget(self.target)
        except (ValueError, RecursionError, KeyError):  # bytes not read back: nothing vouched for
            return saved.forget(self.target)
        size = sum(p[1] - p[0] if isinstance(p, tuple) else len(p) for p in self._written)
        checked.remember(self.target, size, self.digest())
        if not self._save_rows(size, self.digest(), self.layout, back):
            saved.forget(self.target)

    def _save_rows(self, size: int, digest: str | None, description: str | None,
                   back: dict[int, dict]) -> bool:
        """Save the rows of the file written, ``size`` bytes of SHA-1 ``digest`` described by
        ``description`` (:mod:`kb.store.saved`): those read, each changed record's and each added
        one's made from the bytes written (``back``: id() of a record -> its bytes decoded), in
        file order, with where each record's ``{...}`` lies in that file."""
        from . import saved

        rows, kept, tables = self._rows_of, self._kept, self._tables
        if (rows is None or kept is None or not description or not digest or isinstance(tables, Located)
                or tables is None or tables.layout is None):
            return False
        spans = saved.Spans(*(self._placed or ([], {})), self._bytes)
        laid = {m[0]: m[3] for m in tables.layout.members}
        out: dict[str, list] = {}
        for table in rows.make:
            replaced, added = self.replaced.get(table, {}), self.added.get(table, ())
            if table not in kept:
                if added or replaced:
                    return False  # a table the file read lacked
                continue
            try:
                got = saved.merged(kept[table], laid[table], spans, rows.make[table],
                                   [(key, back[id(rec)], rec) for key, rec in replaced.items()],
                                   [(key, back[id(rec)], rec) for key, rec in added])
            except (KeyError, TypeError, ValueError):
                got = None
            if got is None:
                return False
            out[table] = got
        return saved.save(self.target, size, digest, rows.tag, description, out)

    def finish(self) -> None:
        """Read and check what :meth:`read` was not asked for (every record must be sound)."""
        if not self._read:
            self.read({})
