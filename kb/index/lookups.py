"""What a write looks records up by, read from the store's index instead of the store.

A write that adds documents (``kb ingest``) keeps, of every stored record,
only a few members to look things up by (a source's hash, an entity's names,
an event's days) and the record's document number, to read it again if it
must be changed.  Read from the file, that means decoding and checking every
record (1.5 s at 100,000 events).  A fresh index answers the same question
from a few columns: one that records the signature of the very file the
writer has open (and its digest, when it keeps one: :mod:`kb.index.freshness`)
was built from that file or followed every write into it, and the build
checked every record (:mod:`kb.store.check`) and refused a store with any
fault, so what it holds is what the file holds.

:func:`records` returns, for each table asked for, ``(document number,
record)`` in the order of the document numbers as text (the order of a file
in kb's layout, whose keys are sorted), each record holding only the members
asked for (:data:`MEMBERS`; ``"date.start"`` is ``record["date"]["start"]``).
As the index keeps them: an entity's ``aliases`` leave out its name, and a
source's ``sha256`` is absent where the record's is empty.  The caller checks
that the numbers are the file's (:meth:`kb.store.writer.Edit.read`).  It
returns None, and the caller reads the file, when the index cannot answer:
none there (or not a regular file, or a journal left by an update cut short,
which the next query plays back), another version, not sound, not the index
of this file, a member it does not hold, a database error.  Meta and rows are
read in one transaction, so an update that commits meanwhile is seen whole or
not at all.

:class:`Asker` is the other way for a write that touches little: the same
checks, then one question at a time (a source by its hash, an entity by its
id or a name key, the events of one year, the claims about one subject),
each answered from the index's own indexes, so a write of one document pays
for what it looks at, not for every record.  It keeps one read transaction
open (a snapshot) until :meth:`Asker.close`, which the writer calls before
it updates the index.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path
from typing import Callable

from ..collector import paused
from ..store import signature
from . import freshness

# Per table, the members a write may ask for and the SQL that reads each from the index.
MEMBERS: dict[str, dict[str, str]] = {
    "sources": {"id": "id", "sha256": "json_extract(doc, '$.sha256')"},
    "entities": {"id": "id", "name": "name", "type": "type", "aliases": "json_extract(doc, '$.aliases')"},
    "events": {"id": "id", "date.start": "start", "date.end": "end", "claims": ""},
}
_JSON = {("entities", "aliases")}  # members the index holds as JSON text
# Members read from a table of their own, by record id, each row a JSON object of the list in
# order (an event's claims from ``claims``: a quarter of the events have one, so the events'
# own JSON is never read).
_LISTS = {("events", "claims"): "SELECT event_id, pos, doc FROM claims"}
_NULLABLE = {("sources", "sha256")}  # members a record may lack
# The name keys an ingest run's alias table is made of (kb.ingest.asked.KeyedAliasTable).
_NAME_KEYS = "SELECT how, key, entity_id FROM names WHERE how IN ('fold', 'skel', 'fskel')"
# A run of 19 digits: an integer orjson might read as a float (as kb.store.reader finds it).
_DIGITS = bytes(48 if 48 <= i <= 57 else 32 for i in range(256))


def records(store_path: Path, st: os.stat_result, digest: Callable[[], str],
            only: dict[str, tuple[str, ...]],
            keys: bool = False) -> tuple[str, dict[str, list[tuple[str, dict]]], str] | None:
    """The members ``only`` asks for of every record of its tables, from the index of the
    store at ``store_path`` if it is the index of the file whose status is ``st`` (module
    docstring); with the index's claim on the store, as :func:`kb.index.update.before` gives it,
    and its description of the file (:mod:`kb.store.locate`; ``""`` when it has none).

    ``digest()``: the SHA-1 of the file's bytes, asked for only when the index keeps one.
    ``keys``: also, under ``"names"``, ``(how, key, entity id)`` of every ``fold``, ``skel``
    and ``fskel`` name key (:func:`kb.index.build.name_rows`), from the same snapshot.
    """
    if any(t not in MEMBERS or not set(m) <= set(MEMBERS[t]) for t, m in only.items()):
        return None
    if any((t, x) in _LISTS and "id" not in m for t, m in only.items() for x in m):
        return None  # found by the record's id
    got = _snapshot(store_path, st, digest)
    if got is None:
        return None
    con, claim, layout = got
    try:
        with paused():  # many small objects, no cycles
            out = {table: _rows(con, table, members) for table, members in only.items()}
            if keys:
                out["names"] = con.execute(_NAME_KEYS).fetchall()
        con.execute("COMMIT")
    except (sqlite3.Error, ValueError):
        return None
    finally:
        con.close()
    return claim, out, layout


def _snapshot(store_path: Path, st: os.stat_result,
              digest: Callable[[], str]) -> tuple[sqlite3.Connection, str, str] | None:
    """The index of the store at ``store_path``, opened read-only inside one read transaction
    (every later question sees one snapshot), if it is the fresh index of the file whose
    status is ``st``: ``(connection, the index's claim on the store, layout)``, else None."""
    path = freshness.index_path(store_path)
    try:
        ist = os.stat(path)
        if not stat.S_ISREG(ist.st_mode) or os.path.lexists(f"{path}-journal") or freshness.odd_companion(path):
            return None
        con = sqlite3.connect(freshness.read_only_uri(path), uri=True, isolation_level=None)
    except (OSError, sqlite3.Error):
        return None
    try:
        con.execute("BEGIN")
        meta = dict(con.execute("SELECT key, value FROM meta"))
        sig = signature(store_path, st)
        fresh = meta.get("signature") == sig and freshness.sound(meta, ist) and \
            (not meta.get("digest") or digest() == meta["digest"])
    except (sqlite3.Error, ValueError):
        fresh = False
    if not fresh:
        con.close()
        return None
    return con, (f"{sig} {meta['digest']}" if meta.get("digest") else sig), meta.get("layout", "")


def _rows(con: sqlite3.Connection, table: str, members: tuple[str, ...]) -> list[tuple[str, dict]]:
    """``(key, record)`` of each row of ``table``, in key order, with ``members``."""
    members = tuple(dict.fromkeys(members))
    groups: dict[str, list[str]] = {}  # a top member -> [] ; a nested one's head -> its tails
    for m in members:
        head, dot, tail = m.partition(".")
        groups.setdefault(head, [])
        if dot:
            groups[head].append(tail)
    lists = [m for m in members if (table, m) in _LISTS]
    for m in lists:
        del groups[m]
    order = [m for m in members if "." not in m and m not in lists]
    order += [f"{h}.{t}" for h, ts in groups.items() for t in ts]
    cols = ", ".join(MEMBERS[table][m] for m in order)
    at = {m: i for i, m in enumerate(order, 1)}
    found: dict[str, object] = {}  # the lists read by id, under the names the expression uses
    for i, m in enumerate(lists):
        found[f"L{i}"] = _lists(con, _LISTS[table, m]).get
    # One expression builds a row's record (names from MEMBERS only, so safe to compile):
    # a comprehension over it keeps ~100,000 rows in a few hundredths of a second.
    parts = []
    for head, tails in groups.items():
        if tails:
            inner = ", ".join(f"{t!r}: r[{at[f'{head}.{t}']}]" for t in tails)
            parts.append(f"{head!r}: {{{inner}}}")
        else:
            parts.append(f"{head!r}: r[{at[head]}]")
    parts += [f"{m!r}: L{i}(r[{at['id']}]) or []" for i, m in enumerate(lists)]
    make = eval(f"lambda r: (r[0], {{{', '.join(parts)}}})", found)  # noqa: S307
    out = list(map(make, con.execute(f"SELECT key, {cols} FROM {table} ORDER BY key")))
    for m in members:  # as the index holds them
        if (table, m) in _JSON:
            for _k, rec in out:
                rec[m] = json.loads(rec[m])
        elif (table, m) in _NULLABLE:
            for _k, rec in out:
                if rec[m] is None:
                    del rec[m]
    return out


def _lists(con: sqlite3.Connection, sql: str) -> dict[str, list]:
    """Record id -> its list, in place order, from ``sql``'s rows ``(id, place, JSON)``."""
    import orjson  # a few times faster than Python's decoder

    rows = con.execute(sql).fetchall()
    # Python's decoder where a number might read otherwise (a run of 19 digits, rare)
    text = "\n".join(doc for _r, _p, doc in rows).encode("utf-8", "surrogatepass")
    loads = json.loads if b"0" * 19 in text.translate(_DIGITS) else orjson.loads
    by_id: dict[str, list] = {}
    for rid, pos, doc in rows:
        by_id.setdefault(rid, []).append((pos, loads(doc)))
    return {rid: [v for _p, v in (sorted(got) if len(got) > 1 else got)] for rid, got in by_id.items()}


class Asker:
    """Questions a write asks of a fresh index, one at a time (module docstring).

    :meth:`open` gives one when :func:`records` would answer; ``before`` and
    ``layout`` are what :func:`records` returns with the rows.  Each answer is
    what :func:`records`' rows would give for the same question, in the same
    order (document numbers as text).
    """

    def __init__(self, con: sqlite3.Connection, before: str, layout: str):
        self.con, self.before, self.layout = con, before, layout
        # document number -> id, per table, of the records asked for (those read next)
        self.known: dict[str, dict[str, str]] = {"sources": {}, "entities": {}, "events": {}}
        self.event_ids = self.known["events"]

    @classmethod
    def open(cls, store_path: Path, st: os.stat_result, digest: Callable[[], str]) -> "Asker | None":
        """An asker over the fresh index of the store at ``store_path`` (status ``st``), one
        snapshot for every question; None when there is no such index."""
        got = _snapshot(store_path, st, digest)
        return None if got is None else cls(*got)

    @classmethod
    def locate(cls, store_path: Path, st: os.stat_result, fd: int, tables) -> "Asker | None":
        """:meth:`open` for the store open as ``fd``, with ``located``, the file as the index
        describes it (:class:`kb.store.locate.Located`), and ``ids``: per table of ``tables``,
        a document number's record id (``.get(key)``); None unless the description fits."""
        from ..store import atomic
        from ..store.locate import Located, Mismatch

        asker = cls.open(store_path, st, lambda: atomic.sha1_of(fd))
        if asker is None:
            return None
        try:
            asker.located = Located(fd, asker.layout) if asker.layout else None
        except Mismatch:
            asker.located = None
        if asker.located is None or any(asker.located.bounds(t) is None and asker.holds(t) for t in tables):
            asker.close()  # no description, or records of a table the file lacks
            return None
        asker.ids = {t: _IdsOf(asker, t) for t in tables}
        return asker

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None

    def _one(self, sql: str, args=()):
        row = self.con.execute(sql, args).fetchone()
        return None if row is None else row[0]

    def _all(self, sql: str, args=()) -> list:
        return self.con.execute(sql, args).fetchall()

    # -- whole tables -------------------------------------------------------------------
    def holds(self, table: str) -> bool:
        """Whether ``table`` has a record."""
        return self._one(f"SELECT 1 FROM {table} LIMIT 1") is not None  # names from TABLES only

    def largest(self, table: str) -> int:
        """The largest document number of ``table`` (0 when it is empty)."""
        return self._one(f"SELECT max(CAST(key AS INTEGER)) FROM {table}") or 0

    def id_at(self, table: str, key: str) -> str | None:
        """The id of record ``key`` of ``table``."""
        return self._one(f"SELECT id FROM {table} WHERE key=?", (key,))

    # -- sources ------------------------------------------------------------------------
    def source_of_hash(self, sha: str) -> str | None:
        """The id of the source whose text has hash ``sha`` (the last in the file, as a
        reader that keeps the last it met), else None."""
        if not sha:
            return None
        return self._one("SELECT id FROM sources INDEXED BY sources_sha WHERE json_extract(doc, '$.sha256') = ? "
                         "ORDER BY key DESC LIMIT 1", (sha,))

    def has_source(self, sid: str) -> bool:
        return self._one("SELECT 1 FROM sources WHERE id=?", (sid,)) is not None

    # -- entities and their names -------------------------------------------------------
    def entity(self, eid: str) -> tuple[str, str, str, list[str]] | None:
        """``(document number, name, type, aliases)`` of entity ``eid`` (aliases without the
        name, as :func:`records` gives them), else None."""
        row = self.con.execute("SELECT key, name, type, json_extract(doc, '$.aliases') FROM entities "
                               "WHERE id=?", (eid,)).fetchone()
        if row is None:
            return None
        self.known["entities"][row[0]] = eid
        return row[0], row[1], row[2], json.loads(row[3] or "[]")

    def named(self, key: str, how: str) -> set[str]:
        """The entities with a name whose key of kind ``how`` (``fold``, ``skel``, ``fskel``)
        is ``key``."""
        return {r[0] for r in self._all("SELECT entity_id FROM names WHERE key=? AND how=?", (key, how))}

    def begins(self, prefix: str, how: str, sep: str, shortest: int = 0) -> bool:
        """Whether a name key of kind ``how`` (of ``shortest`` characters or more) begins
        with ``prefix``: followed by ``sep`` or nothing when ``sep`` is given."""
        if not prefix:
            return True
        if sep:
            sql = ("SELECT 1 FROM names WHERE how=?2 AND (key=?1 OR key >= ?1 || ?3 AND key < ?1 || ?4) "
                   "AND length(key) >= ?5 LIMIT 1")
            args = (prefix, how, sep, chr(ord(sep) + 1), shortest)
        else:
            sql = "SELECT 1 FROM names WHERE key >= ?1 AND key < ?1 || ?3 AND how=?2 AND length(key) >= ?4 LIMIT 1"
            args = (prefix, how, "\U0010ffff", shortest)
        return self._one(sql, args) is not None

    def most_words(self) -> int:
        """The most words of a folded name (1 when there is none)."""
        n = self._one("SELECT max(length(key) - length(replace(key, ' ', ''))) FROM names WHERE how='fold'")
        return 1 + (n or 0)

    # -- events -------------------------------------------------------------------------
    def event_key(self, eid: str) -> str | None:
        key = self._one("SELECT key FROM events WHERE id=?", (eid,))
        if key is not None:
            self.known["events"][key] = eid
        return key

    def events_of_year(self, year: int, longest: int) -> list[tuple[str, str, str]]:
        """``(document number, start, end)`` of the events that meet year ``year`` and span
        ``longest`` calendar years more at most, by document number."""
        rows = self._all("SELECT key, start, end, id FROM events WHERE start >= ? AND start < ? AND end >= ?",
                         (f"{max(year - longest, 0):04d}", f"{year + 1:04d}", f"{year:04d}"))
        return self._keep(rows, lambda r: int(r[2][:4]) - int(r[1][:4]) <= longest)

    def _keep(self, rows: list, test) -> list[tuple[str, str, str]]:
        """``(key, start, end)`` of the rows ``(key, start, end, id)`` that pass ``test``, by
        key; their ids kept for :class:`_IdsOf` (the events read next are among them)."""
        kept = sorted(r for r in rows if test(r))
        self.event_ids.update((r[0], r[3]) for r in kept)
        return [r[:3] for r in kept]

    def events_longer(self, longest: int) -> list[tuple[str, str, str]]:
        """``(document number, start, end)`` of the events that span more than ``longest``
        calendar years, by document number."""
        days = max(0, 365 * (longest - 1)).bit_length()  # their length class is this or more
        rows = self._all("SELECT key, start, end, id FROM events WHERE span >= ?", (days,))
        return self._keep(rows, lambda r: int(r[2][:4]) - int(r[1][:4]) > longest)

    def claims_about(self, subject: str) -> list[tuple[str, dict]]:
        """``(event id, claim)`` of every claim whose ``subject`` is ``subject``: events by
        document number, claims in place order."""
        import orjson

        rows = self._all("SELECT c.event_id, c.doc FROM claims c JOIN events e ON e.id = c.event_id "
                         "WHERE json_extract(c.doc, '$.subject') = ? ORDER BY e.key, c.pos", (subject,))
        out = []
        for eid, doc in rows:
            raw = doc.encode("utf-8", "surrogatepass")
            out.append((eid, json.loads(doc) if b"0" * 19 in raw.translate(_DIGITS) else orjson.loads(raw)))
        return out


class _IdsOf:
    """Document number -> record id of one table, asked of the index."""

    def __init__(self, asker: Asker, table: str):
        self.asker, self.table = asker, table

    def get(self, key: str) -> str | None:
        known = self.asker.known[self.table]
        return known[key] if key in known else self.asker.id_at(self.table, key)
