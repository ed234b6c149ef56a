"""Exports: the whole store for other tools, as JSON Lines, CSV or SQLite.

``--format jsonl`` (the default)
    One JSON object a line: first the sources (by id), then the entities (by
    name), then the events (in date order).  Each object has a ``kind``
    (``source``, ``entity`` or ``event``) followed by the fields of the JSON
    contract, exactly as ``kb sources``, ``kb entities`` and ``kb timeline``
    print them with ``--format json``, except that a source's own ``kind``
    (history page, news article, listing page) is called ``source_kind``.
``--format csv``
    The events, one row each, with a header row.  Columns: ``id``, ``start``,
    ``end`` (ISO days, inclusive), ``precision``, ``edtf``, ``date_text``,
    ``date`` (as kb shows it), ``title``, ``summary``, ``entities``,
    ``places`` (canonical names), ``sources`` (source ids), ``tags``,
    ``disputed``; lists are joined by ``"; "``.
``--format sqlite``
    A standalone SQLite database (needs ``-o``) with the tables ``events``
    (the CSV columns, lists as JSON arrays, plus ``doc``, the event's JSON
    object), ``entities`` (``id``, ``name``, ``type``, ``aliases``,
    ``description``, ``events``, ``doc``), ``sources`` (``id``, ``title``,
    ``publisher``, ``published``, ``kind``, ``file``, ``events``, ``doc``) and
    ``event_entities`` (``event_id``, ``entity_id``), indexed on dates, names
    and links.  The full-text tables ``events_fts`` (title, summary,
    date_text, entities, places, tags) and ``entities_fts`` (name, aliases,
    description) are external-content FTS5 tables laid out as ``sqlite-utils
    enable-fts`` lays them out, so ``sqlite-utils search copy.db events WORD``
    works on the copy.

Without ``-o``, JSON Lines and CSV go to stdout.  With ``-o PATH`` the file is
replaced atomically (:mod:`kb.store.atomic`), so PATH is never half-written.  The export reads kb's derived
index, so it never parses the store unless the store changed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ..errors import KbError
from ..store import atomic

if TYPE_CHECKING:
    import sqlite3

FORMATS = ("jsonl", "csv", "sqlite")


def _text_writer(fmt: str):
    if fmt == "jsonl":
        from .jsonl import write_jsonl

        return write_jsonl
    from .csvfile import write_csv

    return write_csv


def export(con: sqlite3.Connection, fmt: str, output: str | None, stdout: IO[str]) -> dict[str, int]:
    """Write the export of the index ``con``; to ``stdout`` when ``output`` is None or ``-``.

    Returns the count of each kind of record written.  SQLite needs a file.
    """
    if fmt == "sqlite" and not output:
        raise KbError("export: --format sqlite writes a database file; name it with -o PATH")
    if output is None or output == "-":
        if fmt == "sqlite":
            raise KbError("export: --format sqlite cannot go to stdout; name a file with -o PATH")
        return _text_writer(fmt)(con, stdout)
    path = Path(output).expanduser()
    if path.is_dir():
        raise KbError(f"export: {path} is a folder; name a file")
    if path.exists() and not path.is_file():
        # A device or a pipe (/dev/stdout, a FIFO): nothing to replace, write to it.
        if fmt == "sqlite":
            raise KbError(f"export: {path} is not a regular file; --format sqlite needs one")
        with open(path, "w", encoding="utf-8", newline="") as fh:
            return _text_writer(fmt)(con, fh)
    if not path.parent.is_dir():
        raise KbError(f"export: no folder {path.parent}")
    try:
        with atomic.replacing(path) as tmp:
            if fmt == "sqlite":
                from .sqlite import write_sqlite

                return write_sqlite(con, str(tmp))
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                return _text_writer(fmt)(con, fh)
    except OSError as e:
        raise KbError(f"export: cannot write {path} ({e.strerror or e})") from None
