"""The query layer: every question a command asks, answered as plain data.

:class:`KB` opens the store's index on first use and returns lists and dicts
(the JSON contract of :mod:`kb.model.records`).  It knows nothing of
terminals or formats; the CLI hands its results to :mod:`kb.output`.

The index is derived data, so a question it fails (a database error: damaged
pages, a missing table; or a record that no longer decodes) is not the
user's problem: the index is rebuilt from the store, once, and the question
asked again.  Only if the rebuilt index fails too does the user hear of it,
as one line (:class:`IndexUnreadable`).
"""

from __future__ import annotations

import functools
import json
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Callable, TypeVar

from ..errors import KbError, NotFound
from ..model.claims import claim_value, key_text, spread
from ..names import resolve as resolution
from ..store import default_path


T = TypeVar("T")


class Ambiguous(NotFound):
    """A name that fits several entities; ``candidates`` are their records."""

    def __init__(self, name: str, candidates: list[dict]):
        from ..output.safe import one_line  # stored names: shown, never obeyed

        self.name, self.candidates = name, candidates
        listed = ", ".join(f"{c['name']} ({c['id']})" for c in candidates[:8])
        super().__init__(f"{name!r} could be any of {len(candidates)}: {one_line(listed)}")


class Unknown(NotFound):
    """A name that fits no entity; ``suggestions`` are the nearest names."""

    def __init__(self, name: str, suggestions: list[str]):
        from ..output.safe import one_line  # stored names: shown, never obeyed

        self.name, self.suggestions = name, suggestions
        hint = f"; nearest: {one_line(', '.join(suggestions))}" if suggestions else ""
        super().__init__(f"no entity named {name!r}{hint}")


class IndexUnreadable(KbError):
    """The index failed a query even after it was rebuilt from the store."""


# What a damaged index raises: SQLite's errors, or a stored record that no longer decodes.
_DAMAGE = (sqlite3.DatabaseError, json.JSONDecodeError)
# ...but for these words, SQLite's limits on one query (an expression nested 1,000 deep, too
# many variables or terms): the query is too large, and rebuilding the index cannot help
_QUERY_LIMITS = ("too large", "too many", "too big", "too complex", "stack overflow")
_KINDS = {"event": "events", "source": "sources", "entity": "entities"}  # kb show's order, and tables
MAX_FILTERS = 200  # different --entity/--tag/--source filters of one timeline (SQLite nests 1,000 terms)


def _too_large(error: Exception) -> KbError | None:
    """A bad-input error when ``error`` is SQLite refusing a query for its size, else None."""
    if isinstance(error, sqlite3.OperationalError) and any(w in str(error) for w in _QUERY_LIMITS):
        from ..output.safe import one_line

        return KbError(f"the query is too large for SQLite ({one_line(str(error))}); ask for less at once")
    return None


