"""Scanning running text with the rules of :mod:`kb.dates.registry`.

Every rule is compiled on its own, with word boundaries around it.  A
prefilter (:func:`kb.dates.prefilter.starts` of all rules together) finds the
places where some rule can begin; there, only the rules whose own first
letters match the text's next letters are tried, and the longest match wins
(the rule written first on a tie).  The scan goes on after the match, so
matches never overlap; a place where nothing matches costs one prefilter step.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterator

from .prefilter import WIDTH, starts
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
        self.compiled = [re.compile(f"{_HEAD}(?:{r.pattern}){_TAIL}", re.IGNORECASE) for r in table]
        whole = re.compile(f"{_HEAD}(?:" + "|".join(f"(?:{r.pattern})" for r in table) + f"){_TAIL}",
                           re.IGNORECASE)
        self.where = starts(whole)
        self.firsts = [starts(re.compile(f"(?:{r.pattern})", re.IGNORECASE), guards=False) for r in table]
        self._by_key: dict[str, tuple[int, ...]] = {}

    def _candidates(self, key: str) -> tuple[int, ...]:
        got = self._by_key.get(key)
        if got is None:
            got = self._by_key[key] = tuple(i for i, f in enumerate(self.firsts) if f is None or f.match(key))
        return got

    def finditer(self, text: str) -> Iterator[Hit]:
        where = self.where.finditer(text) if self.where is not None else (
            m for m in re.finditer(r"(?<!\w)\w", text))
        end = 0
        compiled = self.compiled
        for cand in where:
            at = cand.start()
            if at < end:
                continue
            best, best_i = None, -1
            for i in self._candidates(text[at:at + WIDTH]):
                m = compiled[i].match(text, at)
                if m is not None and (best is None or m.end() > best.end()):
                    best, best_i = m, i
            if best is None or best.end() == at:
                continue
            rule = self.rules[best_i]
            groups = {own: v for g, own in rule.groups.items() if (v := best.group(g)) is not None}
            end = best.end()
            yield Hit(rule, at, end, groups, best)


@functools.cache
def scanner() -> Scanner:
    return Scanner(rules())
