"""Following a write: the records a write added or changed, applied to the store's index in place.

A full build (:mod:`kb.index.build`) costs time in proportion to the store;
a write that adds one document changes a few dozen records.  So a writer,
under the store's lock, asks :func:`before` for the index's claim on the
store before it writes, writes, and hands :func:`apply` that claim and the
records it wrote (whole, as stored, by id: new ones, and changed ones such as
an event that gained a citation or a claim, or an entity that gained an
alias).  The next command then finds the index fresh and builds nothing.

:func:`apply` works in one SQLite transaction.  It reads what the index holds
for all the written ids at once, adds the rows of records new to it with the
build's own code (:class:`kb.index.build.Rows`), writes those of records it
holds as their difference from the rows they had (:mod:`kb.index.again`: a
record written again as it was changes nothing, an event that gained a
citation one row and a link), and recomputes what depends on more than one
record: ``n_events`` of every entity whose links came or went (moved by
their difference; counted for an entity new to the index); the
disagreements of every claim key the records had or have (their claims read a
few hundred keys a statement, each key looked up in the index on the key),
with the events elsewhere in the store that share one (their ``disputed`` column and JSON, written only where their
labels changed); the names an entity's new name or aliases change in other
records (the event JSON of its events where its name changed, their search
rows where its aliases did, the roles of other entities that name it);
``span_longest`` (a length class looked at again only where an event that
was the longest of it moved); and, once the store has doubled since they were
taken, SQLite's planner statistics.  Last, in the same transaction, it records
the store's new signature, that of the file the writer wrote, taken right after its
replace (when the store is no longer that file, another program wrote it meanwhile:
nothing is updated), and its digest while the write is recent (unless
the writer waited for the file system's clock to pass the write, see
:mod:`kb.index.freshness` and :func:`kb.store.atomic.past_tick`) and a new
``stamp``; after the commit the file is given that stamp as modification
time.  Each written record keeps its document number (``key``), given by the
writer or, when not, the one the index holds for its id, else one more than
the largest of its table (as TinyDB numbers new records).

It does nothing and returns False, leaving the full rebuild to the next
command, when there is no index, when the index is of another kb version, is
not sound (unstamped time, an update cut short), or was not the index of the
store just before the write (``before`` is None, or not what the index
holds: someone else changed the store), when a record is faulty
(:mod:`kb.store.check`), and when anything fails on the way (the transaction
is then rolled back).  A record removed from the store is not something it
can follow: a writer that removes records leaves the index to be rebuilt.

A crash cannot leave an index that looks fresh and is not.  Before the
commit the file holds the old index and its old signature, which no longer
matches the store; a commit cut short leaves SQLite's rollback journal, from
which the next open restores the old index (:func:`kb.index.freshness._recover`);
after the commit and before the new stamp is set, the file's modification
time is not its stamp, so it is rebuilt.  The index is written through the
same file the checks were made on (a rebuild that replaced it meanwhile
makes the update give up, or land in the replaced file, never in the new one).
"""

from __future__ import annotations

import json
import os
from collections import Counter
import sqlite3
import stat
import time
from pathlib import Path
from typing import Iterable

from ..errors import KbError
from ..store import signature
from . import freshness
from .again import Again, read_held, select_in
from .build import DEEPER, FTS_BASE, INSERT, LABELS_SQL, Rows, alias_text, disputed, dumps, event_fts
from .build import label_args, meta_rows, span_of

_KEYS = 250  # claim keys in one statement (two host parameters each, well under the limit)
TIMEOUT = 5.0  # seconds to wait for readers of the index before giving up (and leaving a rebuild)
# Records written beyond which an update keeps 64 MB of the index's pages in memory, not
# SQLite's 2 MB (about 500 pages; a record's rows touch a page of each table and index they are
# in, most pages of a big index apart): a big update of a big index spilled and read its pages
# again (at 100,000 events, 1,000 documents: 0.9 GB read and 0.55 GB written, against 0.34 and
# 0.35 GB).  A small update keeps the default.
_MANY = 100


