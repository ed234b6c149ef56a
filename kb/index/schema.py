"""The index's tables, and the version that says when an index must be rebuilt.

An index is derived data: what it holds depends on the store and on the code
that renders records.  :func:`version` names that code by kb's own version and
:data:`SCHEMA_VERSION`, and an index built under another version is rebuilt
on first use.  Bump :data:`SCHEMA_VERSION` whenever a change to kb alters what
the index stores (a table, a column, a record's JSON, a name key) without a
new kb release.

Tables: ``events``, ``entities``, ``sources`` (each with the record's JSON
object from :mod:`kb.model.records`, its document number in the store as
``key`` (what a write looks it up by, :mod:`kb.index.lookups`), and as rowid
the record's place in its table, or after the last for a record an update
added; events also with their length class ``span``, the bit length of their
length in days), ``names`` (name keys from :mod:`kb.names`: ``fold``, ``skel``, ``word``, ``wskel``, and
``fskel``, the skeleton of a folded name's first word; with the name (``alias``) on keys of a
whole name, NULL on keys of one word), ``roles`` (the id
each role of an entity is ``of``, the entity, the role's place: where one
entity's record shows another's name), link tables ``event_entities``,
``event_sources``, ``event_tags``, ``event_aliases`` (an event's former ids),
``claims`` (every claim: its event, its position there, its comparison key as
``scope`` and ``label`` (:func:`kb.model.claims.comparison_key`), its source,
its JSON, and ``disputed``, 1 where the claims under its key disagree), the
FTS5 table ``fts`` (``kind``, ``id``, ``title``, ``body``, ``names``; a
record's row has its rowid in its own table plus a base per kind,
:data:`kb.index.build.FTS_BASE`), and ``meta``: ``signature`` and ``digest``
of the store, ``schema`` (:func:`version`), ``span_longest``, the longest
event of each length class, for :meth:`kb.query.KB.timeline`, ``layout``,
where each table lies in the store file (:func:`kb.store.locate.describe`),
and, written last, ``stamp``: the modification time the finished file was given
(:mod:`kb.index.freshness`).
"""

from __future__ import annotations

from .. import __version__

# 15: a store holding NaN or an infinity (1e999) is refused, so an index built over one is not kept;
# 14: a name key of one word holds no alias (NULL); 13: names folded without marks
SCHEMA_VERSION = "15"


def version() -> str:
    """What the index's contents depend on besides the store."""
    return f"{__version__}+schema{SCHEMA_VERSION}"


SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE sources(id TEXT PRIMARY KEY, published TEXT, doc TEXT, key TEXT);
CREATE TABLE entities(id TEXT PRIMARY KEY, name TEXT, type TEXT, n_events INTEGER, doc TEXT, key TEXT);
CREATE TABLE names(key TEXT, how TEXT, entity_id TEXT, alias TEXT);
CREATE TABLE roles(of TEXT, entity_id TEXT, pos INTEGER);
CREATE TABLE events(id TEXT PRIMARY KEY, start TEXT, end TEXT, disputed INTEGER, span INTEGER, doc TEXT,
    key TEXT);
CREATE TABLE event_entities(entity_id TEXT, event_id TEXT, start TEXT, end TEXT);
CREATE TABLE event_sources(source_id TEXT, event_id TEXT, start TEXT, end TEXT);
CREATE TABLE event_tags(tag TEXT, event_id TEXT, start TEXT, end TEXT);
CREATE TABLE event_aliases(alias TEXT, event_id TEXT);
CREATE TABLE claims(event_id TEXT, pos INTEGER, scope TEXT, label TEXT, source TEXT, doc TEXT,
    disputed INTEGER DEFAULT 0);
CREATE VIRTUAL TABLE fts USING fts5(kind UNINDEXED, id UNINDEXED, title, body, names,
    tokenize = "unicode61 remove_diacritics 2");
"""
INDEXES = """
CREATE INDEX names_key ON names(key, how, entity_id);
CREATE INDEX events_start ON events(start, end);
CREATE INDEX sources_sha ON sources(json_extract(doc, '$.sha256'));
CREATE INDEX events_end ON events(end);
CREATE INDEX events_span ON events(span, start, end);
CREATE INDEX events_key ON events(key, id, start, end);
CREATE INDEX ee_entity ON event_entities(entity_id, start);
CREATE INDEX ee_event ON event_entities(event_id);
CREATE INDEX es_source ON event_sources(source_id, start);
CREATE INDEX es_event ON event_sources(event_id, source_id);
CREATE INDEX et_tag ON event_tags(tag, start);
CREATE INDEX et_event ON event_tags(event_id, tag);
CREATE INDEX ea_alias ON event_aliases(alias);
CREATE INDEX roles_of ON roles(of);
CREATE INDEX roles_entity ON roles(entity_id);
CREATE INDEX claims_key ON claims(scope, label);
CREATE INDEX claims_event ON claims(event_id, disputed);
ANALYZE;
"""
