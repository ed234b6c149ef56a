"""Building an index: every table of :mod:`kb.index.schema` filled from a store.

The build reads the store with :class:`kb.store.Tables`, one record at a time,
so it needs about the file's size in memory, not several times it.  Each
record is checked as it passes (:class:`kb.store.Checker`); a faulty one stops
the build with one line naming it, before any index is kept.

What one record puts in the index is :class:`Rows`' concern (its rows in every
table, and its search row), and what depends on many records has one
function each (:func:`disputed`, :data:`LABELS_SQL`, :func:`meta_rows`): the
full build here and the update after a write (:mod:`kb.index.update`) share
them, so an updated index holds what a build of the same store holds.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from datetime import date

from .. import names as namekeys
from ..model.claims import comparison_key, differ
from ..model.records import entity_record, event_record, source_record
from ..store import Checker, Tables
from .schema import INDEXES, SCHEMA, version

# What turning a record that passed the checks into index rows can still raise.
DEEPER = (KeyError, TypeError, ValueError, AttributeError, IndexError, RecursionError)

# A record's search row has the rowid of its row in its own table, plus its kind's base,
# so the row of one record is found (and replaced) without a scan of the search table.
FTS_BASE = {"event": 0, "entity": 1 << 40, "source": 2 << 40}

INSERT = {
    "events": "INSERT INTO events(rowid, id, start, end, disputed, span, doc, key) VALUES (?,?,?,?,?,?,?,?)",
    "event_entities": "INSERT INTO event_entities VALUES (?,?,?,?)",
    "event_sources": "INSERT INTO event_sources VALUES (?,?,?,?)",
    "event_tags": "INSERT INTO event_tags VALUES (?,?,?,?)",
    "event_aliases": "INSERT INTO event_aliases VALUES (?,?)",
    "claims": "INSERT INTO claims(event_id, pos, scope, label, source, doc) VALUES (?,?,?,?,?,?)",
    "entities": "INSERT INTO entities(rowid, id, name, type, n_events, doc, key) VALUES (?,?,?,?,?,?,?)",
    "names": "INSERT INTO names VALUES (?,?,?,?)",
    "roles": "INSERT INTO roles VALUES (?,?,?)",
    "sources": "INSERT INTO sources(rowid, id, published, doc, key) VALUES (?,?,?,?,?)",
    "fts": "INSERT INTO fts(rowid, kind, id, title, body, names) VALUES (?,?,?,?,?,?)",
}
_skeleton = functools.lru_cache(maxsize=1 << 16)(namekeys.skeleton)  # words recur across names
_skeleton_of_fold = functools.lru_cache(maxsize=1 << 16)(namekeys.skeleton_of_fold)
# An event's disputed subjects, in its column and its JSON (after the claims are compared).
LABELS_SQL = "UPDATE events SET disputed = ?, doc = json_set(doc, '$.disputed', json(?)) WHERE id = ?"

_encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False).encode


def dumps(value) -> str:
    """A record's JSON as the index holds it and commands print it.  A number JSON cannot
    hold (NaN, or infinity, as ``1e999`` reads) makes the record one kb cannot use, like a
    claim's: it would be printed as ``Infinity``, which no JSON reader takes, and a write
    could not encode it (the store's rules, :mod:`kb.store.check`)."""
    try:
        return _encode(value)
    except ValueError:
        raise ValueError("it holds a number JSON cannot hold (NaN or Infinity, as 1e999 reads)") from None


def alias_text(ent: dict) -> str:
    """An entity's names as the search rows of its events hold them: ``name ; alias ; ...``
    (from a stored entity or its record, which give the same text)."""
    return " ; ".join(name_list(ent))


def name_list(ent: dict) -> list[str]:
    """An entity's name and aliases, each once, in order (from a stored entity or its record)."""
    return list(dict.fromkeys([ent["name"], *ent.get("aliases", [])]))


def span_of(start: str, end: str) -> tuple[int, int]:
    """An event's length in days and its length class (the bit length of that; see
    :meth:`kb.query.KB.timeline`): 0 days, 1, 2-3, 4-7, ..."""
    days = (date.fromisoformat(end) - date.fromisoformat(start)).days
    return days, days.bit_length()


def event_fts(ev: dict, aliases) -> tuple[str, str, str]:
    """The title, body and names of an event's search row, from its record."""
    return (ev["title"], _event_body(ev),
            " ; ".join(aliases.get(i, i) for i in ev["entity_ids"]) + " ; " + " ".join(ev["tags"]))


class Rows:
    """The index rows of records, by table, until :meth:`flush` writes them.

    ``names.get(id, id)`` gives an entity's name and ``aliases.get(id, id)``
    its :func:`alias_text` (dicts in a build; the index in an update);
    ``key`` is the record's document number in the store.  Each
    method computes all of a record's rows before it adds any, so a record
    that cannot be read (:data:`DEEPER`) adds none.
    """

    def __init__(self) -> None:
        self.rows: dict[str, list] = {table: [] for table in INSERT}

    def event(self, rowid: int, raw: dict, names, aliases, key: str) -> dict:
        """Add an event's rows (its ``disputed`` empty: see :func:`disputed`); return its record."""
        ev = event_record(raw, names, disputed=[])  # set later, once every claim is known
        doc = dumps(ev)
        eid, start, end = ev["id"], ev["start"], ev["end"]
        claims = [(eid, i, *comparison_key(c, eid), c.get("source", ""), dumps(c))
                  for i, c in enumerate(ev["claims"])]
        _days, span = span_of(start, end)
        search = event_fts(ev, aliases)
        rows = self.rows
        rows["events"].append((rowid, eid, start, end, len(ev["disputed"]), span, doc, key))
        rows["event_entities"] += [(x, eid, start, end) for x in dict.fromkeys(ev["entity_ids"])]
        rows["event_sources"] += [(x, eid, start, end) for x in ev["sources"]]
        rows["event_tags"] += [(t, eid, start, end) for t in ev["tags"]]
        rows["claims"] += claims
        rows["event_aliases"] += [(a, eid) for a in ev.get("aliases", ())]
        rows["fts"].append((FTS_BASE["event"] + rowid, "event", eid, *search))
        return ev

    def entity(self, rowid: int, raw: dict, names, key: str, n_events: int = 0, name_keys: bool = True) -> None:
        """Add an entity's rows: its own, its name keys (unless ``name_keys`` is false: an
        update whose entity kept its names), its roles and its search row."""
        doc = dumps(entity_record(raw, names))
        keys = list(name_rows(raw)) if name_keys else []
        search = (FTS_BASE["entity"] + rowid, "entity", raw["id"], raw["name"], _entity_body(raw), alias_text(raw))
        rows = self.rows
        rows["entities"].append((rowid, raw["id"], raw["name"], raw.get("type", "other"), n_events, doc, key))
        rows["names"] += keys
        rows["roles"] += role_rows(raw)
        rows["fts"].append(search)

    def source(self, rowid: int, raw: dict, key: str) -> None:
        """Add a source's row and its search row."""
        row = (rowid, raw["id"], (raw.get("published") or {}).get("start", ""), dumps(source_record(raw)), key)
        self.rows["sources"].append(row)
        self.rows["fts"].append((FTS_BASE["source"] + rowid, "source", raw["id"], raw.get("title", ""),
                                 raw.get("text", ""), raw.get("publisher", "")))

    def __len__(self) -> int:
        return max(len(r) for r in self.rows.values())

    def flush(self, con: sqlite3.Connection) -> None:
        for table, rows in self.rows.items():
            if rows:
                con.executemany(INSERT[table], rows)
                rows.clear()


def build(con: sqlite3.Connection, data, sig: str, digest: str = "") -> None:
    """Fill an empty database with the index of ``data``.

    ``data`` is a :class:`kb.store.Tables` or a dict of record lists by table
    name.  Records are consumed in one pass per table (entities, then events,
    then sources), in batches, so only the entities stay in memory.  Each
    record's rowid is its place in its table.  Raises
    :class:`~kb.errors.StoreError` at the first faulty record.
    """
    if isinstance(data, Tables):
        items, check = data.items, Checker(data.path)
    else:
        def items(name):
            return ((str(i), rec) for i, rec in enumerate(data.get(name, []), 1))
        check = Checker("the store")
    con.executescript(SCHEMA)
    entities = [(k, check.entity(k, e)) for k, e in items("entities")]
    names = {e["id"]: e["name"] for _k, e in entities}
    aliases = {e["id"]: alias_text(e) for _k, e in entities}
    n_events: dict[str, int] = {}
    span_longest: dict[int, int] = {}
    rows = Rows()
    for rowid, (key, raw) in enumerate(items("events"), 1):
        check.event(key, raw)
        try:
            ev = rows.event(rowid, raw, names, aliases, key)
        except DEEPER as e:
            raise check.unreadable("events", key, raw, e) from None
        days, span = span_of(ev["start"], ev["end"])
        if days > span_longest.get(span, -1):
            span_longest[span] = days
        for x in dict.fromkeys(ev["entity_ids"]):
            n_events[x] = n_events.get(x, 0) + 1
        if len(rows) >= 4000:
            rows.flush(con)
    rows.flush(con)
    mark_disputes(con)

    for rowid, (key, e) in enumerate(entities, 1):
        try:
            rows.entity(rowid, e, names, key, n_events.get(e["id"], 0))
        except DEEPER as err:
            raise check.unreadable("entities", key, e, err) from None
        if len(rows) >= 4000:
            rows.flush(con)
    rows.flush(con)
    del entities

    for rowid, (key, s) in enumerate(items("sources"), 1):
        check.source(key, s)
        try:
            rows.source(rowid, s, key)
        except DEEPER as e:
            raise check.unreadable("sources", key, s, e) from None
        if len(rows) >= 500:
            rows.flush(con)
    rows.flush(con)
    layout = ""
    if isinstance(data, Tables):
        data.finish()  # a fault after the last table is a fault too
        if data.layout is not None:
            from ..store.locate import describe

            layout = describe(data.layout)

    con.executescript(INDEXES)
    con.executemany("INSERT INTO meta VALUES (?,?)", [
        ("signature", sig), ("schema", version()), *meta_rows(span_longest), ("digest", digest),
        ("layout", layout)])
    con.commit()


def meta_rows(span_longest: dict[int, int]) -> list[tuple[str, str]]:
    """The ``meta`` rows that hold the longest event of each length class."""
    return [("longest_event_days", str(max(span_longest.values(), default=0))),
            ("span_longest", json.dumps(span_longest, sort_keys=True))]


def disputed(claims: list[dict]) -> bool:
    """Whether the claims under one comparison key are a disagreement: two or more that differ."""
    return len(claims) > 1 and differ(claims)


def mark_disputes(con: sqlite3.Connection) -> None:
    """Compare the claims under each key shared by two or more (:func:`disputed`);
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
        if disputed([loads(r[3]) for r in group]):
            marked += [(r[2],) for r in group]
    if not marked:
        return
    con.executemany("UPDATE claims SET disputed = 1 WHERE rowid = ?", marked)
    labels: dict[str, set[str]] = {}
    for eid, label in con.execute("SELECT DISTINCT event_id, label FROM claims WHERE disputed"):
        labels.setdefault(eid, set()).add(label)
    con.executemany(LABELS_SQL, (label_args(eid, ls) for eid, ls in labels.items()))


def label_args(event_id: str, labels) -> tuple[int, str, str]:
    """The parameters of :data:`LABELS_SQL` for an event and its disputed labels."""
    return len(labels), json.dumps(sorted(labels), ensure_ascii=False), event_id


def name_rows(ent: dict):
    """The ``names`` rows of an entity (stored, or its record): each key of each of its names,
    once.  A key of a whole name (``fold``, ``skel``, ``fskel``) carries the name; a key of one
    of its words carries none (NULL): a name of ``n`` words held with each of its word keys
    made an index of ``n`` times its length (1.7 GB for an entity named by 200 KB of text)."""
    seen = set()
    for alias in name_list(ent):
        fold, skel = namekeys.keys(alias)
        rows = [(fold, "fold", alias), (skel, "skel", alias)]
        if fold:  # the skeleton of its first word: what ingest's name finder starts from
            rows.append((_skeleton_of_fold(fold.split(" ", 1)[0]), "fskel", alias))
        for w in namekeys.words(alias):
            rows += [(w, "word", None), (_skeleton(w), "wskel", None)]
        for key, how, whole in rows:
            if key and (key, how) not in seen:
                seen.add((key, how))
                yield key, how, ent["id"], whole


def role_rows(ent: dict) -> list[tuple[str, str, int]]:
    """The ``roles`` rows of a stored entity: the id each role is ``of``, the entity, the role's place."""
    return [(r["of"], ent["id"], pos) for pos, r in enumerate(ent.get("roles", [])) if r.get("of")]


def _event_body(ev: dict) -> str:
    parts = [ev["summary"], ev["date_text"]]
    parts += [f"{c.get('value', '')} {c.get('counts', '')}" for c in ev["claims"]]
    return "\n".join(p for p in parts if p)


def _entity_body(e: dict) -> str:
    parts = [e.get("description", "")]
    parts += [r.get("role", "") for r in e.get("roles", [])]
    return "\n".join(p for p in parts if p)
