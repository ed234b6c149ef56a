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

from .registry import Rule, rules  # noqa: E402


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
        # each rule's prefixes, read from its syntax without compiling it
        found = [prefixes(f"(?:{r.pattern})", WIDTH, re.IGNORECASE) for r in table]
        self._dispatch = Dispatch([f[0] if f is not None else None for f in found])
        if any(f is None for f in found):
            self.where = None
        else:       # where any rule can begin: the union of theirs, after a word boundary, led by
            # the non-word character before the place (kb.dates.prefilter.places_after)
            self.where = compile_prefixes({s[:WHERE] for f in found for s in f[0]}, [_HEAD], after=True)
        self._compiled: list[re.Pattern | None] = [None] * len(table)
        self._by_key: dict[str, tuple] = {}
        # what each rule's matches must hold (kb.dates.needs): a rule is not tried in a text
        # that lacks one of its sets, e.g. "stamp" (a day and a clock time) where no ":", "am",
        # "noon"... is written, as in most texts that name days; read the first time a text
        # offers the rule (most processes never meet most rules)
        self._needs: list[tuple | None] = [None] * len(table)

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
        where = places_after(self.where, view) if self.where is not None else (
            m.start() for m in re.finditer(r"(?<!\w)\w", view))
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


@functools.cache
def scanner() -> Scanner:
    return Scanner(rules())
