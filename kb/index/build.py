"""Building an index: every table of :mod:`kb.index.schema` filled from a store.

The build reads the store with :class:`kb.store.Tables`, one record at a time,
so it needs about the file's size in memory, not several times it.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from .. import names as namekeys
from ..model.records import entity_record, event_record, source_record
from ..store import Tables
from .schema import INDEXES, SCHEMA, version


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
        ev = event_record(raw, names)
        eid, start, end = ev["id"], ev["start"], ev["end"]
        days = (fromiso(end) - fromiso(start)).days
        span = days.bit_length()  # length class: 0 days, 1, 2-3, 4-7, ... (see kb.query.KB.timeline)
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
         dumps(entity_record(e, names))) for e in entities))
    con.executemany("INSERT INTO names VALUES (?,?,?,?)", _name_rows(entities))
    con.executemany(fts_sql, (
        ("entity", e["id"], e["name"], _entity_body(e), aliases[e["id"]]) for e in entities))
    del entities

    srcs, fts = [], []
    for s in records("sources"):
        srcs.append((s["id"], (s.get("published") or {}).get("start", ""), dumps(source_record(s))))
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
        ("signature", sig), ("schema", version()),
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
