"""Building an index: every table of :mod:`kb.index.schema` filled from a store.

The build reads the store with :class:`kb.store.Tables`, one record at a time,
so it needs about the file's size in memory, not several times it.  Each
record is checked as it passes (:class:`kb.store.Checker`); a faulty one stops
the build with one line naming it, before any index is kept.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from .. import names as namekeys
from ..model.claims import comparison_key, differ
from ..model.records import entity_record, event_record, source_record
from ..store import Checker, Tables
from .schema import INDEXES, SCHEMA, version

# What turning a record that passed the checks into index rows can still raise.
_DEEPER = (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError)


def build(con: sqlite3.Connection, data, sig: str, digest: str = "") -> None:
    """Fill an empty database with the index of ``data``.

    ``data`` is a :class:`kb.store.Tables` or a dict of record lists by table
    name.  Records are consumed in one pass per table (entities, then events,
    then sources), in batches, so only the entities stay in memory.  Raises
    :class:`~kb.errors.StoreError` at the first faulty record.
    """
    if isinstance(data, Tables):
        items, check = data.items, Checker(data.path)
    else:
        items, check = (lambda name: enumerate(data.get(name, []), 1)), Checker("the store")
    con.executescript(SCHEMA)
    entities = [(k, check.entity(k, e)) for k, e in items("entities")]
    names = {e["id"]: e["name"] for _k, e in entities}
    aliases = {e["id"]: " ; ".join(dict.fromkeys([e["name"], *e.get("aliases", [])])) for _k, e in entities}
    n_events: dict[str, int] = {}
    span_longest: dict[int, int] = {}
    fts_sql = "INSERT INTO fts(kind, id, title, body, names) VALUES (?,?,?,?,?)"

    def flush(batch):
        con.executemany("INSERT INTO events VALUES (?,?,?,?,?,?)", batch["events"])
        con.executemany("INSERT INTO event_entities VALUES (?,?,?,?)", batch["ee"])
        con.executemany("INSERT INTO event_sources VALUES (?,?,?,?)", batch["es"])
        con.executemany("INSERT INTO event_tags VALUES (?,?,?,?)", batch["et"])
        con.executemany(fts_sql, batch["fts"])
        con.executemany("INSERT INTO claims(event_id, pos, scope, label, source, doc) VALUES (?,?,?,?,?,?)",
                        batch["claims"])
        con.executemany("INSERT INTO event_aliases VALUES (?,?)", batch["aliases"])
        for rows in batch.values():
            rows.clear()

    batch: dict[str, list] = {"events": [], "ee": [], "es": [], "et": [], "fts": [], "claims": [],
                              "aliases": []}
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    fromiso = date.fromisoformat
    for key, raw in items("events"):
        check.event(key, raw)
        try:
            ev = event_record(raw, names, disputed=[])  # set below, once every claim is known
            doc = dumps(ev)
            claims = [(ev["id"], i, *comparison_key(c, ev["id"]), c.get("source", ""), dumps(c))
                      for i, c in enumerate(ev["claims"])]
        except _DEEPER as e:
            raise check.unreadable("events", key, raw, e) from None
        eid, start, end = ev["id"], ev["start"], ev["end"]
        days = (fromiso(end) - fromiso(start)).days
        span = days.bit_length()  # length class: 0 days, 1, 2-3, 4-7, ... (see kb.query.KB.timeline)
        if days > span_longest.get(span, -1):
            span_longest[span] = days
        batch["events"].append((eid, start, end, len(ev["disputed"]), span, doc))
        linked = dict.fromkeys(ev["entity_ids"])
        for x in linked:
            n_events[x] = n_events.get(x, 0) + 1
        batch["ee"] += [(x, eid, start, end) for x in linked]
        batch["es"] += [(x, eid, start, end) for x in ev["sources"]]
        batch["et"] += [(t, eid, start, end) for t in ev["tags"]]
        batch["claims"] += claims
        batch["aliases"] += [(a, eid) for a in ev.get("aliases", ())]
        batch["fts"].append(("event", eid, ev["title"], _event_body(ev),
                             " ; ".join(aliases.get(i, i) for i in ev["entity_ids"]) + " ; " + " ".join(ev["tags"])))
        if len(batch["events"]) >= 2000:
            flush(batch)
    flush(batch)
    _mark_disputes(con)

    rows = []
    for key, e in entities:
        try:
            rows.append((e["id"], e["name"], e.get("type", "other"), n_events.get(e["id"], 0),
                         dumps(entity_record(e, names))))
        except _DEEPER as err:
            raise check.unreadable("entities", key, e, err) from None
    con.executemany("INSERT INTO entities VALUES (?,?,?,?,?)", rows)
    del rows
    entities = [e for _k, e in entities]
    con.executemany("INSERT INTO names VALUES (?,?,?,?)", _name_rows(entities))
    con.executemany(fts_sql, (
        ("entity", e["id"], e["name"], _entity_body(e), aliases[e["id"]]) for e in entities))
    del entities

    srcs, fts = [], []
    for key, s in items("sources"):
        check.source(key, s)
        try:
            srcs.append((s["id"], (s.get("published") or {}).get("start", ""), dumps(source_record(s))))
        except _DEEPER as e:
            raise check.unreadable("sources", key, s, e) from None
        fts.append(("source", s["id"], s.get("title", ""), s.get("text", ""), s.get("publisher", "")))
        if len(srcs) >= 500:
            con.executemany("INSERT INTO sources VALUES (?,?,?)", srcs)
            con.executemany(fts_sql, fts)
            srcs.clear()
            fts.clear()
    con.executemany("INSERT INTO sources VALUES (?,?,?)", srcs)
    con.executemany(fts_sql, fts)
    if isinstance(data, Tables):
        data.finish()  # a fault after the last table is a fault too

    con.executescript(INDEXES)
    con.executemany("INSERT INTO meta VALUES (?,?)", [
        ("signature", sig), ("schema", version()),
        ("longest_event_days", str(max(span_longest.values(), default=0))),
        ("span_longest", json.dumps(span_longest, sort_keys=True)), ("digest", digest)])
    con.commit()


def _mark_disputes(con: sqlite3.Connection) -> None:
    """Compare the claims under each key shared by two or more (:func:`kb.model.claims.differ`);
    mark the claims of each key whose versions differ, and give each event with
    such claims its ``disputed`` labels, in its column and its JSON."""
    from itertools import groupby

    rows = con.execute(
        "SELECT scope, label, rowid, doc FROM (SELECT scope, label, rowid, doc, "
        "COUNT(*) OVER (PARTITION BY scope, label) AS n FROM claims) WHERE n > 1 ORDER BY scope, label")
    loads = json.loads
    marked = []
    for _key, group in groupby(rows, key=lambda r: (r[0], r[1])):
        group = list(group)
        if differ([loads(r[3]) for r in group]):
            marked += [(r[2],) for r in group]
    if not marked:
        return
    con.executemany("UPDATE claims SET disputed = 1 WHERE rowid = ?", marked)
    labels: dict[str, set[str]] = {}
    for eid, label in con.execute("SELECT DISTINCT event_id, label FROM claims WHERE disputed"):
        labels.setdefault(eid, set()).add(label)
    con.executemany("UPDATE events SET disputed = ?, doc = json_set(doc, '$.disputed', json(?)) WHERE id = ?",
                    ((len(ls), json.dumps(sorted(ls), ensure_ascii=False), eid) for eid, ls in labels.items()))


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
