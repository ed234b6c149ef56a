"""The table of known aliases and the walk that finds the longest one in a sentence.

:class:`AliasTable` holds every alias of every entity under its name keys (the folded
form, the transliteration skeleton; :mod:`kb.names`), with :class:`Beginnings` of both,
and grows as new names are found; :func:`longest_alias` finds the longest run of a
sentence's words, from a given word, that is a known alias, folding runs as they grow
(:class:`PhraseKeys`) and stopping once no longer run can match.  The name finder
(:mod:`kb.ingest.mentions`) uses them; :mod:`kb.ingest.entities` re-exports them.
"""

from __future__ import annotations

import functools
import re

from .. import names as namekeys
from ..names.marks import unmarked
from ..names.normalize import _ASCII_FOLD, _JOINERS, _NON_WORD


class Beginnings:
    """What a set of keys begins with: every prefix of each key that ends where a
    ``unit`` ends (a word when ``sep`` is a space, else a letter).  Prefixes of up to
    :attr:`SHORT` characters are kept in a set; a longer key, rare, is also kept
    whole and searched."""

    SHORT = 64

    def __init__(self, sep: str = ""):
        self.sep = sep
        self.short: set[str] = {""}
        self.long: list[str] = []

    def add(self, key: str) -> None:
        # Longest prefix first, stopping at the first one already kept: every shorter
        # prefix of a kept prefix is kept too, so a table of n keys costs about n set
        # insertions, not n times the length of a key.
        if len(key) > self.SHORT:
            self.long.append(key)
        short, sep = self.short, self.sep
        if not sep:
            j = min(len(key), self.SHORT)
            while j > 0 and key[:j] not in short:
                short.add(key[:j])
                j -= 1
            return
        j = len(key) if len(key) <= self.SHORT else key.rfind(sep, 0, self.SHORT + 1)
        while j > 0 and key[:j] not in short:
            short.add(key[:j])
            j = key.rfind(sep, 0, j)

    def __contains__(self, prefix: str) -> bool:
        """Does some key begin with ``prefix`` (a whole number of units)?"""
        if len(prefix) <= self.SHORT:
            return prefix in self.short
        return any(k.startswith(prefix) and (not self.sep or len(k) == len(prefix) or k[len(prefix)] == self.sep)
                   for k in self.long)


