"""Figures on long input: a qualifier word with no number after it is passed over
before the places are tried (kb.ingest.figures._number_follows); same answers."""

import random
from bisect import bisect_right

from kb.ingest import figures as F
from kb.ingest.letter_runs import LETTERS

WORDS = ("the about some over nearly more than at least up to 12 3,000 five hundred thousands of people "
         "protesters were killed in a.b x. 1988 cities June 5, 1975 said, and - ; ( ) 40% half").split()


def _texts(n=300, seed=7):
    rnd = random.Random(seed)
    for _ in range(n):
        yield " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 40))) + rnd.choice(["", ".", " 7"])


def _slow(text, p, cores):
    k = bisect_right(cores, p)
    return any(F._QUAL_GAP.fullmatch(text, p, c) for c in cores[k:k + F._QUAL_WORDS])


def test_number_follows_is_the_direct_test():
    for text in _texts():
        cores = sorted(m.start() for m in F._DIGIT.finditer(text))
        cores += [m.start() for m in LETTERS.finditer(text) if m.group(0).lower() in F._CORE_FIRST]
        cores.sort()
        for m in LETTERS.finditer(text):
            assert F._number_follows(text, m.start(), cores) == _slow(text, m.start(), cores), (text, m.start())


def test_same_figures_with_the_direct_test(monkeypatch):
    texts = list(_texts(200, seed=11))
    fast = [[(f.start, f.end, f.value, f.measure) for f in F.find_figures(t)] for t in texts]
    monkeypatch.setattr(F, "_number_follows", _slow)
    slow = [[(f.start, f.end, f.value, f.measure) for f in F.find_figures(t)] for t in texts]
    assert fast == slow
    assert any(fast)        # the texts hold figures


def test_no_number_no_core_tests(monkeypatch):
    """A long text without a number: no qualifier word is matched against a number."""
    text = "the group met about the country " * 2000
    calls = []
    real = F._QUAL_GAP

    class Counting:
        def match(self, *a):
            calls.append(a)
            return real.match(*a)

        def fullmatch(self, *a):
            calls.append(a)
            return real.fullmatch(*a)

    monkeypatch.setattr(F, "_QUAL_GAP", Counting())
    assert F.find_figures(text) == []
    assert calls == []
