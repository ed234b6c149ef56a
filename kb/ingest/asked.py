"""What an ingest run looks records up by, asked of the index as it needs it.

A run over a store whose index is fresh (:meth:`kb.store.writer.Edit.ask`)
does not hold every stored record's lookup members: each lookup it makes
(a source by its hash, an entity by its id or by a key of one of its names,
an event's document number, the claims about a subject) is asked of the
index the first time, kept, and from then on behaves as the table built from
every record would, additions of the run included.  :class:`Asked` is such a
mapping, :class:`AskedSet` such a set, :class:`AskedStarts` a
:class:`~kb.ingest.entities.Beginnings`, and :class:`AskedAliasTable` the
alias table made of them.  Each answers as the whole table would: the run's
results do not depend on which way the store was read (``tests/test_writes_asked.py``).
"""

from __future__ import annotations

from typing import Callable

from .entities import AliasTable, Beginnings, fold


class Asked:
    """A mapping whose entries are asked for (``fetch(key)``, None for none) when first
    looked up, then kept; the run's own entries go in beside them."""

    __slots__ = ("_got", "_fetch")

    def __init__(self, fetch: Callable):
        self._got: dict = {}
        self._fetch = fetch

    def _look(self, key):
        got = self._got
        if key in got:
            return got[key]
        value = got[key] = self._fetch(key)
        return value

    def get(self, key, default=None):
        value = self._look(key)
        return default if value is None else value

    def __contains__(self, key) -> bool:
        return self._look(key) is not None

    def __getitem__(self, key):
        value = self._look(key)
        if value is None:
            raise KeyError(key)
        return value

    def __setitem__(self, key, value) -> None:
        self._got[key] = value

    def setdefault(self, key, default):
        value = self._look(key)
        if value is None:
            value = self._got[key] = default
        return value


class AskedSet:
    """A set whose members are asked for (``fetch(x)``, true if a member) when first tested.
    Its ``len`` counts the members added by the run: it grows when they do."""

    __slots__ = ("_added", "_known", "_fetch")

    def __init__(self, fetch: Callable):
        self._added: set = set()
        self._known: dict = {}
        self._fetch = fetch

    def __contains__(self, x) -> bool:
        if x in self._added:
            return True
        got = self._known.get(x)
        if got is None:
            got = self._known[x] = bool(self._fetch(x))
        return got

    def add(self, x) -> None:
        self._added.add(x)

    def __len__(self) -> int:
        return len(self._added)


class AskedStarts(Beginnings):
    """:class:`Beginnings` of the stored keys (``fetch(prefix)``) and of those the run adds."""

    def __init__(self, fetch: Callable, sep: str = ""):
        super().__init__(sep)
        self._asked = AskedSet(fetch)

    def __contains__(self, prefix: str) -> bool:
        return Beginnings.__contains__(self, prefix) or prefix in self._asked


class AskedAliasTable(AliasTable):
    """:class:`AliasTable` of every stored entity, asked of the index (``asker``:
    :class:`kb.index.lookups.Asker`) name key by name key."""

    def __init__(self, asker):
        super().__init__()
        self._asker = asker
        self._entities = Asked(asker.entity)
        self.fold = Asked(lambda f: asker.named(f, "fold") or None)
        # AliasTable keeps the skeletons of four letters or more
        self.skel = Asked(lambda s: (asker.named(s, "skel") or None) if len(s) >= 4 else None)
        self.lower_ok = AskedSet(self._lower_ok)
        self.first = AskedSet(lambda w: asker.begins(w, "fold", " "))
        self.first_skel = AskedSet(lambda s: asker.named(s, "fskel"))
        self.fold_starts = AskedStarts(lambda p: asker.begins(p, "fold", " "), " ")
        self.skel_starts = AskedStarts(lambda p: asker.begins(p, "skel", "", 4))
        self.max_words = min(asker.most_words(), 10)
        self.names = Asked(lambda eid: self._part(eid, 1))
        self.types = Asked(lambda eid: self._part(eid, 2))
        self.aliases = Asked(self._aliases)

    def _part(self, eid: str, i: int):
        got = self._entities.get(eid)
        return None if got is None else got[i]

    def _aliases(self, eid: str) -> set[str] | None:
        got = self._entities.get(eid)
        if got is None:
            return None
        return {a for a in dict.fromkeys([got[1], *got[3]]) if fold(a)}

    def _lower_ok(self, f: str) -> bool:
        """Whether a stored entity has an alias in lower case whose folded form is ``f``."""
        for eid in self.fold.get(f, ()):
            got = self._entities.get(eid)
            if got is not None and any(a == a.lower() and fold(a) == f for a in [got[1], *got[3]]):
                return True
        return False


