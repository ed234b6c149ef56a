"""Whether a group of compared claims disagrees, voice against voice, without comparing
every claim with every other voice's every claim.

:func:`kb.model.claims.against` says when one claim is contradicted: by a claim of
its own voice when both name their subject, or by a claim ``v`` of another voice
when the claim contradicts every claim of ``v``'s voice and ``v`` every claim of
the claim's voice.  A group disagrees when some claim of it is contradicted.
Asked of each claim in turn that costs, in a group of ``n`` claims, ``n`` times
``n`` comparisons times the size of a voice: a record of two thousand claims of one
measure took three minutes to index.  :func:`sources_differ` answers the same
question from values computed once a claim (:mod:`kb.model.claims` hands them
over: a figure's ``(unit, low, high)``, a date's ``(start, end)``, or the
folded words of a claim with neither):

* within a voice, two claims that name their subject contradict each other when
  two of their ranges (of one unit) do not overlap: the lowest high end lies below
  the highest low end; words, when two differ;
* across voices ``A`` and ``B``: some claim of ``A`` meets no claim of ``B`` and some
  claim of ``B`` none of ``A``.  Whether one claim meets none of a voice is one
  binary search in that voice's ranges sorted by their low end (the highest high
  end among those that begin at or below the claim's high end lies below its low
  end); voices that give the same values are one voice here (neither can
  contradict the other); a voice with figures of two units contradicts no other
  voice (some claim of it is of another unit than the other voice's, and figures
  of two units are never compared); and when every range of a unit shares a point
  with every other, no two voices can differ at all.

Two dates that both lie within a third claim of the group, a stretch of more than a
month (:func:`kb.model.claims._within`), do not contradict each other: where
the group has such stretches, a date that does not name its subject is compared
with each claim of the other voice in turn.
"""

from __future__ import annotations

from bisect import bisect_right

#: a claim's value here: ``(unit, low, high)`` for a figure, ``("", start, end)`` for a date
#: (ISO days compare as strings), ``(key,)`` for words
Value = tuple


def sources_differ(voices: list, named: list[bool], kind: str, values: list[Value],
                   stretches: list[tuple[int, str, str]] = ()) -> bool:
    """Whether some claim of a group is contradicted (see the module docstring).

    ``voices[i]``, ``named[i]`` (it names its subject) and ``values[i]`` describe claim
    ``i``; ``kind`` is ``figure``, ``date`` or ``words``; ``stretches``: for a group of dates,
    ``(i, start, end)`` of each claim that spans more than a month as a range or a season."""
    if len(values) == 2:  # the most common group: two claims, one comparison
        return _contradict(values[0], values[1], kind) and (voices[0] != voices[1] or named[0] and named[1])
    by_voice: dict = {}
    for i, v in enumerate(voices):
        by_voice.setdefault(v, []).append(i)
    for members in by_voice.values():
        if _pair_within([values[i] for i in members if named[i]], kind):
            return True
    if len(by_voice) < 2:
        return False
    groups = _Voices(by_voice, named, kind, values, stretches)
    return groups.differ()


def _contradict(a: Value, b: Value, kind: str) -> bool:
    """Whether two claims contradict each other, where no third claim is a stretch both lie in."""
    if kind == "words":
        return a != b
    return a[0] == b[0] and (a[2] < b[1] or b[2] < a[1])


def _pair_within(vals: list[Value], kind: str) -> bool:
    """Whether two of these values (claims of one voice that name their subject) contradict."""
    if len(vals) < 2:
        return False
    if kind == "words":
        return len(set(vals)) > 1
    lows: dict = {}
    highs: dict = {}
    for unit, lo, hi in vals:
        if unit not in lows or hi < lows[unit]:
            lows[unit] = hi
        if unit not in highs or lo > highs[unit]:
            highs[unit] = lo
    return any(lows[u] < highs[u] for u in lows)


class _Voices:
    """The voices of one group, each with its values sorted for the test that a claim
    meets none of them."""

    def __init__(self, by_voice: dict, named: list[bool], kind: str, values: list[Value],
                 stretches) -> None:
        self.kind, self.values, self.named = kind, values, named
        self.stretches = list(stretches)
        self.voices: list[list[int]] = []
        seen = set()
        for members in by_voice.values():
            if kind == "figure" and len({values[i][0] for i in members}) > 1:
                continue  # a voice with figures of two units contradicts no other voice
            if kind == "date" and self.stretches:
                self.voices.append(members)  # a stretch excludes itself: no two voices are alike
                continue
            sig = frozenset(values[i] for i in members)
            if sig not in seen:
                seen.add(sig)
                self.voices.append(sorted(members, key=lambda i: values[i]))
        self.sorted = [self._sorted(m) for m in self.voices]

    def _sorted(self, members: list[int]):
        if self.kind == "words":
            return {self.values[i] for i in members}
        rows = sorted((self.values[i][1], self.values[i][2]) for i in members)
        los, top, most = [], [], None
        for lo, hi in rows:
            most = hi if most is None or hi > most else most
            los.append(lo)
            top.append(most)
        return self.values[members[0]][0], los, top

    def differ(self) -> bool:
        if self.kind != "words" and self._one_point():
            return False
        n = len(self.voices)
        for a in range(n):
            for b in range(a + 1, n):
                if self._meets_none(a, b) and self._meets_none(b, a):
                    return True
        return False

    def _one_point(self) -> bool:
        """Whether the ranges of each unit all share a point (then no two contradict)."""
        lows: dict = {}
        highs: dict = {}
        for members in self.voices:
            for i in members:
                unit, lo, hi = self.values[i]
                if unit not in lows or hi < lows[unit]:
                    lows[unit] = hi
                if unit not in highs or lo > highs[unit]:
                    highs[unit] = lo
        return all(lows[u] >= highs[u] for u in lows)

    def _meets_none(self, a: int, b: int) -> bool:
        """Whether some claim of voice ``a`` contradicts every claim of voice ``b``."""
        values, sorted_b = self.values, self.sorted[b]
        if self.kind == "words":
            return any(values[i] not in sorted_b for i in self.voices[a])
        unit, los, top = sorted_b
        for i in self.voices[a]:
            u, lo, hi = values[i]
            if u != unit:
                return False  # this claim contradicts none of b: b's voice is of one unit
            k = bisect_right(los, hi)
            if k and top[k - 1] >= lo:
                continue  # it meets a claim of b
            if self.kind == "date" and self.stretches and not self.named[i] and not all(
                    not self._moment(i, j) for j in self.voices[b]):
                continue
            return True
        return False

    def _moment(self, i: int, j: int) -> bool:
        """Whether dates ``i`` and ``j`` (neither naming its subject) both lie within a
        stretch of the group other than themselves."""
        if self.named[j]:
            return False
        _u, s1, e1 = self.values[i]
        _u, s2, e2 = self.values[j]
        start, end = min(s1, s2), max(e1, e2)
        return any(k != i and k != j and s <= start and end <= e for k, s, e in self.stretches)
