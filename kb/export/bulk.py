"""The bulk export: the store as a request body for the OpenSearch/Elasticsearch ``_bulk`` API,
and the index mappings to create the indices with first.

Body (newline-delimited JSON)
    For every record, in the order of ``--format jsonl`` (sources, entities,
    events), two lines: an action, ``{"index": {"_index": "kb-events",
    "_id": "<id>"}}``, then the document, which is exactly the record's
    JSON Lines object (with its ``kind``; a source's own kind is
    ``source_kind``).  Each kind has its own index, ``PREFIX-sources``,
    ``PREFIX-entities`` and ``PREFIX-events`` (PREFIX ``kb`` unless told).
    The ``_id`` is the record's id, so loading the body again replaces the
    documents rather than adding twins.  Every line, the last one too, ends
    with ``\\n``, as the bulk API requires.

Mappings (one JSON object)
    Keyed by index name; each value is the body for ``PUT /<index name>``
    (``{"mappings": {...}}``), explicit for every field kb writes:

    * ids, the ids records refer to (sources, entity ids, a claim's source)
      and an event's former ids (its ``aliases``), precision, EDTF, tags, types and other closed vocabularies:
      ``keyword``;
    * days (an event's ``start``, ``end`` and ``date_anchor``, a claim date's
      bounds, a role's ``from``, ``to`` and ``as_of``): ``date`` in
      ``strict_date`` (``yyyy-MM-dd``).  kb stores every day as ten
      characters, year 0001 to 9999, which is exactly what ``strict_date``
      reads;  a source's ``published`` is an EDTF string (``2020``,
      ``2020-01-20/2020-12-31``), so it is a keyword;
    * titles, names, aliases, canonical names, sections and claim values:
      ``text`` with a ``keyword`` subfield (``title.keyword``) for sorting,
      aggregating and exact matches; summaries, descriptions and the words a
      date came from: ``text``;
    * claims, citations and roles: ``nested``, so one claim's measure,
      amount and source are matched together; a claim's ``amount``, ``low`` and
      ``high`` are ``double``, its ``unit`` a keyword, its ``attribution`` text
      and its ``offsets`` integers; counts are ``integer``, ``extracted`` is ``boolean``.

    Keywords ignore values over 8,191 characters (Lucene refuses a term over
    32,766 bytes, and a character takes at most four), keyword subfields of
    text over 256; the document is still indexed and its ``_source`` whole.
    ``"dynamic": false``: a field a hand-edited store adds (a claim's own
    note, say) stays in ``_source`` but is not indexed, instead of being
    typed by guesswork or failing the document.

Checked before anything is written: the prefix makes valid index names, and
every id fits the bulk API's 512 bytes.  A non-finite number (``NaN``) in an
event, which JSON cannot carry, stops the export with a line naming the event.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from ..errors import KbError
from ..output.safe import json_text
from .jsonl import KINDS, lines, refuse_non_finite

if TYPE_CHECKING:
    import sqlite3

DEFAULT_PREFIX = "kb"
SUFFIXES = {"source": "sources", "entity": "entities", "event": "events"}
MAX_ID_BYTES = 512  # the bulk API refuses a longer _id
MAX_INDEX_BYTES = 255
# A conservative subset of what both OpenSearch and Elasticsearch accept as an
# index name (lower case; none of \ / * ? " < > | , # : or space; not starting
# with - _ + or .).
_PREFIX = re.compile(r"[a-z0-9][a-z0-9._-]*")


def index_names(prefix: str = DEFAULT_PREFIX) -> dict[str, str]:
    """The index of each kind of record, ``{"event": "kb-events", ...}``; refuses a bad prefix."""
    if not _PREFIX.fullmatch(prefix):
        raise KbError(f"export: --index-prefix {prefix!r} cannot start an index name; use lower-case "
                      "letters, digits, '.', '_' and '-', starting with a letter or digit")
    names = {kind: f"{prefix}-{suffix}" for kind, suffix in SUFFIXES.items()}
    longest = max(names.values(), key=len)
    if len(longest.encode("utf-8")) > MAX_INDEX_BYTES:
        raise KbError(f"export: --index-prefix is too long: index names have at most {MAX_INDEX_BYTES} "
                      f"bytes ({longest[:20]}... has {len(longest)})")
    return names


# -- the body ------------------------------------------------------------------------------

_TABLES = {"source": "sources", "entity": "entities", "event": "events"}


def _check_ids(con: sqlite3.Connection) -> None:
    from ..store.check import show

    for kind in KINDS:
        row = con.execute(f"SELECT id FROM {_TABLES[kind]} WHERE length(CAST(id AS BLOB)) > ? LIMIT 1",
                          (MAX_ID_BYTES,)).fetchone()
        if row:
            raise KbError(f"export: {kind} id {show(row[0])} is longer than the {MAX_ID_BYTES} bytes "
                          "the bulk API allows for an _id")


def write_bulk(con: sqlite3.Connection, fh, prefix: str = DEFAULT_PREFIX) -> dict[str, int]:
    """Write the bulk body of the index ``con`` to ``fh``; the count of each kind written."""
    names = index_names(prefix)
    _check_ids(con)
    heads = {kind: '{"index": {"_index": %s, "_id": ' % json.dumps(name) for kind, name in names.items()}
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    n = dict.fromkeys(KINDS, 0)
    for kind, rid, text in lines(con):
        if kind == "event" and ("NaN" in text or "Infinity" in text):
            refuse_non_finite(rid, text, "the bulk API would refuse the event")
        fh.write(heads[kind] + json_text(dumps(rid)) + "}}\n" + text + "\n")
        n[kind] += 1
    return n


# -- the mappings --------------------------------------------------------------------------

KEYWORD = {"type": "keyword", "ignore_above": 8191}
ID = {"type": "keyword"}  # record ids: at most 512 bytes (checked)
TEXT = {"type": "text"}
NAME = {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 256}}}
DAY = {"type": "date", "format": "strict_date"}
COUNT = {"type": "integer"}
FLAG = {"type": "boolean"}


def _nested(**properties) -> dict:
    return {"type": "nested", "properties": properties}


def _object(**properties) -> dict:
    return {"properties": properties}


def _event_properties() -> dict:
    date = _object(start=DAY, end=DAY, precision=KEYWORD, edtf=KEYWORD, text=TEXT, anchor=DAY, rule=KEYWORD)
    return {
        "kind": KEYWORD, "id": ID, "title": NAME, "summary": TEXT,
        "start": DAY, "end": DAY, "precision": KEYWORD, "edtf": KEYWORD, "date_text": TEXT,
        "date": KEYWORD, "date_anchor": DAY, "date_rule": KEYWORD,
        "entities": NAME, "places": NAME, "entity_ids": KEYWORD, "sources": KEYWORD, "tags": KEYWORD,
        "claims": _nested(measure=KEYWORD, subject=KEYWORD, value=NAME, amount={"type": "double"},
                          qualifier=KEYWORD, counts=TEXT, source=KEYWORD, section=NAME, date=date,
                          low={"type": "double"}, high={"type": "double"}, unit=KEYWORD,
                          attribution=NAME, offsets=COUNT, page=KEYWORD),
        "citations": _nested(source=KEYWORD, section=NAME, page=KEYWORD),
        "disputed": KEYWORD, "aliases": KEYWORD,  # an event's aliases are the ids it had before
        "document": KEYWORD, "offsets": COUNT, "extracted": FLAG,
    }


def _entity_properties() -> dict:
    return {
        "kind": KEYWORD, "id": ID, "name": NAME, "type": KEYWORD, "aliases": NAME, "ambiguous": NAME,
        "description": TEXT,
        "roles": _nested(role=NAME, of=NAME, source=KEYWORD, **{"from": DAY}, from_text=TEXT,
                         to=DAY, to_text=TEXT, as_of=DAY, as_of_text=TEXT),
        "sources": KEYWORD, "extracted": FLAG, "events": COUNT,
    }


def _source_properties() -> dict:
    return {
        "kind": KEYWORD, "id": ID, "title": NAME, "publisher": NAME, "published": KEYWORD,
        "published_text": TEXT, "date": KEYWORD, "source_kind": KEYWORD, "file": KEYWORD,
        "sha256": KEYWORD, "events": COUNT, "pages": COUNT, "page_labels": KEYWORD,
    }


PROPERTIES = {"source": _source_properties, "entity": _entity_properties, "event": _event_properties}


def mappings(prefix: str = DEFAULT_PREFIX) -> dict[str, dict]:
    """``{index name: the body for PUT /<index name>}`` for each kind of record."""
    return {name: {"mappings": {"dynamic": False, "properties": PROPERTIES[kind]()}}
            for kind, name in index_names(prefix).items()}


def write_mappings(fh, prefix: str = DEFAULT_PREFIX) -> dict[str, int]:
    """Write the mappings as one indented JSON object; the count of indices."""
    body = mappings(prefix)
    fh.write(json.dumps(body, indent=2, ensure_ascii=False) + "\n")
    return {"index": len(body)}
