"""The SQLite export: a standalone database that Datasette and sqlite-utils read.

Tables: ``sources``, ``entities`` and ``events`` (each record's main fields
and its whole JSON in ``doc``), and the tables that tie them together, each
with foreign keys so Datasette links and facets them: ``event_entities``
(event, entity), ``claims`` (one row per claim: its event, place in the
event, measure, subject, value, amount, qualifier, counts, source, section,
``disputed`` 1 where the sources disagree under its key, a date claim's
bounds), ``citations`` (event, source, section, and the page of a PDF) and ``roles`` (one row per
role of an entity: role, the name it is ``of`` and that entity's id when it
is one, its dates and source).  Full-text tables ``events_fts`` and
``entities_fts`` are laid out as sqlite-utils makes them.

An error of the database being written (its disk full, an I/O error) is an
``OSError`` naming no file, so the export says which file it could not write
and leaves it as it was; only an error reading the index reaches the caller
as SQLite's own, to be taken for a damaged index (rebuilt once, and tried
again).  A full disk was reported as an unreadable index, after a needless
rebuild.
"""

from __future__ import annotations

import json
import sqlite3

from .rows import EVENT_COLUMNS, LIST_COLUMNS, entities, event_docs, sources

SQLITE_SCHEMA = """
CREATE TABLE [sources] ([id] TEXT PRIMARY KEY, [title] TEXT, [publisher] TEXT, [published] TEXT,
    [kind] TEXT, [file] TEXT, [events] INTEGER, [doc] TEXT);
CREATE TABLE [entities] ([id] TEXT PRIMARY KEY, [name] TEXT, [type] TEXT, [aliases] TEXT,
    [description] TEXT, [events] INTEGER, [doc] TEXT);
CREATE TABLE [events] ([id] TEXT PRIMARY KEY, [start] TEXT, [end] TEXT, [precision] TEXT,
    [edtf] TEXT, [date_text] TEXT, [date] TEXT, [title] TEXT, [summary] TEXT, [entities] TEXT,
    [places] TEXT, [sources] TEXT, [tags] TEXT, [disputed] TEXT, [doc] TEXT);
CREATE TABLE [event_entities] ([event_id] TEXT REFERENCES [events]([id]),
    [entity_id] TEXT REFERENCES [entities]([id]));
CREATE TABLE [claims] ([id] INTEGER PRIMARY KEY, [event_id] TEXT REFERENCES [events]([id]),
    [pos] INTEGER, [measure] TEXT, [subject] TEXT, [value] TEXT, [amount] REAL, [qualifier] TEXT,
    [counts] TEXT, [source_id] TEXT REFERENCES [sources]([id]), [section] TEXT, [disputed] INTEGER,
    [date_start] TEXT, [date_end] TEXT, [doc] TEXT);
CREATE TABLE [citations] ([id] INTEGER PRIMARY KEY, [event_id] TEXT REFERENCES [events]([id]),
    [pos] INTEGER, [source_id] TEXT REFERENCES [sources]([id]), [section] TEXT, [page] TEXT);
CREATE TABLE [roles] ([id] INTEGER PRIMARY KEY, [entity_id] TEXT REFERENCES [entities]([id]),
    [pos] INTEGER, [role] TEXT, [of] TEXT, [of_id] TEXT REFERENCES [entities]([id]), [from] TEXT,
    [to] TEXT, [as_of] TEXT, [source_id] TEXT REFERENCES [sources]([id]));
"""
SQLITE_INDEXES = """
CREATE INDEX [idx_events_start] ON [events] ([start], [end]);
CREATE INDEX [idx_events_end] ON [events] ([end]);
CREATE INDEX [idx_entities_name] ON [entities] ([name]);
CREATE INDEX [idx_event_entities_entity] ON [event_entities] ([entity_id]);
CREATE INDEX [idx_event_entities_event] ON [event_entities] ([event_id]);
CREATE INDEX [idx_claims_event] ON [claims] ([event_id]);
CREATE INDEX [idx_claims_source] ON [claims] ([source_id]);
CREATE INDEX [idx_claims_measure] ON [claims] ([measure]);
CREATE INDEX [idx_citations_event] ON [citations] ([event_id]);
CREATE INDEX [idx_citations_source] ON [citations] ([source_id]);
CREATE INDEX [idx_roles_entity] ON [roles] ([entity_id]);
CREATE INDEX [idx_roles_of] ON [roles] ([of_id]);
CREATE VIRTUAL TABLE [events_fts] USING FTS5 (
    [title], [summary], [date_text], [entities], [places], [tags],
    content=[events]
);
INSERT INTO [events_fts] (rowid, [title], [summary], [date_text], [entities], [places], [tags])
    SELECT rowid, [title], [summary], [date_text], [entities], [places], [tags] FROM [events];
CREATE VIRTUAL TABLE [entities_fts] USING FTS5 (
    [name], [aliases], [description],
    content=[entities]
);
INSERT INTO [entities_fts] (rowid, [name], [aliases], [description])
    SELECT rowid, [name], [aliases], [description] FROM [entities];
"""


class _IndexFailed(Exception):
    """An error reading the index, carried through the output database's calls (which
    pass on what the rows they consume raise) so it is told from one of the output."""

    def __init__(self, error: Exception) -> None:
        super().__init__(error)
        self.error = error


