"""Scanning running text with the rules of :mod:`kb.dates.registry`.

A prefilter (the first :data:`WHERE` characters of the prefixes of all rules
together, :mod:`kb.dates.prefilter`) finds the places where some rule can
begin; there, only the rules whose own prefixes match the text's next
:data:`WIDTH` characters are tried (:class:`kb.dates.prefilter.Dispatch`,
which compiles nothing), each with its own pattern, compiled once when a place
first asks for it, and the longest match wins (the rule written first on a
tie); a match its builder refuses gives way to the next longest.  The scan goes on after the match, so
matches never overlap; a place where nothing matches costs one prefilter step.
A rule tried :data:`MISSES` times in a text without a match is left out of the
rest of it when the text lacks what every match of the rule holds
(:mod:`kb.dates.needs`: the day-and-clock "stamp" needs a ":", "am", "noon"...).

The rules' prefixes are read from their syntax once: the tree and the prefilter made of
them are kept in kb's cache folder (:mod:`kb.dates.prefixcache`), read back in ~0.02 s
where deriving them takes ~0.35 s, and the prefilter is compiled only once the texts of a
process pass :data:`DIRECT_UPTO` characters (a short text is tried at every place after a
non-word character, which finds the same places' rules).

The prefixes read a letter ignoring case as that letter in either case ("[sS]"),
which ``re.IGNORECASE`` also matches to four letters outside ASCII (ſ, K, İ, ı:
:data:`kb.dates.folds.FOLDS_TO_ASCII`); a text holding one is looked at
through a copy with each made the ASCII letter it folds to (:data:`FOLD`, one
character for one, so places and offsets stay); the rules' own patterns still
run on the text as it is, and the words their groups hand to the builders are
read folded, as the patterns read them ("ſpring" is the season "spring").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Callable, Iterator

from .folds import FOLD, FOLDS_TO_ASCII
from .lazy import lazy
from .needs import needs
from .prefilter import Dispatch, compile_prefixes, places_after, prefixes

WIDTH = 6    # characters of a place that choose its rules: "the th" leaves only the rules of "the third..."
#: characters deep of the prefilter that finds the places: a place its first ones admit
#: is passed over by a dictionary lookup of its :data:`WIDTH` characters when no rule can
#: start there, and the prefilter of 6 would cost ~0.3 s to compile against ~0.05 s
WHERE = 4
#: tries without a match after which a rule is asked whether the text holds what it needs:
#: reading a rule's needs costs ~1 ms a rule, a try a few µs (a lower count read the needs of
#: 30-45 rules on 300 KB of news, ~30 ms, for nothing); a text that offers a rule's start
#: this often and never fills the rest ('June 1, 1970' for the day-and-clock "stamp")
#: is spared the rest of its tries
MISSES = 1024

#: characters of the texts a process scans before the prefilter is compiled (~0.02 s): a short
#: text (a line with a weekday in it) is scanned at every place after a non-word character,
#: each place's rules a dictionary lookup away (tests/test_dates_speed_h2s10.py)
DIRECT_UPTO = 8_000

from .registry import Rule, rules  # noqa: E402

_AFTER_NON_WORD = lazy(r"(?<!\w)")


_HEAD = r"(?<![\w])"
_TAIL = r"(?![\w])"


@dataclass(frozen=True)
class Hit:
    rule: Rule
    start: int
    end: int
    groups: dict          # the rule's own group names -> text (groups that took part)
    match: re.Match


class Scanner:
    def __init__(self, table: tuple[Rule, ...]):
        self.rules = table
        # which rules can start at a place (a tree of each rule's prefixes, read from its syntax
        # without compiling it) and where any can (the prefilter): derived from the rules
        # (~0.35 s for all of them), or read from kb's cache folder where a process derived
        # them before (~0.02 s, kb.dates.prefixcache)
        from .prefixcache import kept

        self._sources = sources = tuple(f"(?:{r.pattern})" for r in table)
        got = kept(("registry-scanner", str(WIDTH), str(WHERE), _HEAD, *sources), lambda: _derive(sources), _valid)
        try:
            self._dispatch = Dispatch.load(got["tree"], len(table))
        except (LookupError, TypeError, ValueError, AttributeError):
            got = _derive(sources)      # a file that holds something else than it should
            self._dispatch = Dispatch.load(got["tree"], len(table))
        self._where_source = got["where"]
        if got["where"] is None:
            self.where = None           # a rule can begin anywhere: every word's start is tried
        self._direct = 0                # characters scanned without the prefilter (DIRECT_UPTO)
        self._compiled: list[re.Pattern | None] = [None] * len(table)
        self._by_key: dict[str, tuple] = {}
        # what each rule's matches must hold (kb.dates.needs): a rule is not tried in a text
        # that lacks one of its sets, e.g. "stamp" (a day and a clock time) where no ":", "am",
        # "noon"... is written, as in most texts that name days; kept with the tree (reading
        # them from a rule's syntax costs ~3 ms a rule), else read the first time a text
        # offers the rule (most processes never meet most rules)
        kept_needs = got.get("needs")
        self._needs: list[tuple | None] = [None] * len(table)
        if isinstance(kept_needs, list) and len(kept_needs) == len(table):
            self._needs = [tuple(frozenset(each) for each in sets) for sets in kept_needs]

    @functools.cached_property
    def where(self) -> re.Pattern | None:
        """Where any rule can begin (:func:`_derive`), compiled when a text first needs it
        (~0.02 s): the texts a process scans pass :data:`DIRECT_UPTO` characters."""
        try:
            return re.compile(self._where_source)
        except re.error:        # a cache file that holds something else than it should
            source = _derive(self._sources)["where"]
            return re.compile(source) if source is not None else None

    def _places(self, view: str) -> Iterator[int]:
        """Where a rule can begin in ``view``: where :attr:`where` says, or for the first
        :data:`DIRECT_UPTO` characters a process scans, every place after a character that
        is no word character (and the text's start), the places :attr:`where` may pass (it
        is led by such a character, and looks for what a rule's prefixes begin with, which
        :meth:`candidates` asks again: a place it would pass has no rule)."""
        if "where" in self.__dict__ or self._direct + len(view) > DIRECT_UPTO:
            where = self.where
            if where is None:
                return (m.start() for m in re.finditer(r"(?<!\w)\w", view))
            return places_after(where, view)
        self._direct += len(view)
        return map(re.Match.start, _AFTER_NON_WORD.finditer(view))

    def candidates(self, key: str) -> tuple:
        """The rules (indices, in rule order) that can start at a place starting with ``key``,
        with the ``match`` of each: the rule's own pattern, compiled the first time a place
        asks for it (never a pattern of several rules, which would compile each rule
        again in every set of rules that places select)."""
        got = self._by_key.get(key)
        if got is None:
            which = self._dispatch.which(key)
            got = self._by_key[key] = tuple((i, self._pattern(i).match) for i in which)
        return got

    def _pattern(self, i: int) -> re.Pattern:
        got = self._compiled[i]
        if got is None:
            got = self._compiled[i] = re.compile(f"{_HEAD}(?:{self.rules[i].pattern}){_TAIL}", re.IGNORECASE)
        return got

    def finditer(self, text: str, accept: Callable[[Hit], bool] | None = None) -> Iterator[Hit]:
        """The hits in ``text``, in order, none overlapping.  With ``accept``, a hit it
        refuses (a builder that finds the words are no date after all) gives way to
        the next longest rule at the same place, then to later places inside it."""
        # the places and their rules are found in ``view``: the text, or where it holds a letter
        # that folds to ASCII (rare), a copy with those letters made ASCII (the prefixes' "[sS]"
        # misses the "ſ" of "ſept. 1988", which the rules' patterns read as "s")
        view = text.translate(FOLD) if any(c in text for c in FOLDS_TO_ASCII) else text
        where = self._places(view)
        candidates, by_key, end = self.candidates, self._by_key, 0
        # a rule tried MISSES times in this text without a match is asked what it needs
        # (kb.dates.needs); if the text lacks it, the rule is tried no more in this text
        # (``by_key`` becomes this text's own, less the rules left out)
        fits, misses, out = self._fits(view), [0] * len(self.rules), set()
        for at in where:
            if at < end:
                continue
            key = view[at:at + WIDTH]
            tried = by_key.get(key)
            if tried is None:
                tried = candidates(key)
                if out:
                    tried = by_key[key] = tuple(c for c in tried if c[0] not in out)
            if not tried:
                continue
            found = []
            for k, (i, match) in enumerate(tried):
                m = match(text, at)
                if m is not None and (e := m.end()) > at:
                    found.append((e, -k, i, m))
                else:
                    misses[i] += 1
                    if misses[i] == MISSES and not fits(i):
                        out.add(i)
                        by_key = {}
            if len(found) > 1:      # the longest first, the rule written first on a tie
                found.sort(key=lambda f: (f[0], f[1]), reverse=True)
            for e, _k, i, m in found:
                rule = self.rules[i]
                groups = {own: v for g, own in rule.groups.items() if (v := m.group(g)) is not None}
                if view is not text:        # the builders read the words as the pattern did: "ſpring" is "spring"
                    groups = {own: v.translate(FOLD) for own, v in groups.items()}
                hit = Hit(rule, at, e, groups, m)
                if accept is None or accept(hit):
                    end = e
                    yield hit
                    break

    def _fits(self, view: str) -> Callable[[int], bool]:
        """Whether rule ``i`` can match in ``view``: it holds a string of each of the
        rule's needs (its needs read once a process, the text lowered once)."""
        known: dict[int, bool] = {}
        low: list[str] = []

        def fits(i: int) -> bool:
            got = known.get(i)
            if got is None:
                sets = self._needs[i]
                if sets is None:
                    sets = self._needs[i] = needs(f"(?:{self.rules[i].pattern})", re.IGNORECASE)
                if not sets:
                    got = True
                else:
                    if not low:
                        low.append(view.lower())
                    got = all(any(x in low[0] for x in each) for each in sets)
                known[i] = got
            return got
        return fits


