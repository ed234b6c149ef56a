r"""The CSV export: the events, one row each, with a header row.

Stored text is shown, never obeyed, as in every other kb output: control
characters and bidi overrides in a field are written as escapes (``\x1b``,
``\u202e``, :mod:`kb.output.safe`), carriage returns too; tabs and newlines
stay, quoted as CSV quotes them.
"""

from __future__ import annotations

import csv
import json
import re
from typing import TYPE_CHECKING

from ..output.safe import UNSAFE, escapes
from .rows import EVENT_COLUMNS, event_docs

if TYPE_CHECKING:
    import sqlite3


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    text = str(value)
    return text.translate(_ESCAPES) if re.search(UNSAFE, text) else text


_ESCAPES = escapes(keep="\t\n")


def write_csv(con: sqlite3.Connection, fh) -> dict[str, int]:
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(EVENT_COLUMNS)
    n = 0
    for doc in event_docs(con):
        ev = json.loads(doc)
        w.writerow([_cell(ev.get(c)) for c in EVENT_COLUMNS])
        n += 1
    return {"event": n}
