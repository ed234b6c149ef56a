"""The derived index: SQLite tables and an FTS5 full-text table over a store.

The TinyDB file is the store of record; parsing it whole on every command
would make a large store slow.  So each store gets one SQLite file in the
cache folder (``$KB_CACHE_DIR``, else ``$XDG_CACHE_HOME/kb``, else
``~/.cache/kb``), named by a hash of the store's path.  The index records the
store's *signature* (modification time in ns, size, inode).  Opening the index
checks it: if the store changed in any way, the index is rebuilt into a
temporary file and swapped in with ``os.replace``, so readers never see a
half-built index and a stale one is never used.  Where the cache folder cannot
be written, the index is built in memory for the one command.

Tables: ``events``, ``entities``, ``sources`` (each with the record's JSON
view from :mod:`kb.records`), ``names`` (name keys from :mod:`kb.names`),
link tables ``event_entities``, ``event_sources``, ``event_tags``, and the
FTS5 table ``fts`` (``kind``, ``id``, ``title``, ``body``, ``names``).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from datetime import date
from pathlib import Path

from . import names as namekeys
from .records import entity_view, event_view, source_view
from .store import load, signature

SCHEMA_VERSION = "3"


def code_version() -> str:
    """What the index's contents depend on besides the store: its schema and the
    code that renders records, so that upgrading kb rebuilds stale indexes."""
    here = Path(__file__).resolve().parent
    parts = [SCHEMA_VERSION]
    for name in ("index.py", "records.py", "names.py", "dates.py"):
        st = (here / name).stat()
        parts.append(f"{st.st_size}.{st.st_mtime_ns}")
    return "/".join(parts)

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE sources(id TEXT PRIMARY KEY, published TEXT, doc TEXT);
CREATE TABLE entities(id TEXT PRIMARY KEY, name TEXT, type TEXT, n_events INTEGER, doc TEXT);
CREATE TABLE names(key TEXT, how TEXT, entity_id TEXT, alias TEXT);
CREATE TABLE events(id TEXT PRIMARY KEY, start TEXT, end TEXT, disputed INTEGER, doc TEXT);
CREATE TABLE event_entities(entity_id TEXT, event_id TEXT, start TEXT, end TEXT);
CREATE TABLE event_sources(source_id TEXT, event_id TEXT, start TEXT, end TEXT);
CREATE TABLE event_tags(tag TEXT, event_id TEXT, start TEXT, end TEXT);
CREATE VIRTUAL TABLE fts USING fts5(kind UNINDEXED, id UNINDEXED, title, body, names,
    tokenize = "unicode61 remove_diacritics 2");
"""
INDEXES = """
CREATE INDEX names_key ON names(key, how);
CREATE INDEX events_start ON events(start, end);
CREATE INDEX events_end ON events(end);
CREATE INDEX ee_entity ON event_entities(entity_id, start);
CREATE INDEX ee_event ON event_entities(event_id);
CREATE INDEX es_source ON event_sources(source_id, start);
CREATE INDEX et_tag ON event_tags(tag, start);
"""


