"""Scanning running text with the rules of :mod:`kb.dates.registry`.

A prefilter (:func:`kb.dates.prefilter.starts` of all rules together) finds
the places where some rule can begin; there, only the rules whose own first
letters match the text's next letters are tried, all in one call of one
pattern (each rule an optional lookahead that captures its match; compiled
once for each set of rules a place's letters select), and the longest match
wins (the rule written first on a tie); a match its builder refuses gives way to
the next longest.  The scan goes on after the match, so
matches never overlap; a place where nothing matches costs one prefilter step.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Callable, Iterator

from .prefilter import compile_prefixes, prefixes

WIDTH = 6    # characters of a place that choose its rules: "the th" leaves only the rules of "the third..."
from .registry import Rule, rules

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
        found = [prefixes(re.compile(f"(?:{r.pattern})", re.IGNORECASE), WIDTH) for r in table]
        self.firsts = [compile_prefixes(f[0]) if f is not None else None for f in found]
        if any(f is None for f in found):
            self.where = None
        else:       # where any rule can begin: the union of theirs, after a word boundary
            self.where = compile_prefixes(set().union(*(f[0] for f in found)), [_HEAD])
        self._by_key: dict[str, tuple] = {}
        self._by_set: dict[tuple, tuple] = {}

    def _candidates(self, key: str):
        """(rule indices, their pattern of optional lookaheads) for a place starting with ``key``."""
        got = self._by_key.get(key)
        if got is None:
            which = tuple(i for i, f in enumerate(self.firsts) if f is None or f.match(key))
            got = self._by_set.get(which)
            if got is None:
                body = "".join(f"(?:(?=(?P<r{i}>{_HEAD}(?:{self.rules[i].pattern}){_TAIL})))?" for i in which)
                got = self._by_set[which] = (which, re.compile(body, re.IGNORECASE) if which else None)
            self._by_key[key] = got
        return got

    def finditer(self, text: str, accept: Callable[[Hit], bool] | None = None) -> Iterator[Hit]:
        """The hits in ``text``, in order, none overlapping.  With ``accept``, a hit it
        refuses (a builder that finds the words are no date after all) gives way to
        the next longest rule at the same place, then to later places inside it."""
        where = self.where.finditer(text) if self.where is not None else (
            m for m in re.finditer(r"(?<!\w)\w", text))
        end = 0
        for cand in where:
            at = cand.start()
            if at < end:
                continue
            which, multi = self._candidates(text[at:at + WIDTH])
            if multi is None:
                continue
            m = multi.match(text, at)
            found = [(e, -k, i) for k, i in enumerate(which) if (e := m.end(f"r{i}")) > at]
            for e, _k, i in sorted(found, reverse=True):
                rule = self.rules[i]
                hit = Hit(rule, at, e, {own: v for g, own in rule.groups.items() if (v := m.group(g)) is not None}, m)
                if accept is None or accept(hit):
                    end = e
                    yield hit
                    break


@functools.cache
def scanner() -> Scanner:
    return Scanner(rules())
