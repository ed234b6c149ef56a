"""Records the index already holds, written again: their rows now compared with the rows they
had, and only the difference written.

A write of many documents writes many stored records again, whole: an event
that gained a citation, an entity that gained a source or an alias.  Most of
such a record's rows (its links, its name keys, its roles, its search row)
are what they were, and removing every row of each id to add it back made
the update of a big write cost as much as a full build.  Here the index's
rows of all the written ids are read at once (``IN`` lists of :data:`CHUNK`
ids, through the tables' indexes), each table's old rows are compared with
the new ones as multisets (:func:`_diff`), and only rows that went are
deleted (by rowid), only rows that came are inserted, and a record's own row
is updated in place.  Rows are deleted and updated in the order of their
rowids, which is the order of the table's pages: the search table's rows
changed in a random order cost five times as much.  Nothing is compared by hand that a build computes: the
new rows are :class:`kb.index.build.Rows`' own, so the result holds the rows
a full build holds.

The one shortcut is an entity's name keys (``names``, which has no index by
entity): they are a function of its id, name and aliases alone
(:func:`kb.index.build.name_rows`), so when those are what they were the keys
are neither computed nor touched, and otherwise the old keys are removed and
the new ones added.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from typing import Iterable, Iterator

from .build import INSERT, Rows, name_list, name_rows

CHUNK = 500  # ids in one IN list (well under SQLite's limit of host parameters)

# The old rows of records held again, rowid first, then their table's columns as Rows makes them
# (a search row's rowid is one of them).
_LINKS = {
    "event_entities": "SELECT rowid, entity_id, event_id, start, end FROM event_entities WHERE event_id IN ({})",
    "event_sources": "SELECT rowid, source_id, event_id, start, end FROM event_sources WHERE event_id IN ({})",
    "event_tags": "SELECT rowid, tag, event_id, start, end FROM event_tags WHERE event_id IN ({})",
    "claims": "SELECT rowid, event_id, pos, scope, label, source, doc FROM claims WHERE event_id IN ({})",
}
_ROLES = "SELECT rowid, of, entity_id, pos FROM roles WHERE entity_id IN ({})"
_FTS = "SELECT rowid, rowid, kind, id, title, body, names FROM fts WHERE rowid IN ({})"

# What the index holds of a record by id: its rowid and document number first.
HELD = {
    "events": "SELECT id, rowid, key, start, end, span, doc FROM events WHERE id IN ({})",
    "entities": "SELECT id, rowid, key, name, type, doc FROM entities WHERE id IN ({})",
    "sources": "SELECT id, rowid, key, published, doc FROM sources WHERE id IN ({})",
}


def select_in(con: sqlite3.Connection, sql: str, ids: Iterable) -> Iterator[tuple]:
    """The rows of ``sql`` (whose ``{}`` takes an IN list) for the ids, :data:`CHUNK` at a time."""
    ids = list(ids)
    for i in range(0, len(ids), CHUNK):
        part = ids[i:i + CHUNK]
        yield from con.execute(sql.format(",".join("?" * len(part))), part)


def read_held(con: sqlite3.Connection, tables: dict[str, dict]) -> dict[str, dict[str, tuple]]:
    """By table and id, the row the index holds for each written record it holds (see :data:`HELD`)."""
    return {table: {r[0]: r[1:] for r in select_in(con, HELD[table], tables[table])} for table in HELD}


def _diff(old: Iterable[tuple], new: list[tuple]) -> tuple[list[tuple], list[tuple]]:
    """Old rows (rowid first) and new rows of the same records: the old rows that are not
    among the new (with their rowid), and the new rows that are not among the old (as multisets)."""
    want = Counter(new)
    gone = []
    for old_row in old:
        row = old_row[1:]
        if want[row] > 0:
            want[row] -= 1
        else:
            gone.append(old_row)
    came = []
    for row in new:  # in their order, each as many times as it is still wanted
        if want[row] > 0:
            want[row] -= 1
            came.append(row)
    return gone, came


class Again:
    """The rows of records the index holds, made again (:class:`kb.index.build.Rows`), written
    as their difference from the rows they had.

    ``held``: what :func:`read_held` read.  After :meth:`write`, ``linked`` holds
    by entity the number of its links that came less the number that went (where they
    differ), and ``keys`` the claim keys of the claims that came or went.
    """

    def __init__(self, con: sqlite3.Connection, held: dict[str, dict[str, tuple]]):
        self.con, self.held = con, held
        self.rows = Rows()
        self.renamed: dict[str, dict] = {}  # entity id -> old record, for entities whose names changed
        self.linked: Counter = Counter()
        self.keys: set[tuple[str, str]] = set()

    def entity(self, rowid: int, raw: dict, was: dict, names, key: str) -> None:
        """Make the rows of an entity the index holds as ``was`` (its record there)."""
        again = name_list(raw) != name_list(was)
        if again:
            self.renamed[raw["id"]] = was
        self.rows.entity(rowid, raw, names, key, name_keys=again)

    def write(self) -> None:
        con, rows, held = self.con, self.rows.rows, self.held
        # a record's own row, in place (an event's disputed labels are set again by the caller)
        moved, kept = [], []
        for rowid, eid, start, end, disputed, span, doc, key in sorted(rows["events"]):
            _key, s0, e0, span0, _doc = held["events"][eid][1:]
            if (start, end, span, key) == (s0, e0, span0, _key):
                kept.append((disputed, doc, rowid))
            else:
                moved.append((start, end, disputed, span, doc, key, rowid))
        con.executemany("UPDATE events SET disputed=?, doc=? WHERE rowid=?", kept)
        con.executemany("UPDATE events SET start=?, end=?, disputed=?, span=?, doc=?, key=? WHERE rowid=?", moved)
        con.executemany("UPDATE entities SET name=?, type=?, doc=?, key=? WHERE rowid=?", [
            (name, etype, doc, key, rowid) for rowid, xid, name, etype, _n, doc, key in sorted(rows["entities"])
            if (key, name, etype, doc) != held["entities"][xid][1:]])
        con.executemany("UPDATE sources SET published=?, doc=?, key=? WHERE rowid=?", [
            (published, doc, key, rowid) for rowid, sid, published, doc, key in sorted(rows["sources"])
            if (key, published, doc) != held["sources"][sid][1:]])
        events = [r[1] for r in rows["events"]]
        for table, sql in _LINKS.items():
            gone, came = _diff(select_in(con, sql, events), rows[table])
            if table == "event_entities":
                self.linked.update(r[0] for r in came)
                self.linked.subtract(r[1] for r in gone)
            elif table == "claims":
                self.keys |= {(r[2], r[3]) for r in came} | {(r[3], r[4]) for r in gone}
            self._delete(table, gone)
            self._insert(table, came)
        self._aliases(rows["events"], rows["event_aliases"])
        gone, came = _diff(select_in(con, _ROLES, [r[1] for r in rows["entities"]]), rows["roles"])
        self._delete("roles", gone)
        self._insert("roles", came)
        con.executemany("DELETE FROM names WHERE key=? AND how=? AND entity_id=?",
                        [r[:3] for was in self.renamed.values() for r in name_rows(was)])
        self._insert("names", rows["names"])
        gone, came = _diff(select_in(con, _FTS, [r[0] for r in rows["fts"]]), rows["fts"])
        self._delete("fts", gone)
        self._insert("fts", sorted(came))
        self.rows = Rows()

    def _aliases(self, events: list[tuple], new: list[tuple]) -> None:
        """An event's former ids: rows found by alias (the table has no index by event), the old
        ones from its record in the index."""
        loads, held = json.loads, self.held["events"]
        # a record's JSON has "aliases" only when it has some (kb.model.records): the JSON of
        # the others, most, is not decoded (a string holds no unescaped quote)
        old = [(a, r[1]) for r in events if '"aliases":' in held[r[1]][5]
               for a in loads(held[r[1]][5]).get("aliases", ())]
        if Counter(old) != Counter(new):
            self.con.executemany("DELETE FROM event_aliases WHERE alias=? AND event_id=?", old)
            self._insert("event_aliases", new)

    def _delete(self, table: str, gone: list[tuple]) -> None:
        self.con.executemany(f"DELETE FROM {table} WHERE rowid=?", sorted(r[:1] for r in gone))

    def _insert(self, table: str, rows: list[tuple]) -> None:
        if rows:
            self.con.executemany(INSERT[table], rows)

