"""The JSON Lines export: every source, entity and event, one object a line."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .rows import entities, event_docs, sources

if TYPE_CHECKING:
    import sqlite3


def write_jsonl(con: sqlite3.Connection, fh) -> dict[str, int]:
    n = {"source": 0, "entity": 0, "event": 0}
    for kind, rows in (("source", sources(con)), ("entity", entities(con))):
        for obj in rows:
            if "kind" in obj:  # a source's own kind (news article, ...)
                obj[f"{kind}_kind"] = obj.pop("kind")
            fh.write(json.dumps({"kind": kind, **obj}, ensure_ascii=False) + "\n")
            n[kind] += 1
    for doc in event_docs(con):
        # The stored text is already the event's JSON object: put "kind" first
        # without parsing it.
        fh.write('{"kind": "event", ' + doc[1:] + "\n" if doc != "{}" else '{"kind": "event"}\n')
        n["event"] += 1
    return n
