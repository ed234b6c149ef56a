"""The registry's scanner (kb.dates.scan) finds a date that opens with a letter that folds to
ASCII ignoring case (ſ, K, İ, ı): its prefixes read "[sS]", which ``re.IGNORECASE`` also
matches to "ſ", so such a text is looked at through a copy with those letters made ASCII,
and finds what every rule tried at every word finds."""

import random
import re
import string
from datetime import date

from kb.dates import tag_dates
from kb.dates.prefilter import FOLDS_TO_ASCII
from kb.dates.scan import FOLD, Scanner, scanner


class _EveryRule(Scanner):
    """The oracle: every rule tried at every word's start (no prefilter, no dispatch)."""

    def __init__(self, table):
        super().__init__(table)
        self.where = None

    def candidates(self, key):
        got = self._by_key.get(key)
        if got is None:
            got = self._by_key[key] = tuple((i, self._pattern(i).match) for i in range(len(self.rules)))
        return got


def test_fold_is_what_ignorecase_matches():
    assert set(FOLD) == {ord(c) for c in FOLDS_TO_ASCII}
    for c in FOLDS_TO_ASCII:
        ascii_ = [a for a in string.ascii_lowercase if re.fullmatch(a, c, re.IGNORECASE)]
        assert ascii_ == [c.translate(FOLD)], c


_PHRASES = ("spring 1988", "summer of 1990", "seven days later", "second quarter", "sixth of May",
            "in spring", "it was sixty years ago", "since last year", "six months", "Independence Day",
            "in the 1990s", "Sept. 3, 1988", "Kwanzaa")


def test_a_text_with_folding_letters_finds_what_every_rule_finds():
    rng = random.Random(7)
    folds = {"s": "\u017f", "S": "\u017f", "k": "\u212a", "K": "\u212a", "i": "\u0131", "I": "\u0130"}
    parts = []
    for _ in range(60):
        p = rng.choice(_PHRASES)
        parts.append(folds.get(p[0], p[0]) + p[1:] if rng.random() < 0.6 else p)
    text = ". It was ".join(parts) + "."
    oracle = _EveryRule(scanner().rules)
    got = [(h.start, h.end, h.rule.name) for h in scanner().finditer(text)]
    assert got == [(h.start, h.end, h.rule.name) for h in oracle.finditer(text)]
    assert sum(text[s] in FOLDS_TO_ASCII for s, _e, _r in got) > 10


def test_kb_tag_reads_a_date_opening_with_a_folding_letter_as_its_ascii_twin():
    # the builders get the words as the pattern read them: "ſpring" is the season "spring"
    anchor = date(1990, 5, 1)
    for words in ("spring 1988", "seven days later", "second quarter", "sixth of May", "six months",
                  "Independence Day"):
        folded = {"s": "\u017f", "I": "\u0130"}[words[0]] + words[1:]
        got = [(m.start, m.end, m.text, m.rule, m.value) for m in tag_dates(f"It was {folded}.", anchor)]
        plain = [(m.start, m.end, folded, m.rule, m.value) for m in tag_dates(f"It was {words}.", anchor)]
        assert got == plain and len(got) == 1, (got, plain)
