"""The date scanners' fast paths compile each rule once and give the matches of the slow
ones: the tree of prefixes walked in Python (Dispatch), the registry's scanner trying
each candidate rule's own pattern, the grammar's narrowed and guarded places, and the
tree-built alternation of the figure finder's runs of letters (issues 13 and 16)."""

from __future__ import annotations

import random
import re
from datetime import date

from kb.dates.prefilter import FOLDS_TO_ASCII, Alternation, Dispatch, compile_prefixes, prefixes
from kb.ingest.letter_runs import trie_alternation

TEXT = ("In the fall of 1976, the 1970s and 1980s, the late 1970s; the past 12 months to June 2019 and "
        "the following years. On Friday the group said it met last week, three days ago, at 9 a.m. "
        "Tuesday; the third quarter of fiscal 1989, early next year, 12 Farvardin 1358, in the autumn. "
        "The theory of 2000 people: in May 2019, on 6 July 1988, the mid 1990s, in 1981-82, thereafter. ")


def test_the_folds_to_ascii_are_those_the_trigger_test_lists():
    from kb.dates.find import _FOLDS_TO_ASCII     # every one there (tests/test_dates_fast_paths.py)

    assert FOLDS_TO_ASCII == set(_FOLDS_TO_ASCII)


def test_dispatch_answers_as_each_compiled_prefix_pattern():
    from kb.dates.registry import rules

    found = [prefixes(f"(?:{r.pattern})", 6, re.IGNORECASE) for r in rules()[::3]]
    sets = [f[0] if f is not None else None for f in found]
    dispatch = Dispatch(sets)
    compiled = [compile_prefixes(f) if f is not None else None for f in sets]
    rnd = random.Random(8)
    keys = {TEXT[i:i + 6] for i in range(len(TEXT))} | {TEXT[i:i + n] for i in range(0, len(TEXT), 7) for n in (1, 3)}
    keys |= {"".join(rnd.choice("tThe 19fal-,.'0Ä") for _ in range(rnd.randint(0, 6))) for _ in range(150)}
    for key in keys:
        assert dispatch.which(key) == tuple(i for i, c in enumerate(compiled) if c is None or c.match(key)), key
        assert dispatch.which(key) == dispatch.which(key)        # remembered, the same


def test_prefixes_of_a_source_are_those_of_its_compiled_pattern():
    from kb.dates.grammar import _FORMS

    for _name, p in _FORMS[::4]:
        assert prefixes(f"(?:{p})", 6, re.IGNORECASE) == prefixes(re.compile(f"(?:{p})", re.IGNORECASE), 6)


def _every_rule_everywhere(scanner, text):
    """The registry's scan done the slow way: every rule at every place, the longest wins."""
    out, end = [], 0
    for at in range(len(text)):
        if at < end:
            continue
        best = None
        for i, rule in enumerate(scanner.rules):
            m = re.compile(rf"(?<![\w])(?:{rule.pattern})(?![\w])", re.IGNORECASE).match(text, at)
            if m is not None and m.end() > at and (best is None or m.end() > best[0]):
                best = (m.end(), i)
        if best is not None:
            out.append((at, best[0], scanner.rules[best[1]].name))
            end = best[0]
    return out


def test_the_registry_scanner_finds_what_every_rule_tried_everywhere_finds():
    from kb.dates.scan import scanner

    sc = scanner()
    text = TEXT[:260]
    assert [(h.start, h.end, h.rule.name) for h in sc.finditer(text)] == _every_rule_everywhere(sc, text)
    # each rule is compiled once, alone: never a pattern of several rules
    assert all(p is None or p.pattern.count("(?<![\\w])") == 1 for p in sc._compiled)


def test_the_registry_scanner_gives_way_to_the_next_longest_rule():
    from kb.dates.scan import scanner

    text = "They met three days ago in Paris."
    assert [(h.start, h.end, h.rule.name) for h in scanner().finditer(text)] == [(9, 23, "ago")]
    refused = [(h.start, h.end, h.rule.name) for h in scanner().finditer(text, lambda h: h.rule.name != "ago")]
    assert refused == [(9, 19, "duration")]      # "three days", the next longest at the same place


def test_guarded_places_give_the_matches_of_the_whole_pattern_even_with_letters_that_fold():
    from kb.dates.grammar import _FORMS, _HEAD, _TAIL

    alt = Alternation(_HEAD, _FORMS, _TAIL, re.IGNORECASE, word_start=True)
    alt.COMPILE_AFTER = alt.GUARD_AFTER = 1
    alt.DIRECT_UPTO = 0
    rnd = random.Random(13)
    pieces = TEXT.split(" ") + ["the ſpring of 1976", "the \u212aatest", "\u0130n May 2019", "the", "the", "1976"]
    for _ in range(10):
        text = " ".join(rnd.choice(pieces) for _ in range(rnd.randint(5, 60)))
        got = [(m.start(), m.end(), m.lastgroup) for m in alt.finditer(text)]
        assert got == [(m.start(), m.end(), m.lastgroup) for m in alt.whole.finditer(text)], text
    assert any(alt._guards.values())
    spring = "in the ſpring of 1976 and the spring of 1977 " * 3
    assert [m.group() for m in alt.finditer(spring)] == [m.group() for m in alt.whole.finditer(spring)]


def test_tag_dates_reads_the_same_after_warm_up():
    from kb.dates.tag import tag_dates

    once = [(m.start, m.end, m.value, m.rule) for m in tag_dates(TEXT, date(1998, 10, 27))]
    again = [(m.start, m.end, m.value, m.rule) for m in tag_dates(TEXT * 3, date(1998, 10, 27))][:len(once)]
    assert once == again and len(once) > 15


def test_a_tree_built_alternation_matches_as_the_flat_one_longest_first():
    assert trie_alternation(["report", "reported", "reporter", "re"]) == "re(?:port(?:e(?:d|r))?)?"
    rnd = random.Random(3)
    for _ in range(100):
        words = ["".join(rnd.choice("abC") for _ in range(rnd.randint(1, 5))) for _ in range(rnd.randint(1, 12))]
        text = "".join(rnd.choice("abC .") for _ in range(150))
        flat = "(?:" + "|".join(map(re.escape, sorted(set(words), key=len, reverse=True))) + ")"
        for tail in ("", "(?![A-Za-z])"):
            assert [m.span() for m in re.finditer(flat + tail, text)] == \
                [m.span() for m in re.finditer(trie_alternation(words) + tail, text)], (words, text)
    assert re.search(trie_alternation([]), "anything") is None
