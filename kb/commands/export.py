"""``kb export``: the whole store for other tools, as JSON Lines, CSV or SQLite.

``--format jsonl`` (the default)
    One JSON object a line: first the sources (by id), then the entities (by
    name), then the events (in date order).  Each object has a ``kind``
    (``source``, ``entity`` or ``event``) followed by the fields of the JSON
    contract, exactly as ``kb sources``, ``kb entities`` and ``kb timeline``
    print them with ``--format json``, except that a source's own ``kind``
    (history page, news article, listing page) is called ``source_kind``.
``--format csv``
    The events, one row each, with a header row.  Columns: ``id``, ``start``,
    ``end`` (ISO days, inclusive), ``precision``, ``edtf``, ``date_text``,
    ``date`` (as kb shows it), ``title``, ``summary``, ``entities``,
    ``places`` (canonical names), ``sources`` (source ids), ``tags``,
    ``disputed``; lists are joined by ``"; "``.
``--format sqlite``
    A standalone SQLite database (needs ``-o``) with the tables ``events``
    (the CSV columns, lists as JSON arrays, plus ``doc``, the event's JSON
    object), ``entities`` (``id``, ``name``, ``type``, ``aliases``,
    ``description``, ``events``, ``doc``), ``sources`` (``id``, ``title``,
    ``publisher``, ``published``, ``kind``, ``file``, ``events``, ``doc``) and
    ``event_entities`` (``event_id``, ``entity_id``), indexed on dates, names
    and links.  The full-text tables ``events_fts`` (title, summary,
    date_text, entities, places, tags) and ``entities_fts`` (name, aliases,
    description) are external-content FTS5 tables laid out as ``sqlite-utils
    enable-fts`` lays them out, so ``sqlite-utils search copy.db events WORD``
    works on the copy.

Without ``-o``, JSON Lines and CSV go to stdout.  With ``-o PATH`` the file is
written to a temporary file next to PATH and moved into place with
``os.replace``, so PATH is never half-written.  The export reads kb's derived
index, so it never parses the store unless the store changed.
"""

from __future__ import annotations

import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer

if TYPE_CHECKING:
    import sqlite3

CSV_COLUMNS = ["id", "start", "end", "precision", "edtf", "date_text", "date", "title", "summary",
               "entities", "places", "sources", "tags", "disputed"]
_LISTS = {"entities", "places", "sources", "tags", "disputed"}

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


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    sqlite = "sqlite"


# ---------------------------------------------------------------------------
# what is exported: read from the index, in a stable order

def _sources(con: sqlite3.Connection):
    for doc, n in con.execute(
            "SELECT s.doc, (SELECT COUNT(*) FROM event_sources x WHERE x.source_id = s.id) "
            "FROM sources s ORDER BY s.id"):
        yield {**json.loads(doc), "events": n}


def _entities(con: sqlite3.Connection):
    for doc, n in con.execute("SELECT doc, n_events FROM entities ORDER BY name COLLATE NOCASE, id"):
        yield {**json.loads(doc), "events": n}


def _event_docs(con: sqlite3.Connection):
    """Each event's JSON object as the index stores it (text, not yet parsed)."""
    for (doc,) in con.execute("SELECT doc FROM events ORDER BY start, end, id"):
        yield doc


# ---------------------------------------------------------------------------
# writers

def write_jsonl(con: sqlite3.Connection, fh) -> dict[str, int]:
    n = {"source": 0, "entity": 0, "event": 0}
    for kind, rows in (("source", _sources(con)), ("entity", _entities(con))):
        for obj in rows:
            if "kind" in obj:  # a source's own kind (news article, ...)
                obj[f"{kind}_kind"] = obj.pop("kind")
            fh.write(json.dumps({"kind": kind, **obj}, ensure_ascii=False) + "\n")
            n[kind] += 1
    for doc in _event_docs(con):
        # The stored text is already the event's JSON object: put "kind" first
        # without parsing it.
        fh.write('{"kind": "event", ' + doc[1:] + "\n" if doc != "{}" else '{"kind": "event"}\n')
        n["event"] += 1
    return n


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    return str(value)


