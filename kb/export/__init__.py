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
written atomically (:mod:`kb.store.atomic`), so PATH is never half-written;
an existing file is replaced only with ``--force``, and kb's own files (the
store, the shipped knowledge base, the index) never: :mod:`kb.export.target`
checks PATH before anything is read.  The export reads kb's derived index, so
it never parses the store unless the store changed.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from ..errors import KbError
from ..store import atomic
from .target import Target, target

__all__ = ("FORMATS", "Target", "export", "target")

if TYPE_CHECKING:
    import sqlite3

FORMATS = ("jsonl", "csv", "sqlite")


def _text_writer(fmt: str):
    if fmt == "jsonl":
        from .jsonl import write_jsonl

        return write_jsonl
    from .csvfile import write_csv

    return write_csv


def export(con: sqlite3.Connection, fmt: str, to: Target, stdout: IO[str]) -> dict[str, int]:
    """Write the export of the index ``con`` to ``to`` (see :func:`kb.export.target.target`).

    Returns the count of each kind of record written.
    """
    if to.path is None:
        return _text_writer(fmt)(con, stdout)
    try:
        if to.stream:  # a device or a pipe (/dev/stdout, a FIFO): nothing to replace, write to it
            # Appending, so `-o /dev/stdout >> log` keeps what the log held.
            with open(to.path, "a", encoding="utf-8", newline="") as fh:
                return _text_writer(fmt)(con, fh)
        with atomic.replacing(to.path, new_mode=atomic.usual_mode()) as tmp:
            if fmt == "sqlite":
                from .sqlite import write_sqlite

                return write_sqlite(con, str(tmp))
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                return _text_writer(fmt)(con, fh)
    except BrokenPipeError:
        raise  # the reader went away: the command ends quietly
    except OSError as e:
        raise KbError(f"export: cannot write {to.path} ({e.strerror or e})") from None
