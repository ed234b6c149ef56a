"""Name resolution: which entities a name the user typed stands for.

The rules are tried in this order, and the first that fits any entity wins:

1. the name is an entity id;
2. its :func:`~kb.names.normalize.fold` equals the fold of an alias
   (``hanif-nejad`` finds ``Hanifnejad``);
3. a slash-compound (``PMOI/MEK``) whose parts all resolve to one entity;
4. its transliteration :func:`~kb.names.normalize.skeleton` (3+ letters) equals an
   alias's (``Saeed Mohsen`` finds ``Saeid Mohsen``);
5. every identifying word of it is a word of one entity's aliases, compared
   first as folded words, then as word skeletons (``Rajavi`` finds every
   Rajavi: more than one is an ambiguity for the caller, never a guess).

The rules read keys through a :class:`NameLookup` (the index implements it),
so they know nothing of SQL.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import normalize as namekeys

if TYPE_CHECKING:  # the contract, for readers and type checkers; nothing to load at run time
    from typing import Protocol

    class NameLookup(Protocol):
        """Where resolution looks names up."""

        def is_entity(self, entity_id: str) -> bool:
            """Whether an entity has this id."""

        def ids_for(self, key: str, how: str) -> list[str]:
            """Ids of the entities with an alias whose ``how`` key (fold, skel, word, wskel) is ``key``."""


def match(name: str, lookup: NameLookup) -> list[str]:
    """Entity ids a name fits, by the first rule (see the module docstring) that fits any."""
    name = name.strip()
    if not namekeys.fold(name):
        return []
    if lookup.is_entity(name):
        return [name]
    fold, skel = namekeys.keys(name)
    ids = lookup.ids_for(fold, "fold")
    if ids:
        return ids
    parts = namekeys.split_compound(name)
    if len(parts) > 1:
        found = {tuple(match(p, lookup)) for p in parts}
        if len(found) == 1 and len(next(iter(found))) == 1:
            return list(next(iter(found)))
    if len(skel) >= 3:
        ids = lookup.ids_for(skel, "skel")
        if ids:
            return ids
    ws = namekeys.words(name)
    for how, key in (("word", lambda w: w), ("wskel", namekeys.skeleton)):
        sets = [set(lookup.ids_for(key(w), how)) for w in ws]
        if sets and all(sets):
            common = set.intersection(*sets)
            if common:
                return sorted(common)
    return []


def exact(text: str, lookup: NameLookup) -> str | None:
    """The one entity ``text`` names as a whole alias (fold, or a skeleton of 4+ letters), else None.

    Stricter than :func:`match`: search uses it to widen a phrase to all the
    aliases of the entity it names, which must never be a guess.
    """
    fold, skel = namekeys.keys(text)
    ids = lookup.ids_for(fold, "fold") or (lookup.ids_for(skel, "skel") if len(skel) >= 4 else [])
    return ids[0] if len(ids) == 1 else None
