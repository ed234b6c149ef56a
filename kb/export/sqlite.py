"""The SQLite export: a standalone database that Datasette and sqlite-utils read."""

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
CREATE TABLE [event_entities] ([event_id] TEXT, [entity_id] TEXT);
"""
SQLITE_INDEXES = """
CREATE INDEX [idx_events_start] ON [events] ([start], [end]);
CREATE INDEX [idx_events_end] ON [events] ([end]);
CREATE INDEX [idx_entities_name] ON [entities] ([name]);
CREATE INDEX [idx_event_entities_entity] ON [event_entities] ([entity_id]);
CREATE INDEX [idx_event_entities_event] ON [event_entities] ([event_id]);
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


def write_sqlite(con: sqlite3.Connection, path: str) -> dict[str, int]:
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

        out.executemany("INSERT INTO sources VALUES (?,?,?,?,?,?,?,?)", source_rows())
        out.executemany("INSERT INTO entities VALUES (?,?,?,?,?,?,?)", entity_rows())
        out.executemany("INSERT INTO events VALUES (%s)" % ",".join("?" * (len(EVENT_COLUMNS) + 1)), event_rows())
        out.executemany("INSERT INTO event_entities VALUES (?,?)", links)
        out.executescript(SQLITE_INDEXES)
        out.commit()
        return n
    finally:
        out.close()
