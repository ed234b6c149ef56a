"""The CSV export: the events, one row each, with a header row."""

from __future__ import annotations

import csv
import json
from typing import TYPE_CHECKING

from .rows import EVENT_COLUMNS, event_docs

if TYPE_CHECKING:
    import sqlite3


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    return str(value)


def write_csv(con: sqlite3.Connection, fh) -> dict[str, int]:
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(EVENT_COLUMNS)
    n = 0
    for doc in event_docs(con):
        ev = json.loads(doc)
        w.writerow([_cell(ev.get(c)) for c in EVENT_COLUMNS])
        n += 1
    return {"event": n}