def cache_dir() -> Path:
    if os.environ.get("KB_CACHE_DIR"):
        return Path(os.environ["KB_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "kb"


def index_path(store_path: Path) -> Path:
    key = hashlib.sha1(str(store_path.resolve()).encode()).hexdigest()[:20]
    return cache_dir() / f"index-{key}.sqlite"


def open_index(store_path: Path) -> sqlite3.Connection:
    """A connection to an index that matches the store as it is now."""
    sig = signature(store_path)
    path = index_path(store_path)
    con = _open_if_fresh(path, sig)
    if con is not None:
        return con
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=path.parent)
        os.close(fd)
    except OSError:
        con = sqlite3.connect(":memory:")
        build(con, load(store_path), sig)
        return con
    try:
        con = sqlite3.connect(tmp)
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")
        build(con, load(store_path), sig)
        con.close()
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return _connect(path)


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.execute("PRAGMA query_only=1")
    return con


def _open_if_fresh(path: Path, sig: str) -> sqlite3.Connection | None:
    if not path.exists():
        return None
    try:
        con = _connect(path)
        meta = dict(con.execute("SELECT key, value FROM meta"))
    except sqlite3.DatabaseError:
        return None
    if meta.get("signature") == sig and meta.get("schema") == code_version():
        return con
    con.close()
    return None


def build(con: sqlite3.Connection, data: dict[str, list[dict]], sig: str) -> None:
    """Fill an empty database with the index of ``data`` (the store's tables)."""
    con.executescript(SCHEMA)
    entities = [e for e in data["entities"] if e.get("id")]
    names = {e["id"]: e.get("name", e["id"]) for e in entities}
    events = [event_view(ev, names) for ev in data["events"] if ev.get("id")]

    n_events: dict[str, int] = {}
    for ev in events:
        for eid in set(ev["entity_ids"]):
            n_events[eid] = n_events.get(eid, 0) + 1

    con.executemany("INSERT INTO sources VALUES (?,?,?)", (
        (s["id"], (s.get("published") or {}).get("start", ""),
         json.dumps(source_view(s), ensure_ascii=False)) for s in data["sources"]))
    con.executemany("INSERT INTO entities VALUES (?,?,?,?,?)", (
        (e["id"], e["name"], e.get("type", "other"), n_events.get(e["id"], 0),
         json.dumps(entity_view(e, names), ensure_ascii=False)) for e in entities))
    con.executemany("INSERT INTO names VALUES (?,?,?,?)", _name_rows(entities))
    con.executemany("INSERT INTO events VALUES (?,?,?,?,?)", (
        (ev["id"], ev["start"], ev["end"], len(ev["disputed"]),
         json.dumps(ev, ensure_ascii=False)) for ev in events))
    con.executemany("INSERT INTO event_entities VALUES (?,?,?,?)", (
        (eid, ev["id"], ev["start"], ev["end"]) for ev in events for eid in dict.fromkeys(ev["entity_ids"])))
    con.executemany("INSERT INTO event_sources VALUES (?,?,?,?)", (
        (sid, ev["id"], ev["start"], ev["end"]) for ev in events for sid in ev["sources"]))
    con.executemany("INSERT INTO event_tags VALUES (?,?,?,?)", (
        (t, ev["id"], ev["start"], ev["end"]) for ev in events for t in ev["tags"]))

    aliases = {e["id"]: " ; ".join(dict.fromkeys([e["name"], *e.get("aliases", [])])) for e in entities}
    con.executemany("INSERT INTO fts(kind, id, title, body, names) VALUES (?,?,?,?,?)", (
        ("event", ev["id"], ev["title"], _event_body(ev),
         " ; ".join(aliases.get(i, i) for i in ev["entity_ids"]) + " ; " + " ".join(ev["tags"]))
        for ev in events))
    con.executemany("INSERT INTO fts(kind, id, title, body, names) VALUES (?,?,?,?,?)", (
        ("entity", e["id"], e["name"], _entity_body(e), aliases[e["id"]]) for e in entities))
    con.executemany("INSERT INTO fts(kind, id, title, body, names) VALUES (?,?,?,?,?)", (
        ("source", s["id"], s.get("title", ""), s.get("text", ""), s.get("publisher", ""))
        for s in data["sources"]))
    con.executescript(INDEXES)
    longest = max((date.fromisoformat(ev["end"]) - date.fromisoformat(ev["start"])).days
                  for ev in events) if events else 0
    con.executemany("INSERT INTO meta VALUES (?,?)", [
        ("signature", sig), ("schema", code_version()), ("longest_event_days", str(longest))])
    con.commit()


def _name_rows(entities: list[dict]):
    for e in entities:
        seen = set()
        for alias in dict.fromkeys([e["name"], *e.get("aliases", [])]):
            fold, skel = namekeys.keys(alias)
            rows = [(fold, "fold"), (skel, "skel")]
            for w in namekeys.words(alias):
                rows += [(w, "word"), (namekeys.skeleton(w), "wskel")]
            for key, how in rows:
                if key and (key, how) not in seen:
                    seen.add((key, how))
                    yield key, how, e["id"], alias


def _event_body(ev: dict) -> str:
    parts = [ev["summary"], ev["date_text"]]
    parts += [f"{c.get('value', '')} {c.get('counts', '')}" for c in ev["claims"]]
    return "\n".join(p for p in parts if p)


def _entity_body(e: dict) -> str:
    parts = [e.get("description", "")]
    parts += [r.get("role", "") for r in e.get("roles", [])]
    return "\n".join(p for p in parts if p)