def _index_rows(rows):
    """``rows``, read from the index; what reading them raises is :class:`_IndexFailed`."""
    try:
        yield from rows
    except (sqlite3.DatabaseError, ValueError) as e:  # ValueError: a stored record that does not decode
        raise _IndexFailed(e) from e


def write_sqlite(con: sqlite3.Connection, path: str) -> dict[str, int]:
    """Write the export of the index ``con`` to the database file ``path`` (module docstring)."""
    try:
        return _write_sqlite(con, path)
    except _IndexFailed as e:
        raise e.error from None
    except sqlite3.DatabaseError as e:  # the database being written: no index damage
        raise OSError(0, str(e)) from None


def _write_sqlite(con: sqlite3.Connection, path: str) -> dict[str, int]:
    out = sqlite3.connect(path)
    try:
        out.execute("PRAGMA journal_mode=OFF")
        out.execute("PRAGMA synchronous=OFF")
        out.executescript(SQLITE_SCHEMA)
        dumps = lambda v: json.dumps(v, ensure_ascii=False)  # noqa: E731
        n = {"source": 0, "entity": 0, "event": 0}

        def source_rows():
            for s in sources(con):
                n["source"] += 1
                yield (s["id"], s.get("title"), s.get("publisher"), s.get("published"),
                       s.get("kind"), s.get("file"), s["events"], dumps(s))

        def entity_rows():
            for e in entities(con):
                n["entity"] += 1
                doc = {k: v for k, v in e.items() if k != "events"}
                yield (e["id"], e["name"], e.get("type"), dumps(e.get("aliases", [])),
                       e.get("description", ""), e["events"], dumps(doc))

        links: list[tuple[str, str]] = []

        def event_rows():
            for doc in event_docs(con):
                ev = json.loads(doc)
                n["event"] += 1
                links.extend((ev["id"], i) for i in dict.fromkeys(ev.get("entity_ids", [])))
                yield tuple(dumps(ev.get(c, [])) if c in LIST_COLUMNS else ev.get(c) for c in EVENT_COLUMNS) + (doc,)

        out.executemany("INSERT INTO sources VALUES (?,?,?,?,?,?,?,?)", _index_rows(source_rows()))
        out.executemany("INSERT INTO entities VALUES (?,?,?,?,?,?,?)", _index_rows(entity_rows()))
        out.executemany("INSERT INTO events VALUES (%s)" % ",".join("?" * (len(EVENT_COLUMNS) + 1)),
                        _index_rows(event_rows()))
        out.executemany("INSERT INTO event_entities VALUES (?,?)", links)
        out.executemany("INSERT INTO claims VALUES (NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        _index_rows(_cells(_claim_rows(con))))
        out.executemany("INSERT INTO citations VALUES (NULL,?,?,?,?,?)", _index_rows(_cells(_citation_rows(con))))
        out.executemany("INSERT INTO roles VALUES (NULL,?,?,?,?,?,?,?,?,?)", _index_rows(_cells(_role_rows(con))))
        out.executescript(SQLITE_INDEXES)
        out.commit()
        return n
    finally:
        out.close()


_INT64 = 2 ** 63


def _cell(value):
    """``value`` as SQLite can hold it: text, a number (an integer beyond SQLite's 64 bits as
    a real, or as text when no real holds it) or null; a list or object as its JSON, as in ``doc``.
    A store's unchecked fields (a citation's ``page``) may hold anything."""
    kind = type(value)
    if kind is str or kind is float or value is None:
        return value
    if kind is bool:
        return int(value)
    if kind is int:
        if -_INT64 <= value < _INT64:
            return value
        try:
            return float(value)
        except OverflowError:
            return str(value)
    return json.dumps(value, ensure_ascii=False)


def _cells(rows):
    for row in rows:
        yield tuple(map(_cell, row))


def _claim_rows(con: sqlite3.Connection):
    from ..model.claims import claim_value, subject

    for eid, pos, doc, disputed in con.execute(
            "SELECT c.event_id, c.pos, c.doc, c.disputed FROM claims c JOIN events e ON e.id = c.event_id "
            "ORDER BY e.start, e.end, e.id, c.pos"):
        c = json.loads(doc)
        when = c.get("date") or {}
        value = claim_value(c)
        yield (eid, pos, c.get("measure"), subject(c), value if isinstance(value, str) else json.dumps(value),
               c.get("amount"), c.get("qualifier", ""), c.get("counts", ""), c.get("source"),
               c.get("section", ""), int(bool(disputed)), when.get("start"), when.get("end"), doc)


def _citation_rows(con: sqlite3.Connection):
    for eid, doc in con.execute("SELECT id, doc FROM events ORDER BY start, end, id"):
        for pos, cite in enumerate(json.loads(doc).get("citations", [])):
            yield eid, pos, cite.get("source"), cite.get("section", ""), cite.get("page")


def _role_rows(con: sqlite3.Connection):
    of_ids = {(ent, pos): of for of, ent, pos in con.execute("SELECT of, entity_id, pos FROM roles")}
    for eid, doc in con.execute("SELECT id, doc FROM entities ORDER BY name COLLATE NOCASE, id"):
        for pos, role in enumerate(json.loads(doc).get("roles", [])):
            yield (eid, pos, role.get("role"), role.get("of"), of_ids.get((eid, pos)), role.get("from"),
                   role.get("to"), role.get("as_of"), role.get("source"))