class AliasTable:
    """Every alias of every entity under its name keys; grows as new names are found.

    ``version`` counts the calls of :meth:`add` (the only way the table grows): while it
    stands still, the name finder reads the same table (:mod:`kb.ingest.repeats`)."""

    version = 0
    _digit_free: bool | None = None     # no folded alias holds a digit 0-9 (None: not known yet)

    def __init__(self, entities: list[dict] = ()):
        self.fold: dict[str, set[str]] = {}
        self.skel: dict[str, set[str]] = {}
        self.lower_ok: set[str] = set()
        self.first: set[str] = set()
        self.first_skel: set[str] = set()
        self.first_log: list[str] = []          # the first words added, in order (with repeats)
        self.max_words = 1
        self.names: dict[str, str] = {}
        self.types: dict[str, str] = {}
        self.aliases: dict[str, set[str]] = {}
        self._next_n: dict[str, int] = {}
        self.fold_starts = Beginnings(" ")      # the words a folded alias begins with
        self.skel_starts = Beginnings()         # the letters a skeleton begins with
        for e in entities:
            if e.get("id"):
                self.add(e["id"], e.get("name", e["id"]), e.get("aliases", []), e.get("type", "other"))

    def add(self, eid: str, name: str, aliases=(), etype: str = "other") -> None:
        self.version += 1
        self.names.setdefault(eid, name)
        self.types.setdefault(eid, etype)
        known = self.aliases.setdefault(eid, set())
        for alias in dict.fromkeys([name, *aliases]):
            if alias in known:
                continue
            f = fold(alias)
            if not f:
                continue
            s = skeleton_of_fold(f)
            if self._digit_free and _DIGIT.search(f):
                self._digit_free = False
            known.add(alias)
            self.fold.setdefault(f, set()).add(eid)
            self.fold_starts.add(f)
            if len(s) >= 4:
                self.skel.setdefault(s, set()).add(eid)
                self.skel_starts.add(s)
            if alias == alias.lower():
                self.lower_ok.add(f)
            ws = f.split()
            self.first.add(ws[0])
            self.first_skel.add(skeleton_of_fold(ws[0]))
            self.first_log.append(ws[0])
            self.max_words = max(self.max_words, min(len(ws), 10))

    def digit_free(self) -> bool:
        """Whether no alias of the table holds a digit 0-9 in its folded form (then none holds
        one in its skeleton either: a skeleton keeps a fold's digits, and makes none).  Read
        from the folded forms once (one search of them joined), then kept by :meth:`add`; a
        table whose folded forms are not a dict (asked of the index) cannot tell: False."""
        if self._digit_free is None:
            self._digit_free = type(self.fold) is dict and _DIGIT.search("\n".join(self.fold)) is None
        return self._digit_free

    def new_id(self, name: str) -> str:
        """``slug``, else ``slug-2``, ``slug-3``...: the first that is free.  Ids are never
        freed, so the search for a slug goes on from where its last one stopped (many
        names with one slug cost linear time, not quadratic)."""
        base = namekeys.slugify(name)
        n = self._next_n.get(base, 1)
        eid = base if n == 1 else f"{base}-{n}"
        while eid in self.names:
            n += 1
            eid = f"{base}-{n}"
        self._next_n[base] = n
        return eid

    def lookup(self, text: str, capitalised: bool) -> set[str]:
        return self.lookup_fold(fold(text), capitalised)

    def lookup_fold(self, f: str, capitalised: bool) -> set[str]:
        """:meth:`lookup` of a text whose folded form ``f`` is known: the skeleton is
        made (from the fold, which has the same one) only when the fold finds nothing."""
        ids = self.fold.get(f)
        if ids and (capitalised or f in self.lower_ok):
            return ids
        if capitalised:
            s = skeleton_of_fold(f)
            if len(s) >= 4:
                return self.skel.get(s, set())
        return set()


def name_keys(entities) -> list[tuple[str, str, str]]:
    """The ``(how, key, entity id)`` rows of each name of ``entities`` (``(id, name, type,
    aliases)`` each), as :meth:`AliasTable.add` computes them: ``fold``, ``skel`` (the fold's
    skeleton) and ``fskel`` (its first word's), for
    :class:`kb.ingest.asked.KeyedAliasTable` to build the same table at once."""
    out: list[tuple[str, str, str]] = []
    app, fold_, skel = out.append, fold, skeleton_of_fold
    for eid, name, _type, aliases in entities:
        for alias in dict.fromkeys([name, *aliases]):
            f = fold_(alias)
            if f:
                app(("fold", f, eid))
                app(("skel", skel(f), eid))
                app(("fskel", skel(f.split(" ", 1)[0]), eid))
    return out


# Name keys of the words and phrases of a text, computed once per distinct string.  The
# keys are pure functions of the string; a text repeats its words, so the caches keep
# extraction linear with a small constant.  fold() is idempotent, so the skeleton of a
# text is the skeleton of its fold.
fold = functools.lru_cache(maxsize=1 << 16)(namekeys.fold)
skeleton_of_fold = functools.lru_cache(maxsize=1 << 16)(namekeys.skeleton_of_fold)


@functools.lru_cache(maxsize=1 << 16)
def _piece(text: str) -> tuple[str, bool]:
    """A piece of a phrase (a word, or the space between two) with its letters mapped as
    :func:`kb.names.fold` maps them, spaces not yet collapsed, and whether it holds a
    capital.  fold() maps each character on its own (accents and marks dropped, lower case,
    joiners removed, any other non-letter a space), so the fold of a phrase is its
    pieces' mappings joined, with the spaces collapsed."""
    mapped = _NON_WORD.sub(" ", _JOINERS.sub("", unmarked(namekeys.strip_accents(text).lower())))
    return mapped, any(c.isupper() for c in text)