def _derive(sources: tuple[str, ...]) -> dict:
    """The tree of the rules' prefixes (:meth:`Dispatch.dump`) and the source of the
    prefilter, read from the rules' syntax: the union of their first :data:`WHERE`
    characters, after a word boundary, led by the non-word character before the place
    (:func:`kb.dates.prefilter.places_after`); None where a rule can begin anywhere."""
    found = [prefixes(s, WIDTH, re.IGNORECASE) for s in sources]
    dispatch = Dispatch([f[0] if f is not None else None for f in found])
    where = None
    if not any(f is None for f in found):
        where = compile_prefixes({s[:WHERE] for f in found for s in f[0]}, [_HEAD], after=True).pattern
    return {"tree": dispatch.dump(), "where": where,
            "needs": [[sorted(each) for each in needs(s, re.IGNORECASE)] for s in sources]}


def _valid(data: dict) -> bool:
    tree = data.get("tree")
    sets = data.get("needs")
    return isinstance(tree, dict) and isinstance(tree.get("root"), list) and isinstance(tree.get("always"), list) \
        and (data.get("where") is None or isinstance(data.get("where"), str)) and isinstance(sets, list) \
        and all(isinstance(rule, list) and all(isinstance(each, list) and all(isinstance(x, str) for x in each)
                                               for each in rule) for rule in sets)


@functools.cache
def scanner() -> Scanner:
    return Scanner(rules())
