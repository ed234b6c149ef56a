"""The derived index: SQLite tables and an FTS5 full-text table over a store.

The TinyDB file is the store of record; parsing it whole on every command
would make a large store slow.  So each store gets one SQLite file in the
cache folder (``$KB_CACHE_DIR``, else ``$XDG_CACHE_HOME/kb``, else
``~/.cache/kb``), named by a hash of the store's path.  The index records the
store's *signature* (:func:`kb.store.signature`: modification and change
times in ns, size, device, inode).  Opening the index checks it: if the store
changed in any way, the index is rebuilt into a temporary file and swapped in
with ``os.replace``, so readers never see a half-built index and a stale one
is never used.  Where the cache folder cannot be written, the index is built
in memory for the one command.

File times have a coarse grain (a clock tick, or seconds on some file
systems), so a store rewritten twice within one tick, at the same size, can
keep its signature.  As git does with its "racily clean" entries, an index
built less than :data:`RACY_NS` after the store's last change also records a
SHA-1 of the store; while that holds, opening the index compares the digest
too, and once the store is older than that the check is dropped (any later
change then moves the file's times).

The build reads the store with :class:`kb.store.Tables`, one record at a time,
so it needs about the file's size in memory, not several times it.

Tables: ``events``, ``entities``, ``sources`` (each with the record's JSON
view from :mod:`kb.records`; events also with their length class ``span``,
the bit length of their length in days, and meta ``span_longest``, the
longest event of each class, for :meth:`kb.queries.KB.timeline`), ``names`` (name keys from :mod:`kb.names`),
link tables ``event_entities``, ``event_sources``, ``event_tags``, and the
FTS5 table ``fts`` (``kind``, ``id``, ``title``, ``body``, ``names``).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import zlib
from datetime import date
from pathlib import Path

from . import names as namekeys
from .records import entity_view, event_view, source_view
from .store import Tables, signature

SCHEMA_VERSION = "5"
RACY_NS = 3_000_000_000  # store changes closer than this to a build are checked by digest


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
CREATE TABLE events(id TEXT PRIMARY KEY, start TEXT, end TEXT, disputed INTEGER, span INTEGER, doc TEXT);
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
CREATE INDEX events_span ON events(span, start, end);
CREATE INDEX ee_entity ON event_entities(entity_id, start);
CREATE INDEX ee_event ON event_entities(event_id);
CREATE INDEX es_source ON event_sources(source_id, start);
CREATE INDEX es_event ON event_sources(event_id, source_id);
CREATE INDEX et_tag ON event_tags(tag, start);
CREATE INDEX et_event ON event_tags(event_id, tag);
ANALYZE;
"""