class PhraseKeys:
    """The folded forms of the runs of words of one sentence, from their words' folds.

    ``toks`` are the ``(start, end)`` offsets of the words in ``seg``, in order.
    :meth:`folds` gives, for a run that starts at word ``i`` and ends at each of
    ``ends`` in turn, ``(fold(seg[toks[i][0]:end]), capitalised)``: the same as
    folding each phrase itself, at the cost of joining a few pieces, each mapped
    once."""

    def __init__(self, seg: str, toks):
        self.seg, self.toks = seg, toks
        self._pieces: dict[tuple[int, int], tuple[str, bool]] = {}
        # an ASCII sentence (most) is folded phrase by phrase in C (:func:`_ascii_walk`)
        self.ascii = seg.isascii()
        self._marked: str | None = None
        self.joined = False

    def marked(self) -> str:
        """The ASCII sentence lower-cased and mapped as :func:`kb.names.fold` maps each
        character, but a joiner (dropped by fold) made a NUL: a run's slice of it, NULs
        removed and spaces collapsed, is the run's fold (``joined``: it holds a NUL)."""
        if self._marked is None:
            self._marked = self.seg.encode("ascii").translate(_ASCII_MARK_B).decode("ascii")
            self.joined = "\0" in self._marked
        return self._marked

    def _whole(self, p: int, q: int) -> tuple[str, bool]:
        got = self._pieces.get((p, q))
        if got is None:
            got = self._pieces[p, q] = _piece(self.seg[p:q])
        return got

    def folds(self, i: int, ends):
        """``(fold, capitalised)`` of ``seg[toks[i][0]:end]`` for each of ``ends`` (which
        must not decrease), computed as the ends are asked for."""
        toks = self.toks
        spans = []          # the pieces in order: word i, then gap and word for each next
        full: list[str] = []
        cap = False
        k, nxt = i, 0
        for end in ends:
            while True:
                if nxt == len(spans):
                    if k >= len(toks):
                        break
                    if k > i:
                        spans.append((toks[k - 1][1], toks[k][0]))
                    spans.append(toks[k])
                    k += 1
                    continue
                p, q = spans[nxt]
                if q > end:
                    break
                mapped, upper = self._whole(p, q)
                full.append(mapped)
                cap = cap or upper
                nxt += 1
            part, part_cap = "", False
            if nxt < len(spans) and spans[nxt][0] < end:
                part, part_cap = _piece(self.seg[spans[nxt][0]:end])
            yield " ".join(("".join(full) + part).split()), cap or part_cap


def longest_alias(table: AliasTable, keys: PhraseKeys, seg: str, toks, i: int):
    """The longest run of words from word ``i`` (at most ``max_words + 2``) that is a
    known alias, as ``(words, ids, phrase)``, or None.

    The same answer as looking every run up with :meth:`AliasTable.lookup`, longest
    first, but cheaper: runs are folded growing (:class:`PhraseKeys`), and growing
    stops once no longer run can match (nor a skeleton be asked for, without a
    capital letter ahead).  A longer run's folded form keeps this one's
    words but the last (which may grow), and its skeleton keeps this one's letters but
    the last: so when no alias begins with those, none can match a longer run.  (The
    skeleton's rules rewrite a letter with the one after it at most: the letters
    before the last keep what they were; see ``tests/test_names_h3_walk.py``.)"""
    a = toks[i][0]
    most = min(table.max_words + 2, len(toks) - i)
    if keys.ascii:
        return _ascii_walk(table, keys, seg, toks, i, most)
    # skeletons are looked up for capitalised runs only: none without a capital ahead
    ahead = seg[a:toks[i + most - 1][1]]
    phrases: list[str] = []

    def ends():
        for k in range(i, i + most):
            # the run without its trailing dots and possessive (_POSSESSIVE: the run ends
            # with a word character, so its "$" is the run's end)
            p = seg[a:toks[k][1]].rstrip(".")
            if p.endswith(("'s", "’s")):
                p = p[:-2]
            phrases.append(p)
            yield a + len(p)

    hit = None
    fold_get, lower_ok, skel = table.fold.get, table.lower_ok, table.skel
    fold_starts, skel_starts = table.fold_starts, table.skel_starts
    by_skeleton = any(c.isupper() for c in ahead)
    for f, cap in keys.folds(i, ends()):
        ids = fold_get(f)
        s = None
        if ids and (cap or f in lower_ok):
            hit = (len(phrases), ids, phrases[-1])
        elif cap and by_skeleton:
            s = skeleton_of_fold(f)
            if len(s) >= 4 and skel.get(s):
                hit = (len(phrases), skel[s], phrases[-1])
        by_fold = f.rpartition(" ")[0] in fold_starts
        # the skeletons' test holds for a run in lower case as well; it is made there only
        # when it decides (no alias begins with the folded words), as a skeleton costs
        if by_skeleton and (cap or not by_fold):
            by_skeleton = (s if s is not None else skeleton_of_fold(f))[:-1] in skel_starts
        if not (by_fold or by_skeleton):
            break
    return hit