def write_csv(con: sqlite3.Connection, fh) -> dict[str, int]:
    import csv

    w = csv.writer(fh, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    n = 0
    for doc in _event_docs(con):
        ev = json.loads(doc)
        w.writerow([_cell(ev.get(c)) for c in CSV_COLUMNS])
        n += 1
    return {"event": n}


def write_sqlite(con: sqlite3.Connection, path: str) -> dict[str, int]:
    import sqlite3

    out = sqlite3.connect(path)
    try:
        out.execute("PRAGMA journal_mode=OFF")
        out.execute("PRAGMA synchronous=OFF")
        out.executescript(SQLITE_SCHEMA)
        dumps = lambda v: json.dumps(v, ensure_ascii=False)  # noqa: E731
        n = {"source": 0, "entity": 0, "event": 0}

        def sources():
            for s in _sources(con):
                n["source"] += 1
                yield (s["id"], s.get("title"), s.get("publisher"), s.get("published"),
                       s.get("kind"), s.get("file"), s["events"], dumps(s))

        def entities():
            for e in _entities(con):
                n["entity"] += 1
                doc = {k: v for k, v in e.items() if k != "events"}
                yield (e["id"], e["name"], e.get("type"), dumps(e.get("aliases", [])),
                       e.get("description", ""), e["events"], dumps(doc))

        links: list[tuple[str, str]] = []

        def events():
            for doc in _event_docs(con):
                ev = json.loads(doc)
                n["event"] += 1
                links.extend((ev["id"], i) for i in dict.fromkeys(ev.get("entity_ids", [])))
                yield tuple(dumps(ev.get(c, [])) if c in _LISTS else ev.get(c) for c in CSV_COLUMNS) + (doc,)

        out.executemany("INSERT INTO sources VALUES (?,?,?,?,?,?,?,?)", sources())
        out.executemany("INSERT INTO entities VALUES (?,?,?,?,?,?,?)", entities())
        out.executemany("INSERT INTO events VALUES (%s)" % ",".join("?" * (len(CSV_COLUMNS) + 1)), events())
        out.executemany("INSERT INTO event_entities VALUES (?,?)", links)
        out.executescript(SQLITE_INDEXES)
        out.commit()
        return n
    finally:
        out.close()


# ---------------------------------------------------------------------------
# files

def _temp_beside(path: Path) -> str:
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    return tmp


def export(con: sqlite3.Connection, fmt: str, output: str | None) -> dict[str, int]:
    """Write the export; to stdout when ``output`` is None (not for sqlite)."""
    from ..errors import KbError

    if fmt == "sqlite" and not output:
        raise KbError("export: --format sqlite writes a database file; name it with -o PATH")
    if output is None or output == "-":
        if fmt == "sqlite":
            raise KbError("export: --format sqlite cannot go to stdout; name a file with -o PATH")
        return (write_jsonl if fmt == "jsonl" else write_csv)(con, sys.stdout)
    path = Path(output).expanduser()
    if path.is_dir():
        raise KbError(f"export: {path} is a folder; name a file")
    if path.exists() and not path.is_file():
        # A device or a pipe (/dev/stdout, a FIFO): nothing to replace, write to it.
        if fmt == "sqlite":
            raise KbError(f"export: {path} is not a regular file; --format sqlite needs one")
        with open(path, "w", encoding="utf-8", newline="") as fh:
            return (write_jsonl if fmt == "jsonl" else write_csv)(con, fh)
    if not path.parent.is_dir():
        raise KbError(f"export: no folder {path.parent}")
    try:
        tmp = _temp_beside(path)
    except OSError as e:
        raise KbError(f"export: cannot write beside {path} ({e.strerror or e})") from None
    try:
        if fmt == "sqlite":
            os.unlink(tmp)  # sqlite3 creates it
            counts = write_sqlite(con, tmp)
        else:
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                counts = (write_jsonl if fmt == "jsonl" else write_csv)(con, fh)
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return counts


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export_command(
        format: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f", case_sensitive=False,
                                            help="jsonl (everything, one object a line), csv (events) "
                                                 "or sqlite (a database file; needs -o)."),
        output: Optional[str] = typer.Option(None, "--output", "-o", metavar="PATH",
                                             help="File to write (atomically). Default: stdout."),
        db: Optional[str] = typer.Option(None, "--db", envvar="KB_DB", metavar="PATH",
                                         help="Store to export. Default: your store if you have one, "
                                              "else the shipped knowledge base."),
    ):
        """Export the store as JSON Lines, CSV (events) or a SQLite database."""
        from ..queries import KB

        fmt = format.value if isinstance(format, ExportFormat) else str(format)
        kb = KB(db)
        try:
            counts = export(kb.con, fmt, output)
        finally:
            kb.close()
        if output and output != "-":
            plural = {"source": "sources", "entity": "entities", "event": "events"}
            what = ", ".join(f"{v} {k if v == 1 else plural[k]}" for k, v in counts.items())
            print(f"kb: exported {what} to {output}", file=sys.stderr)
        return 0