def cache_dir() -> Path:
    if os.environ.get("KB_CACHE_DIR"):
        return Path(os.environ["KB_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(Path.home(), ".cache")
    return Path(base) / "kb"


def index_path(store_path: Path) -> Path:
    p = str(store_path.resolve()).encode()
    return cache_dir() / f"index-{zlib.crc32(p):08x}{zlib.adler32(p):08x}.sqlite"


def open_index(store_path: Path) -> sqlite3.Connection:
    """A connection to an index that matches the store as it is now."""
    sig = signature(store_path)
    path = index_path(store_path)
    con = _open_if_fresh(path, sig, store_path)
    if con is not None:
        return con
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.parent / f".index-{os.getpid()}-{time.time_ns()}.tmp"
        tmp.touch(exist_ok=False)
    except OSError:
        con = sqlite3.connect(":memory:")
        _build_from(con, store_path, sig)
        return con
    try:
        con = sqlite3.connect(tmp)
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")
        con.execute("PRAGMA cache_size=-65536")
        _build_from(con, store_path, sig)
        con.close()
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return _connect(path)


def _changed_ns(store_path: Path) -> int:
    st = store_path.stat()
    return max(st.st_mtime_ns, st.st_ctime_ns)


def _build_from(con: sqlite3.Connection, store_path: Path, sig: str) -> None:
    racy = time.time_ns() - _changed_ns(store_path) < RACY_NS
    tables = Tables(store_path)
    build(con, tables, sig, digest=tables.digest if racy else "")


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.execute("PRAGMA query_only=1")
    return con


def _digest(store_path: Path) -> str:
    import hashlib

    h = hashlib.sha1()
    with open(store_path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _open_if_fresh(path: Path, sig: str, store_path: Path) -> sqlite3.Connection | None:
    if not path.exists():
        return None
    try:
        con = _connect(path)
        meta = dict(con.execute("SELECT key, value FROM meta"))
    except sqlite3.DatabaseError:
        return None
    if meta.get("signature") == sig and meta.get("schema") == code_version():
        if not meta.get("digest"):
            return con
        # Built "racily" soon after a change: the signature alone may not tell.
        if _digest(store_path) == meta["digest"]:
            if time.time_ns() - _changed_ns(store_path) >= RACY_NS:
                _settle(path)
            return con
    con.close()
    return None


def _settle(path: Path) -> None:
    """The store is now old enough for its signature alone to show a change."""
    try:
        rw = sqlite3.connect(path, timeout=0.5)
        with rw:
            rw.execute("UPDATE meta SET value='' WHERE key='digest'")
        rw.close()
    except sqlite3.Error:
        pass  # a read-only cache: the digest is checked again next time


def build(con: sqlite3.Connection, data, sig: str, digest: str = "") -> None:
    """Fill an empty database with the index of ``data``.

    ``data`` is a :class:`kb.store.Tables` or a dict of record lists by table
    name.  Records are consumed in one pass per table (entities, then events,
    then sources), in batches, so only the entities stay in memory.
    """
    records = data.records if isinstance(data, Tables) else (lambda name: iter(data.get(name, [])))
    con.executescript(SCHEMA)
    entities = [e for e in records("entities") if e.get("id")]
    names = {e["id"]: e.get("name", e["id"]) for e in entities}
    aliases = {e["id"]: " ; ".join(dict.fromkeys([e["name"], *e.get("aliases", [])])) for e in entities}
    n_events: dict[str, int] = {}
    span_longest: dict[int, int] = {}
    fts_sql = "INSERT INTO fts(kind, id, title, body, names) VALUES (?,?,?,?,?)"

    def flush(batch):
        con.executemany("INSERT INTO events VALUES (?,?,?,?,?,?)", batch["events"])
        con.executemany("INSERT INTO event_entities VALUES (?,?,?,?)", batch["ee"])
        con.executemany("INSERT INTO event_sources VALUES (?,?,?,?)", batch["es"])
        con.executemany("INSERT INTO event_tags VALUES (?,?,?,?)", batch["et"])
        con.executemany(fts_sql, batch["fts"])
        for rows in batch.values():
            rows.clear()

    batch: dict[str, list] = {"events": [], "ee": [], "es": [], "et": [], "fts": []}
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    fromiso = date.fromisoformat
    for raw in records("events"):
        if not raw.get("id"):
            continue
        ev = event_view(raw, names)
        eid, start, end = ev["id"], ev["start"], ev["end"]
        days = (fromiso(end) - fromiso(start)).days
        span = days.bit_length()  # length class: 0 days, 1, 2-3, 4-7, ... (see kb.queries.timeline)
        if days > span_longest.get(span, -1):
            span_longest[span] = days
        batch["events"].append((eid, start, end, len(ev["disputed"]), span, dumps(ev)))
        linked = dict.fromkeys(ev["entity_ids"])
        for x in linked:
            n_events[x] = n_events.get(x, 0) + 1
        batch["ee"] += [(x, eid, start, end) for x in linked]
        batch["es"] += [(x, eid, start, end) for x in ev["sources"]]
        batch["et"] += [(t, eid, start, end) for t in ev["tags"]]
        batch["fts"].append(("event", eid, ev["title"], _event_body(ev),
                             " ; ".join(aliases.get(i, i) for i in ev["entity_ids"]) + " ; " + " ".join(ev["tags"])))
        if len(batch["events"]) >= 2000:
            flush(batch)
    flush(batch)

    con.executemany("INSERT INTO entities VALUES (?,?,?,?,?)", (
        (e["id"], e["name"], e.get("type", "other"), n_events.get(e["id"], 0),
         dumps(entity_view(e, names))) for e in entities))
    con.executemany("INSERT INTO names VALUES (?,?,?,?)", _name_rows(entities))
    con.executemany(fts_sql, (
        ("entity", e["id"], e["name"], _entity_body(e), aliases[e["id"]]) for e in entities))
    del entities

    srcs, fts = [], []
    for s in records("sources"):
        srcs.append((s["id"], (s.get("published") or {}).get("start", ""), dumps(source_view(s))))
        fts.append(("source", s["id"], s.get("title", ""), s.get("text", ""), s.get("publisher", "")))
        if len(srcs) >= 500:
            con.executemany("INSERT INTO sources VALUES (?,?,?)", srcs)
            con.executemany(fts_sql, fts)
            srcs.clear()
            fts.clear()
    con.executemany("INSERT INTO sources VALUES (?,?,?)", srcs)
    con.executemany(fts_sql, fts)

    con.executescript(INDEXES)
    con.executemany("INSERT INTO meta VALUES (?,?)", [
        ("signature", sig), ("schema", code_version()),
        ("longest_event_days", str(max(span_longest.values(), default=0))),
        ("span_longest", json.dumps(span_longest, sort_keys=True)), ("digest", digest)])
    con.commit()


def _name_rows(entities: list[dict]):
    from functools import lru_cache

    skeleton = lru_cache(maxsize=None)(namekeys.skeleton)  # words recur across names
    for e in entities:
        seen = set()
        for alias in dict.fromkeys([e["name"], *e.get("aliases", [])]):
            fold, skel = namekeys.keys(alias)
            rows = [(fold, "fold"), (skel, "skel")]
            for w in namekeys.words(alias):
                rows += [(w, "word"), (skeleton(w), "wskel")]
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