def claims_of(n: int) -> str:
    """The claims under ``n`` keys (``scope, label`` pairs, two parameters each): the keys are
    the outer loop and each is looked up in the index on the key, so the read costs what the
    keys hold (``(scope, label) IN (VALUES ...)`` is planned as a pass over every claim)."""
    return (f"SELECT c.scope, c.label, c.rowid, c.event_id, c.disputed, c.doc FROM (VALUES "
            f"{','.join(['(?,?)'] * n)}) AS k CROSS JOIN claims AS c ON c.scope = k.column1 AND c.label = k.column2")


def before(store_path: Path) -> str | None:
    """The index's claim on the store as it is now, for :func:`apply` after a write; None
    when there is no fresh index (then the next command rebuilds it anyway).

    Call it under the store's lock, before the write: the store's signature,
    and the store's digest when the index was made so soon after the last
    change that it keeps one (then the file is read and compared).
    """
    try:
        sig = signature(store_path)
        path = freshness.index_path(store_path)
        st = os.lstat(path)  # a link where the index should be is not ours (see open_index)
    except (OSError, KbError):
        return None
    if not stat.S_ISREG(st.st_mode):
        return None
    try:
        got = freshness.fresh(path, st, sig, store_path)
    except OSError:  # the store cannot be read for its digest: the next command says why
        return None
    if got is None:
        return None
    con, meta = got
    con.close()
    return f"{sig} {meta['digest']}" if meta.get("digest") else sig


