"""Attribution: whose figure a sentence says it is (:func:`_attribution`), and the clause around a figure.

The figure finder (:mod:`kb.ingest.figures`) asks, for each figure it keeps, the
words that attribute it ("according to Amnesty International", "officials said",
"in his memoirs", "based on the MEK's information"): the nearest attribution of the
figure's clause, else of its sentence, the nearest before it, else the nearest after.
A clause ends at :data:`_CLAUSE_END`; a clause or sentence is looked for at most
:data:`REACH` characters from its figure.
"""

from __future__ import annotations

import re

from ..dates.lazy import lazy

# "[.;:!?]\s|[.;:!?]$|\n" begun with a set of characters (the engine's own loop finds those)
_CLAUSE_END = lazy(r"[.;:!?\n](?:(?<=\n)|\s|$)")

_ATTRIBUTION = [
    lazy(r"\baccording\s+to\s+(?:the\s+)?[^,.;:()]{2,60}", re.IGNORECASE),
    lazy(r"\b(?:based\s+on|citing|per)\s+(?:the\s+)?[^,.;:()]{2,50}?(?:’s|'s)?\s+"
         r"(?:information|figures?|data|count|tally|estimates?|reports?|records)", re.IGNORECASE),
    lazy(r"\bin\s+(?:his|her|their|its)\s+(?:memoirs?|report|book|diary|account|statement|testimony)",
         re.IGNORECASE),
    lazy(r"(?:\b(?:officials|authorities|the\s+government|activists|organi[sz]ers|witnesses|"
         r"(?:human\s+)?rights\s+groups|police|the\s+[a-z]+(?:\s+[a-z]+)?)"
         r"|(?:[A-Z][\w’'.-]+\s+){0,3}[A-Z][\w’'.-]+)\s+(?:said|say|says|reported|reports|estimated|"
         r"estimates|claimed|claims|stated|announced|put\s+the\s+(?:toll|figure|number)|counted|"
         r"recorded|confirmed|acknowledged|told)\b"),
]


# How far from a figure its clause and sentence are looked for: a figure's words are near
# it, and a text without punctuation (a 1 MB line) costs linear time, not quadratic.
REACH = 600


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max((m.end() for m in _CLAUSE_END.finditer(text, max(0, start - 300), start)), default=max(0, start - 300))
    limit = min(len(text), end + REACH)
    m = _CLAUSE_END.search(text, end, limit)
    return lo, (m.start() if m else limit)


def _attribution(text: str, start: int, end: int) -> str:
    """Whose figure: an attribution of the figure's clause (the nearest), else of its
    sentence, the nearest before it, else the nearest after it."""
    lo = max((m.end() for m in re.finditer(r"[.!?]\s|\n", text[max(0, start - 400):start])), default=0)
    lo += max(0, start - 400)
    m = re.search(r"[.!?](?:\s|$)|\n", text[end:end + REACH])
    hi = end + m.start() if m else min(len(text), end + REACH)
    clo, chi = _clause(text, start, end)
    clo = max(clo, max((k.end() for k in re.finditer(r",\s+(?:while|whereas|but)\b", text[clo:start])),
                       default=0) + clo)
    best, rank = "", None
    for pat in _ATTRIBUTION:
        for a in pat.finditer(text, lo, hi):
            if a.start() <= start < a.end():
                continue
            before = a.end() <= start
            d = start - a.end() if before else a.start() - end
            r = (not (clo <= a.start() and a.end() <= chi), not before, d)
            if rank is None or r < rank:
                best, rank = " ".join(a.group(0).split()), r
    return best
