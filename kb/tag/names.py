"""The name tagger of ``kb tag``: people, organisations, places and other names.

Each mention is a name :func:`kb.names.find.find_names` finds (rules in
:mod:`kb.names.find` and the modules it names), as a row with:

* ``type``: ``PER``, ``ORG``, ``LOC`` or ``MISC``, CoNLL-2003's types (people;
  organisations; places; the rest: nationalities, events, laws, works), one
  per name per document;
* ``name``: the canonical name, the fullest form the document gives ("Claire
  Dubois" for a later "Dubois"), or the linked entity's name;
* ``entity``: the id of the store's entity (``ctx.db``, else the default
  store) the name is a whole alias of, or null (an empty store links nothing;
  a name two entities share stays null).

kb's own entity types map to these: person -> PER; organization, media,
government-body -> ORG; place, camp -> LOC; the others -> MISC.
"""

from __future__ import annotations

import functools

KINDS = {"name": ("type", "name", "entity")}

#: kb's entity types as CoNLL types (a linked name takes its entity's)
CONLL = {"person": "PER", "organization": "ORG", "media": "ORG", "government-body": "ORG",
         "place": "LOC", "camp": "LOC"}


def tag(text: str, ctx) -> list[dict]:
    from ..names.find import find_names

    names = find_names(text)
    if not names:
        return []
    linker, by_id = _linker(*_store_key(ctx.db))
    rows = []
    for n in names:
        eid = linker.link(n.name, n.text)
        name, etype = n.name, n.type
        if eid is not None:
            name = by_id[eid].get("name") or name
            etype = CONLL.get(by_id[eid].get("type"), "MISC")
        rows.append({"kind": "name", "offset": [n.start, n.end], "text": n.text,
                     "type": etype, "name": name, "entity": eid})
    return rows


def _store_key(db):
    """The store's path with its size and time: the entities are read again only when the
    file changed (``kb tag`` of many files reads the store once)."""
    from ..store import default_path

    path = default_path(db)
    try:
        st = path.stat()
    except OSError:
        return str(path), -1, -1
    return str(path), st.st_size, st.st_mtime_ns


@functools.lru_cache(maxsize=4)
def _linker(path: str, size: int, mtime: int):
    from ..names.linking import Linker, store_entities

    entities = store_entities(path) if size >= 0 else []
    return Linker(entities), {e.get("id"): e for e in entities}
