"""Exports: the whole store for other tools, as JSON Lines, CSV, SQLite or a search cluster's bulk body.

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

``--format bulk``
    Newline-delimited JSON for the OpenSearch/Elasticsearch ``_bulk`` API: an
    action line, then the JSON Lines object of the record, for every source,
    entity and event, into one index per kind (``kb-sources``,
    ``kb-entities``, ``kb-events``; ``--index-prefix`` changes ``kb``).
    ``--mapping PATH`` writes the explicit index mappings beside it, one
    ``PUT /<index>`` body for each index.  Details in :mod:`kb.export.bulk`.

Without ``-o``, JSON Lines, CSV and the bulk body go to stdout.  With ``-o PATH`` the file is
written atomically (:mod:`kb.store.atomic`), so PATH is never half-written;
an existing file is replaced only with ``--force``, and kb's own files (the
store, the shipped knowledge base, the index) never: :mod:`kb.export.target`
checks PATH before anything is read.  The export reads kb's derived index, so
it never parses the store unless the store changed.  ``--mapping PATH`` goes
through the same checks and the same atomic write as ``-o PATH``.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from ..errors import KbError
from ..store import atomic
from .target import Target, open_stream, target

__all__ = ("FORMATS", "Target", "export", "export_mappings", "target")

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Callable

FORMATS = ("jsonl", "csv", "sqlite", "bulk")


def _text_writer(fmt: str, index_prefix: str | None):
    if fmt == "jsonl":
        from .jsonl import write_jsonl

        return write_jsonl
    if fmt == "bulk":
        from .bulk import DEFAULT_PREFIX, write_bulk

        return lambda con, fh: write_bulk(con, fh, index_prefix or DEFAULT_PREFIX)
    from .csvfile import write_csv

    return write_csv


def _write(to: Target, stdout: IO[str], text: Callable[[IO[str]], dict[str, int]],
           to_file: Callable[[str], dict[str, int]] | None = None) -> dict[str, int]:
    """Write with ``text(fh)`` to stdout, a device or pipe, or (atomically) a file;
    ``to_file(path)`` instead writes a file that is not a text stream."""
    if to.path is None:
        return text(stdout)
    try:
        if to.stream:  # a device or a pipe (/dev/stdout, a FIFO): nothing to replace, write to it
            # Appending, so `-o /dev/stdout >> log` keeps what the log held.
            with open_stream(to.path) as fh:   # a pipe without a reader: refused, not a hang
                return text(fh)
        with atomic.replacing(to.path, new_mode=atomic.usual_mode()) as tmp:
            if to_file is not None:
                return to_file(str(tmp))
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                return text(fh)
    except BrokenPipeError:
        raise  # the reader went away: the command ends quietly
    except OSError as e:
        raise KbError(f"export: cannot write {to.path} ({e.strerror or e})") from None


def export(con: sqlite3.Connection, fmt: str, to: Target, stdout: IO[str], *,
           index_prefix: str | None = None) -> dict[str, int]:
    """Write the export of the index ``con`` to ``to`` (see :func:`kb.export.target.target`).

    ``index_prefix`` names the indices of ``--format bulk``.  Returns the
    count of each kind of record written.
    """
    if fmt == "sqlite":  # a database file (target() refused anything else)
        from .sqlite import write_sqlite

        return _write(to, stdout, _no_stream, lambda path: write_sqlite(con, path))
    writer = _text_writer(fmt, index_prefix)
    return _write(to, stdout, lambda fh: writer(con, fh))


def _no_stream(fh) -> dict[str, int]:
    raise KbError("export: --format sqlite writes a database file; name it with -o PATH")


def export_mappings(to: Target, stdout: IO[str], *, index_prefix: str | None = None) -> dict[str, int]:
    """Write the index mappings of ``--format bulk`` to ``to``; the count of indices."""
    from .bulk import DEFAULT_PREFIX, write_mappings

    return _write(to, stdout, lambda fh: write_mappings(fh, index_prefix or DEFAULT_PREFIX))
