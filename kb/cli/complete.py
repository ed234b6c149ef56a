"""Shell completion: the values a command line can take, read from the index.

Typer's own completion (``kb --install-completion``) calls these as a
parameter's ``autocompletion``: each takes the Click context (whose
``params`` hold what the line has so far, ``--db`` included) and the word
being completed, and returns the values that begin with it.

They must answer at once on any store, so they read only an index that is
already fresh for the store (:func:`kb.index.freshness.fresh`); with no
such index they offer nothing rather than build one (a full build takes
seconds at 100,000 events).  Every lookup is a range on an indexed column
(``id >= prefix AND id < prefix + U+10FFFF``), at most :data:`LIMIT` values:

* :func:`names`: entity names and aliases (by their folded key, so case and
  accents do not matter), and entity ids;
* :func:`ids`: event, entity and source ids (``kb show``);
* :func:`event_ids`, :func:`source_ids`, :func:`tags`, :func:`types`,
  :func:`kinds`.

This module is imported by the command modules for the functions' names
only; nothing heavy loads until a completion runs.
"""

from __future__ import annotations

LIMIT = 50
_TOP = "\U0010ffff"


def _con(ctx):
    """A connection to the fresh index of the store the line names, or None."""
    import os

    from ..index.freshness import fresh, index_path
    from ..store import default_path, signature

    try:
        store = default_path((ctx.params or {}).get("db") if ctx is not None else None)
        path = index_path(store)
        got = fresh(path, os.stat(path), signature(store), store)
    except Exception:  # noqa: BLE001 - completion must never print a traceback into the shell
        return None
    return got[0] if got else None


def _range(ctx, sql: str, prefix: str, *extra) -> list[str]:
    con = _con(ctx)
    if con is None:
        return []
    try:
        return [r[0] for r in con.execute(sql, (prefix, prefix + _TOP, *extra, LIMIT))]
    except Exception:  # noqa: BLE001 - a damaged index: offer nothing
        return []
    finally:
        con.close()


def event_ids(ctx, incomplete: str) -> list[str]:
    return _range(ctx, "SELECT id FROM events WHERE id >= ? AND id < ? ORDER BY id LIMIT ?", incomplete)


def source_ids(ctx, incomplete: str) -> list[str]:
    return _range(ctx, "SELECT id FROM sources WHERE id >= ? AND id < ? ORDER BY id LIMIT ?", incomplete)


def tags(ctx, incomplete: str) -> list[str]:
    return _range(ctx, "SELECT DISTINCT tag FROM event_tags WHERE tag >= ? AND tag < ? ORDER BY tag LIMIT ?",
                  incomplete.lower())


def types(ctx, incomplete: str) -> list[str]:
    return [t for t in _range(ctx, "SELECT DISTINCT type FROM entities WHERE type >= ? AND type < ? "
                                   "ORDER BY type LIMIT ?", incomplete.lower())]


def kinds(ctx, incomplete: str) -> list[str]:
    return [k for k in ("event", "entity", "source") if k.startswith(incomplete.lower())]


def names(ctx, incomplete: str) -> list[str]:
    """Names and aliases whose folded form begins with what is typed, then entity ids."""
    from ..names import fold

    key = fold(incomplete)
    found = _range(ctx, "SELECT DISTINCT alias FROM names WHERE how = 'fold' AND key >= ? AND key < ? "
                        "ORDER BY key LIMIT ?", key) if key else []
    if len(found) < LIMIT:
        found += _range(ctx, "SELECT id FROM entities WHERE id >= ? AND id < ? ORDER BY id LIMIT ?", incomplete)
    return list(dict.fromkeys(found))[:LIMIT]


def ids(ctx, incomplete: str) -> list[str]:
    """Event, entity and source ids (``kb show``)."""
    found = event_ids(ctx, incomplete)
    if len(found) < LIMIT:
        found += _range(ctx, "SELECT id FROM entities WHERE id >= ? AND id < ? ORDER BY id LIMIT ?", incomplete)
    if len(found) < LIMIT:
        found += source_ids(ctx, incomplete)
    return found[:LIMIT]
