"""Linking names to a store's entities: the ``entity`` of a name that ``kb tag`` shows.

:class:`Linker` holds the entities of one store under two keys of every alias
(:func:`kb.names.normalize.keys`: the fold, and the transliteration skeleton of
four or more letters) and links a name by :func:`kb.names.resolve.exact`: the
one entity that has the name as a whole alias, else none (a name that could be
several entities, a surname alone shared by two people, is left unlinked, never
guessed).  The canonical name is tried first, then the text as written.

:func:`store_entities` reads a store's entities only (record by record, no
TinyDB), for the name tagger; a missing store has none.
"""

from __future__ import annotations

from pathlib import Path

from . import normalize as namekeys
from .resolve import exact


class Linker:
    def __init__(self, entities=()):
        self._keys: dict[tuple[str, str], list[str]] = {}
        self._ids: set[str] = set()
        for e in entities:
            eid = e.get("id")
            if not eid:
                continue
            self._ids.add(eid)
            for alias in dict.fromkeys([e.get("name", ""), *e.get("aliases", [])]):
                if not isinstance(alias, str):
                    continue
                f, s = namekeys.keys(alias)
                if not f:
                    continue
                for key in ((f, "fold"), (s, "skel")):
                    ids = self._keys.setdefault(key, [])
                    if eid not in ids:
                        ids.append(eid)

    # the NameLookup protocol of kb.names.resolve
    def is_entity(self, entity_id: str) -> bool:
        return entity_id in self._ids

    def ids_for(self, key: str, how: str) -> list[str]:
        return self._keys.get((key, how), [])

    def link(self, name: str, text: str) -> str | None:
        if not self._keys:
            return None
        return exact(name, self) or (exact(text, self) if text != name else None)


def store_entities(db: str | None) -> list[dict]:
    """The entities of the store ``db`` names (None: the default store); [] if there is none."""
    from ..store import Tables, default_path

    path = default_path(db)
    if not Path(path).is_file():
        return []
    return list(Tables(Path(path), digest=False).records("entities"))