def _ascii_walk(table: AliasTable, keys: PhraseKeys, seg: str, toks, i: int, most: int):
    """:func:`longest_alias` in an ASCII sentence: a run's fold is a slice of the sentence
    mapped once (:meth:`PhraseKeys.marked`), spaces collapsed; it holds a capital when the
    first capital from its start (one search a walk) lies inside it.  The same walk, the
    same tests in the same order."""
    a = toks[i][0]
    hit = None
    fold_get, lower_ok, skel = table.fold.get, table.lower_ok, table.skel
    fold_starts, skel_starts = table.fold_starts, table.skel_starts
    # a short prefix is looked up in the set of a plain Beginnings itself (a subclass may
    # answer otherwise: kb.ingest.asked asks the index)
    most_short = Beginnings.SHORT if type(fold_starts) is Beginnings is type(skel_starts) else -1
    short, skel_short = fold_starts.short, skel_starts.short
    marked = keys.marked()
    joined = keys.joined
    m = _CAPITAL.search(seg, a)
    up = m.start() if m else len(seg)
    # skeletons are looked up for capitalised runs only: none without a capital ahead
    by_skeleton = up < toks[i + most - 1][1]
    for k in range(i, i + most):
        # the run without its trailing dot and possessive (as in longest_alias: a word
        # ends with a word character or one dot)
        e = toks[k][1]
        if seg[e - 1] == ".":
            e -= 1
        if e - 2 >= a and seg[e - 2:e] == "'s":
            e -= 2
        f = marked[a:e]
        f = " ".join((f.replace("\0", "") if joined else f).split())
        cap = up < e
        ids = fold_get(f)
        s = None
        if ids and (cap or f in lower_ok):
            hit = (k - i + 1, ids, seg[a:e])
        elif cap and by_skeleton:
            s = skeleton_of_fold(f)
            if len(s) >= 4 and skel.get(s):
                hit = (k - i + 1, skel[s], seg[a:e])
        pre = f.rpartition(" ")[0]
        by_fold = pre in short if len(pre) <= most_short else pre in fold_starts
        if by_skeleton and (cap or not by_fold):
            pre = (s if s is not None else skeleton_of_fold(f))[:-1]
            by_skeleton = pre in skel_short if len(pre) <= most_short else pre in skel_starts
        if not (by_fold or by_skeleton):
            break
    return hit


_CAPITAL = re.compile("[A-Z]")
_DIGIT = re.compile("[0-9]")
_ASCII_MARK = {c: ("\0" if v is None else v) for c, v in _ASCII_FOLD.items()}
# the same map after lower case, as a table of bytes (an ASCII sentence is mapped by one C loop)
_ASCII_MARK_B = bytes(ord(_ASCII_MARK[ord(chr(c).lower())]) for c in range(128)) + bytes(range(128, 256))
