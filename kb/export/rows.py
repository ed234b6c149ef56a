"""What is exported, read from kb's derived index in a stable order.

Sources by id, entities by name, events in date order, each as the JSON
object of the contract (:mod:`kb.model.records`) with its event count.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import sqlite3

EVENT_COLUMNS = ["id", "start", "end", "precision", "edtf", "date_text", "date", "title", "summary",
                 "entities", "places", "sources", "tags", "disputed"]
LIST_COLUMNS = {"entities", "places", "sources", "tags", "disputed"}


def sources(con: sqlite3.Connection):
    for doc, n in con.execute(
            "SELECT s.doc, (SELECT COUNT(*) FROM event_sources x WHERE x.source_id = s.id) "
            "FROM sources s ORDER BY s.id"):
        yield {**json.loads(doc), "events": n}


def entities(con: sqlite3.Connection):
    for doc, n in con.execute("SELECT doc, n_events FROM entities ORDER BY name COLLATE NOCASE, id"):
        yield {**json.loads(doc), "events": n}


def event_docs(con: sqlite3.Connection):
    """Each event's JSON object as the index stores it (text, not yet parsed)."""
    for _, doc in event_rows(con):
        yield doc


def event_rows(con: sqlite3.Connection):
    """Each event's id and its JSON object as text, in date order."""
    yield from con.execute("SELECT id, doc FROM events ORDER BY start, end, id")
