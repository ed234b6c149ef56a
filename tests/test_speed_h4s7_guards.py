"""The date scanner's guards share one tree of every form's prefixes: each answers for its
own forms what a tree of those forms alone answers, and a scan finds what the whole
pattern finds."""

import random

from kb.dates import grammar
from kb.dates.prefilter import Alternation, Dispatch

_WORDS = ("the fall of 1979", "the first week", "The 1980s", "then", "theory", "Thursday", "thirty",
          "June 5", "Jun.", "jungle", "1988-07-01", "19 May", "mid-1990s", "early in 2001", "late",
          "last year", "last", "spring", "Spring 2019", "summer of", "sept. 3")


def test_a_guard_answers_for_its_forms_as_a_tree_of_them_alone():
    alt = grammar._alternation()
    rng = random.Random(3)
    keys = {w[:alt.GUARD_WIDTH] for w in _WORDS} | {"".join(rng.choice("thefirsJun 19-") for _ in range(6))
                                                     for _ in range(200)}
    sets = [tuple(range(len(alt.forms)))] + [tuple(sorted(rng.sample(range(len(alt.forms)), k)))
                                             for k in (1, 3, 8, 20) for _ in range(3)]
    shared = alt._deep_for(range(len(alt.forms)))
    for which in sets:
        own = Dispatch([alt._deep(i) for i in which])
        members = set(which)
        for key in keys:
            assert tuple(which[k] for k in own.which(key)) == tuple(
                i for i in shared.which(key) if i in members), (which, key)


def _scanner():
    alt = Alternation(grammar._HEAD, grammar._FORMS, grammar._TAIL, grammar.re.IGNORECASE, word_start=True)
    alt.GUARD_AFTER = alt.COMPILE_AFTER = 2          # guards made at once, on a short text
    alt.DIRECT_UPTO = 0
    return alt


def test_a_scan_with_guards_finds_what_the_whole_pattern_finds():
    alt = _scanner()
    rng = random.Random(5)
    text = " ".join(rng.choice(_WORDS) + rng.choice(["", ",", "."]) for _ in range(600))
    got = [(m.span(), m.lastgroup) for m in alt.finditer(text)]
    assert alt._guards, "no guard was made"
    assert got == [(m.span(), m.lastgroup) for m in alt.whole.finditer(text)]
    assert len(got) > 100


def test_a_date_that_opens_with_a_letter_that_folds_to_ascii_is_found():
    # "ſ" (long s) is "s" ignoring case: the whole pattern reads "ſept. 1988" as a month and
    # year, and so must a scan that the prefilter (its "[sS]") would have passed over
    alt = _scanner()
    for text in ("It began in ſept. 1988 and ended in Sept. 1989. " * 40, "\u212aislev 1988 " * 5):
        got = [(m.span(), m.lastgroup) for m in alt.finditer(text)]
        assert got == [(m.span(), m.lastgroup) for m in alt.whole.finditer(text)]
    assert ((12, 22), "my") in [(m.span(), m.lastgroup) for m in alt.finditer("It began in ſept. 1988.")]
