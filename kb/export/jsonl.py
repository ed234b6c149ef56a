r"""The JSON Lines export: every source, entity and event, one object a line.

Control characters that JSON leaves raw (DEL, C1, bidi overrides) are written
as ``\uXXXX`` escapes (:func:`kb.output.safe.json_text`): the same text to
any JSON reader, inert on a terminal.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from ..output.safe import json_text
from .rows import entities, event_rows, sources

if TYPE_CHECKING:
    import sqlite3

KINDS = ("source", "entity", "event")


def lines(con: sqlite3.Connection):
    """Each record as ``(kind, id, text)``: its JSON Lines object, without the newline.

    Sources first (by id), then entities (by name), then events (in date order).
    """
    for kind, rows in (("source", sources(con)), ("entity", entities(con))):
        for obj in rows:
            if "kind" in obj:  # a source's own kind (news article, ...)
                obj[f"{kind}_kind"] = obj.pop("kind")
            yield kind, obj["id"], json_text(json.dumps({"kind": kind, **obj}, ensure_ascii=False))
    for rid, doc in event_rows(con):
        # The stored text is already the event's JSON object: put "kind" first
        # without parsing it.
        yield "event", rid, json_text('{"kind": "event", ' + doc[1:] if doc != "{}" else '{"kind": "event"}')


def refuse_non_finite(rid: str, text: str, why: str) -> None:
    """Raise when the event's JSON holds NaN or Infinity outside its strings (a ``1e999`` kept
    in a field kb does not check reads as an infinity; the index holds it as ``Infinity``)."""
    from ..errors import KbError
    from ..store.check import show

    def refuse(constant: str):
        raise KbError(f"export: event {show(rid)} holds {constant}, a number JSON cannot carry "
                      f"({why}); correct it in the store")

    json.loads(text, parse_constant=refuse)


def write_jsonl(con: sqlite3.Connection, fh) -> dict[str, int]:
    n = dict.fromkeys(KINDS, 0)
    for kind, rid, text in lines(con):
        if kind == "event" and ("NaN" in text or "Infinity" in text):
            refuse_non_finite(rid, text, "no JSON reader but Python's would take the line")
        fh.write(text + "\n")
        n[kind] += 1
    return n