def apply(store_path: Path, before: str | None, sources: Iterable[dict] = (),
          entities: Iterable[dict] = (), events: Iterable[dict] = (), digest: str | None = None,
          keys: dict[str, dict[str, str]] | None = None, settled: bool = False,
          layout: str | None = None, stored: bool = False, written: os.stat_result | None = None) -> bool:
    """Apply the records a write added or changed to the store's index (see the module docstring).

    ``before``: what :func:`before` returned before the write.  ``digest``:
    the SHA-1 of the bytes the write put in the file, if the writer has it
    (else the file is read for it, when freshness needs one).  ``keys``:
    table -> record id -> document number of the records written.
    ``settled``: the file system's clock has passed the write
    (:func:`kb.store.atomic.past_tick`), so any later change of the store
    moves its times, and no digest is needed.  ``layout``: the written
    file's description (:mod:`kb.store.locate`), if the writer knows it.  ``stored``: the
    records are already as a reader of the store gets them back (decoded from the bytes
    written: :meth:`kb.store.edit.Edit.stored`), so they are not encoded and decoded again.
    ``written``: the written file's status, taken right after its replace
    (:func:`kb.store.atomic.replacing`): the signature recorded is that file's, and when the
    store is no longer that file (another program rewrote or replaced it since, while the
    writer waited for the clock), nothing is updated and the next command rebuilds the index.
    Without it the store's status now is taken, before the update.
    Returns whether the index now matches the store.
    """
    if not before:
        return False
    try:
        records = _Written(sources, entities, events, keys or {}, stored)
    except _Refused:
        return False
    path = freshness.index_path(store_path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        return _apply(store_path, path, fd, before, records, digest, settled, layout or "", written)
    except (sqlite3.Error, OSError, KbError, _Refused, *DEEPER):
        return False  # the transaction was rolled back: the index is the old one, stale
    finally:
        os.close(fd)


class _Refused(Exception):
    """The update cannot follow this write: the next command rebuilds the index."""


def _as_stored(rec: dict) -> dict:
    """A record as a reader of the store gets it back: the store keeps every object's keys
    sorted (:mod:`kb.store.storage`), and the index holds some objects as they come."""
    return json.loads(json.dumps(rec, sort_keys=True, ensure_ascii=False))


class _Written:
    """The records a write added or changed, by table and id, each checked as a build checks it."""

    def __init__(self, sources, entities, events, keys: dict[str, dict[str, str]], stored: bool = False):
        from ..store.check import FAULTS

        self.keys = keys
        self.tables: dict[str, dict[str, dict]] = {}
        for table, records in (("sources", sources), ("entities", entities), ("events", events)):
            out: dict[str, dict] = {}
            for rec in records:
                if not isinstance(rec, dict):
                    raise _Refused(f"a {table} record that is not an object")
                if not stored:
                    rec = _as_stored(rec)
                if FAULTS[table](rec) is not None:
                    raise _Refused(f"a faulty {table} record")
                if rec["id"] in out and out[rec["id"]] != rec:
                    raise _Refused(f"two {table} records with id {rec['id']!r}")
                out[rec["id"]] = rec
            self.tables[table] = out
        self.sources, self.entities, self.events = (self.tables[t] for t in ("sources", "entities", "events"))
        self.count = sum(map(len, self.tables.values()))


def _apply(store_path: Path, path: Path, fd: int, before: str, written: _Written, digest: str | None,
           settled: bool, layout: str, wrote: os.stat_result | None = None) -> bool:
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        return False
    sig = signature(store_path)  # first: a later change of the store moves it on
    if wrote is not None:  # the file written, as it was right after its replace
        if signature(store_path, wrote) != sig:
            raise _Refused("the store changed after the write")  # another program's: not ours to claim
    con = sqlite3.connect(path, timeout=TIMEOUT, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode=DELETE")
        con.execute("PRAGMA synchronous=FULL")
        if written.count > _MANY:  # pages in memory, as many as the build keeps (see _MANY)
            con.execute("PRAGMA cache_size=-65536")
        con.execute("BEGIN IMMEDIATE")  # no other writer until the commit
        try:
            st, now = os.fstat(fd), os.stat(path)
            if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
                raise _Refused("the index was replaced")  # a rebuild came first
            meta = dict(con.execute("SELECT key, value FROM meta"))
            sig_before, _, digest_before = before.partition(" ")
            if not (meta.get("signature") == sig_before and freshness.sound(meta, st)
                    and meta.get("digest") in ("", digest_before)):
                raise _Refused("the index is not the store's just before the write")
            spans = _Update(con, written).run(json.loads(meta.get("span_longest") or "{}"))
            _restudy(con)
            racy = not settled and time.time_ns() - freshness._changed_ns(store_path) < freshness.RACY_NS
            stamp = str(freshness._stamp_ns()) if meta["stamp"] else ""
            con.executemany("INSERT OR REPLACE INTO meta VALUES (?,?)", [
                ("signature", sig), *meta_rows(spans), ("stamp", stamp), ("layout", layout),
                ("digest", (digest or freshness._digest(store_path)) if racy else "")])
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
        if stamp:
            _seal(con, path, fd, int(stamp))
    finally:
        con.close()
    return True


def _restudy(con: sqlite3.Connection) -> None:
    """Take SQLite's planner statistics again (sampled: ``analysis_limit``) once the store has
    more than doubled since they were taken, so a store that only ever grows by updates is
    not planned for as the small store it was."""
    row = con.execute("SELECT stat FROM sqlite_stat1 WHERE idx = 'sqlite_autoindex_events_1'").fetchone()
    studied = int(row[0].split()[0]) if row else 0
    if con.execute("SELECT COALESCE(MAX(rowid), 0) FROM events").fetchone()[0] > 2 * studied:
        con.execute("PRAGMA analysis_limit=1000")
        con.execute("ANALYZE")


def _seal(con: sqlite3.Connection, path: Path, fd: int, stamp: int) -> None:
    """Give the updated file its stamp as modification time, through the descriptor the
    checks were made on; where the file system does not keep it, leave no stamp."""
    os.utime(fd if os.utime in os.supports_fd else path, ns=(stamp, stamp))
    if os.fstat(fd).st_mtime_ns != stamp:
        con.execute("UPDATE meta SET value='' WHERE key='stamp'")


class _Entities:
    """Entities as the store holds them after the write: the records written, else the index's.

    ``names.get(id, default)`` and ``aliases.get(id, default)`` are the
    lookups :class:`kb.index.build.Rows` makes (in a build, two dicts).
    """

    def __init__(self, con: sqlite3.Connection, written: dict[str, dict]):
        self.con, self.written = con, written
        self._index: dict[str, dict | None] = {}
        self.names, self.aliases = _Lookup(self, lambda e: e["name"]), _Lookup(self, alias_text)

    def preload(self, ids: set) -> None:
        """Read the records of these entities (those not written) at once, ahead of :meth:`get`."""
        wanted = [x for x in ids if isinstance(x, str) and x not in self.written and x not in self._index]
        self._index.update(dict.fromkeys(wanted))
        self._index.update((x, json.loads(doc)) for x, doc in select_in(
            self.con, "SELECT id, doc FROM entities WHERE id IN ({})", wanted))

    def get(self, entity_id: str) -> dict | None:
        if entity_id in self.written:
            return self.written[entity_id]
        if entity_id not in self._index:
            row = self.con.execute("SELECT doc FROM entities WHERE id=?", (entity_id,)).fetchone()
            self._index[entity_id] = json.loads(row[0]) if row else None
        return self._index[entity_id]


class _Lookup:
    """One field of each entity, computed once (the records do not change during an update)."""

    def __init__(self, entities: _Entities, field):
        self.entities, self.field = entities, field
        self.known: dict[str, object] = {}

    def get(self, entity_id: str, default=None):
        got = self.known.get(entity_id, _Lookup)
        if got is _Lookup:
            ent = self.entities.get(entity_id)
            got = self.known[entity_id] = None if ent is None else self.field(ent)
        return default if got is None else got


class _Update:
    """The changes of one write to one index, inside the caller's transaction."""

    def __init__(self, con: sqlite3.Connection, written: _Written):
        self.con, self.w = con, written
        self.ents = _Entities(con, written.entities)
        self.linked: Counter = Counter()  # entity -> links that came less links that went
        self.keys: set[tuple[str, str]] = set()  # claim keys whose disagreements may change
        self.spans_gone: list[tuple[str, str]] = []  # (start, end) of replaced events
        self.old_entities: dict[str, dict] = {}  # the index's records of the written entities

    def run(self, span_longest: dict[str, int]) -> dict[int, int]:
        """Apply the records; returns the new ``span_longest``."""
        con, w = self.con, self.w
        held = read_held(con, w.tables)
        old = {table: {i: r[:2] for i, r in rows.items()} for table, rows in held.items()}
        rows, again = Rows(), Again(con, held)  # records new to the index; records it holds
        rowid, key = _Rowids(con, old), _Keys(con, old, w.keys)
        self.ents.preload({x for ev in w.events.values() for x in (*ev.get("entities", ()), *ev.get("places", ()))}
                          | {r.get("of") for e in w.entities.values() for r in e.get("roles", ())})
        for s in w.sources.values():
            (again.rows if s["id"] in held["sources"] else rows).source(rowid("sources", s["id"]), s,
                                                                         key("sources", s["id"]))
        for e in w.entities.values():
            xid = e["id"]
            if xid in held["entities"]:
                was = self.old_entities[xid] = json.loads(held["entities"][xid][4])
                again.entity(rowid("entities", xid), e, was, self.ents.names, key("entities", xid))
            else:
                rows.entity(rowid("entities", xid), e, self.ents.names, key("entities", xid))
        added = [(again.rows if ev["id"] in held["events"] else rows).event(
            rowid("events", ev["id"]), ev, self.ents.names, self.ents.aliases, key("events", ev["id"]))
            for ev in w.events.values()]
        # the days of replaced events that moved: one that kept its days keeps the longest of
        # its class where it was (the class is looked at again only for the others, _spans)
        self.spans_gone = [(r[2], r[3]) for eid, r in held["events"].items()
                           if (r[2], r[3]) != (w.events[eid]["date"]["start"], w.events[eid]["date"]["end"])]
        self.linked.update(r[0] for r in rows.rows["event_entities"])
        self.keys |= {(r[2], r[3]) for r in rows.rows["claims"]}
        again.write()
        self.linked.update(again.linked)
        self.keys |= again.keys
        rows.rows["fts"].sort()  # in the order of the search table's pages (see kb.index.again)
        rows.flush(con)
        # n_events: an entity the index held moves by its links' difference; one new to it is
        # counted (events stored before it may name it)
        fresh = {x for x in w.entities if x not in held["entities"]}
        con.executemany("UPDATE entities SET n_events = n_events + ? WHERE id = ?",
                        sorted((n, x) for x, n in self.linked.items() if n and x not in fresh))
        con.executemany("UPDATE entities SET n_events = (SELECT COUNT(*) FROM event_entities "
                        "WHERE entity_id = ?) WHERE id = ?", ((x, x) for x in fresh))
        renamed, realiased = self._renamed()
        self._roles(renamed)
        self._events(self._disputes() | self._linked_to(realiased), renamed, realiased)
        return self._spans(span_longest, added)

    # -- what depends on more than one record ------------------------------------------
    def _renamed(self) -> tuple[set[str], set[str]]:
        """Written entities whose name, and whose names with aliases, other records show
        differently now (an entity new to the index was shown as its id)."""
        renamed, realiased = set(), set()
        for xid, ent in self.w.entities.items():
            was = self.old_entities.get(xid)
            if ent["name"] != (was["name"] if was else xid):
                renamed.add(xid)
            if alias_text(ent) != (alias_text(was) if was else xid):
                realiased.add(xid)
        return renamed, realiased

    def _roles(self, renamed: set[str]) -> None:
        """Other entities' roles ``of`` a renamed entity show its new name."""
        con, names = self.con, self.ents.names
        for xid in renamed:
            for holder, pos in con.execute("SELECT entity_id, pos FROM roles WHERE of=?", (xid,)).fetchall():
                if holder in self.w.entities:
                    continue  # written whole already
                doc = json.loads(con.execute("SELECT doc FROM entities WHERE id=?", (holder,)).fetchone()[0])
                doc["roles"][pos]["of"] = names.get(xid, xid)
                con.execute("UPDATE entities SET doc=? WHERE id=?", (dumps(doc), holder))

    def _linked_to(self, entity_ids: set[str]) -> set[str]:
        """Events not written that link one of these entities."""
        out = {r[0] for r in select_in(self.con, "SELECT event_id FROM event_entities WHERE entity_id IN ({})",
                                       sorted(entity_ids))}
        return out - set(self.w.events)

    def _disputes(self) -> set[str]:
        """Compare the claims under each key touched again (:func:`kb.model.claims.comparison_key`);
        returns the events whose claims' marks changed.  The claims of every key are read in a
        few statements (:data:`_KEYS` keys each, each key looked up in the index on the key: a
        read that follows the keys, not the store), not one a key."""
        con, changed, groups = self.con, set(), {}
        keys = sorted(self.keys)
        for i in range(0, len(keys), _KEYS):
            part = keys[i:i + _KEYS]
            for scope, label, *row in con.execute(claims_of(len(part)), [x for key in part for x in key]):
                groups.setdefault((scope, label), []).append(row)
        moved = []
        for group in groups.values():
            group.sort()  # in the order of their rowids, as the index on the key gives them
            flag = int(disputed([json.loads(r[3]) for r in group]))
            moved += [(flag, r[0], r[1]) for r in group if r[2] != flag]
        con.executemany("UPDATE claims SET disputed=? WHERE rowid=?", sorted(r[:2] for r in moved))
        changed |= {r[2] for r in moved}
        return changed

    def _events(self, others: set[str], renamed: set[str], realiased: set[str]) -> None:
        """Give each written event, and each other event in ``others``, its disputed labels; the
        others also the names of their entities now (their JSON, and the search rows of those
        that link an entity in ``realiased``).  Another event whose labels and names are what
        they were is left as it is: its JSON and search row would be written back unchanged."""
        con, names = self.con, self.ents.names
        labels: dict[str, list[str]] = {}
        for eid, label in select_in(con, "SELECT DISTINCT event_id, label FROM claims "
                                    "WHERE event_id IN ({}) AND disputed", set(self.w.events) | others):
            labels.setdefault(eid, []).append(label)
        docs, search, again = [], [], set(self.w.events)
        held = [(rowid, eid, json.loads(doc)) for rowid, eid, doc in sorted(select_in(
            con, "SELECT rowid, id, doc FROM events WHERE id IN ({})", others - again))]
        # the entities whose names the search rows written again show, read at once
        self.ents.preload({x for _r, _e, doc in held if not realiased.isdisjoint(doc["entity_ids"])
                           for x in doc["entity_ids"]})
        for rowid, eid, doc in held:
            ids = doc["entity_ids"]
            named = not renamed.isdisjoint(ids)
            if named or doc.get("disputed") != sorted(labels.get(eid, ())):
                again.add(eid)  # else its JSON is as a build would write it: the same names and labels
                if named:
                    n = len(doc["entities"])
                    doc["entities"] = [names.get(x, x) for x in ids[:n]]
                    doc["places"] = [names.get(x, x) for x in ids[n:]]
                doc["disputed"] = []  # as the build writes it, before the disagreements
                docs.append((dumps(doc), rowid))
            if not realiased.isdisjoint(ids):
                search.append((FTS_BASE["event"] + rowid, "event", eid, *event_fts(doc, self.ents.aliases)))
        con.executemany("UPDATE events SET disputed=0, doc=? WHERE rowid=?", docs)
        old = {r[0]: r for r in select_in(con, "SELECT rowid, kind, id, title, body, names FROM fts "
                                          "WHERE rowid IN ({})", [r[0] for r in search])}
        search = [r for r in search if old.get(r[0]) != r]  # a search row that changed
        con.executemany("DELETE FROM fts WHERE rowid=?", [r[:1] for r in search])
        con.executemany(INSERT["fts"], search)
        con.executemany(LABELS_SQL, [label_args(eid, ls) for eid, ls in labels.items() if eid in again])

    def _spans(self, span_longest: dict[str, int], added: list[dict]) -> dict[int, int]:
        spans = {int(k): v for k, v in span_longest.items()}
        again = set()
        for start, end in self.spans_gone:
            days, span = span_of(start, end)
            if spans.get(span) == days:  # perhaps the longest of its class: look again
                again.add(span)
        for ev in added:
            days, span = span_of(ev["start"], ev["end"])
            if days > spans.get(span, -1):
                spans[span] = days
        for span in again:
            longest = self.con.execute("SELECT MAX(julianday(end) - julianday(start)) FROM events "
                                       "WHERE span=?", (span,)).fetchone()[0]
            if longest is None:
                spans.pop(span, None)
            else:
                spans[span] = round(longest)
        return spans


class _Rowids:
    """The rowid a written record gets: its old one, else one after the last of its table."""

    def __init__(self, con: sqlite3.Connection, old: dict[str, dict[str, tuple[int, str]]]):
        self.con, self.old = con, old
        self.next: dict[str, int] = {}

    def __call__(self, table: str, rid: str) -> int:
        was = self.old[table].get(rid)
        if was is not None:
            return was[0]
        if table not in self.next:  # after the last, the written records' old rows included
            last = self.con.execute(f"SELECT COALESCE(MAX(rowid), 0) FROM {table}").fetchone()[0]
            self.next[table] = max(last, *(r for r, _k in self.old[table].values()), 0) + 1
        self.next[table] += 1
        return self.next[table] - 1


class _Keys:
    """The document number a written record has: the writer's, else its old one, else one
    more than the largest of its table (the written records' old ones included)."""

    def __init__(self, con: sqlite3.Connection, old: dict[str, dict[str, tuple[int, str]]],
                 given: dict[str, dict[str, str]]):
        self.con, self.old, self.given = con, old, given
        self.next: dict[str, int] = {}

    def __call__(self, table: str, rid: str) -> str:
        key = self.given.get(table, {}).get(rid)
        if key is not None:
            return str(key)
        was = self.old[table].get(rid)
        if was is not None:
            return was[1]
        if table not in self.next:
            last = self.con.execute(f"SELECT COALESCE(MAX(CAST(key AS INTEGER)), 0) FROM {table}").fetchone()[0]
            self.next[table] = max(last, *(int(k) for _r, k in self.old[table].values()), 0) + 1
        self.next[table] += 1
        return str(self.next[table] - 1)