def _all_starts(starts: Beginnings, keys) -> None:
    """``starts.add(key)`` of each key, at once: every beginning of each (up to
    :attr:`Beginnings.SHORT` characters, a whole number of units) into the set, a longer key
    kept whole too, as :meth:`Beginnings.add` keeps them."""
    short, sep, most = starts.short, starts.sep, starts.SHORT
    starts.long.extend(k for k in keys if len(k) > most)
    if not sep:
        short.update(k[:j] for k in keys for j in range(1, min(len(k), most) + 1))
        return
    for k in keys:
        j = len(k) if len(k) <= most else k.rfind(sep, 0, most + 1)
        while j > 0:
            short.add(k[:j])
            j = k.rfind(sep, 0, j)


class KeyedAliasTable(AliasTable):
    """:class:`AliasTable` of every stored entity, made from the name keys the index holds
    (``keys``: ``(how, key, entity id)`` of its ``fold``, ``skel`` and ``fskel`` rows, as
    :func:`kb.index.build.name_rows` computed them) rather than by folding and skeletonising
    every name again; ``entities``: ``(id, name, type, aliases)`` of each stored entity.

    Each lookup answers as :meth:`AliasTable.add` of every entity would have made it answer:
    a name's fold and skeleton are the index's keys of it (the same functions), the first
    word of a fold is read off the fold, and an entity's set of spellings, which only the
    entities the run meets are asked for, is made when first asked for.  ``first_log``
    holds each first word once: only what the run appends to it is read
    (:mod:`kb.ingest.mentions`)."""

    def __init__(self, entities, keys):
        super().__init__()
        fold_of, skel_of, first_skel = self.fold, self.skel, self.first_skel
        for how, key, eid in keys:
            if how == "fold":
                got = fold_of.get(key)
                if got is None:
                    fold_of[key] = {eid}
                else:
                    got.add(eid)
            elif how == "skel":
                if len(key) >= 4:
                    got = skel_of.get(key)
                    if got is None:
                        skel_of[key] = {eid}
                    else:
                        got.add(eid)
            elif how == "fskel":
                first_skel.add(key)
        firsts = [f.split(" ", 1)[0] for f in fold_of]
        self.first.update(firsts)
        self.first_log.extend(dict.fromkeys(firsts))
        _all_starts(self.fold_starts, fold_of)
        _all_starts(self.skel_starts, skel_of)
        if fold_of:
            self.max_words = max(self.max_words, min(max(f.count(" ") for f in fold_of) + 1, 10))
        self._stored: dict[str, tuple[str, list[str]]] = {}
        lower_ok = self.lower_ok
        for eid, name, etype, aliases in entities:
            self.names.setdefault(eid, name)
            self.types.setdefault(eid, etype)
            self._stored.setdefault(eid, (name, aliases))
            for a in (name, *aliases):
                if a == a.lower():
                    f = fold(a)
                    if f:
                        lower_ok.add(f)
        self.aliases = Asked(self._aliases)

    def _aliases(self, eid: str) -> set[str] | None:
        got = self._stored.get(eid)
        if got is None:
            return None
        return {a for a in dict.fromkeys([got[0], *got[1]]) if fold(a)}