def _rebuilding(method):
    """Run a query; if the index fails it, rebuild the index once and run it again."""

    @functools.wraps(method)
    def run(self: "KB", *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except _DAMAGE as e:
            if (limit := _too_large(e)) is not None:  # no damage: the query itself
                raise limit from None
            if self._rebuilt:  # an inner query already rebuilt it: this is no damage
                raise self._unreadable(e) from None
        try:
            self._rebuild()
            return method(self, *args, **kwargs)
        except _DAMAGE as e:
            raise self._unreadable(e) from None

    return run


class KB:
    """Read access to one store through its index."""

    def __init__(self, db: str | None = None, path: Path | None = None):
        self.path = path or default_path(db)
        self._con: sqlite3.Connection | None = None
        self._rebuilt = False

    @property
    def con(self) -> sqlite3.Connection:
        if self._con is None:
            from ..index import open_index

            self._con = open_index(self.path)
        return self._con

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def _rebuild(self) -> None:
        from ..index import open_index

        self.close()
        self._rebuilt = True
        self._con = open_index(self.path, rebuild=True)

    def _unreadable(self, error: Exception) -> IndexUnreadable:
        from ..output.safe import one_line  # SQLite may quote the damaged text

        why = one_line(str(error))
        why = why if len(why) <= 200 else why[:197] + "..."
        return IndexUnreadable(f"the index of {self.path} cannot be read, even rebuilt: {why}")

    @_rebuilding
    def using(self, read: Callable[[sqlite3.Connection], T]) -> T:
        """``read(con)`` on the index, rebuilt once if it fails, for readers of
        whole tables (``kb export``) that run their own SQL."""
        return read(self.con)

    # -- helpers ---------------------------------------------------------
    def _docs(self, sql: str, args=()) -> list[dict]:
        return [json.loads(r[0]) for r in self.con.execute(sql, args)]

    def _meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else None

    @_rebuilding
    def entity(self, entity_id: str) -> dict | None:
        row = self.con.execute("SELECT doc FROM entities WHERE id=?", (entity_id,)).fetchone()
        return json.loads(row[0]) if row else None

    # -- names -------------------------------------------------------------
    @_rebuilding
    def is_entity(self, entity_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM entities WHERE id=?", (entity_id,)).fetchone() is not None

    @_rebuilding
    def ids_for(self, key: str, how: str) -> list[str]:
        rows = self.con.execute(
            "SELECT DISTINCT entity_id FROM names WHERE key=? AND how=?", (key, how))
        return [r[0] for r in rows]

    @_rebuilding
    def match_name(self, name: str) -> list[str]:
        """Entity ids a name fits, in the order of :mod:`kb.names.resolve`."""
        return resolution.match(name, self)

    @_rebuilding
    def resolve(self, name: str) -> dict:
        """The one entity a name stands for; raise Ambiguous or Unknown otherwise."""
        ids = self.match_name(name)
        if len(ids) == 1:
            return self.entity(ids[0])
        if ids:
            cands = [self.entity(i) for i in ids]
            cands.sort(key=lambda c: (-self._n_events(c["id"]), c["name"]))
            raise Ambiguous(name, cands)
        raise Unknown(name, self.suggest(name))

    def _n_events(self, entity_id: str) -> int:
        row = self.con.execute("SELECT n_events FROM entities WHERE id=?", (entity_id,)).fetchone()
        return row[0] if row else 0

    @_rebuilding
    def suggest(self, name: str, limit: int = 5) -> list[str]:
        """Canonical names of the entities nearest to an unknown name.

        RapidFuzz scores the name against every alias, case- and accent-blind;
        each entity counts once, by its best alias.
        """
        from rapidfuzz import fuzz, process, utils

        from ..names import strip_accents

        rows = self.con.execute(
            "SELECT DISTINCT n.alias, e.name FROM names n JOIN entities e ON e.id = n.entity_id").fetchall()
        canonical = dict(rows)
        found = process.extract(strip_accents(name), list(canonical), scorer=fuzz.WRatio,
                                processor=utils.default_process, limit=limit * 4, score_cutoff=60)
        return list(dict.fromkeys(canonical[alias] for alias, _s, _i in found))[:limit]

    @_rebuilding
    def aliases_for(self, text: str) -> list[str] | None:
        """All aliases of the one entity ``text`` names exactly (search widening)."""
        eid = resolution.exact(text, self)
        if eid is None:
            return None
        ent = self.entity(eid)
        return [ent["name"], *ent["aliases"]]

    # -- commands ----------------------------------------------------------
    @_rebuilding
    def timeline(self, lo: date = date.min, hi: date = date.max, entities: list[str] = (),
                 tags: list[str] = (), sources: list[str] = (), limit: int | None = None,
                 within: bool = False) -> list[dict]:
        """Events whose date range overlaps lo..hi (``within``: lies inside it), in date order."""
        query, args = self._timeline_sql("e.doc, e.start, e.end, e.id", lo, hi, entities, tags, sources, within)
        query += " ORDER BY 2, 3, 4"
        if limit:
            query += " LIMIT ?"
            args.append(_sql_limit(limit))
        return self._docs(query, args)

    @_rebuilding
    def timeline_years(self, lo: date = date.min, hi: date = date.max, entities: list[str] = (),
                       tags: list[str] = (), sources: list[str] = (), within: bool = False) -> list[tuple[int, int]]:
        """How many of :meth:`timeline`'s events start in each year, counted in the index
        (``kb timeline --chart``): ``(year, events)`` in year order."""
        query, args = self._timeline_sql("CAST(substr(e.start, 1, 4) AS INTEGER) AS y", lo, hi, entities, tags,
                                         sources, within)
        return [(y, n) for y, n in self.con.execute(
            f"SELECT y, COUNT(*) FROM ({query}) GROUP BY y ORDER BY y", args)]

    def _timeline_sql(self, select: str, lo: date, hi: date, entities, tags, sources,
                      within: bool) -> tuple[str, list]:
        """The query of :meth:`timeline` with ``select`` for its columns, and its arguments."""
        # Events are kept in classes by length (kb.index.schema: ``span``); in each
        # class, an event that overlaps lo..hi starts at most that class's
        # longest length before lo, so each class is one short index range.
        def earliest(days: int) -> str:
            return (lo - timedelta(days=days) if lo > date.min + timedelta(days=days) else date.min).isoformat()

        spans = json.loads(self._meta("span_longest") or "{}")
        sql = ["WHERE e.start <= ? AND e.end >= ?"]
        args: list = [hi.isoformat(), lo.isoformat()]
        if within:
            sql.append("AND e.start >= ? AND e.end <= ?")
            args += [lo.isoformat(), hi.isoformat()]
        ent_ids, tag_ids, src_ids = {}, {}, {}  # what the filters name, each once (a repeat adds nothing)
        for name in entities:
            try:
                ent_ids[self.resolve(name)["id"]] = None
            except NotFound as e:  # a filter that names nothing is bad input
                raise KbError(f"--entity: {e}") from None
        for tag in tags:
            tag_ids[self.tag(tag)] = None
        for src in sources:
            src_ids[self.source_id(src)] = None
        if len(ent_ids) + len(tag_ids) + len(src_ids) > MAX_FILTERS:  # each is a term of one SQL expression
            raise KbError(f"timeline: more than {MAX_FILTERS} different --entity, --tag and --source filters "
                          "(an event must match them all)")
        for eid in ent_ids:
            sql.append("AND EXISTS (SELECT 1 FROM event_entities x WHERE x.event_id=e.id AND x.entity_id=?)")
            args.append(eid)
        for tag in tag_ids:
            sql.append("AND EXISTS (SELECT 1 FROM event_tags t WHERE t.event_id=e.id AND t.tag=?)")
            args.append(tag)
        for sid in src_ids:
            sql.append("AND EXISTS (SELECT 1 FROM event_sources s WHERE s.event_id=e.id AND s.source_id=?)")
            args.append(sid)
        where = " ".join(sql)
        parts = [f"SELECT {select} FROM events e {where} AND e.span = ? AND e.start >= ?" for _ in spans]
        width = select.count(",") + 1
        query = " UNION ALL ".join(parts) or f"SELECT {', '.join(['NULL'] * width)} WHERE 0"
        return query, [a for cls, days in spans.items() for a in (*args, int(cls), earliest(days))]

    @_rebuilding
    def source_id(self, text: str) -> str:
        """A source id from an id, a file name or a unique piece of a title."""
        row = self.con.execute("SELECT id FROM sources WHERE id=?", (text,)).fetchone()
        if row:
            return row[0]
        literal = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")  # '%' and '_' as typed
        rows = self.con.execute(
            "SELECT id FROM sources WHERE json_extract(doc,'$.file') LIKE ? || '%' ESCAPE '\\' "
            "OR json_extract(doc,'$.title') LIKE '%' || ? || '%' ESCAPE '\\'", (literal, literal)).fetchall()
        if len(rows) == 1:
            return rows[0][0]
        if rows:
            from ..output.safe import one_line

            raise KbError(f"source {text!r} fits {len(rows)} sources: "
                          + one_line(", ".join(r[0] for r in rows[:8])))
        from .vocab import unknown

        raise unknown("source", text, [r[0] for r in self.con.execute("SELECT id FROM sources ORDER BY id")],
                      see="kb sources")

    @_rebuilding
    def tag(self, text: str) -> str:
        """A tag of some event (case-blind), or a bad-input error naming the nearest tags."""
        tag = text.lower()
        if self.con.execute("SELECT 1 FROM event_tags WHERE tag=? LIMIT 1", (tag,)).fetchone():
            return tag
        from .vocab import unknown

        raise unknown("tag", text, [r[0] for r in self.con.execute(
            "SELECT tag FROM event_tags GROUP BY tag ORDER BY COUNT(*) DESC, tag")],
                      see="kb tags")

    @_rebuilding
    def entity_type(self, text: str) -> str:
        """A type some entity has (case-blind), or a bad-input error naming the nearest types."""
        kind = text.lower()
        types = [r[0] for r in self.con.execute(
            "SELECT type FROM entities GROUP BY type ORDER BY COUNT(*) DESC, type")]
        if kind in types:
            return kind
        from .vocab import unknown

        raise unknown("entity type", text, types)

    @_rebuilding
    def who(self, name: str, limit: int | None = None) -> dict:
        """An entity's profile, its events, the entities it appears with, its sources."""
        ent = self.resolve(name)
        eid = ent["id"]
        events = self._docs(
            "SELECT e.doc FROM event_entities x JOIN events e ON e.id = x.event_id "
            "WHERE x.entity_id=? ORDER BY e.start, e.end, e.id" + (" LIMIT ?" if limit else ""),
            (eid, _sql_limit(limit)) if limit else (eid,))
        related = [
            {"id": rid, "name": rname, "type": rtype, "events": n}
            for rid, rname, rtype, n in self.con.execute(
                "SELECT b.entity_id, en.name, en.type, COUNT(*) AS n FROM event_entities a "
                "JOIN event_entities b ON a.event_id = b.event_id AND b.entity_id != a.entity_id "
                "JOIN entities en ON en.id = b.entity_id "
                "WHERE a.entity_id=? GROUP BY b.entity_id ORDER BY n DESC, en.name LIMIT 10", (eid,))]
        src_ids = set(ent.get("sources", []))
        src_ids |= {r[0] for r in self.con.execute(
            "SELECT DISTINCT s.source_id FROM event_entities x JOIN event_sources s "
            "ON s.event_id = x.event_id WHERE x.entity_id=?", (eid,))}
        sources = [self.source(s) for s in sorted(src_ids)]
        return {**ent, "events": events, "related": related,
                "sources": [s for s in sources if s]}

    @_rebuilding
    def source(self, source_id: str) -> dict | None:
        row = self.con.execute("SELECT doc FROM sources WHERE id=?", (source_id,)).fetchone()
        return json.loads(row[0]) if row else None

    @_rebuilding
    def search(self, query: str, kinds: list[str] = (), limit: int = 20) -> tuple[list[dict], list[str]]:
        """Ranked hits over events, entities and sources, with snippets."""
        from .search import parse, shown

        if kinds:
            from .vocab import check_kinds

            check_kinds(kinds)  # before the query is read: a bad filter is the first thing to hear of
        parsed = parse(query, self.aliases_for)
        snip = "snippet(fts, %d, char(2), char(3), '…', 14)"
        sql = ("SELECT kind, id, title, -bm25(fts, 0, 0, 10.0, 1.0, 4.0) AS score, "
               f"{snip % 3}, {snip % 2}, {snip % 4} FROM fts WHERE fts MATCH ?")
        args: list = [parsed.expression]
        if kinds:
            from .vocab import check_kinds

            kinds = check_kinds(kinds)
            sql += " AND kind IN (%s)" % ",".join("?" * len(kinds))
            args += list(kinds)
        sql += " ORDER BY bm25(fts, 0, 0, 10.0, 1.0, 4.0) LIMIT ?"
        args.append(_sql_limit(limit))
        try:
            rows = self.con.execute(sql, args).fetchall()
        except sqlite3.OperationalError as e:
            if not self._rebuilt:  # first suspect the index (a missing table): rebuild, retry
                raise
            # On a sound index, a query the parser should have made impossible.
            raise KbError(f"search: could not run the query {shown(query)} ({e})") from None
        hits = [{"kind": k, "id": i, "title": t, "score": round(s, 3), "snippet": _best(snips)}
                for k, i, t, s, *snips in rows]
        return hits, parsed.notes

    @_rebuilding
    def passages(self, event: dict) -> list[dict]:
        """The passage of its source behind each of an event's claims and citations
        (:mod:`kb.query.passages`)."""
        from .passages import passages

        return passages(self.con, event)

    @_rebuilding
    def show(self, ident: str) -> dict:
        """One event, entity or source in full; an entity may be named instead of its id,
        an event by one of its former ids (``aliases``).  An id that an event, a source
        and an entity share is the event's, then the source's; ``entity:ID``,
        ``source:ID`` and ``event:ID`` name the kind (:meth:`kinds_of` says which share it)."""
        kind, _, rest = ident.partition(":")
        if rest and kind in _KINDS and self._kind_has(kind, rest):
            return self.show_kind(kind, rest)
        row = (self.con.execute("SELECT id FROM events WHERE id=?", (ident,)).fetchone()
               or self.con.execute("SELECT e.id FROM event_aliases a JOIN events e ON e.id = a.event_id "
                                   "WHERE a.alias=? ORDER BY e.id LIMIT 1", (ident,)).fetchone())
        if row:
            return self.show_kind("event", row[0])
        if self._kind_has("source", ident):
            return self.show_kind("source", ident)
        from .vocab import looks_like_id

        # An id-shaped argument is an id: a near miss (1988-masacre) must not be read as
        # the name of some other record.  Names (Maryam Rajavi, MEK) are resolved as names.
        ent = self.entity(ident) if looks_like_id(ident) else None
        if ent is None and looks_like_id(ident):  # or an alias spelled so (hanif-nejad): never a guess
            from ..names import keys

            ids = self.ids_for(keys(ident)[0], "fold")
            ent = self.entity(ids[0]) if len(ids) == 1 else None
        elif ent is None:
            try:
                ent = self.resolve(ident)
            except Unknown:
                ent = None
        if ent is None:
            raise self._no_record(ident)
        return {"record": "entity", **ent, "events": self._n_events(ent["id"])}

    def _kind_has(self, kind: str, ident: str) -> bool:
        return self.con.execute(f"SELECT 1 FROM {_KINDS[kind]} WHERE id=?", (ident,)).fetchone() is not None

    def kinds_of(self, ident: str) -> list[str]:
        """The kinds of record (event, source, entity) whose id is exactly ``ident``."""
        return [k for k in _KINDS if self._kind_has(k, ident)]

    def show_kind(self, kind: str, ident: str) -> dict:
        """The record of one kind with id ``ident`` (one that :meth:`kinds_of` names), in full."""
        if kind == "event":
            ev = json.loads(self.con.execute("SELECT doc FROM events WHERE id=?", (ident,)).fetchone()[0])
            ev["disagreements"], ev["range"] = self._disagreements(ev["id"])
            ev["cited"] = [{**c, "title": (self.source(c["source"]) or {}).get("title", "")}
                           for c in ev["citations"]]
            return {"record": "event", **ev}
        if kind == "source":
            n = self.con.execute("SELECT COUNT(*) FROM event_sources WHERE source_id=?", (ident,)).fetchone()[0]
            return {"record": "source", **self.source(ident), "events": n}
        return {"record": "entity", **self.entity(ident), "events": self._n_events(ident)}

    def _no_record(self, ident: str) -> NotFound:
        """Not found, with the nearest ids of every kind."""
        from ..output.safe import one_line
        from .vocab import nearest, quoted

        ids = [r[0] for r in self.con.execute(
            "SELECT id FROM events UNION ALL SELECT alias FROM event_aliases "
            "UNION ALL SELECT id FROM entities UNION ALL SELECT id FROM sources")]
        near = nearest(ident, ids)
        hint = f"; nearest: {one_line(', '.join(near))}" if near else ""
        return NotFound(f"no event, entity or source with id {quoted(ident)}{hint}")

    @_rebuilding
    def entities(self, types: list[str] = ()) -> list[dict]:
        sql = "SELECT doc, n_events FROM entities"
        args: list = []
        if types:
            sql += " WHERE type IN (%s)" % ",".join("?" * len(types))
            args = [self.entity_type(t) for t in types]
        sql += " ORDER BY name COLLATE NOCASE, id"
        return [{**json.loads(d), "events": n} for d, n in self.con.execute(sql, args)]

    @_rebuilding
    def sources(self) -> list[dict]:
        return [{**json.loads(d), "events": n} for d, n in self.con.execute(
            "SELECT s.doc, (SELECT COUNT(*) FROM event_sources x WHERE x.source_id = s.id) "
            "FROM sources s ORDER BY s.id")]

    @_rebuilding
    def stats(self) -> dict:
        one = lambda sql: self.con.execute(sql).fetchone()[0]  # noqa: E731
        decades = [{"decade": f"{d}s", "events": n} for d, n in self.con.execute(
            "SELECT CAST(substr(start,1,3) AS INTEGER)*10 AS d, COUNT(*) FROM events GROUP BY d ORDER BY d")]
        by_type = {t: n for t, n in self.con.execute(
            "SELECT type, COUNT(*) FROM entities GROUP BY type ORDER BY COUNT(*) DESC")}
        claims = one("SELECT COALESCE(SUM(json_array_length(doc, '$.claims')),0) FROM events")
        return {
            "store": str(self.path),
            "events": one("SELECT COUNT(*) FROM events"),
            "entities": one("SELECT COUNT(*) FROM entities"),
            "sources": one("SELECT COUNT(*) FROM sources"),
            "claims": claims,
            "disputed_events": one("SELECT COUNT(*) FROM events WHERE disputed > 0"),
            "entities_by_type": by_type,
            "first": one("SELECT MIN(start) FROM events"),
            "last": one("SELECT MAX(end) FROM events"),
            "events_per_decade": decades,
        }

    @_rebuilding
    def claims(self, measures: list[str] = (), sources: list[str] = (), events: list[str] = (),
               disputed: bool = False, limit: int | None = None) -> list[dict]:
        """Every claim, one row each (:func:`kb.query.listings.claims`)."""
        from . import listings

        return listings.claims(self, measures, sources, events, disputed, limit)

    @_rebuilding
    def tags(self) -> list[dict]:
        """Every tag with its count of events (:func:`kb.query.listings.tags`)."""
        from . import listings

        return listings.tags(self)

    def _disagreements(self, event_id: str) -> tuple[dict[str, list[dict]], list[dict]]:
        """An event's disputed subjects, each with every version in the store (a
        version from another event names it in ``event``), and their ranges."""
        keys = self.con.execute("SELECT DISTINCT scope, label FROM claims WHERE event_id=? AND disputed "
                                "ORDER BY label, scope", (event_id,)).fetchall()
        versions: dict[str, list[dict]] = {}
        for scope, label in keys:
            for eid, doc in self.con.execute(
                    "SELECT c.event_id, c.doc FROM claims c JOIN events e ON e.id = c.event_id "
                    "WHERE c.scope=? AND c.label=? ORDER BY c.event_id != ?, e.start, e.end, e.id, c.pos",
                    (scope, label, event_id)):
                claim = json.loads(doc)
                versions.setdefault(label, []).append(claim if eid == event_id else {**claim, "event": eid})
        return versions, [r for label, cs in versions.items() for r in spread(label, cs)]

    @_rebuilding
    def conflicts(self) -> list[dict]:
        """Every disagreement: one row per version, grouped by comparison key
        (:func:`kb.model.claims.comparison_key`), groups in order of their
        earliest event, versions in the order of their events."""
        groups: dict[tuple[str, str], list[dict]] = {}
        for scope, label, doc, eid, title, shown, start, end in self.con.execute(
                "SELECT c.scope, c.label, c.doc, e.id, json_extract(e.doc, '$.title'), "
                "json_extract(e.doc, '$.date'), e.start, e.end FROM claims c "
                "JOIN events e ON e.id = c.event_id WHERE c.disputed "
                "ORDER BY e.start, e.end, e.id, c.pos"):
            c = json.loads(doc)
            groups.setdefault((scope, label), []).append({
                "event": eid, "title": title, "date": shown, "start": start, "end": end,
                "measure": label, "value": claim_value(c), "amount": c.get("amount"),
                "counts": c.get("counts", ""), "source": c.get("source", ""),
                "section": c.get("section", ""), "key": key_text((scope, label)),
            })
        return [row for rows in groups.values() for row in rows]


def _best(snippets: list[str]) -> str:
    """The first snippet with a highlighted match: body, then title, then names."""
    for sn in snippets:
        if "\x02" in sn:
            return sn.replace(" ; ", ", ")
    return snippets[0] or snippets[1]


def _sql_limit(limit: int) -> int:
    """A LIMIT SQLite accepts: any larger count means "all" (its integers are 64-bit)."""
    return min(limit, 2**63 - 1)
